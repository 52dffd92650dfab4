"""Jobs counted per view, batch by batch: what the share, trend and co-occurrence charts read.

One `ViewCounts` per view (see `batches`): jobs per month, role, source, seniority and remote
mode; jobs asking for each skill per month and role; skills asked for together. Its memory
grows with those cells (months x roles x skills, skills x skills), not with the postings. The
methods answer in the shapes of the `stats` functions they stand in for.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from jobtrends.reports.analysis import stats
from jobtrends.reports.analysis.batches import AI, ALL, Batch, added
from jobtrends.reports.analysis.cooccurrence import (
    COOCCURRENCE_COLUMNS,
    cooccurrence_table,
    group_codes_of,
    shared_counts,
)
from jobtrends.reports.analysis.pairs import positions
from jobtrends.reports.analysis.skill_cube import SkillCube

JOB_KEYS = ("month", "role", "source", "seniority", "remote")
SKILL_KEYS = ("month", "role")


class ViewCounts:
    """The counts of one view: jobs per (month, role, source, seniority, remote), jobs asking
    for each skill per (month, role), jobs asking for a skill of each category per role, and
    jobs asking for each two skills (over `skill_ids`, the skills any posting asks for)."""

    def __init__(
        self,
        view: str,
        skill_ids: Sequence[str],
        categories: dict[str, str],
        *,
        together: bool = True,
    ) -> None:
        self.view = view
        self.skill_ids = pd.Index(sorted(skill_ids))
        self.categories = categories
        self.jobs = pd.DataFrame(columns=[*JOB_KEYS, "n"])
        self.cube = SkillCube(list(self.skill_ids))
        self._skills: pd.DataFrame | None = None
        self.category_jobs = pd.DataFrame(columns=["role", "category", "k"])
        # Jobs asking for each two skills; not counted (None) for a view whose pairs no page shows.
        width = len(self.skill_ids)
        self.together = np.zeros((width, width), dtype=np.int32) if together else None
        self.last_month: str | None = None  # the newest month of a posting in the view

    @property
    def skills(self) -> pd.DataFrame:
        """month, role, skill_id, k, k_required: the cells of the skill cube with jobs."""
        if self._skills is None:
            self._skills = self.cube.frame()
        return self._skills

    def add(self, batch: Batch) -> None:
        """Count the jobs of one batch."""
        inside = batch.postings_of(self.view)
        if inside.empty:
            return
        months = inside["month"].dropna()
        if not months.empty:
            newest = str(months.max())
            self.last_month = max(self.last_month or newest, newest)
        groups = batch.groups(self.view)
        jobs = groups.groupby(list(JOB_KEYS), dropna=False, sort=True).size()
        self.jobs = added(self.jobs, jobs.rename("n").reset_index(), JOB_KEYS, {"n": "sum"})
        pairs = batch.pairs(self.view)
        if pairs.empty:
            return
        at, _ = positions(groups["dup_group"].to_numpy(), pairs["dup_group"].to_numpy())
        codes = self.cube.skill_codes(pairs["skill_id"])
        self.cube.add(
            groups["month"].to_numpy()[at],
            groups["role"].to_numpy()[at],
            codes,
            pairs["required"].to_numpy(dtype=bool),
        )
        self._skills = None
        by_category = stats.cell_counts(
            groups[["dup_group", "role"]], pairs, ["role"], self.categories
        )
        keys = ["role", "category"]
        self.category_jobs = added(self.category_jobs, by_category, keys, {"k": "sum"})
        if self.together is not None:
            job_codes = group_codes_of(pairs["dup_group"].to_numpy())
            width = len(self.skill_ids)
            both = shared_counts(job_codes, codes, width, list(range(width)))
            self.together += both.astype(np.int32)

    @property
    def n(self) -> int:
        """Jobs in the view."""
        return int(self.jobs["n"].sum()) if not self.jobs.empty else 0

    def job_counts(self, keys: Sequence[str]) -> pd.Series:
        """Jobs per value of `keys` (rows with a missing key left out), sorted by the keys."""
        return self.jobs.groupby(list(keys), sort=True)["n"].sum().astype("int64")

    def value_counts(self, key: str, missing: str) -> pd.Series:
        """Jobs per value of `key`, a missing value counted as `missing`."""
        values = self.jobs[key].fillna(missing)
        return self.jobs.groupby(values.to_numpy(), sort=True)["n"].sum().astype("int64")

    def skill_totals(self) -> pd.Series:
        """Jobs asking for each skill (skills no job asks for left out), by skill id."""
        return self.skills.groupby("skill_id", sort=True)["k"].sum().astype("int64")

    def skill_counts(self, keys: Sequence[str]) -> pd.DataFrame:
        """keys..., skill_id, k: jobs asking for each skill per cell of `keys` (a subset of
        SKILL_KEYS; cells with a missing key left out), sorted."""
        if self.skills.empty:
            return pd.DataFrame(columns=[*keys, "skill_id", "k"])
        counts = self.skills.groupby([*keys, "skill_id"], sort=True)["k"].sum()
        return counts.astype("int64").reset_index()

    def shares(self, keys: Sequence[str], skill_ids: Sequence[str]) -> pd.DataFrame:
        """`stats.shares_by` of the view's jobs with a value for every key: k, n and share per
        (keys..., skill_id) for each of `skill_ids` and each cell with jobs."""
        keys = list(keys)
        totals = self.job_counts(keys).reset_index() if keys else pd.DataFrame({"n": [self.n]})
        if totals.empty or not int(totals["n"].sum()):
            return pd.DataFrame(columns=[*keys, "skill_id", *stats.SHARE_COLUMNS])
        return stats.shares_of_counts(totals, self.skill_counts(keys), keys, skill_ids)

    def skill_shares(self) -> pd.DataFrame:
        """`stats.skill_shares` of the view: every skill asked for, with Wilson intervals."""
        return stats.add_wilson(self.shares([], self.skill_totals().index.tolist()))

    def required_counts(self) -> pd.DataFrame:
        """skill_id, k, k_required: jobs asking for each skill, and those asking for it at
        least once outside a nice-to-have list."""
        if self.skills.empty:
            return pd.DataFrame(columns=["skill_id", "k", "k_required"])
        summed = self.skills.groupby("skill_id", sort=True)[["k", "k_required"]].sum()
        return summed.astype("int64").reset_index()

    def category_counts(self) -> pd.DataFrame:
        """role, category, k: jobs asking for at least one skill of each category, per role."""
        return self.category_jobs.astype({"k": "int64"})

    def cooccurrence(self, anchor_ids: Sequence[str] | None = None) -> pd.DataFrame:
        """`cooccurrence.cooccurrence` of the view (anchors default to every skill)."""
        if self.together is None:
            raise ValueError(f"skills asked for together were not counted in view {self.view}")
        totals = self.skill_totals()
        if totals.empty:
            return pd.DataFrame(columns=list(COOCCURRENCE_COLUMNS))
        other_ids = [str(s) for s in totals.index]
        wanted = set(other_ids) if anchor_ids is None else set(anchor_ids) & set(other_ids)
        anchors = [s for s in other_ids if s in wanted]
        rows = self.skill_ids.get_indexer(pd.Index(anchors))
        both = self.together[np.ix_(rows, self.skill_ids.get_indexer(pd.Index(other_ids)))]
        both = both.astype(np.int64)
        counts = dict(zip(other_ids, totals.tolist(), strict=True))
        return cooccurrence_table(self.n, counts, anchors, both)


class ViewSet:
    """The `ViewCounts` of every posting (`ALL`), of the AI roles (`AI`) and of each role met in
    a batch (made when first met), over the skills of `skill_ids`."""

    def __init__(self, skill_ids: Sequence[str], categories: dict[str, str]) -> None:
        self.skill_ids = list(skill_ids)
        self.categories = categories
        # Skills asked for together are shown for the AI roles and each role, never for all.
        self.views = {
            ALL: ViewCounts(ALL, skill_ids, categories, together=False),
            AI: ViewCounts(AI, skill_ids, categories),
        }

    def add(self, batch: Batch) -> None:
        for role in sorted({str(r) for r in batch.postings["role"].dropna().unique()}):
            if role not in self.views:
                self.views[role] = ViewCounts(role, self.skill_ids, self.categories)
        for view in self.views.values():
            view.add(batch)
