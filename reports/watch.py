"""New tools to watch: the candidate terms of AI-role postings, counted, tested and exemplified.

`watched_terms` is what the report page and `jobtrends taxonomy review` both show, so the two
never disagree. A candidate is a term that stands where skills stand but is in no taxonomy; it is
never counted as a skill (see `jobtrends.pipeline.results.TermCandidate`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from jobtrends.pipeline.vocab import AI_ROLES
from jobtrends.reports.analysis.new_tools import (
    MIN_WINDOW_N,
    monthly_counts,
    months_of,
    term_trends,
)
from jobtrends.reports.data import ReportData

MIN_POSTINGS = 3
EXAMPLES_PER_TERM = 3


@dataclass(frozen=True)
class TermExample:
    """One posting's line with the term in it: `line[start:end]` is the term as written."""

    posting_id: int
    title: str
    company: str
    month: str
    url: str | None
    line: str
    start: int
    end: int
    source: str = ""
    attribution: str = ""  # the source's credit line when its terms ask for one


@dataclass(frozen=True)
class WatchedTerm:
    """A candidate term: how many de-duplicated AI-role postings name it, since when, per month,
    whether it grew (`trend`: rising, falling, steady or untested) and where it was written."""

    key: str
    term: str
    postings: int
    first_month: str
    monthly: tuple[int, ...]  # groups naming it in each month of `WatchList.months`
    k_before: int
    n_before: int
    k_recent: int
    n_recent: int
    share_before: float | None
    share_recent: float | None
    z: float | None
    p_value: float | None
    q_value: float | None
    trend: str
    examples: tuple[TermExample, ...]


@dataclass(frozen=True)
class WatchList:
    """The watched terms, most named first, and the months their `monthly` counts cover."""

    months: tuple[str, ...]
    terms: tuple[WatchedTerm, ...]

    def by_growth(self) -> list[WatchedTerm]:
        """The tested terms, rising first, then by z statistic (largest rise first)."""
        order = {"rising": 0, "steady": 1, "falling": 2}
        tested = [t for t in self.terms if t.trend in order]
        return sorted(tested, key=lambda t: (order[t.trend], -(t.z or 0.0), t.key))


def watched_terms(
    data: ReportData,
    *,
    min_postings: int = MIN_POSTINGS,
    examples: int = EXAMPLES_PER_TERM,
    min_window_n: int = MIN_WINDOW_N,
) -> WatchList:
    """The candidate terms named in at least `min_postings` de-duplicated AI-role postings
    (hidden terms left out), most named first, each with up to `examples` example lines from
    the newest postings naming it."""
    postings = data.postings.loc[
        data.postings["role"].isin(AI_ROLES), ["posting_id", "dup_group", "month", "posted_at"]
    ]
    candidates = data.term_candidates
    candidates = candidates[candidates["posting_id"].isin(postings["posting_id"])]
    trends = term_trends(postings, candidates, min_postings=min_postings, min_window_n=min_window_n)
    keys = [str(k) for k in trends["term_key"]]
    monthly = monthly_counts(postings, candidates, keys)
    shown = _examples(data, postings, candidates, keys, examples)
    terms = tuple(
        WatchedTerm(
            key=str(row["term_key"]),
            term=str(row["term"]),
            postings=int(row["postings"]),
            first_month=str(row["first_month"]),
            monthly=tuple(monthly[str(row["term_key"])]),
            k_before=int(row["k_before"]),
            n_before=int(row["n_before"]),
            k_recent=int(row["k_recent"]),
            n_recent=int(row["n_recent"]),
            share_before=_number(row["share_before"]),
            share_recent=_number(row["share_recent"]),
            z=_number(row["z"]),
            p_value=_number(row["p_value"]),
            q_value=_number(row["q_value"]),
            trend=str(row["trend"]),
            examples=tuple(shown.get(str(row["term_key"]), ())),
        )
        for row in trends.to_dict("records")
    )
    return WatchList(months=tuple(months_of(postings)), terms=terms)


def _examples(
    data: ReportData,
    postings: pd.DataFrame,
    candidates: pd.DataFrame,
    keys: list[str],
    limit: int,
) -> dict[str, list[TermExample]]:
    """Up to `limit` examples per term: the newest postings naming it, one per duplicate group
    (newest by month, then posting time, then id), its first occurrence in each."""
    if not keys or limit <= 0:
        return {}
    chosen = candidates[candidates["term_key"].isin(keys)].merge(
        postings, on="posting_id", how="inner"
    )
    chosen = chosen.sort_values(
        ["term_key", "month", "posted_at", "posting_id"],
        ascending=[True, False, False, False],
        na_position="last",
        kind="mergesort",
    )
    chosen = chosen.drop_duplicates(["term_key", "dup_group"]).groupby("term_key").head(limit)
    # The words shown are read for the postings shown only, not copied for every posting.
    shown = data.postings[data.postings["posting_id"].isin(chosen["posting_id"])]
    details = ["posting_id", "title", "company", "url", "source", "attribution"]
    chosen = chosen.merge(shown[details], on="posting_id", how="left")
    lines = data.contexts(chosen)
    found: dict[str, list[TermExample]] = {}
    for row, line in zip(chosen.to_dict("records"), lines, strict=True):
        term = str(row["term"])
        at = line.find(term)
        start, end = (at, at + len(term)) if at >= 0 else (0, 0)
        found.setdefault(str(row["term_key"]), []).append(
            TermExample(
                posting_id=int(row["posting_id"]),
                title=_text(row["title"]),
                company=_text(row["company"]),
                month=_text(row["month"]),
                url=_text(row["url"]) or None,
                line=line,
                start=start,
                end=end,
                source=_text(row["source"]),
                attribution=_text(row["attribution"]),
            )
        )
    return found


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
