"""Running on a schedule: the one-run-at-a-time lock, the cron schedule and graceful shutdown."""

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
    "StopFlag",
    "active_holder",
    "lock_path",
    "run_schedule",
    "stop_on_signals",
]
