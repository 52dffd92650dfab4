"""Reading a target's text options (as `[[sources]]` passes them) and the value shapes feeds share.

Options arrive as strings; a malformed one is a `SourceConfigError` naming the source and the key.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jobtrends.scraper.errors import SourceConfigError
from jobtrends.scraper.sources.shared.payload import PayloadReader
from jobtrends.scraper.targets import Target

# Epoch values above this are milliseconds: as seconds they would lie after the year 5000.
_MILLIS_THRESHOLD = 100_000_000_000


def positive_int_option(target: Target, key: str, default: int) -> int:
    """`options[key]` as a positive integer, `default` when absent or empty."""
    raw = target.options.get(key, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise SourceConfigError(
            f"{target.source}: option {key!r} should be a positive whole number, got {raw!r}"
        )
    return int(raw)


def text_option(target: Target, key: str) -> str | None:
    """`options[key]` stripped, None when absent or empty."""
    return target.options.get(key, "").strip() or None


def list_option(target: Target, key: str) -> list[str]:
    """`options[key]` split on commas (the config joins a TOML array the same way)."""
    return [part.strip() for part in target.options.get(key, "").split(",") if part.strip()]


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
    parts: list[str] = []
    for position, item in enumerate(reader.opt_items(record, key)):
        if not isinstance(item, str):
            raise reader.error(f"item #{position} of field {key!r} should be a string")
        if item.strip():
            parts.append(item.strip())
    return ", ".join(parts)
