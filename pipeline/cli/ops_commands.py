"""Operations on the command line: the run guard, `jobtrends schedule`, and what `status` adds.

`guarded_run` wraps every `run`/`scrape`: it takes the run lock (a second run is refused with the
holder's pid and start time), installs the SIGTERM/SIGINT handlers, and marks runs left `running`
by a crashed process as `abandoned`. `schedule` runs the `run` command on a cron schedule.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from jobtrends.pipeline.cli.context import AppContext, open_store
from jobtrends.pipeline.database import Database
from jobtrends.pipeline.errors import PipelineError
from jobtrends.pipeline.ops.database_lock import current_holder, take_lock
from jobtrends.pipeline.ops.lock import SCHEDULER_LOCK
from jobtrends.pipeline.ops.schedule import UNSUCCESSFUL, CronSchedule, ScheduleState, run_schedule
from jobtrends.pipeline.ops.shutdown import StopFlag, stop_on_signals
from jobtrends.pipeline.store import (
    RunSummary,
    ScheduleRecord,
    SourceHealth,
    Store,
    abandon_unfinished_runs,
    iso,
    load_schedule_state,
    save_schedule_state,
    utc_now,
)

log = logging.getLogger("jobtrends")

FAILED_RUNS = frozenset({"failed", "abandoned", "interrupted"})
"""Run statuses that make `jobtrends status` exit 1: the last run did not complete."""


@contextmanager
def guarded_run(app: AppContext, command: str) -> Iterator[StopFlag]:
    """Hold the run lock and the stop-signal handlers for one run (see the module docstring)."""
    database = app.settings.database
    with stop_on_signals() as stop, take_lock(database, command=command) as lock:
        if lock.recovered is not None:
            log.warning(
                "recovered a stale lock: %s did not finish (crashed or killed)",
                lock.recovered.describe(),
            )
        with open_store(app) as store:
            abandoned = abandon_unfinished_runs(store, utc_now())
        if abandoned:
            ids = ", ".join(str(run_id) for run_id in abandoned)
            log.warning("run %s never finished (its process died); marked abandoned", ids)
        yield stop


@click.command()
@click.option(
    "--cron",
    "expression",
    required=True,
    metavar="EXPR",
    help='Cron expression in local time, e.g. "0 6 * * *" (06:00 daily).',
)
@click.option(
    "--max-runs", type=click.IntRange(min=1), help="Exit after this many runs (default: never)."
)
@click.option("--once", is_flag=True, help="Run once at the next scheduled time, then exit.")
@click.option("--now", "run_now", is_flag=True, help="Also run once right away.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes for extraction.")
@click.option(
    "--out", type=click.Path(path_type=Path), help="Report folder (default report.output)."
)
@click.pass_context
def schedule(
    ctx: click.Context,
    expression: str,
    max_runs: int | None,
    once: bool,
    run_now: bool,
    workers: int | None,
    out: Path | None,
) -> None:
    """Run `jobtrends run` in the foreground on a cron schedule (for systemd or a container).

    Each run is logged; a failing run is logged and the schedule waits for the next time. Runs
    never overlap (a run still going at the next time makes that one skip). SIGTERM or SIGINT
    stops after the current source's transaction (exit 143 or 130).
    """
    app = ctx.find_object(AppContext)
    assert app is not None  # the group always sets it
    cron = CronSchedule.parse(expression)
    run_command = ctx.find_root().command
    assert isinstance(run_command, click.Group)
    run = run_command.get_command(ctx, "run")
    assert run is not None

    def job() -> str:
        outcome: str | None = ctx.invoke(run, workers=workers, out=out)
        return outcome or "ok"

    def record(state: ScheduleState) -> None:
        with open_store(app) as store:
            save_schedule_state(store, state.as_record())

    database = app.settings.database
    with (
        stop_on_signals(),
        take_lock(database, SCHEDULER_LOCK, command="schedule"),
    ):
        state = run_schedule(
            cron, job, record=record, max_runs=1 if once else max_runs, run_now=run_now
        )
    app.echo(f"schedule {cron.expression!r}: {state.runs} runs ({', '.join(state.outcomes)})")
    if state.last_outcome in UNSUCCESSFUL:
        raise PipelineError(f"the last scheduled run {state.last_outcome}; see the log above")


def operations_status(store: Store, database: Database) -> dict[str, Any]:
    """What a run in progress and the scheduler look like now, for `jobtrends status`."""
    holder = current_holder(database)
    state = load_schedule_state(store)
    scheduler = current_holder(database, SCHEDULER_LOCK)
    schedule = None
    if state is not None:
        running = scheduler is not None and scheduler.pid == state.pid
        schedule = _schedule_document(state, running=running)
    return {
        "active_run": None if holder is None else asdict(holder),
        "schedule": schedule,
    }


def _schedule_document(state: ScheduleRecord, *, running: bool) -> dict[str, Any]:
    """The stored schedule state as `status --json` shows it (times as UTC ISO 8601 text), and
    whether its scheduler is running now."""
    fields = {
        name: iso(value) if isinstance(value, datetime) else value
        for name, value in asdict(state).items()
    }
    return {**fields, "running": running}


def settle_run_statuses(runs: list[RunSummary], active_run: object | None) -> list[RunSummary]:
    """The runs, where one still marked `running` while no process holds the run lock has died:
    it shows as `abandoned` (the next run records that too)."""
    if active_run is not None:
        return runs
    return [replace(run, status="abandoned") if run.status == "running" else run for run in runs]


def failing_boards(health: list[SourceHealth], failed_runs: int) -> list[str]:
    """The targets that failed in each of their last `failed_runs` runs (a board that stays 404
    run after run): `jobtrends status` names them and exits 1."""
    return [item.target for item in health if item.failed_streak >= failed_runs]


def failing_line(failing: list[str], failed_runs: int) -> str:
    runs = "run" if failed_runs == 1 else f"{failed_runs} runs"
    return f"FAILING: {', '.join(failing)} failed in each of the last {runs} (status.failed_runs)"


def status_lines(operations: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    holder = operations["active_run"]
    if holder:
        lines.append(
            f"running now: `jobtrends {holder['command']}` as pid {holder['pid']} on "
            f"{holder['hostname']} since {holder['started_at']}"
        )
    state = operations["schedule"]
    if state is None:
        lines.append("schedule: none (start one with `jobtrends schedule --cron EXPR`)")
    elif state["running"]:
        lines.append(
            f"schedule: {state['cron']!r} (pid {state['pid']} on {state['hostname']}); "
            f"next run {state['next_run_at'] or 'now (running)'}; last {state['last_outcome']}"
        )
    else:
        lines.append(
            f"schedule: {state['cron']!r} is not running (pid {state['pid']} stopped "
            f"{state['stopped_at'] or 'without a clean exit'}); no next run"
        )
    return lines
