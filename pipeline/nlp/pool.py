"""Extraction in worker processes: postings go out in chunks, plain records come back.

Each worker builds its spaCy pipeline in the pool's initializer (and renews it now and then, see
`RenewingPipeline`) and runs `extract_batch` on one chunk at a time: a chunk is one memory zone,
and only plain tuples cross the process boundary (`nlp.pipe(n_process=...)` ships whole Docs
back and gains nothing). Workers are started with "spawn": they begin clean, without a copy of
the parent's memory or threads. Up to IN_FLIGHT_PER_WORKER chunks per worker are queued, so a
worker never waits for the slowest chunk to be handed back; results come back in input order.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import dataclasses
import gc
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from jobtrends.pipeline.nlp.build import RenewingPipeline, default_pipeline
from jobtrends.pipeline.nlp.runner import CHUNK_SIZE, chunked, extract_batch
from jobtrends.pipeline.results import (
    Extraction,
    PostingText,
    Salary,
    SkillMention,
    TermCandidate,
)

IN_FLIGHT_PER_WORKER = 4
_POSTING_FIELDS = tuple(f.name for f in dataclasses.fields(PostingText))
_SALARY_FIELDS = tuple(f.name for f in dataclasses.fields(Salary))
_SCALAR_FIELDS = (
    "key",
    "role",
    "role_confidence",
    "seniority",
    "remote",
    "language",
    "remote_from",
    "salary_from",
    "seniority_from",
)


class ExtractionPool:
    """`workers` processes extracting chunks of postings; use it as a context manager."""

    def __init__(
        self,
        workers: int,
        *,
        taxonomy_dir: Path | None = None,
        user_taxonomy: Path | None = None,
        batch_size: int = 64,
        chunk_size: int = CHUNK_SIZE,
    ) -> None:
        self.workers = max(1, workers)
        self.batch_size = batch_size
        self.chunk_size = chunk_size
        self._executor = concurrent.futures.ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(taxonomy_dir, user_taxonomy),
        )

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def extract(self, postings: Iterable[PostingText]) -> Iterator[Extraction]:
        """Every posting's extraction, in input order, streamed chunk by chunk (with the heap
        this process holds meanwhile frozen: it shares the machine with the workers)."""
        pending: collections.deque[concurrent.futures.Future[list[Wire]]] = collections.deque()
        with heap_frozen():
            for chunk in chunked(postings, self.chunk_size):
                rows = [tuple(getattr(p, name) for name in _POSTING_FIELDS) for p in chunk]
                pending.append(self._executor.submit(_extract_chunk, rows, self.batch_size))
                if len(pending) >= IN_FLIGHT_PER_WORKER * self.workers:
                    yield from from_wire(pending.popleft().result())
            while pending:
                yield from from_wire(pending.popleft().result())

    def wait_ready(self, timeout: float = 600.0) -> list[int]:
        """Start every worker, wait until each has built its pipeline, and return their process
        ids (to time extraction without the start-up, or to read the workers' memory)."""
        deadline = time.monotonic() + timeout
        pids: set[int] = set()
        while len(pids) < self.workers:
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {len(pids)} of {self.workers} workers started")
            # Each answer holds its worker briefly, so the next one goes to another worker.
            futures = [self._executor.submit(_worker_pid, 0.2) for _ in range(self.workers)]
            pids.update(future.result() for future in futures)
        return sorted(pids)


_worker_pipeline: RenewingPipeline | None = None


def _init_worker(taxonomy_dir: Path | None, user_taxonomy: Path | None) -> None:
    global _worker_pipeline
    _worker_pipeline = RenewingPipeline(taxonomy_dir, user_taxonomy=user_taxonomy)


def _extract_chunk(rows: list[tuple[Any, ...]], batch_size: int) -> list[Wire]:
    assert _worker_pipeline is not None
    chunk = [PostingText(*row) for row in rows]
    return to_wire(extract_batch(chunk, _worker_pipeline.current(), batch_size=batch_size))


# Postings and results cross the process boundary as plain tuples: pickling frozen dataclasses
# goes through their `__setstate__`, which costs about twice as much on both sides.
Wire = tuple[
    tuple[Any, ...],
    tuple[Any, ...] | None,
    tuple[tuple[Any, ...], ...],
    tuple[tuple[Any, ...], ...],
]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block, back on after (if it was on). Wire rows
    are tuples of strings and numbers, which cannot form reference cycles; building them by the
    ten thousand makes the collector run over and over, and each full run walks every object of
    the process (a main process holding a batch of results spent four fifths of `from_wire` in
    it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def heap_frozen() -> Iterator[None]:
    """What the process holds now frozen out of the collector's runs for the block (and thawed
    after): objects that live as long as a command or an extraction run does (modules, the
    input, a client's state) are otherwise walked again by each full collection that extracting
    thousands of postings triggers. Inside a frozen block (an outer one) it does nothing."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def to_wire(extractions: list[Extraction]) -> list[Wire]:
    with collector_paused():
        return _to_wire(extractions)


def _to_wire(extractions: list[Extraction]) -> list[Wire]:
    return [
        (
            tuple(getattr(e, name) for name in _SCALAR_FIELDS),
            None if e.salary is None else tuple(getattr(e.salary, n) for n in _SALARY_FIELDS),
            tuple(tuple(m) for m in e.skills),
            tuple(tuple(c) for c in e.candidates),
        )
        for e in extractions
    ]


def from_wire(rows: list[Wire]) -> list[Extraction]:
    with collector_paused():
        return _from_wire(rows)


def _from_wire(rows: list[Wire]) -> list[Extraction]:
    extractions = []
    for scalars, salary, skills, candidates in rows:
        extractions.append(
            Extraction(
                **dict(zip(_SCALAR_FIELDS, scalars, strict=True)),
                salary=None if salary is None else Salary(*salary),
                skills=tuple(map(SkillMention._make, skills)),
                candidates=tuple(map(TermCandidate._make, candidates)),
            )
        )
    return extractions


def _worker_pid(hold_seconds: float) -> int:
    time.sleep(hold_seconds)
    return os.getpid()


def extract_parallel(
    postings: Iterable[PostingText],
    *,
    workers: int = 1,
    batch_size: int = 64,
    taxonomy_dir: Path | None = None,
    user_taxonomy: Path | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Extraction]:
    """Stream extractions in input order, `chunk_size` postings at a time (one memory zone
    each); `workers > 1` runs the chunks in an `ExtractionPool` of worker processes. The skills
    of the `user_taxonomy` file (if any) join those of `taxonomy_dir` (default: the package's).
    What the process holds meanwhile stays frozen (`heap_frozen`), in either case."""
    if workers > 1:
        with ExtractionPool(
            workers,
            taxonomy_dir=taxonomy_dir,
            user_taxonomy=user_taxonomy,
            batch_size=batch_size,
            chunk_size=chunk_size,
        ) as pool:
            yield from pool.extract(postings)
        return
    with heap_frozen():
        pipeline = (
            default_pipeline(user_taxonomy)
            if taxonomy_dir is None
            else RenewingPipeline(taxonomy_dir, user_taxonomy=user_taxonomy)
        )
        for chunk in chunked(postings, chunk_size):
            yield from extract_batch(chunk, pipeline.current(), batch_size=batch_size)
