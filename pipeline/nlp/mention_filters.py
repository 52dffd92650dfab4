"""Character-level checks on found skill mentions, the things a token gate cannot see.

- Metadata lines: a line that labels the posting rather than describing the job ("Category:
  Machine Learning", "Job Title: ...", "Department: ...") names no skill the job asks for.
- Abbreviations: "Amazon Web Services (AWS)", "machine learning (ML)": the bracketed short form
  right after the same skill is that one mention written twice.
- Degree subjects: "PhD in computer science, machine learning or a related field" names what
  the candidate studied; a field of AI in that list is no skill the job asks for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from jobtrends.pipeline.nlp.gate import FIELD_SKILLS
from jobtrends.pipeline.nlp.joined_words import joined_word_mentions, split_vendor_prefixes
from jobtrends.pipeline.nlp.sections import Line
from jobtrends.pipeline.nlp.taxonomy import Skill, Taxonomy
from jobtrends.pipeline.results import SkillMention

_METADATA = re.compile(
    r"^[\s\-•*·–]*(?:job\s+)?(?:category|categories|title|position|department|job\s+function|"
    r"industry|function)\s*:",
    re.IGNORECASE,
)
_OPEN_BRACKET = re.compile(r"\s*\(\s*$")
# A degree and the "in" that names its subjects ("Master's degree in", "Ph.D. in", "MS in");
# the short forms only in capitals ("40 ms in production" is no degree).
_DEGREE_IN = re.compile(
    r"\b(?:degrees?|ph\.?\s?d\.?|doctorates?|master'?s|masters|master|bachelor'?s|bachelors"
    r"|bachelor|msc|m\.sc\.?|bsc|b\.sc\.?|(?-i:MS|MA|BS|BA|M\.S\.|B\.S\.|M\.A\.|B\.A\.))"
    r"(?![\w.])[^.;:!?\n]{0,30}?\bin\s+",
    re.IGNORECASE,
)
# What may stand between that "in" and the field: other subjects of up to four words, each
# followed by a comma, "or", "and" or a slash.
_SUBJECTS = re.compile(
    r"(?:[A-Za-z][\w&'-]*(?:\s+[A-Za-z][\w&'-]*){0,3}"
    r"(?:\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+|\s*/\s*))*"
)
DEGREE_REACH = 150


def refined_mentions(
    text: str,
    mentions: Sequence[SkillMention],
    taxonomy: Taxonomy,
    lines: tuple[Line, ...] | None,
    title: tuple[int, int],
) -> list[SkillMention]:
    """The matcher's mentions without non-mentions, vendor prefixes split off as platform
    mentions, and the names found in run-together words (`joined_words`) outside the title."""
    safe, gated = _joined_forms(taxonomy)
    kept = split_vendor_prefixes(without_non_mentions(text, mentions), taxonomy.by_id)
    kept = with_elided_heads(text, kept, safe)
    joined = [
        m
        for m in joined_word_mentions(text, kept, safe, gated, lines)
        if not title[0] <= m.start < title[1]
    ]
    return sorted(kept + joined, key=lambda m: m.start) if joined else kept


_FORMS: dict[str, tuple[dict[str, Skill], dict[str, Skill]]] = {}


def _joined_forms(taxonomy: Taxonomy) -> tuple[dict[str, Skill], dict[str, Skill]]:
    """(lower-cased unambiguous forms and case-sensitive skills' forms -> skill, exact-case
    ambiguous forms -> skill), built once per taxonomy."""
    forms = _FORMS.get(taxonomy.content_hash)
    if forms is None:
        safe: dict[str, Skill] = {}
        gated: dict[str, Skill] = {}
        for skill in taxonomy.skills:
            for form in (*skill.safe_forms, *skill.exact_forms):
                safe.setdefault(form.lower(), skill)
            for form in skill.ambiguous:
                gated.setdefault(form, skill)
        forms = _FORMS[taxonomy.content_hash] = (safe, gated)
    return forms


# A listed word and the separator after it, at the end of the searched range. The leftmost match
# never starts right after a letter (that letter would start an earlier one), so the engine is
# told to skip those positions instead of trying every word from each of its letters.
_ELIDED = re.compile(
    r"(?<![A-Za-z])([A-Za-z][\w.+#-]*)(\s*(?:,\s*(?:and|or)?|/|\band\b|\bor\b)\s*)$"
)


def with_elided_heads(
    text: str, mentions: Sequence[SkillMention], forms: Mapping[str, Skill]
) -> list[SkillMention]:
    """Add the skills whose shared last word is written once: "data, tensor and pipeline
    parallelism", "model/data/pipeline parallelism" name data and tensor parallelism too, when
    "<word> <head>" is a skill's unambiguous name and the word is no mention already."""
    listed = [_after_list_word(text, m.start) and len(m.text.split()) > 1 for m in mentions]
    if not any(listed):
        return list(mentions)
    taken = [(m.start, m.end) for m in mentions]
    out: list[SkillMention] = []
    for mention, after_list in zip(mentions, listed, strict=True):
        if after_list:
            out += _elided(text, mention, forms, taken)
        out.append(mention)
    return out


