"""`jobtrends import`: an existing dataset of postings (CSV, JSON lines, Parquet) into the store.

Columns map to posting fields (`FIELDS`: field -> default column; `--map field=column` changes
one). The file is read like `analyze` reads its input (`pipeline.ingest.readers`) and every row is
validated (`ImportRow`) before anything is written: the first bad row raises `InputError` naming
the file, the row and the column, and the database is not even opened. The postings are then
saved in one transaction under `source` (default "import") and board = the file's stem, never as a
complete listing (a later, smaller file closes nothing), and the import is logged as a run
(command "import") so `jobtrends status` shows it. `extract` and `report` then treat the postings
like scraped ones.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jobtrends.pipeline.errors import InputError, StorageError
from jobtrends.pipeline.ingest.import_row import FIELDS, REQUIRED, ImportRow
from jobtrends.pipeline.ingest.readers import detect_format, read_table
from jobtrends.pipeline.ingest.rows import require_columns, validated_rows
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

DEFAULT_SOURCE = "import"
FORMATS = ("csv", "jsonl", "parquet")
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
    name = source.strip()
    if not _SOURCE_NAME.match(name):
        raise InputError(
            f"--source {source!r}: use lower-case letters, digits, '-', '_' or '.' (e.g. import)"
        )
    # Deferred for start-up time: the registry imports every source (httpx, BeautifulSoup).
    from jobtrends.scraper.sources.registry import SOURCES

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
    table = read_table(path, detect_format(path, fmt, FORMATS, hint=_FORMAT_HINT))
    chosen = {**FIELDS, **(mapping or {})}
    needed = [(field,) for field in dict.fromkeys((*REQUIRED, *(mapping or {})))]
    require_columns(path, table, chosen, [*needed, ("text", "html")], _remedy)
    if not table.rows:
        raise InputError(f"{path}: no postings in the file")
    postings: list[RawPosting] = []
    first_seen: dict[str, str] = {}
    for where, row in validated_rows(path, table, ImportRow, chosen):
        if row.external_id in first_seen:
            raise InputError(
                f"{path}: {where}: id {row.external_id!r} already appears in "
                f"{first_seen[row.external_id]}; every posting needs its own id"
            )
        first_seen[row.external_id] = where
        postings.append(_posting(row, source=source, board=path.stem))
    return postings


def import_file(
    path: Path,
    *,
    open_store: Callable[[], Store],
    source: str = DEFAULT_SOURCE,
    mapping: Mapping[str, str] | None = None,
    fmt: str | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Validate the whole file, then open the store with `open_store` (so a bad file leaves no
    database behind), save the postings and log the run (see the module doc)."""
    name = check_source_name(source)
    postings = read_postings(path, source=name, mapping=mapping, fmt=fmt)
    with open_store() as store:
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


_FORMAT_HINT = f"; or name the format with --format ({'|'.join(FORMATS)})"


def _remedy(group: tuple[str, ...]) -> str:
    if group == ("text", "html"):
        return "map the description with --map text=COLUMN or --map html=COLUMN"
    return f"map another with --map {group[0]}=COLUMN"


def _posting(row: ImportRow, *, source: str, board: str) -> RawPosting:
    # Deferred for start-up time: BeautifulSoup is imported only when postings are imported.
    from jobtrends.scraper.text import html_to_text, normalize_lines

    text, markup = row.text or "", row.html or ""
    return RawPosting(
        source=source,
        external_id=row.external_id,
        board=board,
        company=row.company or "",
        title=row.title,
        location=row.location or "",
        url=row.url or "",
        posted_at=row.posted_at,
        description_html=markup if markup.strip() else text_to_html(text),
        description_text=normalize_lines(text) if text.strip() else html_to_text(markup),
        remote=row.remote,
        salary=_salary(row),
        attribution=row.attribution or None,
    )


def _salary(row: ImportRow) -> StructuredSalary | None:
    if row.salary_period is None or (row.salary_min is None and row.salary_max is None):
        return None  # a row with an amount has its period (ImportRow's rule)
    currency = (row.salary_currency or "").upper() or None
    return StructuredSalary(row.salary_min, row.salary_max, currency, row.salary_period)


def text_to_html(text: str) -> str:
    """Plain text as HTML that `html_to_text` turns back into the same lines."""
    return "<br>\n".join(html.escape(line, quote=False) for line in text.splitlines())
