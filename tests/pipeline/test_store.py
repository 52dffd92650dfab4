import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from jobtrends.pipeline.cli.orchestration import scrape
from jobtrends.pipeline.config import load_settings
from jobtrends.pipeline.database import Database
from jobtrends.pipeline.errors import StorageError
from jobtrends.pipeline.frames import build_frames
from jobtrends.pipeline.store import (
    SaveCounts,
    Store,
    iso,
    load_posting_texts,
    pending_ids,
    save_extractions,
)
from jobtrends.pipeline.store.migrations import MIGRATIONS, SCHEMA_VERSION
from jobtrends.scraper.demo.corpus import generate_corpus
from jobtrends.scraper.demo.server import DemoServer
from jobtrends.scraper.records import Listing, Validators
from tests.pipeline.factories import T0, extraction, listing, posting

DAY = timedelta(days=1)
HISTORY_TABLES = ("postings", "posting_versions")
UNTOUCHED_BY_A_RERUN = (*HISTORY_TABLES, "http_validators", "dedup_blocks")


@pytest.fixture
def store(database: Database) -> Store:
    """A new store on each backend (SQLite and PostgreSQL, see tests/conftest.py)."""
    opened = Store.open(database)
    yield opened
    opened.close()


def save(store: Store, board_listing: Listing, day: int) -> SaveCounts:
    """Save a listing of greenhouse:acme on day `day` after T0."""
    return store.save_listing(board_listing, source="greenhouse", board="acme", now=T0 + day * DAY)


def rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.connection.execute(sql).fetchall()]


def test_open_creates_schema_in_wal_mode(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "jobtrends.db")
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
        "board_snapshots",
        "dedup_blocks",
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


def test_not_modified_writes_no_postings_and_confirms_the_snapshot(store: Store) -> None:
    store.save_listing(listing(posting("1")), source="greenhouse", board="acme", now=T0)
    before = rows(store, "SELECT * FROM postings")
    later = T0 + timedelta(days=2)
    counts = store.save_listing(
        Listing(not_modified=True), source="greenhouse", board="acme", now=later
    )
    assert (counts.new, counts.closed, counts.unchanged) == (0, 0, 1)  # its one open posting
    assert rows(store, "SELECT * FROM postings") == before
    assert store.last_listed("greenhouse", "acme") == later
    assert store.last_listed("greenhouse", "other") is None
    elsewhere = store.save_listing(
        Listing(not_modified=True), source="greenhouse", board="other", now=later
    )
    assert elsewhere.unchanged == 0


def test_an_unchanged_listing_writes_no_posting_rows(store: Store) -> None:
    board = listing(posting("1"), posting("2"))
    store.save_listing(board, source="greenhouse", board="acme", now=T0)
    snapshot = [rows(store, f"SELECT * FROM {table}") for table in HISTORY_TABLES]
    counts = store.save_listing(board, source="greenhouse", board="acme", now=T0 + DAY)
    assert counts.unchanged == 2 and (counts.new, counts.updated, counts.closed) == (0, 0, 0)
    assert [rows(store, f"SELECT * FROM {table}") for table in HISTORY_TABLES] == snapshot
    assert store.last_listed("greenhouse", "acme") == T0 + DAY


def test_closing_keeps_the_last_listing_that_still_had_the_posting(store: Store) -> None:
    for day in range(3):
        store.save_listing(
            listing(posting("1"), posting("2")),
            source="greenhouse",
            board="acme",
            now=T0 + day * DAY,
        )
    save(store, listing(posting("2")), 5)
    assert rows(store, "SELECT last_seen, closed_at FROM postings WHERE external_id = '1'") == [
        (iso(T0 + 2 * DAY), iso(T0 + 5 * DAY))
    ]
    assert rows(store, "SELECT last_seen FROM postings WHERE external_id = '2'") == [(iso(T0),)]


