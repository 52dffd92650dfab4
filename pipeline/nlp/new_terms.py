"""Term candidates ("new tools to watch"): words that stand where skills stand but name no skill.

The finder reads the posting text with every skill mention masked out, so that a regex sees the
known skills as placeholders and the rest as it is:

- A term is a run of shaped words: CamelCase (`WorkOS`, `vLLM`), dotted (`torch.compile`),
  versioned (`Llama-3`, `UI5`), acronyms (`DETR`), capitalized words that do not open a sentence
  (`Event Mesh`), and lower-case package names (`foo-bar`) beside a known skill.
- Its context decides its score (`new_term_features`): an item of an enumeration that holds
  known skills, an object of "experience with / familiarity with", a parenthesis after a skill,
  the section, the shape.
- Left out: spans overlapping a skill mention, taxonomy surface forms, the title line, the
  employer's name, common words, degrees, soft skills, places, and the benefits and
  about-the-company sections.

Only candidates scoring at least THRESHOLD are kept. Everything is a function of the text, the
lines and the mentions: the same posting always gives the same candidates.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from jobtrends.pipeline.nlp.new_term_features import (
    features,
    score_of,
    shape_of,
    taxonomy_forms,
)
from jobtrends.pipeline.nlp.sections import Line
from jobtrends.pipeline.nlp.taxonomy import Taxonomy
from jobtrends.pipeline.results import PostingText, SkillMention, TermCandidate, term_key
from jobtrends.pipeline.vocab import TAGS_SECTION
from jobtrends.scraper.records import tags_text

THRESHOLD = 0.35
MASK = "\x01"  # stands for a character of a known skill mention in the masked text
_SKIPPED_SECTIONS = frozenset({"benefits", "about_company"})
MAX_WORDS = 4

# One word of a term: CamelCase or capitalized, acronym, dotted, versioned, or a lower-case
# package name with a hyphen. Words are joined by single spaces.
_WORD = r"(?:[A-Za-z][A-Za-z0-9]*(?:[.+#'-][A-Za-z0-9]+)*[+#]*)"
_TERM = re.compile(
    rf"(?<![\w.\x01\\-])(?=[A-Z]|[a-z]+(?:[A-Z0-9]|[.-][A-Za-z0-9]))"
    rf"{_WORD}(?: (?=[A-Z]){_WORD}){{0,{MAX_WORDS - 1}}}"
)
# What may stand before a word that opens a sentence or an item: a capital there says nothing.
_OPENERS = frozenset("-*•·–—+▪◦●.!?:;\"'“‘>#")
_PLAIN = re.compile(r"[A-Z][a-z]+(?:'s)?")
_POSSESSIVE = re.compile(r"(?:'s|’s)$")


def posting_candidates(
    posting: PostingText,
    lines: tuple[Line, ...] | None,
    mentions: Sequence[SkillMention],
    tag_mentions: Sequence[SkillMention],
    taxonomy: Taxonomy,
    title: tuple[int, int] = (0, 0),
) -> tuple[TermCandidate, ...]:
    """The candidates of a posting's text (`lines` as `jobtrends_sections` labelled them, the
    title line at `title`), then those of its tag list (`tags_text`)."""
    found = find_candidates(posting.text, lines, mentions, taxonomy, title, posting.company)
    if posting.tags:
        found += tag_candidates(tags_text(posting.tags), tag_mentions, taxonomy, posting.company)
    return found


def find_candidates(
    text: str,
    lines: tuple[Line, ...] | None,
    mentions: Sequence[SkillMention],
    taxonomy: Taxonomy,
    title: tuple[int, int] = (0, 0),
    company: str = "",
    threshold: float = THRESHOLD,
) -> tuple[TermCandidate, ...]:
    """The term candidates of a posting's text (see the module doc), in text order."""
    if not lines:
        return ()
    masked = _masked(text, mentions)
    forms = taxonomy_forms(taxonomy)
    company_key = term_key(company)
    starts = [line.start for line in lines]
    known_at = sorted(m.start for m in mentions)
    raw: list[tuple[int, int, Line, str, list[str]]] = []
    for match in _TERM.finditer(masked):
        start = match.start()
        line = lines[bisect.bisect_right(starts, start) - 1]
        if line.section in _SKIPPED_SECTIONS or line.kind == "heading":
            continue
        if title[0] <= start < title[1]:
            continue
        term_start, term_end = _trimmed(masked, match.start(), match.end(), line)
        if term_start >= term_end:
            continue
        term = text[term_start:term_end]
        key = term_key(term)
        if key in forms or _names_company(key, company_key):
            continue
        shape = shape_of(term)
        if shape in ("", "plain") or (shape == "capitalized" and _lower_elsewhere(term, text)):
            continue
        known = bisect.bisect_left(known_at, line.end) - bisect.bisect_left(known_at, line.start)
        context = features(text, masked, term_start, term_end, line, known)
        if context is not None:
            raw.append((term_start, term_end, line, shape, context))
    per_line = Counter(line.start for _, _, line, _, _ in raw)
    found: list[TermCandidate] = []
    for start, end, line, shape, context in raw:
        if per_line[line.start] > 1:
            context.append("peers")
        score = score_of(shape, context)
        if score >= threshold:
            found.append(TermCandidate(text[start:end], start, end, line.section, round(score, 3)))
    return tuple(found)


