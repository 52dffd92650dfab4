"""Any site whose job pages carry schema.org `JobPosting` JSON-LD, from a URL list or a sitemap.

Target: `board` names the site (postings are stored under it); options:
- `urls`: comma-separated page URLs (or a TOML array), or
- `sitemap`: a sitemap URL; a sitemap index is followed one level down (at most
  `MAX_CHILD_SITEMAPS` children). Without either, `{base_url}/sitemap.xml` is read;
- `match`: only page URLs containing this text (e.g. "/jobs/");
- `max_pages`: at most this many pages a run (default `DEFAULT_MAX_PAGES`);
- `company`: the employer's name when the markup does not give one.
Relative URLs are resolved against `base_url`. Every request obeys robots.txt
(`check_robots=True`): a disallowed page is skipped and the listing marked incomplete, and when
robots.txt refuses every page the target fails with that error. A page that answers 404/410 is a
job that is gone, and so is a page whose JobPosting's `validThrough` has passed. The listing is
complete only when every page of the list or sitemap was read and each one held JobPosting
markup: a page answered with 200 but without it (an error page, a cut body, a page of another
kind) proves no job gone, so the listing closes nothing; give `match` so that only job pages are
read.
Parsing is in `parse` (pages) and `sitemap` (sitemaps).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Self
from urllib.parse import urljoin

from pydantic import Field, PositiveInt, model_validator

from jobtrends.scraper._http import Fetched, PoliteClient
from jobtrends.scraper.errors import FetchError, SourceConfigError
from jobtrends.scraper.records import Listing
from jobtrends.scraper.sources.jsonld.parse import NAME, holds_job_posting, parse_jsonld_page
from jobtrends.scraper.sources.jsonld.sitemap import parse_sitemap
from jobtrends.scraper.sources.shared.options import Text, TextList
from jobtrends.scraper.sources.shared.payload import api_root, record_fetch
from jobtrends.scraper.targets import SourceOptions, Target

# There is no default site: this reserved name (RFC 2606) stands for "no base_url configured".
DEFAULT_BASE_URL = "https://jsonld.invalid"
DEFAULT_MAX_PAGES = 200
MAX_CHILD_SITEMAPS = 50
_GONE = (404, 410)
_ROBOTS_REFUSAL = "disallowed by robots.txt"
_PAGE_TYPES = ("html", "xml")

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


class Options(SourceOptions):
    """See the module doc."""

    urls: TextList = Field(default_factory=list)
    sitemap: Text | None = None
    match: Text | None = None
    max_pages: PositiveInt = DEFAULT_MAX_PAGES
    company: Text | None = None

    @model_validator(mode="after")
    def _pages_to_read(self) -> Self:
        # Checked when the model is its `[[sources]]` table, which also holds `base_url`: without
        # one, absolute `urls` or a `sitemap` must say which pages to read.
        if "base_url" not in type(self).model_fields or getattr(self, "base_url", None):
            return self
        if not self.urls and not self.sitemap:
            raise ValueError(
                "the pages to read: option `urls`, option `sitemap`, or a `base_url` whose "
                "/sitemap.xml lists them"
            )
        named = [*self.urls, *([self.sitemap] if self.sitemap else [])]
        relative = [url for url in named if not url.startswith(("http://", "https://"))]
        if relative:
            raise ValueError(f"absolute http(s) URLs when no base_url is set ({relative[0]!r})")
        return self


def is_robots_refusal(error: FetchError) -> bool:
    """True for the client's refusal of a URL that robots.txt disallows."""
    return error.status is None and _ROBOTS_REFUSAL in str(error)


def page_urls(target: Target) -> tuple[list[str], str | None]:
    """(the configured page URLs, the sitemap URL or None), resolved against the base URL."""
    root = api_root(target, DEFAULT_BASE_URL)
    options = Options.read(target.options, source=NAME)
    urls = [_resolve(target, root, url) for url in options.urls]
    sitemap = options.sitemap
    if sitemap:
        return urls, _resolve(target, root, sitemap)
    if urls:
        return urls, None
    if root == DEFAULT_BASE_URL:
        raise SourceConfigError(
            f"{target.label}: give the pages to read: option `urls`, option `sitemap`, or a "
            "`base_url` whose /sitemap.xml lists them"
        )
    return [], f"{root}/sitemap.xml"


