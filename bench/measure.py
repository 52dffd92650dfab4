"""Figures `extract.py` sets beside the pipeline's: the floor, the machine's speedup, memory.

- The floor: a pyahocorasick automaton over the lower-cased text with the taxonomy's aliases,
  the least any skill extraction has to do.
- The machine's speedup: a pure-Python CPU loop in one worker process, then in two at once.
  On a shared machine this tells how much two processes can gain at all, right now. The same
  with the pipeline itself (each process extracting on its own, nothing sent back) tells what
  two processes can gain on this workload, whose memory traffic a CPU loop does not have.
- Memory: resident and peak resident set size of a process, from /proc (Linux).
- The long run: one process extracting many postings, its RSS sampled as it goes. It runs in a
  fresh process, so nothing the benchmark held before is counted.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import ahocorasick  # type: ignore[import-not-found]
from corpus import benchmark_postings

from jobtrends.pipeline.nlp import (
    CHUNK_SIZE,
    build_nlp,
    chunked,
    extract_batch,
    extract_parallel,
)
from jobtrends.pipeline.nlp.taxonomy import load_taxonomy
from jobtrends.pipeline.results import PostingText

_STATUS_FIELD = re.compile(r"^(Vm\w+):\s+(\d+) kB$", re.MULTILINE)


class Floor:
    """The automaton over the taxonomy's lower-cased surface forms."""

    def __init__(self) -> None:
        self.automaton = ahocorasick.Automaton()
        for skill in load_taxonomy().skills:
            for form in skill.surface_forms:
                self.automaton.add_word(form.lower(), skill.id)
        self.automaton.make_automaton()

    def matches(self, texts: Sequence[str]) -> int:
        """How many alias occurrences `texts` hold (the floor's whole job)."""
        hits = 0
        for text in texts:
            for _end, _skill_id in self.automaton.iter(text.lower()):
                hits += 1
        return hits


def cpu_loop(rounds: int) -> int:
    """Pure-Python work with no I/O and almost no memory traffic."""
    total = 0
    for i in range(rounds):
        total = (total + i * i) % 1_000_003
    return total


def machine_speedup(pool: concurrent.futures.ProcessPoolExecutor, rounds: int) -> float:
    """Throughput of two workers running `cpu_loop` at once over one worker running it alone
    (the pool must have two started workers)."""
    start = time.perf_counter()
    pool.submit(cpu_loop, rounds).result()
    alone = time.perf_counter() - start
    start = time.perf_counter()
    for future in [pool.submit(cpu_loop, rounds) for _ in range(2)]:
        future.result()
    together = time.perf_counter() - start
    return 2 * alone / together


def independent_speedup(
    pool: concurrent.futures.ProcessPoolExecutor, postings: list[PostingText]
) -> float:
    """Throughput of two workers extracting `postings` each at once, with no results coming
    back, over one worker doing it alone: what two processes can gain on this workload, here."""
    alone = pool.submit(solo_extraction, postings).result()
    together = [f.result() for f in [pool.submit(solo_extraction, postings) for _ in range(2)]]
    return sum(together) / alone


def solo_extraction(postings: list[PostingText]) -> float:
    """Postings per second of a fresh pipeline over the second half of `postings` (the first
    half warms it), in this process."""
    nlp = build_nlp()
    half = len(postings) // 2
    for chunk in chunked(postings[:half], CHUNK_SIZE):
        extract_batch(chunk, nlp)
    start = time.perf_counter()
    for chunk in chunked(postings[half:], CHUNK_SIZE):
        extract_batch(chunk, nlp)
    return (len(postings) - half) / (time.perf_counter() - start)


def started_pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    """A spawn pool whose `workers` processes are all running."""
    import multiprocessing

    pool = concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn")
    )
    pids: set[int] = set()
    while len(pids) < workers:
        pids.update(f.result() for f in [pool.submit(_pid_after, 0.2) for _ in range(workers)])
    return pool


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """{"rss": current, "peak": peak} resident set size of a process, in MB."""
    fields = dict(_STATUS_FIELD.findall(Path(f"/proc/{pid}/status").read_text()))
    return {"rss": int(fields["VmRSS"]) / 1024, "peak": int(fields["VmHWM"]) / 1024}


@dataclass(frozen=True)
class LongRun:
    samples: list[tuple[int, float]]  # (postings done, RSS in MB)
    peak_mb: float
    pps: float


def long_run(count: int, every: int, seed: int) -> LongRun:
    """Extract `count` generated postings in this process with `extract_parallel(workers=1)`, as
    a scheduled run does, and sample the RSS after every `every` postings."""
    generating = [0.0]

    def postings() -> Iterator[PostingText]:
        stream = benchmark_postings(count, seed=seed)
        while True:
            start = time.perf_counter()
            posting = next(stream, None)
            generating[0] += time.perf_counter() - start
            if posting is None:
                return
            yield posting

    samples: list[tuple[int, float]] = []
    start = time.perf_counter()
    for done, _extraction in enumerate(extract_parallel(postings(), workers=1), start=1):
        if done % every == 0 or done == count:
            samples.append((done, round(memory_mb()["rss"], 1)))
    seconds = time.perf_counter() - start - generating[0]
    return LongRun(samples, memory_mb()["peak"], count / seconds)
