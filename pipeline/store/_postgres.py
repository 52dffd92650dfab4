"""Everything PostgreSQL-specific about the store: the twin of `_sqlite` (see `_backend.Backend`).

psycopg 3 is used directly, not SQLAlchemy Core: the store already is a thin SQL layer of its own
(plain SQL, `?` parameters, `ON CONFLICT` upserts, rows by column name), so a second abstraction
would add a dependency and a query builder to learn without removing a line of it. What differs
between the dialects is small and explicit, here:

- `connect`: autocommit (transactions are explicit), rows readable by column name and position
  (`Row`), NUMERIC (what `SUM` of integers gives) read as int/float as SQLite gives them. psycopg
  is imported on first use, so SQLite users never need it (`pip install 'jobtrends[postgres]'`).
- `Connection.execute`: `?` becomes psycopg's `%s` (and a literal `%` becomes `%%`) outside
  quoted text; a NUL character, which PostgreSQL text cannot hold, becomes U+FFFD.
- `immediate_transaction`: BEGIN, then a transaction-level advisory lock that every writer takes
  first, like SQLite's BEGIN IMMEDIATE: writers from several machines take turns (no deadlock,
  no duplicate from two "not there yet" reads), readers are never blocked.
- `storage_errors`: psycopg's exceptions become `StorageError`; the URL's password never shows.
- `inserted_id` reads the `RETURNING id` an INSERT ends with (`RETURNING_ID`).
- `schema_version` / `apply_migration`: the version lives in a `schema_version` table; each
  migration runs in one write transaction (two processes opening a new database at once migrate
  it once), its DDL translated by `postgres_ddl`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from jobtrends.pipeline.database import Database, DatabaseUrl
from jobtrends.pipeline.errors import StorageError

if TYPE_CHECKING:
    import psycopg

NAME = "PostgreSQL"
OPEN_HINT = (
    "check the URL (storage.database), that the PostgreSQL server is running and that the "
    "database exists"
)
ROW_ORDER = "row_order"
"""The identity column `postgres_ddl` gives every table, standing in for SQLite's rowid."""
NULL_SAFE_DIFFERENT = "IS DISTINCT FROM"
RETURNING_ID = " RETURNING id"

LOCK_SPACE = 0x6A74
"""The first key of every advisory lock jobtrends takes (the second tells which lock)."""
WRITE_LOCK = 1


def _driver() -> Any:
    try:
        # Deferred for start-up time, and because psycopg is optional (the `postgres` extra).
        import psycopg
    except ImportError:
        raise StorageError(
            "a postgresql:// database needs psycopg: pip install 'jobtrends[postgres]'"
        ) from None
    return psycopg


def driver_error() -> type[Exception]:
    error: type[Exception] = _driver().Error
    return error


class Row(tuple[Any, ...]):
    """A result row read like sqlite3.Row: `row["title"]`, `row[0]`, unpacked in order."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(self._index[key] if isinstance(key, str) else key)

    def keys(self) -> list[str]:
        return list(self._index)


@cache
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "_index": {n: i for i, n in enumerate(names)}})


def _rows(cursor: Any) -> Any:
    """psycopg's row factory: each result row as a `Row` of the cursor's columns."""
    names = tuple(column.name for column in cursor.description or ())
    return _row_class(names)


_TOKEN = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|\?|%")


@cache
def placeholders(sql: str) -> str:
    """`sql` with `?` as `%s` and `%` as `%%`, quoted text and names left alone."""
    return _TOKEN.sub(lambda m: {"?": "%s", "%": "%%"}.get(m.group(), m.group()), sql)


def _values(parameters: Sequence[object]) -> tuple[object, ...]:
    return tuple(
        value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value
        for value in parameters
    )


class Connection:
    """A psycopg connection taking the store's `?` SQL (see `placeholders`)."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Sequence[object] = (), /) -> psycopg.Cursor[Any]:
        if not parameters:  # no parameters: sent as it is (and may hold several statements)
            return self.raw.execute(sql)
        return self.raw.execute(placeholders(sql), _values(parameters))

    def executemany(
        self, sql: str, parameters: Iterable[Sequence[object]], /
    ) -> psycopg.Cursor[Any]:
        cursor = self.raw.cursor()
        batch = [_values(row) for row in parameters]
        if batch:
            cursor.executemany(placeholders(sql), batch)
        return cursor

    def commit(self) -> None:
        """Nothing to do: the connection is in autocommit mode (transactions are explicit)."""

    def close(self) -> None:
        self.raw.close()


