"""The evidence claims are checked against: de-duplicated jobs, who asks for what, and windows.

`Evidence` answers the set questions claims ask ("how many jobs in this role and these months
ask for any of these skills?") from counts made batch by batch (`claim_counts`), so it holds no
row per job: a set of jobs (`Jobs`) is a description that `len` counts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jobtrends.pipeline.vocab import AI_ROLES
from jobtrends.reports.analysis import stats
from jobtrends.reports.analysis.batches import ALL, count_batches
from jobtrends.reports.analysis.claim_counts import (
    ClaimCounts,
    CountedClaim,
    SkillGroup,
    claim_counts,
)
from jobtrends.reports.analysis.pairs import posting_demand
from jobtrends.reports.analysis.views import JOB_KEYS, ViewCounts

NAMES_LISTED = 4
# Postings per batch `Evidence.build` counts in.
EVIDENCE_BATCH_POSTINGS = 100_000
SHARE_COLUMNS = ("label", "skills", "postings", "of", "share", "ci_low", "ci_high", "claimed")


@dataclass(frozen=True)
class Windows:
    """Two back-to-back spans of months ("YYYY-MM", inclusive); `covered` when the data reaches
    back to the start of the earlier one."""

    before: tuple[str, str]
    recent: tuple[str, str]
    covered: bool

    def label(self, which: str) -> str:
        start, end = self.before if which == "before" else self.recent
        return f"{start} to {end}"


Cell = tuple[tuple[str, ...] | None, tuple[str, str] | None]  # (roles or None: any), month span


@dataclass(frozen=True)
class Jobs:
    """A set of jobs, described rather than listed: those in `cell` (None: any job) that ask for
    a skill of every group in `include` and of none in `exclude`. `&`, `-` and `len` are what
    claims use; `len` counts them from the evidence's tables."""

    evidence: Evidence | None  # None: the empty set
    cell: Cell | None = None
    include: frozenset[SkillGroup] = frozenset()
    exclude: frozenset[SkillGroup] = frozenset()

    @classmethod
    def of(cls, ids: Sequence[object]) -> Jobs:
        """The empty set (the only listed set claims need)."""
        if len(ids):
            raise ValueError("jobs are counted, not listed")
        return cls(None)

    def __and__(self, other: Jobs) -> Jobs:
        if self.evidence is None or other.evidence is None:
            return Jobs(None)
        if self.cell is not None and other.cell is not None and self.cell != other.cell:
            raise ValueError("jobs of two different cells are not counted together")
        return Jobs(
            self.evidence,
            self.cell if self.cell is not None else other.cell,
            self.include | other.include,
            self.exclude | other.exclude,
        )

    def __sub__(self, other: Jobs) -> Jobs:
        if self.evidence is None or other.evidence is None:
            return self
        if other.exclude or (other.cell is not None and other.cell != self.cell):
            raise ValueError("only jobs asking for a skill group can be taken out")
        return Jobs(self.evidence, self.cell, self.include, self.exclude | other.include)

    def __len__(self) -> int:
        return 0 if self.evidence is None else self.evidence.count(self)


