"""Reading postings that need extraction and saving extraction results."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from jobtrends.pipeline.results import Extraction, PostingText, term_key
from jobtrends.pipeline.store.core import Store, iso
from jobtrends.scraper.records import StructuredSalary

_EXTRACTION_COLUMNS = (
    "content_hash, role, role_confidence, seniority, remote, salary_min, salary_max, "
    "salary_currency, salary_period, salary_annual_min, salary_annual_max, language, extracted_at, "
    "remote_from, salary_from, seniority_from"
)
# One row per (posting, extractor version): a new extraction replaces the previous one.
SAVE_EXTRACTION = (
    f"INSERT INTO extractions (posting_id, extractor_version, {_EXTRACTION_COLUMNS}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (posting_id, extractor_version) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _EXTRACTION_COLUMNS.split(", "))
)


def pending_ids(store: Store, extractor_version: str) -> list[int]:
    """Ids of postings whose current content has no extraction by this extractor version."""
    rows = store.rows(
        "SELECT p.id FROM postings p LEFT JOIN extractions e ON e.posting_id = p.id "
        "AND e.extractor_version = ? WHERE e.posting_id IS NULL "
        "OR e.content_hash != p.content_hash ORDER BY p.id",
        (extractor_version,),
    )
    return [int(row[0]) for row in rows]


def load_posting_texts(store: Store, ids: Sequence[int]) -> list[tuple[PostingText, str]]:
    """Extraction inputs (and their content hashes) for the given posting ids, in id order."""
    marks = ", ".join("?" for _ in ids)
    rows = store.rows(
        "SELECT id, title, company, location, description_text, content_hash, remote_hint, "
        "salary_min, salary_max, salary_currency, salary_period, seniority_hint, tags "
        f"FROM postings WHERE id IN ({marks}) ORDER BY id",
        tuple(ids),
    )
    loaded = []
    for row in rows:
        salary = None
        if row["salary_period"] and (
            row["salary_min"] is not None or row["salary_max"] is not None
        ):
            salary = StructuredSalary(
                row["salary_min"], row["salary_max"], row["salary_currency"], row["salary_period"]
            )
        text = PostingText(
            key=str(row["id"]),
            title=row["title"],
            text=row["description_text"],
            remote_hint=row["remote_hint"],
            salary_hint=salary,
            company=row["company"],
            location=row["location"],
            seniority_hint=row["seniority_hint"],
            tags=tuple(row["tags"].splitlines()),
        )
        loaded.append((text, row["content_hash"]))
    return loaded


def save_extractions(
    store: Store,
    results: Sequence[Extraction],
    hashes: dict[str, str],
    extractor_version: str,
    now: datetime,
) -> None:
    """Replace this version's extraction of each posting, in one transaction."""
    stamp = iso(now)
    with store.transaction() as db:
        for result in results:
            posting_id = int(result.key)
            for table in ("mentions", "term_candidates"):
                db.execute(
                    f"DELETE FROM {table} WHERE posting_id = ? AND extractor_version = ?",
                    (posting_id, extractor_version),
                )
            salary = result.salary
            db.execute(
                SAVE_EXTRACTION,
                (
                    posting_id,
                    extractor_version,
                    hashes[result.key],
                    result.role,
                    result.role_confidence,
                    result.seniority,
                    result.remote,
                    salary.min if salary else None,
                    salary.max if salary else None,
                    salary.currency if salary else None,
                    salary.period if salary else None,
                    salary.annual_min if salary else None,
                    salary.annual_max if salary else None,
                    result.language,
                    stamp,
                    result.remote_from,
                    result.salary_from,
                    result.seniority_from,
                ),
            )
            db.executemany(
                "INSERT INTO mentions (posting_id, extractor_version, skill_id, skill_name, "
                'category, text, start, "end", section, negated, nice_to_have) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        posting_id,
                        extractor_version,
                        m.skill_id,
                        m.name,
                        m.category,
                        m.text,
                        m.start,
                        m.end,
                        m.section,
                        int(m.negated),
                        int(m.nice_to_have),
                    )
                    for m in result.skills
                ],
            )
            db.executemany(
                "INSERT INTO term_candidates (posting_id, extractor_version, term, term_key, "
                'start, "end", section, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                [
                    (
                        posting_id,
                        extractor_version,
                        c.term,
                        term_key(c.term),
                        c.start,
                        c.end,
                        c.section,
                        c.score,
                    )
                    for c in result.candidates
                ],
            )