def _after_list_word(text: str, start: int) -> bool:
    """A comma, a slash, "and" or "or" right before `start` (the cheap test first)."""
    before = text[max(0, start - 5) : start]
    return "," in before or "/" in before or " and " in before or "or " in before


def _elided(
    text: str, mention: SkillMention, forms: Mapping[str, Skill], taken: list[tuple[int, int]]
) -> list[SkillMention]:
    """The skills named by the words listed before `mention` that share its last word."""
    head = mention.text.split()[-1].lower()
    line_start = text.rfind("\n", 0, mention.start) + 1
    end = mention.start
    found = []
    while (match := _ELIDED.search(text, line_start, end)) is not None:
        skill = forms.get(f"{match.group(1).lower()} {head}")
        if skill is None or any(a < match.end(1) and match.start(1) < b for a, b in taken):
            break
        found.append(
            mention._replace(skill_id=skill.id, name=skill.name, category=skill.category,
                             text=match.group(1), start=match.start(1), end=match.end(1))
        )  # fmt: skip
        end = match.start(1)
    return found[::-1]


def without_non_mentions(text: str, mentions: Sequence[SkillMention]) -> list[SkillMention]:
    """`mentions` (in text order) without those the module doc describes."""
    kept: list[SkillMention] = []
    for mention in mentions:
        line_start = text.rfind("\n", 0, mention.start) + 1
        # A metadata label ends in a colon: most lines need no regex.
        if text.find(":", line_start, mention.start) >= 0 and _METADATA.match(
            text[line_start : mention.start]
        ):
            continue
        if mention.skill_id in FIELD_SKILLS and _degree_subject(text, line_start, mention.start):
            continue
        if kept and _restates(text, kept[-1], mention):
            continue
        kept.append(mention)
    return kept


def _degree_subject(text: str, line_start: int, start: int) -> bool:
    """Whether the field at `start` is one of the subjects of a degree named before it on its
    line ("a PhD in physics, machine learning or statistics")."""
    window_start = max(line_start, start - DEGREE_REACH)
    ends = [match.end() for match in _DEGREE_IN.finditer(text, window_start, start)]
    return bool(ends) and _SUBJECTS.fullmatch(text, ends[-1], start) is not None


def _restates(text: str, previous: SkillMention, mention: SkillMention) -> bool:
    """`mention` is the bracketed short form of `previous` ("Large Language Models (LLMs)")."""
    return (
        previous.skill_id == mention.skill_id
        and _OPEN_BRACKET.fullmatch(text[previous.end : mention.start]) is not None
        and text[mention.end : mention.end + 1] == ")"
    )
