"""Where `extract` runs the pipeline: in this machine's worker processes, or on a Dask cluster.

`--workers N` (default `extract.workers`) uses the process pool; `--dask ADDRESS` sends the
postings to the workers of the Dask scheduler at ADDRESS (`tcp://host:port`), or of a cluster of
N worker processes started on this machine for the run (`local:N`). The two options exclude each
other: with `--dask` the cluster's workers decide the parallelism, so `--workers` is a usage
error rather than silently ignored (`extract.workers` from the config is not used).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import click

from jobtrends.pipeline.config import Settings
from jobtrends.pipeline.results import Extraction, PostingText

DASK_HELP = (
    "Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:port), or on N local "
    "worker processes started for the run (local:N). Needs the dask extra."
)


def dask_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--dask", metavar="ADDRESS", help=DASK_HELP)(command)


def check_workers_or_dask(workers: int | None, dask: str | None) -> None:
    if workers is not None and dask is not None:
        raise click.UsageError(
            "--workers and --dask exclude each other: with --dask the cluster's workers extract"
        )


def quiet_dask_logging() -> None:
    """Dask logs every connection and worker at INFO; set before it is imported (the worker
    processes of a `local:N` cluster read it too). `-v` shows them."""
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")


def extraction_results(
    postings: Iterable[PostingText],
    settings: Settings,
    *,
    workers: int | None = None,
    dask: str | None = None,
) -> Iterator[Extraction]:
    """Every posting's extraction in input order, from the process pool or the Dask cluster."""
    # Deferred for start-up time: spaCy takes ~0.3 s to import; commands that do not extract
    # start without it.
    from jobtrends.pipeline.nlp import extract_on_dask, extract_parallel

    if dask is not None:
        quiet_dask_logging()
        return extract_on_dask(
            postings,
            dask,
            batch_size=settings.batch_size,
            user_taxonomy=settings.user_taxonomy,
        )
    return extract_parallel(
        postings,
        workers=workers or settings.workers,
        batch_size=settings.batch_size,
        user_taxonomy=settings.user_taxonomy,
    )
