"""The `jobtrends_sections` component: which part of the posting each line belongs to.

Plain text from `html_to_text` has headings on their own line (set off by blank lines), bullets as
`- item`, and blank lines between paragraphs. A heading that names a known section switches to it;
an unnamed heading set off by blank lines switches back to `general`; `Requirements: Python, Go`
switches too; an equal-opportunity statement is `benefits`. Text before any heading is `general`.
Lines are kept as character ranges, so the component costs one pass over the lines, never one
over the tokens.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Token

from jobtrends.pipeline.nlp import section_cues as cues

FACTORY = "jobtrends_sections"  # the spaCy factory name of this component

# `Doc.text` is rebuilt from the tokens on every access; extraction stores the input text here.
SOURCE_TEXT_KEY = "jobtrends.text"
# The lines live in `doc.user_data` (read through `doc._.lines`): every `doc._` access builds an
# object, which adds up over millions of postings.
LINES_KEY = "jobtrends.lines"

_BULLET = re.compile(r"(?:[-*•·–—+▪◦●]\s|\d{1,2}[.)]\s)")
_BULLET_MARKS = frozenset("-*•·–—+▪◦●")
HEADING_CACHE_SIZE = 8192
# The space after sentence punctuation (group 1); the punctuation comes first so the regex engine
# can skip ahead to it.
_SENTENCE_BREAK = re.compile(r"[.!?;](\s+)(?=\S)")
_NOT_A_HEADING = re.compile(r"[|$€£]|https?:|www\.")
_NO_CUE_SECTIONS = frozenset({"about_company", "benefits"})


class Line(NamedTuple):
    """One non-blank line: character range, section and kind. Sentences and nice-to-have cues
    are looked up only for lines that hold a mention."""

    start: int
    end: int
    section: str
    kind: str  # "heading", "bullet" or "text"
    cues_allowed: bool  # whether an inline nice-to-have cue ("... is a plus") can apply

    def sentence(self, text: str, char: int) -> tuple[int, int]:
        """(start, end) of the sentence of this line that holds character `char`."""
        start = self.start
        for match in _SENTENCE_BREAK.finditer(text, self.start, self.end):
            if match.end() > char:
                return start, match.start(1)
            start = match.end()
        return start, self.end

    def nice_at(self, text: str, char: int, cue_words_at: Sequence[int] | None = None) -> bool:
        """Whether the sentence holding `char` has an inline nice-to-have cue. `cue_words_at`
        are the sorted offsets of the text's NICE_CUE_WORDS, if known: a sentence without one
        is not searched."""
        if not self.cues_allowed:
            return False
        if cue_words_at is not None and not any_within(cue_words_at, self.start, self.end):
            return False
        start, end = self.sentence(text, char)
        if cue_words_at is None:
            hopeful = has_nice_cue_word(text[start:end])
        else:
            hopeful = any_within(cue_words_at, start, end)
        return hopeful and bool(cues.NICE_INLINE.search(text, start, end))


def any_within(offsets: Sequence[int], start: int, end: int) -> bool:
    """Whether one of the sorted `offsets` lies in [start, end)."""
    index = bisect.bisect_left(offsets, start)
    return index < len(offsets) and offsets[index] < end


# Builds a Line from a tuple without the Python-level `Line.__new__`: lines are built by the
# tens of thousands.
_new_line = functools.partial(tuple.__new__, Line)


def has_nice_cue_word(text: str) -> bool:
    """The cheap test a nice-to-have cue needs before its regex is worth running: one of
    NICE_CUE_WORDS somewhere in the text."""
    lowered = text.lower()
    return any(word in lowered for word in cues.NICE_CUE_WORDS)


def source_text(doc: Doc) -> str:
    text = doc.user_data.get(SOURCE_TEXT_KEY)
    return text if isinstance(text, str) else doc.text


def split_lines(text: str) -> tuple[Line, ...]:
    """Label every non-blank line of `text` with its section (see the module doc)."""
    lowered = text.lower()
    eeo_ends = _eeo_line_ends(text, lowered)
    raw_lines = text.split("\n")
    lines: list[Line] = []
    current = "general"
    previous_blank = True
    position = 0
    for index, raw in enumerate(raw_lines):
        offset = position
        position += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            previous_blank = True
            continue
        start = offset + raw.find(stripped[0])
        end = start + len(stripped)
        first = stripped[0]
        shape = None
        if first in _BULLET_MARKS:
            bullet = stripped[1:2].isspace()
        else:
            bullet = first.isdecimal() and _BULLET.match(stripped) is not None
        if bullet:
            kind = "bullet"
        elif len(stripped) <= cues.MAX_HEADING_CHARS and (shape := _heading_shape(stripped)):
            kind, current = "heading", shape
        elif shape == "" and previous_blank and _opens_block(raw_lines, index + 1):
            kind, current = "heading", "general"
        else:
            kind = "text"
            if ":" in stripped:
                current = cues.label_prefix_section(stripped) or current
        if end in eeo_ends if eeo_ends is not None else _is_eeo(lowered, start, end):
            current = "benefits"
        cues_allowed = current not in _NO_CUE_SECTIONS and kind != "heading"
        lines.append(_new_line((start, end, current, kind, cues_allowed)))
        previous_blank = False
    return tuple(lines)


def _eeo_line_ends(text: str, lowered: str) -> frozenset[int] | None:
    """Where the stripped lines that hold an equal-opportunity statement end: only the lines with
    a stem are searched. None when lower-casing changed the text's length, so that each line must
    be checked on its own."""
    if len(lowered) != len(text):
        return None
    ends = set()
    for stem in cues.EEO_STEMS:
        at = lowered.find(stem)
        while at >= 0:
            line_start = lowered.rfind("\n", 0, at) + 1
            line_end = lowered.find("\n", at)
            line_end = line_end if line_end >= 0 else len(lowered)
            line = lowered[line_start:line_end]
            if cues.EEO.search(line):
                ends.add(line_start + len(line.rstrip()))
            at = lowered.find(stem, line_end)
    return frozenset(ends)


def _is_eeo(lowered: str, start: int, end: int) -> bool:
    line = lowered[start:end]
    return any(stem in line for stem in cues.EEO_STEMS) and bool(cues.EEO.search(line))


@functools.lru_cache(maxsize=HEADING_CACHE_SIZE)
def _heading_shape(line: str) -> str | None:
    """For a stripped line that is not a bullet: the section it opens as a heading, "" when it is
    shaped like a heading but names no section, None when it cannot be a heading. Cached, as
    headings repeat from posting to posting."""
    if not cues.looks_like_heading(line) or _NOT_A_HEADING.search(line):
        return None
    return cues.section_named_by(line) or ""


def _opens_block(raw_lines: list[str], index: int) -> bool:
    """Whether the raw line at `index` (if any) is blank or a bullet: what follows an unnamed
    heading set off by a blank line."""
    following = raw_lines[index].strip() if index < len(raw_lines) else ""
    return not following or _BULLET.match(following) is not None


def windows_with(stems: tuple[str, ...], text: str, reach: int, source: str | None = None) -> str:
    """The text within `reach` characters of each occurrence of one of `stems`, never across a
    line break, joined by newlines in text order: all that a pattern which holds a stem and
    reaches no further than `reach` from it can match. A regex that must try every position
    runs much faster over these windows than over the whole text. With `source` (a text of the
    same length, e.g. `text` before lower-casing) the windows are cut from it instead."""
    spans = []
    for stem in stems:
        at = text.find(stem)
        while at >= 0:
            end = at + len(stem)
            low, high = max(0, at - reach), min(len(text), end + reach)
            start = text.rfind("\n", low, at) + 1 or low
            stop = text.find("\n", end, high)
            spans.append((start, stop if stop >= 0 else high))
            at = text.find(stem, end)
    merged: list[list[int]] = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], stop)
        else:
            merged.append([start, stop])
    cut = source if source is not None and len(source) == len(text) else text
    return "\n".join(cut[start:stop] for start, stop in merged)


def line_at(lines: tuple[Line, ...], char: int) -> Line | None:
    """The line that contains character offset `char`, if any."""
    index = bisect.bisect_right(lines, char, key=lambda line: line.start) - 1
    if index >= 0 and char < lines[index].end:
        return lines[index]
    return None


def lines_of(doc: Doc) -> tuple[Line, ...] | None:
    """The lines `jobtrends_sections` labelled (also `doc._.lines`), if it ran."""
    lines = doc.user_data.get(LINES_KEY)
    return lines if isinstance(lines, tuple) else None


def _token_section(token: Token) -> str | None:
    lines = lines_of(token.doc)
    if lines is None:
        return None
    line = line_at(lines, token.idx)
    return line.section if line else None


if not Doc.has_extension("lines"):
    Doc.set_extension("lines", getter=lines_of)
if not Token.has_extension("section"):
    Token.set_extension("section", getter=_token_section)


class SectionLabeler:
    """Sets `doc._.lines` (a tuple of `Line`); `token._.section` reads it."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[LINES_KEY] = split_lines(source_text(doc))
        return doc


@Language.factory(FACTORY, default_config={})
def make_section_labeler(nlp: Language, name: str) -> SectionLabeler:
    return SectionLabeler(nlp, name)
