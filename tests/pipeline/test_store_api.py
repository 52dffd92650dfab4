"""The store's typed rows and errors: callers get dataclasses and `StorageError`, never sqlite3."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from jobtrends.pipeline.database import Database
from jobtrends.pipeline.errors import StorageError
from jobtrends.pipeline.ops.schedule import ScheduleState
from jobtrends.pipeline.store import (
    RunSummary,
    ScheduleRecord,
    Store,
    load_schedule_state,
    recent_runs,
    save_schedule_state,
    start_run,
)

T0 = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
def store(database: Database) -> Iterator[Store]:
    with Store.open(database) as opened:
        yield opened


def test_the_schedule_state_is_one_row_read_back_as_a_record(store: Store) -> None:
    assert load_schedule_state(store) is None
    state = ScheduleState("0 6 * * *", 4242, "host", T0, next_run_at=T0 + timedelta(hours=18))
    save_schedule_state(store, state.as_record())
    assert load_schedule_state(store) == state.as_record()
    state.runs, state.last_outcome, state.last_run_at = 1, "ok", T0 + timedelta(hours=18)
    state.next_run_at, state.stopped_at = None, T0 + timedelta(days=1)
    save_schedule_state(store, state.as_record())
    assert load_schedule_state(store) == ScheduleRecord(
        cron="0 6 * * *",
        pid=4242,
        hostname="host",
        started_at=T0,
        next_run_at=None,
        last_run_at=T0 + timedelta(hours=18),
        last_outcome="ok",
        runs=1,
        stopped_at=T0 + timedelta(days=1),
    )
    assert store.connection.execute("SELECT COUNT(*) FROM schedule_state").fetchone()[0] == 1


def test_a_run_without_targets_sums_to_zero_and_counts_no_failures(store: Store) -> None:
    run_id = start_run(store, "scrape", T0)
    assert recent_runs(store) == [
        RunSummary(
            run_id, "scrape", "2026-03-01T12:00:00+00:00", None, "running", 0, None, 0, 0, 0, 0
        )
    ]


def test_a_failed_read_raises_storage_error(store: Store) -> None:
    store.connection.execute("DROP TABLE schedule_state")
    with pytest.raises(
        StorageError, match=r"cannot read database .*: (no such table|relation .* does not exist)"
    ):
        load_schedule_state(store)


def test_a_failed_write_raises_storage_error_and_rolls_back(store: Store) -> None:
    store.connection.execute("DROP TABLE schedule_state")
    record = ScheduleState.starting("* * * * *", T0).as_record()
    missing = r"cannot write to database .*: (no such table|relation .* does not exist)"
    with pytest.raises(StorageError, match=missing) as raised:
        save_schedule_state(store, record)
    assert isinstance(raised.value.__cause__, store.backend.driver_error())
    if isinstance(store.connection, sqlite3.Connection):
        assert not store.connection.in_transaction
    assert store.count("runs") == 0  # the connection is usable: no failed transaction left open
