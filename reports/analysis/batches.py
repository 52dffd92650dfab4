"""The report's postings in batches of whole duplicate groups, and the jobs each view sees in one.

Every count a page shows is a sum over jobs (duplicate groups), so a report can read its
postings a batch at a time and add each batch to its counters (`count_batches`): memory grows
with the batch and with the cells counted, not with the postings. A *view* is the set of
postings a page counts jobs in: every posting (`ALL`), the AI-engineering roles (`AI`) or one
role (its id). Within a view a job is a duplicate group restricted to the view's postings: it
takes the columns of its earliest posting there (`stats.dedup_postings`) and asks for every skill
one of those postings asks for (`pairs.demand_pairs`).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

import numpy as np
import pandas as pd

from jobtrends.pipeline.vocab import AI_ROLES
from jobtrends.reports.analysis import stats
from jobtrends.reports.analysis.pairs import demand_pairs, positions

ALL = "*all"
AI = "*ai"
# The columns of a posting that jobs are counted by: views and their jobs hold only these, not
# copies of every column (titles, links, ...) of every posting.
JOB_COLUMNS = (
    "posting_id", "dup_group", "month", "posted_at", "role", "source", "seniority", "remote",
    "salary_currency", "salary_annual_min", "salary_annual_max",
)  # fmt: skip


def view_postings(postings: pd.DataFrame, view: str) -> pd.DataFrame:
    """The rows of `postings` in `view`."""
    if view == ALL:
        return postings
    if view == AI:
        return postings[postings["role"].isin(AI_ROLES)]
    return postings[postings["role"] == view]


class Batch:
    """Postings of whole duplicate groups with their demand rows (`pairs.posting_demand`), and
    each view's jobs and demand pairs among them, worked out once for every counter. A view's
    postings and jobs hold the JOB_COLUMNS only; `postings` holds every column."""

    def __init__(
        self, postings: pd.DataFrame, demand: pd.DataFrame, candidates: pd.DataFrame | None = None
    ) -> None:
        self.postings = postings
        self.demand = demand
        self.candidates = candidates  # the term candidates of the postings, if read
        self._narrow = postings[[c for c in JOB_COLUMNS if c in postings.columns]]
        self._inside: dict[str, pd.DataFrame] = {}
        self._groups: dict[str, pd.DataFrame] = {}
        self._pairs: dict[str, pd.DataFrame] = {}

    def postings_of(self, view: str) -> pd.DataFrame:
        """The JOB_COLUMNS of the postings in `view`."""
        if view not in self._inside:
            self._inside[view] = view_postings(self._narrow, view)
        return self._inside[view]

    def groups(self, view: str) -> pd.DataFrame:
        """One row per job of `view`: its earliest posting there, in duplicate-group order."""
        if view not in self._groups:
            self._groups[view] = stats.dedup_postings(self.postings_of(view))
        return self._groups[view]

    def pairs(self, view: str) -> pd.DataFrame:
        """(dup_group, skill_id, required) per job of `view` and skill it asks for."""
        if view not in self._pairs:
            self._pairs[view] = demand_pairs(self.postings_of(view), self.demand)
        return self._pairs[view]


def added(
    total: pd.DataFrame, more: pd.DataFrame, keys: Sequence[str], how: dict[str, str]
) -> pd.DataFrame:
    """The rows of `total` and `more` with the same `keys` (a missing key is one of its own)
    made one, each column of `how` aggregated as it says ("sum", "max"): how counters add a
    batch's counts to theirs."""
    if more.empty:
        return total
    joined = pd.concat([total, more], ignore_index=True) if len(total) else more
    grouped = joined.groupby(list(keys), dropna=False, sort=True, observed=True)
    return grouped.agg(how).reset_index()


class Counter(Protocol):
    def add(self, batch: Batch) -> None: ...


def count_batches(
    postings: pd.DataFrame,
    demand: pd.DataFrame,
    counters: Iterable[Counter],
    batch_postings: int,
    candidates: pd.DataFrame | None = None,
) -> None:
    """Add every batch of `postings` (`group_batches`), with its rows of `demand` and of
    `candidates`, to each of `counters`."""
    keyed = [demand] if candidates is None else [demand, candidates]
    batches = (
        Batch(frame, rows[0], rows[1] if candidates is not None else None)
        for frame, rows in group_batches(postings, keyed, batch_postings)
    )
    count(batches, counters)


def count(batches: Iterable[Batch], counters: Iterable[Counter]) -> None:
    """Add each of `batches` to each of `counters`, one batch after another."""
    counters = list(counters)
    with fewer_collections():
        for batch in batches:
            for counter in counters:
                counter.add(batch)


# The cyclic collector's thresholds while batches are counted (Python's default: 700, 10, 10).
COUNTING_GC_THRESHOLDS = (100_000, 50, 100)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector run less often: each batch makes and drops millions of
    objects (rows read, frames, arrays), and a collection after every 700 of them, each walking
    the objects that live on, took about a seventh of a million-posting report (70.5 s -> 60.8 s,
    the same peak RSS). Collections still run; the thresholds are restored afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*COUNTING_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def group_batches(
    postings: pd.DataFrame, keyed: Sequence[pd.DataFrame], batch_postings: int
) -> Iterator[tuple[pd.DataFrame, list[pd.DataFrame]]]:
    """`postings` in batches of whole duplicate groups (about `batch_postings` postings each, in
    group order), each with the rows of every frame of `keyed` (by `posting_id`) of its
    postings, all in their frame order."""
    groups = postings["dup_group"].to_numpy()
    order = np.argsort(groups, kind="stable")
    ordered = groups[order]
    ids = postings["posting_id"].to_numpy()
    by_id = np.argsort(ids, kind="stable")
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    row_orders = []
    for frame in keyed:
        at, found = positions(ids[by_id], frame["posting_id"].to_numpy())
        row_rank = np.where(found, rank[by_id[at]] if len(ids) else 0, -1)
        row_order = np.argsort(row_rank, kind="stable")
        row_orders.append((row_order, row_rank[row_order]))
    start = 0
    while start < len(order):
        stop = min(start + max(batch_postings, 1), len(order))
        while stop < len(order) and ordered[stop] == ordered[stop - 1]:
            stop += 1
        rows = []
        for frame, (row_order, sorted_rank) in zip(keyed, row_orders, strict=True):
            low, high = np.searchsorted(sorted_rank, [start, stop])
            rows.append(frame.iloc[np.sort(row_order[low:high])])
        yield postings.iloc[np.sort(order[start:stop])], rows
        start = stop
