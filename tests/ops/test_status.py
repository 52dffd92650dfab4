"""`jobtrends status`: the last run, the next scheduled run, a run in progress, the exit code."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from croniter import croniter  # type: ignore[import-untyped]

from jobtrends.pipeline.ops.lock import lock_path
from jobtrends.pipeline.store import Store
from tests.ops.conftest import invoke, wait_for
from tests.ops.forker import Forker
from tests.ops.test_lock import held_elsewhere

FAR = "0 0 1 1 *"  # midnight on New Year's Day: the scheduler just waits


def _state(database: Path) -> tuple[object, ...] | None:
    if not database.exists():
        return None
    with closing(sqlite3.connect(database)) as db:
        try:
            row = db.execute("SELECT pid, next_run_at, stopped_at FROM schedule_state").fetchone()
        except sqlite3.OperationalError:
            return None
    return None if row is None else tuple(row)


def test_status_shows_the_next_scheduled_run_while_the_scheduler_waits(
    forker: Forker, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    log = tmp_path / "schedule.log"
    pid = forker.start(["--database", str(database), "schedule", "--cron", FAR], log)
    try:
        wait_for(lambda: (_state(database) or (0,))[0] == pid)
        expected = croniter(FAR, datetime.now().astimezone()).get_next(datetime)
        code, status = _json(database)
        assert code == 0
        schedule = status["schedule"]
        assert schedule["running"] is True and schedule["pid"] == pid
        assert datetime.fromisoformat(schedule["next_run_at"]) == expected
        assert schedule["cron"] == FAR
        text = invoke("--database", database, "status").stdout
        assert f"schedule: '{FAR}' (pid {pid} on" in text
        assert f"next run {schedule['next_run_at']}" in text
    finally:
        os.kill(pid, signal.SIGTERM)
        returncode = forker.wait(pid)
    assert returncode == 143
    assert "interrupted: stopped by SIGTERM" in log.read_text("utf-8")
    code, status = _json(database)
    assert status["schedule"]["running"] is False and status["schedule"]["next_run_at"] is None
    assert "is not running" in invoke("--database", database, "status").stdout


def _json(database: Path) -> tuple[int, dict[str, Any]]:
    result = invoke("--database", database, "status", "--json")
    return result.exit_code, json.loads(result.stdout)


def test_status_names_a_run_in_progress(tmp_path: Path) -> None:
    database = tmp_path / "jobtrends.db"
    with Store.open(database) as store, store.transaction() as db:
        db.execute("INSERT INTO runs (command, started_at) VALUES ('run', '2026-01-01')")
    with held_elsewhere(lock_path(database), "run") as pid:
        code, status = _json(database)
        text = invoke("--database", database, "status").stdout
    assert code == 0  # running is not failing
    assert status["active_run"]["pid"] == pid and status["active_run"]["command"] == "run"
    assert f"running now: `jobtrends run` as pid {pid}" in text
    assert "schedule: none" in text


@pytest.mark.parametrize(
    ("last", "code"),
    [("ok", 0), ("partial", 0), ("failed", 1), ("interrupted", 1), ("abandoned", 1)],
)
def test_status_exits_non_zero_when_the_last_run_did_not_complete(
    last: str, code: int, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    with Store.open(database) as store, store.transaction() as db:
        db.execute("INSERT INTO runs (command, started_at, status) VALUES ('run', '1', 'failed')")
        db.execute("INSERT INTO runs (command, started_at, status) VALUES ('run', '2', ?)", (last,))
    result = invoke("--database", database, "status")
    assert result.exit_code == code
    assert "#2 run" in result.stdout and last in result.stdout
