"""Statistics behind the reports: de-duplicated demand shares, intervals, trends, co-occurrence.

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
from collections.abc import Sequence

import numpy as np
import pandas as pd

from jobtrends.pipeline.vocab import DEMAND_SECTIONS
from jobtrends.reports.analysis.significance import (
    benjamini_hochberg,
    normal_two_sided_p,
    two_proportion_z,
)

SHARE_COLUMNS = ("n", "k", "share")
RISING_FALLING_COLUMNS = (
    "skill_id", "k_before", "n_before", "share_before", "k_recent", "n_recent", "share_recent",
    "diff", "z", "p_value", "q_value", "direction",
)  # fmt: skip
COOCCURRENCE_COLUMNS = (
    "skill_id", "other_id", "n", "n_skill", "n_other", "n_both", "share", "lift",
)  # fmt: skip


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
    """One row per `dup_group`: its earliest posting by month (undated last), then posting_id."""
    ordered = postings.sort_values(["month", "posting_id"], kind="mergesort", na_position="last")
    first = ordered.drop_duplicates("dup_group", keep="first")
    return first.sort_values("dup_group", kind="mergesort").reset_index(drop=True)


def demand_pairs(postings: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per (dup_group, skill_id) with a demand mention among `postings`.

    `required` is True when at least one of those mentions is not marked nice-to-have
    (neither the `nice_to_have` flag nor the nice_to_have section).
    """
    demand = mentions[mentions["section"].isin(DEMAND_SECTIONS) & ~mentions["negated"].astype(bool)]
    joined = demand.merge(postings[["posting_id", "dup_group"]], on="posting_id", how="inner")
    nice = joined["nice_to_have"].astype(bool) | (joined["section"] == "nice_to_have")
    pairs = (
        joined.assign(required=~nice)
        .groupby(["dup_group", "skill_id"], as_index=False, sort=True)
        .agg(required=("required", "any"))
    )
    return pairs.reset_index(drop=True)


