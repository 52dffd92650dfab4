"""The sources and health page: what each source contributed, how its runs went, attribution."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jobtrends.reports.charts import Chart
from jobtrends.reports.data import SiteData
from jobtrends.reports.examples import safe_url
from jobtrends.reports.figures import grouped_bars, stacked_bars
from jobtrends.reports.page import Page
from jobtrends.reports.special_figures import heatmap

RECENT_RUNS = 30
RUN_STATUSES = ("ok", "not_modified", "failed")


def source_chart(site: SiteData) -> Chart:
    postings = site.postings
    per_source = postings.groupby("source", sort=True)
    table = pd.DataFrame(
        {
            "postings": per_source.size(),
            "de_duplicated": per_source["dup_group"].nunique(),
            "boards": per_source["board"].nunique(),
            "closed": per_source["closed_at"].count(),
            "with_attribution": per_source["attribution"].count(),
            "newest_month": per_source["month"].max(),
        }
    ).reset_index()
    notes = (
        "Postings per source as stored; de-duplicated counts a job once within the source "
        "(the same job on two sources counts on both).",
    )
    figure = None
    if not table.empty:
        series = {
            "postings": table["postings"].tolist(),
            "de-duplicated": table["de_duplicated"].tolist(),
        }
        figure = grouped_bars(
            table["source"].tolist(), series, axis_title="postings", percent=False
        )
    return Chart("source-postings", "Postings by source", figure, table, notes)


def runs_chart(site: SiteData) -> Chart:
    runs = site.data.runs.sort_values(["started_at", "run_id", "target"], kind="mergesort")
    rows = []
    for source, group in runs.groupby("source", sort=True):
        failed = group[group["status"] == "failed"]
        row: dict[str, object] = {"source": str(source), "runs": len(group)}
        row |= {status: int((group["status"] == status).sum()) for status in RUN_STATUSES}
        row |= {c: int(group[c].fillna(0).sum()) for c in ("requests", "bytes", "new", "updated")}
        row["last_run"] = group["started_at"].max()
        row["last_error"] = failed["error"].iloc[-1] if not failed.empty else None
        rows.append(row)
    columns = ["source", "runs", *RUN_STATUSES, "requests", "bytes", "new", "updated"]
    table = pd.DataFrame(rows, columns=[*columns, "last_run", "last_error"])
    notes = ("One run per source target; the last error is the message of its latest failed run.",)
    figure = None
    if not table.empty:
        series = {status: table[status].tolist() for status in RUN_STATUSES}
        figure = grouped_bars(
            table["source"].tolist(), series, axis_title="runs", stacked=True, percent=False
        )
    return Chart("runs-by-source", "Scrape runs and errors by source", figure, table, notes)


def recent_runs_chart(site: SiteData) -> Chart:
    runs = site.data.runs
    order = runs[["run_id", "started_at"]].drop_duplicates("run_id")
    recent = order.sort_values(["started_at", "run_id"], kind="mergesort").tail(RECENT_RUNS)
    chosen = runs[runs["run_id"].isin(recent["run_id"])]
    columns = ["run_id", "started_at", "source", "target", "status", "requests", "new"]
    columns += ["updated", "closed", "unchanged", "error"]
    table = chosen.sort_values(
        ["started_at", "run_id", "target"], ascending=[False, False, True], kind="mergesort"
    )[columns].reset_index(drop=True)
    labels = [
        f"#{run_id} {started:%Y-%m-%d}" if isinstance(started, pd.Timestamp) else f"#{run_id}"
        for run_id, started in recent.itertuples(index=False)
    ]
    new = chosen.groupby(["run_id", "source"])["new"].sum().unstack(fill_value=0)
    new = new.reindex(recent["run_id"], fill_value=0)
    series = {str(s): new[s].astype("int64").tolist() for s in sorted(new.columns)}
    notes = (f"The last {RECENT_RUNS} runs at most: new postings found per run and source.",)
    figure = stacked_bars(labels, series, y_title="new postings") if labels else None
    return Chart("recent-runs", "Recent runs", figure, table, notes)


def coverage_chart(site: SiteData) -> Chart:
    postings = site.postings[site.postings["month"].notna()]
    table = postings.groupby(["source", "month"]).size().rename("postings").reset_index()
    notes = ("Postings stored per source and month (before de-duplication).",)
    if table.empty:
        return Chart("coverage", "Coverage by month", None, table, notes)
    wide = table.pivot(index="source", columns="month", values="postings").fillna(0)
    figure = heatmap(
        [str(m) for m in wide.columns],
        [str(s) for s in wide.index],
        wide.to_numpy(dtype=float).tolist(),
        hover="%{y}, %{x}: %{z} postings",
        percent=False,
    )
    return Chart("coverage", "Coverage by month", figure, table, notes)


@dataclass(frozen=True)
class Credit:
    source: str
    board: str
    attribution: str
    postings: int
    url: str | None  # the newest posting
    attribution_url: str | None  # the attribution itself, when it is a link


def attribution_chart(site: SiteData) -> tuple[Chart, list[Credit]]:
    """Sources whose terms ask for attribution: the attribution text and a link per board."""
    credited = site.postings[site.postings["attribution"].notna()]
    credited = credited.sort_values(["month", "posting_id"], ascending=False, kind="mergesort")
    keys = ["source", "board", "attribution"]
    grouped = credited.groupby(keys, sort=True)
    table = grouped.size().rename("postings").reset_index()
    newest = grouped["url"].first().reset_index(drop=True)
    entries = [
        Credit(str(source), str(board), str(text), int(n), safe_url(url), safe_url(text))
        for (source, board, text, n), url in zip(
            table.itertuples(index=False, name=None), newest, strict=True
        )
    ]
    notes = ("Text the source asks to be shown with its data, and a link to its newest posting.",)
    return Chart("attribution", "Postings with attribution, by board", None, table, notes), entries


def build_sources(site: SiteData) -> Page:
    attribution, entries = attribution_chart(site)
    charts = {
        "postings": source_chart(site),
        "runs": runs_chart(site),
        "recent": recent_runs_chart(site),
        "coverage": coverage_chart(site),
        "attribution": attribution,
    }
    return Page(
        "sources.html", "Sources and health", "sources.html.j2", charts, {"entries": entries}
    )
