"""`jobtrends analyze`: extraction over a file of postings (JSON lines, a JSON array, CSV or
Parquet), no database needed.

The file is read like `import` reads its datasets (`pipeline.ingest.readers`: the same formats,
limits and messages) and every row is validated (`AnalyzeRow`) before any is extracted. Each row
needs `id`, `title` and `text` or `html` (HTML is turned into text with `html_to_text` when `text`
is empty); `company` and `location` are read when present, other fields are ignored. The output is
JSONL, one object per posting, in input order; each skill's `text == posting_text[start:end]`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, ValidationInfo, field_validator

from jobtrends.pipeline.ingest.readers import detect_format, read_table
from jobtrends.pipeline.ingest.rows import require_columns, validated_rows
from jobtrends.pipeline.ingest.values import ROWS, GivenText, PostingId, Text
from jobtrends.pipeline.nlp import extract_parallel, pipeline_taxonomy
from jobtrends.pipeline.results import Extraction, PostingText
from jobtrends.scraper.records import storable

FORMATS = ("jsonl", "json", "csv", "parquet")
NEEDED = (("id",), ("title",), ("text", "html"))


class AnalyzeRow(BaseModel):
    """One input row: a field per column of `COLUMNS` (None when the row lacks it)."""

    model_config = ROWS

    id: PostingId
    title: GivenText
    text: Text
    html: Text
    company: Text
    location: Text

    @field_validator("html")
    @classmethod
    def _a_description(cls, html: str | None, info: ValidationInfo) -> str | None:
        if "text" in info.data and not info.data["text"] and not html:
            raise ValueError("a description: 'text' or 'html' must not be empty (both are)")
        return html

    def posting_text(self) -> PostingText:
        body = self.text or _html_to_text(self.html or "")
        return PostingText(
            key=storable(self.id),
            title=storable(self.title),
            text=storable(body),
            company=storable(self.company or ""),
            location=storable(self.location or ""),
        )


COLUMNS = {field: field for field in AnalyzeRow.model_fields}  # each field from its namesake


def analyze_file(
    input_path: Path, output: TextIO, *, workers: int = 1, user_taxonomy: Path | None = None
) -> int:
    """Extract every posting in `input_path` and write one JSON line each to `output`."""
    postings = read_postings(input_path)
    return write_extractions(postings, output, workers=workers, user_taxonomy=user_taxonomy)


def write_extractions(
    postings: Iterable[PostingText],
    output: TextIO,
    *,
    workers: int = 1,
    user_taxonomy: Path | None = None,
) -> int:
    """Extract `postings` (with the skills of the `user_taxonomy` file too, if any) and write one
    JSON line each to `output`; the number written."""
    count = 0
    for extraction in extract_parallel(postings, workers=workers, user_taxonomy=user_taxonomy):
        output.write(json.dumps(extraction_json(extraction), ensure_ascii=False) + "\n")
        count += 1
    return count


def read_postings(input_path: Path) -> list[PostingText]:
    """The file's postings, all validated before any is extracted (an InputError names the file,
    the line or row, the column and what is expected)."""
    table = read_table(input_path, detect_format(input_path, None, FORMATS))
    require_columns(input_path, table, COLUMNS, NEEDED, _remedy)
    return [row.posting_text() for _, row in validated_rows(input_path, table, AnalyzeRow, COLUMNS)]


def _remedy(group: tuple[str, ...]) -> str:
    return "every posting needs an id, a title and a text or html"


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
        "candidates": [
            {
                "term": candidate.term,
                "start": candidate.start,
                "end": candidate.end,
                "section": candidate.section,
                "score": candidate.score,
            }
            for candidate in extraction.candidates
        ],
    }


def taxonomy_json(user_taxonomy: Path | None = None) -> list[dict[str, Any]]:
    """The package taxonomy and the user taxonomy file's skills, if any, as
    `[{"id", "name", "category", "aliases"}]`."""
    return [
        {
            "id": skill.id,
            "name": skill.name,
            "category": skill.category,
            "aliases": [form for form in skill.surface_forms if form != skill.name],
        }
        for skill in pipeline_taxonomy(user_taxonomy=user_taxonomy).skills
    ]


def _html_to_text(html: str) -> str:
    # Deferred for start-up time: BeautifulSoup is needed only for postings given as HTML.
    from jobtrends.scraper.text import html_to_text

    return html_to_text(html)
