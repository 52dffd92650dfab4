"""The run lock of a database wherever it lives: `take_lock` and `current_holder`.

A SQLite file's lock is the lock file beside it (`jobtrends.pipeline.ops.lock`). A PostgreSQL
database, which scrapers on several machines may share, holds its own lock: a `ServerLock` is a
session advisory lock in that database (`jobtrends.pipeline.store.AdvisoryLock`), with the same
meaning and messages: one run at a time, a second one refused naming the holder, a lock left by a
dead process recovered by the next run.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict
from datetime import UTC, datetime
from types import TracebackType

from jobtrends.pipeline.database import Database, DatabaseUrl
from jobtrends.pipeline.ops.lock import (
    RUN_LOCK,
    LockHolder,
    RunLock,
    RunLockedError,
    active_holder,
    lock_path,
    parse_holder,
)
from jobtrends.pipeline.store import AdvisoryLock, advisory_holder


class ServerLock:
    """A held run lock in a PostgreSQL database; release it by leaving the `with` block."""

    def __init__(self, lock: AdvisoryLock, holder: LockHolder, recovered: LockHolder | None):
        self._lock = lock
        self.holder = holder
        self.recovered = recovered
        """The previous holder when it died without releasing the lock (a crash), else None."""

    @classmethod
    def acquire(
        cls, url: DatabaseUrl, name: str, *, command: str, now: datetime | None = None
    ) -> ServerLock:
        """Take the lock or raise `RunLockedError` naming the live holder (never waits)."""
        moment = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
        holder = LockHolder(os.getpid(), socket.gethostname(), command, moment)
        lock, recorded = AdvisoryLock.try_acquire(url, name, json.dumps(asdict(holder)))
        previous = None if recorded is None else parse_holder(recorded)
        if lock is None:
            raise RunLockedError(f"{name!r} in {url}", previous, kind="advisory lock")
        return cls(lock, holder, previous)

    def release(self) -> None:
        self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.held

    def __enter__(self) -> ServerLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def take_lock(database: Database, name: str = RUN_LOCK, *, command: str) -> RunLock | ServerLock:
    """The lock `name` of `database`, held (see the module docstring), or `RunLockedError`."""
    if isinstance(database, DatabaseUrl):
        return ServerLock.acquire(database, name, command=command)
    return RunLock.acquire(lock_path(database, name), command=command)


def current_holder(database: Database, name: str = RUN_LOCK) -> LockHolder | None:
    """Who holds the lock `name` of `database` right now, or None (never waits)."""
    if isinstance(database, DatabaseUrl):
        recorded = advisory_holder(database, name)
        if recorded is None:
            return None
        return parse_holder(recorded) or LockHolder(0, "?", "?", "?")
    return active_holder(lock_path(database, name))
