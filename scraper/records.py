"""Records that cross the boundary between the scraper and the rest of jobtrends.

Every source yields `RawPosting`s; the pipeline stores them. Source-specific fields stay out of the
core record. Building a record makes its text storable: a lone surrogate (which a "\\ud800" escape
in JSON decodes to, and which neither UTF-8, SQLite nor a URL can hold) becomes "?", so no
source's parser can hand the store a string it cannot write.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Literal

RemoteHint = Literal["remote", "hybrid", "onsite"]
SalaryPeriod = Literal["year", "month", "week", "day", "hour"]


def storable(text: str) -> str:
    """`text` with every lone surrogate replaced by "?" (unchanged, and cheap, when it has none)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def _make_storable(record: object) -> None:
    for item in fields(record):  # type: ignore[arg-type]
        value = getattr(record, item.name)
        if isinstance(value, str):
            cleaned = storable(value)
            if cleaned is not value:
                object.__setattr__(record, item.name, cleaned)


@dataclass(frozen=True, slots=True)
class StructuredSalary:
    """A salary stated in a source's structured fields (not parsed from text)."""

    min: float | None
    max: float | None
    currency: str | None
    period: SalaryPeriod

    def __post_init__(self) -> None:
        _make_storable(self)


@dataclass(frozen=True, slots=True)
class RawPosting:
    """One job posting as a source publishes it.

    `external_id` is stable within `source` (Greenhouse post id, Lever/Ashby id, HN comment id).
    `posted_at` is timezone-aware UTC when the source states a date. `description_text` is the
    plain text made from `description_html` by `jobtrends.scraper.text.html_to_text`, one heading
    or bullet per line, so section cues survive.
    """

    source: str
    external_id: str
    board: str
    company: str
    title: str
    location: str
    url: str
    posted_at: datetime | None
    description_html: str
    description_text: str
    remote: RemoteHint | None = None
    salary: StructuredSalary | None = None
    attribution: str | None = None

    def __post_init__(self) -> None:
        _make_storable(self)


@dataclass(slots=True)
class Listing:
    """What one fetch of one source target produced.

    `complete` is True when the listing is the whole board (so a posting missing from it is
    closed); a partial or failed fetch sets it False.
    """

    postings: list[RawPosting] = field(default_factory=list)
    complete: bool = True
    requests: int = 0
    bytes: int = 0
    not_modified: bool = False
    validators: dict[str, Validators] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Validators:
    """HTTP cache validators of one URL, sent back as If-None-Match / If-Modified-Since."""

    etag: str | None
    last_modified: str | None
