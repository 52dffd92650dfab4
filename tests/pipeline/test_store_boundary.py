"""SQL lives only in `pipeline/store/`: no other product module touches a connection, a cursor, a
transaction, the sqlite3 module or an SQL statement (tests may still read the database directly)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("pipeline", "reports", "scraper")
STORE = ROOT / "pipeline" / "store"

FORBIDDEN = {
    "a database connection": re.compile(r"\.connection\b"),
    "a store transaction": re.compile(r"\.transaction\("),
    "a statement execution": re.compile(r"\bexecute(many|script)?\("),
    "the sqlite3 module": re.compile(r"^\s*(import sqlite3|from sqlite3 import)", re.MULTILINE),
    "pandas' SQL reader": re.compile(r"\bread_sql"),
    "an SQL statement": re.compile(
        r"\b(SELECT |INSERT INTO|INSERT OR |UPDATE |DELETE FROM|CREATE TABLE|PRAGMA )"
    ),
}


def violations(text: str) -> list[str]:
    """What `text` does that only the store may do, with the line it does it on."""
    found = []
    for what, pattern in FORBIDDEN.items():
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"line {line}: {what} ({match.group().strip()!r})")
    return found


def product_modules() -> list[Path]:
    modules = [path for folder in PRODUCT for path in sorted((ROOT / folder).rglob("*.py"))]
    return [path for path in modules if STORE not in path.parents]


def test_the_scan_covers_the_product_and_skips_the_store() -> None:
    modules = product_modules()
    assert ROOT / "pipeline" / "frames" / "_frames.py" in modules
    assert ROOT / "pipeline" / "cli" / "tool_commands.py" in modules
    assert ROOT / "scraper" / "records.py" in modules
    assert not any(STORE in path.parents for path in modules)


@pytest.mark.parametrize(
    "snippet",
    [
        "rows = store.connection.execute(sql)",
        "with store.transaction() as db:",
        "db.executemany(sql, rows)",
        "import sqlite3",
        "frame = pd.read_sql_query(sql, connection)",
        'QUERY = "SELECT id FROM postings"',
        '"INSERT INTO runs (command) VALUES (?)"',
        '"UPDATE postings SET closed_at = ?"',
        '"DELETE FROM mentions WHERE posting_id = ?"',
    ],
)
def test_the_scan_recognises_database_access(snippet: str) -> None:
    assert violations(snippet)


def test_sql_lives_only_in_the_store() -> None:
    found = [
        f"{path.relative_to(ROOT)} {problem}"
        for path in product_modules()
        for problem in violations(path.read_text(encoding="utf-8"))
    ]
    assert not found, "only pipeline/store/ may use the database:\n" + "\n".join(found)
