"""Figures `extract.py` sets beside the pipeline's: the floor, the machine's speedup, memory.

- The floor: a pyahocorasick automaton over the lower-cased text with the taxonomy's aliases,
  the least any skill extraction has to do.
- The machine's speedup: a pure-Python CPU loop in one worker process, then in two at once.
  On a shared machine this tells how much two processes can gain at all, right now.
- Memory: resident and peak resident set size of a process, from /proc (Linux).
- The long run: one process extracting many postings, its RSS sampled as it goes. It runs in a
  fresh process, so nothing the benchmark held before is counted.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path

import ahocorasick
from corpus import benchmark_postings

from jobtrends.pipeline.extract import CHUNK_SIZE, build_nlp, chunked, extract_batch
from jobtrends.pipeline.taxonomy import load_taxonomy

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


def long_run(count: int, every: int, seed: int) -> dict[str, object]:
    """Extract `count` generated postings in this process, one memory zone per chunk as
    `extract_parallel` does, and sample the RSS after every `every` postings."""
    nlp = build_nlp()
    samples: list[tuple[int, float]] = []
    done = seconds = 0.0
    for chunk in chunked(benchmark_postings(count, seed=seed), CHUNK_SIZE):
        start = time.perf_counter()
        extract_batch(chunk, nlp)
        seconds += time.perf_counter() - start
        done += len(chunk)
        if done >= every * (len(samples) + 1) or done == count:
            samples.append((int(done), round(memory_mb()["rss"], 1)))
    return {"samples": samples, "peak_mb": memory_mb()["peak"], "pps": count / seconds}
