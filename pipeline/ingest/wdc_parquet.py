"""WDC postings written to Parquet in bounded batches: one row group per batch
(`pyarrow.parquet.ParquetWriter`), so no more than a batch is ever held.

The columns are named as `jobtrends import` reads them by default (`id`, `title`, `company`,
`location`, `url`, `posted_at`, `html`, `text`, `remote`, `salary_*`), so a written file imports
as it is; `source`, `board`, `page_url`, `valid_through`, `country`, `region`, `city`,
`employment_type` and `secondary_locations` follow. Needs pyarrow (the `parquet` extra).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from jobtrends.pipeline.errors import InputError, PipelineError
from jobtrends.pipeline.ingest.wdc import WdcPosting

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
