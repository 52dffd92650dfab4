"""The overview page: volume, role mix, top skills, rising and falling skills, freshness."""

from __future__ import annotations

import pandas as pd

from jobtrends.pipeline.vocab import ROLES
from jobtrends.reports.analysis import change, stats
from jobtrends.reports.analysis.significance import ALPHA
from jobtrends.reports.charts import Chart
from jobtrends.reports.data import ROLE_LABELS, SiteData
from jobtrends.reports.figures import stacked_bars
from jobtrends.reports.page import Page, fmt_time, months_note, top_skills_chart
from jobtrends.reports.pages.landscape import cooccurrence_chart, role_category_chart
from jobtrends.reports.special_figures import diverging_bars

WINDOW = 6
RISING_MIN_COUNT = 10
RISING_SHOWN = 10


def postings_per_month(site: SiteData) -> Chart:
    counts = site.all_jobs.job_counts(["month", "source"]).rename("postings").reset_index()
    low = site.low_months(site.all_jobs)
    months = sorted(counts["month"].unique())
    wide = counts.pivot(index="month", columns="source", values="postings").fillna(0)
    series = {str(s): wide[s].astype("int64").tolist() for s in sorted(wide.columns)}
    notes = (
        "De-duplicated postings, each counted in the month of its first posting, "
        "by the source it was first seen on.",
        f"Grey bands: months with fewer than {site.min_month_n} postings, left out of "
        "the share charts."
        if low
        else "",
    )
    figure = (
        stacked_bars(months, series, y_title="postings", greyed=sorted(low)) if months else None
    )
    return Chart("postings-per-month", "Postings per month by source", figure, counts, notes)


def role_mix(site: SiteData) -> Chart:
    low = site.low_months(site.all_jobs)
    counts = site.all_jobs.job_counts(["month", "role"]).rename("postings").reset_index()
    counts = counts[~counts["month"].isin(low)].reset_index(drop=True)
    totals = counts.groupby("month")["postings"].transform("sum")
    table = counts.assign(of=totals, share=counts["postings"] / totals)
    order = {role: i for i, role in enumerate(ROLES)}
    table = table.assign(rank=table["role"].map(order).fillna(len(ROLES)))
    table = table.sort_values(["month", "rank", "role"], kind="mergesort")
    table = table.drop(columns="rank").reset_index(drop=True)
    months = sorted(table["month"].unique())
    wide = table.pivot(index="month", columns="role", values="share").fillna(0.0)
    series = {
        ROLE_LABELS.get(r, r): wide[r].tolist()
        for r in sorted(wide.columns, key=lambda r: order.get(r, 99))
    }
    notes = ("Share of each month's de-duplicated postings.", months_note(low, site.min_month_n))
    figure = stacked_bars(months, series, y_title="share of postings", percent=True)
    return Chart("role-mix", "Role mix over time", figure if months else None, table, notes)


def rising_falling_chart(site: SiteData) -> Chart:
    jobs = site.ai_jobs
    result = change.rising_falling_counts(
        jobs.job_counts(["month"]),
        jobs.skill_counts(["month"]),
        jobs.skill_totals().index.tolist(),
        window=WINDOW,
        min_count=RISING_MIN_COUNT,
        min_n=site.min_month_n,
    )
    windows = ""
    if jobs.last_month is not None:
        last = jobs.last_month
        windows = (
            f"Recent: {stats.shift_month(last, 1 - WINDOW)} to {last}; before: "
            f"{stats.shift_month(last, 1 - 2 * WINDOW)} to {stats.shift_month(last, -WINDOW)}. "
        )
    notes = (
        windows + "Two-proportion z-test on de-duplicated AI-role postings; skills need "
        f"{RISING_MIN_COUNT} postings over both windows and each window {site.min_month_n} "
        "postings. Ranked by p-value.",
        f"Grey bars are not significant after Benjamini-Hochberg correction (q >= {ALPHA}).",
    )
    skill_ids = [str(s) for s in result["skill_id"]]
    table = pd.DataFrame(
        {
            "skill": [site.skill_name(s) for s in skill_ids],
            "category": [site.skill_category_label(s) for s in skill_ids],
            **{c: result[c].to_numpy() for c in result.columns if c != "skill_id"},
        }
    )
    if table.empty:
        return Chart("rising-falling", "Rising and falling skills", None, table, notes)
    shown = pd.concat(
        [
            table[table["direction"] == "rising"].head(RISING_SHOWN),
            table[table["direction"] == "falling"].head(RISING_SHOWN),
        ]
    )
    hover = [
        f"{row.skill}: {row.share_before:.1%} → {row.share_recent:.1%} "
        f"(z = {row.z:.2f}, q = {row.q_value:.3f})"
        for row in shown.itertuples()
    ]
    figure = diverging_bars(
        shown["skill"].tolist(),
        shown["diff"].tolist(),
        (shown["q_value"] < ALPHA).tolist(),
        hover,
    )
    return Chart("rising-falling", "Rising and falling skills", figure, table, notes)


def freshness(site: SiteData) -> list[tuple[str, str]]:
    stored = site.stored
    runs = site.data.runs
    finished = runs["finished_at"].dropna()
    last_run = "never"
    if not finished.empty:
        # The run whose last target finished last, with every one of its targets (targets of
        # one run finish at different times).
        last_id = runs.loc[runs["finished_at"] == finished.max(), "run_id"].max()
        latest = runs[runs["run_id"] == last_id]
        statuses = latest["status"].value_counts().sort_index()
        summary = ", ".join(f"{n} {status}" for status, n in statuses.items())
        last_run = f"{fmt_time(finished.max())} ({summary})"
    return [
        ("Newest posting month", stored.newest_month or "none"),
        ("Newest posting date", fmt_time(stored.newest_posted_at)),
        ("Last scrape run finished", last_run),
        ("Postings (de-duplicated)", f"{stored.n} ({site.all_jobs.n})"),
        ("Report generated", fmt_time(pd.Timestamp(site.data.generated_at))),
    ]


def build_overview(site: SiteData) -> Page:
    ai_jobs = site.ai_jobs.n
    charts = {
        "per_month": postings_per_month(site),
        "role_mix": role_mix(site),
        "top_skills": top_skills_chart(
            site, "top-skills", "Top skills in AI-engineering postings", site.ai_jobs
        ),
        "rising": rising_falling_chart(site),
        "heatmap": role_category_chart(site),
        "cooccurrence": cooccurrence_chart(site),
    }
    context = {"freshness": freshness(site), "ai_jobs": ai_jobs}
    return Page("index.html", "Overview", "overview.html.j2", charts, context)
