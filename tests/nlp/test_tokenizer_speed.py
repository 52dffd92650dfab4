"""The tokenizer's fast paths give spaCy's answers: guarded regexes, words of letters, lexemes,
and the cache warm-up."""

from __future__ import annotations

import re
import string

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from jobtrends.pipeline.nlp.tokenizer import (
    EXTRA_INFIXES,
    EXTRA_SUFFIXES,
    LEXEME_ATTRS,
    MIN_CHUNK_COUNT,
    PLAIN_WORD,
    TECH_TOKEN,
    TOKEN_MATCH,
    TOKENIZER_NAME,
    URL_NOT_JS_LIBRARY,
    CacheWarmer,
    _no_url_in,
    customize_tokenizer,
    guarded_infix_regex,
    guarded_suffix_regex,
)
from tests.nlp.test_tokenizer import SAMPLE

_DEFAULTS = spacy.blank("en").Defaults
SUFFIXES = [*_DEFAULTS.suffixes, *EXTRA_SUFFIXES]
INFIXES = [*_DEFAULTS.infixes, *EXTRA_INFIXES]
PLAIN_SUFFIX, GUARDED_SUFFIX = compile_suffix_regex(SUFFIXES), guarded_suffix_regex(SUFFIXES)
PLAIN_INFIX, GUARDED_INFIX = compile_infix_regex(INFIXES), guarded_infix_regex(INFIXES)
# Letters, digits and the punctuation, symbols and units the affix rules are written for.
SYMBOLS = "_.,;:'\"’‘“”()[]{}<>!?-–—…$€£%°µ²+*/#&@=^~·。ÉéßкмКМ©®™•"
MIXED = string.ascii_letters + string.digits + SYMBOLS


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()


def _same_affixes(text: str) -> None:
    assert _span(GUARDED_SUFFIX.search(text)) == _span(PLAIN_SUFFIX.search(text)), text
    guarded = [m.span() for m in GUARDED_INFIX.finditer(text)]
    assert guarded == [m.span() for m in PLAIN_INFIX.finditer(text)], text


def test_guarded_regexes_find_what_spacys_find_in_real_chunks() -> None:
    chunks = set(SAMPLE.split())
    chunks |= {c[1:] for c in chunks} | {c[:-1] for c in chunks}
    chunks |= {"5km", "10GB", "$5", "5$", "e.g.", "U.S.", "A.I.", "°C.", "3+", "'s", "it’s"}
    chunks |= {"12.5%", "v4.10.192", "KRV-12345", "$479.5M", "4km²", "10_000", "9am-5pm"}
    for chunk in sorted(chunks - {""}):
        _same_affixes(chunk)


@settings(derandomize=True, max_examples=800, deadline=None)
@given(st.text(alphabet=MIXED, min_size=1, max_size=12))
def test_guarded_regexes_find_what_spacys_find(text: str) -> None:
    _same_affixes(text)


SPACY_GETTERS = spacy.blank("en").vocab.lex_attr_getters
OUR_GETTERS = spacy.blank(
    "en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}}
).vocab.lex_attr_getters
PREFIX = compile_prefix_regex(_DEFAULTS.prefixes)
URL = re.compile(URL_NOT_JS_LIBRARY)
TECH = re.compile(TECH_TOKEN)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.text(st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "No"]), min_size=1))
def test_no_pattern_matches_a_word_of_letters_and_digits(word: str) -> None:
    # Why the tokenizer may skip its patterns for such words (`_unless_plain`).
    if not word.isalnum():
        return
    assert PREFIX.search(word) is None
    assert list(PLAIN_INFIX.finditer(word)) == []
    assert URL.match(word) is None and TECH.match(word) is None
    if word.isalpha() or word[-1] in string.digits:
        assert PLAIN_SUFFIX.search(word) is None  # a unit may follow a digit: "10GB"


@settings(derandomize=True, max_examples=800, deadline=None)
@given(st.text(alphabet=MIXED, min_size=1, max_size=12))
def test_plain_words_are_words_no_pattern_splits(text: str) -> None:
    # Why `token_match` may take PLAIN_WORD words whole, past the affix patterns.
    if re.fullmatch(PLAIN_WORD, text) is None:
        return
    assert PREFIX.search(text) is None and PLAIN_SUFFIX.search(text) is None
    assert list(PLAIN_INFIX.finditer(text)) == [] and URL.match(text) is None


