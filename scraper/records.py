"""Records that cross the boundary between the scraper and the rest of jobtrends.

Every source yields `RawPosting`s; the pipeline stores them. Source-specific fields stay out of the
core record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

RemoteHint = Literal["remote", "hybrid", "onsite"]
SalaryPeriod = Literal["year", "month", "week", "day", "hour"]


@dataclass(frozen=True, slots=True)
class StructuredSalary:
    """A salary stated in a source's structured fields (not parsed from text)."""

    min: float | None
    max: float | None
    currency: str | None
    period: SalaryPeriod


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
