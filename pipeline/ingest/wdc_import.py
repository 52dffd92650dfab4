"""`jobtrends import-wdc`: Web Data Commons JobPosting files into the store or Parquet, streamed.

Each file is read by `wdc.read_wdc` one posting at a time and written in batches of `batch_size`,
so memory holds one page and one batch, whatever the size of the file.

De-duplication: a posting's key is its page URL and title (`wdc.posting_key`, also its
`external_id`). Within one command the first posting with a key is kept and later ones are
counted as duplicates (`SeenKeys`: exact, kept on disk); across commands the store's upsert by
`(source, external_id)` does the same, so a posting imported before counts as unchanged (or
updated when its content changed).

Store: each batch is saved in its own transaction (`Store.save_listing`, never as a complete
listing, so an import closes nothing) under `source` (default "wdc"), each posting with board =
its page's host; the run is logged (command "import-wdc") with one target per file,
`<source>:<file label>`. Parquet: one file `<DIR>/<file label>.parquet` per input file instead.
A file that cannot be read, or whose gzip data breaks off, is reported with what to do; the
batches before the break are kept, and the other files go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.ingest.importer import check_source_name
from jobtrends.pipeline.ingest.wdc import (
    DEFAULT_SOURCE,
    WdcCounts,
    WdcPosting,
    file_label,
    read_wdc,
)
from jobtrends.pipeline.ingest.wdc_parquet import ParquetBatches
from jobtrends.pipeline.store import (
    SaveCounts,
    SeenKeys,
    Store,
    TargetRecord,
    finish_run,
    record_target,
    start_run,
    utc_now,
)
from jobtrends.scraper.records import Listing

BATCH_SIZE = 500


@dataclass(slots=True)
class FileResult:
    """What one file gave: what was read, duplicates, what was stored or written, any error."""

    path: Path
    counts: WdcCounts = field(default_factory=WdcCounts)
    duplicates: int = 0
    saved: SaveCounts = field(default_factory=SaveCounts)
    written: int = 0
    output: Path | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class WdcRun:
    run_id: int | None  # None when writing Parquet (no database)
    files: list[FileResult]

    @property
    def status(self) -> str:
        failed = sum(result.error is not None for result in self.files)
        return "ok" if not failed else "failed" if failed == len(self.files) else "partial"


OnFile = Callable[[FileResult], None]
WriteBatch = Callable[[list[WdcPosting], FileResult], None]
# Reads one file's postings, the new ones in batches through `write`: `stream_file` by default.
StreamFile = Callable[[Path, SeenKeys, WriteBatch], FileResult]


def check_files(paths: Sequence[Path]) -> None:
    """`InputError` for the first path that is not a file, before anything is imported."""
    if not paths:
        raise InputError("no files given: name one or more .nq or .nq.gz files")
    for path in paths:
        if not path.is_file():
            what = "is a folder" if path.is_dir() else "no such file"
            raise InputError(f"{path}: {what}; check the path (nothing was imported)")


def import_wdc(
    paths: Sequence[Path],
    *,
    open_store: Callable[[], Store],
    source: str = DEFAULT_SOURCE,
    batch_size: int = BATCH_SIZE,
    now: datetime | None = None,
    on_file: OnFile | None = None,
    stream: StreamFile | None = None,
) -> WdcRun:
    """Stream every file into the store as one logged run (see the module doc); `stream` reads
    one file (default `stream_file`; `wdc_dask` reads what a Dask task parsed instead)."""
    name = check_source_name(source)
    check_files(paths)

    def read(path: Path, seen: SeenKeys, write: WriteBatch) -> FileResult:
        return stream_file(path, seen, source=name, batch_size=batch_size, write=write)

    stream = stream or read
    results: list[FileResult] = []
    with open_store() as store, SeenKeys() as seen:
        started = now or utc_now()
        run_id = start_run(store, "import-wdc", started)
        try:
            for path in paths:
                label = file_label(path)
                file_started = now or utc_now()

                def save(batch: list[WdcPosting], result: FileResult, board: str = label) -> None:
                    listing = Listing([item.posting for item in batch], complete=False)
                    counts = store.save_listing(listing, source=name, board=board, now=started)
                    _add(result.saved, counts)

                result = stream(path, seen, save)
                stored = result.saved.new + result.saved.updated + result.saved.unchanged
                status = "ok" if result.error is None else "partial" if stored else "failed"
                record = TargetRecord(
                    target=f"{name}:{label}",
                    source=name,
                    started_at=file_started,
                    finished_at=now or utc_now(),
                    requests=0,
                    bytes=_size(path),
                    counts=result.saved,
                    status=status,
                    error=result.error,
                )
                record_target(store, run_id, record)
                results.append(result)
                if on_file is not None:
                    on_file(result)
        except BaseException:
            finish_run(store, run_id, "failed", now or utc_now())
            raise
        run = WdcRun(run_id, results)
        finish_run(store, run_id, run.status, now or utc_now())
    return run


def write_wdc_parquet(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    source: str = DEFAULT_SOURCE,
    batch_size: int = BATCH_SIZE,
    on_file: OnFile | None = None,
) -> WdcRun:
    """Stream every file into `<out_dir>/<file label>.parquet` (see the module doc)."""
    name = check_source_name(source)
    check_files(paths)
    results: list[FileResult] = []
    with SeenKeys() as seen:
        for path, label in zip(paths, output_labels(paths), strict=True):
            with ParquetBatches(out_dir / f"{label}.parquet") as sink:

                def write(
                    batch: list[WdcPosting], _: FileResult, sink: ParquetBatches = sink
                ) -> None:
                    sink.write(batch)

                result = stream_file(path, seen, source=name, batch_size=batch_size, write=write)
            result.written, result.output = sink.rows, sink.path
            results.append(result)
            if on_file is not None:
                on_file(result)
    return WdcRun(None, results)


def output_labels(paths: Sequence[Path]) -> list[str]:
    """Each file's label, numbered from the second file of a name: `jobs`, `jobs-2` (the same
    file name in two folders)."""
    used: set[str] = set()
    labels = []
    for path in paths:
        label, number = file_label(path), 1
        while (label if number == 1 else f"{label}-{number}") in used:
            number += 1
        label = label if number == 1 else f"{label}-{number}"
        used.add(label)
        labels.append(label)
    return labels


def stream_file(
    path: Path, seen: SeenKeys, *, source: str, batch_size: int, write: WriteBatch
) -> FileResult:
    """One file's postings, those `seen` has not had in batches through `write`; a read error
    is kept in the result (the batches before it are written)."""
    result = FileResult(path)
    batch: list[WdcPosting] = []
    try:
        for item in read_wdc(path, result.counts, source=source):
            if not seen.first_time(item.posting.external_id):
                result.duplicates += 1
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                write(batch, result)
                batch = []
    except InputError as exc:  # reading failed (a write failure is another error and stops all)
        result.error = str(exc)
    if batch:
        write(batch, result)
    return result


def _add(total: SaveCounts, counts: SaveCounts) -> None:
    total.new += counts.new
    total.updated += counts.updated
    total.unchanged += counts.unchanged
    total.closed += counts.closed


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
