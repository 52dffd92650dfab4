"""The skills index and one page per skill with enough postings."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from jobtrends.pipeline.vocab import ROLES
from jobtrends.reports.analysis import stats
from jobtrends.reports.charts import Chart
from jobtrends.reports.data import ROLE_LABELS, SiteData
from jobtrends.reports.figures import TrendSeries, share_bars, trend_lines
from jobtrends.reports.page import Page, share_bars_of, share_table, top_shares
from jobtrends.reports.pages.examples import Example, examples_by_skill
from jobtrends.reports.pages.landscape import category_chart
from jobtrends.reports.special_figures import BarOption, hover_bars

MIN_SKILL_PAGE = 10
ALL_ROLES = "all AI roles"
COOCCURRING_SHOWN = 10


def skill_filenames(site: SiteData) -> dict[str, str]:
    """skill_id -> page filename, for skills asked for in at least MIN_SKILL_PAGE AI postings."""
    shares = top_shares(site.ai_jobs, None)
    chosen = sorted(str(s) for s in shares.loc[shares["k"] >= MIN_SKILL_PAGE, "skill_id"])
    filenames: dict[str, str] = {}
    used: set[str] = set()
    for skill_id in chosen:
        slug = re.sub(r"[^a-z0-9]+", "-", skill_id.lower()).strip("-") or "skill"
        candidate, suffix = slug, 2
        while candidate in used:
            candidate, suffix = f"{slug}-{suffix}", suffix + 1
        used.add(candidate)
        filenames[skill_id] = f"skill-{candidate}.html"
    return filenames


def index_chart(site: SiteData) -> Chart:
    shares = top_shares(site.ai_jobs, None)
    table = share_table(site, shares)
    notes = ("Every skill asked for in at least one AI-role posting, most asked for first.",)
    return Chart("skills-index", "All skills", None, table, notes)


@dataclass(frozen=True)
class SkillFrames:
    """Aggregates over AI-role postings computed once for every skill page."""

    shares_by_role: pd.DataFrame  # stats.skill_shares(..., by="role")
    monthly: pd.DataFrame  # stats.monthly_share for all AI roles together and per role
    pairs: pd.DataFrame  # stats.cooccurrence anchored on the page skills
    examples: dict[str, list[Example]]  # examples_by_skill of the page skills

    @classmethod
    def build(cls, site: SiteData, skill_ids: list[str]) -> SkillFrames:
        jobs = site.ai_jobs
        overall = jobs.shares(["month"], skill_ids).assign(role=ALL_ROLES)
        by_role = jobs.shares(["role", "month"], skill_ids)
        asked = jobs.skill_totals().index.tolist()
        return cls(
            shares_by_role=stats.add_wilson(jobs.shares(["role"], asked)),
            monthly=pd.concat([overall, by_role], ignore_index=True),
            pairs=jobs.cooccurrence(skill_ids),
            examples=examples_by_skill(site, skill_ids),
        )


def by_role_chart(site: SiteData, frames: SkillFrames, skill_id: str, slug: str) -> Chart:
    shares = frames.shares_by_role
    shares = shares[shares["skill_id"] == skill_id].reset_index(drop=True)
    table = share_table(site, shares).drop(columns=["skill", "category"])
    table.insert(0, "role", [ROLE_LABELS.get(str(r), str(r)) for r in shares["role"]])
    notes = ("Share of each role's de-duplicated postings; whiskers are 95% Wilson intervals.",)
    figure = None
    if not table.empty:
        figure = share_bars(share_bars_of(table, table["role"].tolist()), "share of postings")
    return Chart(f"{slug}-by-role", "Share of postings by role", figure, table, notes)


def trend_chart(site: SiteData, frames: SkillFrames, skill_id: str, slug: str) -> Chart:
    monthly = frames.monthly[frames.monthly["skill_id"] == skill_id]
    series = []
    tables = []
    thin_count = 0
    present = {str(r) for r in monthly["role"]}
    for role in [r for r in (ALL_ROLES, *ROLES) if r in present]:
        rows = monthly[monthly["role"] == role].set_index("month")
        pooled = stats.pooled_share(rows["k"], rows["n"])
        line = pooled["share"].where(pooled["n"] >= site.min_month_n)
        if line.isna().all():
            continue
        thin = rows["n"] < site.min_month_n
        thin_count += int(thin.sum())
        name = ROLE_LABELS.get(role, role)
        series.append(
            TrendSeries(
                name, rows.index.tolist(), rows["share"].tolist(), line.tolist(), thin.tolist()
            )
        )
        tables.append(
            rows.reset_index()[["month", "k", "n", "share"]]
            .rename(columns={"k": "postings", "n": "of"})
            .assign(role=name, pooled_3_months=line.to_numpy())
        )
    columns = ["role", "month", "postings", "of", "share", "pooled_3_months"]
    table = (
        pd.concat(tables, ignore_index=True)[columns] if tables else pd.DataFrame(columns=columns)
    )
    notes = (
        "Monthly share of de-duplicated postings: points are months, lines the share pooled over "
        "3 months (centred). Roles whose 3-month windows never reach "
        f"{site.min_month_n} postings are left out.",
        f"Role-months with fewer than {site.min_month_n} postings are drawn grey ({thin_count} of "
        "them); the line is drawn only where its 3-month window holds at least "
        f"{site.min_month_n} postings.",
    )
    figure = trend_lines(series, y_title="share of postings") if series else None
    return Chart(f"{slug}-trend", "Trend by role", figure, table, notes)


def cooccurring_chart(site: SiteData, pairs: pd.DataFrame, skill_id: str, slug: str) -> Chart:
    rows = pairs[pairs["skill_id"] == skill_id].head(COOCCURRING_SHOWN)
    name = site.skill_name(skill_id)
    table = pd.DataFrame(
        {
            "with_skill": [site.skill_name(str(s)) for s in rows["other_id"]],
            "both": rows["n_both"].astype("int64").to_numpy(),
            "skill_postings": rows["n_skill"].astype("int64").to_numpy(),
            "share": rows["share"].to_numpy(),
            "lift": rows["lift"].to_numpy(),
        }
    )
    hover = [
        f"{r.with_skill}: {r.share:.0%} of {name} postings ({r.both}), lift {r.lift:.2f}"
        for r in table.itertuples()
    ]
    notes = (
        f"Share of AI-role postings asking for {name} that also ask for each skill; lift above 1 "
        "means more often than chance.",
    )
    figure = None
    if not table.empty:
        option = BarOption(name, table["with_skill"].tolist(), table["share"].tolist(), hover)
        figure = hover_bars(option, axis_title=f"share of postings asking for {name}")
    return Chart(f"{slug}-cooccurring", "Asked for together with", figure, table, notes)


def build_skill_pages(site: SiteData, filenames: Mapping[str, str]) -> list[Page]:
    frames = SkillFrames.build(site, list(filenames))
    pages = []
    for skill_id, filename in filenames.items():
        slug = filename.removesuffix(".html")
        charts = {
            "by_role": by_role_chart(site, frames, skill_id, slug),
            "trend": trend_chart(site, frames, skill_id, slug),
            "cooccurring": cooccurring_chart(site, frames.pairs, skill_id, slug),
        }
        context = {
            "skill_id": skill_id,
            "category": site.skill_category_label(skill_id),
            "examples": frames.examples.get(skill_id, []),
        }
        pages.append(Page(filename, site.skill_name(skill_id), "skill.html.j2", charts, context))
    return pages


def build_skills_index(site: SiteData, filenames: Mapping[str, str]) -> Page:
    links = sorted(
        ((site.skill_name(s), f) for s, f in filenames.items()), key=lambda p: p[0].lower()
    )
    charts = {"categories": category_chart(site), "index": index_chart(site)}
    context = {"links": links, "min_page": MIN_SKILL_PAGE}
    return Page("skills.html", "Skills", "skills.html.j2", charts, context)
