"""Versioned schema migrations, one list for both backends.

Each entry of `MIGRATIONS` moves the schema one version up; the database records where it stands
(SQLite: `PRAGMA user_version`; PostgreSQL: a `schema_version` table, see the backends). They are
written in SQLite's DDL; `_postgres.postgres_ddl` translates the few type names that differ.
Migrations are append-only: never edit one that has shipped, add the next.
"""

from __future__ import annotations

from typing import Any

from jobtrends.pipeline.store._backend import Backend

MIGRATIONS: tuple[str, ...] = (
    # 1: postings with their history, extractions, the run log and HTTP validators.
    """
    CREATE TABLE postings (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        external_id TEXT NOT NULL,
        board TEXT NOT NULL DEFAULT '',
        company TEXT NOT NULL,
        title TEXT NOT NULL,
        location TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        posted_at TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        closed_at TEXT,
        description_html TEXT NOT NULL,
        description_text TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        remote_hint TEXT,
        salary_min REAL,
        salary_max REAL,
        salary_currency TEXT,
        salary_period TEXT,
        attribution TEXT,
        dup_group INTEGER,
        UNIQUE (source, external_id)
    );
    CREATE INDEX postings_board ON postings (source, board, closed_at);

    CREATE TABLE posting_versions (
        posting_id INTEGER NOT NULL REFERENCES postings (id),
        content_hash TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        PRIMARY KEY (posting_id, content_hash)
    );

    CREATE TABLE extractions (
        posting_id INTEGER NOT NULL REFERENCES postings (id),
        extractor_version TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        role TEXT NOT NULL,
        role_confidence REAL NOT NULL,
        seniority TEXT NOT NULL,
        remote TEXT NOT NULL,
        salary_min REAL,
        salary_max REAL,
        salary_currency TEXT,
        salary_period TEXT,
        salary_annual_min REAL,
        salary_annual_max REAL,
        language TEXT NOT NULL,
        extracted_at TEXT NOT NULL,
        PRIMARY KEY (posting_id, extractor_version)
    );

    CREATE TABLE mentions (
        posting_id INTEGER NOT NULL REFERENCES postings (id),
        extractor_version TEXT NOT NULL,
        skill_id TEXT NOT NULL,
        skill_name TEXT NOT NULL,
        category TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        section TEXT NOT NULL,
        negated INTEGER NOT NULL,
        nice_to_have INTEGER NOT NULL
    );
    CREATE INDEX mentions_posting ON mentions (posting_id, extractor_version);

    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'running'
    );

    CREATE TABLE run_sources (
        run_id INTEGER NOT NULL REFERENCES runs (id),
        target TEXT NOT NULL,
        source TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        requests INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        closed INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        error TEXT
    );

    CREATE TABLE run_errors (
        run_id INTEGER NOT NULL REFERENCES runs (id),
        target TEXT NOT NULL,
        url TEXT,
        status INTEGER,
        message TEXT NOT NULL
    );

    CREATE TABLE http_validators (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        updated_at TEXT NOT NULL
    );
    """,
    # 2: where `jobtrends schedule` stands (one row), for `jobtrends status`.
    """
    CREATE TABLE schedule_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        cron TEXT NOT NULL,
        pid INTEGER NOT NULL,
        hostname TEXT NOT NULL,
        started_at TEXT NOT NULL,
        next_run_at TEXT,
        last_run_at TEXT,
        last_outcome TEXT,
        runs INTEGER NOT NULL DEFAULT 0,
        stopped_at TEXT
    );
    """,
    # 2: when each board last gave a complete listing (or a 304 confirming it), so an unchanged
    # rerun writes no posting rows and open postings' last_seen is derived from it; and what
    # duplicate grouping last saw of each company block, so it only redoes blocks that changed.
    """
    CREATE TABLE board_snapshots (
        source TEXT NOT NULL,
        board TEXT NOT NULL,
        listed_at TEXT NOT NULL,
        PRIMARY KEY (source, board)
    );

    CREATE TABLE dedup_blocks (
        company_key TEXT PRIMARY KEY,
        signature TEXT NOT NULL
    );
    CREATE INDEX postings_dup_group ON postings (dup_group);
    """,
    # 4: the structured facts a source states (a posting saved before has them all NULL/empty),
    # and where each extraction took its remote, salary and seniority from ("source" or "text").
    """
    ALTER TABLE postings ADD COLUMN country TEXT;
    ALTER TABLE postings ADD COLUMN region TEXT;
    ALTER TABLE postings ADD COLUMN city TEXT;
    ALTER TABLE postings ADD COLUMN seniority_hint TEXT;
    ALTER TABLE postings ADD COLUMN employment_type TEXT;
    ALTER TABLE postings ADD COLUMN secondary_locations TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE extractions ADD COLUMN remote_from TEXT;
    ALTER TABLE extractions ADD COLUMN salary_from TEXT;
    ALTER TABLE extractions ADD COLUMN seniority_from TEXT;
    """,
    # 5: the board's tag list, one tag per line (the text a `tags` mention's offsets refer to).
    """
    ALTER TABLE postings ADD COLUMN tags TEXT NOT NULL DEFAULT '';
    """,
    # 6: terms that stand where skills stand but are in no taxonomy ("New tools to watch"), and
    # the user taxonomy each extractor version was made with (to re-extract only what a change of
    # it can affect).
    """
    CREATE TABLE term_candidates (
        posting_id INTEGER NOT NULL REFERENCES postings (id),
        extractor_version TEXT NOT NULL,
        term TEXT NOT NULL,
        term_key TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        section TEXT NOT NULL,
        score REAL NOT NULL
    );
    CREATE INDEX term_candidates_posting ON term_candidates (posting_id, extractor_version);
    CREATE INDEX term_candidates_key ON term_candidates (extractor_version, term_key);
    CREATE TABLE extractor_versions (
        version TEXT PRIMARY KEY,
        user_skills TEXT NOT NULL,
        first_used TEXT NOT NULL
    );
    """,
    # 7: who holds each run lock that lives in the database (PostgreSQL's advisory locks, taken
    # by several machines; a SQLite database's lock is a file beside it and leaves this empty).
    """
    CREATE TABLE run_locks (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL
    );
    """,
    # 8: each posting's normalized company (`dedup.normalize_company`, filled by the dedup pass;
    # NULL until then and after an update), so that the pass reads the store one company block
    # after another instead of holding every posting.
    """
    ALTER TABLE postings ADD COLUMN company_key TEXT;
    CREATE INDEX postings_company_key ON postings (company_key, id);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(connection: Any, backend: Backend) -> int:
    """Apply every migration newer than the database; return the version it now has."""
    current = backend.schema_version(connection)
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {current} is newer than this jobtrends ({SCHEMA_VERSION})"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        backend.apply_migration(connection, MIGRATIONS[version - 1], version)
    return SCHEMA_VERSION
