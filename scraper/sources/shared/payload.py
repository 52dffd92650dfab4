"""Helpers every source module shares: reading untrusted JSON, building URLs, tallying fetches.

Reading rule for payload fields: absent or null means "not given"; present with the wrong type
means the wire format changed and is a `ParseError`. Parse functions must raise nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from jobtrends.scraper._http import Fetched, PoliteClient, parse_json
from jobtrends.scraper.errors import ParseError, SourceConfigError
from jobtrends.scraper.records import Listing, storable
from jobtrends.scraper.targets import Target

# A paged list that shows a posting twice shifted while it was read: one may have slipped past.
SHIFTED = "the list shifted while it was paged (a posting seen twice): one may have been missed"


@dataclass(frozen=True, slots=True)
class PayloadReader:
    """Typed access to one JSON payload from `source` at `url`; every failure is a ParseError."""

    source: str
    url: str

    def error(self, message: str) -> ParseError:
        return ParseError(self.source, self.url, message)

    def obj(self, value: Any, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(f"{what} should be an object, got {_kind(value)}")
        return value

    def items(self, value: Any, what: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.error(f"{what} should be a list, got {_kind(value)}")
        return value

    def opt_obj(self, record: dict[str, Any], key: str) -> dict[str, Any]:
        """The object at `key`, or an empty one when absent or null."""
        value = record.get(key)
        return {} if value is None else self.obj(value, f"field {key!r}")

    def opt_items(self, record: dict[str, Any], key: str) -> list[Any]:
        """The list at `key`, or an empty one when absent or null."""
        value = record.get(key)
        return [] if value is None else self.items(value, f"field {key!r}")

    def strings(self, record: dict[str, Any], key: str) -> list[str]:
        """The list of strings at `key` (absent or null: empty), each on one line with its
        whitespace collapsed, blanks left out; an item that is not a string is a ParseError."""
        found: list[str] = []
        for position, item in enumerate(self.opt_items(record, key)):
            if not isinstance(item, str):
                raise self.error(
                    f"item #{position} of field {key!r} should be a string, got {_kind(item)}"
                )
            if words := " ".join(item.split()):
                found.append(words)
        return found

    def text(self, record: dict[str, Any], key: str) -> str | None:
        value = record.get(key)
        if value is None:
            return value
        if isinstance(value, str):
            return storable(value)
        raise self.error(f"field {key!r} should be a string, got {_kind(value)}")

    def number(self, record: dict[str, Any], key: str) -> float | None:
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
            if math.isfinite(number):
                return number
        raise self.error(f"field {key!r} should be a finite number, got {value!r}")

    def flag(self, record: dict[str, Any], key: str) -> bool | None:
        value = record.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise self.error(f"field {key!r} should be true or false, got {_kind(value)}")

    def ident(self, record: dict[str, Any], key: str) -> str | None:
        """A record id as text; None when missing or empty (the caller skips that record)."""
        value = record.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return storable(value).strip() or None
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        raise self.error(f"field {key!r} should be an id (string or integer), got {_kind(value)}")

    def iso_datetime(self, record: dict[str, Any], key: str) -> datetime | None:
        """An ISO-8601 timestamp as aware UTC (a naive one is taken as UTC)."""
        value = self.text(record, key)
        if not value:
            return None
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise self.error(f"field {key!r} is not an ISO-8601 date: {value!r}") from None
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)

    def epoch_ms(self, record: dict[str, Any], key: str) -> datetime | None:
        """Milliseconds since the Unix epoch as aware UTC."""
        millis = self.number(record, key)
        if millis is None:
            return None
        try:
            return datetime.fromtimestamp(millis / 1000.0, tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise self.error(f"field {key!r} is not a timestamp in ms: {millis!r}") from None


def api_root(target: Target, default: str) -> str:
    """The target's API root without a trailing slash; `default` when the target leaves it empty."""
    return (target.base_url or default).rstrip("/")


def board_segment(target: Target) -> str:
    """The board token quoted as one URL path segment; `SourceConfigError` when it is empty."""
    board = target.board.strip()
    if not board:
        raise SourceConfigError(
            f"{target.source}: a board name is required (the company's token in its job-board URL)"
        )
    return quote(board, safe="")


def company_from_board(board: str) -> str:
    """The employer's name when neither the payload nor the target's `company` option gives one:
    the board token as written ("openai" stays "openai"). Title-casing it would invent a spelling
    ("Openai" for OpenAI); set the `company` option for the display name."""
    return " ".join(board.split())


def place_from_parts(parts: Iterable[str | None]) -> str:
    """A location from its parts (city, region, country...), empty parts dropped:
    ("Paris", "", "France") -> "Paris, France"."""
    kept = (" ".join((part or "").split()).strip(" ,") for part in parts)
    return ", ".join(text for text in kept if text)


def clean_place(text: str | None) -> str:
    """A location written as comma-separated parts with its empty parts dropped:
    "Paris, , France" -> "Paris, France"."""
    return place_from_parts((text or "").split(","))


def record_fetch(listing: Listing, key: str, fetched: Fetched) -> None:
    """Add one fetch to the listing's tallies and keep its validators under `key`."""
    listing.requests += 1
    listing.bytes += len(fetched.content)
    if fetched.validators is not None:
        listing.validators[key] = fetched.validators


async def fetch_whole_board(
    client: PoliteClient, source: str, url: str
) -> tuple[Listing, Fetched, Any]:
    """One conditional request for a board served whole: the listing with its tallies, the
    response, and the parsed JSON payload (None when a 304 says nothing changed)."""
    fetched = await client.get(url, validators=client.stored_validators(url))
    listing = Listing(complete=True)
    record_fetch(listing, url, fetched)
    if fetched.not_modified:
        listing.not_modified = True
        return listing, fetched, None
    return listing, fetched, parse_json(source, fetched)


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__
