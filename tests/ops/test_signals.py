"""SIGTERM/SIGINT: finish the current transaction, log the run as interrupted, exit cleanly."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from jobtrends.pipeline.cli import orchestration
from jobtrends.pipeline.config import load_settings
from jobtrends.pipeline.ops.lock import active_holder, lock_path
from jobtrends.pipeline.ops.shutdown import STOP, Interrupted, StopFlag, stop_on_signals
from jobtrends.pipeline.store import Store
from tests.ops.conftest import (
    few_targets,
    invoke,
    run_sources,
    status_json,
    wait_for,
    write_config,
)
from tests.ops.crash import check_database
from tests.ops.fault_server import FaultServer
from tests.ops.forker import Forker


def _stored_targets(database: Path) -> int:
    if not database.exists():
        return 0
    with closing(sqlite3.connect(database)) as db:
        try:
            return int(db.execute("SELECT COUNT(*) FROM run_sources").fetchone()[0])
        except sqlite3.OperationalError:  # the schema is still being created
            return 0


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_after_the_current_target_and_exits_cleanly(
    signum: signal.Signals, code: int, forker: Forker, slow_server: FaultServer, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    targets = slow_server.targets()
    config = write_config(tmp_path, targets, database, per_host_concurrency=1)
    log = tmp_path / "scrape.log"
    pid = forker.start(["--config", str(config), "scrape"], log)
    wait_for(lambda: _stored_targets(database) >= 1)

    os.kill(pid, signum)
    started = time.monotonic()
    assert forker.wait(pid) == code
    assert time.monotonic() - started < 5.0
    text = log.read_text("utf-8")
    assert f"interrupted: stopped by {signum.name}" in text
    assert "Traceback" not in text and "exception" not in text.lower()

    check_database(database)
    rows = run_sources(database)
    assert 1 <= len(rows) < len(targets)
    with closing(sqlite3.connect(database)) as db:
        run = db.execute("SELECT status, finished_at FROM runs").fetchall()
        stored = db.execute("SELECT COUNT(*) FROM postings").fetchone()[0]
    # Every stored target is stored whole, and nothing of the others (the database was empty).
    assert stored == sum(row["new"] for row in rows)
    assert all(row["status"] == "ok" for row in rows)
    assert run[0][0] == "interrupted" and run[0][1] is not None
    assert active_holder(lock_path(database)) is None
    exit_code, status = status_json(config)
    assert exit_code == 1 and status["runs"][0]["status"] == "interrupted"


def test_a_second_signal_kills_at_once(
    forker: Forker, slow_server: FaultServer, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    config = write_config(tmp_path, slow_server.targets(), database, per_host_concurrency=1)
    before = slow_server.total_requests()
    pid = forker.start(["--config", str(config), "scrape"], tmp_path / "log")
    wait_for(lambda: slow_server.total_requests() > before)
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.01)
    os.kill(pid, signal.SIGTERM)
    assert forker.wait(pid) == -signal.SIGTERM
    check_database(database)


def test_a_stop_requested_before_any_target_is_stored_stores_nothing(
    server: FaultServer, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    config = write_config(tmp_path, few_targets(server), database)
    stop = StopFlag()
    stop.request(signal.SIGTERM)
    with Store.open(database) as store, pytest.raises(Interrupted) as stopped:
        orchestration.scrape(load_settings(config), store, stop=stop)
    assert stopped.value.exit_code == 143
    assert run_sources(database) == []
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
        assert db.execute("SELECT COUNT(*) FROM postings").fetchone()[0] == 0
    result = invoke("--config", config, "scrape")  # the next run picks up everything
    assert result.exit_code == 0
    assert {row["status"] for row in run_sources(database)} == {"ok"}


def test_handlers_are_installed_for_the_block_only_and_nest() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with stop_on_signals() as outer:
        installed = signal.getsignal(signal.SIGTERM)
        assert installed is not before
        with stop_on_signals() as inner:
            assert inner is outer
            outer.request(signal.SIGTERM)
        assert outer.requested  # the nested block neither cleared nor restored anything
        assert signal.getsignal(signal.SIGTERM) is installed
    assert signal.getsignal(signal.SIGTERM) is before
    assert not STOP.requested


def test_a_signal_wakes_a_waiting_scheduler_at_once() -> None:
    with stop_on_signals() as stop:
        threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGTERM)).start()
        started = time.monotonic()
        assert stop.wait(10.0) is True
        assert time.monotonic() - started < 5.0
        with pytest.raises(Interrupted, match="SIGTERM"):
            stop.check()
