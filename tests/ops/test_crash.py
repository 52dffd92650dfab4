"""Crash safety for real: SIGKILL `jobtrends scrape` at 20+ random moments, then check the store."""

from __future__ import annotations

from pathlib import Path

from jobtrends.scraper.demo import DemoCorpus
from tests.ops.crash import kill_loop


def test_sigkill_at_random_moments_loses_and_duplicates_nothing(
    small_corpus: DemoCorpus, tmp_path: Path
) -> None:
    report = kill_loop(small_corpus, tmp_path, kills=20, seed=2026, real_first=1)

    assert report.kills == 20
    # Most kills land between the per-target transactions of a run in progress.
    assert report.mid_run >= 8, report
    assert report.final_returncode == 0
    # Every served posting is stored exactly once (duplicates are checked after every kill too).
    assert report.served == len(small_corpus.postings)
    assert report.lost == 0
    assert report.stored == report.served
