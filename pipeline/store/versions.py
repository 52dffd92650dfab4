"""Extractor versions and the user taxonomy each was made with; carrying extractions over.

`extract` records every version it uses with the JSON of the user skills it was made with
(`extractor_versions`, migration 6). When the next version differs from an earlier one only in
those skills, the postings the change cannot affect keep their extraction: `copy_extractions`
copies its `extractions`, `mentions` and `term_candidates` rows to the new version in SQL, and
`reusable_texts` reads, a batch of postings at a time, the text that decides which those are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from jobtrends.pipeline.store.core import Store, iso
from jobtrends.pipeline.store.extractions import _EXTRACTION_COLUMNS

_MENTION_COLUMNS = (
    'skill_id, skill_name, category, text, start, "end", section, negated, nice_to_have'
)
_CANDIDATE_COLUMNS = 'term, term_key, start, "end", section, score'


def record_extractor_version(store: Store, version: str, user_skills: str, now: datetime) -> None:
    """Remember `version` and the user skills (JSON) it is made with; the first use is kept."""
    with store.transaction() as db:
        db.execute(
            "INSERT INTO extractor_versions (version, user_skills, first_used) VALUES (?, ?, ?) "
            "ON CONFLICT (version) DO NOTHING",
            (version, user_skills, iso(now)),
        )


def recorded_versions(store: Store) -> list[tuple[str, str]]:
    """Every recorded (version, user skills JSON), the most recently first used first."""
    order = store.backend.ROW_ORDER
    rows = store.rows(
        "SELECT version, user_skills FROM extractor_versions "
        f"ORDER BY first_used DESC, {order} DESC"
    )
    return [(str(row[0]), str(row[1])) for row in rows]


def has_extractions(store: Store, version: str) -> bool:
    """Whether any posting has an extraction by `version`."""
    row = store.row("SELECT 1 FROM extractions WHERE extractor_version = ? LIMIT 1", (version,))
    return row is not None


def reusable_texts(store: Store, ids: Sequence[int], previous: str) -> list[tuple[int, str]]:
    """(id, title, description and tags joined by newlines) of each of `ids` whose extraction by
    `previous` was made from its current content, in id order; pass a bounded batch of ids."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = store.rows(
        "SELECT p.id, p.title, p.description_text, p.tags FROM postings p "
        "JOIN extractions e ON e.posting_id = p.id AND e.extractor_version = ? "
        f"WHERE p.id IN ({marks}) AND e.content_hash = p.content_hash ORDER BY p.id",
        (previous, *ids),
    )
    return [(int(row[0]), "\n".join((row[1], row[2], row[3]))) for row in rows]


def copy_extractions(store: Store, ids: Sequence[int], previous: str, version: str) -> int:
    """Copy the `previous` extraction of each of `ids` (with its mentions and term candidates)
    to `version`, replacing what `version` had for them, in one transaction; how many copied."""
    if not ids:
        return 0
    marks = ", ".join("?" for _ in ids)
    where = f"extractor_version = ? AND posting_id IN ({marks})"
    with store.transaction() as db:
        for table in ("mentions", "term_candidates", "extractions"):
            db.execute(f"DELETE FROM {table} WHERE {where}", (version, *ids))
        copied = db.execute(
            f"INSERT INTO extractions (posting_id, extractor_version, {_EXTRACTION_COLUMNS}) "
            f"SELECT posting_id, ?, {_EXTRACTION_COLUMNS} FROM extractions WHERE {where}",
            (version, previous, *ids),
        ).rowcount
        for table, columns in (
            ("mentions", _MENTION_COLUMNS),
            ("term_candidates", _CANDIDATE_COLUMNS),
        ):
            db.execute(
                f"INSERT INTO {table} (posting_id, extractor_version, {columns}) "
                f"SELECT posting_id, ?, {columns} FROM {table} WHERE {where} "
                f"ORDER BY {store.backend.ROW_ORDER}",
                (version, previous, *ids),
            )
    return int(copied)
