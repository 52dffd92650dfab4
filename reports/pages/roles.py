"""One page per role: its skills, their trends, how they are asked for, and who is hired."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from jobtrends.pipeline.vocab import REMOTES, ROLES, SENIORITIES
from jobtrends.reports.analysis import stats
from jobtrends.reports.analysis.views import ViewCounts
from jobtrends.reports.charts import Chart
from jobtrends.reports.data import REMOTE_LABELS, ROLE_LABELS, SENIORITY_LABELS, SiteData
from jobtrends.reports.figures import TrendSeries, grouped_bars, trend_lines
from jobtrends.reports.page import Page, thin_months_note, top_shares, top_skills_chart
from jobtrends.reports.pages.role_extras import learn_next_chart, salary_chart

TREND_SKILLS = 6
REQUIRED_SKILLS = 12


def role_filename(role: str) -> str:
    return f"role-{role}.html"


def trend_chart(site: SiteData, role: str, jobs: ViewCounts, top: list[str]) -> Chart:
    monthly = jobs.shares(["month"], top)
    n_by_month = monthly.drop_duplicates("month").set_index("month")["n"]
    low = {str(m): int(n) for m, n in n_by_month[n_by_month < site.min_month_n].items()}
    series = []
    frames = []
    for skill_id in top:
        rows = monthly[monthly["skill_id"] == skill_id].set_index("month")
        pooled = stats.pooled_share(rows["k"], rows["n"])
        line = pooled["share"].where(pooled["n"] >= site.min_month_n)
        name = site.skill_name(skill_id)
        thin = (rows["n"] < site.min_month_n).tolist()
        series.append(
            TrendSeries(name, rows.index.tolist(), rows["share"].tolist(), line.tolist(), thin)
        )
        frames.append(
            pd.DataFrame(
                {
                    "month": rows.index.to_numpy(),
                    "skill": name,
                    "postings": rows["k"].to_numpy(),
                    "of": rows["n"].to_numpy(),
                    "share": rows["share"].to_numpy(),
                    "pooled_3_months": line.to_numpy(),
                }
            )
        )
    columns = ["month", "skill", "postings", "of", "share", "pooled_3_months"]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    notes = (
        f"Monthly share of this role's postings for its top {len(top)} skills: points are the "
        "months, lines the share pooled over 3 months (centred).",
        thin_months_note(low, site.min_month_n),
    )
    figure = trend_lines(series, y_title="share of postings") if not monthly.empty else None
    return Chart(f"role-{role}-trends", "Top skills month by month", figure, table, notes)


def required_chart(site: SiteData, role: str, jobs: ViewCounts, top: list[str]) -> Chart:
    counts = jobs.required_counts().set_index("skill_id")
    n = jobs.n
    required = counts["k_required"]
    nice = counts["k"] - counts["k_required"]
    table = pd.DataFrame(
        {
            "skill": [site.skill_name(s) for s in top],
            "required": [int(required.get(s, 0)) for s in top],
            "nice_to_have_only": [int(nice.get(s, 0)) for s in top],
            "of": n,
        }
    )
    table = table.assign(
        required_share=table["required"] / max(n, 1),
        nice_to_have_share=table["nice_to_have_only"] / max(n, 1),
    )
    notes = (
        "Required: asked for at least once outside a nice-to-have list. Nice-to-have only: "
        "every mention is in a nice-to-have list or marked as a plus.",
    )
    figure = None
    if top:
        figure = grouped_bars(
            table["skill"].tolist(),
            {
                "required": table["required_share"].tolist(),
                "nice-to-have only": table["nice_to_have_share"].tolist(),
            },
            axis_title="share of postings",
            stacked=True,
        )
    return Chart(f"role-{role}-required", "Required or nice to have", figure, table, notes)


def mix_chart(
    role: str,
    jobs: ViewCounts,
    column: str,
    order: tuple[str, ...],
    names: Mapping[str, str],
) -> Chart:
    counts = jobs.value_counts(column, missing="unknown")
    values = [v for v in order if v in counts.index] + sorted(
        str(v) for v in counts.index if v not in order
    )
    total = max(jobs.n, 1)
    table = pd.DataFrame(
        {
            column: [names.get(v, v) for v in values],
            "postings": [int(counts[v]) for v in values],
            "of": jobs.n,
            "share": [int(counts[v]) / total for v in values],
        }
    )
    title = f"{column.capitalize()} mix"
    figure = None
    if values:
        figure = grouped_bars(
            table[column].tolist(),
            {"share": table["share"].tolist()},
            axis_title="share of postings",
        )
    notes = ("Share of this role's de-duplicated postings.",)
    return Chart(f"role-{role}-{column}", title, figure, table, notes)


def build_role_page(site: SiteData, role: str) -> Page:
    jobs = site.views[role]
    top = [str(s) for s in top_shares(jobs, REQUIRED_SKILLS)["skill_id"]]
    title = ROLE_LABELS.get(role, role)
    charts = {
        "top_skills": top_skills_chart(site, f"role-{role}-top-skills", "Top skills", jobs),
        "trends": trend_chart(site, role, jobs, top[:TREND_SKILLS]),
        "required": required_chart(site, role, jobs, top),
        "seniority": mix_chart(role, jobs, "seniority", SENIORITIES, SENIORITY_LABELS),
        "remote": mix_chart(role, jobs, "remote", REMOTES, REMOTE_LABELS),
        "salary": salary_chart(role, site.salaries.seniority_cells(role)),
        "learn_next": learn_next_chart(site, role, jobs),
    }
    context = {"role": role, "jobs": jobs.n}
    return Page(role_filename(role), title, "role.html.j2", charts, context)


def roles_present(site: SiteData) -> list[str]:
    """Roles with at least one posting: the known roles in their usual order, then any others."""
    present = site.stored.roles
    return [r for r in ROLES if r in present] + sorted(present - set(ROLES))
