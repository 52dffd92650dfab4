"""Demand pairs and the integer codes the counts run on.

A *demand pair* is a (group, skill) with at least one mention in a demand section
(`DEMAND_SECTIONS`) that is not negated (see `jobtrends.reports.analysis.stats` for groups).
At a million postings there are millions of pairs: they are worked on as integer arrays (sorted
searches, codes, keys), never as joined frames of strings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from jobtrends.pipeline.vocab import DEMAND_SECTIONS


def positions(ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `wanted` stands in the sorted `ids`, and whether it is there at all."""
    if not len(ids):
        return np.zeros(len(wanted), dtype=np.int64), np.zeros(len(wanted), dtype=bool)
    at = np.searchsorted(ids, wanted)
    np.minimum(at, len(ids) - 1, out=at)
    return at, ids[at] == wanted


def posting_demand(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per (posting_id, skill_id) with a demand mention (not negated, in a demand
    section); `required` is True when one of them is not marked nice-to-have (neither the
    `nice_to_have` flag nor the nice_to_have section). Computed once, it stands in for the
    mentions wherever only demand counts (`demand_pairs` takes either)."""
    demand = mentions.loc[
        mentions["section"].isin(DEMAND_SECTIONS) & ~mentions["negated"].astype(bool),
        ["posting_id", "skill_id", "section", "nice_to_have"],
    ]
    nice = demand["nice_to_have"].astype(bool) | (demand["section"] == "nice_to_have")
    pairs = (
        demand[["posting_id", "skill_id"]]
        .assign(required=~nice)
        .groupby(["posting_id", "skill_id"], as_index=False, sort=True)
        .agg(required=("required", "any"))
    )
    return pairs.reset_index(drop=True)


def demand_pairs(postings: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per (dup_group, skill_id) with a demand mention among `postings`; `required` as
    in `posting_demand`. `mentions` is a mentions frame, what `posting_demand` made of one, or
    the pairs this function made of `postings` already (returned as they are)."""
    if "dup_group" in mentions.columns:
        return mentions
    demand = mentions if "required" in mentions.columns else posting_demand(mentions)
    if demand.empty or postings.empty:
        joined = demand.merge(postings[["posting_id", "dup_group"]], on="posting_id", how="inner")
        pairs = joined.groupby(["dup_group", "skill_id"], as_index=False, sort=True).agg(
            required=("required", "any")
        )
        return pairs.reset_index(drop=True)
    # Each demand row's group by a sorted search of the posting ids, and each (group, skill) as
    # one integer key: sorting and scanning integers, not grouping joined frames of strings,
    # holds a fraction of the memory at a million postings.
    ids = postings["posting_id"].to_numpy()
    groups = postings["dup_group"].to_numpy()
    if not postings["posting_id"].is_monotonic_increasing:
        by_id = np.argsort(ids, kind="stable")
        ids, groups = ids[by_id], groups[by_id]
    group_values, group_rank = np.unique(groups, return_inverse=True)
    at, found = positions(ids, demand["posting_id"].to_numpy())
    codes, names = sorted_skill_codes(demand["skill_id"])
    width = max(len(names), 1)
    key = group_rank[at][found].astype(np.int64, copy=False)
    del at
    key *= width
    key += codes[found]
    required = demand["required"].to_numpy(dtype=bool)[found]
    del codes, found
    if len(key) > 1 and not bool(np.all(key[1:] >= key[:-1])):
        order = np.argsort(key, kind="stable")
        key, required = key[order], required[order]
        del order
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    starts = np.flatnonzero(first)
    unique_keys = key[starts]
    return pd.DataFrame(
        {
            "dup_group": group_values[unique_keys // width],
            # Categorical: a code per pair, not a string (pandas >= 3 groups only the observed).
            "skill_id": pd.Categorical.from_codes(unique_keys % width, categories=names),
            "required": np.logical_or.reduceat(required, starts) if len(starts) else required,
        }
    )


def sorted_skill_codes(skill_ids: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """`pd.factorize(skill_ids, sort=True)`; a categorical column with sorted categories gives
    them from its own small codes, without a pass over the strings."""
    dtype = skill_ids.dtype
    if isinstance(dtype, pd.CategoricalDtype) and dtype.categories.is_monotonic_increasing:
        codes = skill_ids.cat.codes.to_numpy()
        present = np.bincount(codes[codes >= 0], minlength=len(dtype.categories)) > 0
        renumbered = np.append(np.cumsum(present, dtype=np.int32) - 1, np.int32(-1))
        return renumbered[codes], dtype.categories[present]
    codes, names = pd.factorize(skill_ids, sort=True)
    return codes, pd.Index(names)
