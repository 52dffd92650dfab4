"""`jobtrends import-wdc`: Web Data Commons schema.org JobPosting N-Quads into the store (or
Parquet), streamed; see `jobtrends.pipeline.ingest.wdc_import`."""

from __future__ import annotations

from pathlib import Path

import click

from jobtrends.pipeline.cli.context import AppContext, open_store, pass_app
from jobtrends.pipeline.errors import PipelineError
from jobtrends.pipeline.ingest.wdc import DEFAULT_SOURCE
from jobtrends.pipeline.ingest.wdc_import import (
    BATCH_SIZE,
    FileResult,
    WdcRun,
    import_wdc,
    write_wdc_parquet,
)


@click.command("import-wdc")
@click.argument(
    "files", metavar="FILE...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "--source",
    default=DEFAULT_SOURCE,
    show_default=True,
    help="Source name the postings are stored and reported under.",
)
@click.option(
    "--parquet",
    "parquet_dir",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DIR",
    help="Write DIR/<file>.parquet per input file instead of storing (needs pyarrow).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=BATCH_SIZE,
    show_default=True,
    help="Postings per transaction (or Parquet row group).",
)
@pass_app
def import_wdc_command(
    app: AppContext,
    files: tuple[Path, ...],
    source: str,
    parquet_dir: Path | None,
    batch_size: int,
) -> None:
    """Import Web Data Commons schema.org JobPosting N-Quads files (.nq or .nq.gz).

    The files are streamed (memory does not grow with them). Postings are de-duplicated by page
    URL and title; malformed lines and postings without a title or description are counted and
    skipped. Then run `jobtrends extract` and `jobtrends report` as after a scrape.
    """
    paths = list(files)

    def show(result: FileResult) -> None:
        for line in describe(result, parquet=parquet_dir is not None):
            app.echo(line)
        if result.error:
            click.echo(f"error: {result.error}", err=True)

    if parquet_dir is not None:
        run = write_wdc_parquet(
            paths, parquet_dir, source=source, batch_size=batch_size, on_file=show
        )
    else:
        run = import_wdc(
            paths,
            open_store=lambda: open_store(app),  # opened once every path is known to be a file
            source=source,
            batch_size=batch_size,
            on_file=show,
        )
    app.echo(summary(run))
    failed = [str(result.path) for result in run.files if result.error]
    if failed:
        kept = "written" if parquet_dir is not None else "stored"
        raise PipelineError(
            f"{len(failed)} of {len(run.files)} files could not be read completely "
            f"({', '.join(failed)}); everything read before is {kept}; fix or download those "
            "files again and import them again (postings already imported count as unchanged)"
        )


def describe(result: FileResult, *, parquet: bool) -> list[str]:
    """The lines printed for one file."""
    counts, quads = result.counts, result.counts.quads
    skipped = sum(counts.skipped.values())
    reasons = ", ".join(f"{n} {why}" for why, n in sorted(counts.skipped.items()))
    lines = [
        f"{result.path}: {quads.quads} quads, {quads.malformed} malformed lines skipped, "
        f"{counts.pages} pages, {counts.postings} postings found; "
        f"{result.duplicates} duplicates, {skipped} skipped" + (f" ({reasons})" if reasons else "")
    ]
    if parquet:
        lines.append(f"  wrote {result.written} postings to {result.output}")
    else:
        saved = result.saved
        lines.append(
            f"  stored {saved.new} new, {saved.updated} updated, {saved.unchanged} unchanged"
        )
    if counts.truncated_pages:
        lines.append(f"  {counts.truncated_pages} pages too large, read in part")
    lines.extend(f"  malformed {example}" for example in quads.examples)
    return lines


def summary(run: WdcRun) -> str:
    files = len(run.files)
    postings = sum(r.written if run.run_id is None else _stored(r) for r in run.files)
    what = "written" if run.run_id is None else "stored"
    prefix = "" if run.run_id is None else f"run {run.run_id}: "
    return f"{prefix}{files} files, {postings} postings {what} ({run.status})"


def _stored(result: FileResult) -> int:
    return result.saved.new + result.saved.updated + result.saved.unchanged
