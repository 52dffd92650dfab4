"""The run log on a rerun: boards that answer 304 are counted as unchanged, not left out."""

from __future__ import annotations

from pathlib import Path

from jobtrends.scraper.demo import DemoCorpus, DemoServer
from tests.ops.conftest import invoke, run_sources, write_config


def test_boards_answering_304_count_their_open_postings_as_unchanged(
    small_corpus: DemoCorpus, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    with DemoServer(small_corpus) as server:
        targets = [t for t in server.targets() if t.source in ("greenhouse", "ashby")]
        config = write_config(tmp_path, targets, database)
        first = invoke("--config", config, "scrape")
        assert first.exit_code == 0, first.output
        stored = {row["target"]: row["new"] for row in run_sources(database)}
        again = invoke("--config", config, "scrape")
    assert again.exit_code == 0, again.output
    rows = run_sources(database)
    assert rows and all(row["status"] == "not_modified" for row in rows)
    assert {row["target"]: row["unchanged"] for row in rows} == stored
    assert sum(stored.values()) == sum(
        p.source in ("greenhouse", "ashby") for p in small_corpus.postings
    )
    assert f"{sum(stored.values())} unchanged postings" in again.output
