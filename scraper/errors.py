"""The scraper's exception tree.

    ScraperError                 anything a source or the HTTP client raises on purpose
    ├── FetchError(url, status)  the request failed: network error, HTTP error status, size cap
    ├── ParseError(source, url)  the response was not in the source's wire format
    └── SourceConfigError        a source target is configured wrongly (unknown type, no board)

Each message says what failed, where, and what to do.
"""

from __future__ import annotations


class ScraperError(Exception):
    """Base class for expected scraper failures."""


class FetchError(ScraperError):
    def __init__(self, url: str, message: str, status: int | None = None) -> None:
        self.url = url
        self.status = status
        where = f"{url} (HTTP {status})" if status is not None else url
        super().__init__(f"fetching {where} failed: {message}")


class ParseError(ScraperError):
    def __init__(self, source: str, url: str, message: str) -> None:
        self.source = source
        self.url = url
        super().__init__(
            f"{source}: the response from {url} is not in the expected format: {message}; "
            "check the board name and the source's base_url"
        )


class SourceConfigError(ScraperError):
    """A configured source target cannot be used as written."""
