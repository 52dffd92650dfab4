"""`jobtrends analyze`: extraction over a JSONL, JSON or CSV file of postings, no database needed.

Each input record needs `id`, `title` and `text` or `html` (HTML is turned into text with
`html_to_text` when `text` is absent); other fields are ignored. The output is JSONL, one object
per posting, in input order; each skill's `text == posting_text[start:end]`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.nlp import extract_parallel
from jobtrends.pipeline.nlp.taxonomy import load_taxonomy
from jobtrends.pipeline.results import Extraction, PostingText
from jobtrends.scraper.text import html_to_text

SUFFIXES = (".jsonl", ".json", ".csv")
EXPECTED = "an object with 'id', 'title' and 'text' or 'html'"


def analyze_file(input_path: Path, output: TextIO, *, workers: int = 1) -> int:
    """Extract every posting in `input_path` and write one JSON line each to `output`."""
    postings = read_postings(input_path)
    count = 0
    for extraction in extract_parallel(postings, workers=workers):
        output.write(json.dumps(extraction_json(extraction), ensure_ascii=False) + "\n")
        count += 1
    return count


def read_postings(input_path: Path) -> list[PostingText]:
    """The file's postings, all validated before any is extracted (an InputError names the file,
    the line or row, and what is expected)."""
    suffix = input_path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"{input_path}: unsupported file type {suffix!r}; expected .jsonl, .json or .csv"
        )
    try:
        raw = input_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{input_path}: cannot read the file ({exc})") from exc
    records = _csv_records(input_path, raw) if suffix == ".csv" else _json_records(input_path, raw)
    return [_posting(input_path, where, record) for where, record in records]


def _json_records(path: Path, raw: str) -> list[tuple[str, Any]]:
    if path.suffix.lower() == ".json":
        try:
            whole = json.loads(raw)
        except json.JSONDecodeError as exc:
            if raw.lstrip().startswith("["):
                raise InputError(
                    f"{path}: not valid JSON ({exc}); expected an array of postings"
                ) from exc
            whole = None  # not one JSON document: read it as JSON lines below
        if isinstance(whole, list):
            return [(f"item {index + 1}", item) for index, item in enumerate(whole)]
        if isinstance(whole, dict):
            return [("item 1", whole)]
    records = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((f"line {number}", json.loads(line)))
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{path}: line {number}: not valid JSON ({exc.msg}); expected {EXPECTED} per line"
            ) from exc
    return records


def _csv_records(path: Path, raw: str) -> list[tuple[str, Any]]:
    try:
        reader = csv.DictReader(raw.splitlines(keepends=True))
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(f"{path}: not valid CSV ({exc})") from exc
    fields = set(reader.fieldnames or ())
    missing = [name for name in ("id", "title") if name not in fields]
    if missing or not fields & {"text", "html"}:
        raise InputError(
            f"{path}: row 1 (header): columns {sorted(fields)} lack "
            f"{', '.join(missing) or 'text/html'}; expected columns id, title and text or html"
        )
    # Row numbers count the header as row 1, like a spreadsheet.
    return [(f"row {reader_index + 2}", row) for reader_index, row in enumerate(rows)]


def _posting(path: Path, where: str, record: Any) -> PostingText:
    if not isinstance(record, Mapping):
        raise InputError(f"{path}: {where}: found {type(record).__name__}; expected {EXPECTED}")
    key = record.get("id")
    if key is None or (isinstance(key, str) and not key.strip()) or isinstance(key, bool):
        raise InputError(f"{path}: {where}: missing 'id'; expected {EXPECTED}")
    if not isinstance(key, str | int):
        raise InputError(f"{path}: {where}: 'id' must be a string or an integer")
    title = record.get("title")
    if not isinstance(title, str):
        raise InputError(f"{path}: {where}: missing 'title' (a string); expected {EXPECTED}")
    text = record.get("text")
    html = record.get("html")
    if isinstance(text, str) and text:
        body = text
    elif isinstance(html, str) and html:
        body = html_to_text(html)
    else:
        raise InputError(f"{path}: {where}: missing both 'text' and 'html'; expected {EXPECTED}")
    company, location = record.get("company"), record.get("location")
    return PostingText(
        key=_utf8(str(key)),
        title=_utf8(title),
        text=_utf8(body),
        company=_utf8(company) if isinstance(company, str) else "",
        location=_utf8(location) if isinstance(location, str) else "",
    )


def _utf8(text: str) -> str:
    """`text` with lone surrogates (from "\ud800" escapes) as "?": same length, same offsets."""
    return text.encode("utf-8", "replace").decode("utf-8")


def extraction_json(extraction: Extraction) -> dict[str, Any]:
    salary = extraction.salary
    return {
        "id": extraction.key,
        "role": extraction.role,
        "role_confidence": extraction.role_confidence,
        "seniority": extraction.seniority,
        "remote": extraction.remote,
        "salary": None
        if salary is None
        else {
            "min": salary.min,
            "max": salary.max,
            "currency": salary.currency,
            "period": salary.period,
        },
        "skills": [
            {
                "id": mention.skill_id,
                "name": mention.name,
                "category": mention.category,
                "text": mention.text,
                "start": mention.start,
                "end": mention.end,
                "section": mention.section,
                "negated": mention.negated,
            }
            for mention in extraction.skills
        ],
    }


def taxonomy_json() -> list[dict[str, Any]]:
    """The package taxonomy as `[{"id", "name", "category", "aliases"}]`."""
    return [
        {
            "id": skill.id,
            "name": skill.name,
            "category": skill.category,
            "aliases": [form for form in skill.surface_forms if form != skill.name],
        }
        for skill in load_taxonomy().skills
    ]
