"""`bench/extract.py --quick` runs end to end and ends with the JSON line of figures."""

from __future__ import annotations

import pytest

from tests.bench.quick import quick_run

KEYS = {
    "postings", "mean_bytes", "novel_type_ratio", "pipeline_1proc_pps", "pipeline_2workers_pps",
    "worker_speedup", "machine_speedup", "speedup_ratio", "floor_pps", "pipeline_vs_floor",
    "peak_rss_mb_per_process", "rss_growth_mb_over_long_run", "per_component_ms",
    "analyze_pps", "analyze_pps_by_run", "analyze_vs_floor", "analyze_startup_s",
}  # fmt: skip
STEPS = {"language", "tokenizer", "sections", "skills", "negation", "mentions", "role", "total"}


@pytest.mark.slow
def test_quick_benchmark_prints_a_table_then_the_figures_as_json() -> None:
    table, figures = quick_run("extract.py", timeout=900)
    assert figures.keys() >= KEYS
    assert figures["per_component_ms"].keys() >= STEPS
    assert figures["postings"] == 600
    assert 2_500 <= figures["mean_bytes"] <= 4_000
    assert figures["novel_type_ratio"] >= 0.02
    assert figures["workers_match_one_process"] is True
    assert len(figures["long_run_rss_mb"]) >= 2
    runs = figures["analyze_pps_by_run"]
    assert len(runs) == 3 and runs == sorted(runs, reverse=True)
    assert figures["analyze_pps"] == runs[1]  # the median run
    assert any(line.startswith("pipeline, 1 process") for line in table)
