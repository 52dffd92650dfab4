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
# The seniority ids of ../shared/DEFINITIONS.md a source's stated level maps to ("unknown" is None).
SeniorityHint = Literal["intern", "junior", "mid", "senior", "staff_plus", "lead_manager"]
EmploymentType = Literal["full_time", "part_time", "contract", "temporary", "internship"]


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
        elif isinstance(value, tuple) and any(isinstance(part, str) for part in value):
            parts = tuple(storable(part) if isinstance(part, str) else part for part in value)
            if any(new is not old for new, old in zip(parts, value, strict=True)):
                object.__setattr__(record, item.name, parts)


def tags_text(tags: tuple[str, ...]) -> str:
    """A tag list as the text it is read and stored as: one tag per line."""
    return "\n".join(tags)


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

    The fields after `attribution` are facts the source states in its structured fields (never
    guessed from text): `country` an ISO 3166-1 alpha-2 code, `region` and `city` as given,
    `seniority` and `employment_type` normalized to the ids above, `secondary_locations` the
    other places the job is offered in, `tags` the board's tag list (labels, not job text: the
    pipeline reads them as a `tags` section of their own). None (or empty) means the source did
    not say.
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
    country: str | None = None
    region: str | None = None
    city: str | None = None
    seniority: SeniorityHint | None = None
    employment_type: EmploymentType | None = None
    secondary_locations: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _make_storable(self)


@dataclass(slots=True)
class Listing:
    """What one fetch of one source target produced.

    `complete` is True when the listing is the whole board (so a posting missing from it is
    closed); a partial or failed fetch sets it False. `problems` says what a partial listing
    missed (e.g. a thread that failed while the others were kept), for the run log.
    """

    postings: list[RawPosting] = field(default_factory=list)
    complete: bool = True
    requests: int = 0
    bytes: int = 0
    not_modified: bool = False
    validators: dict[str, Validators] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Validators:
    """HTTP cache validators of one URL, sent back as If-None-Match / If-Modified-Since."""

    etag: str | None
    last_modified: str | None
