"""`jobtrends import-wdc`: Web Data Commons schema.org JobPosting N-Quads into the store (or
Parquet), streamed; see `jobtrends.pipeline.ingest.wdc_import`."""

from __future__ import annotations

from pathlib import Path

import click

from jobtrends.pipeline.cli.context import AppContext, open_store, pass_app
from jobtrends.pipeline.cli.extraction import quiet_dask_logging
from jobtrends.pipeline.errors import PipelineError
from jobtrends.pipeline.ingest.importer import check_source_name
from jobtrends.pipeline.ingest.wdc import DEFAULT_SOURCE
from jobtrends.pipeline.ingest.wdc_import import (
    BATCH_SIZE,
    FileResult,
    OnFile,
    WdcRun,
    check_files,
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
@click.option(
    "--dask",
    metavar="ADDRESS",
    help="Parse each file as one task on the Dask cluster whose scheduler is at ADDRESS "
    "(tcp://host:port), or on N local worker processes (local:N); the postings are stored "
    "here. The workers must read the files and write --parquet DIR, or without it a scratch "
    "folder in TMPDIR (same machine or a shared filesystem); with --parquet, repeats across "
    "files are kept. Needs the dask and parquet extras.",
)
@pass_app
def import_wdc_command(
    app: AppContext,
    files: tuple[Path, ...],
    source: str,
    parquet_dir: Path | None,
    batch_size: int,
    dask: str | None,
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

    if dask is not None:
        check_source_name(source)  # before connecting, as a missing file: nothing starts
        check_files(paths)
        run = _on_dask(
            app, dask, paths, parquet_dir, source=source, batch_size=batch_size, on_file=show
        )
    elif parquet_dir is not None:
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


def _on_dask(
    app: AppContext,
    address: str,
    paths: list[Path],
    parquet_dir: Path | None,
    *,
    source: str,
    batch_size: int,
    on_file: OnFile,
) -> WdcRun:
    quiet_dask_logging()
    # Deferred for start-up time, and because dask is an optional extra (`connected` names it).
    from jobtrends.pipeline.ingest.wdc_dask import import_wdc_on_dask, write_wdc_parquet_on_dask
    from jobtrends.pipeline.nlp.dask_extract import connected

    with connected(address) as client:
        if parquet_dir is not None:
            return write_wdc_parquet_on_dask(
                paths,
                parquet_dir,
                client,
                address=address,
                source=source,
                batch_size=batch_size,
                on_file=on_file,
            )
        return import_wdc_on_dask(
            paths,
            client,
            open_store=lambda: open_store(app),
            address=address,
            source=source,
            batch_size=batch_size,
            on_file=on_file,
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
