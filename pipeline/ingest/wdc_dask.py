"""`jobtrends import-wdc --dask ADDRESS`: one Dask task per file, the database on the client.

Each file is one task (`parse_file`) on a worker of a connected `distributed.Client` (the CLI
connects it; this module only submits and waits): the worker streams the file with
`wdc.read_wdc`, de-duplicates it within the file (its own `SeenKeys`) and writes its postings to
one Parquet file (`wdc_parquet.ParquetBatches`, row groups of `batch_size`), and returns the
file's `FileResult` (counts, duplicates, rows written, any read error). Memory stays bounded on
both sides: a worker holds one page and one batch, the client one batch.

`import_wdc_on_dask` (storing): the tasks write into a scratch folder the client owns (made in
the system temporary folder: TMPDIR). The client takes the results in input order and reads each
task's Parquet file back in batches through `wdc_import.import_wdc`, so the run, the targets, the
de-duplication across files and every store write are those of the plain import, and the stored
postings are the same; the workers need no database. `write_wdc_parquet_on_dask` (`--parquet
DIR`): the per-file Parquet files are the output; a posting repeated in two files is then in
both (the plain `--parquet` path removes such repeats).

The workers must be able to read the input files and write the output (or scratch) folder: the
same machine, or a filesystem they share, at the same absolute paths. A task that fails (not a
read error, which the result carries) or a cluster left without workers is a `DaskImportError`
naming the file and the address; what was stored before stays stored.
"""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from jobtrends.pipeline.errors import PipelineError
from jobtrends.pipeline.ingest.importer import check_source_name
from jobtrends.pipeline.ingest.wdc import DEFAULT_SOURCE, WdcPosting
from jobtrends.pipeline.ingest.wdc_import import (
    BATCH_SIZE,
    FileResult,
    OnFile,
    WdcRun,
    WriteBatch,
    check_files,
    import_wdc,
    output_labels,
    stream_file,
)
from jobtrends.pipeline.ingest.wdc_parquet import ParquetBatches, read_batches
from jobtrends.pipeline.store import SeenKeys, Store

if TYPE_CHECKING:
    from distributed import Client, Future

POLL_SECONDS = 10.0


class DaskImportError(PipelineError):
    """A file's task failed on the Dask cluster, or the cluster lost its workers."""


def parse_file(path: Path, output: Path, source: str, batch_size: int) -> FileResult:
    """The task (on a worker): one WDC file into one Parquet file, de-duplicated within it."""
    with SeenKeys() as seen, ParquetBatches(output) as sink:

        def write(batch: list[WdcPosting], _: FileResult) -> None:
            sink.write(batch)

        result = stream_file(path, seen, source=source, batch_size=batch_size, write=write)
    result.written, result.output = sink.rows, sink.path
    return result


def import_wdc_on_dask(
    paths: Sequence[Path],
    client: Client,
    *,
    open_store: Callable[[], Store],
    address: str | None = None,  # for messages; default: the scheduler's
    source: str = DEFAULT_SOURCE,
    batch_size: int = BATCH_SIZE,
    now: datetime | None = None,
    on_file: OnFile | None = None,
) -> WdcRun:
    """Parse every file on the cluster and store the postings here (see the module doc)."""
    name = check_source_name(source)
    check_files(paths)
    with tempfile.TemporaryDirectory(prefix="jobtrends-wdc-", ignore_cleanup_errors=True) as tmp:
        outputs = [Path(tmp) / f"{label}.parquet" for label in output_labels(paths)]
        tasks = _Tasks(client, address, paths, outputs, name, batch_size)
        with tasks:
            written = iter(outputs)

            def stream(path: Path, seen: SeenKeys, write: WriteBatch) -> FileResult:
                result, output = tasks.next_result(), next(written)
                for batch in read_batches(output, batch_size):
                    kept = [item for item in batch if seen.first_time(item.posting.external_id)]
                    result.duplicates += len(batch) - len(kept)
                    if kept:
                        write(kept, result)
                output.unlink(missing_ok=True)
                return result

            return import_wdc(
                paths,
                open_store=open_store,
                source=name,
                batch_size=batch_size,
                now=now,
                on_file=on_file,
                stream=stream,
            )


def write_wdc_parquet_on_dask(
    paths: Sequence[Path],
    out_dir: Path,
    client: Client,
    *,
    address: str | None = None,
    source: str = DEFAULT_SOURCE,
    batch_size: int = BATCH_SIZE,
    on_file: OnFile | None = None,
) -> WdcRun:
    """Parse every file on the cluster into `<out_dir>/<file label>.parquet` (repeats across
    files are kept; see the module doc)."""
    name = check_source_name(source)
    check_files(paths)
    shown = [out_dir / f"{label}.parquet" for label in output_labels(paths)]
    results = []
    with _Tasks(
        client, address, paths, [path.absolute() for path in shown], name, batch_size
    ) as tasks:
        for output in shown:
            result = tasks.next_result()
            result.output = output  # as given, not the absolute path the worker wrote
            results.append(result)
            if on_file is not None:
                on_file(result)
    return WdcRun(None, results)


class _Tasks:
    """One submitted task per file, their results taken in input order (`next_result`);
    leaving cancels those not taken."""

    def __init__(
        self,
        client: Client,
        address: str | None,
        paths: Sequence[Path],
        outputs: Sequence[Path],
        source: str,
        batch_size: int,
    ) -> None:
        self.client, self.paths = client, list(paths)
        self.address = address or str(getattr(client.scheduler, "address", "the client's"))
        prefix = f"jobtrends-wdc-{uuid.uuid4().hex[:12]}"
        self.futures: list[Future[FileResult]] = []
        for index, (path, output) in enumerate(zip(paths, outputs, strict=True)):
            try:
                future = client.submit(
                    parse_file, path.absolute(), output, source, batch_size, key=f"{prefix}-{index}"
                )
            except Exception as exc:
                self.__exit__()
                raise self._error(path, "submitting the task failed", exc) from exc
            self.futures.append(future)
        self.taken = 0

    def next_result(self) -> FileResult:
        """The next file's result: a failed task, a lost worker or a cluster left without
        workers for two looks in a row is a `DaskImportError`."""
        path, future = self.paths[self.taken], self.futures[self.taken]
        self.taken += 1
        idle = 0
        while True:
            try:
                result: FileResult = future.result(timeout=POLL_SECONDS)
            except TimeoutError:
                try:
                    workers = self.client.nthreads()  # type: ignore[no-untyped-call]
                except Exception as exc:
                    raise self._error(path, "asking for its workers failed", exc) from exc
                idle = 0 if workers else idle + 1
                if idle >= 2:
                    raise DaskImportError(
                        f"{path}: the Dask cluster at {self.address} has no workers left"
                    ) from None
            except Exception as exc:
                raise self._error(path, "the task failed", exc) from exc
            else:
                result.path = path  # as given, not the absolute path the worker read
                return result

    def _error(self, path: Path, what: str, exc: BaseException) -> DaskImportError:
        described = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return DaskImportError(
            f"{path}: importing on the Dask cluster at {self.address}: {what}: {described}; "
            "the workers must read the files and write the output folder (same machine or a "
            "shared filesystem)"
        )

    def __enter__(self) -> _Tasks:
        return self

    def __exit__(self, *exc_info: object) -> None:
        with contextlib.suppress(Exception):
            self.client.cancel(self.futures[self.taken :])  # type: ignore[no-untyped-call]
