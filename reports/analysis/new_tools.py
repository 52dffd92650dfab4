"""Which candidate terms (words in skill positions that no taxonomy has) are named, and rising.

Counted like skills (see `jobtrends.reports.analysis.stats`): a term's postings are the
de-duplicated jobs ("groups") with at least one candidate occurrence of it, in any section; a
group takes the month of its earliest posting. Growth compares the share of groups naming the
term in the last RECENT_MONTHS months against the BEFORE_MONTHS months before them, with the
test the rising-skills chart uses: a pooled two-proportion z-test per term, two-sided,
Benjamini-Hochberg adjusted over the terms tested.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jobtrends.reports.analysis.significance import (
    ALPHA,
    benjamini_hochberg,
    normal_two_sided_p,
    two_proportion_z,
)
from jobtrends.reports.analysis.stats import dedup_postings, month_range, shift_month

RECENT_MONTHS = 3
BEFORE_MONTHS = 6
# A term is tested when it has this many groups over both windows and each window this many
# groups in all (the rising-skills chart asks 10 and 30; new terms are rarer by nature).
MIN_TESTED = 5
MIN_WINDOW_N = 30

TERM_COLUMNS = (
    "term_key", "term", "postings", "first_month", "k_before", "n_before", "share_before",
    "k_recent", "n_recent", "share_recent", "diff", "z", "p_value", "q_value", "trend",
)  # fmt: skip


def term_groups(postings: pd.DataFrame, candidates: pd.DataFrame) -> pd.DataFrame:
    """One row per (group, term_key) with the group's month, among `postings`."""
    groups = dedup_postings(postings)[["dup_group", "month"]]
    joined = candidates[["posting_id", "term_key"]].merge(
        postings[["posting_id", "dup_group"]], on="posting_id", how="inner"
    )
    pairs = joined.drop_duplicates(["dup_group", "term_key"])[["dup_group", "term_key"]]
    return pairs.merge(groups, on="dup_group", how="inner")


def term_month_counts(postings: pd.DataFrame, candidates: pd.DataFrame) -> pd.DataFrame:
    """term_key, month, k: the groups among `postings` naming each term, per month of the group
    (a missing month kept as one)."""
    pairs = term_groups(postings, candidates)
    counts = pairs.groupby(["term_key", "month"], dropna=False, sort=True).size()
    return counts.rename("k").reset_index()


def form_counts(candidates: pd.DataFrame) -> pd.DataFrame:
    """term_key, term, n: how often each term key is written each way."""
    counts = candidates.groupby(["term_key", "term"], sort=True).size()
    return counts.rename("n").reset_index()


def written_forms(forms: pd.DataFrame) -> dict[str, str]:
    """Each term key's most frequent written form (ties: the alphabetically first), from
    `form_counts`."""
    if forms.empty:
        return {}
    counts = forms.sort_values(["term_key", "n", "term"], ascending=[True, False, True])
    first = counts.drop_duplicates("term_key")
    return {str(k): str(t) for k, t in zip(first["term_key"], first["term"], strict=True)}


def term_trends(
    postings: pd.DataFrame,
    candidates: pd.DataFrame,
    *,
    end_month: str | None = None,
    min_postings: int = 1,
    min_window_n: int = MIN_WINDOW_N,
) -> pd.DataFrame:
    """Every term named in at least `min_postings` groups of `postings`, most named first (ties
    by key), with its first month and its growth test (see `trends_of_counts`)."""
    groups = dedup_postings(postings)
    return trends_of_counts(
        term_month_counts(postings, candidates),
        groups["month"].dropna().value_counts().sort_index(),
        form_counts(candidates),
        end_month=end_month,
        min_postings=min_postings,
        min_window_n=min_window_n,
    )


