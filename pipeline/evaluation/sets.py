"""The hand-labeled evaluation set: its JSONL format, loading and validation.

One JSON object per line:

    {"id": "a001", "title": "...", "company": "...", "kind": "ats", "text": "...",
     "role": "llm_engineer", "seniority": "senior", "remote": "hybrid",
     "skills": [{"id": "python", "text": "Python", "occurrence": 1, "negated": false}],
     "notes": "..."}

`kind` is `ats`, `hn`, `aggregator`, `truncated` or `lab_gov`. Each skill label names a taxonomy
id and the exact words of the mention; `occurrence` says which (1-based, case-sensitive)
occurrence of those words in `text` it is, so every label resolves to one character span. A skill
outside the taxonomy has `"id": null` and its canonical `"name"`. The real-posting corpus also
gives each posting its `url`, `country` and `salary` (null, or `{"min", "max", "currency",
"period"}`); a set without a `salary` key does not label salary, so salary is not scored on it.
Anything that does not resolve, an unknown id, a duplicate posting id or a malformed line raises
`InputError` naming the file, the line and the posting.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.nlp.taxonomy import Taxonomy, load_taxonomy
from jobtrends.pipeline.validation import STRICT, describe
from jobtrends.pipeline.vocab import REMOTES, ROLES, SENIORITIES

KINDS = ("ats", "hn", "aggregator", "truncated", "lab_gov")
PERIODS = ("year", "month", "week", "day", "hour")
PACKAGE = "jobtrends.pipeline.evaluation"


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One labeled skill mention, resolved to the character span `start:end` of the text;
    `skill_id` is None for a skill outside the taxonomy (`name` says which)."""

    skill_id: str | None
    text: str
    occurrence: int
    negated: bool
    start: int
    end: int
    name: str = ""


@dataclass(frozen=True, slots=True)
class GoldSalary:
    min: float | None
    max: float | None
    currency: str | None
    period: str


@dataclass(frozen=True, slots=True)
class GoldPosting:
    id: str
    title: str
    company: str
    kind: str
    text: str
    role: str
    seniority: str
    remote: str
    skills: tuple[GoldMention, ...]
    notes: str
    source: str  # the file it came from
    url: str = ""
    country: str | None = None
    salary: GoldSalary | None = None
    salary_labeled: bool = False  # False: the set does not label salary (it is not scored)


def _one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"one of {', '.join(choices)}")
        return value

    return check


def _non_empty(value: str) -> str:
    if not value:
        raise ValueError("non-empty text")
    return value


def _taxonomy_id(value: str | None, info: ValidationInfo) -> str | None:
    if value is not None and value not in (info.context or {}).get("skills", ()):
        raise ValueError("a skill id of the taxonomy (or null for a skill outside it)")
    return value


class SkillLabel(BaseModel):
    """`{"id", "text", "occurrence", "negated"}` (and `name`): the `occurrence`-th `text` in the
    posting; `id` null names a skill outside the taxonomy, whose `name` is then required."""

    model_config = STRICT

    id: Annotated[str | None, AfterValidator(_taxonomy_id)]
    name: str = ""
    text: Annotated[str, AfterValidator(_non_empty)]
    occurrence: Annotated[int, Field(ge=1)]
    negated: bool

    @model_validator(mode="after")
    def _named_when_outside(self) -> SkillLabel:
        if self.id is None and not self.name.strip():
            raise ValueError("a skill outside the taxonomy (id null) needs its name")
        return self


class SalaryLabel(BaseModel):
    """A stated salary: amounts as written (a single amount has min = max), ISO currency."""

    model_config = STRICT

    min: float | int | None
    max: float | int | None
    currency: str | None
    period: Annotated[str, AfterValidator(_one_of(PERIODS))]


class LabeledPosting(BaseModel):
    """One line of an evaluation file (see the module doc)."""

    model_config = STRICT

    id: Annotated[str, AfterValidator(_non_empty)]
    title: str
    company: str
    kind: Annotated[str, AfterValidator(_one_of(KINDS))]
    text: str
    role: Annotated[str, AfterValidator(_one_of(ROLES))]
    seniority: Annotated[str, AfterValidator(_one_of(SENIORITIES))]
    remote: Annotated[str, AfterValidator(_one_of(REMOTES))]
    skills: list[SkillLabel]
    notes: str
    url: str = ""
    country: str | None = None
    salary: SalaryLabel | None = None


def packaged_set_files() -> list[Traversable]:
    """Every `*.jsonl` file shipped in `jobtrends.pipeline.evaluation`, by name."""
    root = resources.files(PACKAGE)
    return sorted((e for e in root.iterdir() if e.name.endswith(".jsonl")), key=lambda e: e.name)


