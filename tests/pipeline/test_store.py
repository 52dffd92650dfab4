import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from jobtrends.pipeline.errors import StorageError
from jobtrends.pipeline.migrations import SCHEMA_VERSION
from jobtrends.pipeline.store import Store
from jobtrends.scraper.records import Listing, Validators
from tests.pipeline.factories import T0, listing, posting


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "db" / "jobtrends.db")
    yield opened
    opened.close()


def rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.connection.execute(sql).fetchall()]


def test_open_creates_schema_in_wal_mode(store: Store) -> None:
    assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in rows(store, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "postings",
        "extractions",
        "mentions",
        "runs",
        "run_sources",
        "http_validators",
    } <= tables


def test_reopen_does_not_migrate_twice(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store.open(path).close()
    with Store.open(path) as again:
        assert again.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match=r"cannot open database .*junk.db"):
        Store.open(path)


def test_new_unchanged_updated_closed_reopened(store: Store) -> None:
    counts = store.save_listing(
        listing(posting("1"), posting("2")), source="greenhouse", board="acme", now=T0
    )
    assert (counts.new, counts.updated, counts.closed, counts.unchanged) == (2, 0, 0, 0)

    later = T0 + timedelta(days=1)
    counts = store.save_listing(
        listing(posting("1"), posting("2", text="Now with JAX.")),
        source="greenhouse",
        board="acme",
        now=later,
    )
    assert (counts.new, counts.updated, counts.unchanged) == (0, 1, 1)
    versions = rows(store, "SELECT COUNT(*) FROM posting_versions WHERE posting_id = 2")
    assert versions == [(2,)]

    counts = store.save_listing(
        listing(posting("2", text="Now with JAX.")), source="greenhouse", board="acme", now=later
    )
    assert counts.closed == 1
    assert rows(store, "SELECT external_id, closed_at IS NOT NULL FROM postings ORDER BY id") == [
        ("1", 1),
        ("2", 0),
    ]
    assert rows(store, "SELECT first_seen FROM postings WHERE external_id = '1'") == [
        ("2026-03-01T12:00:00+00:00",)
    ]

    counts = store.save_listing(
        listing(posting("1"), posting("2", text="Now with JAX.")),
        source="greenhouse",
        board="acme",
        now=later,
    )
    assert counts.updated == 1  # reopened
    assert rows(store, "SELECT COUNT(*) FROM postings WHERE closed_at IS NULL") == [(2,)]


def test_incomplete_listing_closes_nothing_and_other_boards_are_untouched(store: Store) -> None:
    store.save_listing(
        listing(posting("1"), posting("9", board="other")),
        source="greenhouse",
        board="acme",
        now=T0,
    )
    counts = store.save_listing(listing(complete=False), source="greenhouse", board="acme", now=T0)
    assert counts.closed == 0
    counts = store.save_listing(listing(), source="greenhouse", board="acme", now=T0)
    assert counts.closed == 1
    assert rows(store, "SELECT external_id FROM postings WHERE closed_at IS NULL") == [("9",)]


def test_not_modified_writes_nothing(store: Store) -> None:
    store.save_listing(listing(posting("1")), source="greenhouse", board="acme", now=T0)
    before = rows(store, "SELECT * FROM postings")
    counts = store.save_listing(
        Listing(not_modified=True), source="greenhouse", board="acme", now=T0 + timedelta(days=2)
    )
    assert (counts.new, counts.closed, counts.unchanged) == (0, 0, 0)
    assert rows(store, "SELECT * FROM postings") == before


def test_validators_saved_with_the_listing(store: Store) -> None:
    url = "https://boards.example/v1/boards/acme/jobs"
    store.save_listing(
        listing(
            posting("1"), validators={url: Validators('"abc"', "Mon, 02 Mar 2026 10:00:00 GMT")}
        ),
        source="greenhouse",
        board="acme",
        now=T0,
    )
    assert store.validators(url) == Validators('"abc"', "Mon, 02 Mar 2026 10:00:00 GMT")
    assert store.validators("https://elsewhere") is None


def test_a_failure_mid_listing_rolls_back_the_whole_listing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_listing(listing(posting("1")), source="greenhouse", board="acme", now=T0)
    calls = {"n": 0}
    real = Store._upsert

    def failing(self: Store, db: sqlite3.Connection, item: object, stamp: str) -> str:
        calls["n"] += 1
        if calls["n"] == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, db, item, stamp)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_upsert", failing)
    with pytest.raises(sqlite3.OperationalError):
        store.save_listing(
            listing(posting("2"), posting("3")), source="greenhouse", board="acme", now=T0
        )
    assert rows(store, "SELECT external_id, closed_at FROM postings") == [("1", None)]


def test_duplicate_ids_in_one_listing_are_stored_once(store: Store) -> None:
    counts = store.save_listing(
        listing(posting("1"), posting("1")), source="greenhouse", board="acme", now=T0
    )
    assert counts.new == 1
    assert store.count("postings") == 1
