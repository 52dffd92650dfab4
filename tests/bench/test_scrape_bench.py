"""`bench/scrape.py --quick` runs end to end and ends with the JSON line of figures."""

from __future__ import annotations

import pytest

from tests.bench.quick import quick_run

KEYS = {
    "wall_s", "floor_s", "wall_vs_floor", "busiest_host", "busiest_host_requests",
    "requests_per_host", "first_run_bytes", "rerun_bytes", "rerun_bytes_ratio",
    "first_run_cpu_s", "meets_targets",
}  # fmt: skip


@pytest.mark.slow
def test_quick_benchmark_prints_a_table_then_the_figures_as_json() -> None:
    table, figures = quick_run("scrape.py", timeout=300)
    assert figures.keys() >= KEYS
    assert figures["postings"] == 101 and figures["first_run_failed"] == 0
    assert len(figures["requests_per_host"]) == 4  # one host per demo source
    assert figures["floor_s"] > 0 and figures["wall_s"] >= figures["floor_s"]
    assert 0 < figures["rerun_bytes"] <= figures["first_run_bytes"]
    assert any(line.startswith("first run:") for line in table)
