"""The run log: one row per run, one per (run, source target) with counts, and each error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jobtrends.pipeline.store.core import SaveCounts, Store, iso


@dataclass(frozen=True, slots=True)
class TargetRecord:
    target: str
    source: str
    started_at: datetime
    finished_at: datetime
    requests: int
    bytes: int
    counts: SaveCounts
    status: str  # ok | not_modified | partial (stored, but part of it failed) | failed
    error: str | None = None
    error_url: str | None = None
    error_status: int | None = None


def start_run(store: Store, command: str, now: datetime) -> int:
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO runs (command, started_at) VALUES (?, ?)" + store.backend.RETURNING_ID,
            (command, iso(now)),
        )
        return store.backend.inserted_id(cursor)


def record_target(store: Store, run_id: int, record: TargetRecord) -> None:
    with store.transaction() as db:
        db.execute(
            "INSERT INTO run_sources (run_id, target, source, started_at, finished_at, requests, "
            "bytes, new, updated, closed, unchanged, status, error) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run_id,
                record.target,
                record.source,
                iso(record.started_at),
                iso(record.finished_at),
                record.requests,
                record.bytes,
                record.counts.new,
                record.counts.updated,
                record.counts.closed,
                record.counts.unchanged,
                record.status,
                record.error,
            ),
        )
        if record.error:
            db.execute(
                "INSERT INTO run_errors (run_id, target, url, status, message) "
                "VALUES (?, ?, ?, ?, ?)",
                (run_id, record.target, record.error_url, record.error_status, record.error),
            )


def finish_run(store: Store, run_id: int, status: str, now: datetime) -> None:
    with store.transaction() as db:
        db.execute(
            "UPDATE runs SET finished_at = ?, status = ? WHERE id = ?", (iso(now), status, run_id)
        )


@dataclass(frozen=True, slots=True)
class RunSummary:
    """A run with its targets' totals. Times are the stored UTC ISO 8601 text."""

    id: int
    command: str
    started_at: str
    finished_at: str | None
    status: str  # running | ok | partial | failed | interrupted | abandoned
    targets: int
    failed: int | None  # None when the run recorded no target
    new: int
    updated: int
    closed: int
    requests: int


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """A target's latest result, how many of its last five results were failures, and how many of
    its latest results in a row failed (`failed_streak`, counted back as far as `source_health`
    is asked to look)."""

    target: str
    source: str
    status: str  # ok | not_modified | failed
    error: str | None
    finished_at: str  # stored UTC ISO 8601 text
    new: int
    updated: int
    closed: int
    unchanged: int
    requests: int
    recent_failures: int
    failed_streak: int = 0


def recent_runs(store: Store, limit: int = 10) -> list[RunSummary]:
    """The latest `limit` runs, newest first."""
    rows = store.rows(
        "SELECT r.id, r.command, r.started_at, r.finished_at, r.status, "
        "COUNT(s.target) AS targets, "
        "SUM(CASE WHEN s.status = 'failed' THEN 1 WHEN s.status IS NOT NULL THEN 0 END) AS failed, "
        "COALESCE(SUM(s.new), 0) AS new, COALESCE(SUM(s.updated), 0) AS updated, "
        "COALESCE(SUM(s.closed), 0) AS closed, COALESCE(SUM(s.requests), 0) AS requests "
        "FROM runs r LEFT JOIN run_sources s ON s.run_id = r.id "
        "GROUP BY r.id ORDER BY r.id DESC LIMIT ?",
        (limit,),
    )
    return [RunSummary(*row) for row in rows]


def source_health(store: Store, streak_limit: int = 5) -> list[SourceHealth]:
    """Per target (in name order): its latest result, how many of its last five failed, and how
    many of its latest results in a row failed (up to `streak_limit`, at least five)."""
    window = max(5, streak_limit)
    order = store.backend.ROW_ORDER  # run_sources has no id: its insertion order tells the latest
    rows = store.rows(
        "SELECT target, source, status, error, finished_at, new, updated, closed, unchanged, "
        f"requests FROM run_sources s WHERE {order} = (SELECT MAX({order}) FROM run_sources "
        "WHERE target = s.target) ORDER BY target"
    )
    health = []
    for row in rows:
        recent = store.rows(
            f"SELECT status FROM run_sources WHERE target = ? ORDER BY {order} DESC LIMIT ?",
            (row["target"], window),
        )
        failures = sum(result["status"] == "failed" for result in recent[:5])
        streak = next(
            (n for n, result in enumerate(recent) if result["status"] != "failed"), len(recent)
        )
        health.append(
            SourceHealth(
                target=row["target"],
                source=row["source"],
                status=row["status"],
                error=row["error"],
                finished_at=row["finished_at"],
                new=row["new"],
                updated=row["updated"],
                closed=row["closed"],
                unchanged=row["unchanged"],
                requests=row["requests"],
                recent_failures=failures,
                failed_streak=streak,
            )
        )
    return health


def abandon_unfinished_runs(store: Store, now: datetime) -> list[int]:
    """Mark runs still `running` as `abandoned` (their process died); return their ids.

    Only call this while holding the run lock: then no run can really be in progress.
    """
    with store.transaction() as db:
        ids = [int(row["id"]) for row in db.execute("SELECT id FROM runs WHERE status = 'running'")]
        db.execute(
            "UPDATE runs SET status = 'abandoned', finished_at = ? WHERE status = 'running'",
            (iso(now),),
        )
    return ids
