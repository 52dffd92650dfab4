"""Fetch and parse job postings from public job sources. Never imports pipeline or reports.

The public surface: `collect` fetches configured targets concurrently through one polite HTTP
client (private: `_http`, `_politeness`, `_robots`); `Target` and the source registry say what can
be fetched; sources yield `RawPosting`s in `Listing`s and only parse, never write; errors form one
tree under `ScraperError`; `html_to_text` is the one HTML-to-text conversion the whole product uses.
"""

from typing import TYPE_CHECKING

from jobtrends.scraper._lazy import lazy_attributes

if TYPE_CHECKING:
    from jobtrends.scraper.collection import TargetOutcome, collect
    from jobtrends.scraper.errors import (
        FetchError,
        ParseError,
        ScraperError,
        SourceConfigError,
    )
    from jobtrends.scraper.records import (
        Listing,
        RawPosting,
        RemoteHint,
        SalaryPeriod,
        StructuredSalary,
        Validators,
        storable,
        tags_text,
    )
    from jobtrends.scraper.settings import BOARD_MIN_DELAYS, HttpSettings
    from jobtrends.scraper.sources.registry import SOURCES, get_source
    from jobtrends.scraper.targets import Source, Target
    from jobtrends.scraper.text import html_to_text, normalize_lines, normalize_whitespace

# Each public name and the module that defines it, imported when the name is first used: for
# start-up time, a command that needs the records alone does not import every source, httpx and
# BeautifulSoup.
_HOMES = {
    "TargetOutcome": "collection", "collect": "collection",
    "FetchError": "errors", "ParseError": "errors", "ScraperError": "errors",
    "SourceConfigError": "errors",
    "Listing": "records", "RawPosting": "records", "RemoteHint": "records",
    "SalaryPeriod": "records", "StructuredSalary": "records", "Validators": "records",
    "storable": "records", "tags_text": "records",
    "BOARD_MIN_DELAYS": "settings", "HttpSettings": "settings",
    "SOURCES": "sources.registry", "get_source": "sources.registry",
    "Source": "targets", "Target": "targets",
    "html_to_text": "text", "normalize_lines": "text", "normalize_whitespace": "text",
}  # fmt: skip


__getattr__ = lazy_attributes(__name__, _HOMES)


__all__ = [
    "BOARD_MIN_DELAYS",
    "SOURCES",
    "FetchError",
    "HttpSettings",
    "Listing",
    "ParseError",
    "RawPosting",
    "RemoteHint",
    "SalaryPeriod",
    "ScraperError",
    "Source",
    "SourceConfigError",
    "StructuredSalary",
    "Target",
    "TargetOutcome",
    "Validators",
    "collect",
    "get_source",
    "html_to_text",
    "normalize_lines",
    "normalize_whitespace",
    "storable",
    "tags_text",
]
