"""Score the extraction against the hand-labeled evaluation set (`jobtrends eval`).

Every gold posting runs through the real extraction (`extract_batch`). A predicted skill mention is
a true positive when its span overlaps a gold span with the same skill id; each gold mention is
matched at most once. A gold skill outside the taxonomy (no id) can only be missed: it counts in
recall, under the category `outside_taxonomy`. Precision, recall and F1 are reported overall, per
taxonomy category and per posting kind, with recall on the set's 100 most often labeled skills;
negation accuracy is measured on the matched mentions; role, seniority and remote get an accuracy
and a confusion matrix (rows gold, columns predicted), role also a macro-F1; on sets that label
salary, a salary is exact when min, max, currency and period all agree (no salary on both sides
is exact too), and a salary where none is stated is counted as invented. Every false positive
and false negative is listed with the line it stands on, most frequent skills first.
`PostingScore` keeps each posting's share of every figure, so `intervals` can resample postings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from jobtrends.pipeline.evaluation.salary_score import salary_outcome, shown_salary
from jobtrends.pipeline.evaluation.sets import KINDS, GoldMention, GoldPosting
from jobtrends.pipeline.nlp import extract_batch
from jobtrends.pipeline.nlp.taxonomy import Taxonomy, load_taxonomy
from jobtrends.pipeline.results import Extraction, PostingText, SkillMention
from jobtrends.pipeline.vocab import REMOTES, ROLES, SENIORITIES

OUTSIDE = "outside_taxonomy"
TOP_SKILLS = 100
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "role": ROLES,
    "seniority": SENIORITIES,
    "remote": REMOTES,
}


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class SkillError:
    posting: str
    kind: str
    error: str  # "false_positive" or "false_negative"
    skill_id: str
    text: str
    start: int
    line: str


@dataclass(slots=True)
class Confusion:
    """Gold (rows) against predicted (columns) for one attribute."""

    labels: tuple[str, ...]
    cells: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, gold: str, predicted: str) -> None:
        self.cells[(gold, predicted)] += 1

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    @property
    def accuracy(self) -> float:
        right = sum(n for (gold, predicted), n in self.cells.items() if gold == predicted)
        return right / self.total if self.total else 0.0

    def matrix(self) -> dict[str, dict[str, int]]:
        return {g: {p: self.cells[(g, p)] for p in self.labels} for g in self.labels}

    @property
    def macro_f1(self) -> float:
        """The mean F1 over the labels that occur in the gold column."""
        scores = []
        for label in self.labels:
            tp = self.cells[(label, label)]
            gold = sum(n for (g, _), n in self.cells.items() if g == label)
            predicted = sum(n for (_, p), n in self.cells.items() if p == label)
            if gold:
                scores.append(2 * tp / (gold + predicted))
        return sum(scores) / len(scores) if scores else 0.0


@dataclass(frozen=True, slots=True)
class PostingScore:
    """One posting's share of every figure (what the bootstrap resamples)."""

    kind: str
    skills: Counts
    top_skills: Counts  # mentions of the set's most often labeled skills (recall only)
    by_category: dict[str, Counts]
    attributes: dict[str, tuple[str, str]]  # attribute -> (gold, predicted)
    salary: str | None  # "exact", "wrong", "missed", "invented" or None when not labeled
    role_confidence: float = 0.0


@dataclass(slots=True)
class Evaluation:
    postings: int
    overall: Counts
    by_category: dict[str, Counts]
    by_kind: dict[str, Counts]
    negation_matched: int
    negation_correct: int
    attributes: dict[str, Confusion]
    errors: list[SkillError]
    attribute_errors: list[tuple[str, str, str, str]]  # (posting, attribute, gold, predicted)
    per_posting: list[PostingScore] = field(default_factory=list)
    top_skills: Counts = field(default_factory=Counts)
    salary: Counter[str] = field(default_factory=Counter)
    salary_errors: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def negation_accuracy(self) -> float:
        matched = self.negation_matched
        return self.negation_correct / matched if matched else 0.0

    @property
    def salary_exact(self) -> float:
        scored = sum(self.salary.values())
        return self.salary["exact"] / scored if scored else 0.0


def evaluate(
    postings: Sequence[GoldPosting], nlp: Language | None = None, taxonomy: Taxonomy | None = None
) -> Evaluation:
    """Run the extraction over `postings` and score it (see the module doc)."""
    inputs = [PostingText(p.id, p.title, p.text, company=p.company) for p in postings]
    return score(postings, extract_batch(inputs, nlp), taxonomy)