def tag_candidates(
    tags_text: str, mentions: Sequence[SkillMention], taxonomy: Taxonomy, company: str = ""
) -> tuple[TermCandidate, ...]:
    """The tags of a tag list (one a line) that name no skill, in the `tags` section."""
    forms = taxonomy_forms(taxonomy)
    company_key = term_key(company)
    found = []
    position = 0
    for tag in tags_text.split("\n"):
        start, end = position, position + len(tag)
        position = end + 1
        stripped = tag.strip()
        if not stripped or any(m.start < end and start < m.end for m in mentions):
            continue
        start += tag.find(stripped)
        key = term_key(stripped)
        if key in forms or _names_company(key, company_key):
            continue
        if len(key.split()) > MAX_WORDS:
            continue
        shape = shape_of(stripped)
        if not shape:
            continue
        score = round(score_of(shape, ["tag"]), 3)
        if score >= THRESHOLD:
            found.append(TermCandidate(stripped, start, start + len(stripped), TAGS_SECTION, score))
    return tuple(found)


def _masked(text: str, mentions: Sequence[SkillMention]) -> str:
    """`text` with every mention's characters replaced by MASK (same length, same offsets)."""
    if not mentions:
        return text
    pieces = []
    position = 0
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.start < position:
            continue
        pieces.append(text[position : mention.start])
        pieces.append(MASK * (mention.end - mention.start))
        position = mention.end
    pieces.append(text[position:])
    return "".join(pieces)


def _trimmed(masked: str, start: int, end: int, line: Line) -> tuple[int, int]:
    """The term without a first word that is capitalized only because it opens a sentence or a
    bullet, and without a possessive "'s" (the owner, a company, is no candidate: empty)."""
    if _POSSESSIVE.search(masked, start, end):
        return start, start
    before = masked[line.start : start].rstrip()
    if not before or before[-1] in _OPENERS or before[-1].isdigit():
        space = masked.find(" ", start, end)
        first_end = space if space >= 0 else end
        if _PLAIN.fullmatch(masked, start, first_end):
            return (space + 1, end) if space >= 0 else (start, start)
    return start, end


def _lower_elsewhere(term: str, text: str) -> bool:
    """A capitalized word the text also writes in lower case ("Compute" and "compute") is an
    English word."""
    if " " in term:
        return False
    return re.search(rf"(?<![\w-]){re.escape(term.lower())}(?![\w-])", text) is not None


def _names_company(key: str, company: str) -> bool:
    return bool(company) and (key == company or company.startswith(key + " "))
