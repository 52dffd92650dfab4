"""WDC postings written to Parquet in bounded batches: one row group per batch
(`pyarrow.parquet.ParquetWriter`), so no more than a batch is ever held.

The columns are named as `jobtrends import` reads them by default (`id`, `title`, `company`,
`location`, `url`, `posted_at`, `html`, `text`, `remote`, `salary_*`), so a written file imports
as it is; `source`, `board`, `page_url`, `valid_through`, `country`, `region`, `city`,
`employment_type` and `secondary_locations` follow. Needs pyarrow (the `parquet` extra).
`read_batches` reads such a file back as the postings that were written, batch by batch.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from jobtrends.pipeline.errors import InputError, PipelineError
from jobtrends.pipeline.ingest.wdc import WdcPosting
from jobtrends.scraper.records import RawPosting, StructuredSalary

MOMENTS = ("posted_at", "valid_through")
AMOUNTS = ("salary_min", "salary_max")
COLUMNS = (
    "id", "title", "company", "location", "url", "posted_at", "html", "text", "remote",
    "salary_min", "salary_max", "salary_currency", "salary_period", "source", "board",
    "page_url", "valid_through", "country", "region", "city", "employment_type",
    "secondary_locations",
)  # fmt: skip


class ParquetBatches:
    """Write batches of postings to `path` (use with `with`; the file is complete on close)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows = 0
        self._arrow = _module("pyarrow", path)
        parquet = _module("pyarrow.parquet", path)
        self._schema = self._arrow.schema([(name, _type(self._arrow, name)) for name in COLUMNS])
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = parquet.ParquetWriter(str(path), self._schema, compression="zstd")
        except OSError as exc:
            raise PipelineError(f"cannot write {path}: {exc}; check --parquet DIR") from exc

    def write(self, batch: list[WdcPosting]) -> None:
        columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        for item in batch:
            for name, value in _row(item).items():
                columns[name].append(value)
        table = self._arrow.Table.from_pydict(columns, schema=self._schema)
        try:
            self._writer.write_table(table)
        except OSError as exc:
            raise PipelineError(f"cannot write {self.path}: {exc}") from exc
        self.rows += len(batch)

    def close(self) -> None:
        self._writer.close()

    def __enter__(self) -> ParquetBatches:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def read_batches(path: Path, batch_size: int) -> Iterator[list[WdcPosting]]:
    """The postings of a file `ParquetBatches` wrote, in order, `batch_size` at a time."""
    parquet = _module("pyarrow.parquet", path)
    try:
        reader = parquet.ParquetFile(str(path))
        for batch in reader.iter_batches(batch_size=batch_size):
            yield [_posting(row) for row in batch.to_pylist()]
    except OSError as exc:
        raise PipelineError(f"cannot read {path}: {exc}") from exc


def _module(name: str, path: Path) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise InputError(f"writing {path} needs pyarrow: pip install 'jobtrends[parquet]'") from exc


def _type(arrow: ModuleType, name: str) -> Any:
    if name in MOMENTS:
        return arrow.timestamp("us", tz="UTC")
    if name in AMOUNTS:
        return arrow.float64()
    if name == "secondary_locations":
        return arrow.list_(arrow.string())
    return arrow.string()


def _row(item: WdcPosting) -> dict[str, Any]:
    posting, salary = item.posting, item.posting.salary
    return {
        "id": posting.external_id,
        "title": posting.title,
        "company": posting.company,
        "location": posting.location,
        "url": posting.url,
        "posted_at": posting.posted_at,
        "html": posting.description_html,
        "text": posting.description_text,
        "remote": posting.remote,
        "salary_min": salary.min if salary else None,
        "salary_max": salary.max if salary else None,
        "salary_currency": salary.currency if salary else None,
        "salary_period": salary.period if salary else None,
        "source": posting.source,
        "board": posting.board,
        "page_url": item.page_url,
        "valid_through": item.valid_through,
        "country": posting.country,
        "region": posting.region,
        "city": posting.city,
        "employment_type": posting.employment_type,
        "secondary_locations": list(posting.secondary_locations),
    }


def _posting(row: dict[str, Any]) -> WdcPosting:
    period = row["salary_period"]
    salary = None
    if period is not None:
        salary = StructuredSalary(
            row["salary_min"], row["salary_max"], row["salary_currency"], period
        )
    posting = RawPosting(
        source=row["source"],
        external_id=row["id"],
        board=row["board"],
        company=row["company"],
        title=row["title"],
        location=row["location"],
        url=row["url"],
        posted_at=_utc(row["posted_at"]),
        description_html=row["html"],
        description_text=row["text"],
        remote=row["remote"],
        salary=salary,
        country=row["country"],
        region=row["region"],
        city=row["city"],
        employment_type=row["employment_type"],
        secondary_locations=tuple(row["secondary_locations"] or ()),
    )
    return WdcPosting(posting, row["page_url"], _utc(row["valid_through"]))


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)
