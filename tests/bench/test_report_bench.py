"""`bench/report.py --quick` fills a store, times the real `jobtrends report` in its own process
and ends with the JSON line of figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "report.py"
KEYS = {"rss_1m_gb", "rss_1m_vs_100k", "time_1m_vs_100k", "site_1m_vs_10k", "sizes", "targets_met"}


@pytest.mark.slow
def test_quick_benchmark_prints_a_table_then_the_figures_as_json() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    *table, last = done.stdout.strip().splitlines()
    figures = json.loads(last)
    assert figures.keys() >= KEYS
    run = figures["sizes"]["2000"]
    assert run["peak_rss_mb"] > 50 and run["report_s"] > 0
    assert run["pages"] > 50 and run["site_mb"] > 1
    # Only 2,000 postings ran: the ratios between sizes are not made up.
    assert figures["rss_1m_vs_100k"] is None and figures["time_1m_vs_100k"] is None
    assert any(line.split()[:1] == ["2,000"] for line in table)
