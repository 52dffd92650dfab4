"""Statistics behind the reports: de-duplicated demand shares, intervals and monthly trends.

Pure functions of the report frames (see `jobtrends.reports.data.ReportData` for the columns).
Vocabulary used throughout:

- a *group* is one job: all postings sharing a `dup_group`, counted once. The group takes the
  month, role, seniority and source of its earliest posting (by `month`, then `posting_id`);
- a *demand pair* is a (group, skill) with at least one mention in a demand section
  (`DEMAND_SECTIONS`) that is not negated;
- a *share* is k / n: k groups with the skill among n groups in the cell.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

# The demand pairs live in `pairs`; the names below stay importable from here.
from jobtrends.reports.analysis.pairs import demand_pairs as demand_pairs
from jobtrends.reports.analysis.pairs import positions as positions
from jobtrends.reports.analysis.pairs import posting_demand as posting_demand
from jobtrends.reports.analysis.pairs import sorted_skill_codes

SHARE_COLUMNS = ("n", "k", "share")


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials; (0, 1) when n is 0."""
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # At k = 0 and k = n the bounds are exactly 0 and 1; rounding would leave them just inside.
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return (low, high)


def add_wilson(frame: pd.DataFrame, z: float = 1.96) -> pd.DataFrame:
    """`frame` (with integer columns `k` and `n`) plus `ci_low` and `ci_high`."""
    bounds = [
        wilson_interval(int(k), int(n), z) for k, n in zip(frame["k"], frame["n"], strict=True)
    ]
    return frame.assign(
        ci_low=[low for low, _ in bounds],
        ci_high=[high for _, high in bounds],
    )


def dedup_postings(postings: pd.DataFrame) -> pd.DataFrame:
    """One row per `dup_group`: its earliest posting by month (undated last), then posting_id.
    The rows are chosen on three columns and then taken whole, once: sorting the whole frame
    copied every posting three times."""
    narrow = postings[["month", "posting_id", "dup_group"]]
    ordered = narrow.sort_values(["month", "posting_id"], kind="mergesort", na_position="last")
    first = ordered.drop_duplicates("dup_group", keep="first")
    chosen = first.sort_values("dup_group", kind="mergesort").index
    return postings.loc[chosen].reset_index(drop=True)