class Evidence:
    """Jobs of every posting counted for claims (`ClaimCounts`) and per skill (`ViewCounts` of
    every posting): who asks for what, in which role and month."""

    def __init__(
        self,
        counts: ClaimCounts,
        skills: pd.DataFrame,
        names: Mapping[str, str],
        role_names: Mapping[str, str],
        end_month: str | None,
    ) -> None:
        self.counts = counts
        self.skills = skills  # month, role, skill_id, k: jobs asking for each skill
        self.names = dict(names)
        self.role_names = dict(role_names)
        self.ai_roles = AI_ROLES
        dated = counts.jobs["month"].dropna()
        self.end_month = end_month or (str(dated.max()) if not dated.empty else None)
        self.first_month = str(dated.min()) if not dated.empty else None

    @classmethod
    def build(
        cls,
        postings: pd.DataFrame,
        mentions: pd.DataFrame,
        claims: Sequence[CountedClaim],
        *,
        skill_names: Mapping[str, str] | None = None,
        role_names: Mapping[str, str] | None = None,
        end_month: str | None = None,
    ) -> Evidence:
        """The evidence of `claims` over frames held in memory (`mentions`: a mentions frame or
        a demand frame, see `pairs.posting_demand`); skill names default to the mentions'
        `skill_name` column."""
        demand = mentions if "required" in mentions.columns else posting_demand(mentions)
        skill_ids = sorted({str(s) for s in demand["skill_id"].unique()})
        counts, jobs = claim_counts(claims), ViewCounts(ALL, skill_ids, {}, together=False)
        missing = {key: None for key in JOB_KEYS if key not in postings.columns}
        count_batches(postings.assign(**missing), demand, [counts, jobs], EVIDENCE_BATCH_POSTINGS)
        names = dict(skill_names or {})
        if skill_names is None and "skill_name" in mentions.columns:
            named = mentions.drop_duplicates("skill_id")
            names = {
                str(k): str(v) for k, v in zip(named["skill_id"], named["skill_name"], strict=True)
            }
        return cls(counts, jobs.skills, names, role_names or {}, end_month)

    def count(self, jobs: Jobs) -> int:
        """How many jobs `jobs` describes."""
        roles, span = jobs.cell if jobs.cell is not None else (None, None)
        bits = [self.counts.bit(g) for g in (*jobs.include, *jobs.exclude)]
        if all(bit is not None for bit in bits):
            table = self._in_cell(self.counts.jobs, roles, span)
            mask = table["mask"].to_numpy()
            keep = np.ones(len(table), dtype=bool)
            for group in jobs.include:
                keep &= (mask & self.counts.bit(group)) != 0
            for group in jobs.exclude:
                keep &= (mask & self.counts.bit(group)) == 0
            return int(table.loc[keep, "n"].sum())
        include, exclude = list(jobs.include), list(jobs.exclude)
        if len(include) == 1 and len(include[0]) == 1 and len(exclude) <= 1:
            (skill,) = include[0]
            asking = self._in_cell(self.skills, roles, span)
            k = int(asking.loc[asking["skill_id"] == skill, "k"].sum())
            if not exclude:
                return k
            (other,) = exclude[0] if len(exclude[0]) == 1 else (None,)
            anchor, paired = (skill, other) if skill in self.counts.anchors else (other, skill)
            if other is not None and anchor in self.counts.anchors:
                both = self._in_cell(self.counts.together, roles, span)
                chosen = (both["anchor"] == anchor) & (both["skill_id"] == paired)
                return k - int(both.loc[chosen, "n"].sum())
        raise ValueError(f"jobs not counted for claims: {jobs.include} without {jobs.exclude}")

    def _in_cell(
        self, table: pd.DataFrame, roles: tuple[str, ...] | None, span: tuple[str, str] | None
    ) -> pd.DataFrame:
        keep = table["role"].isin(roles if roles is not None else self.ai_roles)
        if span is not None:
            month = table["month"]
            keep &= month.notna() & (month >= span[0]) & (month <= span[1])
        return table[keep]

    def name(self, skill_id: str) -> str:
        return self.names.get(skill_id, skill_id)

    def group_name(self, skills: Sequence[str]) -> str:
        """ "PyTorch", "TensorFlow or JAX", "Pinecone, Weaviate, Chroma, Qdrant or 3 more"."""
        names = [self.name(s) for s in skills]
        if len(names) == 1:
            return names[0]
        if len(names) <= NAMES_LISTED + 1:
            return ", ".join(names[:-1]) + " or " + names[-1]
        return ", ".join(names[:NAMES_LISTED]) + f" or {len(names) - NAMES_LISTED} more"

    def role_name(self, role: str) -> str:
        return self.role_names.get(role, role)

    def role_scope(self, role: str | None) -> str:
        return f"{self.role_name(role)} postings" if role else "AI-engineering postings"

    def holders(self, skills: Sequence[str]) -> Jobs:
        """Jobs with a demand mention of any of `skills`."""
        return Jobs(self, include=frozenset({tuple(skills)}))

    def cell(self, role: str | None, span: tuple[str, str] | None) -> Jobs:
        """Jobs of `role` (default: every AI role) whose month lies in `span` (default: any)."""
        return Jobs(self, ((role,) if role else None, span))

    def share_cell(self, role: str | None, months: int | None) -> tuple[Jobs, str]:
        """The jobs a share claim counts, and a description of them."""
        if months is None or self.end_month is None:
            span = f", {self.first_month} to {self.end_month}" if self.end_month else ""
            return self.cell(role, None), self.role_scope(role) + span
        start = stats.shift_month(self.end_month, 1 - months)
        scope = f"{self.role_scope(role)}, {start} to {self.end_month}"
        return self.cell(role, (start, self.end_month)), scope

    def skill_counts(self, cell: Jobs) -> dict[str, int]:
        """Jobs in `cell` asking for each skill."""
        roles, span = cell.cell if cell.cell is not None else (None, None)
        inside = self._in_cell(self.skills, roles, span)
        counts = inside.groupby("skill_id", sort=True)["k"].sum()
        return {str(k): int(v) for k, v in counts.items() if v > 0}

    def windows(self, months: int) -> Windows | None:
        """The last `months` months up to the newest month, and the `months` before them."""
        if self.end_month is None or self.first_month is None:
            return None
        end = self.end_month
        recent = (stats.shift_month(end, 1 - months), end)
        before = (stats.shift_month(end, 1 - 2 * months), stats.shift_month(end, -months))
        return Windows(before, recent, covered=self.first_month <= before[0])

    def window_counts(self, role: str, windows: Windows | None) -> tuple[int, int]:
        """Jobs of `role` in the earlier and the recent window."""
        if windows is None:
            return (0, 0)
        return (len(self.cell(role, windows.before)), len(self.cell(role, windows.recent)))

    def coverage_reason(self, months: int) -> str:
        windows = self.windows(months)
        if windows is None:
            return "There are no dated postings."
        return (
            f"The comparison needs postings from {windows.before[0]} on; the data starts in "
            f"{self.first_month}."
        )


ShareRow = tuple[str, tuple[str, ...], Jobs, bool]  # label, skills, holders, claimed


def share_rows(rows: Sequence[ShareRow], cell: Jobs) -> pd.DataFrame:
    """One row per entry: how many of the jobs in `cell` are among its holders, with intervals."""
    records = []
    n = len(cell)
    for label, skills, holders, claimed in rows:
        k = len(holders & cell)
        low, high = stats.wilson_interval(k, n) if n else (math.nan, math.nan)
        share = k / n if n else math.nan
        records.append((label, " ".join(skills), k, n, share, low, high, claimed))
    return pd.DataFrame(records, columns=list(SHARE_COLUMNS))
