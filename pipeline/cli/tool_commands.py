"""Commands around the main job: init, analyze, export, status (taxonomy: `taxonomy_commands`)."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

import click

from jobtrends.pipeline.cli.context import AppContext, open_store, pass_app
from jobtrends.pipeline.cli.ops_commands import (
    FAILED_RUNS,
    failing_boards,
    failing_line,
    operations_status,
    settle_run_statuses,
    status_lines,
)
from jobtrends.pipeline.cli.starter_config import STARTER_CONFIG
from jobtrends.pipeline.errors import PipelineError
from jobtrends.pipeline.store import RunSummary, SourceHealth, recent_runs, source_health


@click.command()
@click.option(
    "--path",
    type=click.Path(path_type=Path),
    default=Path("jobtrends.toml"),
    show_default=True,
    help="Where to write the file.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: Path, force: bool) -> None:
    """Write a commented starter jobtrends.toml with real AI-company boards."""
    if path.exists() and not force:
        raise PipelineError(f"{path} already exists; pass --force to overwrite it")
    path.write_text(STARTER_CONFIG, encoding="utf-8")
    click.echo(f"wrote {path}; edit its [[sources]] and run `jobtrends run`")


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="JSONL output file (default: stdout)."
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes."
)
@pass_app
def analyze(app: AppContext, input_path: Path, output: Path | None, workers: int) -> None:
    """Analyze a JSONL, JSON, CSV or Parquet file of postings without a database; write JSONL.

    Each input row needs `id`, `title` and `text` or `html`; the whole file is checked first. Each
    output line holds the role, seniority, remote, salary and every skill with the matched span of
    the text. The skills of your taxonomy file (`taxonomy.user_file`) are found too.
    """
    # Deferred for start-up time: analyzing runs spaCy, which takes ~0.3 s to import.
    from jobtrends.pipeline.ingest.analyze import read_postings, write_extractions
    from jobtrends.pipeline.nlp.pool import collector_paused

    with collector_paused():  # the rows are plain data, with no cycles to collect
        postings = read_postings(input_path)  # a bad input file fails here, before any output
    user_file = app.settings.user_taxonomy
    with _opened_output(output) as handle:  # extracting freezes the heap (heap_frozen)
        count = write_extractions(postings, handle, workers=workers, user_taxonomy=user_file)
    click.echo(f"analyzed {count} postings", err=True)


@contextlib.contextmanager
def _opened_output(output: Path | None) -> Iterator[TextIO]:
    """The output file, created with its folder, or stdout when `output` is None."""
    if output is None:
        yield sys.stdout
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as handle:
        yield handle


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "parquet"]),
    default="csv",
    show_default=True,
    help="File format.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("data/export"),
    show_default=True,
    help="Output folder.",
)
@pass_app
def export(app: AppContext, fmt: str, out: Path) -> None:
    """Export the postings and mentions frames as CSV or Parquet files."""
    with open_store(app) as store:
        # Deferred for start-up time: exporting needs pandas, the other commands do not.
        from jobtrends.pipeline.cli.export import export_frames

        written = export_frames(store, out, fmt, app.settings.user_taxonomy)
    for path in written:
        click.echo(str(path))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.option(
    "--runs",
    "limit",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="How many recent runs to show.",
)
@pass_app
def status(app: AppContext, as_json: bool, limit: int) -> None:
    """Show the last runs, the next scheduled run and each source's health.

    Exits 1 when the last run failed, crashed (abandoned) or was interrupted, or when a board
    failed in each of its last `status.failed_runs` runs (named in the output).
    """
    failed_runs = app.settings.failed_runs
    with open_store(app) as store:
        runs = recent_runs(store, limit)
        health = source_health(store, failed_runs)
        postings = store.count("postings")
        operations = operations_status(store, app.settings.database)
    runs = settle_run_statuses(runs, operations["active_run"])
    failing = failing_boards(health, failed_runs)
    if as_json:
        document = {
            "postings": postings,
            "runs": [asdict(run) for run in runs],
            "sources": [asdict(item) for item in health],
            "failed_runs": failed_runs,
            "failing_boards": failing,
            **operations,
        }
        click.echo(json.dumps(document, indent=2))
    else:
        _print_status(postings, runs, health)
        for line in status_lines(operations):
            click.echo(line)
        if failing:
            click.echo(failing_line(failing, failed_runs))
    if (runs and runs[0].status in FAILED_RUNS) or failing:
        sys.exit(1)


def _print_status(postings: int, runs: list[RunSummary], health: list[SourceHealth]) -> None:
    click.echo(f"{postings} postings stored")
    if not runs:
        click.echo("no runs yet: try `jobtrends run` or `jobtrends demo`")
        return
    click.echo("recent runs:")
    for run in runs:
        click.echo(
            f"  #{run.id} {run.command:<7} {run.started_at}  {run.status:<8} "
            f"{run.targets} targets, {run.failed or 0} failed, {run.new} new, "
            f"{run.updated} updated, {run.closed} closed, {run.requests} requests"
        )
    click.echo("sources:")
    for item in health:
        state = "healthy" if item.status != "failed" else "FAILING"
        line = f"  {item.target:<28} {state:<8} last {item.finished_at}"
        if item.error:
            line += f"  error: {item.error}"
        click.echo(line)
