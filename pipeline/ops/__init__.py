"""Running on a schedule: the one-run-at-a-time lock, the cron schedule and graceful shutdown.

`take_lock`/`current_holder` pick the lock a database has: a lock file beside a SQLite file
(`RunLock`), an advisory lock inside a PostgreSQL database (`ServerLock`).
"""

from jobtrends.pipeline.ops.database_lock import ServerLock, current_holder, take_lock
from jobtrends.pipeline.ops.lock import (
    RUN_LOCK,
    SCHEDULER_LOCK,
    LockHolder,
    RunLock,
    RunLockedError,
    active_holder,
    lock_path,
)
from jobtrends.pipeline.ops.schedule import CronSchedule, ScheduleError, run_schedule
from jobtrends.pipeline.ops.shutdown import STOP, Interrupted, StopFlag, stop_on_signals

__all__ = [
    "RUN_LOCK",
    "SCHEDULER_LOCK",
    "STOP",
    "CronSchedule",
    "Interrupted",
    "LockHolder",
    "RunLock",
    "RunLockedError",
    "ScheduleError",
    "ServerLock",
    "StopFlag",
    "active_holder",
    "current_holder",
    "lock_path",
    "run_schedule",
    "stop_on_signals",
    "take_lock",
]
