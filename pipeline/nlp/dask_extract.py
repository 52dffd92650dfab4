"""Extraction on a Dask cluster: chunks of postings go to the workers, plain records come back.

`extract_on_dask(postings, address)` connects to the scheduler at `address` (`tcp://host:port`,
as `dask scheduler` prints it) or, for `local:N`, starts a cluster of N single-threaded worker
processes on 127.0.0.1 for the duration (`local_cluster`). A `DaskExtraction` registers an
`ExtractionPlugin` (`dask_worker`) that builds the pipeline once on every worker, on the
taxonomy this process reads (so the workers need none of its files), and sends the
postings in chunks (`chunk_size` postings, as plain tuples; CHUNKS_PER_TASK chunks a task, one
a task at the end, see `task_chunks`). At most IN_FLIGHT_PER_WORKER tasks per worker thread are
out at once, and the results are yielded in input order as they come back, in the pool's
compact wire format, so the caller writes them in bulk as it does for the process pool.
When the run ends, the plugin is removed again and the workers free their pipelines.

Dask is an optional extra (`pip install 'jobtrends[dask]'`): it is imported only here, only
when asked for. Every failure (scheduler unreachable, no workers, a task or worker failing)
is a `DaskError` naming the address; what the caller saved before it stays saved.
"""

from __future__ import annotations

import collections
import contextlib
import pickle
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from jobtrends.pipeline.errors import PipelineError
from jobtrends.pipeline.nlp.build import pipeline_taxonomy
from jobtrends.pipeline.nlp.pool import (
    IN_FLIGHT_PER_WORKER,
    Wire,
    collector_paused,
    from_wire,
    heap_frozen,
)
from jobtrends.pipeline.nlp.runner import CHUNK_SIZE, chunked
from jobtrends.pipeline.nlp.taxonomy import Taxonomy
from jobtrends.pipeline.results import Extraction, PostingText

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

CONNECT_SECONDS = 10.0
# Chunks a task holds while many are left; each is still one memory zone on the worker.
CHUNKS_PER_TASK = 4
# How long to wait for a first worker, and how often to look whether any is left while waiting.
WORKERS_SECONDS = 30.0
POLL_SECONDS = 10.0
LOCAL_MONITORING = {
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.disk": False,
}
# Dask's nannies give their workers MALLOC_TRIM_THRESHOLD_=65536, and set it in the environment
# of the process that starts them, so every process it spawns later (an extraction pool) has it
# too: glibc then hands freed memory back to the system at every turn and takes it again,
# which costs extraction, with its chunk-sized buffers and memory zones, 8-15% more CPU time
# per posting. None leaves glibc's own adaptive threshold (memory stays flat: the memory zones).
KEEP_MALLOC_DEFAULTS = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
_LOCAL = re.compile(r"local:(\d+)")
_SCHEDULER = re.compile(r"(?:[a-z]+://)?\S+:\d+")
P = ParamSpec("P")
T = TypeVar("T")


class DaskError(PipelineError):
    """The Dask cluster could not be reached or failed during extraction."""


def extract_on_dask(
    postings: Iterable[PostingText],
    address: str | Client,
    *,
    batch_size: int = 64,
    taxonomy_dir: Path | None = None,
    user_taxonomy: Path | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Extraction]:
    """Every posting's extraction, in input order, computed on the cluster at `address`
    (see the module doc), or with a connected `distributed.Client` (left open); the same
    results as `extract_parallel` gives."""
    taxonomy = pipeline_taxonomy(taxonomy_dir, user_taxonomy)
    with contextlib.ExitStack() as stack:
        client = stack.enter_context(connected(address)) if isinstance(address, str) else address
        label = address if isinstance(address, str) else None
        extraction = DaskExtraction(
            client, taxonomy, address=label, batch_size=batch_size, chunk_size=chunk_size
        )
        yield from stack.enter_context(extraction).extract(postings)


class DaskExtraction:
    """The workers of a connected client with the pipeline built on each, for one or more
    `extract` calls; use it as a context manager (like `ExtractionPool`). Entering registers
    the `ExtractionPlugin` and returns once every worker has built its pipeline; leaving
    removes it, and the workers free their pipelines."""

    def __init__(
        self,
        client: Client,
        taxonomy: Taxonomy,
        *,
        address: str | None = None,  # for messages; default: the scheduler's
        batch_size: int = 64,
        chunk_size: int = CHUNK_SIZE,
    ) -> None:
        self.client = client
        self.address = address or str(getattr(client.scheduler, "address", "the client's"))
        self.taxonomy = taxonomy
        self.batch_size = batch_size
        self.chunk_size = chunk_size
        self.name = f"jobtrends-extract-{uuid.uuid4().hex[:12]}"
        self.window = IN_FLIGHT_PER_WORKER
        self._runs = 0

    def __enter__(self) -> DaskExtraction:
        # Deferred for start-up time, and because dask is an optional extra: a client exists,
        # so it is installed.
        from jobtrends.pipeline.nlp.dask_worker import ExtractionPlugin

        plugin, client = ExtractionPlugin(self.name, self.taxonomy), self.client
        try:
            _call(self.address, "setting the workers up", client.register_plugin, plugin, self.name)
            threads = _call(self.address, "asking for its workers", client.nthreads)
        except DaskError:
            self.__exit__(None, None, None)
            raise
        self.window = IN_FLIGHT_PER_WORKER * max(1, sum(threads.values()))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # The cluster may be gone already; then there is nothing left to tidy.
        with contextlib.suppress(Exception):
            self.client.unregister_worker_plugin(self.name)  # type: ignore[no-untyped-call]

    def extract(self, postings: Iterable[PostingText]) -> Iterator[Extraction]:
        """Every posting's extraction, in input order, at most `window` tasks out at once (see
        `task_chunks` for what a task holds)."""
        # Deferred for start-up time, and because dask is an optional extra (see __enter__).
        from jobtrends.pipeline.nlp.dask_worker import extract_rows, pack

        client, name = self.client, self.name
        self._runs += 1
        pending: collections.deque[Future[bytes]] = collections.deque()
        chunks = chunked(postings, self.chunk_size)
        try:
            with heap_frozen():  # this process shares the machine with local workers
                for index, task in enumerate(task_chunks(chunks, CHUNKS_PER_TASK, self.window)):
                    packed, key = pack(task), f"{name}-{self._runs}-{index}"
                    future = client.submit(extract_rows, packed, self.batch_size, name, key=key)
                    pending.append(future)
                    if len(pending) >= self.window:
                        yield from from_wire(_result(client, self.address, pending.popleft()))
                while pending:
                    yield from from_wire(_result(client, self.address, pending.popleft()))
        finally:
            with contextlib.suppress(Exception):
                client.cancel(list(pending))  # type: ignore[no-untyped-call]


