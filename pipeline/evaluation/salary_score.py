"""A predicted salary against the stated one (see `jobtrends.pipeline.evaluation.scoring`)."""

from __future__ import annotations

from jobtrends.pipeline.evaluation.sets import GoldPosting, GoldSalary
from jobtrends.pipeline.results import Salary


def salary_outcome(gold: GoldPosting, predicted: Salary | None) -> str:
    stated = gold.salary
    if stated is None:
        return "exact" if predicted is None else "invented"
    if predicted is None:
        return "missed"
    same = (
        _close(stated.min, predicted.min)
        and _close(stated.max, predicted.max)
        and (stated.currency or "").upper() == (predicted.currency or "").upper()
        and stated.period == predicted.period
    )
    return "exact" if same else "wrong"


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 0.5)


def shown_salary(salary: GoldSalary | Salary | None) -> str:
    if salary is None:
        return "none"
    return f"{salary.min}-{salary.max} {salary.currency} per {salary.period}"