def connect(url: DatabaseUrl) -> Connection:
    """Connect to the server: autocommit, `Row`s, NUMERIC read as int or float."""
    psycopg = _driver()
    options: dict[str, Any] = {"autocommit": True, "row_factory": _rows}
    if "connect_timeout" not in url.url:
        options["connect_timeout"] = 10
    if "application_name" not in url.url:
        options["application_name"] = "jobtrends"
    raw = psycopg.connect(url.url, **options)
    raw.adapters.register_loader("numeric", _numeric_loader())
    return Connection(raw)


@cache
def _numeric_loader() -> type:
    # Deferred for start-up time: psycopg is loaded only for a PostgreSQL URL.
    from psycopg.adapt import Loader

    class NumericLoader(Loader):
        """NUMERIC as SQLite gives it: an int when whole (a SUM of integers), else a float."""

        def load(self, data: Any) -> int | float:
            text = bytes(data).decode()
            return int(text) if text.lstrip("-").isdigit() else float(text)

    return NumericLoader


@contextmanager
def immediate_transaction(connection: Connection) -> Iterator[Connection]:
    """BEGIN and the writers' advisory lock ... COMMIT, rolled back on any exception."""
    connection.execute("BEGIN")
    try:
        connection.execute(f"SELECT pg_advisory_xact_lock({LOCK_SPACE}, {WRITE_LOCK})")
        yield connection
    except BaseException:
        with suppress(driver_error()):  # a lost connection cannot roll back; the server does
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def scrubbed(message: str, location: Database) -> str:
    """A driver's message without the URL's password, should it quote it."""
    password = location.password if isinstance(location, DatabaseUrl) else None
    return message.replace(password, "***") if password else message


@contextmanager
def storage_errors(location: Database, doing: str) -> Iterator[None]:
    """Raise `StorageError` ("cannot <doing> database <url>: <reason>") for a database error."""
    try:
        yield
    except driver_error() as exc:
        reason = scrubbed(str(exc).strip(), location)
        raise StorageError(f"cannot {doing} database {location}: {reason}") from exc


def streamed_rows(
    connection: Connection, sql: str, parameters: Sequence[object], size: int
) -> Iterator[list[tuple[Any, ...]]]:
    """A query's rows as plain tuples, `size` at a time, from a server-side cursor: a client
    cursor would take the whole result into memory at once (a million postings' rows)."""
    # Deferred for start-up time: psycopg is loaded only for a PostgreSQL URL.
    from psycopg.rows import tuple_row

    raw = connection.raw
    with raw.transaction(), raw.cursor(name=_cursor_name(), row_factory=tuple_row) as cursor:
        cursor.execute(placeholders(sql), _values(parameters))
        while batch := cursor.fetchmany(size):
            yield batch


_cursor_numbers = itertools.count(1)


def _cursor_name() -> str:
    """A name no other open server-side cursor of this process has."""
    return f"jobtrends_stream_{next(_cursor_numbers)}"


def inserted_id(cursor: psycopg.Cursor[Any]) -> int:
    """The id the INSERT (ending with `RETURNING_ID`) run on `cursor` added."""
    row = cursor.fetchone()
    return 0 if row is None else int(row[0])


def schema_version(connection: Connection) -> int:
    exists = connection.execute("SELECT to_regclass('schema_version')").fetchone()
    if exists is None or exists[0] is None:
        return 0
    row = connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return 0 if row is None or row[0] is None else int(row[0])


def apply_migration(connection: Connection, script: str, version: int) -> None:
    """Run one migration (unless another process just did) and record `version`, in one
    transaction under the writers' lock."""
    with immediate_transaction(connection):
        connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
        if schema_version(connection) >= version:
            return
        connection.execute(postgres_ddl(script))
        connection.execute("DELETE FROM schema_version")
        connection.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))


_DDL = (
    (re.compile(r"\bINTEGER PRIMARY KEY\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),  # SQLite's INTEGER holds 64 bits
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),  # PostgreSQL's REAL is 32 bits
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),  # compared and sorted by code point
    (
        re.compile(r"\bCREATE TABLE (\w+) \("),
        rf"CREATE TABLE \1 ({ROW_ORDER} BIGINT GENERATED ALWAYS AS IDENTITY,",
    ),
)


def postgres_ddl(script: str) -> str:
    """A migration written for SQLite as PostgreSQL DDL: the type names above (upper-case words
    only: a column called `text` stays), and every table gets `row_order` (SQLite's rowid)."""
    for pattern, replacement in _DDL:
        script = pattern.sub(replacement, script)
    return script
