"""`jobtrends schedule`: cron times, runs that fail without ending the schedule, and its state."""

from __future__ import annotations

import signal
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from jobtrends.pipeline.errors import PipelineError
from jobtrends.pipeline.ops.lock import RunLockedError
from jobtrends.pipeline.ops.schedule import (
    CronSchedule,
    ScheduleError,
    ScheduleState,
    run_schedule,
)
from jobtrends.pipeline.ops.shutdown import STOP, Interrupted, stop_on_signals
from jobtrends.scraper.errors import FetchError
from tests.ops.conftest import few_targets, invoke, status_json, write_config
from tests.ops.fault_server import SOURCE_TYPES, FaultServer

START = datetime(2026, 3, 1, 5, 30, tzinfo=UTC)


class FakeTime:
    """A clock that only moves when the scheduler waits."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.waits: list[float] = []

    def clock(self) -> datetime:
        return self.now

    def wait(self, seconds: float) -> bool:
        self.waits.append(seconds)
        self.now += timedelta(seconds=seconds)
        return False


@pytest.mark.parametrize(
    "expression", ["", "daily", "61 * * * *", "* * *", "0 6 * * * * * *", "0 25 * * *", "\x00"]
)
def test_an_invalid_cron_expression_says_what_is_expected(expression: str) -> None:
    with pytest.raises(ScheduleError, match="expected five fields"):
        CronSchedule.parse(expression)


def test_next_times_follow_the_expression_in_the_given_time_zone() -> None:
    daily = CronSchedule.parse(" 0  6 * * * ")
    assert daily.expression == "0 6 * * *"
    assert daily.next_after(START) == datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
    assert daily.next_after(START.replace(hour=6)) == datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
    berlin = timezone(timedelta(hours=1))
    local = daily.next_after(START.astimezone(berlin))  # 06:30 there: 06:00 has passed
    assert local == datetime(2026, 3, 2, 6, 0, tzinfo=berlin)
    assert CronSchedule.parse("@hourly").next_after(START) == datetime(2026, 3, 1, 6, tzinfo=UTC)


def test_each_run_starts_at_its_time_and_a_failing_run_does_not_end_the_schedule() -> None:
    fake = FakeTime(START)
    started: list[datetime] = []
    failures: list[BaseException] = [
        PipelineError("every source failed"),
        FetchError("http://127.0.0.1/x", "boom", 500),
        RunLockedError(Path("db.run.lock"), None),
        KeyError("a bug"),
    ]

    def job() -> str:
        started.append(fake.now)
        if len(started) <= len(failures):
            raise failures[len(started) - 1]
        return "partial"

    recorded: list[tuple[datetime | None, int]] = []

    def record(state: ScheduleState) -> None:
        recorded.append((state.next_run_at, state.runs))

    state = run_schedule(
        CronSchedule.parse("0 */6 * * *"),
        job,
        record=record,
        clock=fake.clock,
        wait=fake.wait,
        max_runs=5,
    )
    first = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
    assert started == [first + timedelta(hours=6 * n) for n in range(5)]
    assert state.outcomes == ["failed", "failed", "skipped", "error", "partial"]
    assert state.runs == 5 and state.last_outcome == "partial"
    assert max(fake.waits) <= 60.0  # the clock is re-read at least every minute
    assert (first, 0) in recorded  # the next time was recorded before waiting for it
    assert recorded[-1] == (None, 5) and state.stopped_at == started[-1]


def test_run_now_runs_once_before_the_first_scheduled_time() -> None:
    fake = FakeTime(START)
    times: list[datetime] = []
    run_schedule(
        CronSchedule.parse("0 6 * * *"),
        lambda: times.append(fake.now) or "ok",
        clock=fake.clock,
        wait=fake.wait,
        max_runs=2,
        run_now=True,
    )
    assert times == [START, datetime(2026, 3, 1, 6, tzinfo=UTC)]


def test_a_stop_while_waiting_ends_the_schedule_and_clears_the_next_time() -> None:
    fake = FakeTime(START)
    states: list[ScheduleState] = []

    def wait(seconds: float) -> bool:
        STOP.request(signal.SIGTERM)
        return True

    with stop_on_signals(), pytest.raises(Interrupted):
        run_schedule(
            CronSchedule.parse("0 6 * * *"),
            lambda: "ok",
            record=states.append,
            clock=fake.clock,
            wait=wait,
        )
    assert states[-1].next_run_at is None and states[-1].stopped_at is not None
    assert states[-1].runs == 0


@pytest.fixture
def broken_then_healthy(server: FaultServer) -> Iterator[FaultServer]:
    """The first run finds every source failing (one request per target); later ones are fine."""
    per_source = {t.source: 0 for t in few_targets(server)}
    for target in few_targets(server):
        per_source[target.source] += 1
    for source, count in per_source.items():
        server.inject(source, "html_error_page_200", first=count)
    yield server


def test_cli_schedule_survives_a_failing_run_and_records_its_state(
    broken_then_healthy: FaultServer, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    config = write_config(tmp_path, few_targets(broken_then_healthy), database, max_retries=0)
    out = tmp_path / "report"
    result = invoke(
        "--config", config, "schedule", "--cron", "* * * * * *", "--max-runs", "2", "--out", out
    )
    assert result.exit_code == 0, result.output
    assert "scheduled run failed: every source failed" in result.stderr
    assert "scheduled run 2 finished: ok" in result.stderr
    assert "schedule '* * * * * *': 2 runs (failed, ok)" in result.stdout
    assert (out / "index.html").exists()
    with closing(sqlite3.connect(database)) as db:
        runs = db.execute("SELECT command, status FROM runs ORDER BY id").fetchall()
        state = db.execute("SELECT cron, runs, last_outcome, next_run_at, stopped_at "
                           "FROM schedule_state").fetchone()  # fmt: skip
    assert runs == [("run", "failed"), ("run", "ok")]
    assert state[:4] == ("* * * * * *", 2, "ok", None) and state[4] is not None
    code, status = status_json(config)
    assert code == 0 and status["schedule"]["running"] is False
    assert status["schedule"]["last_outcome"] == "ok"


def test_cli_schedule_once_exits_non_zero_when_its_run_failed(
    server: FaultServer, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    config = write_config(tmp_path, few_targets(server), database, max_retries=0)
    for source in SOURCE_TYPES:
        server.inject(source, "truncated_json")
    result = invoke("--config", config, "schedule", "--cron", "* * * * * *", "--once")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "error: the last scheduled run failed; see the log above"
    )


def test_cli_schedule_rejects_a_bad_expression_in_one_line(tmp_path: Path) -> None:
    result = invoke("--database", tmp_path / "x.db", "schedule", "--cron", "every day")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "invalid cron expression 'every day'" in result.stderr
    assert not (tmp_path / "x.db").exists()
