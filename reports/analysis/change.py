"""Which skills rose or fell: shares of the last months against the months before, tested.

A two-sided pooled two-proportion z-test per skill, Benjamini-Hochberg adjusted over the skills
tested; groups, demand pairs and shares as defined in `jobtrends.reports.analysis.stats`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from jobtrends.reports.analysis.significance import (
    benjamini_hochberg,
    normal_two_sided_p,
    two_proportion_z,
)
from jobtrends.reports.analysis.stats import cell_counts, dedup_by, demand_pairs, shift_month

RISING_FALLING_COLUMNS = (
    "skill_id", "k_before", "n_before", "share_before", "k_recent", "n_recent", "share_recent",
    "diff", "z", "p_value", "q_value", "direction",
)  # fmt: skip


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
    groups = dedup_by(postings, [])
    dated = groups[groups["month"].notna()]
    pairs = demand_pairs(postings, mentions)
    return rising_falling_counts(
        dated.groupby("month", sort=True).size(),
        cell_counts(dated, pairs, ["month"]),
        pairs["skill_id"].unique().tolist(),
        end_month=end_month,
        window=window,
        min_count=min_count,
        min_n=min_n,
    )


def rising_falling_counts(
    month_n: pd.Series,
    month_k: pd.DataFrame,
    skill_ids: Sequence[str],
    *,
    end_month: str | None = None,
    window: int = 6,
    min_count: int = 10,
    min_n: int = 30,
) -> pd.DataFrame:
    """`rising_falling` from the counts of the dated groups: `month_n` groups per month,
    `month_k` (month, skill_id, k) the groups asking for each skill per month, `skill_ids`
    every skill asked for."""
    empty = pd.DataFrame(columns=list(RISING_FALLING_COLUMNS))
    if month_n.empty:
        return empty
    months = pd.Series([str(m) for m in month_n.index])
    last = end_month or str(months.max())
    recent_start = shift_month(last, -(window - 1))
    before_start = shift_month(last, -(2 * window - 1))
    period = {
        m: "recent" if m >= recent_start else "before" if m >= before_start else ""
        for m in months
        if m <= last
    }
    n_by_period = pd.Series(month_n.to_numpy()).groupby(months.map(period).to_numpy()).sum()
    n_before = int(n_by_period.get("before", 0))
    n_recent = int(n_by_period.get("recent", 0))
    skills = sorted({str(s) for s in skill_ids})
    if n_before < min_n or n_recent < min_n or not skills:
        return empty
    k = month_k.assign(period=month_k["month"].astype(str).map(period))
    k = k[k["period"].isin(["before", "recent"])]
    wide = k.pivot_table(index="skill_id", columns="period", values="k", aggfunc="sum")
    wide = wide.reindex(index=skills, columns=["before", "recent"]).fillna(0).astype("int64")
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
