"""The one module where pandas enters: frames of postings, mentions and runs built from the store.

`build_frames` gives every mention row (exports); `build_report_frames` gives what a report reads:
the postings without the columns no page reads, and what their mentions add up to, aggregated by
the store (`ReportFrames`), so no mention row is held.

Column contracts (reports and exports rely on them):
- postings: posting_id, source, board, company, title, location, country (ISO code or ""), url,
  posted_at, month, first_seen, last_seen, closed_at, role, role_confidence, seniority, remote,
  salary_min, salary_max, salary_currency, salary_period, salary_annual_min, salary_annual_max,
  language, dup_group, attribution, region, city, employment_type (as the source states them, or
  None), remote_from, salary_from, seniority_from, country_from ("source" when the source's
  structured field stated the value, "text" when it was read from the posting's text or location,
  None when neither stated one). The country is the source's stated code when it gives one, else
  the one the location names. Only postings extracted by `extractor_version` appear. A report's
  postings hold `REPORT_CATEGORY_COLUMNS` as categories.
- mentions: posting_id, skill_id, skill_name, category, section, negated, nice_to_have, text, start,
  end. The line a mention stands on is cut only when it is shown: `Frames.lines` maps
  (posting_id, section, start, end) spans to their lines, reading just those postings, so no
  posting text is held once per mention.
- candidates: posting_id, term_key, term, section, start, end, score: one row per posting and
  term candidate ("New tools to watch"; never counted as skills), for the postings kept.
- runs: run_id, started_at, finished_at, source, target, requests, bytes, new, updated, closed,
  unchanged, status, error.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from jobtrends.pipeline.geo import country_of
from jobtrends.pipeline.store import (
    CANDIDATE_FIELDS,
    DEMAND_MENTION_FIELDS,
    DemandColumns,
    IdRange,
    PostingRow,
    RunTargetRow,
    Store,
    candidate_term_columns,
    demand_columns,
    extracted_mention_columns,
    extracted_posting_columns,
    extracted_skills,
    first_demand_mentions,
    mention_counts,
    mention_lines,
    mention_totals,
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

# Posting columns a report only counts, compares or shows for a few postings: held as categories
# (a small code per posting; at a million postings they took 167 MB as strings, 9 MB as codes).
REPORT_CATEGORY_COLUMNS = (
    "board", "company", "title", "location", "attribution", "remote_from", "salary_from",
    "seniority_from", "country_from",
)  # fmt: skip
_AS_CATEGORIES = dict.fromkeys(REPORT_CATEGORY_COLUMNS, "category")

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
    postings = _postings_frame(store, extractor_version, ids, frame_filter)
    mentions = _mentions_frame(*extracted_mention_columns(store, extractor_version, ids))
    if frame_filter is not None and frame_filter != FrameFilter():
        mentions = mentions[mentions["posting_id"].isin(postings["posting_id"])].copy()
    mentions["negated"] = mentions["negated"].astype(bool)
    mentions["nice_to_have"] = mentions["nice_to_have"].astype(bool)
    return Frames(
        postings=postings,
        mentions=mentions.reset_index(drop=True),
        runs=_runs_frame(store),
        lines=functools.partial(mention_lines, store),
        candidates=_candidates_frame(store, extractor_version, ids, postings),
    )


@dataclass(frozen=True, slots=True)
class ReportFrames:
    """What a report reads: the postings, and what their mentions add up to, aggregated by the
    store (`jobtrends.pipeline.store.demand_columns`) instead of one row per mention."""

    postings: pd.DataFrame
    demand: pd.DataFrame  # DEMAND_FIELDS: one row per posting and skill it asks for
    skills: dict[str, tuple[str, str]]  # skill_id -> (name, category)
    mention_count: int  # mentions in the postings kept
    runs: pd.DataFrame
    candidates: pd.DataFrame
    lines: Lines  # reads the store: use it while the store is open
    demand_mentions: Callable[[Sequence[tuple[int, str]]], pd.DataFrame]  # reads the store too


def build_report_frames(
    store: Store, extractor_version: str, frame_filter: FrameFilter | None = None
) -> ReportFrames:
    """The report's input of `extractor_version`'s extractions (see `ReportFrames`): memory for
    the postings and their (posting, skill) pairs, none for the mention rows or their text."""
    postings = _postings_frame(store, extractor_version, None, frame_filter, UNREPORTED_COLUMNS)
    postings = postings.drop(columns=["first_seen", "country"]).astype(_AS_CATEGORIES)
    kept = postings["posting_id"]
    filtered = frame_filter is not None and frame_filter != FrameFilter()
    demand = _demand_frame(demand_columns(store, extractor_version))
    if filtered:
        demand = demand[demand["posting_id"].isin(kept)].reset_index(drop=True)
        demand["skill_id"] = demand["skill_id"].cat.remove_unused_categories()
        counts = _columns_frame(mention_counts(store, extractor_version))
        in_kept = counts["posting_id"].isin(kept) if len(counts) else slice(None)
        skills = extracted_skills(store, extractor_version)
        mention_count = int(counts["mentions"][in_kept].sum()) if len(counts) else 0
    else:
        skills, mention_count = mention_totals(store, extractor_version)
    return ReportFrames(
        postings=postings,
        demand=demand,
        skills=skills,
        mention_count=mention_count,
        runs=_runs_frame(store),
        candidates=_candidates_frame(store, extractor_version, None, postings),
        lines=functools.partial(mention_lines, store),
        demand_mentions=functools.partial(_demand_mentions, store, extractor_version),
    )


def _demand_frame(columns: DemandColumns) -> pd.DataFrame:
    """The (posting, skill) pairs with the skill ids as sorted categories, made from the packed
    columns without a Python object per pair: a frame of millions of skill-id strings, converted
    afterwards, took about 700 MB more at its peak for a million postings."""
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


def _postings_frame(
    store: Store,
    extractor_version: str,
    ids: IdRange | None,
    frame_filter: FrameFilter | None,
    left_out: Sequence[str] = (),
) -> pd.DataFrame:
    fields = [name for name in PostingRow._fields if name not in left_out]
    columns = extracted_posting_columns(store, extractor_version, ids, fields)
    postings = _columns_frame(columns)
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


def _candidates_frame(
    store: Store, extractor_version: str, ids: IdRange | None, postings: pd.DataFrame
) -> pd.DataFrame:
    candidates = _columns_frame(candidate_term_columns(store, extractor_version, ids))
    if candidates.empty:
        candidates = pd.DataFrame(columns=list(CANDIDATE_FIELDS))
    candidates = candidates[candidates["posting_id"].isin(postings["posting_id"])]
    return candidates.reset_index(drop=True)


def _runs_frame(store: Store) -> pd.DataFrame:
    runs = _frame(run_target_results(store), RunTargetRow._fields)
    for column in ("started_at", "finished_at"):
        runs[column] = pd.to_datetime(runs[column], utc=True, format="ISO8601")
    return runs


def _mentions_frame(spans: dict[str, Any], skills: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """The mentions frame (columns in `MentionRow` order): the spans, with each skill's name and
    category filled in from `skills` (one value object per skill, shared by its mentions)."""
    frame = _columns_frame(spans)
    ids = frame["skill_id"]
    names = {skill_id: name for skill_id, (name, _) in skills.items()}
    categories = {skill_id: category for skill_id, (_, category) in skills.items()}
    frame.insert(2, "skill_name", ids.map(names) if len(ids) else ids.copy())
    frame.insert(3, "category", ids.map(categories) if len(ids) else ids.copy())
    return frame


def _columns_frame(columns: dict[str, Any]) -> pd.DataFrame:
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
