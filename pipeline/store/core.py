"""The store: an open database (migrated on open, explicit transactions), postings and history.

Each source target's listing is saved in one transaction (`save_listing`), so a crash or a failing
source never leaves half a board behind. Postings are upserted by `(source, external_id)` with a
content hash and never deleted: one missing from a complete listing gets `closed_at`, and reopens
if it comes back; every content version keeps its hash and the time it was first seen in
`posting_versions`.

Incremental by design: an unchanged posting is not written at all. Instead each complete listing
(or a 304 confirming the previous one) stamps its board's row in `board_snapshots`, and the
`last_seen` a reader should use for an open posting is `max(postings.last_seen,
board_snapshots.listed_at)` (`report_queries.extracted_posting_columns` derives it so);
`postings.last_seen` itself moves only when a posting is new, changed, reopened or closed (then to
the last listing that still had it). A rerun with nothing new therefore writes one snapshot row per
board and the run log, and no posting rows.

`Store.connection`, `transaction()` and `rows()` are for the store's own modules (and tests);
every other package uses what `jobtrends.pipeline.store` exports. A database
failure raises `StorageError`; what is specific to SQLite or PostgreSQL is in `store.backend`
(`_sqlite` or `_postgres`, chosen by `Store.open` from the location).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from jobtrends.pipeline.database import Database
from jobtrends.pipeline.errors import StorageError
from jobtrends.pipeline.store._backend import Backend, Connection, Row, backend_for
from jobtrends.pipeline.store.migrations import migrate
from jobtrends.scraper.records import Listing, RawPosting, Validators, tags_text

COUNTED_TABLES = frozenset(
    {"postings", "extractions", "mentions", "term_candidates", "runs", "run_sources"}
)


@dataclass(slots=True)
class SaveCounts:
    new: int = 0
    updated: int = 0
    closed: int = 0
    unchanged: int = 0


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat(timespec="seconds")


def content_hash(posting: RawPosting) -> str:
    """The hash of what a posting says. A structured fact (remote, pay, place, level, tags)
    enters it only when the source states it, so the hash of a posting without any is the one
    stored before facts were kept, and a changed stated pay is a new version."""
    digest = hashlib.sha256()
    for part in (posting.title, posting.company, posting.location, posting.description_html):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    for name, value in _stated_facts(posting):
        digest.update(f"{name}={value}".encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


def _stated_facts(posting: RawPosting) -> list[tuple[str, str]]:
    pay = posting.salary
    facts = [
        ("remote", posting.remote),
        ("salary", f"{pay.min}|{pay.max}|{pay.currency}|{pay.period}" if pay else None),
        ("country", posting.country),
        ("region", posting.region),
        ("city", posting.city),
        ("seniority", posting.seniority),
        ("employment_type", posting.employment_type),
        ("secondary_locations", "\x1f".join(posting.secondary_locations) or None),
        ("tags", tags_text(posting.tags) or None),
    ]
    return [(name, value) for name, value in facts if value]


# A board's validators are rewritten only when they changed (an unchanged rerun writes nothing).
SAVE_VALIDATORS = (
    "INSERT INTO http_validators (url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
    "last_modified = excluded.last_modified, updated_at = excluded.updated_at "
    "WHERE http_validators.etag {different} excluded.etag "
    "OR http_validators.last_modified {different} excluded.last_modified"
)


class Store:
    """An open jobtrends database (`Store.open(a SQLite file or a PostgreSQL URL)`): close it."""

    def __init__(self, connection: Connection, path: Database, backend: Backend) -> None:
        self.connection = connection
        self.path = path
        self.backend = backend

    @classmethod
    def open(cls, path: Database) -> Store:
        backend = backend_for(path)
        try:
            connection = backend.connect(path)
            migrate(connection, backend)
        except StorageError:
            raise  # psycopg is not installed
        except (backend.driver_error(), OSError, RuntimeError) as exc:
            raise StorageError(f"cannot open database {path}: {exc}; {backend.OPEN_HINT}") from exc
        return cls(connection, path, backend)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction, rolled back on any exception; a database error in it raises
        `StorageError`. For the store's modules only."""
        with (
            self.backend.storage_errors(self.path, "write to"),
            self.backend.immediate_transaction(self.connection) as connection,
        ):
            yield connection

    def rows(self, sql: str, parameters: Sequence[object] = ()) -> list[Row]:
        """Every row a query returns (by column name or position); a database error raises
        `StorageError`. For the store's modules only."""
        with self.backend.storage_errors(self.path, "read"):
            return self.connection.execute(sql, parameters).fetchall()

    def row(self, sql: str, parameters: Sequence[object] = ()) -> Row | None:
        """The first row a query returns, if any (see `rows`)."""
        with self.backend.storage_errors(self.path, "read"):
            return self.connection.execute(sql, parameters).fetchone()

    def validators(self, url: str) -> Validators | None:
        row = self.row("SELECT etag, last_modified FROM http_validators WHERE url = ?", (url,))
        return None if row is None else Validators(row["etag"], row["last_modified"])

    def save_listing(
        self, listing: Listing, *, source: str, board: str, now: datetime
    ) -> SaveCounts:
        """Upsert a listing's postings, close the missing ones, keep validators and the board's
        snapshot time: one transaction. A 304 only confirms the snapshot; every open posting of
        the board counts as unchanged."""
        counts = SaveCounts()
        stamp = iso(now) or ""
        if listing.not_modified:
            if listing.complete:
                with self.transaction() as db:
                    self._stamp_snapshot(db, source, board, stamp)
            counts.unchanged = self.open_postings(source, board)
            return counts
        seen: set[str] = set()
        with self.transaction() as db:
            for posting in listing.postings:
                if posting.external_id in seen:
                    continue
                seen.add(posting.external_id)
                outcome = self._upsert(db, posting, stamp)
                setattr(counts, outcome, getattr(counts, outcome) + 1)
            if listing.complete:
                previous = self._stamp_snapshot(db, source, board, stamp)
                counts.closed = self._close_missing(db, source, board, seen, stamp, previous)
            save = SAVE_VALIDATORS.format(different=self.backend.NULL_SAFE_DIFFERENT)
            for url, found in listing.validators.items():
                db.execute(save, (url, found.etag, found.last_modified, stamp))
        return counts

    def open_postings(self, source: str, board: str) -> int:
        """How many of the board's postings are open (not closed)."""
        row = self.row(
            "SELECT COUNT(*) FROM postings WHERE source = ? AND board = ? AND closed_at IS NULL",
            (source, board),
        )
        return 0 if row is None else int(row[0])

    def last_listed(self, source: str, board: str) -> datetime | None:
        """When the board last gave a complete listing (or a 304 confirming one)."""
        row = self.row(
            "SELECT listed_at FROM board_snapshots WHERE source = ? AND board = ?", (source, board)
        )
        return None if row is None else datetime.fromisoformat(row["listed_at"])

    @staticmethod
    def _stamp_snapshot(db: Connection, source: str, board: str, stamp: str) -> str | None:
        """Record `stamp` as the board's snapshot time; return the one it replaces."""
        row = db.execute(
            "SELECT listed_at FROM board_snapshots WHERE source = ? AND board = ?",
            (source, board),
        ).fetchone()
        db.execute(
            "INSERT INTO board_snapshots (source, board, listed_at) VALUES (?, ?, ?) "
            "ON CONFLICT (source, board) DO UPDATE SET listed_at = excluded.listed_at",
            (source, board, stamp),
        )
        return None if row is None else str(row["listed_at"])

    def _upsert(self, db: Connection, posting: RawPosting, stamp: str) -> str:
        digest = content_hash(posting)
        row = db.execute(
            "SELECT id, content_hash, closed_at FROM postings WHERE source = ? AND external_id = ?",
            (posting.source, posting.external_id),
        ).fetchone()
        salary = posting.salary
        fields = (
            posting.board,
            posting.company,
            posting.title,
            posting.location,
            posting.url,
            iso(posting.posted_at),
            posting.description_html,
            posting.description_text,
            digest,
            posting.remote,
            salary.min if salary else None,
            salary.max if salary else None,
            salary.currency if salary else None,
            salary.period if salary else None,
            posting.attribution,
            posting.country,
            posting.region,
            posting.city,
            posting.seniority,
            posting.employment_type,
            json.dumps(list(posting.secondary_locations), ensure_ascii=False),
            tags_text(posting.tags),
        )
        if row is None:
            cursor = db.execute(
                "INSERT INTO postings (board, company, title, location, url, posted_at, "
                "description_html, description_text, content_hash, remote_hint, salary_min, "
                "salary_max, salary_currency, salary_period, attribution, country, region, city, "
                "seniority_hint, employment_type, secondary_locations, tags, source, external_id, "
                "first_seen, last_seen) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + self.backend.RETURNING_ID,
                (*fields, posting.source, posting.external_id, stamp, stamp),
            )
            self._add_version(db, self.backend.inserted_id(cursor), digest, stamp)
            return "new"
        if row["content_hash"] == digest and row["closed_at"] is None:
            return "unchanged"  # nothing written: last_seen comes from the board's snapshot
        db.execute(
            "UPDATE postings SET board = ?, company = ?, title = ?, location = ?, url = ?, "
            "posted_at = ?, description_html = ?, description_text = ?, content_hash = ?, "
            "remote_hint = ?, salary_min = ?, salary_max = ?, salary_currency = ?, "
            "salary_period = ?, attribution = ?, country = ?, region = ?, city = ?, "
            "seniority_hint = ?, employment_type = ?, secondary_locations = ?, tags = ?, "
            "last_seen = ?, closed_at = NULL, company_key = NULL WHERE id = ?",
            (*fields, stamp, row["id"]),
        )
        self._add_version(db, row["id"], digest, stamp)
        return "updated"

    @staticmethod
    def _add_version(db: Connection, posting_id: int, digest: str, stamp: str) -> None:
        db.execute(
            "INSERT INTO posting_versions (posting_id, content_hash, first_seen) "
            "VALUES (?, ?, ?) ON CONFLICT (posting_id, content_hash) DO NOTHING",
            (posting_id, digest, stamp),
        )

    @staticmethod
    def _close_missing(
        db: Connection,
        source: str,
        board: str,
        seen: set[str],
        stamp: str,
        previous_listing: str | None,
    ) -> int:
        """Close the board's open postings missing from this listing; their last_seen becomes
        the previous complete listing, the last one that still had them."""
        open_ids = db.execute(
            "SELECT id, external_id FROM postings WHERE source = ? AND board = ? "
            "AND closed_at IS NULL",
            (source, board),
        ).fetchall()
        missing = [
            (stamp, previous_listing, previous_listing, row["id"])
            for row in open_ids
            if row["external_id"] not in seen
        ]
        db.executemany(
            "UPDATE postings SET closed_at = ?, "
            "last_seen = CASE WHEN ? > last_seen THEN ? ELSE last_seen END WHERE id = ?",
            missing,
        )
        return len(missing)

    def count(self, table: str) -> int:
        if table not in COUNTED_TABLES:
            raise ValueError(f"unknown table {table}")
        row = self.row(f"SELECT COUNT(*) FROM {table}")
        return 0 if row is None else int(row[0])
