"""`jobtrends import`: load an existing dataset of postings so it is analyzed like scraped ones."""

from __future__ import annotations

from pathlib import Path

import click

from jobtrends.pipeline.cli.context import AppContext, open_store, pass_app
from jobtrends.pipeline.ingest.import_row import FIELDS
from jobtrends.pipeline.ingest.importer import DEFAULT_SOURCE, FORMATS, import_file, parse_mapping


@click.command("import")
@click.argument("file", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--source",
    default=DEFAULT_SOURCE,
    show_default=True,
    help="Source name the postings are stored and reported under.",
)
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="FIELD=COLUMN",
    help=(
        "Read FIELD from COLUMN (repeatable), e.g. --map external_id=job_id. Fields and their "
        f"default columns: {', '.join(f'{field}={column}' for field, column in FIELDS.items())}."
    ),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="File format (default: from the suffix: .csv, .jsonl/.ndjson, .parquet).",
)
@pass_app
def import_postings(
    app: AppContext, file: Path, source: str, mappings: tuple[str, ...], fmt: str | None
) -> None:
    """Import postings from a CSV, JSONL or Parquet dataset into the database.

    Each row needs an id, a title and a text or html description; company, location, url,
    posted_at, remote, salary and attribution columns are read when present. The whole file is
    checked first: a bad row stops the import with its row and column, and nothing is written.
    Then run `jobtrends extract` and `jobtrends report` as after a scrape.
    """
    result = import_file(
        file,
        open_store=lambda: open_store(app),  # opened only once the whole file is known to be good
        source=source,
        mapping=parse_mapping(mappings),
        fmt=fmt,
    )
    counts = result.counts
    app.echo(
        f"run {result.run_id}: imported {result.postings} postings from {file} as "
        f"{result.source}:{result.board}; {counts.new} new, {counts.updated} updated, "
        f"{counts.unchanged} unchanged"
    )
