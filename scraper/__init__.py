"""Fetch and parse job postings from public job sources. Never imports pipeline or reports.

The public surface: `collect` fetches configured targets concurrently through one polite HTTP
client (private: `_http`, `_politeness`, `_robots`); `Target` and the source registry say what can
be fetched; sources yield `RawPosting`s in `Listing`s and only parse, never write; errors form one
tree under `ScraperError`; `html_to_text` is the one HTML-to-text conversion the whole product uses.
"""

from jobtrends.scraper.collect import TargetOutcome, collect
from jobtrends.scraper.errors import FetchError, ParseError, ScraperError, SourceConfigError
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
