"""The `jobtrends_negation` component: marks skill spans the posting says are not needed.

"no Kubernetes experience required", "not required: Go", "you don't need to know React",
"without prior CUDA experience", "experience with X is not necessary", "we do not use X". The
scope is narrow: a cue negates a mention only when nothing but filler words ("prior",
"experience", "with", ...), list separators and other mentions stand between them, inside one
clause. A plain list is not negated.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from jobtrends.pipeline.nlp.skills import mentions_of

PRE_CUES: tuple[tuple[str, ...], ...] = (
    ("no",),
    ("without",),
    ("not", "required"),
    ("not", "necessary"),
    ("not", "needed"),
    ("not", "mandatory"),
    ("not", "expected"),
    ("no", "need", "for"),
    ("do", "n't", "need"),
    ("do", "not", "need"),
    ("does", "n't", "need"),
    ("does", "not", "need"),
    ("do", "n't", "have", "to"),
    ("do", "not", "have", "to"),
    ("does", "n't", "require"),
    ("does", "not", "require"),
    ("do", "n't", "require"),
    ("do", "not", "require"),
    ("need", "not"),
    ("do", "not", "use"),
    ("do", "n't", "use"),
    ("does", "not", "use"),
    ("does", "n't", "use"),
    ("no", "need", "to", "know"),
)
POST_CUES: tuple[tuple[str, ...], ...] = (
    ("not", "required"),
    ("not", "necessary"),
    ("not", "needed"),
    ("not", "mandatory"),
    ("not", "a", "requirement"),
    ("not", "a", "must"),
    ("n't", "required"),
    ("n't", "necessary"),
    ("n't", "needed"),
)
_FILLER_WORDS = """prior previous any professional commercial production hands - on experience
    experiences with in of knowledge to know learn be an a the expert expertise familiarity
    familiar background using use working deep strong extensive advanced : is are you yet already
    skills skill proficiency proficient fluency fluent for or and , / & ( ) direct formal specific
    prod"""
FILLERS = frozenset(str.split(_FILLER_WORDS))
CLAUSE_BREAKS = frozenset(
    {".", "!", "?", ";", "but", "however", "although", "though", "whereas", "while"}
)


MAX_SCAN = 20  # tokens looked at on each side of a mention
_PRE_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _cue in PRE_CUES:
    _PRE_BY_LAST.setdefault(_cue[-1], []).append(_cue)
_POST_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _cue in POST_CUES:
    _POST_BY_FIRST.setdefault(_cue[0], []).append(_cue)


def negated_spans(doc: Doc, spans: list[tuple[int, int]]) -> list[bool]:
    """For each (start, end) token range, whether a negation cue governs it (see module doc)."""
    covered = {i for start, end in spans for i in range(start, end)}
    return [
        _pre_negated(doc, covered, start) or _post_negated(doc, covered, end)
        for start, end in spans
    ]


def _word(doc: Doc, i: int) -> str | None:
    """Lower-case word of token i; None for a clause break (which ends a scan)."""
    token = doc[i]
    if token.is_space:
        return None
    word = token.lower_.replace("’", "'")
    return None if word in CLAUSE_BREAKS else word


def _pre_negated(doc: Doc, covered: set[int], start: int) -> bool:
    words: dict[int, str | None] = {}
    for i in range(start - 1, max(-1, start - 1 - MAX_SCAN), -1):
        word = words[i] = _word(doc, i)
        if word is None:
            return False
        for cue in _PRE_BY_LAST.get(word, ()):
            first = i - len(cue) + 1
            if first >= 0 and all(
                words.get(j, _word(doc, j)) == cue[j - first] for j in range(first, i)
            ):
                return True
        if not (i in covered or word in FILLERS):
            return False
    return False


def _post_negated(doc: Doc, covered: set[int], end: int) -> bool:
    for i in range(end, min(len(doc), end + MAX_SCAN)):
        word = _word(doc, i)
        if word is None:
            return False
        for cue in _POST_BY_FIRST.get(word, ()):
            if i + len(cue) <= len(doc) and all(
                _word(doc, i + k) == cue[k] for k in range(1, len(cue))
            ):
                return True
        if not (i in covered or word in FILLERS):
            return False
    return False


class NegationMarker:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        mentions = mentions_of(doc)
        flags = negated_spans(doc, [(mention.start, mention.end) for mention in mentions])
        for mention, negated in zip(mentions, flags, strict=True):
            mention.negated = negated
        return doc


@Language.factory("jobtrends_negation", default_config={})
def make_negation_marker(nlp: Language, name: str) -> NegationMarker:
    return NegationMarker(nlp, name)
