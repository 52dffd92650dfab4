"""The `jobtrends_skills` component: taxonomy skills found in the text; `doc._.skills` gives them
as spans labelled with the skill id.

Safe aliases match case-insensitively (`PhraseMatcher(attr="LOWER")`); case-sensitive skills and
ambiguous forms match in exact case, and ambiguous ones must then pass the context gate
(`jobtrends.pipeline.nlp.gate`). Matches are whole tokens only. What is known about each match is
kept as a plain `Mention` in `doc.user_data` (`mentions_of(doc)`), which extraction reads without
touching spaCy objects; the spans are built from them when asked for (building one per mention
of every posting would cost more than the rest of the component), and read them back as
`span._.skill_id`, `._.section`, `._.nice_to_have` and (set by `jobtrends_negation`)
`._.negated`.
The taxonomy comes in at `initialize` (default: the package taxonomy) and is saved with the
pipeline, so `nlp.to_disk` / `spacy.load` reproduce the same matcher.
"""

from __future__ import annotations

import bisect
import functools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.training import Example

from jobtrends.pipeline.nlp.candidates import Candidate
from jobtrends.pipeline.nlp.gate import select_mentions
from jobtrends.pipeline.nlp.sections import Line, lines_of, source_text, split_lines
from jobtrends.pipeline.nlp.taxonomy import Skill, Taxonomy, load_taxonomy
from jobtrends.pipeline.nlp.terms import NICE_CUE, TERMS_KEY, Term, cue_offsets, term_forms

FACTORY = "jobtrends_skills"  # the spaCy factory name of this component

MENTIONS_KEY = "jobtrends.mentions"
_TAXONOMY_FILE = "taxonomy.json"


@dataclass(slots=True)
class Mention:
    """One accepted skill match: token range `start:end`, character range, section and flags."""

    skill_id: str
    start: int
    end: int
    start_char: int
    end_char: int
    section: str
    nice_to_have: bool
    negated: bool = False


def mentions_of(doc: Doc) -> list[Mention]:
    """The mentions `jobtrends_skills` found in `doc`, in text order."""
    mentions = doc.user_data.get(MENTIONS_KEY)
    return mentions if isinstance(mentions, list) else []


def _skills_of(doc: Doc) -> list[Span]:
    return [Span(doc, m.start, m.end, label=m.skill_id) for m in mentions_of(doc)]


def _mention_at(span: Span) -> Mention | None:
    for mention in mentions_of(span.doc):
        if (mention.start, mention.end, mention.skill_id) == (span.start, span.end, span.label_):
            return mention
    return None


def _section_of(span: Span) -> str | None:
    mention = _mention_at(span)
    return mention.section if mention else None


def _nice_to_have(span: Span) -> bool:
    mention = _mention_at(span)
    return mention.nice_to_have if mention else False


def _negated(span: Span) -> bool:
    mention = _mention_at(span)
    return mention.negated if mention else False


if not Doc.has_extension("skills"):
    Doc.set_extension("skills", getter=_skills_of)
if not Span.has_extension("skill_id"):
    Span.set_extension("skill_id", getter=lambda span: span.label_)
for _name, _getter in (
    ("section", _section_of),
    ("negated", _negated),
    ("nice_to_have", _nice_to_have),
):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)


# Build the tuples without the Python-level `__new__` of a NamedTuple: there is one per match.
_new_candidate = functools.partial(tuple.__new__, Candidate)
_new_term = functools.partial(tuple.__new__, Term)


class _Key(NamedTuple):
    skill_id: str
    gated: bool
    # Token ORTH sequences an exact-case form must have; None for forms matched in any case.
    orths: frozenset[tuple[int, ...]] | None


