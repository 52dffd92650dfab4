"""The seam between the store and its database: the shape every backend gives the store's modules.

A backend is a module (`_sqlite`, `_postgres`) with the members of `Backend`; `backend_for` picks
the one a location needs (a `Path`: SQLite, a `DatabaseUrl`: PostgreSQL). The store's modules
write one SQL for both: `?` parameters, `ON CONFLICT` upserts, rows read by column name or
position; where the dialects differ they use the backend's fragments (`store.backend.ROW_ORDER`,
`NULL_SAFE_DIFFERENT`, `RETURNING_ID` with `inserted_id`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from jobtrends.pipeline.database import Database, DatabaseUrl
from jobtrends.pipeline.store import _postgres, _sqlite

Row = Any
"""A result row: `row["title"]` or `row[0]`, (`sqlite3.Row`, `_postgres.Row`)."""


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ..., /) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...

    def close(self) -> None: ...


class Backend(Protocol):
    """What `_sqlite` and `_postgres` both define (see their docstrings)."""

    NAME: str
    ROW_ORDER: str
    NULL_SAFE_DIFFERENT: str
    RETURNING_ID: str
    OPEN_HINT: str

    def connect(self, location: Any) -> Connection: ...

    def driver_error(self) -> type[Exception]: ...

    def immediate_transaction(self, connection: Any) -> AbstractContextManager[Connection]: ...

    def storage_errors(self, location: Database, doing: str) -> AbstractContextManager[None]: ...

    def streamed_rows(
        self, connection: Any, sql: str, parameters: Sequence[object], size: int
    ) -> Iterator[list[tuple[Any, ...]]]: ...

    def inserted_id(self, cursor: Any) -> int: ...

    def schema_version(self, connection: Any) -> int: ...

    def apply_migration(self, connection: Any, script: str, version: int) -> None: ...


def backend_for(location: Database) -> Backend:
    """The backend of `location` (psycopg itself is loaded only when a URL is connected to)."""
    return _postgres if isinstance(location, DatabaseUrl) else _sqlite
