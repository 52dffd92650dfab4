"""Whole-table reads (`Backend.streamed_rows`) give plain tuples batch by batch, on SQLite and on
PostgreSQL, where a server-side cursor keeps the result on the server until it is fetched."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest

from jobtrends.pipeline.database import Database, DatabaseUrl
from jobtrends.pipeline.store import Store
from tests.pipeline.factories import T0, listing, posting
from tests.postgres_server import PostgresServer


@pytest.fixture
def store(database: Database) -> Iterator[Store]:
    with _filled(database) as opened:
        yield opened


@contextlib.contextmanager
def _filled(database: Database) -> Iterator[Store]:
    with Store.open(database) as opened:
        postings = [posting(str(number), title=f"Job {number}") for number in range(1, 8)]
        opened.save_listing(listing(*postings), source="greenhouse", board="acme", now=T0)
        yield opened


def test_the_rows_come_as_tuples_in_batches_of_the_size_asked(store: Store) -> None:
    sql = "SELECT id, title FROM postings WHERE source = ? ORDER BY id"
    batches = list(store.backend.streamed_rows(store.connection, sql, ("greenhouse",), 3))
    assert [len(batch) for batch in batches] == [3, 3, 1]
    rows = [row for batch in batches for row in batch]
    assert all(type(row) is tuple for row in rows)
    assert [title for _, title in rows] == [f"Job {number}" for number in range(1, 8)]


def test_a_postgresql_result_stays_on_the_server_until_it_is_fetched(
    postgres_server: PostgresServer,
) -> None:
    with _filled(DatabaseUrl(postgres_server.new_url())) as store:
        _stream_from_the_server(store)


def _stream_from_the_server(store: Store) -> None:
    sql = "SELECT id FROM postings WHERE source = ? ORDER BY id"
    batches = store.backend.streamed_rows(store.connection, sql, ("greenhouse",), 2)
    assert len(next(batches)) == 2
    open_cursors = store.connection.execute("SELECT name FROM pg_cursors").fetchall()
    assert [row[0] for row in open_cursors if str(row[0]).startswith("jobtrends_stream_")]
    assert sum(len(batch) for batch in batches) == 5
    assert store.connection.execute("SELECT name FROM pg_cursors").fetchall() == []
    store.connection.execute("SELECT 1")  # the connection is usable after the stream
