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
from tests.ops.fault_server import FAULTS, SOURCE_TYPES, FaultServer, evidence

OK_STATUSES = {"ok", "not_modified"}
CIRCUIT_OPEN = "circuit open"
# robots.txt is obeyed, so the jsonld sites' robots.txt is fetched and can fail too.
ROBOTS = {"respect_robots": True}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory, fault_server: FaultServer) -> Path:
    """A database filled by one healthy scrape of the test targets."""
    folder = tmp_path_factory.mktemp("baseline")
    database = folder / "base.db"
    fault_server.heal()
    config = write_config(folder, few_targets(fault_server), database, **ROBOTS)
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


def fault_rounds(per_run: int = 5) -> list[dict[str, str]]:
    """Runs that together inject every fault kind into every source type once.

    Round r gives source i the kind (i + r) mod K (a Latin square, so each pair comes up exactly
    once); a round is split into runs of `per_run` faulted sources, and every other source of
    the run stays healthy and must complete.
    """
    kinds = sorted(FAULTS)
    runs: list[dict[str, str]] = []
    for round_ in range(len(kinds)):
        assignment = {s: kinds[(i + round_) % len(kinds)] for i, s in enumerate(SOURCE_TYPES)}
        sources = list(assignment)
        for start in range(0, len(sources), per_run):
            runs.append({s: assignment[s] for s in sources[start : start + per_run]})
    return runs


ROUNDS = fault_rounds()


def test_the_rounds_cover_every_fault_for_every_source() -> None:
    pairs = [(source, kind) for run in ROUNDS for source, kind in run.items()]
    assert sorted(pairs) == sorted((s, k) for s in SOURCE_TYPES for k in FAULTS)
    assert all(len(run) < len(SOURCE_TYPES) for run in ROUNDS)


@pytest.mark.parametrize(
    "faults", ROUNDS, ids=lambda run: ",".join(f"{s}={k}" for s, k in run.items())
)
def test_faults_fail_only_their_sources_and_keep_stored_postings(
    faults: dict[str, str], server: FaultServer, database: Path, tmp_path: Path
) -> None:
    # No retries: a persistent fault fails the same way, only later (retries are tested below).
    config = write_config(tmp_path, few_targets(server), database, max_retries=0, **ROBOTS)
    all_before = postings_rows(database)
    before = {source: postings_rows(database, f"source = '{source}'") for source in faults}
    assert all(before.values()), "the baseline stored postings of every source"

    for source, kind in faults.items():
        server.inject(source, kind)
    result = invoke("--config", config, "scrape")

    assert result.exit_code == 0, result.output  # a partial run: the other sources completed
    rows = run_sources(database)
    others = [row for row in rows if row["source"] not in faults]
    unhealthy = [(r["target"], r["error"]) for r in others if r["status"] not in OK_STATUSES]
    assert others and not unhealthy, unhealthy
    code, status = status_json(config)
    assert code == 0  # the last run is partial, not failed
    health = {item["target"]: item for item in status["sources"]}
    text = invoke("--config", config, "status").stdout
    for source, kind in faults.items():
        faulted = [row for row in rows if row["source"] == source]
        assert faulted and all(row["status"] == "failed" for row in faulted), faulted
        errors = [row["error"].lower() for row in faulted]
        expected = evidence(source, kind)
        assert any(any(word in error for word in expected) for error in errors), (kind, errors)
        for row, error in zip(faulted, errors, strict=True):
            assert "127.0.0." in error  # names the URL
            assert any(word in error for word in expected) or CIRCUIT_OPEN in error, error
            assert health[row["target"]]["status"] == "failed"
            assert health[row["target"]]["error"] == row["error"]
            assert row["error"] in text
        assert postings_rows(database, f"source = '{source}'") == before[source]
    assert "FAILING" in text
    after = postings_rows(database)
    assert _without_last_seen(after, database) == _without_last_seen(all_before, database)


@pytest.mark.parametrize("kind", ["burst_500_503", "rate_limited_429"])
def test_a_short_burst_is_retried_and_every_source_completes(
    kind: str, server: FaultServer, database: Path, tmp_path: Path
) -> None:
    config = write_config(tmp_path, few_targets(server), database, **ROBOTS)
    for source in SOURCE_TYPES:
        server.inject(source, kind, first=1)
    started = time.monotonic()
    result = invoke("--config", config, "scrape")
    assert result.exit_code == 0, result.output
    assert all(row["status"] in OK_STATUSES for row in run_sources(database))
    if kind == "rate_limited_429":
        assert time.monotonic() - started >= 1.0  # Retry-After: 1 was honoured


ON_THE_WIRE = sorted(kind for kind in FAULTS if evidence("jsonld", kind) == FAULTS[kind].evidence)
GARBLED = sorted(kind for kind in FAULTS if kind not in ON_THE_WIRE)


def _only_job_pages_fail(
    kind: str, server: FaultServer, database: Path, tmp_path: Path
) -> tuple[list[dict[str, object]], list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Scrape with `kind` on the jsonld sites' job pages only (robots.txt and sitemaps healthy):
    (the jsonld rows of the run log, the jsonld postings before, after)."""
    config = write_config(tmp_path, few_targets(server), database, max_retries=0, **ROBOTS)
    before = postings_rows(database, "source = 'jsonld'")
    assert before, "the baseline stored postings of the jsonld sites"
    server.inject("jsonld", kind, only="/jobs/")
    result = invoke("--config", config, "scrape")
    assert result.exit_code == 0, result.output
    rows = [row for row in run_sources(database) if row["source"] == "jsonld"]
    after = postings_rows(database, "source = 'jsonld'")
    return rows, _without_last_seen(before, database), _without_last_seen(after, database)


@pytest.mark.parametrize("kind", ON_THE_WIRE)
def test_a_job_page_failing_on_the_wire_fails_its_site_and_changes_nothing(
    kind: str, server: FaultServer, database: Path, tmp_path: Path
) -> None:
    rows, before, after = _only_job_pages_fail(kind, server, database, tmp_path)
    assert rows and all(row["status"] == "failed" for row in rows), rows
    for row in rows:
        error = str(row["error"]).lower()
        assert "/jobs/" in error or CIRCUIT_OPEN in error, error
        assert any(word in error for word in evidence("jsonld", kind)) or CIRCUIT_OPEN in error
    assert after == before


# Known defect, left to the jsonld source's owner: a 200 page without JobPosting markup (an HTML
# error page, a cut or mis-encoded page, an XML body) counts as a job whose markup was removed, so
# the complete listing closes every posting of the site. Strict: the test says when it is fixed.
@pytest.mark.parametrize("kind", GARBLED)
def test_a_garbled_job_page_served_with_200_closes_nothing(
    kind: str, server: FaultServer, database: Path, tmp_path: Path
) -> None:
    _, before, after = _only_job_pages_fail(kind, server, database, tmp_path)
    assert after == before
