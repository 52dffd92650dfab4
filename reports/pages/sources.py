"""The sources and health page: what each source contributed, how its runs went, attribution."""

from __future__ import annotations

import pandas as pd

from jobtrends.reports.analysis.posting_counts import FIELDS
from jobtrends.reports.attribution import Credit, credits_table
from jobtrends.reports.charts import Chart
from jobtrends.reports.data import SiteData
from jobtrends.reports.figures import PALETTE, grouped_bars, stacked_bars
from jobtrends.reports.page import Page
from jobtrends.reports.special_figures import heatmap

RECENT_RUNS = 30
RUN_STATUSES = ("ok", "not_modified", "failed")
STATUS_COLORS = {"ok": PALETTE[2], "not_modified": PALETTE[5], "failed": PALETTE[3]}


def source_chart(site: SiteData) -> Chart:
    stored = site.stored
    table = stored.per_source.copy()
    boards = [len(stored.boards.get(str(source), ())) for source in table["source"]]
    table.insert(3, "boards", pd.Series(boards, dtype="int64"))
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
        figure.for_each_trace(lambda trace: trace.update(marker_color=STATUS_COLORS[trace.name]))
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
    table = site.stored.per_month
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


def fields_chart(site: SiteData) -> Chart:
    """Share of each source's postings that state each field (before de-duplication). Each
    field is checked once over all postings and counted per source (no frame per source)."""
    counts = site.stored.fields
    names = [name for name, _ in FIELDS]
    rows = []
    for source, n, k_row in zip(
        counts["source"], counts["of"], counts[names].to_numpy(dtype="int64"), strict=True
    ):
        for field, k in zip(names, k_row.tolist(), strict=True):
            rows.append((str(source), field, k, int(n), k / int(n)))
    table = pd.DataFrame(rows, columns=["source", "field", "postings", "of", "share"])
    notes = (
        "Share of each source's postings (as stored) that state the field: a date from the "
        "source, a location, a salary, the remote mode and seniority as extracted, a link, and "
        "an attribution line.",
    )
    if table.empty:
        return Chart("field-coverage", "What each source tells us", None, table, notes)
    fields = [name for name, _ in FIELDS]
    wide = table.pivot(index="source", columns="field", values="share")[fields]
    counts = table.pivot(index="source", columns="field", values="postings")[fields]
    figure = heatmap(
        fields,
        [str(s) for s in wide.index],
        wide.to_numpy(dtype=float).tolist(),
        customdata=counts.to_numpy(dtype=int).tolist(),
        hover="%{y}, %{x}: %{z:.0%} (%{customdata} postings)",
    )
    return Chart("field-coverage", "What each source tells us", figure, table, notes)


def attribution_chart(site: SiteData) -> tuple[Chart, list[Credit]]:
    """Sources whose terms ask for attribution: the credit line, its site and links back."""
    entries = site.stored.credits()
    notes = (
        "One row per source and credit line: the site credited, how many postings carry the "
        "credit, how many distinct links back they hold and the newest one.",
    )
    table = credits_table(entries)
    return Chart("attribution", "Attribution by source", None, table, notes), entries


def build_sources(site: SiteData) -> Page:
    attribution, entries = attribution_chart(site)
    charts = {
        "postings": source_chart(site),
        "runs": runs_chart(site),
        "recent": recent_runs_chart(site),
        "coverage": coverage_chart(site),
        "fields": fields_chart(site),
        "attribution": attribution,
    }
    return Page(
        "sources.html", "Sources and health", "sources.html.j2", charts, {"entries": entries}
    )