def _resolve(target: Target, root: str, url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    if root == DEFAULT_BASE_URL:
        raise SourceConfigError(
            f"{target.label}: {url!r} is not an absolute http(s) URL and no base_url is set"
        )
    return urljoin(f"{root}/", url)


class JsonLdSource:
    name = NAME
    default_base_url = DEFAULT_BASE_URL
    needs_board = True
    options_model = Options

    def __init__(self, clock: Clock | None = None) -> None:
        self._clock = clock

    async def fetch(self, client: PoliteClient, target: Target) -> Listing:
        """Gather the page URLs, then read every page's JobPostings (see the module doc)."""
        listing = Listing(complete=True)
        options = Options.read(target.options, source=NAME)
        urls, sitemap = page_urls(target)
        if sitemap is not None:
            urls.extend(await self._sitemap_pages(client, target, sitemap, listing))
        match = options.match
        chosen = list(dict.fromkeys(u for u in urls if not match or match in u))
        max_pages = options.max_pages
        if not chosen or len(chosen) > max_pages:  # nothing to read proves no job is gone
            listing.complete = False
            chosen = chosen[:max_pages]
        now = self._clock() if self._clock else datetime.now(UTC)
        company = options.company or None
        seen: set[str] = set()
        refusals: list[FetchError] = []
        for url in chosen:
            fetched = await _get(client, url, listing, refusals)
            if fetched is None:
                continue
            if not _is_page(fetched):
                listing.complete = False  # a 200 that is no page proves no job gone
                continue
            found = parse_jsonld_page(
                fetched.content,
                board=target.board,
                url=fetched.url,
                now=now,
                company=company,
                encoding=_charset(fetched),
            )
            if not found and not holds_job_posting(fetched.content, encoding=_charset(fetched)):
                listing.complete = False  # an error page served with 200 proves no job gone
            listing.postings.extend(p for p in found if p.external_id not in seen)
            seen.update(p.external_id for p in found)
        if refusals and len(refusals) == len(chosen):
            raise refusals[0]
        return listing

    async def _sitemap_pages(
        self, client: PoliteClient, target: Target, url: str, listing: Listing
    ) -> list[str]:
        refusals: list[FetchError] = []
        fetched = await _get(client, url, listing, refusals, gone_ok=False)
        if fetched is None:
            raise refusals[0]
        top = parse_sitemap(fetched.content, source=NAME, url=fetched.url)
        if top.kind == "urlset":
            return top.locations
        if len(top.locations) > MAX_CHILD_SITEMAPS:
            listing.complete = False
        pages: list[str] = []
        for child_url in top.locations[:MAX_CHILD_SITEMAPS]:
            child = await _get(client, child_url, listing, refusals)
            if child is None:
                listing.complete = False
                continue
            found = parse_sitemap(child.content, source=NAME, url=child.url)
            if found.kind == "urlset":  # an index inside an index is not followed
                pages.extend(found.locations)
        return pages


async def _get(
    client: PoliteClient,
    url: str,
    listing: Listing,
    refusals: list[FetchError],
    *,
    gone_ok: bool = True,
) -> Fetched | None:
    """The page, or None when it is gone (404/410) or robots.txt refuses it (noted in
    `refusals`, and the listing becomes incomplete); other failures raise."""
    try:
        fetched = await client.get(url, check_robots=True)
    except FetchError as error:
        if is_robots_refusal(error):
            log.warning("jsonld: skipping %s: %s", url, error)
            refusals.append(error)
            listing.complete = False
            return None
        if gone_ok and error.status in _GONE:
            return None
        raise
    record_fetch(listing, fetched.url, fetched)
    return fetched


def _is_page(fetched: Fetched) -> bool:
    content_type = fetched.headers.get("content-type", "").lower()
    return not content_type or any(kind in content_type for kind in _PAGE_TYPES)


def _charset(fetched: Fetched) -> str | None:
    content_type = fetched.headers.get("content-type", "")
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"')
    return None


SOURCE = JsonLdSource()
