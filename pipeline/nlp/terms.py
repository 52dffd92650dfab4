"""Words other rules look for, found in the skills component's one matcher pass over the tokens:
the role's work cues (`work_cues`), currency codes (`salary`), the words of inline nice-to-have
cues (`section_cues`) and the words every negation cue holds (`negation`). Matching them there
costs a few microseconds; a matcher or a substring search of their own would cost a pass over
the text each.

The skills component stores what it found in `doc.user_data[TERMS_KEY]` as `Term`s;
`work_cues_of` and `currency_marks_of` turn them into what role and salary take.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from spacy.tokens import Doc

from jobtrends.pipeline.nlp.salary import CURRENCY_CODES, symbol_marks
from jobtrends.pipeline.nlp.section_cues import NICE_CUE_WORDS
from jobtrends.pipeline.nlp.sections import source_text
from jobtrends.pipeline.nlp.work_cues import count_work_cues, cue_forms

TERMS_KEY = "jobtrends.terms"
WORK_CUE = "work_cue"
CURRENCY = "currency"
NICE_CUE = "nice_cue"
NEGATION_CUE = "negation_cue"
# Every cue of `negation` holds one of these as a token (in lower case).
NEGATION_CUE_WORDS = ("no", "not", "n't", "n’t", "without", "need")


class Term(NamedTuple):
    """A match of a term of `group` on tokens `start:end`."""

    group: str
    term: str
    start: int
    end: int


def term_forms() -> dict[tuple[str, str], tuple[str, ...]]:
    """(group, term) -> the lower-case forms the skills component's matcher looks for."""
    forms = {(WORK_CUE, key): work_forms for key, work_forms in cue_forms().items()}
    forms.update({(CURRENCY, code): (code.lower(),) for code in CURRENCY_CODES})
    forms.update({(NICE_CUE, word): (word,) for word in NICE_CUE_WORDS})
    forms.update({(NEGATION_CUE, word): (word,) for word in NEGATION_CUE_WORDS})
    return forms


def terms_of(doc: Doc) -> list[Term]:
    terms = doc.user_data.get(TERMS_KEY)
    return terms if isinstance(terms, list) else []


def work_cues_of(doc: Doc) -> Mapping[str, int]:
    """Distinct work cues per role in a processed doc (`work_cues.count_work_cues`)."""
    matches = ((t.term, t.start, t.end) for t in terms_of(doc) if t.group == WORK_CUE)
    return count_work_cues(doc, source_text(doc), matches)


def currency_marks_of(doc: Doc, text: str) -> list[tuple[int, int]]:
    """`salary.currency_marks(text)` for the text of a processed doc: the symbols by substring
    search, the codes from the matched tokens written in capitals."""
    marks = symbol_marks(text)
    for term in terms_of(doc):
        if term.group == CURRENCY and doc[term.start].text == term.term:
            start = doc[term.start].idx
            marks.append((start, start + len(term.term)))
    return sorted(marks)


def cue_offsets(doc: Doc, terms: Iterable[Term], group: str) -> list[int]:
    """Sorted character offsets of the `group` terms (NICE_CUE, NEGATION_CUE) among `terms`."""
    return sorted(doc[term.start].idx for term in terms if term.group == group)
