"""The components' shortcuts answer as the plain way would: one LOWER matcher with exact-case
checks, the negation line check, the equal-opportunity search, the renewed pipeline and the
results' wire format."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from jobtrends.pipeline.nlp import RenewingPipeline, extract_batch, extract_parallel
from jobtrends.pipeline.nlp.gate import _cue_pattern, _has_cue
from jobtrends.pipeline.nlp.joined_words import _joints
from jobtrends.pipeline.nlp.mention_filters import _ELIDED
from jobtrends.pipeline.nlp.negation import negated_spans
from jobtrends.pipeline.nlp.pool import collector_paused, from_wire, heap_frozen, to_wire
from jobtrends.pipeline.nlp.remote import _HYBRID, _ONSITE, _REMOTE, HYBRID, ONSITE, REMOTE
from jobtrends.pipeline.nlp.sections import split_lines
from jobtrends.pipeline.nlp.skills import SkillMatcher, mentions_of
from jobtrends.pipeline.results import PostingText
from tests.nlp.conftest import run_text
from tests.nlp.test_extract import POSTINGS

TEXTS = [
    "We use Go and go to conferences; GO is fine. JAX, Jax and jax. Claude or claude?",
    "Requirements\n- Python, Golang and Rust programming\n- Spark and spark joy\n- R or r",
    "Not required: Kubernetes.\nYou cannot use CUDA here. No-code or no code?\nWe know PyTorch.",
    "You don’t need Python. It doesn't require Rust programming. NO Kubernetes experience needed.",
    "Experience with Go is not a must, but Python is.\n\nWithout CUDA experience.\nKnow-how: Ray",
]


def _two_matcher_candidates(nlp: Language, matcher: SkillMatcher, text: str) -> set[tuple]:
    """Candidates as a LOWER matcher for safe forms plus an ORTH matcher for exact and
    ambiguous forms find them."""
    assert matcher.taxonomy is not None
    safe = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    for skill in matcher.taxonomy.skills:
        for target, key, forms in (
            (safe, skill.id, skill.safe_forms),
            (exact, skill.id, skill.exact_forms),
            (exact, "?" + skill.id, skill.ambiguous),
        ):
            if forms:
                target.add(key, [nlp.make_doc(form) for form in forms])
    doc = nlp.make_doc(text)
    strings = nlp.vocab.strings
    return {
        (start, end, strings[key].removeprefix("?"), strings[key].startswith("?"))
        for target in (safe, exact)
        for key, start, end in target(doc)
    }


@pytest.mark.parametrize("text", TEXTS)
def test_one_lower_matcher_finds_what_two_matchers_find(mini_nlp: Language, text: str) -> None:
    matcher = mini_nlp.get_pipe("jobtrends_skills")
    assert isinstance(matcher, SkillMatcher)
    found = {tuple(c) for c in matcher.candidates(mini_nlp.make_doc(text))}
    assert found == _two_matcher_candidates(mini_nlp, matcher, text)


@pytest.mark.parametrize("text", TEXTS)
def test_negation_line_check_agrees_with_a_full_scan(mini_nlp: Language, text: str) -> None:
    doc = run_text(mini_nlp, text)
    mentions = mentions_of(doc)
    assert mentions
    scanned = negated_spans(doc, [(m.start, m.end) for m in mentions])
    assert [m.negated for m in mentions] == scanned


def test_negation_cues_in_contractions_and_caps(mini_nlp: Language) -> None:
    doc = run_text(mini_nlp, TEXTS[3])
    assert {(m.skill_id, m.negated) for m in mentions_of(doc)} == {
        ("python", True),
        ("rust", True),
        ("kubernetes", True),
    }


EEO = "Acme is an equal opportunity employer.\nWe hire without regard to race or religion."


@pytest.mark.parametrize("prefix", ["", "İstanbul office.\n\n"])
def test_equal_opportunity_lines_with_and_without_a_length_changing_lower(prefix: str) -> None:
    # "İ".lower() is two characters: that text is checked line by line instead.
    text = f"{prefix}Requirements\n- Python\n{EEO}\n- Rust"
    sections = {text[line.start : line.end]: line.section for line in split_lines(text)}
    assert sections["- Python"] == "requirements"
    assert sections["Acme is an equal opportunity employer."] == "benefits"
    assert sections["We hire without regard to race or religion."] == "benefits"
    assert sections["- Rust"] == "benefits"


def test_a_renewed_pipeline_gives_the_same_results(mini_taxonomy_dir: Path) -> None:
    pipeline = RenewingPipeline(mini_taxonomy_dir, renew_after=20)  # lexemes
    first = pipeline.current()
    before = extract_batch(POSTINGS, first)
    renewed = pipeline.current()
    assert renewed is not first and pipeline.renewals == 1
    assert extract_batch(POSTINGS, renewed) == before
    assert pipeline.current() is not renewed and pipeline.renewals == 2


def test_results_cross_the_process_boundary_unchanged(mini_nlp: Language) -> None:
    results = extract_batch(POSTINGS, mini_nlp)
    assert any(r.salary is None for r in results) and any(r.salary for r in results)
    assert from_wire(to_wire(results)) == results
    assert gc.isenabled()


def test_the_collector_pause_restores_what_it_found() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause found it off and leaves it off
        raise RuntimeError("a failure inside still turns it back on")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()


def test_the_heap_is_frozen_for_the_block_and_thawed_after() -> None:
    held: list[list[int]] = [[] for _ in range(10)]  # something the process holds

    def collected() -> bool:  # among the objects the collector's runs walk
        return any(obj is held for obj in gc.get_objects())

    assert collected()
    with pytest.raises(RuntimeError), heap_frozen():
        assert not collected()
        raise RuntimeError("a failure inside still thaws it")
    assert collected()
    assert gc.get_freeze_count() == 0
    with heap_frozen():
        with heap_frozen():  # inside an outer block: nothing to do
            pass
        assert not collected()  # still frozen until the outer block ends
    assert collected()


def test_extracting_in_one_process_keeps_the_heap_frozen_until_the_last_result() -> None:
    postings = [
        PostingText(key=f"k{i}", title="ML Engineer", text="We use Python.") for i in range(3)
    ]
    frozen_during = [gc.get_freeze_count() > 0 for _ in extract_parallel(postings, chunk_size=1)]
    assert frozen_during == [True, True, True]
    assert gc.get_freeze_count() == 0


@settings(derandomize=True, max_examples=600, deadline=None)
@given(
    st.text(alphabet="abcgo_-+. 1é", max_size=30),
    st.lists(st.sampled_from(["go", "golang", "c++", "a b", "o", ".net", "é"]), min_size=1),
)
def test_cue_search_finds_what_the_cue_pattern_finds(text: str, cues: list[str]) -> None:
    as_tuple = tuple(dict.fromkeys(cues))
    assert _has_cue(text, as_tuple) == (_cue_pattern(as_tuple).search(text) is not None)


# The elided-heads pattern before it skipped the positions right after a letter.
_PLAIN_ELIDED = re.compile(r"([A-Za-z][\w.+#-]*)(\s*(?:,\s*(?:and|or)?|/|\band\b|\bor\b)\s*)$")


@settings(derandomize=True, max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(list("adnorx9-.,/ \né_")), max_size=24), st.integers(0, 24))
def test_the_elided_head_search_finds_what_the_plain_pattern_finds(
    chars: list[str], cut: int
) -> None:
    """From the start of a line (as `with_elided_heads` searches) to any end."""
    text = "".join(chars)
    end = min(cut, len(text))
    start = text.rfind("\n", 0, end) + 1
    fast, plain = _ELIDED.search(text, start, end), _PLAIN_ELIDED.search(text, start, end)
    assert (fast and (fast.span(), fast.groups())) == (plain and (plain.span(), plain.groups()))


# Phrases each pattern's alternatives match, and the pieces between them, run together in any
# order: matches start inside words, after digits and punctuation, at line starts.
_ARRANGEMENT_PHRASES = (
    "hybrid", "hybride", "télétravail", "2 days a week in the office", "3-4 days per week at our",
    "partially remote", "partly remote", "office attendance", "in-office", "on site", "onsite",
    "on-site 2 days a week", "office presence of one day per week", "in office 3 days / week",
    "in person", "office-based", "in office role", "fully remote", "100% remote", "all-remote",
    "work from anywhere", "remote (", "remote - us", "remote, emea", "remote-only", "remote ok",
    "working remotely", "| remote", "remote", "remote within", "( remote", "- remote.", "– remote)",
    "100 % en télétravail", "télétravail complet", "location: berlin, remote", "· remote ·",
    ", remote —", "we're a fully-remote team", "we are an all remote company", "meet ",
    "experience ", "four", "twice a", " events", " search", "days", "week", "office", "remote",
)  # fmt: skip
_ARRANGEMENT_PIECES = (*_ARRANGEMENT_PHRASES, "", " ", "\n", "x", "1", ",", ")", ".", "é", "REMOTE")


@settings(derandomize=True, max_examples=4000, deadline=None)
@given(st.lists(st.sampled_from(_ARRANGEMENT_PIECES), max_size=10))
def test_the_guarded_arrangement_patterns_find_what_the_plain_ones_find(pieces: list[str]) -> None:
    text = "".join(pieces)
    for guarded, plain in (
        (HYBRID, re.compile(_HYBRID)),
        (ONSITE, re.compile(_ONSITE)),
        (REMOTE, re.compile(_REMOTE, re.MULTILINE)),
    ):
        fast, slow = guarded.search(text), plain.search(text)
        assert (fast and fast.span()) == (slow and slow.span()), (text, plain.pattern[:30])


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.text(alphabet="aZbYé?É ÿ.-\n\u00e0\u0391\u03b1", max_size=40))
def test_case_joints_are_the_regex_scan(text: str) -> None:
    capitals = [m.start() for m in re.finditer(r"[A-Z](?<=[a-z][A-Z])", text)]
    assert list(_joints(text)) == capitals


def test_case_joints_count_a_character_outside_ascii_as_one() -> None:
    assert list(_joints("PythonDockerKafka naïveTest")) == [6, 12, 23]
