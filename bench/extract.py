"""Benchmark of the extraction pipeline: a table, then one JSON line of figures (the last line).

    python bench/extract.py            # 5,000 postings, a 20,000-posting memory run
    python bench/extract.py --quick    # a smoke test: 600 postings, a 1,200-posting memory run

The corpus (bench/corpus.py) is generated, seeded and deterministic: 2.5-4 KB postings whose
vocabulary keeps growing like real postings' (the share of tokens whose word type did not occur
earlier is printed). Everything is measured in one run, so that the ratios hold on a machine
shared with other work:
- the pipeline in one process, chunk by chunk, with the floor (an Aho-Corasick automaton over
  the lower-cased text with the same aliases) run over each chunk right after it;
- CPU milliseconds per posting for each step (bench/components.py);
- the machine's own two-process speedup on a pure-Python loop, just before and just after the
  pipeline runs in two worker processes, and two pipelines running on their own (nothing sent
  back), which shows what two processes can gain on this workload at all;
- one fresh process extracting the long run, its RSS sampled every `sample_every` postings;
- `jobtrends analyze` end to end, the real command in its own process, on the same postings
  written as a JSONL file (start-up, reading and checking the file, extraction, writing JSONL;
  the median of three runs),
  and on a file of one posting: its start-up (imports, the pipeline built), which the postings
  of the run share. jobtrends' modules are byte-compiled first, as pip compiles an installed
  package and Python caches an editable one on its first run: with PYTHONDONTWRITEBYTECODE set
  (as on some CI machines) every start would compile them again, about 0.1 s.
Targets from the issue: one process at least 0.15x the floor's postings/s; the 2-worker speedup
at least 0.85x the machine's own; RSS flat over the long run.
"""

from __future__ import annotations

import argparse
import compileall
import concurrent.futures
import functools
import importlib.util
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from components import component_ms
from corpus import benchmark_postings, novel_type_ratio
from measure import (
    Floor,
    independent_speedup,
    long_run,
    machine_speedup,
    memory_mb,
    started_pool,
)

from jobtrends.pipeline.nlp import CHUNK_SIZE, build_nlp, chunked, extract_batch
from jobtrends.pipeline.nlp.pool import ExtractionPool
from jobtrends.pipeline.nlp.tokenizer import TOKENIZER_NAME
from jobtrends.pipeline.results import Extraction, PostingText

TARGET_VS_FLOOR = 0.15
# `jobtrends analyze` end to end, start-up and file handling included (the real-trust issue).
TARGET_ANALYZE_VS_FLOOR = 0.10
TARGET_SPEEDUP_RATIO = 0.85
ANALYZE_RUNS = 3
# The long run counts as flat when its second half peaks less than this above its first half.
FLAT_RSS_MB = 5.0


@dataclass(frozen=True)
class Plan:
    postings: int
    long_run: int
    sample_every: int
    component_postings: int
    cpu_rounds: int
    independent_postings: int


FULL = Plan(5_000, 20_000, 1_000, 1_000, 12_000_000, 2_000)
QUICK = Plan(600, 1_200, 400, 200, 2_000_000, 400)


