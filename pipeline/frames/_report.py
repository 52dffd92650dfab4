"""What a report reads: its postings in batches of whole duplicate groups, each with what its
postings' mentions add up to (aggregated by the store) and its term candidates, so neither the
postings nor their mentions are ever held all at once."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jobtrends.pipeline.frames._frames import (
    UNREPORTED_COLUMNS,
    FrameFilter,
    Lines,
    candidates_frame,
    columns_frame,
    postings_frame,
    runs_frame,
)
from jobtrends.pipeline.store import (
    DEMAND_MENTION_FIELDS,
    DemandColumns,
    GroupRange,
    Store,
    demand_columns,
    extracted_skills,
    first_demand_mentions,
    group_ranges,
    mention_counts,
    mention_lines,
    mention_totals,
)

# Posting columns a report only counts, compares or shows for a few postings: held as categories
# (a small code per posting instead of a string object).
REPORT_CATEGORY_COLUMNS = (
    "board", "company", "title", "location", "attribution", "remote_from", "salary_from",
    "seniority_from", "country_from",
)  # fmt: skip
_AS_CATEGORIES = dict.fromkeys(REPORT_CATEGORY_COLUMNS, "category")
# (postings, demand, candidates) of whole duplicate groups, about the given number of postings.
Batches = Callable[[int], Iterator[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]]


@dataclass(frozen=True, slots=True)
class ReportFrames:
    """What a report reads: `batches` of its postings (see the module doc), the skills' names
    and categories, how many mentions there are (None with a filter: the batches' postings
    carry a `mentions` column to add up), the runs, and readers of the few lines and mentions
    a page shows."""

    batches: Batches  # reads the store: use it while the store is open
    skills: dict[str, tuple[str, str]]  # skill_id -> (name, category)
    mention_count: int | None
    runs: pd.DataFrame
    lines: Lines  # reads the store too
    demand_mentions: Callable[[Sequence[tuple[int, str]]], pd.DataFrame]  # reads the store too


def build_report_frames(
    store: Store, extractor_version: str, frame_filter: FrameFilter | None = None
) -> ReportFrames:
    """The report's input of `extractor_version`'s extractions (see `ReportFrames`)."""
    filtered = frame_filter is not None and frame_filter != FrameFilter()
    if filtered:
        skills, mention_count = extracted_skills(store, extractor_version), None
    else:
        skills, mention_count = mention_totals(store, extractor_version)
    return ReportFrames(
        batches=functools.partial(
            report_batches, store, extractor_version, frame_filter or FrameFilter()
        ),
        skills=skills,
        mention_count=mention_count,
        runs=runs_frame(store),
        lines=functools.partial(mention_lines, store),
        demand_mentions=functools.partial(_demand_mentions, store, extractor_version),
    )


def report_batches(
    store: Store, extractor_version: str, frame_filter: FrameFilter, batch_postings: int
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]:
    """The postings `frame_filter` keeps, a range of duplicate groups at a time (about
    `batch_postings` postings), each with its demand pairs and term candidates. With a filter
    the postings carry a `mentions` column: how many mentions each holds."""
    filtered = frame_filter != FrameFilter()
    for groups in group_ranges(store, extractor_version, batch_postings):
        postings = postings_frame(
            store, extractor_version, None, frame_filter, UNREPORTED_COLUMNS, groups=groups
        )
        postings = postings.drop(columns=["first_seen", "country"]).astype(_AS_CATEGORIES)
        if postings.empty:
            continue
        kept = postings["posting_id"]
        demand = demand_frame(demand_columns(store, extractor_version, groups=groups))
        if filtered:
            demand = demand[demand["posting_id"].isin(kept)].reset_index(drop=True)
            postings["mentions"] = _mentions_of(store, extractor_version, groups, kept)
        candidates = candidates_frame(store, extractor_version, None, postings, groups=groups)
        yield postings, demand, candidates


def _mentions_of(
    store: Store, extractor_version: str, groups: GroupRange, kept: pd.Series
) -> np.ndarray:
    counts = columns_frame(mention_counts(store, extractor_version, groups=groups))
    if counts.empty:
        return np.zeros(len(kept), dtype=np.int64)
    per_posting = pd.Series(counts["mentions"].to_numpy(), index=counts["posting_id"].to_numpy())
    return per_posting.reindex(kept.to_numpy(), fill_value=0).to_numpy(dtype=np.int64)


def demand_frame(columns: DemandColumns) -> pd.DataFrame:
    """The (posting, skill) pairs with the skill ids as sorted categories, made from the packed
    columns without a Python object per pair."""
    skills = pd.Categorical.from_codes(
        np.frombuffer(columns.skill_codes, dtype=np.int32) if columns.skill_codes else [],
        categories=pd.Index(columns.skill_ids, dtype="str"),
    )
    return pd.DataFrame(
        {
            "posting_id": np.array(columns.posting_ids, dtype=np.int64),
            "skill_id": skills.reorder_categories(sorted(columns.skill_ids)),
            "required": np.array(columns.required, dtype=bool),
        }
    )


def _demand_mentions(
    store: Store, extractor_version: str, pairs: Sequence[tuple[int, str]]
) -> pd.DataFrame:
    rows = first_demand_mentions(store, extractor_version, pairs)
    return pd.DataFrame.from_records(rows, columns=list(DEMAND_MENTION_FIELDS))
