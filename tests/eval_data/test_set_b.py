"""Checks on the hand-labeled evaluation set, part B (`pipeline/evaluation/set_b.jsonl`).

The labels themselves are human judgement; these tests only guard the file's shape: every line is
a posting in the shared format, every label names a taxonomy skill and resolves to a span of the
text, and the set covers what it promises (75 postings, all seven roles, every kind).
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from importlib import resources
from typing import Any

import pytest

from jobtrends.pipeline.nlp.taxonomy import load_taxonomy
from jobtrends.pipeline.vocab import REMOTES, ROLES, SENIORITIES

POSTING_FIELDS: dict[str, type] = {
    "id": str, "title": str, "company": str, "kind": str, "text": str, "role": str,
    "seniority": str, "remote": str, "skills": list, "notes": str,
}  # fmt: skip
LABEL_FIELDS: dict[str, type] = {"id": str, "text": str, "occurrence": int, "negated": bool}
KINDS = ("ats", "hn", "aggregator", "truncated")
EXPECTED_POSTINGS = 75
MIN_PER_ROLE = 8


def _lines() -> list[str]:
    resource = resources.files("jobtrends.pipeline.evaluation").joinpath("set_b.jsonl")
    return [line for line in resource.read_text(encoding="utf-8").splitlines() if line.strip()]


POSTINGS: list[dict[str, Any]] = [json.loads(line) for line in _lines()]


def _nth_find(text: str, words: str, occurrence: int) -> int:
    """Start of the `occurrence`-th (1-based, case-sensitive) find of `words`, or -1."""
    at = -1
    for _ in range(occurrence):
        at = text.find(words, at + 1)
        if at < 0:
            return -1
    return at


def _label_spans(posting: dict[str, Any]) -> list[tuple[int, int, str]]:
    spans = []
    for label in posting["skills"]:
        start = _nth_find(posting["text"], label["text"], label["occurrence"])
        spans.append((start, start + len(label["text"]), label["text"]))
    return spans


def test_every_line_is_a_json_object() -> None:
    for number, line in enumerate(_lines(), start=1):
        assert isinstance(json.loads(line), dict), f"line {number} is not a JSON object"


def test_the_set_has_the_promised_postings_with_unique_sequential_ids() -> None:
    ids = [posting["id"] for posting in POSTINGS]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert ids == [f"b{number:03d}" for number in range(1, EXPECTED_POSTINGS + 1)]


@pytest.mark.parametrize("posting", POSTINGS, ids=lambda p: str(p.get("id")))
def test_posting_has_exactly_the_shared_fields(posting: dict[str, Any]) -> None:
    assert set(posting) == set(POSTING_FIELDS)
    for name, kind in POSTING_FIELDS.items():
        assert isinstance(posting[name], kind), f"{name} should be {kind.__name__}"
    assert posting["title"].strip() and posting["company"].strip() and posting["text"].strip()
    for label in posting["skills"]:
        assert set(label) == set(LABEL_FIELDS), label
        for name, label_kind in LABEL_FIELDS.items():
            value = label[name]
            is_bool = isinstance(value, bool)
            assert isinstance(value, label_kind) and not (label_kind is int and is_bool), label


@pytest.mark.parametrize("posting", POSTINGS, ids=lambda p: str(p.get("id")))
def test_posting_attributes_use_the_product_ids(posting: dict[str, Any]) -> None:
    assert posting["role"] in ROLES
    assert posting["seniority"] in SENIORITIES
    assert posting["remote"] in REMOTES
    assert posting["kind"] in KINDS


def test_every_skill_label_names_a_taxonomy_skill() -> None:
    known = load_taxonomy().by_id
    unknown = [
        (posting["id"], label["id"])
        for posting in POSTINGS
        for label in posting["skills"]
        if label["id"] not in known
    ]
    assert not unknown, f"labels with skill ids missing from the taxonomy: {unknown}"


@pytest.mark.parametrize("posting", POSTINGS, ids=lambda p: str(p.get("id")))
def test_every_label_resolves_to_its_words_in_the_text(posting: dict[str, Any]) -> None:
    for label in posting["skills"]:
        assert label["occurrence"] >= 1 and label["text"], label
        start = _nth_find(posting["text"], label["text"], label["occurrence"])
        assert start >= 0, (
            f"{label['text']!r} occurs fewer than {label['occurrence']} time(s) in the text"
        )


@pytest.mark.parametrize("posting", POSTINGS, ids=lambda p: str(p.get("id")))
def test_labels_are_in_reading_order_and_do_not_overlap(posting: dict[str, Any]) -> None:
    spans = _label_spans(posting)
    assert spans == sorted(spans), "skills must be listed in reading order"
    for (_, previous_end, previous), (start, _, current) in itertools.pairwise(spans):
        assert start >= previous_end, f"{previous!r} and {current!r} overlap"


def test_all_seven_roles_are_covered_at_least_eight_times() -> None:
    counts = Counter(posting["role"] for posting in POSTINGS)
    assert set(counts) == set(ROLES)
    assert min(counts.values()) >= MIN_PER_ROLE, counts


def test_every_kind_is_represented_and_hn_postings_start_with_the_pipe_header() -> None:
    kinds = Counter(posting["kind"] for posting in POSTINGS)
    assert set(kinds) == set(KINDS), kinds
    for posting in POSTINGS:
        if posting["kind"] == "hn":
            header = posting["text"].splitlines()[0]
            assert header.count(" | ") >= 4, f"{posting['id']}: {header!r}"


def test_non_english_postings_carry_no_skill_labels() -> None:
    # German and French postings are identified by words no English ad uses.
    foreign = re.compile(r"\b(Über uns|Deine Aufgaben|Qui sommes-nous|Vos missions)\b")
    non_english = [p for p in POSTINGS if foreign.search(p["text"])]
    assert len(non_english) >= 2
    assert all(p["skills"] == [] for p in non_english), [p["id"] for p in non_english]


def test_english_postings_are_labeled() -> None:
    unlabeled = [p["id"] for p in POSTINGS if not p["skills"]]
    assert len(unlabeled) == 2, unlabeled
