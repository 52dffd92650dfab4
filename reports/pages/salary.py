"""The salary page: what stated salaries say by role and by skill, one currency per figure.

A job's salary is the annualized midpoint of the first stated salary among its postings.
Currencies are never converted or mixed; a cell (role or skill, per currency) needs
`MIN_SALARIES` salaries to be shown, and every cell states its n and its coverage (the share of
its postings that state a salary in that currency).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from jobtrends.pipeline.vocab import ROLES
from jobtrends.reports.analysis import stats
from jobtrends.reports.analysis.salaries import quantile_rows
from jobtrends.reports.charts import Chart
from jobtrends.reports.data import ROLE_LABELS, SiteData
from jobtrends.reports.figures import ShareBars, share_bars
from jobtrends.reports.page import Page
from jobtrends.reports.pages.role_extras import MIN_SALARIES
from jobtrends.reports.special_figures import Quartiles, quartile_boxes

SKILLS_SHOWN = 20


def currencies(counts: pd.Series) -> list[str]:
    """Currencies with at least MIN_SALARIES jobs (`counts`: jobs per currency), most salaries
    first."""
    counts = counts[counts >= MIN_SALARIES]
    return sorted((str(c) for c in counts.index), key=lambda c: (-int(counts[c]), c))


def boxes(table: pd.DataFrame, labels: list[str], currency: str) -> go.Figure:
    return quartile_boxes(
        Quartiles(
            labels=labels,
            low=table["p10"].tolist(),
            q1=table["q1"].tolist(),
            median=table["median"].tolist(),
            q3=table["q3"].tolist(),
            high=table["p90"].tolist(),
        ),
        axis_title=f"annual salary ({currency})",
    )


def _slug(currency: str, used: set[str]) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", currency.lower()).strip("-") or "currency"
    candidate, suffix = slug, 2
    while candidate in used:
        candidate, suffix = f"{slug}-{suffix}", suffix + 1
    used.add(candidate)
    return candidate


def coverage_chart(site: SiteData, shown: list[str]) -> Chart:
    coverage = site.salaries.coverage
    present = set(coverage["role"])
    order = [r for r in ROLES if r in present]
    rows = []
    for role in order:
        cell = coverage[coverage["role"] == role]
        stated = cell[cell["currency"].notna()]
        by_currency = dict(zip(stated["currency"], stated["n"], strict=True))
        k, n = int(stated["n"].sum()), int(cell["n"].sum())
        rows.append(
            {
                "role": ROLE_LABELS.get(role, role),
                "k": k,
                "n": n,
                "share": k / n,
                **{c: int(by_currency.get(c, 0)) for c in shown},
            }
        )
    frame = stats.add_wilson(pd.DataFrame(rows, columns=["role", "k", "n", "share", *shown]))
    table = frame.rename(columns={"k": "with_salary", "n": "postings"})
    table = table[["role", "with_salary", "postings", "share", "ci_low", "ci_high", *shown]]
    other = sorted({str(c) for c in site.salaries.currency_counts().index} - set(shown))
    notes = [
        "Share of each role's de-duplicated postings that state a salary, in any currency; "
        "whiskers are 95% Wilson intervals. The currency columns count salaries per currency.",
    ]
    if other:
        notes.append(
            f"Currencies with fewer than {MIN_SALARIES} salaries in all: {', '.join(other)}."
        )
    figure = None
    if not table.empty:
        bars = ShareBars(
            labels=table["role"].tolist(),
            share=table["share"].tolist(),
            low=table["ci_low"].tolist(),
            high=table["ci_high"].tolist(),
            k=table["with_salary"].tolist(),
            n=table["postings"].tolist(),
        )
        figure = share_bars(bars, "share of postings stating a salary")
    return Chart("salary-coverage", "Postings that state a salary", figure, table, tuple(notes))


def role_chart(site: SiteData, currency: str, slug: str) -> Chart:
    cells = site.salaries.role_cells(currency)
    table = quantile_rows(cells, "role", site.all_jobs.job_counts(["role"]), MIN_SALARIES)
    rank = {r: i for i, r in enumerate(ROLES)}
    table = table.sort_values("role", key=lambda s: s.map(rank), kind="mergesort")
    hidden = int((cells.groupby("role")["count"].sum() < MIN_SALARIES).sum())
    table = table.assign(role=[ROLE_LABELS.get(str(r), str(r)) for r in table["role"]])
    notes = (
        f"Annualized midpoints of stated salaries in {currency}, per role. Boxes span the "
        "quartiles, whiskers the 10th to 90th percentiles. Coverage: the share of the role's "
        f"postings that state a salary in {currency}.",
        f"Roles with fewer than {MIN_SALARIES} salaries in {currency} are hidden"
        + (f" ({hidden} hidden)." if hidden else "."),
    )
    figure = boxes(table, table["role"].tolist(), currency) if not table.empty else None
    title = f"Salary by role ({currency}, annualized)"
    return Chart(f"salary-role-{slug}", title, figure, table.reset_index(drop=True), notes)


def skill_chart(site: SiteData, currency: str, slug: str) -> Chart:
    cells = site.salaries.skill_cells(currency)
    table = quantile_rows(cells, "skill_id", site.ai_jobs.skill_totals(), MIN_SALARIES)
    table = table.sort_values(["salaries", "skill_id"], ascending=[False, True], kind="mergesort")
    table = table.head(SKILLS_SHOWN)
    table = table.sort_values(["median", "skill_id"], ascending=[False, True], kind="mergesort")
    table.insert(0, "skill", [site.skill_name(str(s)) for s in table["skill_id"]])
    table = table.drop(columns="skill_id").reset_index(drop=True)
    notes = (
        f"AI-role postings asking for each skill that state a salary in {currency}: the "
        f"{SKILLS_SHOWN} skills with the most salaries (at least {MIN_SALARIES}), highest median "
        "first. Coverage: the share of the skill's postings that state a salary in "
        f"{currency}.",
        "A skill's salaries are those of the jobs that ask for it; they mix roles and "
        "seniorities, so compare skills with care.",
    )
    figure = boxes(table, table["skill"].tolist(), currency) if not table.empty else None
    title = f"Salary by skill ({currency}, annualized)"
    return Chart(f"salary-skill-{slug}", title, figure, table, notes)


@dataclass(frozen=True)
class CurrencySection:
    currency: str
    role_key: str
    skill_key: str


def build_salary_page(site: SiteData) -> Page:
    shown = currencies(site.salaries.currency_counts())
    charts = {"coverage": coverage_chart(site, shown)}
    sections = []
    used: set[str] = set()
    for currency in shown:
        slug = _slug(currency, used)
        charts[f"role_{slug}"] = role_chart(site, currency, slug)
        charts[f"skill_{slug}"] = skill_chart(site, currency, slug)
        sections.append(CurrencySection(currency, f"role_{slug}", f"skill_{slug}"))
    context = {
        "sections": sections,
        "min_salaries": MIN_SALARIES,
        "jobs": site.all_jobs.n,
        "salaried": site.salaries.salaried,
    }
    return Page("salary.html", "Salaries", "salary.html.j2", charts, context)
