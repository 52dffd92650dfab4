"""Run a job on a cron schedule in the foreground, and keep where the schedule stands.

`run_schedule` waits for each time the cron expression names (computed with croniter, in the
machine's local time zone like cron itself), runs the job, logs the outcome, and waits for the next
time; a failing run is logged and the schedule goes on. A stop request (SIGTERM/SIGINT, see
`jobtrends.pipeline.ops.shutdown`) ends the wait at once, or ends a run at its next safe point.

`ScheduleState.as_record()` is what the CLI stores whenever the state changes: the expression, the
scheduler's pid and host, the next scheduled time and the last outcome, so that `jobtrends status`
can show the next run.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from croniter import croniter  # type: ignore[import-untyped]

from jobtrends.pipeline.errors import PipelineError
from jobtrends.pipeline.ops.lock import RunLockedError
from jobtrends.pipeline.ops.shutdown import STOP, Interrupted
from jobtrends.pipeline.store import ScheduleRecord, iso
from jobtrends.scraper.errors import ScraperError

log = logging.getLogger("jobtrends")

Job = Callable[[], str]
"""Runs once and returns its outcome (e.g. "ok", "partial"); raises on failure."""
Clock = Callable[[], datetime]
Wait = Callable[[float], bool]
"""Sleeps up to the given seconds; True when a stop was requested meanwhile."""
Record = Callable[["ScheduleState"], None]

LONGEST_NAP = 60.0  # re-read the clock at least this often (suspend, clock changes)
UNSUCCESSFUL = frozenset({"failed", "error", "skipped"})


class ScheduleError(PipelineError):
    """The cron expression cannot be used."""


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True, slots=True)
class CronSchedule:
    expression: str

    @classmethod
    def parse(cls, expression: str) -> CronSchedule:
        """A validated schedule; `ScheduleError` explaining the expected form otherwise."""
        text = " ".join(expression.split())
        try:
            valid = bool(text) and croniter.is_valid(text)
        except Exception:  # croniter raises assorted errors for odd input
            valid = False
        if not valid:
            raise ScheduleError(
                f"invalid cron expression {expression!r}: expected five fields "
                '(minute hour day-of-month month day-of-week), e.g. "0 6 * * *" for 06:00 daily'
            )
        return cls(text)

    def next_after(self, moment: datetime) -> datetime:
        """The first scheduled time strictly after `moment` (aware), in `moment`'s time zone."""
        found: datetime = croniter(self.expression, moment).get_next(datetime)
        return found


@dataclass(slots=True)
class ScheduleState:
    cron: str
    pid: int
    hostname: str
    started_at: datetime
    next_run_at: datetime | None = None
    last_run_at: datetime | None = None
    last_outcome: str | None = None
    runs: int = 0
    stopped_at: datetime | None = None
    outcomes: list[str] = field(default_factory=list)

    @classmethod
    def starting(cls, cron: str, now: datetime) -> ScheduleState:
        return cls(cron, os.getpid(), socket.gethostname(), now)

    def as_record(self) -> ScheduleRecord:
        """What the store keeps of this state (all but the list of outcomes)."""
        return ScheduleRecord(
            cron=self.cron,
            pid=self.pid,
            hostname=self.hostname,
            started_at=self.started_at,
            next_run_at=self.next_run_at,
            last_run_at=self.last_run_at,
            last_outcome=self.last_outcome,
            runs=self.runs,
            stopped_at=self.stopped_at,
        )


def run_schedule(
    schedule: CronSchedule,
    job: Job,
    *,
    record: Record = lambda state: None,
    clock: Clock = local_now,
    wait: Wait = STOP.wait,
    max_runs: int | None = None,
    run_now: bool = False,
) -> ScheduleState:
    """Run `job` at every scheduled time until `max_runs` runs (forever when None) or a stop.

    `record` is called whenever the state changes (the CLI stores it for `status`). Returns the
    final state; raises `Interrupted` when a stop request ended it.
    """
    state = ScheduleState.starting(schedule.expression, clock())
    try:
        if run_now and max_runs != 0:
            _run_once(job, state, clock, record)
        while max_runs is None or state.runs < max_runs:
            state.next_run_at = schedule.next_after(clock())
            record(state)
            log.info("schedule %r: next run at %s", schedule.expression, iso(state.next_run_at))
            if _wait_until(state.next_run_at, clock, wait):
                STOP.check()
                break
            _run_once(job, state, clock, record)
    finally:
        state.next_run_at = None
        state.stopped_at = clock()
        record(state)
    return state


def _wait_until(due: datetime, clock: Clock, wait: Wait) -> bool:
    while (remaining := (due - clock()).total_seconds()) > 0:
        if wait(min(remaining, LONGEST_NAP)):
            return True
    return False


def _run_once(job: Job, state: ScheduleState, clock: Clock, record: Record) -> None:
    started = clock()
    state.next_run_at = None
    log.info("scheduled run %d starting at %s", state.runs + 1, iso(started))
    try:
        outcome = job()
    except Interrupted:
        _finish(state, started, "interrupted", record)
        raise
    except RunLockedError as exc:
        log.warning("scheduled run skipped: %s", exc)
        outcome = "skipped"
    except (PipelineError, ScraperError) as exc:
        log.error("scheduled run failed: %s", exc)
        outcome = "failed"
    except Exception:
        # The schedule outlives a bug in one run, as cron would; the traceback goes to the log.
        log.exception("scheduled run crashed; waiting for the next scheduled time")
        outcome = "error"
    _finish(state, started, outcome, record)
    seconds = (clock() - started).total_seconds()
    log.info("scheduled run %d finished: %s after %.1fs", state.runs, outcome, seconds)


def _finish(state: ScheduleState, started: datetime, outcome: str, record: Record) -> None:
    state.runs += 1
    state.last_run_at = started
    state.last_outcome = outcome
    state.outcomes.append(outcome)
    record(state)
