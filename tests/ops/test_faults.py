"""Fault injection per source type: each fault is one clear per-source error, the other sources
complete, and nothing stored before is lost or changed."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.ops.conftest import (
    few_targets,
    invoke,
    postings_rows,
    run_sources,
    status_json,
    write_config,
)
from tests.ops.fault_server import FAULTS, SOURCE_TYPES, FaultServer

OK_STATUSES = {"ok", "not_modified"}
CIRCUIT_OPEN = "circuit open"


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory, fault_server: FaultServer) -> Path:
    """A database filled by one healthy scrape of the test targets."""
    folder = tmp_path_factory.mktemp("baseline")
    database = folder / "base.db"
    fault_server.heal()
    config = write_config(folder, few_targets(fault_server), database)
    result = invoke("--config", config, "scrape")
    assert result.exit_code == 0, result.output
    assert all(row["status"] == "ok" for row in run_sources(database))
    return database


@pytest.fixture
def database(baseline: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "jobtrends.db"
    with sqlite3.connect(baseline) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def _without_last_seen(rows: list[tuple[object, ...]], database: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as db:
        names = [row[1] for row in db.execute("PRAGMA table_info(postings)")]
    skip = names.index("last_seen")
    return [row[:skip] + row[skip + 1 :] for row in rows]


@pytest.mark.parametrize("source", SOURCE_TYPES)
@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_fault_fails_only_its_source_and_keeps_stored_postings(
    kind: str, source: str, server: FaultServer, database: Path, tmp_path: Path
) -> None:
    # No retries: a persistent fault fails the same way, only later (retries are tested below).
    config = write_config(tmp_path, few_targets(server), database, max_retries=0)
    faulted_before = postings_rows(database, f"source = '{source}'")
    all_before = postings_rows(database)
    assert faulted_before, "the baseline stored postings of every source"

    server.inject(source, kind)
    result = invoke("--config", config, "scrape")

    assert result.exit_code == 0, result.output  # a partial run: the other sources completed
    rows = run_sources(database)
    faulted = [row for row in rows if row["source"] == source]
    others = [row for row in rows if row["source"] != source]
    assert faulted and others
    assert all(row["status"] in OK_STATUSES for row in others), others
    assert all(row["status"] == "failed" for row in faulted)
    errors = [row["error"].lower() for row in faulted]
    evidence = FAULTS[kind].evidence
    assert any(any(word in error for word in evidence) for error in errors), errors
    for error in errors:
        assert "127.0.0." in error  # names the URL
        assert any(word in error for word in evidence) or CIRCUIT_OPEN in error, error

    code, status = status_json(config)
    assert code == 0  # the last run is partial, not failed
    health = {item["target"]: item for item in status["sources"]}
    for row in faulted:
        assert health[row["target"]]["status"] == "failed"
        assert health[row["target"]]["error"] == row["error"]
    text = invoke("--config", config, "status").stdout
    assert "FAILING" in text and faulted[0]["error"] in text

    assert postings_rows(database, f"source = '{source}'") == faulted_before
    after = postings_rows(database)
    assert _without_last_seen(after, database) == _without_last_seen(all_before, database)


@pytest.mark.parametrize("kind", ["burst_500_503", "rate_limited_429"])
def test_a_short_burst_is_retried_and_every_source_completes(
    kind: str, server: FaultServer, database: Path, tmp_path: Path
) -> None:
    config = write_config(tmp_path, few_targets(server), database)
    for source in SOURCE_TYPES:
        server.inject(source, kind, first=1)
    started = time.monotonic()
    result = invoke("--config", config, "scrape")
    assert result.exit_code == 0, result.output
    assert all(row["status"] in OK_STATUSES for row in run_sources(database))
    if kind == "rate_limited_429":
        assert time.monotonic() - started >= 1.0  # Retry-After: 1 was honoured
