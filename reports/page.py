"""A page of the site and the chart helpers several pages share."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from jobtrends.reports.analysis.views import ViewCounts
from jobtrends.reports.charts import Chart
from jobtrends.reports.data import SiteData
from jobtrends.reports.figures import ShareBars, share_bars

TOP_SKILLS = 20


@dataclass(frozen=True)
class Page:
    """One HTML file: its template, its charts (by the name the template uses) and other values."""

    filename: str
    title: str
    template: str
    charts: Mapping[str, Chart] = field(default_factory=dict)
    context: Mapping[str, object] = field(default_factory=dict)


def months_note(low: Mapping[str, int], min_n: int) -> str:
    """The sentence a chart shows when it leaves out months with too few postings."""
    if not low:
        return f"Every month shown has at least {min_n} postings."
    listed = ", ".join(f"{month} (n={n})" for month, n in low.items())
    return f"Months with fewer than {min_n} postings are left out: {listed}."


def thin_months_note(low: Mapping[str, int], min_n: int) -> str:
    """The sentence a trend chart shows when some months have too few postings to stand alone."""
    if not low:
        return f"Every month shown has at least {min_n} postings."
    listed = ", ".join(f"{month} (n={n})" for month, n in low.items())
    return (
        f"Months with fewer than {min_n} postings are drawn grey: {listed}. The line is drawn "
        f"only where its 3-month window holds at least {min_n} postings."
    )


def top_shares(view: ViewCounts, limit: int | None) -> pd.DataFrame:
    """Skills by share of the view's jobs, most asked for first (ties by skill id)."""
    shares = view.skill_shares()
    shares = shares[shares["k"] > 0].sort_values(
        ["k", "skill_id"], ascending=[False, True], kind="mergesort"
    )
    return shares.head(limit).reset_index(drop=True) if limit else shares.reset_index(drop=True)


def share_table(site: SiteData, shares: pd.DataFrame) -> pd.DataFrame:
    """Display columns for rows of `stats.skill_shares`."""
    skill_ids = [str(s) for s in shares["skill_id"]]
    return pd.DataFrame(
        {
            "skill": [site.skill_name(s) for s in skill_ids],
            "category": [site.skill_category_label(s) for s in skill_ids],
            "postings": shares["k"].astype("int64").to_numpy(),
            "of": shares["n"].astype("int64").to_numpy(),
            "share": shares["share"].to_numpy(),
            "ci_low": shares["ci_low"].to_numpy(),
            "ci_high": shares["ci_high"].to_numpy(),
        }
    )


def share_bars_of(table: pd.DataFrame, names: list[str]) -> ShareBars:
    return ShareBars(
        labels=names,
        share=table["share"].tolist(),
        low=table["ci_low"].tolist(),
        high=table["ci_high"].tolist(),
        k=table["postings"].tolist(),
        n=table["of"].tolist(),
    )


def top_skills_chart(
    site: SiteData, name: str, title: str, view: ViewCounts, limit: int = TOP_SKILLS
) -> Chart:
    """Top skills as a share of the view's jobs, with 95% Wilson intervals."""
    table = share_table(site, top_shares(view, limit))
    jobs = view.n
    notes = (
        f"Share of {jobs} de-duplicated postings that ask for each skill; "
        "whiskers are 95% Wilson intervals.",
    )
    if table.empty:
        return Chart(name, title, None, table, notes)
    figure = share_bars(
        share_bars_of(table, table["skill"].tolist()), f"share of postings (n = {jobs})"
    )
    return Chart(name, title, figure, table, notes)


def fmt_time(value: object) -> str:
    """A timestamp as 'YYYY-MM-DD HH:MM UTC', or 'never' when missing."""
    if value is None or not isinstance(value, pd.Timestamp) or pd.isna(value):
        return "never"
    return value.tz_convert("UTC").strftime("%Y-%m-%d %H:%M UTC")