def test_frames_derive_last_seen_of_open_postings_from_the_board_snapshot(store: Store) -> None:
    for day in (0, 4):
        store.save_listing(
            listing(posting("1"), posting("2")),
            source="greenhouse",
            board="acme",
            now=T0 + day * DAY,
        )
    save(store, listing(posting("2")), 9)
    loaded = load_posting_texts(store, pending_ids(store, "v"))
    results = [extraction(text.key, text.text, []) for text, _ in loaded]
    save_extractions(store, results, {text.key: digest for text, digest in loaded}, "v", T0)
    postings = build_frames(store, "v").postings.set_index("posting_id")
    assert postings.loc[1, "last_seen"] == T0 + 4 * DAY  # closed: the last listing that had it
    assert postings.loc[2, "last_seen"] == T0 + 9 * DAY  # open: the board's latest listing
    assert rows(store, "SELECT last_seen FROM postings WHERE id = 2") == [(iso(T0),)]


def test_unchanged_validators_are_not_rewritten(store: Store) -> None:
    url = "https://boards.example/v1/boards/acme/jobs"
    found = {url: Validators('"abc"', None)}
    store.save_listing(listing(validators=found), source="greenhouse", board="acme", now=T0)
    store.save_listing(listing(validators=found), source="greenhouse", board="acme", now=T0 + DAY)
    assert rows(store, "SELECT updated_at FROM http_validators") == [(iso(T0),)]
    fresh = {url: Validators('"abd"', None)}
    store.save_listing(listing(validators=fresh), source="greenhouse", board="acme", now=T0 + DAY)
    assert store.validators(url) == Validators('"abd"', None)


def test_a_version_1_database_migrates_and_keeps_its_postings(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    old.executescript(f"BEGIN; {MIGRATIONS[0]}; PRAGMA user_version = 1; COMMIT;")
    old.execute(
        "INSERT INTO postings (source, external_id, company, title, first_seen, last_seen, "
        "description_html, description_text, content_hash) "
        "VALUES ('lever', 'x', 'Acme', 'ML Engineer', 't', 't', '', '', 'h')"
    )
    old.commit()
    old.close()
    with Store.open(path) as upgraded:
        assert upgraded.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert rows(upgraded, "SELECT external_id FROM postings") == [("x",)]
        assert upgraded.last_listed("lever", "acme") is None


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
            raise store.backend.driver_error()("disk I/O error")
        return real(self, db, item, stamp)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_upsert", failing)
    with pytest.raises(StorageError, match=r"cannot write to database .*: disk I/O error"):
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


def test_a_second_scrape_makes_only_listing_requests_and_writes_only_the_run_log(
    tmp_path: Path,
) -> None:
    settings = load_settings(None, environ={})
    http = replace(settings.http, min_delay=0.0, respect_robots=False)
    with DemoServer(generate_corpus(postings=101, months=2)) as server:
        settings = replace(settings, http=http, targets=tuple(server.targets()))
        with Store.open(tmp_path / "jobtrends.db") as store:
            first = scrape(settings, store)
            tables = [rows(store, f"SELECT * FROM {name}") for name in UNTOUCHED_BY_A_RERUN]
            second = scrape(settings, store)
            assert [rows(store, f"SELECT * FROM {name}") for name in UNTOUCHED_BY_A_RERUN] == tables
            logged = {
                run: {row[0]: row[1:] for row in rows(store, RUN_SOURCES_SQL.format(run=run))}
                for run in (first.run_id, second.run_id)
            }
    assert first.counts.new == 101 and second.status == "ok"
    assert (second.counts.new, second.counts.updated, second.counts.closed) == (0, 0, 0)
    again = logged[second.run_id]
    assert again.keys() == logged[first.run_id].keys() and len(again) == len(settings.targets)
    for label, (status, requests) in again.items():
        assert requests <= logged[first.run_id][label][1]
        if label.startswith(("greenhouse:", "ashby:", "lever:")):  # these APIs send an ETag
            assert (status, requests) == ("not_modified", 1)


RUN_SOURCES_SQL = "SELECT target, status, requests FROM run_sources WHERE run_id = {run}"
