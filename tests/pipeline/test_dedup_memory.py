"""The dedup pass reads the store one company block after another: its memory holds a block and
a batch of rows, not every posting (traced peak with ten times the postings, SQLite)."""

from __future__ import annotations

import tracemalloc
from datetime import timedelta
from pathlib import Path

from jobtrends.pipeline.store import Store
from jobtrends.pipeline.store.dedup import assign_duplicate_groups
from tests.pipeline.factories import T0, listing, posting

COMPANIES = 50


def _store(path: Path, per_company: int) -> Store:
    store = Store.open(path)
    for company in range(COMPANIES):
        postings = [
            posting(
                f"{company}-{number}",
                company=f"Company {company}",
                title=f"Engineer {number}",
                location="Berlin",
                posted_at=T0 + timedelta(days=number % 300),
                text=f"Posting {number} of company {company}. " * 20,
            )
            for number in range(per_company)
        ]
        store.save_listing(
            listing(*postings, complete=False), source="greenhouse", board="b", now=T0
        )
    return store


def _traced_peak(store: Store) -> int:
    tracemalloc.start()
    try:
        assign_duplicate_groups(store)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        store.close()


def test_ten_times_the_postings_do_not_take_ten_times_the_memory(tmp_path: Path) -> None:
    small = _traced_peak(_store(tmp_path / "small.db", 40))
    large = _traced_peak(_store(tmp_path / "large.db", 400))
    assert large < 2 * small, (small, large)
