"""`bench/scrape.py --quick` runs end to end and ends with the JSON line of figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "scrape.py"
KEYS = {
    "wall_s", "floor_s", "wall_vs_floor", "busiest_host", "busiest_host_requests",
    "requests_per_host", "first_run_bytes", "rerun_bytes", "rerun_bytes_ratio",
    "first_run_cpu_s", "meets_targets",
}  # fmt: skip


@pytest.mark.slow
def test_quick_benchmark_prints_a_table_then_the_figures_as_json() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    *table, last = done.stdout.strip().splitlines()
    figures = json.loads(last)
    assert figures.keys() >= KEYS
    assert figures["postings"] == 101 and figures["first_run_failed"] == 0
    assert len(figures["requests_per_host"]) == 4  # one host per demo source
    assert figures["floor_s"] > 0 and figures["wall_s"] >= figures["floor_s"]
    assert 0 < figures["rerun_bytes"] <= figures["first_run_bytes"]
    assert any(line.startswith("first run:") for line in table)
