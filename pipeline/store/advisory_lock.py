"""A run lock inside a PostgreSQL database, shared by every machine that uses it.

The lock is a session advisory lock (`pg_try_advisory_lock`) held on a connection of its own for
as long as the run lasts; who holds it (a JSON text the caller gives) is kept in `run_locks`, so a
refused run and `jobtrends status` can name the holder. The server drops the lock when that
connection ends, however its process ends (even SIGKILL), so a lock left by a dead process is never
in the way; its `run_locks` row stays behind, and the next holder gets it back as the previous
holder (stale-lock recovery), as with the lock file of a SQLite database.
"""

from __future__ import annotations

import zlib

from jobtrends.pipeline.database import DatabaseUrl
from jobtrends.pipeline.store._postgres import LOCK_SPACE
from jobtrends.pipeline.store.core import Store


def _key(name: str) -> str:
    """The advisory lock's two keys, as SQL: jobtrends' space and the lock's name."""
    return f"{LOCK_SPACE}, {zlib.crc32(f'jobtrends {name}'.encode()) & 0x7FFFFFFF}"


class AdvisoryLock:
    """A held lock; `release()` frees it (and so does the end of its process)."""

    def __init__(self, store: Store, name: str) -> None:
        self._store: Store | None = store
        self.name = name

    @classmethod
    def try_acquire(
        cls, url: DatabaseUrl, name: str, holder: str
    ) -> tuple[AdvisoryLock | None, str | None]:
        """Take the lock named `name` and record `holder`: (the lock, the holder recorded before,
        which did not release it), or (None, the holder now) when another session holds it."""
        store = Store.open(url)
        try:
            with store.backend.storage_errors(url, "lock"):
                taken = store.connection.execute(f"SELECT pg_try_advisory_lock({_key(name)})")
                recorded = _recorded(store, name)
                if not taken.fetchone()[0]:
                    store.close()
                    return None, recorded
                with store.transaction() as db:
                    db.execute(
                        "INSERT INTO run_locks (name, holder) VALUES (?, ?) "
                        "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder",
                        (name, holder),
                    )
        except BaseException:
            store.close()
            raise
        return cls(store, name), recorded

    def release(self) -> None:
        store, self._store = self._store, None
        if store is None:
            return
        try:
            with store.transaction() as db:
                db.execute("DELETE FROM run_locks WHERE name = ?", (self.name,))
        finally:
            store.close()  # ending the session frees the lock

    @property
    def held(self) -> bool:
        return self._store is not None


def advisory_holder(url: DatabaseUrl, name: str) -> str | None:
    """The recorded holder ("" when none was recorded) if some session holds the lock now, else
    None (never waits)."""
    with Store.open(url) as store, store.backend.storage_errors(url, "read"):
        free = store.connection.execute(f"SELECT pg_try_advisory_lock_shared({_key(name)})")
        if free.fetchone()[0]:
            store.connection.execute(f"SELECT pg_advisory_unlock_shared({_key(name)})")
            return None
        return _recorded(store, name) or ""


def _recorded(store: Store, name: str) -> str | None:
    row = store.row("SELECT holder FROM run_locks WHERE name = ?", (name,))
    return None if row is None else str(row["holder"])
