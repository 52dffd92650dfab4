"""`bench/dask_extract.py --quick` runs end to end and ends with the JSON line of figures."""

from __future__ import annotations

import pytest

from tests.bench.quick import quick_run
from tests.dask_cluster import dask_or_skip

KEYS = {
    "postings", "pipeline_1proc_pps", "dask_2workers_pps", "pool_2workers_pps",
    "dask_speedup", "machine_speedup", "ratio", "target_met", "dask_set_up_s", "ratio_with_set_up",
}  # fmt: skip


@pytest.mark.slow
def test_quick_dask_benchmark_prints_a_table_then_the_figures_as_json() -> None:
    dask_or_skip()
    table, figures = quick_run("dask_extract.py", "--postings", "200", timeout=600)
    assert figures.keys() >= KEYS
    assert figures["postings"] == 200
    assert figures["dask_matches_one_process"] is True
    assert figures["pool_matches_one_process"] is True
    assert any(line.startswith("Dask, 2 local workers") for line in table)
