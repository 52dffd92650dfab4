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
    MASK,
    best_score,
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
_SKIPPED_SECTIONS = frozenset({"benefits", "about_company"})
MAX_WORDS = 4

# One word of a term: CamelCase or capitalized, acronym, dotted, versioned, or a lower-case
# package name with a hyphen. Words are joined by single spaces.
_WORD = r"(?:[A-Za-z][A-Za-z0-9]*(?:[.+#'-][A-Za-z0-9]+)*[+#]*)"
_WORD_AT = re.compile(_WORD)
# A term starts at a capital mid-sentence, or at any capital of a word with a name's shape (a
# second capital or a digit): a capital that opens a sentence, a line or an item says nothing,
# so the regex does not stop there at all. The pattern opens with a plain character set, which
# lets the regex engine skip from capital to capital. A capital inside a word ("vLLM") is
# taken back to the word's start.
_TERM = re.compile(
    r"[A-Z](?:(?<![.!?:;\"“(•*·–—▪◦●+-] [A-Z])(?<![.!?]  [A-Z])(?<!^[A-Z])(?<!^ [A-Z])"
    r"(?<!^  [A-Z])|(?=[a-z]*[A-Z0-9]))"
    rf"[A-Za-z0-9]*(?:[.+#'-][A-Za-z0-9]+)*[+#]*(?: (?=[A-Z]){_WORD}){{0,{MAX_WORDS - 1}}}",
    re.MULTILINE,
)
# A dot between lower-case letters ("torch.compile"): the engine jumps from dot to dot.
_DOT = re.compile(r"\.(?<=[a-z]\.)(?=[a-z])")
# The sections whose lines are read even when they are no bullets (bullets are read anywhere).
_ASKED = frozenset({"requirements", "nice_to_have", "responsibilities"})
# What may stand before a word that opens a sentence or an item: a capital there says nothing.
_OPENERS = frozenset("-*•·–—+▪◦●.!?:;\"'“‘>#")
_PLAIN = re.compile(r"[A-Z][a-z]+(?:'s)?")


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
    for start, end in _term_spans(masked, _read_ranges(lines, title, known_at)):
        line = lines[bisect.bisect_right(starts, start) - 1]
        term_start, term_end = _trimmed(masked, start, end, line)
        if term_start >= term_end:
            continue
        term = text[term_start:term_end]
        key = term_key(term)
        if key in forms or _names_company(key, company_key):
            continue
        shape = shape_of(term)
        if shape in ("", "plain"):
            continue
        known = bisect.bisect_left(known_at, line.end) - bisect.bisect_left(known_at, line.start)
        if best_score(shape, line, known) < threshold:
            continue
        if shape == "capitalized" and _lower_elsewhere(term, text):
            continue
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


def _read_ranges(
    lines: tuple[Line, ...], title: tuple[int, int], known_at: list[int]
) -> list[tuple[int, int]]:
    """The character ranges worth reading: runs of lines that stand in a section that asks
    something, or bullets elsewhere that name two known skills; never a heading, the benefits,
    the company blurb or the title. (A candidate on a line that is neither cannot reach
    THRESHOLD, see `new_term_features.WEIGHTS`; on dev, none on a bullet with fewer known
    skills did.)"""
    ranges: list[tuple[int, int]] = []
    open_end = -1
    for line in lines:
        if (
            line.kind == "heading"
            or line.section in _SKIPPED_SECTIONS
            or (line.section not in _ASKED and not _listing_bullet(line, known_at))
            or title[0] <= line.start < title[1]
        ):
            open_end = -1
            continue
        if open_end >= 0:
            ranges[-1] = (ranges[-1][0], line.end)
        else:
            ranges.append((line.start, line.end))
        open_end = line.end
    return ranges


def _listing_bullet(line: Line, known_at: list[int]) -> bool:
    if line.kind != "bullet":
        return False
    return bisect.bisect_left(known_at, line.end) - bisect.bisect_left(known_at, line.start) > 1


def _term_spans(masked: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of every term the regexes find in `ranges`, a word begun in lower case
    taken whole ("vLLM", "torch.compile"), in text order."""
    spans = []
    for low, high in ranges:
        for match in _TERM.finditer(masked, low, high):
            start, end = match.span()
            if start > low and (masked[start - 1].isalnum() or masked[start - 1] in ".-"):
                start = _word_start(masked, start, low)
                if masked[start].isupper() or masked[start] == MASK:
                    continue  # a capital inside a word already read ("PyTorch"), or a mention's
            spans.append((start, end))
        for match in _DOT.finditer(masked, low, high):
            start = _word_start(masked, match.start(), low)
            word = _WORD_AT.match(masked, start, high)
            if word is not None and not any(a <= start < b for a, b in spans):
                spans.append((start, word.end()))
    return sorted(spans)


def _word_start(masked: str, at: int, low: int) -> int:
    while at > low and (masked[at - 1].isalnum() or masked[at - 1] in ".-"):
        at -= 1
    return at


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
    if masked.endswith(("'s", "’s"), start, end):
        return start, start
    before = masked[max(line.start, start - 8) : start].rstrip()
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
    word = term.lower()
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and not text[end : end + 1].isalnum():
            return True
        at = text.find(word, end)
    return False


def _names_company(key: str, company: str) -> bool:
    return bool(company) and (key == company or company.startswith(key + " "))
