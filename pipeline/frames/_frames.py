"""Frames of postings, mentions, candidates and runs built from the store (see the package doc
for the column contracts)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from jobtrends.pipeline.geo import country_of
from jobtrends.pipeline.store import (
    CANDIDATE_FIELDS,
    GroupRange,
    IdRange,
    PostingRow,
    RunTargetRow,
    Store,
    candidate_term_columns,
    extracted_mention_columns,
    extracted_posting_columns,
    mention_lines,
    run_target_results,
)

TIME_COLUMNS = ("posted_at", "first_seen", "last_seen", "closed_at")
# Posting columns no report page reads: `build_report_frames` leaves them out (at a million
# postings each column is 8 MB or more), and also `first_seen` and `country` once they gave the
# month and the filter.
UNREPORTED_COLUMNS = (
    "last_seen", "role_confidence", "salary_min", "salary_max", "salary_period", "language",
    "region", "city", "employment_type",
)  # fmt: skip

Lines = Callable[[Sequence[tuple[int, str, int, int]]], list[str]]


@dataclass(frozen=True, slots=True)
class Frames:
    postings: pd.DataFrame
    mentions: pd.DataFrame
    runs: pd.DataFrame
    lines: Lines  # reads the store: use it while the store is open
    candidates: pd.DataFrame

    def with_contexts(self) -> pd.DataFrame:
        """The mentions with a `context` column (every mention's line; for exports)."""
        return self.mentions.assign(context=self.lines(mention_spans(self.mentions)))


def mention_spans(mentions: pd.DataFrame) -> list[tuple[int, str, int, int]]:
    """The (posting_id, section, start, end) of each row of a mentions frame, for `Lines`."""
    columns = (mentions["posting_id"], mentions["section"], mentions["start"], mentions["end"])
    return [(int(p), str(s), int(a), int(b)) for p, s, a, b in zip(*columns, strict=True)]


@dataclass(frozen=True, slots=True)
class FrameFilter:
    since: str | None = None  # "YYYY-MM", inclusive
    until: str | None = None  # "YYYY-MM", inclusive
    sources: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    remote: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes


def build_frames(
    store: Store,
    extractor_version: str,
    frame_filter: FrameFilter | None = None,
    *,
    ids: IdRange | None = None,
) -> Frames:
    """The frames of `extractor_version`'s extractions; with `ids`, of the postings whose ids lie
    in that range only (exports read the store slice by slice)."""
    postings = postings_frame(store, extractor_version, ids, frame_filter)
    mentions = _mentions_frame(*extracted_mention_columns(store, extractor_version, ids))
    if frame_filter is not None and frame_filter != FrameFilter():
        mentions = mentions[mentions["posting_id"].isin(postings["posting_id"])].copy()
    mentions["negated"] = mentions["negated"].astype(bool)
    mentions["nice_to_have"] = mentions["nice_to_have"].astype(bool)
    return Frames(
        postings=postings,
        mentions=mentions.reset_index(drop=True),
        runs=runs_frame(store),
        lines=functools.partial(mention_lines, store),
        candidates=candidates_frame(store, extractor_version, ids, postings),
    )


def postings_frame(
    store: Store,
    extractor_version: str,
    ids: IdRange | None,
    frame_filter: FrameFilter | None,
    left_out: Sequence[str] = (),
    *,
    groups: GroupRange | None = None,
) -> pd.DataFrame:
    fields = [name for name in PostingRow._fields if name not in left_out]
    columns = extracted_posting_columns(store, extractor_version, ids, fields, groups=groups)
    postings = columns_frame(columns)
    for column in TIME_COLUMNS:
        if column in postings.columns:
            postings[column] = pd.to_datetime(postings[column], utc=True, format="ISO8601")
    dated = postings["posted_at"].fillna(postings["first_seen"])
    postings.insert(8, "month", dated.dt.strftime("%Y-%m"))
    stated = postings.pop("stated_country")
    countries = [
        (code, "source") if isinstance(code, str) and code else _located(location)
        for code, location in zip(stated, postings["location"], strict=True)
    ]
    postings.insert(7, "country", [country for country, _ in countries])
    postings["country_from"] = [origin for _, origin in countries]
    return apply_filter(postings, frame_filter or FrameFilter()).reset_index(drop=True)


def candidates_frame(
    store: Store,
    extractor_version: str,
    ids: IdRange | None,
    postings: pd.DataFrame,
    *,
    groups: GroupRange | None = None,
) -> pd.DataFrame:
    """The term candidates of `postings` (in the postings with ids in `ids`, of the groups in
    `groups`, when given)."""
    candidates = columns_frame(candidate_term_columns(store, extractor_version, ids, groups=groups))
    if candidates.empty:
        candidates = pd.DataFrame(columns=list(CANDIDATE_FIELDS))
    candidates = candidates[candidates["posting_id"].isin(postings["posting_id"])]
    return candidates.reset_index(drop=True)


def runs_frame(store: Store) -> pd.DataFrame:
    runs = _frame(run_target_results(store), RunTargetRow._fields)
    for column in ("started_at", "finished_at"):
        runs[column] = pd.to_datetime(runs[column], utc=True, format="ISO8601")
    return runs


def _mentions_frame(spans: dict[str, Any], skills: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """The mentions frame (columns in `MentionRow` order): the spans, with each skill's name and
    category filled in from `skills` (one value object per skill, shared by its mentions)."""
    frame = columns_frame(spans)
    ids = frame["skill_id"]
    names = {skill_id: name for skill_id, (name, _) in skills.items()}
    categories = {skill_id: category for skill_id, (_, category) in skills.items()}
    frame.insert(2, "skill_name", ids.map(names) if len(ids) else ids.copy())
    frame.insert(3, "category", ids.map(categories) if len(ids) else ids.copy())
    return frame


def columns_frame(columns: dict[str, Any]) -> pd.DataFrame:
    """A frame from one list per column; dtypes are inferred from the values as `_frame` does
    (no rows give the columns with object dtype). Each list is taken out of `columns` once its
    column is built, so the lists and the frame are never all held at once."""
    if not any(columns.values()):
        return pd.DataFrame(columns, dtype=object)
    built = {name: pd.Series(columns.pop(name)) for name in list(columns)}
    return pd.DataFrame(built)


def _frame(rows: Sequence[tuple[object, ...]], columns: tuple[str, ...]) -> pd.DataFrame:
    """The rows as a frame, built the way pandas builds one from a query's result (dtypes inferred
    from the values; no rows give the columns with object dtype)."""
    return pd.DataFrame.from_records(rows, columns=list(columns), coerce_float=True)


def apply_filter(postings: pd.DataFrame, chosen: FrameFilter) -> pd.DataFrame:
    """The postings `chosen` keeps (months, sources, roles, remote modes, countries)."""
    keep = pd.Series(True, index=postings.index)
    if chosen.since:
        keep &= postings["month"] >= chosen.since
    if chosen.until:
        keep &= postings["month"] <= chosen.until
    if chosen.sources:
        keep &= postings["source"].isin(chosen.sources)
    if chosen.roles:
        keep &= postings["role"].isin(chosen.roles)
    if chosen.remote:
        keep &= postings["remote"].isin(chosen.remote)
    if chosen.countries:
        keep &= postings["country"].isin([code.upper() for code in chosen.countries])
    return postings[keep]


def _located(location: str) -> tuple[str, str | None]:
    country = country_of(location)
    return country, ("text" if country else None)
