"""`jobtrends import`: an existing dataset of postings (CSV, JSON lines, Parquet) into the store.

Columns map to posting fields (`FIELDS`: field -> default column; `--map field=column` changes
one). Every row is validated before anything is written: the first problem raises `InputError`
naming the file, the row and the column, and the database is left untouched. The postings are then
saved in one transaction under `source` (default "import") and board = the file's stem, never as a
complete listing (a later, smaller file closes nothing), and the import is logged as a run
(command "import") so `jobtrends status` shows it. `extract` and `report` then treat the postings
like scraped ones.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jobtrends.pipeline.errors import InputError, StorageError
from jobtrends.pipeline.ingest.readers import Table, detect_format, read_table
from jobtrends.pipeline.ingest.values import RowReader
from jobtrends.pipeline.store import (
    SaveCounts,
    Store,
    TargetRecord,
    finish_run,
    record_target,
    start_run,
    utc_now,
)
from jobtrends.scraper.records import Listing, RawPosting, StructuredSalary
from jobtrends.scraper.text import html_to_text, normalize_lines

DEFAULT_SOURCE = "import"
FIELDS: dict[str, str] = {
    "external_id": "id",
    "title": "title",
    "company": "company",
    "location": "location",
    "url": "url",
    "posted_at": "posted_at",
    "text": "text",
    "html": "html",
    "remote": "remote",
    "salary_min": "salary_min",
    "salary_max": "salary_max",
    "salary_currency": "salary_currency",
    "salary_period": "salary_period",
    "attribution": "attribution",
}
REQUIRED = ("external_id", "title")
_SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


@dataclass(frozen=True, slots=True)
class ImportResult:
    run_id: int
    source: str
    board: str
    postings: int
    counts: SaveCounts


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """`["external_id=job_id", ...]` as {field: column}; `InputError` for an unknown field."""
    mapping: dict[str, str] = {}
    for item in items:
        field, sep, column = item.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not field or not column:
            raise InputError(f"--map {item!r}: expected FIELD=COLUMN, e.g. external_id=job_id")
        if field not in FIELDS:
            raise InputError(
                f"--map {item!r}: unknown field {field!r}; fields: {', '.join(FIELDS)}"
            )
        mapping[field] = column
    return mapping


def check_source_name(source: str) -> str:
    """The source name imported postings are stored under; not one a scraper writes to."""
    from jobtrends.scraper.sources.registry import SOURCES

    name = source.strip()
    if not _SOURCE_NAME.match(name):
        raise InputError(
            f"--source {source!r}: use lower-case letters, digits, '-', '_' or '.' (e.g. import)"
        )
    if name in SOURCES:
        raise InputError(
            f"--source {name!r} is a scraper source; imported postings need a name of their own "
            f"(e.g. import-{name}) so a scrape never overwrites or closes them"
        )
    return name


def read_postings(
    path: Path,
    *,
    source: str = DEFAULT_SOURCE,
    mapping: Mapping[str, str] | None = None,
    fmt: str | None = None,
) -> list[RawPosting]:
    """Every row of the file as a posting, all validated first (see the module doc)."""
    table = read_table(path, detect_format(path, fmt))
    columns = _columns(path, table, dict(mapping or {}))
    if not table.rows:
        raise InputError(f"{path}: no postings in the file")
    board = path.stem
    postings: list[RawPosting] = []
    first_seen: dict[str, str] = {}
    for where, record in table.rows:
        row = RowReader(f"{path}: {where}", record, columns)
        posting = _posting(row, source=source, board=board)
        if posting.external_id in first_seen:
            raise InputError(
                f"{path}: {where}: id {posting.external_id!r} already appears in "
                f"{first_seen[posting.external_id]}; every posting needs its own id"
            )
        first_seen[posting.external_id] = where
        postings.append(posting)
    return postings


def import_file(
    store: Store,
    path: Path,
    *,
    source: str = DEFAULT_SOURCE,
    mapping: Mapping[str, str] | None = None,
    fmt: str | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Validate the whole file, then save its postings and log the run (see the module doc)."""
    name = check_source_name(source)
    postings = read_postings(path, source=name, mapping=mapping, fmt=fmt)
    return save_import(store, postings, path=path, source=name, now=now)


