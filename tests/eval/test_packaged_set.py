"""The packaged part A of the evaluation set: coverage of roles, kinds and hard cases, and no
text shared with the generated demo corpus."""

from __future__ import annotations

import html
import re
from collections import Counter
from importlib import resources

import pytest

from jobtrends.pipeline.evaluation.sets import GoldPosting, load_eval_set, packaged_set_files
from jobtrends.pipeline.nlp.language import detect_language
from jobtrends.pipeline.vocab import REMOTES, ROLES, SENIORITIES
from jobtrends.scraper.demo.corpus import generate_corpus

MIN_SHARED_CHARS = 40
_SENTENCES = re.compile(r"(?<=[.!?;:])\s+|\n+")
_TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def part_a() -> list[GoldPosting]:
    path = resources.files("jobtrends.pipeline.evaluation") / "set_a.jsonl"
    return load_eval_set([path])


def test_part_a_covers_every_role_kind_seniority_and_remote(part_a: list[GoldPosting]) -> None:
    assert len(part_a) >= 80
    roles = Counter(p.role for p in part_a)
    assert set(roles) == set(ROLES) and min(roles.values()) >= 8
    assert {p.kind for p in part_a} == {"ats", "hn", "aggregator", "truncated"}
    assert {p.seniority for p in part_a} == set(SENIORITIES)
    assert {p.remote for p in part_a} == set(REMOTES)
    assert sum(m.negated for p in part_a for m in p.skills) >= 10
    assert all(p.id.startswith("a") for p in part_a)


def test_non_english_postings_carry_no_labels(part_a: list[GoldPosting]) -> None:
    foreign = [p for p in part_a if detect_language(p.text) != "en"]
    assert {detect_language(p.text) for p in foreign} >= {"de", "fr"}
    assert all(not p.skills for p in foreign)


def _sentences(text: str) -> set[str]:
    pieces = (" ".join(s.strip(" -•").split()) for s in _SENTENCES.split(text))
    return {s.lower() for s in pieces if len(s) >= MIN_SHARED_CHARS}


def _plain(markup: str) -> str:
    # Every tag becomes a line break: cruder than html_to_text but enough to compare sentences.
    return html.unescape(_TAG.sub("\n", html.unescape(markup)))


def test_no_eval_text_comes_from_the_demo_corpus() -> None:
    demo: set[str] = set()
    for posting in generate_corpus().postings:
        demo |= _sentences(_plain(posting.html))
    assert len(demo) > 1000
    shared = {
        (gold.id, sentence)
        for gold in load_eval_set(packaged_set_files())
        for sentence in _sentences(gold.text) & demo
    }
    assert shared == set()
