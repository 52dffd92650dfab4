"""Extraction in worker processes: postings go out in chunks, plain `Extraction` records come back.

Each worker builds its spaCy pipeline once, in the pool's initializer, and runs `extract_batch`
on one chunk at a time, so a chunk is one memory zone and nothing but plain records crosses the
process boundary (`nlp.pipe(n_process=...)` ships whole Docs back and gains nothing). Workers are
started with "spawn": they begin clean, without a copy of the parent's memory or threads. Chunks
are large (CHUNK_SIZE postings) so that the pickling stays small next to the extraction; at most
two chunks per worker are in flight, and results come back in input order.
"""

from __future__ import annotations

import collections
import concurrent.futures
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

from spacy.language import Language

from jobtrends.pipeline.extract import CHUNK_SIZE, build_nlp, chunked, extract_batch
from jobtrends.pipeline.results import Extraction, PostingText

IN_FLIGHT_PER_WORKER = 2


class ExtractionPool:
    """`workers` processes extracting chunks of postings; use it as a context manager."""

    def __init__(
        self,
        workers: int,
        *,
        taxonomy_dir: Path | None = None,
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
            initargs=(taxonomy_dir,),
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
        """Every posting's extraction, in input order, streamed chunk by chunk."""
        pending: collections.deque[concurrent.futures.Future[list[Extraction]]] = (
            collections.deque()
        )
        for chunk in chunked(postings, self.chunk_size):
            pending.append(self._executor.submit(_extract_chunk, chunk, self.batch_size))
            if len(pending) >= IN_FLIGHT_PER_WORKER * self.workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

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


_worker_nlp: Language | None = None


def _init_worker(taxonomy_dir: Path | None) -> None:
    global _worker_nlp
    _worker_nlp = build_nlp(taxonomy_dir)


def _extract_chunk(chunk: list[PostingText], batch_size: int) -> list[Extraction]:
    return extract_batch(chunk, _worker_nlp, batch_size=batch_size)


def _worker_pid(hold_seconds: float) -> int:
    time.sleep(hold_seconds)
    return os.getpid()