def save_import(
    store: Store,
    postings: list[RawPosting],
    *,
    path: Path,
    source: str,
    now: datetime | None = None,
) -> ImportResult:
    """Save postings `read_postings` made from `path` in one transaction, as one logged run."""
    started = now or utc_now()
    board = path.stem
    run_id = start_run(store, "import", started)

    def log(status: str, counts: SaveCounts, error: str | None = None) -> None:
        finished = now or utc_now()
        size = path.stat().st_size if path.exists() else 0
        record = TargetRecord(
            target=f"{source}:{board}",
            source=source,
            started_at=started,
            finished_at=finished,
            requests=0,
            bytes=size,
            counts=counts,
            status=status,
            error=error,
        )
        record_target(store, run_id, record)
        finish_run(store, run_id, status, finished)

    try:
        counts = store.save_listing(
            Listing(postings, complete=False), source=source, board=board, now=started
        )
    except StorageError as exc:
        message = f"cannot save the postings of {path}: {exc}"
        log("failed", SaveCounts(), message)
        raise StorageError(message) from exc
    log("ok", counts)
    return ImportResult(run_id, source, board, len(postings), counts)


def _columns(path: Path, table: Table, mapping: dict[str, str]) -> dict[str, str]:
    """{field: column} for the fields this file provides; `InputError` when a required field's
    column, or a column named with --map, is missing."""
    present = set(table.columns)
    chosen = {**FIELDS, **mapping}
    for field in (*REQUIRED, *mapping):
        if chosen[field] not in present:
            raise InputError(
                f"{path}: column {chosen[field]!r} (for {field}) is not in the file; its columns "
                f"are {', '.join(table.columns) or 'none'}; map another with --map {field}=COLUMN"
            )
    if chosen["text"] not in present and chosen["html"] not in present:
        raise InputError(
            f"{path}: neither column {chosen['text']!r} (text) nor {chosen['html']!r} (html) is in "
            "the file; map the description with --map text=COLUMN or --map html=COLUMN"
        )
    return {field: column for field, column in chosen.items() if column in present}


def _posting(row: RowReader, *, source: str, board: str) -> RawPosting:
    external_id = row.identifier("external_id")
    title = row.required_text("title")
    text, markup = row.text("text"), row.text("html")
    if not text.strip() and not markup.strip():
        row.fail("text", "the posting has no description (both text and html are empty)")
    description_html = markup if markup.strip() else text_to_html(text)
    description_text = normalize_lines(text) if text.strip() else html_to_text(markup)
    return RawPosting(
        source=source,
        external_id=external_id,
        board=board,
        company=row.text("company").strip(),
        title=title,
        location=row.text("location").strip(),
        url=row.text("url").strip(),
        posted_at=row.moment("posted_at"),
        description_html=description_html,
        description_text=description_text,
        remote=row.remote("remote"),
        salary=_salary(row),
        attribution=row.text("attribution").strip() or None,
    )


def _salary(row: RowReader) -> StructuredSalary | None:
    low, high = row.amount("salary_min"), row.amount("salary_max")
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        row.fail("salary_min", f"the minimum {low:g} is above the maximum {high:g}")
    period = row.period("salary_period")
    if period is None:
        row.fail("salary_period", "a salary needs its period (year, month, week, day or hour)")
    currency = row.text("salary_currency").strip().upper() or None
    return StructuredSalary(min=low, max=high, currency=currency, period=period)


def text_to_html(text: str) -> str:
    """Plain text as HTML that `html_to_text` turns back into the same lines."""
    return "<br>\n".join(html.escape(line, quote=False) for line in text.splitlines())
