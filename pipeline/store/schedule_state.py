"""Where `jobtrends schedule` stands: one row, rewritten whenever the scheduler's state changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jobtrends.pipeline.store.core import Store, iso

_COLUMNS = (
    "cron, pid, hostname, started_at, next_run_at, last_run_at, last_outcome, runs, stopped_at"
)


@dataclass(frozen=True, slots=True)
class ScheduleRecord:
    """The scheduler's cron expression, process, next scheduled time and last outcome."""

    cron: str
    pid: int
    hostname: str
    started_at: datetime
    next_run_at: datetime | None
    last_run_at: datetime | None
    last_outcome: str | None
    runs: int
    stopped_at: datetime | None


def save_schedule_state(store: Store, record: ScheduleRecord) -> None:
    """Store `record` as the one row of `schedule_state`."""
    with store.transaction() as db:
        db.execute(
            f"INSERT INTO schedule_state (id, {_COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET cron = excluded.cron, pid = excluded.pid, "
            "hostname = excluded.hostname, started_at = excluded.started_at, "
            "next_run_at = excluded.next_run_at, last_run_at = excluded.last_run_at, "
            "last_outcome = excluded.last_outcome, runs = excluded.runs, "
            "stopped_at = excluded.stopped_at",
            (
                record.cron,
                record.pid,
                record.hostname,
                iso(record.started_at),
                iso(record.next_run_at),
                iso(record.last_run_at),
                record.last_outcome,
                record.runs,
                iso(record.stopped_at),
            ),
        )


def load_schedule_state(store: Store) -> ScheduleRecord | None:
    """The stored scheduler state (times in UTC), or None when no schedule ever ran."""
    row = store.row(f"SELECT {_COLUMNS} FROM schedule_state WHERE id = 1")
    if row is None:
        return None
    return ScheduleRecord(
        cron=row["cron"],
        pid=row["pid"],
        hostname=row["hostname"],
        started_at=datetime.fromisoformat(row["started_at"]),
        next_run_at=_moment(row["next_run_at"]),
        last_run_at=_moment(row["last_run_at"]),
        last_outcome=row["last_outcome"],
        runs=row["runs"],
        stopped_at=_moment(row["stopped_at"]),
    )


def _moment(stored: str | None) -> datetime | None:
    return None if stored is None else datetime.fromisoformat(stored)
