"""`bench/dask_extract.py --quick` runs end to end and ends with the JSON line of figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dask_cluster import dask_or_skip

BENCH = Path(__file__).resolve().parents[2] / "bench" / "dask_extract.py"
KEYS = {
    "postings", "pipeline_1proc_pps", "dask_2workers_pps", "pool_2workers_pps",
    "dask_speedup", "machine_speedup", "ratio", "target_met", "dask_set_up_s", "ratio_with_set_up",
}  # fmt: skip


@pytest.mark.slow
def test_quick_dask_benchmark_prints_a_table_then_the_figures_as_json() -> None:
    dask_or_skip()
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--postings", "200"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    *table, last = done.stdout.strip().splitlines()
    figures = json.loads(last)
    assert figures.keys() >= KEYS
    assert figures["postings"] == 200
    assert figures["dask_matches_one_process"] is True
    assert figures["pool_matches_one_process"] is True
    assert any(line.startswith("Dask, 2 local workers") for line in table)
