"""A report reads the store a range of duplicate groups at a time: every posting once, no group
cut between two batches, each batch with the demand and candidates of its own postings, on
SQLite and on PostgreSQL."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pandas as pd
import pytest

from jobtrends.pipeline.database import Database
from jobtrends.pipeline.frames import FrameFilter, build_frames, build_report_frames
from jobtrends.pipeline.store import (
    Store,
    group_ranges,
    load_posting_texts,
    pending_ids,
    save_extractions,
)
from jobtrends.pipeline.store.dedup import assign_duplicate_groups
from tests.pipeline.factories import T0, extraction, listing
from tests.pipeline.test_dedup import TEXT, job

VERSION = "batches-1"
TITLES = ("ML Engineer", "Data Scientist", "LLM Engineer", "Research Scientist", "MLOps Lead")


@pytest.fixture
def store(database: Database) -> Iterator[Store]:
    with Store.open(database) as opened:
        for number, title in enumerate(TITLES):
            text = f"{title} team. {TEXT}"
            copies = [job(f"{number}", title=title, text=text)]
            copies += [
                job(f"r{number}-{copy}", source="remotive", title=title, text=text, day=copy)
                for copy in range(number % 3)
            ]
            for item in copies:
                opened.save_listing(
                    listing(item, complete=False), source=item.source, board="board", now=T0
                )
        assign_duplicate_groups(opened)
        loaded = load_posting_texts(opened, pending_ids(opened, VERSION))
        hashes = {text.key: digest for text, digest in loaded}
        skills = [("python", "Python", "requirements"), ("pytorch", "PyTorch", "requirements")]
        found = [extraction(text.key, text.text, skills) for text, _ in loaded]
        save_extractions(opened, found, hashes, VERSION, T0)
        yield opened


@pytest.mark.parametrize("batch_postings", [1, 2, 3, 100])
def test_batches_hold_whole_groups_and_every_posting_once(
    store: Store, batch_postings: int
) -> None:
    report = build_report_frames(store, VERSION)
    whole = build_frames(store, VERSION)
    assert whole.postings["dup_group"].duplicated().any()  # some groups hold several postings
    seen: list[int] = []
    groups: set[int] = set()
    demand_rows = 0
    for postings, demand, candidates in report.batches(batch_postings):
        ids = set(postings["posting_id"])
        batch_groups = set(postings["dup_group"])
        assert not batch_groups & groups
        groups |= batch_groups
        seen += sorted(ids)
        assert set(demand["posting_id"]) <= ids
        assert set(candidates["posting_id"]) <= ids
        demand_rows += len(demand)
    assert sorted(seen) == sorted(whole.postings["posting_id"])
    assert len(seen) == len(set(seen))
    assert demand_rows == 2 * len(seen)  # Python and PyTorch, each asked for once per posting


def test_group_ranges_hold_enough_postings_and_cover_the_extracted_ones(store: Store) -> None:
    ranges = group_ranges(store, VERSION, 2)
    assert ranges[0][0] == 1 and len(ranges) >= 2
    sizes = [sum(1 for p in whole_keys(store) if low <= p <= high) for low, high in ranges]
    assert all(size >= 2 for size in sizes[:-1]) and sum(sizes) == len(whole_keys(store))
    assert all(low <= high for low, high in ranges)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(ranges))
    assert group_ranges(store, "no-such-version", 2) == []


def test_a_filtered_batch_carries_each_postings_mentions(store: Store) -> None:
    report = build_report_frames(store, VERSION, FrameFilter(sources=("remotive",)))
    batches = list(report.batches(2))
    postings = pd.concat([p for p, _, _ in batches])
    assert set(postings["source"]) == {"remotive"}
    assert report.mention_count is None
    assert postings["mentions"].tolist() == [2] * len(postings)


def whole_keys(store: Store) -> list[int]:
    """Each extracted posting's group key."""
    return [int(g) for g in build_frames(store, VERSION).postings["dup_group"]]
