"""`SeenKeys`: the keys one job has met so far (e.g. an import's de-duplication keys), exact and in
bounded memory: they live in a scratch database on disk, deleted when the set is closed."""

from __future__ import annotations

from pathlib import Path

from jobtrends.pipeline.store import _sqlite

_COMMIT_EVERY = 10_000
_WHERE = Path("(scratch database)")


class SeenKeys:
    """Use with `with`; `first_time(key)` is True once per key."""

    def __init__(self) -> None:
        with _sqlite.storage_errors(_WHERE, "create the"):
            self._db = _sqlite.connect_temporary()
            self._db.execute("CREATE TABLE seen (key TEXT PRIMARY KEY) WITHOUT ROWID")
            self._db.execute("BEGIN")
        self._pending = 0
        self.count = 0

    def first_time(self, key: str) -> bool:
        """Record `key`; whether it was new."""
        with _sqlite.storage_errors(_WHERE, "write to the"):
            added = self._db.execute("INSERT OR IGNORE INTO seen (key) VALUES (?)", (key,))
            self._pending += 1
            if self._pending >= _COMMIT_EVERY:  # keeps the scratch journal short
                self._db.execute("COMMIT")
                self._db.execute("BEGIN")
                self._pending = 0
        new = added.rowcount == 1
        self.count += new
        return new

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SeenKeys:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
