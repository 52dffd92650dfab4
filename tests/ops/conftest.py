"""Fixtures of the operations tests: a small demo corpus, the fault server, CLI helpers."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from jobtrends.pipeline.cli import cli
from jobtrends.scraper.demo import DemoCorpus, generate_corpus
from jobtrends.scraper.targets import Target
from tests.ops.fault_server import MAX_BYTES, TIMEOUT, FaultServer, config_text
from tests.ops.forker import Forker

# Fast, bounded client settings: no politeness delay, one retry, small timeout and size cap.
FAST_HTTP: dict[str, Any] = {
    "min_delay": 0.0,
    "max_retries": 1,
    "timeout": TIMEOUT,
    "max_bytes": MAX_BYTES,
    "per_host_concurrency": 4,
    "respect_robots": False,
}


@pytest.fixture(scope="session")
def small_corpus() -> DemoCorpus:
    return generate_corpus(seed=11, postings=151, months=3)


@pytest.fixture(scope="session")
def fault_server(small_corpus: DemoCorpus) -> Iterator[FaultServer]:
    with FaultServer(small_corpus) as server:
        yield server


@pytest.fixture(scope="session")
def slow_server(small_corpus: DemoCorpus) -> Iterator[FaultServer]:
    """Every response takes 0.1-0.2 s, so a whole scrape takes seconds."""
    with FaultServer(small_corpus, delay=(0.1, 0.2), seed=3) as server:
        yield server


@pytest.fixture(scope="session")
def forker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Forker]:
    """Starts `jobtrends` processes that can be signalled or killed, without the import cost."""
    with Forker(tmp_path_factory.mktemp("forker")) as helper:
        yield helper


def wait_for(condition: Callable[[], bool], limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.fixture
def server(fault_server: FaultServer) -> Iterator[FaultServer]:
    """The session's fault server, healthy at the start and the end of each test."""
    fault_server.heal()
    yield fault_server
    fault_server.heal()


def few_targets(server: FaultServer, per_source: int = 2) -> list[Target]:
    """The first `per_source` boards of each source type, and Hacker News."""
    chosen: list[Target] = []
    for target in server.targets():
        if sum(t.source == target.source for t in chosen) < per_source:
            chosen.append(target)
    return chosen


def write_config(folder: Path, targets: list[Target], database: Path, **http: Any) -> Path:
    path = folder / "jobtrends.toml"
    path.write_text(config_text(targets, str(database), **{**FAST_HTTP, **http}), "utf-8")
    return path


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args], env=env)


def status_json(config: Path) -> tuple[int, dict[str, Any]]:
    result = invoke("--config", config, "status", "--json")
    return result.exit_code, json.loads(result.stdout)


def postings_rows(database: Path, where: str = "1 = 1") -> list[tuple[Any, ...]]:
    with sqlite3.connect(database) as db:
        return db.execute(f"SELECT * FROM postings WHERE {where} ORDER BY id").fetchall()


def run_sources(database: Path, run_id: int | None = None) -> list[dict[str, Any]]:
    with sqlite3.connect(database) as db:
        db.row_factory = sqlite3.Row
        if run_id is None:
            run_id = db.execute("SELECT MAX(id) FROM runs").fetchone()[0]
        rows = db.execute("SELECT * FROM run_sources WHERE run_id = ?", (run_id,)).fetchall()
    return [dict(row) for row in rows]
