"""Stated salaries counted batch by batch: each cell's salaries as value -> count.

A job's salary (the salary page) is the annualized midpoint of the first stated salary among its
postings (`job_salaries`); a role page reads the salary of each job's own earliest posting in the
role (`annual_salaries`). Quantiles need every salary of a cell, but not one row per job: a cell
keeps each distinct value once with its count, so memory grows with the distinct salaries.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from jobtrends.reports.analysis.batches import AI, ALL, Batch, added

SALARY_COLUMNS = (
    "posting_id", "dup_group", "month", "salary_currency", "salary_annual_min", "salary_annual_max",
)  # fmt: skip
QUANTILES = (("p10", 0.1), ("q1", 0.25), ("median", 0.5), ("q3", 0.75), ("p90", 0.9))


def job_salaries(postings: pd.DataFrame) -> pd.DataFrame:
    """dup_group, currency and annualized midpoint: each job's first stated salary. Only the
    columns it reads are copied."""
    postings = postings[list(SALARY_COLUMNS)]
    bounds = postings[["salary_annual_min", "salary_annual_max"]].astype("float64")
    stated = postings.assign(salary=bounds.mean(axis=1, skipna=True))
    stated = stated[stated["salary_currency"].notna() & stated["salary"].notna()]
    stated = stated.sort_values(["month", "posting_id"], kind="mergesort", na_position="last")
    first = stated.drop_duplicates("dup_group").sort_values("dup_group", kind="mergesort")
    table = first[["dup_group", "salary_currency", "salary"]].reset_index(drop=True)
    return table.rename(columns={"salary_currency": "currency"})


def annual_salaries(groups: pd.DataFrame) -> pd.DataFrame:
    """currency, seniority ("unknown" when missing) and annualized midpoint of each job's own
    stated salary, for the jobs that state one."""
    bounds = groups[["salary_annual_min", "salary_annual_max"]].astype("float64")
    midpoint = bounds.mean(axis=1, skipna=True)
    frame = pd.DataFrame(
        {
            "currency": groups["salary_currency"],
            "seniority": groups["seniority"].fillna("unknown"),
            "salary": midpoint,
        }
    )
    return frame[frame["currency"].notna() & frame["salary"].notna()]


def value_counts(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """keys..., salary, count: how many rows of `frame` hold each salary per cell of `keys`."""
    columns = [*keys, "salary"]
    if frame.empty:
        return pd.DataFrame(columns=[*columns, "count"])
    return frame.groupby(columns, sort=True, observed=True).size().rename("count").reset_index()


def quantile_rows(
    cells: pd.DataFrame, key: str, totals: pd.Series, min_salaries: int
) -> pd.DataFrame:
    """Per `key` value with at least `min_salaries` salaries (`cells`: key, salary, count): n,
    postings (from `totals`), coverage and the QUANTILES, as `Series.quantile` gives them."""
    rows = []
    for value, cell in cells.groupby(key, sort=True, observed=True):
        n = int(cell["count"].sum())
        if n < min_salaries:
            continue
        salaries = pd.Series(np.repeat(cell["salary"].to_numpy(dtype="float64"), cell["count"]))
        qs = salaries.quantile([q for _, q in QUANTILES]).tolist()
        postings = int(totals.get(value, 0))
        rows.append([value, n, postings, n / max(postings, 1), *qs])
    columns = [key, "salaries", "postings", "coverage", *(name for name, _ in QUANTILES)]
    return pd.DataFrame(rows, columns=columns)


def _with(total: pd.DataFrame, more: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """`value_counts` rows of both, each salary of a cell once."""
    return added(total, more, [*keys, "salary"], {"count": "sum"})


class SalaryCounts:
    """The salaries the salary page and the role pages read, per cell: jobs of every posting by
    role and currency (with or without a salary); their salaries per (currency, role); the
    salaries of AI-role jobs per (currency, skill asked for); each role's jobs' own salaries per
    (currency, seniority)."""

    def __init__(self) -> None:
        self.coverage = pd.DataFrame(columns=["role", "currency", "n"])
        self.by_role = value_counts(pd.DataFrame(), ["currency", "role"])
        self.by_skill = value_counts(pd.DataFrame(), ["currency", "skill_id"])
        self.by_seniority: dict[str, pd.DataFrame] = {}  # per role met, made when first met

    def add(self, batch: Batch) -> None:
        salaries = job_salaries(batch.postings)
        jobs = batch.groups(ALL)[["dup_group", "role"]].merge(salaries, on="dup_group", how="left")
        covered = jobs.groupby(["role", "currency"], dropna=False, sort=True).size()
        coverage = pd.concat([self.coverage, covered.rename("n").reset_index()], ignore_index=True)
        self.coverage = (
            coverage.groupby(["role", "currency"], dropna=False, sort=True)["n"].sum().reset_index()
        )
        stated = jobs[jobs["currency"].notna()]
        self.by_role = _with(
            self.by_role, value_counts(stated, ["currency", "role"]), ["currency", "role"]
        )
        pairs = batch.pairs(AI)[["dup_group", "skill_id"]].astype({"skill_id": str})
        asked = pairs.merge(salaries, on="dup_group")
        keys = ["currency", "skill_id"]
        self.by_skill = _with(self.by_skill, value_counts(asked, keys), keys)
        keys = ["currency", "seniority"]
        for role in sorted({str(r) for r in batch.postings["role"].dropna().unique()}):
            own = value_counts(annual_salaries(batch.groups(role)), keys)
            known = self.by_seniority.get(role, value_counts(pd.DataFrame(), keys))
            self.by_seniority[role] = _with(known, own, keys)

    def currency_counts(self) -> pd.Series:
        """Jobs stating a salary in each currency."""
        stated = self.coverage[self.coverage["currency"].notna()]
        return stated.groupby("currency", sort=True)["n"].sum().astype("int64")

    @property
    def salaried(self) -> int:
        """Jobs stating a salary."""
        return int(self.currency_counts().sum())

    def role_cells(self, currency: str) -> pd.DataFrame:
        """role, salary, count of the jobs stating a salary in `currency`."""
        chosen = self.by_role[self.by_role["currency"] == currency]
        return chosen[["role", "salary", "count"]]

    def skill_cells(self, currency: str) -> pd.DataFrame:
        """skill_id, salary, count of the AI-role jobs asking for each skill that state a salary
        in `currency`."""
        chosen = self.by_skill[self.by_skill["currency"] == currency]
        return chosen[["skill_id", "salary", "count"]]

    def seniority_cells(self, role: str) -> pd.DataFrame:
        """currency, seniority, salary, count of `role`'s jobs stating a salary."""
        return self.by_seniority.get(role, value_counts(pd.DataFrame(), ["currency", "seniority"]))