def score(
    postings: Sequence[GoldPosting],
    extractions: Sequence[Extraction],
    taxonomy: Taxonomy | None = None,
) -> Evaluation:
    """Score extractions (in the order of `postings`) against the gold labels."""
    categories: dict[str | None, str] = {
        s.id: s.category for s in (taxonomy or load_taxonomy()).skills
    }
    categories[None] = OUTSIDE
    frequent = _most_labeled(postings)
    overall, top = Counts(), Counts()
    by_category: dict[str, Counts] = defaultdict(Counts)
    by_kind: dict[str, Counts] = {kind: Counts() for kind in KINDS}
    attributes = {name: Confusion(labels) for name, labels in ATTRIBUTES.items()}
    negation = [0, 0]
    errors: list[SkillError] = []
    attribute_errors = []
    per_posting = []
    salary: Counter[str] = Counter()
    salary_errors = []
    for gold, predicted in zip(postings, extractions, strict=True):
        for name, confusion in attributes.items():
            expected, got = getattr(gold, name), getattr(predicted, name)
            confusion.add(expected, got)
            if expected != got:
                attribute_errors.append((gold.id, name, expected, got))
        outcome = _match(gold, predicted)
        mine, my_top = Counts(), Counts()
        my_categories: defaultdict[str, Counts] = defaultdict(Counts)
        for skill_id, result in outcome.results:
            category = categories[skill_id]
            for counts in (overall, by_category[category], by_kind[gold.kind], mine):
                _add(counts, result)
            _add(my_categories[category], result)
            if skill_id in frequent and result != "fp":
                _add(top, result)
                _add(my_top, result)
        negation[0] += len(outcome.negation_pairs)
        negation[1] += sum(g == p for g, p in outcome.negation_pairs)
        errors.extend(outcome.errors)
        paid = salary_outcome(gold, predicted.salary) if gold.salary_labeled else None
        if paid is not None:
            salary[paid] += 1
            if paid != "exact":
                salary_errors.append(
                    (gold.id, paid, shown_salary(gold.salary), shown_salary(predicted.salary))
                )
        per_posting.append(
            PostingScore(
                gold.kind,
                mine,
                my_top,
                dict(my_categories),
                {name: (getattr(gold, name), getattr(predicted, name)) for name in ATTRIBUTES},
                paid,
                predicted.role_confidence,
            )
        )
    return Evaluation(
        postings=len(postings),
        overall=overall,
        by_category=dict(sorted(by_category.items())),
        by_kind={kind: counts for kind, counts in by_kind.items() if counts != Counts()},
        negation_matched=negation[0],
        negation_correct=negation[1],
        attributes=attributes,
        errors=_worst_first(errors),
        attribute_errors=attribute_errors,
        per_posting=per_posting,
        top_skills=top,
        salary=salary,
        salary_errors=salary_errors,
    )


def _add(counts: Counts, result: str) -> None:
    setattr(counts, result, getattr(counts, result) + 1)


def _most_labeled(postings: Sequence[GoldPosting]) -> frozenset[str | None]:
    """The TOP_SKILLS skills labeled in the most postings (ties by id), outside ones included."""
    postings_with = Counter(
        skill for p in postings for skill in {m.skill_id or f"?{m.name}" for m in p.skills}
    )
    ranked = sorted(postings_with.items(), key=lambda item: (-item[1], item[0]))
    top = {skill for skill, _ in ranked[:TOP_SKILLS]}
    return frozenset(s if not s.startswith("?") else None for s in top)


@dataclass(slots=True)
class _Outcome:
    results: list[tuple[str | None, str]] = field(default_factory=list)  # (id, "tp"|"fp"|"fn")
    negation_pairs: list[tuple[bool, bool]] = field(default_factory=list)
    errors: list[SkillError] = field(default_factory=list)


def _match(gold: GoldPosting, extraction: Extraction) -> _Outcome:
    outcome = _Outcome()
    unmatched: list[GoldMention] = list(gold.skills)
    for mention in extraction.skills:
        hit = next((g for g in unmatched if _same_span(g, mention)), None)
        if hit is None:
            outcome.results.append((mention.skill_id, "fp"))
            outcome.errors.append(
                _error(gold, "false_positive", mention.skill_id, mention.text, mention.start)
            )
            continue
        unmatched.remove(hit)
        outcome.results.append((mention.skill_id, "tp"))
        outcome.negation_pairs.append((hit.negated, mention.negated))
    for missed in unmatched:
        outcome.results.append((missed.skill_id, "fn"))
        outcome.errors.append(
            _error(
                gold,
                "false_negative",
                missed.skill_id or f"outside:{missed.name}",
                missed.text,
                missed.start,
            )
        )
    return outcome


def _same_span(gold: GoldMention, mention: SkillMention) -> bool:
    """Same skill, and the spans overlap."""
    return (
        gold.skill_id == mention.skill_id and gold.start < mention.end and mention.start < gold.end
    )


def _error(gold: GoldPosting, error: str, skill_id: str, words: str, start: int) -> SkillError:
    line_start = gold.text.rfind("\n", 0, start) + 1
    line_end = gold.text.find("\n", start)
    line = gold.text[line_start : line_end if line_end >= 0 else len(gold.text)].strip()
    return SkillError(gold.id, gold.kind, error, skill_id, words, start, line)


def _worst_first(errors: Iterable[SkillError]) -> list[SkillError]:
    """Errors of the skills that fail most often first, then by posting and position."""
    listed = list(errors)
    frequency = Counter((e.error, e.skill_id) for e in listed)
    return sorted(
        listed, key=lambda e: (-frequency[(e.error, e.skill_id)], e.skill_id, e.posting, e.start)
    )
