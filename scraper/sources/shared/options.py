"""The types sources declare their options with, and the value shapes feeds share.

A source's options are a `SourceOptions` model (see `jobtrends.scraper.targets`) built from plain
pydantic types and these: `Month`, `Text`, `TextList`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, PlainValidator, StringConstraints

from jobtrends.scraper.sources.shared.payload import PayloadReader

# Epoch values above this are milliseconds: as seconds they would lie after the year 5000.
_MILLIS_THRESHOLD = 100_000_000_000
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _month(value: object) -> tuple[int, int]:
    match = _MONTH.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ValueError('a month written "YYYY-MM", e.g. "2026-01"')
    return int(match.group(1)), int(match.group(2))


def _split_commas(value: object) -> object:
    return value.split(",") if isinstance(value, str) else value


def _without_blanks(items: list[str]) -> list[str]:
    return [item.strip() for item in items if item.strip()]


Month = Annotated[tuple[int, int], PlainValidator(_month)]
"""A calendar month written "YYYY-MM" (01 to 12), as (year, month)."""
Text = Annotated[str, StringConstraints(strip_whitespace=True)]
"""A string, stripped."""
TextList = Annotated[list[str], BeforeValidator(_split_commas), AfterValidator(_without_blanks)]
"""Strings from a TOML array or one comma-separated string, stripped, blanks left out."""


def epoch_datetime(reader: PayloadReader, record: dict[str, Any], key: str) -> datetime | None:
    """A Unix timestamp in seconds or in milliseconds (told apart by size) as aware UTC."""
    value = reader.number(record, key)
    if value is None:
        return None
    seconds = value / 1000.0 if abs(value) >= _MILLIS_THRESHOLD else value
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise reader.error(f"field {key!r} is not a Unix timestamp: {value!r}") from None


def joined_texts(reader: PayloadReader, record: dict[str, Any], key: str) -> str:
    """A list of strings at `key` joined with ", " (absent or null: empty)."""
    return ", ".join(reader.strings(record, key))