def trends_of_counts(
    term_months: pd.DataFrame,
    month_n: pd.Series,
    forms: pd.DataFrame,
    *,
    end_month: str | None = None,
    min_postings: int = 1,
    min_window_n: int = MIN_WINDOW_N,
) -> pd.DataFrame:
    """`term_trends` from the counts: `term_months` (`term_month_counts`), `month_n` the groups
    per month, `forms` (`form_counts`). TERM_COLUMNS; `trend` is "rising", "falling", "steady" or
    "untested", and the test columns are NaN when untested."""
    totals = term_months.groupby("term_key", sort=True)["k"].sum()
    totals = totals[totals >= min_postings]
    if totals.empty or month_n.empty:
        return pd.DataFrame(columns=list(TERM_COLUMNS))
    months = pd.Series(month_n.to_numpy(), index=[str(m) for m in month_n.index])
    last = end_month or str(months.index.max())
    recent_start = shift_month(last, -(RECENT_MONTHS - 1))
    before_start = shift_month(recent_start, -BEFORE_MONTHS)
    labels = months.index.to_series()
    n_recent = int(months[(labels >= recent_start) & (labels <= last)].sum())
    n_before = int(months[(labels >= before_start) & (labels < recent_start)].sum())
    keys = sorted(str(k) for k in totals.index)
    dated = term_months[term_months["month"].notna() & term_months["term_key"].isin(keys)]
    recent = dated[(dated["month"] >= recent_start) & (dated["month"] <= last)]
    before = dated[(dated["month"] >= before_start) & (dated["month"] < recent_start)]
    k_recent = recent.groupby("term_key")["k"].sum().reindex(keys, fill_value=0)
    k_before = before.groupby("term_key")["k"].sum().reindex(keys, fill_value=0)
    first = dated.groupby("term_key")["month"].min().reindex(keys)
    written = written_forms(forms)
    out = pd.DataFrame(
        {
            "term_key": keys,
            "term": [written.get(k, k) for k in keys],
            "postings": totals.reindex(keys).astype("int64").to_numpy(),
            "first_month": [m if isinstance(m, str) else "" for m in first],
            "k_before": k_before.astype("int64").to_numpy(),
            "n_before": n_before,
            "share_before": k_before.to_numpy() / n_before if n_before else np.nan,
            "k_recent": k_recent.astype("int64").to_numpy(),
            "n_recent": n_recent,
            "share_recent": k_recent.to_numpy() / n_recent if n_recent else np.nan,
        }
    )
    out = _tested(out, min_window_n)
    out = out.sort_values(["postings", "term_key"], ascending=[False, True], kind="mergesort")
    return out[list(TERM_COLUMNS)].reset_index(drop=True)


def _tested(out: pd.DataFrame, min_window_n: int) -> pd.DataFrame:
    """`out` with diff, z, p_value, q_value and trend: the two-proportion test for the terms with
    MIN_TESTED groups over both windows when each window holds `min_window_n` groups."""
    windows_ok = bool(len(out)) and (
        min(int(out["n_before"].iloc[0]), int(out["n_recent"].iloc[0])) >= min_window_n
    )
    tested = (out["k_before"] + out["k_recent"] >= MIN_TESTED) & windows_ok
    out = out.assign(diff=np.nan, z=np.nan, p_value=np.nan, q_value=np.nan, trend="untested")
    if not tested.any():
        return out
    rows = out[tested]
    z = [
        two_proportion_z(int(a), int(n1), int(b), int(n2))
        for a, n1, b, n2 in zip(
            rows["k_before"], rows["n_before"], rows["k_recent"], rows["n_recent"], strict=True
        )
    ]
    p = [normal_two_sided_p(v) for v in z]
    q = benjamini_hochberg(p)
    diff = rows["share_recent"] - rows["share_before"]
    trend = np.where(np.array(q) < ALPHA, np.where(diff > 0, "rising", "falling"), "steady")
    out.loc[tested, "diff"] = diff.to_numpy()
    out.loc[tested, "z"] = z
    out.loc[tested, "p_value"] = p
    out.loc[tested, "q_value"] = q
    out.loc[tested, "trend"] = trend
    return out


def monthly_counts(
    postings: pd.DataFrame, candidates: pd.DataFrame, keys: list[str]
) -> dict[str, list[int]]:
    """Groups naming each of `keys` in every month from the first posting month to the last."""
    months = dedup_postings(postings)["month"].dropna().value_counts().sort_index()
    return monthly_of_counts(term_month_counts(postings, candidates), months, keys)


def monthly_of_counts(
    term_months: pd.DataFrame, month_n: pd.Series, keys: list[str]
) -> dict[str, list[int]]:
    """`monthly_counts` from `term_month_counts` and the groups per month."""
    months = months_of_counts(month_n)
    dated = term_months[term_months["term_key"].isin(keys) & term_months["month"].notna()]
    counts = dated.groupby(["term_key", "month"])["k"].sum()
    return {key: [int(counts.get((key, month), 0)) for month in months] for key in keys}


def months_of_counts(month_n: pd.Series) -> list[str]:
    """Every month from the first month of `month_n` (groups per month) to the last."""
    known = [str(m) for m in month_n.index]
    return month_range(min(known), max(known)) if known else []


def months_of(postings: pd.DataFrame) -> list[str]:
    """Every month from the first posting month to the last (the sparklines' x axis)."""
    return months_of_counts(dedup_postings(postings)["month"].dropna().value_counts())