def task_chunks(
    chunks: Iterable[list[PostingText]], per_task: int, tail: int
) -> Iterator[list[list[PostingText]]]:
    """The chunks, `per_task` to a task while more than `tail` chunks follow it, one to a task
    for the last `tail`. Every task costs the scheduler and the workers a few milliseconds
    whatever its size; single chunks at the end let the workers finish together."""
    ahead: collections.deque[list[PostingText]] = collections.deque()
    for chunk in chunks:
        ahead.append(chunk)
        if len(ahead) >= per_task + tail:
            yield [ahead.popleft() for _ in range(per_task)]
    while ahead:
        yield [ahead.popleft()]


@contextlib.contextmanager
def connected(address: str) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a cluster started for `local:N`, with at
    least one worker."""
    try:
        # Deferred for start-up time, and because dask is an optional extra.
        import distributed
    except ImportError as exc:
        raise DaskError(
            "--dask needs the dask extra: pip install 'jobtrends[dask]' (dask[distributed])"
        ) from exc
    address = address.strip()
    local = _LOCAL.fullmatch(address)
    if not local and not _SCHEDULER.fullmatch(address):
        raise DaskError(
            f"--dask {address!r}: give a scheduler's address (tcp://host:port) or local:N"
        )
    with contextlib.ExitStack() as stack:
        if local:
            workers = int(local.group(1))
            if workers < 1:
                raise DaskError(f"--dask {address}: a local cluster needs at least one worker")
            cluster = _call(address, "starting a local cluster", local_cluster, workers)
            stack.enter_context(cluster)
            target: object = cluster
        else:
            target = address
        client = _call(
            address,
            "connecting to the scheduler",
            distributed.Client,
            target,
            timeout=CONNECT_SECONDS,
            set_as_default=False,
            # Results straight from a local worker, not through the scheduler; a remote
            # cluster's workers may not be reachable from here.
            direct_to_workers=bool(local),
        )
        stack.enter_context(client)
        try:
            client.wait_for_workers(1, timeout=WORKERS_SECONDS)
        except TimeoutError as exc:
            raise DaskError(
                f"no Dask worker joined the scheduler at {address} within {WORKERS_SECONDS:.0f} s"
                f" (start some with `dask worker {address}`)"
            ) from exc
        yield client


def local_cluster(workers: int) -> LocalCluster:
    """The cluster `local:N` starts: N single-threaded worker processes on 127.0.0.1, without
    the dashboard or the workers' statistical profiler (a thread that samples the extraction's
    stack every 10 ms and costs it CPU time), and with LOCAL_MONITORING: the workers share this
    machine's cores with the client and scheduler, and Dask's default polling (event-loop ticks
    every 20 ms, memory every 100 ms, system figures every 500 ms, in every process) takes 6% of
    a core from them, this 1%; and with glibc's own memory trimming (KEEP_MALLOC_DEFAULTS)."""
    # Deferred for start-up time, and because dask is an optional extra.
    import dask
    import distributed

    # The workers take the configuration in force when they start.
    settings = {"distributed.worker.profile.enabled": False, **LOCAL_MONITORING}
    with dask.config.set({**settings, **KEEP_MALLOC_DEFAULTS}):
        return distributed.LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            # No dashboard, but the scheduler's HTTP routes on a free port, not on 8787.
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        )


def _call(address: str, doing: str, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    try:
        return call(*args, **kwargs)
    except Exception as exc:
        raise DaskError(f"Dask cluster at {address}: {doing} failed: {_describe(exc)}") from exc


def _result(client: Client, address: str, future: Future[bytes]) -> list[Wire]:
    """The future's result; a failed task, a lost worker or a cluster left without workers for
    two looks in a row becomes a `DaskError`."""
    idle = 0
    while True:
        try:
            packed = future.result(timeout=POLL_SECONDS)
            with collector_paused():
                rows: list[Wire] = pickle.loads(packed)
            return rows
        except TimeoutError:
            idle = 0 if _call(address, "asking for its workers", client.nthreads) else idle + 1
            if idle >= 2:
                raise DaskError(
                    f"the Dask cluster at {address} has no workers left; the postings not yet "
                    "saved are extracted by the next run"
                ) from None
        except Exception as exc:
            raise DaskError(
                f"extraction on the Dask cluster at {address} failed: {_describe(exc)}; the "
                "postings not yet saved are extracted by the next run"
            ) from exc


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
