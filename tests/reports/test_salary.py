"""The salary page on frames whose salaries, counts and coverage are worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from jobtrends.reports.analysis.salaries import job_salaries
from jobtrends.reports.data import SiteData
from jobtrends.reports.pages.salary import (
    build_salary_page,
    currencies,
    role_chart,
    skill_chart,
)
from tests.reports.test_aggregates import tiny_site


def salaried(
    first_id: int, count: int, currency: str | None, role: str, start: float = 100_000.0
) -> list[dict[str, object]]:
    """`count` postings with salaries start, start + 10k, ... as a 20k-wide range."""
    return [
        {
            "posting_id": first_id + i,
            "role": role,
            "salary_currency": currency,
            "salary_annual_min": start + 10_000 * i if currency else np.nan,
            "salary_annual_max": start + 10_000 * i + 20_000 if currency else np.nan,
        }
        for i in range(count)
    ]


def site_with_salaries() -> SiteData:
    postings = [
        *salaried(1, 12, "USD", "ml_engineer"),  # USD midpoints 110k ... 220k
        *salaried(101, 5, "EUR", "ml_engineer"),  # too few EUR for ML engineers
        *salaried(201, 10, "EUR", "llm_engineer", start=50_000),  # EUR 60k ... 150k
        *salaried(301, 13, None, "ml_engineer"),  # no salary stated
        *salaried(401, 3, "GBP", "llm_engineer"),  # a currency with too few salaries
    ]
    mentions: list[dict[str, object]] = [
        {"posting_id": p["posting_id"], "skill_id": "python"} for p in postings
    ]
    mentions += [{"posting_id": i, "skill_id": "go"} for i in range(1, 6)]
    return tiny_site(postings, mentions)


def test_a_job_takes_its_first_stated_salary_and_a_minimum_alone_counts() -> None:
    postings = pd.DataFrame(
        {
            "posting_id": [1, 2, 3, 4],
            "dup_group": [1, 1, 3, 4],
            "month": ["2024-01", "2024-02", "2024-01", "2024-01"],
            "salary_currency": [None, "USD", "EUR", "USD"],
            "salary_annual_min": [np.nan, 100_000.0, 40_000.0, np.nan],
            "salary_annual_max": [np.nan, 140_000.0, np.nan, np.nan],
        }
    )
    table = job_salaries(postings)
    assert table.values.tolist() == [[1, "USD", 120_000.0], [3, "EUR", 40_000.0]]


def test_currencies_need_ten_salaries_and_come_most_common_first() -> None:
    site = site_with_salaries()
    assert currencies(site.salaries.currency_counts()) == ["EUR", "USD"]  # 15 EUR, 12 USD, 3 GBP
    assert site.salaries.salaried == 30


def test_salary_by_role_keeps_currencies_apart_and_states_n_and_coverage() -> None:
    site = site_with_salaries()
    usd = role_chart(site, "USD", "usd")
    # ML engineers: 12 USD salaries among 12 + 5 + 13 = 30 postings
    assert usd.table[["role", "salaries", "postings"]].values.tolist() == [["ML engineer", 12, 30]]
    assert usd.table.loc[0, "coverage"] == pytest.approx(12 / 30)
    midpoints = pd.Series([110_000.0 + 10_000 * i for i in range(12)])
    assert usd.table.loc[0, "median"] == pytest.approx(midpoints.median())
    assert usd.table.loc[0, "p90"] == pytest.approx(midpoints.quantile(0.9))
    eur = role_chart(site, "EUR", "eur")
    assert eur.table["role"].tolist() == ["LLM engineer"]  # the 5 EUR ML salaries are hidden
    assert "(1 hidden)" in eur.notes[1]
    assert eur.figure is not None and usd.figure is not None
    assert eur.figure.layout.yaxis.title.text == "annual salary (EUR)"
    assert list(eur.figure.data[0].median) == [pytest.approx(105_000.0)]  # 60k ... 150k


def test_salary_by_skill_counts_the_jobs_asking_for_it() -> None:
    site = site_with_salaries()
    usd = skill_chart(site, "USD", "usd")
    # Go is asked for by 5 USD-salaried postings only: hidden. Python by all 43 postings.
    assert usd.table[["skill", "salaries", "postings"]].values.tolist() == [["Python", 12, 43]]
    assert usd.table.loc[0, "coverage"] == pytest.approx(12 / 43)


def test_the_page_has_coverage_then_one_section_per_currency() -> None:
    page = build_salary_page(site_with_salaries())
    assert [s.currency for s in page.context["sections"]] == ["EUR", "USD"]  # type: ignore[attr-defined]
    assert list(page.charts) == ["coverage", "role_eur", "skill_eur", "role_usd", "skill_usd"]
    coverage = page.charts["coverage"].table.set_index("role")
    # ML engineers: 12 USD + 5 EUR of 30 postings; LLM engineers: 10 EUR + 3 GBP of 13
    assert coverage.loc["ML engineer", ["with_salary", "postings", "USD", "EUR"]].tolist() == [
        17,
        30,
        12,
        5,
    ]
    assert coverage.loc["LLM engineer", "share"] == pytest.approx(13 / 13)
    assert "GBP" in page.charts["coverage"].notes[1]
    for key, chart in page.charts.items():
        if key != "coverage" and chart.figure is not None:
            currency = key.split("_")[1].upper()
            assert chart.figure.layout.yaxis.title.text == f"annual salary ({currency})"
            assert currency in chart.title
    assert not math.isnan(page.charts["role_usd"].table.loc[0, "q1"])
