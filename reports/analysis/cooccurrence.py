"""Which skills are asked for together: co-occurrence shares and lift over de-duplicated jobs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from jobtrends.reports.analysis.stats import demand_pairs

COOCCURRENCE_COLUMNS = (
    "skill_id", "other_id", "n", "n_skill", "n_other", "n_both", "share", "lift",
)  # fmt: skip


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