def run(plan: Plan, seed: int) -> dict[str, Any]:
    load_before = os.getloadavg()[0]
    corpus = list(benchmark_postings(plan.postings, seed=seed))
    texts = [posting.text for posting in corpus]
    figures: dict[str, Any] = {
        "postings": len(corpus),
        "mean_bytes": round(statistics.mean(len(text.encode()) for text in texts)),
        "novel_type_ratio": round(_novel_type_ratio(texts), 4),
    }
    nlp = build_nlp()
    in_process, pipeline, floor = _one_process_beside_floor(nlp, corpus)
    figures["pipeline_1proc_pps"] = round(len(corpus) / pipeline[0], 1)
    figures["pipeline_1proc_cpu_pps"] = round(len(corpus) / pipeline[1], 1)
    figures["floor_pps"] = round(len(corpus) / floor[0], 1)
    figures["floor_cpu_pps"] = round(len(corpus) / floor[1], 1)
    figures["per_component_ms"] = component_ms(nlp, corpus[-plan.component_postings :])
    with started_pool(2) as cpu_pool:
        machine_before = machine_speedup(cpu_pool, plan.cpu_rounds)
        independent = independent_speedup(cpu_pool, corpus[: plan.independent_postings])
        with ExtractionPool(2) as pool:
            pids = pool.wait_ready()
            wall, _cpu, in_workers = _timed(functools.partial(_listed, pool, corpus))
            peaks = [memory_mb(pid)["peak"] for pid in pids]
        machine_after = machine_speedup(cpu_pool, plan.cpu_rounds)
    figures["pipeline_2workers_pps"] = round(len(corpus) / wall, 1)
    figures["workers_match_one_process"] = in_workers == in_process
    figures["machine_speedup"] = round((machine_before + machine_after) / 2, 3)
    figures["independent_speedup"] = round(independent, 3)
    figures["peak_rss_mb_per_process"] = round(max(peaks), 1)
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as single:
        long = single.submit(long_run, plan.long_run, plan.sample_every, seed + 1).result()
    samples = long.samples
    figures["long_run_postings"] = plan.long_run
    figures["long_run_rss_mb"] = [rss for _done, rss in samples]
    figures["long_run_pps"] = round(long.pps, 1)
    figures["rss_growth_mb_over_long_run"] = _growth([rss for _done, rss in samples])
    _byte_compile_jobtrends()
    # The median of three runs: one burst of other work on a shared machine moves a single run
    # of a few seconds by a tenth either way.
    analyze_runs = sorted(_analyze_seconds(corpus) for _ in range(ANALYZE_RUNS))
    figures["analyze_pps_by_run"] = [round(len(corpus) / seconds, 1) for seconds in analyze_runs]
    figures["analyze_pps"] = round(len(corpus) / statistics.median(analyze_runs), 1)
    figures["analyze_startup_s"] = round(min(_analyze_seconds(corpus[:1]) for _ in range(3)), 3)
    figures["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return _with_ratios(figures)


def _byte_compile_jobtrends() -> None:
    """Compile jobtrends' modules into their __pycache__ folders (see the module doc)."""
    for package in ("jobtrends.pipeline", "jobtrends.reports", "jobtrends.scraper"):
        spec = importlib.util.find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(folder, quiet=1)


def _analyze_seconds(corpus: list[Any]) -> float:
    """Wall time of `jobtrends analyze` over the postings as a JSONL file, in a fresh process."""
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "postings.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for posting in corpus:
                row = {"id": posting.key, "title": posting.title, "text": posting.text}
                out.write(json.dumps(row) + "\n")
        jobtrends = Path(sys.executable).with_name("jobtrends")
        command = [str(jobtrends), "analyze", str(source), "-o", str(Path(scratch) / "out.jsonl")]
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - started


def _growth(rss: list[float]) -> float:
    """Highest RSS of the run's second half minus that of its first half: about zero when the
    RSS goes up and down around a level (the pipeline is renewed now and then), the growth of
    half the run when it leaks."""
    half = len(rss) // 2
    return round(max(rss[half:]) - max(rss[:half]), 1) if half else 0.0


def _novel_type_ratio(texts: list[str]) -> float:
    # A tokenizer of its own: the timed pipeline must not see the corpus before it is timed.
    tokenizer = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    return novel_type_ratio(texts, lambda text: [token.text for token in tokenizer(text)])


def _one_process_beside_floor(
    nlp: Any, corpus: list[PostingText]
) -> tuple[list[Extraction], tuple[float, float], tuple[float, float]]:
    """The results, and the (wall, CPU) seconds of the pipeline and of the floor. Extraction
    runs chunk by chunk as `extract_parallel(workers=1)` does; the floor runs over each chunk
    right after it, so that both see the same load on a shared machine."""
    floor = Floor()
    results: list[Extraction] = []
    spent = {"pipeline": [0.0, 0.0], "floor": [0.0, 0.0]}
    for chunk in chunked(corpus, CHUNK_SIZE):
        wall, cpu, extracted = _timed(functools.partial(extract_batch, chunk, nlp))
        results += extracted
        spent["pipeline"][0] += wall
        spent["pipeline"][1] += cpu
        wall, cpu, _ = _timed(functools.partial(floor.matches, [p.text for p in chunk]))
        spent["floor"][0] += wall
        spent["floor"][1] += cpu
    pipeline, floor_time = spent["pipeline"], spent["floor"]
    return results, (pipeline[0], pipeline[1]), (floor_time[0], floor_time[1])


def _listed(pool: ExtractionPool, corpus: list[PostingText]) -> list[Extraction]:
    return list(pool.extract(corpus))


def _timed(call: Any) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _with_ratios(figures: dict[str, Any]) -> dict[str, Any]:
    one, two = figures["pipeline_1proc_pps"], figures["pipeline_2workers_pps"]
    figures["worker_speedup"] = round(two / one, 3)
    figures["speedup_ratio"] = round(figures["worker_speedup"] / figures["machine_speedup"], 3)
    figures["pipeline_vs_floor"] = round(one / figures["floor_pps"], 3)
    figures["analyze_vs_floor"] = round(figures["analyze_pps"] / figures["floor_pps"], 3)
    figures["pipeline_vs_floor_cpu"] = round(
        figures["pipeline_1proc_cpu_pps"] / figures["floor_cpu_pps"], 3
    )
    figures["targets_met"] = {
        "pipeline_vs_floor": figures["pipeline_vs_floor"] >= TARGET_VS_FLOOR,
        "analyze_vs_floor": figures["analyze_vs_floor"] >= TARGET_ANALYZE_VS_FLOOR,
        "speedup_ratio": figures["speedup_ratio"] >= TARGET_SPEEDUP_RATIO,
        "flat_memory": figures["rss_growth_mb_over_long_run"] < FLAT_RSS_MB,
        "novel_type_ratio": figures["novel_type_ratio"] >= 0.02,
    }
    return figures


def table(figures: dict[str, Any]) -> str:
    rows = [
        ("postings", f"{figures['postings']:,}", ""),
        ("mean size", f"{figures['mean_bytes']:,} bytes", "2.5-4 KB"),
        ("novel word types", f"{figures['novel_type_ratio']:.2%} of tokens", ">= 2%"),
        ("floor (Aho-Corasick)", f"{figures['floor_pps']:,.0f} postings/s",
         f"{figures['floor_cpu_pps']:,.0f}/s of its CPU time"),
        ("pipeline, 1 process", f"{figures['pipeline_1proc_pps']:,.0f} postings/s",
         f"{figures['pipeline_1proc_cpu_pps']:,.0f}/s of its CPU time"),
        ("  vs floor", f"{figures['pipeline_vs_floor']:.3f}x", f">= {TARGET_VS_FLOOR}x"
         f" ({figures['pipeline_vs_floor_cpu']:.3f}x in CPU time)"),
        ("analyze, end to end", f"{figures['analyze_pps']:,.0f} postings/s",
         f"{figures['analyze_vs_floor']:.3f}x the floor (>= {TARGET_ANALYZE_VS_FLOOR}x)"),
        ("  start-up", f"{figures['analyze_startup_s']:.2f} s",
         "analyze of one posting: imports and the pipeline built"),
        ("pipeline, 2 workers", f"{figures['pipeline_2workers_pps']:,.0f} postings/s",
         "same results" if figures["workers_match_one_process"] else "RESULTS DIFFER"),
        ("  worker speedup", f"{figures['worker_speedup']:.2f}x", ""),
        ("  machine speedup", f"{figures['machine_speedup']:.2f}x", "pure-Python loop"),
        ("  independent speedup", f"{figures['independent_speedup']:.2f}x",
         "two pipelines, no results sent back"),
        ("  ratio", f"{figures['speedup_ratio']:.2f}", f">= {TARGET_SPEEDUP_RATIO}"),
        ("peak RSS per worker", f"{figures['peak_rss_mb_per_process']:.0f} MB", ""),
        (f"long run ({figures['long_run_postings']:,})",
         f"{figures['rss_growth_mb_over_long_run']:+.1f} MB RSS",
         " ".join(f"{rss:.0f}" for rss in figures["long_run_rss_mb"]) + " MB"),
        ("load average", " -> ".join(f"{x:.1f}" for x in figures["load_average"]), "before, after"),
    ]  # fmt: skip
    rows += [(f"  {step} ms", f"{ms:.3f}", "CPU per posting")
             for step, ms in figures["per_component_ms"].items()]  # fmt: skip
    width = max(len(name) for name, _, _ in rows)
    return "\n".join(f"{name:<{width}}  {value:>22}  {note}" for name, value, note in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke-test run")
    parser.add_argument("--seed", type=int, default=11, help="corpus seed (default 11)")
    args = parser.parse_args(argv)
    figures = run(QUICK if args.quick else FULL, args.seed)
    print(table(figures))
    print(json.dumps(figures, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
