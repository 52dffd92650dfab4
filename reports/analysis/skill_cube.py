"""Jobs asking for each skill per month and role, as one dense array: adding a batch is a
bincount over integer codes, not a group-by over strings (a view of a million postings has
millions of (job, skill) pairs, but only months x roles x skills cells)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

CUBE_COLUMNS = ("month", "role", "skill_id", "k", "k_required")


class _Labels:
    """A growing list of labels (a missing value is one of them) and their positions."""

    def __init__(self) -> None:
        self.labels: list[object] = []
        self._at: dict[object, int] = {}

    def codes(self, values: np.ndarray) -> np.ndarray:
        """Each value's position, new values added."""
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        positions = np.empty(len(uniques), dtype=np.int64)
        for index, label in enumerate(uniques):
            key = None if pd.isna(label) else label
            if key not in self._at:
                self._at[key] = len(self.labels)
                self.labels.append(key)
            positions[index] = self._at[key]
        return positions[codes]


class SkillCube:
    """k (jobs asking for the skill) and k_required (asking for it outside a nice-to-have list)
    per (month, role, skill), over the skills of `skill_ids`."""

    def __init__(self, skill_ids: Sequence[str]) -> None:
        self.skill_ids = pd.Index(sorted(skill_ids))
        self.months, self.roles = _Labels(), _Labels()
        self.counts = np.zeros((0, 0, len(self.skill_ids), 2), dtype=np.int64)

    def skill_codes(self, skills: pd.Series) -> np.ndarray:
        """Each skill's position in `skill_ids` (categorical or plain skill ids)."""
        categorical = (
            pd.Categorical(skills)
            if not isinstance(skills.dtype, pd.CategoricalDtype)
            else skills.array
        )
        assert isinstance(categorical, pd.Categorical)
        known = self.skill_ids.get_indexer(pd.Index(categorical.categories.astype(str)))
        if (known < 0).any():
            raise ValueError("a skill outside the cube's skills")
        codes: np.ndarray = known[categorical.codes]
        return codes

    def add(
        self, months: np.ndarray, roles: np.ndarray, skills: np.ndarray, required: np.ndarray
    ) -> None:
        """Count one (job, skill) pair per element: the job's month and role, the skill's
        position (`skill_codes`) and whether the job requires it."""
        month = self.months.codes(months)
        role = self.roles.codes(roles)
        shape = (len(self.months.labels), len(self.roles.labels), len(self.skill_ids))
        if shape != self.counts.shape[:3]:
            grown = np.zeros((*shape, 2), dtype=np.int64)
            old = self.counts.shape
            grown[: old[0], : old[1]] = self.counts
            self.counts = grown
        cells = int(np.prod(shape))
        key = (month * shape[1] + role) * shape[2] + skills
        self.counts[..., 0] += np.bincount(key, minlength=cells).reshape(shape)
        weights = required.astype(np.float64)
        self.counts[..., 1] += (
            np.bincount(key, weights=weights, minlength=cells).astype(np.int64).reshape(shape)
        )

    def frame(self) -> pd.DataFrame:
        """The cells with jobs: month, role (None when missing), skill_id, k, k_required."""
        month, role, skill = np.nonzero(self.counts[..., 0])
        return pd.DataFrame(
            {
                "month": np.array(self.months.labels, dtype=object)[month] if len(month) else [],
                "role": np.array(self.roles.labels, dtype=object)[role] if len(role) else [],
                "skill_id": np.asarray(self.skill_ids, dtype=object)[skill],
                "k": self.counts[month, role, skill, 0],
                "k_required": self.counts[month, role, skill, 1],
            },
            columns=list(CUBE_COLUMNS),
        )