def _shares(
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
    hits = pairs.merge(groups[["dup_group", *keys]], on="dup_group", how="inner")
    counts = hits.groupby([*keys, "skill_id"], sort=True).size().rename("k").reset_index()
    out = totals.merge(wanted, how="cross").merge(counts, on=[*keys, "skill_id"], how="left")
    out["k"] = out["k"].fillna(0).astype("int64")
    out["n"] = out["n"].astype("int64")
    out = out.assign(share=out["k"] / out["n"])
    return out[columns].sort_values([*keys, "skill_id"]).reset_index(drop=True)


def skill_shares(
    postings: pd.DataFrame, mentions: pd.DataFrame, *, by: str | None = None
) -> pd.DataFrame:
    """Share of de-duplicated postings (per `by` value, if given) mentioning each skill, for
    every skill with a demand mention, with 95% Wilson intervals.

    Columns: [by], skill_id, n, k, share, ci_low, ci_high.
    """
    pairs = demand_pairs(postings, mentions)
    keys = [by] if by else []
    shares = _shares(dedup_postings(postings), pairs, keys, pairs["skill_id"].unique().tolist())
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
    groups = dedup_postings(postings)
    groups = groups[groups["month"].notna()]
    keys = [by, "month"] if by else ["month"]
    return _shares(groups, demand_pairs(postings, mentions), keys, skill_ids)


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


def rising_falling(
    postings: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    end_month: str | None = None,
    window: int = 6,
    min_count: int = 10,
    min_n: int = 30,
) -> pd.DataFrame:
    """Skills whose share changed between the last `window` months and the `window` before.

    The recent window ends at `end_month` (default: the newest posting month). A skill is tested
    when it has at least `min_count` postings over both windows and each window has at least
    `min_n` postings. Ranked by two-sided p-value of the pooled two-proportion z-test, then |z|,
    then skill_id; `q_value` is the Benjamini-Hochberg adjustment over the tested skills.
    """
    groups = dedup_postings(postings)
    groups = groups[groups["month"].notna()]
    empty = pd.DataFrame(columns=list(RISING_FALLING_COLUMNS))
    if groups.empty:
        return empty
    last = end_month or str(groups["month"].max())
    recent_start = shift_month(last, -(window - 1))
    before_start = shift_month(last, -(2 * window - 1))
    period = np.where(
        groups["month"] >= recent_start,
        "recent",
        np.where(groups["month"] >= before_start, "before", ""),
    )
    groups = groups.assign(period=period)
    groups = groups[(groups["period"] != "") & (groups["month"] <= last)]
    pairs = demand_pairs(postings, mentions)
    shares = _shares(groups, pairs, ["period"], pairs["skill_id"].unique().tolist())
    n_by_period = groups.groupby("period").size()
    n_before = int(n_by_period.get("before", 0))
    n_recent = int(n_by_period.get("recent", 0))
    if n_before < min_n or n_recent < min_n or shares.empty:
        return empty
    wide = shares.pivot(index="skill_id", columns="period", values="k")
    wide = wide.reindex(columns=["before", "recent"]).fillna(0).astype("int64")
    wide = wide[wide["before"] + wide["recent"] >= min_count]
    if wide.empty:
        return empty
    k1, k2 = wide["before"].to_numpy(), wide["recent"].to_numpy()
    z = [two_proportion_z(int(a), n_before, int(b), n_recent) for a, b in zip(k1, k2, strict=True)]
    diff = k2 / n_recent - k1 / n_before
    out = pd.DataFrame(
        {
            "skill_id": [str(s) for s in wide.index],
            "k_before": k1,
            "n_before": n_before,
            "share_before": k1 / n_before,
            "k_recent": k2,
            "n_recent": n_recent,
            "share_recent": k2 / n_recent,
            "diff": diff,
            "z": z,
            "p_value": [normal_two_sided_p(v) for v in z],
            "direction": np.select([diff > 0, diff < 0], ["rising", "falling"], "flat"),
        }
    )
    out["q_value"] = benjamini_hochberg(out["p_value"].tolist())
    out = out.assign(abs_z=out["z"].abs())
    out = out.sort_values(
        ["p_value", "abs_z", "skill_id"], ascending=[True, False, True], kind="mergesort"
    )
    return out[list(RISING_FALLING_COLUMNS)].reset_index(drop=True)


def cooccurrence(
    postings: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    skill_ids: Sequence[str] | None = None,
    min_both: int = 1,
) -> pd.DataFrame:
    """For each anchor skill, the other skills asked for in the same de-duplicated postings.

    `share` is P(other | skill) = n_both / n_skill; `lift` is that share divided by the other
    skill's overall share n_other / n, where n counts every group among `postings`. Anchors
    default to every skill; pairs with fewer than `min_both` shared postings are dropped.
    Sorted by skill_id, then n_both descending, then other_id.
    """
    n = int(postings["dup_group"].nunique())
    pairs = demand_pairs(postings, mentions)
    if pairs.empty:
        return pd.DataFrame(columns=list(COOCCURRENCE_COLUMNS))
    group_codes, _ = pd.factorize(pairs["dup_group"])
    skill_codes, skill_index = pd.factorize(pairs["skill_id"], sort=True)
    # float32 multiplies fast and is exact for counts below 2**24.
    matrix = np.zeros((int(group_codes.max()) + 1, len(skill_index)), dtype=np.float32)
    matrix[group_codes, skill_codes] = 1.0  # pairs are unique per (group, skill)
    other_ids = [str(s) for s in skill_index]
    totals = dict(zip(other_ids, matrix.sum(axis=0).astype(np.int64).tolist(), strict=True))
    wanted = set(other_ids) if skill_ids is None else set(skill_ids) & set(other_ids)
    columns = [i for i, s in enumerate(other_ids) if s in wanted]
    anchor_ids = [other_ids[i] for i in columns]
    both = np.rint(matrix[:, columns].T @ matrix).astype(np.int64)
    long = pd.DataFrame(
        {
            "skill_id": np.repeat(anchor_ids, len(other_ids)),
            "other_id": np.tile(other_ids, len(anchor_ids)),
            "n_both": both.reshape(-1),
        }
    )
    long = long[(long["skill_id"] != long["other_id"]) & (long["n_both"] >= max(min_both, 1))]
    n_skill = long["skill_id"].map(totals).astype("int64")
    n_other = long["other_id"].map(totals).astype("int64")
    share = long["n_both"] / n_skill
    long = long.assign(
        n=n,
        n_skill=n_skill,
        n_other=n_other,
        share=share,
        lift=share / (n_other / n),
    )
    long = long.sort_values(
        ["skill_id", "n_both", "other_id"], ascending=[True, False, True], kind="mergesort"
    )
    return long[list(COOCCURRENCE_COLUMNS)].reset_index(drop=True)


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