def test_the_token_match_shortcut_keeps_every_token(tech_nlp: Language) -> None:
    tokenizer = tech_nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    text = SAMPLE + " ".join(["Zorvalix10", "10GB", "5km", "x86", "Qu4ntix", "C#", "CI/CD", "(R)"])
    shortcut = [(t.text, t.idx) for t in tech_nlp.make_doc(text)]
    assert tokenizer.token_match is not None and tokenizer.token_match("Zorvalix") is not None
    tokenizer.token_match = re.compile(TECH_TOKEN).match
    assert [(t.text, t.idx) for t in tech_nlp.make_doc(text)] == shortcut
    assert re.compile(TOKEN_MATCH).match("10GB") is None


@settings(derandomize=True, max_examples=800, deadline=None)
@given(st.text(alphabet=MIXED + "..../:", min_size=1, max_size=16))
def test_strings_the_url_check_skips_are_no_urls(text: str) -> None:
    if _no_url_in(text):
        assert URL.match(text) is None


def test_the_url_check_keeps_urls() -> None:
    for url in ("example.com", "https://jobs.example.com/a?b=1", "93.184.216.34", "www.acme.io/x"):
        assert not _no_url_in(url) and URL.match(url)
    assert _no_url_in("12.5") and _no_url_in("v4.10.192") and _no_url_in("Zorvanix")


@pytest.fixture
def tech_nlp() -> Language:
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})


def test_lexemes_carry_the_attributes_the_pipeline_reads(tech_nlp: Language) -> None:
    assert set(tech_nlp.vocab.lex_attr_getters) == set(LEXEME_ATTRS)
    doc = tech_nlp.make_doc("Zorvalix, QUUX-Labs and\n\n(Kubernetes)")
    assert [t.lower_ for t in doc] == ["zorvalix", ",", "quux", "-", "labs", "and", "\n\n", "(",
                                       "kubernetes", ")"]  # fmt: skip
    assert [t.is_punct for t in doc] == [False, True, False, True, False, False, False, True,
                                         False, True]  # fmt: skip
    assert [t.is_space for t in doc] == [t.text.isspace() for t in doc]


def test_the_tokenizer_patterns_survive_saving(tech_nlp: Language) -> None:
    tokenizer = tech_nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    copy = spacy.blank("en", config=tech_nlp.config)
    copy.tokenizer.from_bytes(tokenizer.to_bytes())
    assert [t.text for t in copy.make_doc(SAMPLE)] == [t.text for t in tech_nlp.make_doc(SAMPLE)]


def test_cache_warmer_keeps_repeated_chunks_only(tech_nlp: Language) -> None:
    tokenizer = tech_nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    texts = ["Qorvanix, Plemtrode and Zintrablu.", "Qorvanix, Wexalorp and Zintrablu."]
    warmer = CacheWarmer(tokenizer, budget=sum(map(len, texts)))
    warmer.feed(texts)
    strings = tech_nlp.vocab.strings
    assert MIN_CHUNK_COUNT == 2 and warmer.done
    assert "Qorvanix" in strings and "Zintrablu" in strings  # from "Qorvanix," and "Zintrablu."
    assert "Plemtrode" not in strings and "Wexalorp" not in strings  # seen once each
    before = warmer.cached
    warmer.feed(["Glorbizant Glorbizant Glorbizant"])  # the budget is spent: nothing more
    assert warmer.cached == before and "Glorbizant" not in strings


def test_warm_and_cold_tokenizers_agree(tech_nlp: Language) -> None:
    tokenizer = tech_nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    cold = [t.text for t in tech_nlp.make_doc(SAMPLE)]
    CacheWarmer(tokenizer, budget=10**6).feed([SAMPLE, SAMPLE])
    with tech_nlp.memory_zone():
        assert [t.text for t in tech_nlp.make_doc(SAMPLE)] == cold


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.text(alphabet=MIXED + " \n\t", min_size=1, max_size=6))
def test_lexeme_getters_agree_with_spacys(text: str) -> None:
    for attr, getter in OUR_GETTERS.items():
        assert getter(text) == SPACY_GETTERS[attr](text)


def test_an_existing_tokenizer_can_be_given_the_changes(tech_nlp: Language) -> None:
    nlp = spacy.blank("en")
    tokenizer = customize_tokenizer(nlp, nlp.tokenizer)
    assert tokenizer is nlp.tokenizer
    assert [t.text for t in nlp.make_doc(SAMPLE)] == [t.text for t in tech_nlp.make_doc(SAMPLE)]
