"""The posting attributes' shortcuts answer as the plain way would: currency marks by substring
search, stopwords of ASCII text without a regex, patterns run over the windows around their stems
instead of the whole text, and work cues found on tokens."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from jobtrends.pipeline.nlp import language, remote, salary, section_cues, seniority
from jobtrends.pipeline.nlp.negation import negated_spans
from jobtrends.pipeline.nlp.role import work_cues_in_text
from jobtrends.pipeline.nlp.sections import split_lines, windows_with
from jobtrends.pipeline.nlp.skills import mentions_of
from jobtrends.pipeline.nlp.terms import (
    NICE_CUE,
    cue_offsets,
    currency_marks_of,
    terms_of,
    work_cues_of,
)
from jobtrends.pipeline.nlp.tokenizer import _no_suffix_in
from tests.nlp.conftest import run_text

_MARK_PATTERN = re.compile(rf"[$€£₹]|\b(?:{salary._CODES})\b")


@settings(derandomize=True, max_examples=800, deadline=None)
@given(st.text(alphabet="USDEURCHFJPY$€£₹a_1 é\n-", max_size=40))
def test_currency_marks_are_what_the_mark_pattern_finds(text: str) -> None:
    expected = [(m.start(), m.end()) for m in _MARK_PATTERN.finditer(text)]
    assert salary.currency_marks(text) == expected


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["USD", "EUR", "$", "€", "150", "k", "_", "-", " ", "x", "\n"])))
def test_currency_marks_in_joined_fragments(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert salary.currency_marks(text) == [
        (m.start(), m.end()) for m in _MARK_PATTERN.finditer(text)
    ]


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=200))
def test_ascii_words_are_what_the_word_pattern_finds(text: str) -> None:
    assert language.words_of(text) == set(language._WORD.findall(text.lower()))


_REMOTE_PIECES = [
    "This role is remote", "this position is on-site in Paris", "hybrid search", "hybrid",
    "we are a remote-first company", "Remote (US)", "3 days a week in the office", "not remote",
    "in person events", "in-person five days a week", "work from anywhere", "office-based",
    "télétravail complet", "onsite", "on site visits", "website", "personal", "Office hours",
    "We meet in person twice a year", "| Remote", "remote", "the team", "lorem ipsum dolor",
    ". ", ", ", "\n", "\n\n", " ", "- ",
]  # fmt: skip


@settings(derandomize=True, max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_REMOTE_PIECES), max_size=30))
def test_remote_over_stem_windows_is_remote_over_the_whole_text(pieces: list[str]) -> None:
    lowered = " ".join(pieces).lower()
    windows = windows_with(remote.STEMS, lowered, remote.STEM_REACH)
    assert remote._from_text(windows) == remote._from_text(lowered)


_YEAR_PIECES = [
    "5+ years of experience", "3-5 years", "two years in Python", "10 yrs", "years", "1 year",
    "founded 12 years ago", "experience", "professional", "with Go", "we are", "x" * 90,
    "over 200 years old", "yearly bonus", "\n", " ", ", ", ". ", "7", "+", "to",
]  # fmt: skip


@settings(derandomize=True, max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_YEAR_PIECES), max_size=25))
def test_years_over_stem_windows_are_years_over_each_line(pieces: list[str]) -> None:
    text = " ".join(pieces)
    by_line = [years for line in text.split("\n") if (years := _years_in(line)) is not None]
    assert seniority.years_asked(text) == (max(by_line) if by_line else None)


def _years_in(text: str) -> int | None:
    found = []
    for match in seniority.YEARS.finditer(text):
        tail = match["tail"]
        if seniority._NOT_EXPERIENCE.match(tail):
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        experience = seniority._EXPERIENCE
        if seniority._OF_OR_IN.match(tail) or experience.search(tail) or experience.search(before):
            found.append(seniority._number(match.group(1)))
    return max(found) if found else None


def test_windows_stay_inside_their_line_and_merge() -> None:
    text = "aaaa remote bbbb\ncccc\nxx office yy remote zz"
    assert windows_with(("remote", "office"), text, 3) == "aa remote bb\nxx office yy remote zz"
    assert windows_with(("remote",), "no stem here", 50) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write prompts for agents; the agent evaluates prompts.", {"llm_engineer": 3}),
        ("GPU cluster and GPU clusters", {"ai_infrastructure_engineer": 1}),
        ("A/B tests, a/b testing and A/B test design", {"data_scientist": 2}),
        ("Deploy svc-agent and ui-batch to the bot_agent_v2 queue", {}),
        ("Full-stack work on the UI and state-of-the-art models", {
            "ai_application_developer": 2, "ml_researcher": 1}),
        ("Evaluation of LLMs' outputs", {"llm_engineer": 1}),
    ],
)  # fmt: skip
def test_work_cues_count_distinct_whole_word_cues(text: str, expected: dict[str, int]) -> None:
    assert dict(work_cues_in_text(text)) == expected


def test_work_cues_in_the_pipeline_match_the_text_alone(real_nlp: Language) -> None:
    text = "Build RAG agents and evals.\n\n- Own the GPU clusters\n- A/B test with statistics"
    assert dict(work_cues_of(run_text(real_nlp, text))) == dict(work_cues_in_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "Pay: USD 160,000-210,000 (base), or 150k-200k USD.",
        "EUR 70.000 - 90.000 p.a.; CHF 120'000; £60,000; €70k; ₹25,00,000",
        "Salary (USD): $150k–$200k. JPY/year. usd is not a code, USDC and SEKS are words.",
        "USD-denominated grants; NOK/DKK; PLN, SGD and NZD.",
    ],
)
def test_currency_marks_from_tokens_are_the_marks_in_the_text(
    real_nlp: Language, text: str
) -> None:
    assert currency_marks_of(run_text(real_nlp, text), text) == salary.currency_marks(text)


def test_a_plainly_english_head_decides_and_a_short_english_opening_does_not() -> None:
    german = (
        "Wir suchen eine erfahrene Person für unser Team in Berlin. Du arbeitest mit der "
        "Produktentwicklung und bist für die Qualität unserer Modelle verantwortlich. "
    ) * 6
    opening = "Senior ML Engineer (Python, PyTorch) at Acme in Berlin\n\n"
    assert language.detect_language(opening + german) == "de"
    english = (
        "We are looking for an engineer who will own the quality of our models and work with "
        "the product team on what we ship to our customers. "
    ) * 6
    assert language._plainly_english(language.words_of(english[: language.HEAD_CHARS]))
    assert language.detect_language(english + german) == "en"


_NICE_PIECES = [
    "Python", "is a plus", "is a big plus", "Plus,", "bonus points for Rust", "bonus",
    "Nice-to-have",
    "nice to have:", "preferred", "Preferably", "ideally", "ideal", "desirable", "is an advantage",
    "not required, but", "good to have", "extra points", "surplus", "Go", ". ", "; ", "\n", "- ",
]  # fmt: skip


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NICE_PIECES), min_size=1, max_size=16))
def test_nice_cues_found_on_tokens_decide_as_the_text_search(
    mini_nlp: Language, pieces: list[str]
) -> None:
    text = " ".join(pieces)
    doc = run_text(mini_nlp, text)
    offsets = cue_offsets(doc, terms_of(doc), NICE_CUE)
    for line in split_lines(text):
        for char in range(line.start, line.end, 3):
            assert line.nice_at(text, char, offsets) == line.nice_at(text, char)


_NEGATION_PIECES = [
    "Python", "Go", "Rust", "Kubernetes", "no", "No", "not required", "you don't need",
    "You don’t need", "without", "not a must", "we do not use", "knowledge of", "notebooks",
    "know", "needed", "and", ",", ".", "\n", "but", "experience with", "is not necessary",
]  # fmt: skip


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NEGATION_PIECES), min_size=1, max_size=20))
def test_negation_skips_only_lines_a_full_scan_would_not_negate(
    mini_nlp: Language, pieces: list[str]
) -> None:
    doc = run_text(mini_nlp, " ".join(pieces))
    mentions = mentions_of(doc)
    scanned = negated_spans(doc, [(m.start, m.end) for m in mentions])
    assert [m.negated for m in mentions] == scanned


@settings(derandomize=True, max_examples=3000, deadline=None)
@given(st.text(alphabet="aZé5²%.,'’-_/$€+#()°kmGB", min_size=1, max_size=9))
def test_a_word_the_suffix_shortcut_passes_has_no_suffix(real_nlp: Language, word: str) -> None:
    suffix_search = real_nlp.tokenizer.suffix_search  # type: ignore[attr-defined]
    if _no_suffix_in(word):
        assert suffix_search.__self__.search(word) is None


_SALARY_PIECES = [
    "$150k", "-", "–", "to", "$200k", "USD", "EUR 70.000", "€", "£60,000", "CHF 120'000", "150",
    "200", "k", " ", "\n", "per hour", "/hr", "US$", "CA$", "AU$", "JPY", "₹", "a", "Salary:",
]  # fmt: skip


@settings(derandomize=True, max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_SALARY_PIECES), max_size=14))
def test_the_salary_pattern_start_guard_changes_no_match(pieces: list[str]) -> None:
    unguarded = re.compile(salary.SALARY.pattern.removeprefix(salary._MATCH_START))
    text = "".join(pieces)
    guarded = [(m.span(), m.groupdict()) for m in salary.SALARY.finditer(text)]
    assert guarded == [(m.span(), m.groupdict()) for m in unguarded.finditer(text)]


_CUE_PIECES = [
    "Equal Opportunity", "equal employment opportunity", "Affirmative Action Employer", "without",
    "regard to race", "Regardless of gender", "is a plus", "are a big plus", "Bonus points", "nice",
    "Nice-to-have", "preferred", "Preferably", "IDEALLY", "desirable", "is an advantage", "a",
    "not required, but", "good to have", "extra points", "x", " ", ".", "\n",
]  # fmt: skip


@settings(derandomize=True, max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=12))
def test_the_cue_pattern_start_guards_change_no_match(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for pattern in (section_cues.EEO, section_cues.NICE_INLINE):
        guard, _, rest = pattern.pattern.partition(")(?:")
        unguarded = re.compile("(?:" + rest, pattern.flags)
        assert guard.startswith("(?=[")
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in unguarded.finditer(text)
        ]
