"""Everything SQLite-specific about the store, in one place (`_postgres` is its PostgreSQL twin;
both have the members `_backend.Backend` lists).

- `connect`: the connection settings (autocommit mode, rows by column name, WAL, foreign keys);
  `connect_temporary` a scratch database deleted on close.
- `immediate_transaction`: BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any exception.
- `storage_errors`: sqlite3's exceptions become `StorageError`, so no caller sees a dialect's type.
- `streamed_rows`: a large result as plain tuples, batch by batch.
- `inserted_id`: the id of the row an INSERT added (`cursor.lastrowid`; `RETURNING_ID` is empty).
- `schema_version` / `apply_migration`: the schema version lives in `PRAGMA user_version`.
- `ROW_ORDER`, `NULL_SAFE_DIFFERENT`: the two SQL fragments the store's queries need that are
  spelled differently in PostgreSQL (a `row_order` column; `IS DISTINCT FROM`).

The other store modules write plain SQL with `?` parameters and `ON CONFLICT` upserts, and read
rows by column name (`row["title"]`) as `Row`s from a `Connection`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jobtrends.pipeline.database import DatabaseUrl
from jobtrends.pipeline.errors import StorageError

Connection = sqlite3.Connection
Cursor = sqlite3.Cursor
Row = sqlite3.Row
Error = sqlite3.Error
"""The base class of every exception the database raises (wrapped by `storage_errors`)."""

NAME = "SQLite"
OPEN_HINT = "check the path (storage.database) and that the file is a jobtrends SQLite database"
ROW_ORDER = "rowid"
"""A column giving a table's insertion order (tables without an id column)."""
NULL_SAFE_DIFFERENT = "IS NOT"
"""`a IS NOT b`: true when a and b differ, NULL counting as a value."""
RETURNING_ID = ""
"""Appended to an INSERT whose new id `inserted_id` reads (SQLite: `lastrowid`, nothing to add)."""


def connect(path: Path) -> Connection:
    """Open (creating) the database file: autocommit (transactions are explicit), rows readable
    by column name, write-ahead logging, foreign keys enforced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None, timeout=30.0)
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def driver_error() -> type[Exception]:
    return sqlite3.Error


def connect_temporary() -> Connection:
    """A private scratch database on disk (SQLite's "" file name), deleted when closed: what
    spills past its small page cache goes to a temporary file, not to memory."""
    connection = sqlite3.connect("", isolation_level=None)
    connection.execute("PRAGMA cache_size = -2000")  # KiB of pages held in memory
    return connection


@contextmanager
def immediate_transaction(connection: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE (the write lock up front) ... COMMIT, rolled back on any exception."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


@contextmanager
def storage_errors(path: Path | DatabaseUrl, doing: str) -> Iterator[None]:
    """Raise `StorageError` ("cannot <doing> database <path>: <reason>") for a database error."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StorageError(f"cannot {doing} database {path}: {exc}") from exc


def streamed_rows(
    connection: Connection, sql: str, parameters: Sequence[object], size: int
) -> Iterator[list[tuple[Any, ...]]]:
    """A query's rows as plain tuples, `size` at a time: for reads of a whole table, where
    building a `Row` per result row took about half the time of reading it."""
    cursor = connection.cursor()
    cursor.row_factory = None
    cursor.execute(sql, parameters)
    while batch := cursor.fetchmany(size):
        yield batch


def inserted_id(cursor: Cursor) -> int:
    """The id (rowid) of the row the INSERT run on `cursor` added."""
    return int(cursor.lastrowid or 0)


def schema_version(connection: Connection) -> int:
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    return version


def apply_migration(connection: Connection, script: str, version: int) -> None:
    """Run one migration's statements and record `version`, all in one transaction."""
    try:
        connection.executescript(f"BEGIN; {script}; PRAGMA user_version = {version}; COMMIT;")
    except sqlite3.Error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