def load_eval_set(
    paths: Sequence[Path | Traversable] | None = None, taxonomy: Taxonomy | None = None
) -> list[GoldPosting]:
    """Load and validate the given files (default: the packaged ones); ids are unique overall."""
    files = list(paths) if paths else packaged_set_files()
    if not files:
        raise InputError(f"no evaluation files found in package {PACKAGE}; pass --set FILE")
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    postings: list[GoldPosting] = []
    seen: dict[str, str] = {}
    for entry in files:
        try:
            content = entry.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{entry}: cannot read the evaluation file ({exc})") from exc
        for posting in parse_eval_lines(content.splitlines(), str(entry), taxonomy.by_id):
            if posting.id in seen:
                raise InputError(
                    f"{entry}: posting id {posting.id!r} is already used in {seen[posting.id]}"
                )
            seen[posting.id] = str(entry)
            postings.append(posting)
    return postings


def parse_eval_lines(
    lines: Iterable[str], where: str, skills: Mapping[str, object]
) -> list[GoldPosting]:
    """Parse JSONL lines (blank lines skipped); `skills` maps the valid taxonomy ids. A mistake
    raises `InputError` naming the file, the line, the posting and the key, e.g.
    ``set.jsonl:3: posting a017: skills[1].occurrence: got 0, expected a number >= 1``."""
    postings = []
    named = _names_to_ids(skills)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise InputError(f"{where}:{number}: each line must be a JSON object")
        postings.append(_posting(record, f"{where}:{number}", skills, named))
    return postings


def _names_to_ids(skills: Mapping[str, object]) -> dict[str, str]:
    """Every surface form of the taxonomy, lower-cased, and the id it names."""
    named: dict[str, str] = {}
    for skill_id, skill in skills.items():
        for form in getattr(skill, "surface_forms", ()):
            named.setdefault(form.lower(), skill_id)
    return named


def _posting(
    record: dict[str, Any], where: str, skills: Mapping[str, object], named: Mapping[str, str]
) -> GoldPosting:
    posting_id = record.get("id")
    if isinstance(posting_id, str) and posting_id:
        where = f"{where}: posting {posting_id}"
    try:
        labeled = LabeledPosting.model_validate(record, context={"skills": skills})
    except ValidationError as failure:
        raise InputError(describe(failure, origin=where)) from None
    mentions = tuple(
        _mention(label, labeled.text, f"{where}: skills[{index}]", named)
        for index, label in enumerate(labeled.skills)
    )
    _check_overlaps(mentions, where)
    salary = labeled.salary
    return GoldPosting(
        id=labeled.id,
        title=labeled.title,
        company=labeled.company,
        kind=labeled.kind,
        text=labeled.text,
        role=labeled.role,
        seniority=labeled.seniority,
        remote=labeled.remote,
        skills=tuple(sorted(mentions, key=lambda m: m.start)),
        notes=labeled.notes,
        source=where.split(":", 1)[0],
        url=labeled.url,
        country=labeled.country,
        salary=None
        if salary is None
        else GoldSalary(
            None if salary.min is None else float(salary.min),
            None if salary.max is None else float(salary.max),
            salary.currency,
            salary.period,
        ),
        salary_labeled="salary" in labeled.model_fields_set,
    )


def _mention(label: SkillLabel, text: str, where: str, named: Mapping[str, str]) -> GoldMention:
    """The label resolved to its span; `InputError` when the text has too few occurrences. A
    skill labeled outside the taxonomy whose name the taxonomy now has takes that skill's id, so
    growing the taxonomy never needs the labels rewritten."""
    start = _nth_find(text, label.text, label.occurrence)
    if start < 0:
        raise InputError(
            f"{where}: {label.text!r} occurs fewer than {label.occurrence} time(s) in the posting "
            "text"
        )
    end = start + len(label.text)
    skill_id = label.id if label.id is not None else named.get(label.name.strip().lower())
    name = label.name if skill_id is None else ""
    return GoldMention(skill_id, label.text, label.occurrence, label.negated, start, end, name)


def _nth_find(text: str, words: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence):
        at = text.find(words, at + 1)
        if at < 0:
            return -1
    return at


def _check_overlaps(mentions: Sequence[GoldMention], where: str) -> None:
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    for previous, current in itertools.pairwise(ordered):
        if current.start < previous.end:
            raise InputError(
                f"{where}: skill labels {previous.text!r} (occurrence {previous.occurrence}) and "
                f"{current.text!r} (occurrence {current.occurrence}) overlap"
            )
