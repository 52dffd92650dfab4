"""New tools to watch: the candidate terms of AI-role postings, counted, tested and exemplified.

`watched_terms` is what the report page and `jobtrends taxonomy review` both show, so the two
never disagree. A candidate is a term that stands where skills stand but is in no taxonomy; it is
never counted as a skill (see `jobtrends.pipeline.results.TermCandidate`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from jobtrends.reports.analysis.batches import AI, count
from jobtrends.reports.analysis.new_tools import (
    MIN_WINDOW_N,
    monthly_of_counts,
    months_of_counts,
    trends_of_counts,
)
from jobtrends.reports.analysis.term_counts import EXAMPLES_PER_TERM, TermCounts
from jobtrends.reports.analysis.views import ViewCounts
from jobtrends.reports.data import ReportData

MIN_POSTINGS = 3
# Postings per batch `watched_terms` counts in.
WATCH_BATCH_POSTINGS = 100_000


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
    terms = TermCounts(examples)
    jobs = ViewCounts(AI, sorted(data.skills), {}, together=False)
    count(data.batches(WATCH_BATCH_POSTINGS), [terms, jobs])
    return watch_list(data, terms, jobs.job_counts(["month"]), min_postings, min_window_n)


def watch_list(
    data: ReportData,
    counts: TermCounts,
    month_n: pd.Series,
    min_postings: int = MIN_POSTINGS,
    min_window_n: int = MIN_WINDOW_N,
) -> WatchList:
    """`watched_terms` from the terms counted over the AI-role jobs (`month_n`: those jobs per
    month); `data` cuts the example lines."""
    trends = trends_of_counts(
        counts.term_months,
        month_n,
        counts.forms,
        min_postings=min_postings,
        min_window_n=min_window_n,
    )
    keys = [str(k) for k in trends["term_key"]]
    monthly = monthly_of_counts(counts.term_months, month_n, keys)
    shown = _examples(data, counts.newest[counts.newest["term_key"].isin(keys)])
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
    return WatchList(months=tuple(months_of_counts(month_n)), terms=terms)


def _examples(data: ReportData, chosen: pd.DataFrame) -> dict[str, list[TermExample]]:
    """The example of each posting in `chosen` (`TermCounts.newest`): its line with the term."""
    if chosen.empty:
        return {}
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