class SkillMatcher:
    """One PhraseMatcher on LOWER finds every form; exact-case forms are then checked on ORTH,
    which gives the matches of a separate ORTH matcher at the cost of a few token reads."""

    def __init__(self, nlp: Language, name: str, context_window: int) -> None:
        self.nlp = nlp
        self.name = name
        self.context_window = context_window
        self.taxonomy: Taxonomy | None = None
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._keys: dict[int, _Key] = {}
        self._terms: dict[int, tuple[str, str]] = {}

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        taxonomy_dir: str | None = None,
    ) -> None:
        """Load the taxonomy from `taxonomy_dir` (default: the package's own files)."""
        self.set_taxonomy(load_taxonomy(Path(taxonomy_dir) if taxonomy_dir else None))

    def set_taxonomy(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._keys = {}
        for skill in taxonomy.skills:
            self._add(skill.id, _Key(skill.id, False, None), skill.safe_forms)
            self._add("=" + skill.id, _Key(skill.id, False, frozenset()), skill.exact_forms)
            self._add("?" + skill.id, _Key(skill.id, True, frozenset()), skill.ambiguous)
        self._terms = {}
        for (group, term), forms in term_forms().items():
            name = f"~{group}~{term}"
            self._matcher.add(name, [self.nlp.make_doc(form) for form in forms])
            self._terms[self.nlp.vocab.strings.add(name)] = (group, term)

    def _add(self, name: str, key: _Key, forms: tuple[str, ...]) -> None:
        if not forms:
            return
        patterns = [self.nlp.make_doc(form) for form in forms]
        self._matcher.add(name, patterns)
        if key.orths is not None:
            key = key._replace(orths=frozenset(tuple(t.orth for t in p) for p in patterns))
        self._keys[self.nlp.vocab.strings.add(name)] = key

    def candidates(self, doc: Doc) -> list[Candidate]:
        """Every match of a taxonomy form, before the context gate and the overlap rule."""
        return self._match(doc)[0]

    def _match(self, doc: Doc) -> tuple[list[Candidate], list[Term]]:
        """The candidates, and the matches of the other rules' terms (`terms`)."""
        found = []
        terms = []
        keys = self._keys
        for name, start, end in self._matcher(doc):
            key = keys.get(name)
            if key is None:
                group, term = self._terms[name]
                terms.append(_new_term((group, term, start, end)))
                continue
            skill_id, gated, orths = key
            if orths is None or tuple(doc[i].orth for i in range(start, end)) in orths:
                found.append(_new_candidate((start, end, skill_id, gated)))
        return found, terms

    def __call__(self, doc: Doc) -> Doc:
        if self.taxonomy is None:
            self.set_taxonomy(load_taxonomy())
        assert self.taxonomy is not None
        text = source_text(doc)
        lines = lines_of(doc)
        if lines is None:
            lines = split_lines(text)
        candidates, terms = self._match(doc)
        doc.user_data[TERMS_KEY] = terms
        chosen = select_mentions(
            doc, text, candidates, self.taxonomy.by_id, lines, self.context_window
        )
        cue_words_at = cue_offsets(doc, terms, NICE_CUE)
        doc.user_data[MENTIONS_KEY] = _mentions(doc, chosen, lines, text, cue_words_at)
        return doc

    def _serialized(self) -> dict[str, Any]:
        taxonomy = self.taxonomy or load_taxonomy()
        return {
            "categories": dict(taxonomy.categories),
            "content_hash": taxonomy.content_hash,
            "skills": [_skill_to_dict(skill) for skill in taxonomy.skills],
        }

    def _restore(self, data: dict[str, Any]) -> None:
        skills = tuple(_skill_from_dict(item) for item in data["skills"])
        self.set_taxonomy(Taxonomy(skills, data["categories"], data["content_hash"]))

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(self._serialized(), sort_keys=True).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> SkillMatcher:
        self._restore(json.loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / _TAXONOMY_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SkillMatcher:
        return self.from_bytes((Path(path) / _TAXONOMY_FILE).read_bytes())


def _mentions(
    doc: Doc,
    chosen: list[Candidate],
    lines: tuple[Line, ...],
    text: str,
    cue_words_at: list[int],
) -> list[Mention]:
    """A `Mention` per chosen candidate, with its line's section and whether it is nice-to-have
    (an inline cue in its sentence, `Line.nice_at`)."""
    starts = [line.start for line in lines]
    mentions = []
    for candidate in chosen:
        start_char = doc[candidate.start].idx
        last = doc[candidate.end - 1]
        index = bisect.bisect_right(starts, start_char) - 1
        line = lines[index] if index >= 0 and start_char < lines[index].end else None
        section = line.section if line else "general"
        nice = section == "nice_to_have"
        if not nice and cue_words_at and line is not None:
            nice = line.nice_at(text, start_char, cue_words_at)
        mentions.append(
            Mention(
                candidate.skill_id,
                candidate.start,
                candidate.end,
                start_char,
                last.idx + len(last),
                section,
                nice,
            )
        )
    return mentions


def _skill_to_dict(skill: Skill) -> dict[str, Any]:
    return {
        "id": skill.id,
        "name": skill.name,
        "category": skill.category,
        "aliases": list(skill.aliases),
        "ambiguous": list(skill.ambiguous),
        "context": list(skill.context),
        "veto_next": list(skill.veto_next),
        "veto_prev": list(skill.veto_prev),
        "case_sensitive": skill.case_sensitive,
    }


def _skill_from_dict(item: dict[str, Any]) -> Skill:
    return Skill(
        id=item["id"],
        name=item["name"],
        category=item["category"],
        aliases=tuple(item["aliases"]),
        ambiguous=tuple(item["ambiguous"]),
        context=tuple(item["context"]),
        veto_next=tuple(item["veto_next"]),
        veto_prev=tuple(item["veto_prev"]),
        case_sensitive=bool(item["case_sensitive"]),
    )


@Language.factory(FACTORY, default_config={"context_window": 8})
def make_skill_matcher(nlp: Language, name: str, context_window: int) -> SkillMatcher:
    return SkillMatcher(nlp, name, context_window)