def dedup_by(postings: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """`dedup_postings` of `postings` with only the columns a count by `keys` needs
    (posting_id, dup_group, month and `keys`): the same groups, without copying every column."""
    columns = list(dict.fromkeys(["posting_id", "dup_group", "month", *keys]))
    return dedup_postings(postings[columns])


def shares_by(
    groups: pd.DataFrame, pairs: pd.DataFrame, keys: list[str], skills: Sequence[str]
) -> pd.DataFrame:
    """k, n and share per (keys..., skill_id) for each of `skills` and each cell with groups."""
    columns = [*keys, "skill_id", *SHARE_COLUMNS]
    wanted = pd.DataFrame({"skill_id": sorted(set(skills))})
    if groups.empty or wanted.empty:
        return pd.DataFrame(columns=columns)
    if keys:
        totals = groups.groupby(keys, sort=True).size().rename("n").reset_index()
    else:
        totals = pd.DataFrame({"n": [len(groups)]})
    return shares_of_counts(totals, cell_counts(groups, pairs, keys), keys, skills)


def shares_of_counts(
    totals: pd.DataFrame, counts: pd.DataFrame, keys: Sequence[str], skills: Sequence[str]
) -> pd.DataFrame:
    """`shares_by` from the counts: `totals` (keys..., n) the groups per cell, `counts`
    (keys..., skill_id, k) the groups asking for each skill per cell."""
    keys = list(keys)
    columns = [*keys, "skill_id", *SHARE_COLUMNS]
    wanted = pd.DataFrame({"skill_id": sorted(set(skills))})
    if wanted.empty:
        return pd.DataFrame(columns=columns)
    out = totals.merge(wanted, how="cross").merge(counts, on=[*keys, "skill_id"], how="left")
    out["k"] = out["k"].fillna(0).astype("int64")
    out["n"] = out["n"].astype("int64")
    out = out.assign(share=out["k"] / out["n"])
    return out[columns].sort_values([*keys, "skill_id"]).reset_index(drop=True)


def cell_counts(
    groups: pd.DataFrame,
    pairs: pd.DataFrame,
    keys: list[str],
    categories: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """How many of `groups` ask for each skill (with `categories`, skill_id -> category: for at
    least one skill of each category), per cell of `keys`, from `demand_pairs`; cells and
    skills (categories) with none are left out. Columns: keys..., skill_id (category), k.

    Counted with one bincount over (cell, skill) codes: joining the pairs with the groups'
    keys, or mapping every pair to its category's name, copied every pair."""
    if keys:
        # -1: a key is missing
        cell_of = groups.groupby(keys, sort=True).ngroup().to_numpy(dtype=np.int32)
        cells = groups[keys].dropna().drop_duplicates().sort_values(keys, kind="mergesort")
        cells = cells.reset_index(drop=True)
    else:
        cell_of = np.zeros(len(groups), dtype=np.int32)
        cells = pd.DataFrame(index=range(1))
    ids = groups["dup_group"].to_numpy()
    by_id = np.argsort(ids, kind="stable")
    ids, cell_of = ids[by_id], cell_of[by_id]
    at, found = positions(ids, pairs["dup_group"].to_numpy())
    codes, names = sorted_skill_codes(pairs["skill_id"])
    column = "skill_id" if categories is None else "category"
    if categories is not None:
        label_codes, names = pd.factorize(pd.Series([categories.get(n) for n in names]))
        # A pair without a skill stays without (-1).
        codes = np.append(label_codes, -1).astype(np.int32)[codes]
    found &= codes >= 0
    width = max(len(names), 1)
    if categories is None:
        cell, labels = cell_of[at][found], codes[found]
    else:  # a job counts once per category however many skills it has: a job x category grid
        asks = np.zeros((len(ids), width), dtype=bool)
        asks[at[found], codes[found]] = True
        job, labels = np.nonzero(asks)
        del asks
        cell = cell_of[job]
    del at, found, codes
    kept = cell >= 0
    key = cell[kept].astype(np.int64)
    key *= width
    key += labels[kept]
    counts = np.bincount(key, minlength=len(cells) * width)
    del key
    hit = np.flatnonzero(counts)
    out = cells.iloc[hit // width].reset_index(drop=True)
    out[column] = np.asarray(names, dtype=object)[hit % width]
    out["k"] = counts[hit]
    return out


def skill_shares(
    postings: pd.DataFrame, mentions: pd.DataFrame, *, by: str | None = None
) -> pd.DataFrame:
    """Share of de-duplicated postings (per `by` value, if given) mentioning each skill, for
    every skill with a demand mention, with 95% Wilson intervals.

    Columns: [by], skill_id, n, k, share, ci_low, ci_high.
    """
    pairs = demand_pairs(postings, mentions)
    keys = [by] if by else []
    shares = shares_by(dedup_by(postings, keys), pairs, keys, pairs["skill_id"].unique().tolist())
    return add_wilson(shares)


def monthly_share(
    postings: pd.DataFrame,
    mentions: pd.DataFrame,
    skill_ids: Sequence[str],
    *,
    by: str | None = None,
) -> pd.DataFrame:
    """Share of de-duplicated postings per month (and per `by` value) mentioning each skill.

    Columns: [by], month, skill_id, n, k, share. Every month with postings appears for every
    requested skill (k may be 0); undated postings are left out.
    """
    keys = [by, "month"] if by else ["month"]
    groups = dedup_by(postings, keys)
    groups = groups[groups["month"].notna()]
    return shares_by(groups, demand_pairs(postings, mentions), keys, skill_ids)


def min_sample_mask(n: pd.Series, min_n: int) -> pd.Series:
    """True where the sample size `n` is at least `min_n` (cells to show), False otherwise."""
    return n.fillna(0) >= min_n


def shift_month(month: str, months: int) -> str:
    """'YYYY-MM' moved by `months` calendar months (negative moves back)."""
    year, mon = (int(part) for part in month.split("-"))
    index = year * 12 + (mon - 1) + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every 'YYYY-MM' month from `first` to `last` inclusive."""
    months = []
    current = first
    while current <= last:
        months.append(current)
        current = shift_month(current, 1)
    return months


def smoothed(series: pd.Series, window: int = 3) -> pd.Series:
    """Centred rolling mean of a series indexed by 'YYYY-MM' months.

    Calendar months missing from the index are gaps, not neighbours: a window only averages the
    values that exist inside it. Returned on the input's index.
    """
    if series.empty:
        return series.astype("float64")
    months = [str(m) for m in series.index]
    full = series.set_axis(months).reindex(month_range(min(months), max(months)))
    rolled = full.astype("float64").rolling(window, center=True, min_periods=1).mean()
    return rolled.reindex(months).set_axis(series.index)


def pooled_share(k: pd.Series, n: pd.Series, window: int = 3) -> pd.DataFrame:
    """Centred `window`-month pooled share: sum of k over sum of n in the window.

    `k` and `n` are indexed by "YYYY-MM"; calendar months missing from the index count as zero
    postings. Pooling (rather than averaging monthly shares) weights each month by its postings,
    so a thin month cannot swing the line. Returns `share` and `n` (postings in the window) on
    the input's index.
    """
    if n.empty:
        return pd.DataFrame({"share": pd.Series(dtype="float64"), "n": pd.Series(dtype="int64")})
    months = [str(m) for m in n.index]
    full = month_range(min(months), max(months))
    k_full = k.set_axis(months).reindex(full, fill_value=0).astype("float64")
    n_full = n.set_axis(months).reindex(full, fill_value=0).astype("float64")
    k_sum = k_full.rolling(window, center=True, min_periods=1).sum()
    n_sum = n_full.rolling(window, center=True, min_periods=1).sum()
    share = (k_sum / n_sum.where(n_sum > 0)).reindex(months)
    return pd.DataFrame(
        {"share": share.to_numpy(), "n": n_sum.reindex(months).astype("int64").to_numpy()},
        index=n.index,
    )
