"""Runs never overlap: the lock refuses a second run, names the holder, and recovers stale locks."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from jobtrends.pipeline.ops.lock import (
    SCHEDULER_LOCK,
    LockHolder,
    RunLock,
    RunLockedError,
    active_holder,
    lock_path,
)
from jobtrends.pipeline.store import Store
from tests.ops.conftest import few_targets, invoke, run_sources, status_json, write_config
from tests.ops.fault_server import FaultServer

HOLD = """
import sys
from pathlib import Path
from jobtrends.pipeline.ops.lock import RunLock
lock = RunLock.acquire(Path(sys.argv[1]), command=sys.argv[2])
print("locked", flush=True)
sys.stdin.read()
lock.release()
"""


@contextmanager
def held_elsewhere(path: Path, command: str = "run") -> Iterator[int]:
    """Hold the lock at `path` in another process until the block ends; yield its pid."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "locked"
        yield process.pid
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def test_the_lock_records_its_holder_and_is_empty_after_release(tmp_path: Path) -> None:
    path = lock_path(tmp_path / "jobtrends.db")
    assert path.name == "jobtrends.db.run.lock"
    with RunLock.acquire(path, command="scrape") as lock:
        assert lock.holder.pid == os.getpid()
        assert lock.holder.hostname == socket.gethostname()
        assert active_holder(path) == lock.holder
        with pytest.raises(RunLockedError):
            RunLock.acquire(path, command="run")  # same process: still one run at a time
    assert path.read_text() == ""
    assert active_holder(path) is None


def test_a_second_process_is_refused_with_pid_and_start_time(tmp_path: Path) -> None:
    path = lock_path(tmp_path / "jobtrends.db")
    with held_elsewhere(path) as pid:
        holder = active_holder(path)
        assert holder is not None and holder.pid == pid and holder.command == "run"
        with pytest.raises(RunLockedError) as refused:
            RunLock.acquire(path, command="scrape")
        message = str(refused.value)
        assert f"pid {pid}" in message and holder.started_at in message
        assert "`jobtrends run`" in message
    with RunLock.acquire(path, command="scrape") as lock:  # free once the holder is gone
        assert lock.recovered is None  # it released cleanly


def test_a_lock_left_by_a_dead_process_is_recovered(tmp_path: Path) -> None:
    path = lock_path(tmp_path / "jobtrends.db")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    stale = LockHolder(int(dead.stdout), socket.gethostname(), "run", "2026-01-01T06:00:00+00:00")
    path.write_text(json.dumps({"pid": stale.pid, "hostname": stale.hostname,
                                "command": "run", "started_at": stale.started_at}))  # fmt: skip
    with RunLock.acquire(path, command="run") as lock:
        assert lock.recovered == stale
        assert lock.holder.pid == os.getpid()


@pytest.mark.parametrize("garbage", ["", "not json", "[1, 2]", '{"pid": "x"}', "\udcff"])
def test_garbage_in_the_lock_file_does_not_block(tmp_path: Path, garbage: str) -> None:
    path = lock_path(tmp_path / "jobtrends.db")
    path.write_bytes(garbage.encode("utf-8", "surrogateescape"))
    with RunLock.acquire(path, command="run") as lock:
        assert lock.recovered is None


@pytest.mark.parametrize("command", ["run", "scrape"])
def test_cli_refuses_a_second_run_in_one_line_and_writes_nothing(
    command: str, server: FaultServer, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    config = write_config(tmp_path, few_targets(server), database)
    with held_elsewhere(lock_path(database), "schedule") as pid:
        result = invoke("--config", config, command)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: another jobtrends process is active")
    assert f"pid {pid}" in lines[0] and "running since" in lines[0]
    assert not database.exists()


def test_cli_refuses_a_second_scheduler(server: FaultServer, tmp_path: Path) -> None:
    database = tmp_path / "jobtrends.db"
    config = write_config(tmp_path, few_targets(server), database)
    with held_elsewhere(lock_path(database, SCHEDULER_LOCK), "schedule") as pid:
        result = invoke("--config", config, "schedule", "--cron", "0 6 * * *", "--once")
    assert result.exit_code == 1
    assert f"`jobtrends schedule` as pid {pid}" in result.stderr


def test_after_a_crash_the_next_run_recovers_and_marks_the_dead_run(
    server: FaultServer, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    config = write_config(tmp_path, few_targets(server), database)
    with Store.open(database) as store, store.transaction() as db:
        db.execute("INSERT INTO runs (command, started_at) VALUES ('scrape', '2026-01-01')")
    path = lock_path(database)
    path.write_text(json.dumps({"pid": 999_999_999, "hostname": socket.gethostname(),
                                "command": "scrape", "started_at": "2026-01-01"}))  # fmt: skip
    code, before = status_json(config)
    assert code == 1 and before["runs"][0]["status"] == "abandoned"  # no process holds the lock

    result = invoke("--config", config, "scrape")

    assert result.exit_code == 0, result.output
    assert "recovered a stale lock: `jobtrends scrape` as pid 999999999" in result.stderr
    assert "run 1 never finished" in result.stderr
    with closing(sqlite3.connect(database)) as db:
        statuses = db.execute("SELECT id, status FROM runs ORDER BY id").fetchall()
    assert statuses == [(1, "abandoned"), (2, "ok")]
    assert all(row["status"] == "ok" for row in run_sources(database))
