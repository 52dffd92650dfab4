"""`report --from-parquet DIR --dask ADDRESS`: the dataset's mentions files aggregated on a Dask
cluster, one task per file (`parquet_aggregates.partition_totals`, run on a worker, which reads
the file and returns its totals).

The client takes the results in the order of the files, so the site is the one built without
Dask, byte for byte. The workers must be able to read the dataset: the same machine, or a
filesystem they share, at the same absolute paths. A task that fails or a cluster left without
workers is a `DaskError` naming the file and the address.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jobtrends.pipeline.cli.parquet_aggregates import PartitionTotals, partition_totals
from jobtrends.pipeline.nlp.dask_extract import DaskError

if TYPE_CHECKING:
    from distributed import Client, Future

POLL_SECONDS = 10.0


def totals_on_dask(files: Sequence[Path], client: Client, address: str) -> list[PartitionTotals]:
    """Every file's totals, in the order of `files`, computed on the workers of `client`."""
    prefix = f"jobtrends-report-{uuid.uuid4().hex[:12]}"
    futures: list[Future[PartitionTotals]] = []
    try:
        for index, path in enumerate(files):
            try:
                futures.append(
                    client.submit(partition_totals, path.absolute(), key=f"{prefix}-{index}")
                )
            except Exception as exc:
                raise _error(path, address, "submitting the task failed", exc) from exc
        return [_result(client, address, path, f) for path, f in zip(files, futures, strict=True)]
    finally:
        with contextlib.suppress(Exception):
            client.cancel(futures)  # type: ignore[no-untyped-call]


def _result(
    client: Client, address: str, path: Path, future: Future[PartitionTotals]
) -> PartitionTotals:
    """The task's result; a failed task, a lost worker or a cluster left without workers for
    two looks in a row is a `DaskError`."""
    idle = 0
    while True:
        try:
            return future.result(timeout=POLL_SECONDS)
        except TimeoutError:
            try:
                workers = client.nthreads()  # type: ignore[no-untyped-call]
            except Exception as exc:
                raise _error(path, address, "asking for its workers failed", exc) from exc
            idle = 0 if workers else idle + 1
            if idle >= 2:
                raise DaskError(
                    f"{path}: the Dask cluster at {address} has no workers left; start some with "
                    f"`dask worker {address}` and run the report again"
                ) from None
        except Exception as exc:
            raise _error(path, address, "the task failed", exc) from exc


def _error(path: Path, address: str, what: str, exc: BaseException) -> DaskError:
    described = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return DaskError(
        f"{path}: aggregating on the Dask cluster at {address}: {what}: {described}; the "
        "workers must read the dataset (same machine or a shared filesystem, same paths)"
    )
