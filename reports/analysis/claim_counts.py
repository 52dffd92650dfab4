"""What claims ask of the jobs, counted batch by batch: memory grows with roles, months and the
claims' skill groups, not with the jobs.

Claims are known before the counting (the claims file), so each job is reduced to its role, its
month and a bit per skill group the claims name (`ClaimCounts.jobs`); for each skill a
"most common" claim names, the jobs asking for it and for each other skill are counted per role
and month (`ClaimCounts.together`). Jobs asking for one skill come from the view's skill counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import pandas as pd

from jobtrends.reports.analysis.batches import ALL, Batch, added

SkillGroup = tuple[str, ...]


class CountedClaim(Protocol):
    """What counting reads of a claim (`claims.Claim`)."""

    @property
    def kind(self) -> str: ...
    @property
    def skills(self) -> tuple[str, ...]: ...
    @property
    def than(self) -> tuple[str, ...]: ...


def claim_counts(claims: Sequence[CountedClaim]) -> ClaimCounts:
    """The counts `claims` need: their skill groups, and the skill of each "most common" claim
    as an anchor."""
    groups: list[SkillGroup] = []
    anchors: list[str] = []
    for claim in claims:
        skills = tuple(claim.skills)
        if claim.kind == "most_common":
            anchors += skills
        elif skills:
            groups.append(skills)
        if claim.kind == "share_greater":
            groups.append(tuple(claim.than))
    return ClaimCounts(groups, anchors)


class ClaimCounts:
    """Jobs of every posting per (role, month, mask), bit i of `mask` set when the job asks for
    a skill of `groups[i]`; and per anchor skill, the jobs asking for it and each skill per
    (role, month)."""

    def __init__(self, groups: Sequence[SkillGroup], anchors: Sequence[str]) -> None:
        self.groups = list(dict.fromkeys(tuple(g) for g in groups))
        self.anchors = list(dict.fromkeys(anchors))
        self.jobs = pd.DataFrame(columns=["role", "month", "mask", "n"])
        self.together = pd.DataFrame(columns=["anchor", "role", "month", "skill_id", "n"])

    def bit(self, group: SkillGroup) -> int | None:
        """The mask bit of a skill group, None when it was not counted."""
        try:
            return 1 << self.groups.index(tuple(group))
        except ValueError:
            return None

    def add(self, batch: Batch) -> None:
        jobs = batch.groups(ALL)[["dup_group", "role", "month"]]
        if jobs.empty:
            return
        pairs = batch.pairs(ALL)
        skills = pairs["skill_id"].astype(str)
        mask = np.zeros(len(jobs), dtype=object)
        ids = jobs["dup_group"].to_numpy()
        for index, group in enumerate(self.groups):
            holders = pairs.loc[skills.isin(group).to_numpy(), "dup_group"].to_numpy()
            mask = mask + np.where(np.isin(ids, holders), 1 << index, 0)
        keys = ["role", "month", "mask"]
        by_mask = jobs.assign(mask=mask).groupby(keys, dropna=False).size()
        self.jobs = added(self.jobs, by_mask.rename("n").reset_index(), keys, {"n": "sum"})
        for anchor in self.anchors:
            holders = pairs.loc[(skills == anchor).to_numpy(), "dup_group"].to_numpy()
            asked = pairs[np.isin(pairs["dup_group"].to_numpy(), holders)]
            both = asked[["dup_group", "skill_id"]].merge(jobs, on="dup_group")
            both = both.assign(anchor=anchor, skill_id=both["skill_id"].astype(str))
            keys = ["anchor", "role", "month", "skill_id"]
            paired = both.groupby(keys, dropna=False).size().rename("n").reset_index()
            self.together = added(self.together, paired, keys, {"n": "sum"})
