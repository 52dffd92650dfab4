"""The gate's list check: a gated candidate stands in a list with accepted skills.

Either a list separator or two lead to an accepted mention ("Python, Go and Rust", "PyTorch/JAX"),
or the candidate's line is nothing but skills after a short label ("Stack: Go, Kafka"), or it is a
one-skill bullet next to a bullet that is nothing but accepted skills.
"""

from __future__ import annotations

import itertools

from spacy.tokens import Doc, Span

from jobtrends.pipeline.nlp.candidates import Candidate, GateContext
from jobtrends.pipeline.nlp.sections import Line

LIST_SEPARATORS = frozenset({",", "/", "and", "or", "&", "+", "|", "(", ")", ";"})
MAX_SEPARATORS = 2
# Words a skill-list line may carry besides skills and separators: a label such as "Stack:".
MAX_OTHER_WORDS_IN_LIST = 2


class ListBounds:
    """The accepted candidates of one round of the list check, with their token bounds."""

    def __init__(self, accepted: list[Candidate]) -> None:
        self.accepted = accepted
        self.ends = {c.end for c in accepted}
        self.starts = {c.start for c in accepted}


def beside_accepted(doc: Doc, candidate: Candidate, bounds: ListBounds) -> bool:
    return _separated(doc, candidate.start - 1, -1, bounds.ends) or _separated(
        doc, candidate.end, 1, bounds.starts
    )


def in_list(
    context: GateContext,
    candidate: Candidate,
    bounds: ListBounds,
    pending: list[Candidate],
    line_others: dict[int, int],
) -> bool:
    if beside_accepted(context.doc, candidate, bounds):
        return True
    return _in_skill_list_line(context, candidate, bounds.accepted, pending, line_others)


def _separated(doc: Doc, i: int, step: int, targets: set[int]) -> bool:
    """Walk from token `i` over 1..MAX_SEPARATORS list separators to an accepted mention."""
    seen = 0
    while 0 <= i < len(doc) and seen < MAX_SEPARATORS and doc[i].lower_ in LIST_SEPARATORS:
        seen += 1
        i += step
    if seen == 0 or not 0 <= i < len(doc):
        return False
    return (i + 1 if step < 0 else i) in targets


def _in_skill_list_line(
    context: GateContext,
    candidate: Candidate,
    accepted: list[Candidate],
    pending: list[Candidate],
    line_others: dict[int, int],
) -> bool:
    """The candidate's line is nothing but skills (after a short label), or it is a one-skill
    bullet next to a bullet that is nothing but accepted skills."""
    line = context.line_at(context.doc[candidate.start].idx)
    if line is None:
        return False
    mentions, others = _list_line_stats(context, line, accepted, pending, line_others)
    if others > MAX_OTHER_WORDS_IN_LIST:
        return False
    if mentions > 0:
        return True
    if line.kind != "bullet" or others > 0:
        return False
    position = context.lines.index(line)
    neighbours = [
        context.lines[i] for i in (position - 1, position + 1) if 0 <= i < len(context.lines)
    ]
    for neighbour in neighbours:
        if neighbour.kind == "bullet":
            mentions, others = _list_line_stats(context, neighbour, accepted, pending, line_others)
            if mentions > 0 and others == 0:
                return True
    return False


def _list_line_stats(
    context: GateContext,
    line: Line,
    accepted: list[Candidate],
    pending: list[Candidate],
    line_others: dict[int, int],
) -> tuple[int, int]:
    """(accepted mentions on the line, words on it that are neither skills nor separators). The
    words are counted only up to MAX_OTHER_WORDS_IN_LIST + 1: beyond that the line is no list,
    whatever its length. The words are counted once per line and round (`line_others`): within
    a round the candidates that cover words do not change."""
    span = context.doc.char_span(line.start, line.end, alignment_mode="expand")
    if span is None:
        return 0, 0
    first, last = span.start, span.end
    count = sum(1 for c in accepted if first <= c.start < last)
    if line.start not in line_others:
        line_others[line.start] = _other_words(span, accepted, pending)
    return count, line_others[line.start]


def _other_words(span: Span, accepted: list[Candidate], pending: list[Candidate]) -> int:
    first, last = span.start, span.end
    covered: set[int] = set()
    for c in itertools.chain(accepted, pending):
        if first <= c.start < last:
            covered.update(range(c.start, c.end))
    others = 0
    for token in span:
        if token.i in covered or token.is_punct or token.is_space:
            continue
        if token.lower_ not in LIST_SEPARATORS:
            others += 1
            if others > MAX_OTHER_WORDS_IN_LIST:
                break
    return others
