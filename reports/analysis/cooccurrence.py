"""Which skills are asked for together: co-occurrence shares and lift over de-duplicated jobs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from jobtrends.reports.analysis.pairs import demand_pairs, sorted_skill_codes

# (anchor, skill) combinations counted at a time.
CHUNK = 1_000_000
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
    group_codes = group_codes_of(pairs["dup_group"].to_numpy())
    skill_codes, skill_index = sorted_skill_codes(pairs["skill_id"])
    other_ids = [str(s) for s in skill_index]
    totals = dict(
        zip(other_ids, np.bincount(skill_codes, minlength=len(other_ids)).tolist(), strict=True)
    )
    wanted = set(other_ids) if skill_ids is None else set(skill_ids) & set(other_ids)
    anchor_ids = [s for s in other_ids if s in wanted]
    both = shared_counts(
        group_codes, skill_codes, len(other_ids), [other_ids.index(a) for a in anchor_ids]
    )
    return cooccurrence_table(n, totals, anchor_ids, both, min_both)


def cooccurrence_table(
    n: int,
    totals: Mapping[str, int],
    anchor_ids: Sequence[str],
    both: np.ndarray,
    min_both: int = 1,
) -> pd.DataFrame:
    """`cooccurrence` from the counts: `n` groups, `totals` the groups asking for each skill
    (every skill asked for, in sorted order), `both[i, j]` the groups asking for anchor i and
    the j-th skill of `totals`."""
    other_ids = list(totals)
    long = pd.DataFrame(
        {
            "skill_id": np.repeat(list(anchor_ids), len(other_ids)),
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


def group_codes_of(groups: np.ndarray) -> np.ndarray:
    """`pd.factorize(groups)[0]` as int32: for groups in sorted order (as `demand_pairs` gives
    them) a count of the changes, without hashing every pair."""
    if len(groups) > 1 and bool(np.any(groups[1:] < groups[:-1])):
        codes, _ = pd.factorize(groups)
        return codes.astype(np.int32)
    changed = np.empty(len(groups), dtype=bool)
    changed[:1] = True
    np.not_equal(groups[1:], groups[:-1], out=changed[1:])
    return np.cumsum(changed, dtype=np.int32) - 1


def shared_counts(
    group_codes: np.ndarray, skill_codes: np.ndarray, skills: int, anchors: list[int]
) -> np.ndarray:
    """For each anchor skill code, how many groups hold it together with each skill code (one
    row per anchor). Pairs are unique per (group, skill). Each group's skills are read as a
    slice of the pairs sorted by group, and every (anchor, skill) combination of a group is
    counted with one bincount per CHUNK combinations: time and memory grow with the pairs, not
    with groups x skills (a dense matrix took gigabytes at a million postings)."""
    counts = np.zeros(len(anchors) * skills, dtype=np.int64)
    if not anchors or not len(group_codes):
        return counts.reshape(len(anchors), skills)
    if len(group_codes) > 1 and bool(np.any(group_codes[1:] < group_codes[:-1])):
        order = np.argsort(group_codes, kind="stable")
        groups, sorted_skills = group_codes[order], skill_codes[order]
        del order
    else:  # pairs come sorted by group (`demand_pairs`): nothing to sort
        groups, sorted_skills = group_codes, skill_codes
    sizes = np.bincount(groups)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    row_of = np.full(skills, -1, dtype=np.int64)
    row_of[anchors] = np.arange(len(anchors))
    anchor_pairs = np.flatnonzero(row_of[sorted_skills] >= 0)
    lengths = sizes[groups[anchor_pairs]]
    ends = np.cumsum(lengths)
    first = 0
    while first < len(anchor_pairs):
        last = int(np.searchsorted(ends, ends[first] - lengths[first] + CHUNK, side="right"))
        last = max(last, first + 1)
        chunk = anchor_pairs[first:last]
        length = lengths[first:last]
        offsets = np.arange(int(length.sum())) - np.repeat(np.cumsum(length) - length, length)
        members = np.repeat(starts[groups[chunk]], length) + offsets
        rows = np.repeat(row_of[sorted_skills[chunk]], length)
        counts += np.bincount(rows * skills + sorted_skills[members], minlength=counts.size)
        first = last
    return counts.reshape(len(anchors), skills)
