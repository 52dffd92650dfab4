"""`bench/report.py --quick` fills a store, times the real `jobtrends report` in its own process
and ends with the JSON line of figures."""

from __future__ import annotations

import pytest

from tests.bench.quick import quick_run

KEYS = {"rss_1m_gb", "rss_1m_vs_100k", "time_1m_vs_100k", "site_1m_vs_10k", "sizes", "targets_met"}


@pytest.mark.slow
def test_quick_benchmark_prints_a_table_then_the_figures_as_json() -> None:
    table, figures = quick_run("report.py", timeout=600)
    assert figures.keys() >= KEYS
    run = figures["sizes"]["2000"]
    assert run["peak_rss_mb"] > 50 and run["report_s"] > 0
    assert run["pages"] > 50 and run["site_mb"] > 1
    # Only 2,000 postings ran: the ratios between sizes are not made up.
    assert figures["rss_1m_vs_100k"] is None and figures["time_1m_vs_100k"] is None
    assert any(line.split()[:1] == ["2,000"] for line in table)
