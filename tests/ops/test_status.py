"""`jobtrends status`: the last run, the next scheduled run, a run in progress, the exit code."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from croniter import croniter  # type: ignore[import-untyped]

from jobtrends.pipeline.ops.lock import lock_path
from jobtrends.pipeline.store import (
    SaveCounts,
    Store,
    TargetRecord,
    finish_run,
    record_target,
    start_run,
)
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


T = datetime(2026, 3, 1, tzinfo=UTC)


def _log_runs(database: Path, results: dict[str, list[str]]) -> None:
    """One run per position of the lists: each target's result in that run ("-": not in it)."""
    runs = max(len(statuses) for statuses in results.values())
    with Store.open(database) as store:
        for position in range(runs):
            run_id = start_run(store, "run", T)
            for target, statuses in results.items():
                status = statuses[position]
                if status == "-":
                    continue
                error = "fetching https://x.test/ failed: HTTP 404" if status == "failed" else None
                record = TargetRecord(
                    target, target.split(":")[0], T, T, 1, 10, SaveCounts(), status, error
                )
                record_target(store, run_id, record)
            finish_run(store, run_id, "partial", T)


def test_a_board_failing_in_each_of_its_last_n_runs_fails_status_and_is_named(
    tmp_path: Path,
) -> None:
    database = tmp_path / "jobtrends.db"
    _log_runs(
        database,
        {
            "greenhouse:gone": ["ok", "failed", "failed", "failed"],
            "lever:flaky": ["failed", "failed", "ok", "failed"],
            "ashby:fine": ["ok", "not_modified", "ok", "ok"],
        },
    )
    result = invoke("--database", database, "status")
    assert result.exit_code == 1  # the last run was only partial: the board is the reason
    assert (
        "FAILING: greenhouse:gone failed in each of the last 3 runs (status.failed_runs)"
        in result.stdout
    )
    assert "lever:flaky failed" not in result.stdout
    code, status = _json(database)
    assert code == 1 and status["failing_boards"] == ["greenhouse:gone"]
    assert status["failed_runs"] == 3
    streaks = {item["target"]: item["failed_streak"] for item in status["sources"]}
    assert streaks == {"ashby:fine": 0, "greenhouse:gone": 3, "lever:flaky": 1}


def test_failed_runs_comes_from_the_config_and_the_environment(tmp_path: Path) -> None:
    database = tmp_path / "jobtrends.db"
    _log_runs(database, {"greenhouse:gone": ["ok", "ok", "failed", "failed"]})
    assert invoke("--database", database, "status").exit_code == 0  # 2 of the last 3
    config = tmp_path / "jobtrends.toml"
    config.write_text("[status]\nfailed_runs = 2\n", "utf-8")
    flagged = invoke("--config", config, "--database", database, "status")
    assert flagged.exit_code == 1 and "greenhouse:gone failed in each of the last 2 runs" in (
        flagged.stdout
    )
    env = {"JOBTRENDS_STATUS_FAILED_RUNS": "5"}
    assert invoke("--config", config, "--database", database, "status", env=env).exit_code == 0
    config.write_text("[status]\nfailed_runs = 0\n", "utf-8")
    refused = invoke("--config", config, "--database", database, "status")
    assert refused.exit_code == 1 and "status.failed_runs" in refused.output


def test_a_board_with_fewer_runs_than_n_is_not_failing_yet(tmp_path: Path) -> None:
    database = tmp_path / "jobtrends.db"
    _log_runs(database, {"greenhouse:new": ["failed", "failed"], "lever:x": ["ok", "ok"]})
    code, status = _json(database)
    assert code == 0 and status["failing_boards"] == []
