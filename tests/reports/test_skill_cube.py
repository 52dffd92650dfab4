"""The skill cube counts (job, skill) pairs per month and role, growing as months and roles come."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from jobtrends.reports.analysis.skill_cube import SkillCube


def test_pairs_add_up_per_month_role_and_skill_as_batches_bring_new_labels() -> None:
    cube = SkillCube(["go", "python", "rust"])
    skills = cube.skill_codes(pd.Series(pd.Categorical(["python", "go", "python"])))
    cube.add(
        np.array(["2024-01", "2024-01", None], dtype=object),
        np.array(["ml_engineer", "ml_engineer", "ml_engineer"], dtype=object),
        skills,
        np.array([True, False, True]),
    )
    # A second batch brings a new month and a new role; plain (not categorical) skill ids.
    cube.add(
        np.array(["2024-02", "2024-01"], dtype=object),
        np.array(["data_scientist", "ml_engineer"], dtype=object),
        cube.skill_codes(pd.Series(["rust", "python"])),
        np.array([False, True]),
    )
    frame = cube.frame().sort_values(["skill_id", "month", "role"], na_position="last")
    rows = [
        (None if pd.isna(month) else month, *rest)
        for month, *rest in frame.itertuples(index=False, name=None)
    ]
    assert rows == [
        ("2024-01", "ml_engineer", "go", 1, 0),
        ("2024-01", "ml_engineer", "python", 2, 2),
        (None, "ml_engineer", "python", 1, 1),
        ("2024-02", "data_scientist", "rust", 1, 0),
    ]


def test_a_skill_outside_the_cube_is_an_error_and_an_empty_cube_has_no_cells() -> None:
    cube = SkillCube(["python"])
    with pytest.raises(ValueError, match="outside the cube"):
        cube.skill_codes(pd.Series(["cobol"]))
    assert cube.frame().empty
    assert list(cube.frame().columns) == ["month", "role", "skill_id", "k", "k_required"]
