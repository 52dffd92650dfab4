"""The `jobtrends` command line: a thin adapter over `jobtrends.pipeline.cli.orchestration`.

Expected failures (`PipelineError`, `ScraperError`) become one line on stderr and exit code 1;
usage errors exit 2; a run stopped by SIGINT/SIGTERM exits 130/143; anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from jobtrends.pipeline.cli.context import (
    AppContext,
    open_store,
    pass_app,
    progress_bar,
)
from jobtrends.pipeline.cli.eval_command import eval_command
from jobtrends.pipeline.cli.extraction import check_workers_or_dask, dask_option
from jobtrends.pipeline.cli.import_command import import_postings
from jobtrends.pipeline.cli.ops_commands import guarded_run, schedule
from jobtrends.pipeline.cli.report_options import filter_options, frame_filter
from jobtrends.pipeline.cli.taxonomy_commands import taxonomy
from jobtrends.pipeline.cli.tool_commands import analyze, export, init, status
from jobtrends.pipeline.cli.wdc_command import import_wdc_command
from jobtrends.pipeline.errors import PipelineError
from jobtrends.pipeline.ops.shutdown import Interrupted, StopFlag
from jobtrends.pipeline.store import Store
from jobtrends.scraper.errors import ScraperError

if TYPE_CHECKING:
    from jobtrends.pipeline.cli import orchestration


class JobtrendsGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (PipelineError, ScraperError) as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)
        except Interrupted as exc:
            click.echo(f"interrupted: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=JobtrendsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jobtrends")
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="Config file (default ./jobtrends.toml).",
)
@click.option(
    "--database",
    metavar="PATH|URL",
    help="SQLite database file or postgresql:// URL (overrides storage.database).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log every step, including each request.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the final result.")
@click.pass_context
def cli(
    ctx: click.Context,
    config_file: Path | None,
    database: str | None,
    verbose: bool,
    quiet: bool,
) -> None:
    """jobtrends: what the AI-engineering job market actually asks for.

    Scrape public job boards, extract the skills each posting asks for with a spaCy pipeline, and
    publish static HTML reports. Start with `jobtrends demo` (offline) or `jobtrends init`.
    """
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    logging.basicConfig(level=level, format="%(message)s", stream=sys.stderr, force=True)
    # NOTSET again under --verbose: a level set by an earlier call in this process would stick.
    logging.getLogger("httpx").setLevel(logging.NOTSET if verbose else logging.WARNING)
    overrides = {"storage.database": database or None}
    ctx.obj = AppContext(config_file=config_file, overrides=overrides, quiet=quiet)


@cli.command()
@click.option(
    "--source",
    "sources",
    multiple=True,
    help="Only targets of this source type (repeatable).",
)
@pass_app
def scrape(app: AppContext, sources: tuple[str, ...]) -> None:
    """Fetch postings from every configured source into the database."""
    targets = [t for t in app.settings.targets if not sources or t.source in sources]
    if not targets:
        raise PipelineError(
            "no sources to scrape: add [[sources]] tables to jobtrends.toml (`jobtrends init` "
            "writes a starter file) or check --source"
        )
    with guarded_run(app, "scrape"), open_store(app) as store:
        # Deferred for start-up time: `analyze` and `status` need no scraping or reporting.
        from jobtrends.pipeline.cli import orchestration

        summary = orchestration.scrape(app.settings, store, targets=targets)
    _echo_scrape(app, summary)
    if summary.status == "failed":
        raise PipelineError(f"every source failed (run {summary.run_id}); see `jobtrends status`")


def _echo_scrape(app: AppContext, summary: orchestration.ScrapeSummary) -> None:
    c = summary.counts
    app.echo(
        f"run {summary.run_id}: {summary.targets} targets, {len(summary.failed)} failed; "
        f"{c.new} new, {c.updated} updated, {c.closed} closed, {c.unchanged} unchanged postings"
    )


@cli.command()
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes (default extract.workers).",
)
@dask_option
@pass_app
def extract(app: AppContext, workers: int | None, dask: str | None) -> None:
    """Extract skills, role, seniority, remote and salary from postings that changed."""
    check_workers_or_dask(workers, dask)
    with open_store(app) as store:
        done = _extract_with_progress(app, store, workers, dask=dask)
    app.echo(f"extracted {done} postings")


def _extract_with_progress(
    app: AppContext,
    store: Store,
    workers: int | None,
    stop: StopFlag | None = None,
    dask: str | None = None,
) -> int:
    # Deferred for start-up time: `analyze` and `status` need no scraping or reporting.
    from jobtrends.pipeline.cli import orchestration

    total = orchestration.pending_count(store, app.settings.user_taxonomy)
    with progress_bar("extracting", total, app.quiet) as advance:

        def saved(count: int) -> None:
            advance(count)
            if stop is not None:
                stop.check()  # between saved chunks: each chunk is its own transaction

        # Deferred for start-up time: `analyze` and `status` need no scraping or reporting.

        from jobtrends.pipeline.cli import orchestration

        return orchestration.extract(
            app.settings, store, workers=workers, progress=saved, dask=dask
        )


@cli.command()
@filter_options
@click.option(
    "--from-parquet",
    "parquet",
    type=click.Path(path_type=Path, file_okay=False),
    help="Build the site from a dataset `export --format parquet` wrote, not the database.",
)
@click.option(
    "--dask",
    metavar="ADDRESS",
    help="With --from-parquet: aggregate the mentions on the Dask cluster whose scheduler is at "
    "ADDRESS (tcp://host:port), or on N local worker processes (local:N). Needs the dask extra.",
)
@pass_app
def report(
    app: AppContext, /, out: Path | None, parquet: Path | None, dask: str | None, **options: Any
) -> None:
    """Write the static HTML report from the database and print the path of index.html."""
    if dask is not None and parquet is None:
        raise click.UsageError("--dask needs --from-parquet: the database is aggregated in SQL")
    chosen: dict[str, Any] = {
        "out_dir": out,
        "frame_filter": frame_filter(options),
        "claims_file": options.get("claims_file"),
    }
    if parquet is not None:
        # Deferred for start-up time: reading Parquet needs pandas and pyarrow.
        from jobtrends.pipeline.cli.parquet_report import report_from_parquet

        index = report_from_parquet(app.settings, parquet, dask=dask, **chosen)
    else:
        with open_store(app) as store:
            # Deferred for start-up time: `analyze` and `status` need no scraping or reporting.
            from jobtrends.pipeline.cli import orchestration

            index = orchestration.report(app.settings, store, **chosen)
    click.echo(str(index))


@cli.command()
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes for extraction.")
@dask_option
@filter_options
@pass_app
def run(
    app: AppContext, /, workers: int | None, dask: str | None, out: Path | None, **options: Any
) -> str:
    """Scrape, extract and report in one go (what a scheduled job runs)."""
    check_workers_or_dask(workers, dask)
    with guarded_run(app, "run") as stop, open_store(app) as store:
        # Deferred for start-up time: `analyze` and `status` need no scraping or reporting.
        from jobtrends.pipeline.cli import orchestration

        summary = orchestration.scrape(app.settings, store, command="run", stop=stop)
        _echo_scrape(app, summary)
        stop.check()
        done = _extract_with_progress(app, store, workers, stop, dask)
        app.echo(f"extracted {done} postings")
        stop.check()
        # Deferred for start-up time: `analyze` and `status` need no scraping or reporting.
        from jobtrends.pipeline.cli import orchestration

        index = orchestration.report(
            app.settings,
            store,
            out_dir=out,
            frame_filter=frame_filter(options),
            claims_file=options.get("claims_file"),
        )
    click.echo(str(index))
    if summary.status == "failed" and summary.targets:
        raise PipelineError(f"every source failed (run {summary.run_id}); see `jobtrends status`")
    return summary.status


@cli.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("data/demo"),
    show_default=True,
    help="Folder for the demo database and report.",
)
@click.option(
    "--postings",
    # The corpus needs 50 postings a month over its 26 months (scraper.demo.corpus).
    type=click.IntRange(min=1301),
    default=2400,
    show_default=True,
    help="Size of the generated demo corpus.",
)
@pass_app
def demo(app: AppContext, out: Path, postings: int) -> None:
    """Run everything offline on the built-in demo corpus and print the report's path.

    A local server on 127.0.0.1 serves the corpus in the real Greenhouse, Lever, Ashby and Hacker
    News formats; the normal scrapers, extraction and report run against it.
    """
    with progress_bar("extracting", postings, app.quiet) as advance:
        # Deferred for start-up time: `analyze` and `status` need no scraping or reporting.
        from jobtrends.pipeline.cli import orchestration

        result = orchestration.demo(app.settings, out, postings=postings, progress=advance)
    app.echo(
        f"demo: {result.postings} postings scraped from {result.scrape.targets} boards, "
        f"{result.extracted} extracted; database {result.database}"
    )
    click.echo(str(result.index))


for _command in (
    init,
    analyze,
    taxonomy,
    export,
    status,
    eval_command,
    schedule,
    import_postings,
    import_wdc_command,
):
    cli.add_command(_command)


def main() -> None:
    """The `jobtrends` program: runs the command, then the process ends (click exits)."""
    try:
        cli(prog_name="jobtrends")
    finally:
        # Interpreter shutdown garbage-collects the whole heap (a built spaCy pipeline, report
        # frames): 0.1-0.2 s after every `analyze`. Nothing collectable is left to matter, so
        # the objects are frozen out of those collections.
        gc.freeze()
