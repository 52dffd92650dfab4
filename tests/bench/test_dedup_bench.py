"""`bench/dedup.py --quick` fills a store, runs the dedup pass three times in processes of their
own and ends with the JSON line of figures."""

from __future__ import annotations

import pytest

from tests.bench.quick import quick_run


@pytest.mark.slow
def test_quick_benchmark_prints_a_table_then_the_figures_as_json() -> None:
    table, figures = quick_run("dedup.py", timeout=300)
    run = figures["sizes"]["4000"]
    assert run["first"]["changed"] > 1000  # copies and reposts were linked
    assert run["rerun"]["changed"] == 0  # nothing new, nothing changed
    assert 0 < run["after_new"]["changed"] <= 100
    assert all(run[name]["peak_rss_mb"] > 10 for name in ("first", "rerun", "after_new"))
    # Only 4,000 postings ran: the ratio between sizes is not made up.
    assert figures["rerun_rss_1m_vs_100k"] is None
    assert [line.split()[1] for line in table[1:]] == ["first", "rerun", "after_new"]
