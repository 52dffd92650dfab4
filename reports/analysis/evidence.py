"""The evidence claims are checked against: de-duplicated jobs, who asks for what, and windows.

`Evidence` is built once from the report frames and answers the set questions claims ask ("which
jobs in this role and these months ask for any of these skills?") with plain Python sets of
duplicate-group ids.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jobtrends.pipeline.vocab import AI_ROLES
from jobtrends.reports.analysis import stats

NAMES_LISTED = 4
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


class Jobs:
    """A set of jobs (duplicate-group ids) as a sorted array of unique ids: the `&`, `-` and
    `len` claims use, at 8 bytes an id (a Python set of a million ids took over 60 MB)."""

    __slots__ = ("ids",)

    def __init__(self, ids: np.ndarray) -> None:
        self.ids = ids  # sorted, unique

    @classmethod
    def of(cls, ids: np.ndarray | Sequence[object]) -> Jobs:
        return cls(np.unique(np.asarray(ids)))

    def __and__(self, other: Jobs) -> Jobs:
        return Jobs(np.intersect1d(self.ids, other.ids, assume_unique=True))

    def __sub__(self, other: Jobs) -> Jobs:
        return Jobs(np.setdiff1d(self.ids, other.ids, assume_unique=True))

    def __len__(self) -> int:
        return len(self.ids)


class Evidence:
    def __init__(
        self,
        groups: pd.DataFrame,
        pairs: pd.DataFrame,
        names: Mapping[str, str],
        role_names: Mapping[str, str],
        end_month: str | None,
    ) -> None:
        self.groups = groups
        self.pairs = pairs
        self.names = dict(names)
        self.role_names = dict(role_names)
        self.ai_roles = AI_ROLES
        dated = groups["month"].dropna()
        self.end_month = end_month or (str(dated.max()) if not dated.empty else None)
        self.first_month = str(dated.min()) if not dated.empty else None
        self._holders: dict[tuple[str, ...], Jobs] = {}

    @classmethod
    def build(
        cls,
        postings: pd.DataFrame,
        mentions: pd.DataFrame,
        *,
        skill_names: Mapping[str, str] | None = None,
        role_names: Mapping[str, str] | None = None,
        end_month: str | None = None,
    ) -> Evidence:
        """`mentions` is a mentions frame or a demand frame (`pairs.posting_demand`); skill
        names default to the mentions' `skill_name` column."""
        groups = stats.dedup_by(postings, ["role"])[["dup_group", "month", "role"]]
        pairs = stats.demand_pairs(postings, mentions)
        names = dict(skill_names or {})
        if skill_names is None and "skill_name" in mentions.columns:
            named = mentions.drop_duplicates("skill_id")
            names = {
                str(k): str(v) for k, v in zip(named["skill_id"], named["skill_name"], strict=True)
            }
        return cls(groups, pairs, names, role_names or {}, end_month)

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
        key = tuple(skills)
        if key not in self._holders:
            chosen = self.pairs[self.pairs["skill_id"].isin(key)]
            self._holders[key] = Jobs.of(chosen["dup_group"].to_numpy())
        return self._holders[key]

    def cell(self, role: str | None, span: tuple[str, str] | None) -> Jobs:
        """Jobs of `role` (default: every AI role) whose month lies in `span` (default: any)."""
        groups = self.groups
        keep = groups["role"] == role if role else groups["role"].isin(self.ai_roles)
        if span is not None:
            keep &= (groups["month"] >= span[0]) & (groups["month"] <= span[1])
        return Jobs.of(groups.loc[keep, "dup_group"].to_numpy())

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
        inside = self.pairs[self.pairs["dup_group"].isin(cell.ids)]
        counts = inside.groupby("skill_id").size()
        return {str(k): int(v) for k, v in counts.items()}

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
