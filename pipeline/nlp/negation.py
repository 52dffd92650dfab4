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

from jobtrends.pipeline.nlp.sections import any_within, source_text
from jobtrends.pipeline.nlp.skills import Mention, mentions_of
from jobtrends.pipeline.nlp.terms import NEGATION_CUE, TERMS_KEY, cue_offsets

FACTORY = "jobtrends_negation"  # the spaCy factory name of this component

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
    words = _Words(doc)
    return [
        _pre_negated(words, covered, start) or _post_negated(words, covered, end)
        for start, end in spans
    ]


def negate_mentions(doc: Doc, mentions: list[Mention], cues_at: list[int] | None = None) -> None:
    """Set `negated` on each mention. `cues_at` are the sorted character offsets of the tokens
    that every cue holds (`terms.NEGATION_CUE_WORDS`): a mention whose line holds none is not
    scanned, since a scan never crosses the whitespace token that holds a line break."""
    if cues_at is not None and not cues_at:
        for mention in mentions:
            mention.negated = False
        return
    covered = {i for mention in mentions for i in range(mention.start, mention.end)}
    words = _Words(doc)
    text = source_text(doc)
    for mention in mentions:
        if cues_at is not None:
            line_start = text.rfind("\n", 0, mention.start_char) + 1
            line_end = text.find("\n", mention.end_char)
            if not any_within(cues_at, line_start, line_end if line_end >= 0 else len(text)):
                mention.negated = False
                continue
        mention.negated = _pre_negated(words, covered, mention.start) or _post_negated(
            words, covered, mention.end
        )


class _Words:
    """Lower-case word of token i (None for a space or a clause break, which end a scan),
    computed once per token."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.length = len(doc)
        self._cache: dict[int, str | None] = {}

    def __call__(self, i: int) -> str | None:
        if i in self._cache:
            return self._cache[i]
        token = self.doc[i]
        word = None if token.is_space else token.lower_.replace("’", "'")
        word = None if word in CLAUSE_BREAKS else word
        self._cache[i] = word
        return word


def _pre_negated(words: _Words, covered: set[int], start: int) -> bool:
    for i in range(start - 1, max(-1, start - 1 - MAX_SCAN), -1):
        word = words(i)
        if word is None:
            return False
        for cue in _PRE_BY_LAST.get(word, ()):
            first = i - len(cue) + 1
            if first >= 0 and all(words(j) == cue[j - first] for j in range(first, i)):
                return True
        if not (i in covered or word in FILLERS):
            return False
    return False


def _post_negated(words: _Words, covered: set[int], end: int) -> bool:
    for i in range(end, min(words.length, end + MAX_SCAN)):
        word = words(i)
        if word is None:
            return False
        for cue in _POST_BY_FIRST.get(word, ()):
            if i + len(cue) <= words.length and all(
                words(i + k) == cue[k] for k in range(1, len(cue))
            ):
                return True
        if not (i in covered or word in FILLERS):
            return False
    return False


class NegationMarker:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        terms = doc.user_data.get(TERMS_KEY)
        cues_at = None if terms is None else cue_offsets(doc, terms, NEGATION_CUE)
        negate_mentions(doc, mentions_of(doc), cues_at)
        return doc


@Language.factory(FACTORY, default_config={})
def make_negation_marker(nlp: Language, name: str) -> NegationMarker:
    return NegationMarker(nlp, name)
