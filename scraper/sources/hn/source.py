"""Hacker News "Ask HN: Who is hiring?" threads, read through the Algolia HN Search API.

Threads: `GET {base}/search_by_date?tags=story,author_whoishiring&hitsPerPage=50&page=N`, newest
first, paged until a page is empty, the last page is reached or the stories get older than
`since`. Posts: `GET {base}/items/{thread_id}`; every top-level comment with an author and text
is one posting (deleted comments come back with null author/text and are skipped).
Options: `since` / `until` as "YYYY-MM" (inclusive; `since` defaults to the 12 months up to and
including the current one), `settle_days` (default 45). Listings are never `complete`: a thread
never closes its posts.
Reruns: a thread older than `settle_days` that is already stored with the comment count the
search now shows is not fetched again; a newer one, or one whose count changed, is fetched
conditionally. Its ETag/Last-Modified are kept under its item URL; an empty pair kept under
`{item URL}#comments={count}` marks it as stored with that count. A thread that fails is noted in
the listing's `problems` while the other threads are kept; only a run where every thread it
tried failed fails.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

from pydantic import NonNegativeInt

from jobtrends.scraper._http import PoliteClient, parse_json
from jobtrends.scraper.errors import ScraperError
from jobtrends.scraper.records import Listing, RawPosting, Validators
from jobtrends.scraper.sources.hn.header import parse_header
from jobtrends.scraper.sources.shared.options import Month
from jobtrends.scraper.sources.shared.payload import PayloadReader, api_root, record_fetch
from jobtrends.scraper.targets import SourceOptions, Target
from jobtrends.scraper.text import html_to_text

NAME = "hn"
DEFAULT_BASE_URL = "https://hn.algolia.com/api/v1"
BOARD = "whoishiring"
ITEM_URL = "https://news.ycombinator.com/item?id="
HITS_PER_PAGE = 50
MAX_SEARCH_PAGES = 40
DEFAULT_MONTHS = 12
DEFAULT_SETTLE_DAYS = 45
STORED_MARK = Validators(etag=None, last_modified=None)
"""Kept under `stored_key(...)` for a fetched thread: it is stored with that comment count."""

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_TITLE = re.compile(r"^Ask HN: Who is hiring\?\s*\(\s*([A-Za-z]+)\s+(\d{4})\s*\)\s*$")


@dataclass(frozen=True, slots=True)
class HiringThread:
    id: str
    month: Month
    created: datetime | None = None
    comments: int | None = None

    def posted_on(self) -> date:
        """The day the thread was posted (its month's first day when the hit has no date)."""
        return self.created.date() if self.created else date(self.month[0], self.month[1], 1)


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of story hits: the hiring threads on it and what tells the pager to stop."""

    threads: list[HiringThread]
    hits: int
    pages: int | None
    oldest: Month | None


def thread_month(title: str) -> Month | None:
    """(year, month) of an "Ask HN: Who is hiring? (Month YYYY)" title; None for other titles."""
    match = _TITLE.match(title.strip())
    if match is None or match.group(1).lower() not in _MONTHS:
        return None
    return int(match.group(2)), _MONTHS[match.group(1).lower()]


def parse_hn_search(payload: Any, *, url: str = "") -> SearchPage:
    """Hiring threads among one `search_by_date` page of whoishiring stories."""
    reader = PayloadReader(NAME, url)
    body = reader.obj(payload, "the response")
    hits = reader.items(body.get("hits"), "field 'hits'")
    threads: list[HiringThread] = []
    oldest: Month | None = None
    for position, item in enumerate(hits):
        hit = reader.obj(item, f"hit #{position}")
        created = reader.iso_datetime(hit, "created_at")
        if created is not None:
            month = (created.year, created.month)
            oldest = month if oldest is None else min(oldest, month)
        story_id = reader.ident(hit, "objectID")
        title_month = thread_month(reader.text(hit, "title") or "")
        if story_id is not None and title_month is not None:
            comments = reader.number(hit, "num_comments")
            count = None if comments is None else int(comments)
            threads.append(HiringThread(story_id, title_month, created, count))
    pages = reader.number(body, "nbPages")
    return SearchPage(threads, len(hits), None if pages is None else int(pages), oldest)


def parse_hn_thread(payload: Any, *, url: str = "") -> list[RawPosting]:
    """One posting per live top-level comment of an `items/{id}` thread."""
    reader = PayloadReader(NAME, url)
    thread = reader.obj(payload, "the response")
    thread_id = reader.ident(thread, "id")
    if thread_id is None:
        raise reader.error("the thread has no 'id'")
    thread_url = f"{ITEM_URL}{thread_id}"
    postings: list[RawPosting] = []
    for position, item in enumerate(reader.opt_items(thread, "children")):
        comment = reader.obj(item, f"comment #{position}")
        comment_id = reader.ident(comment, "id")
        text = reader.text(comment, "text")
        if comment_id is None or not reader.text(comment, "author") or not text:
            continue
        # HN keeps line breaks typed by the author as raw newlines, which HTML would fold into
        # spaces; as <br> they keep bullet lists apart (and text stays html_to_text(html)).
        description_html = text.replace("\n", "<br>")
        description_text = html_to_text(description_html)
        header = parse_header(description_text.split("\n", 1)[0])
        postings.append(
            RawPosting(
                source=NAME,
                external_id=comment_id,
                board=BOARD,
                company=header.company,
                title=header.title,
                location=header.location,
                url=f"{ITEM_URL}{comment_id}",
                posted_at=reader.iso_datetime(comment, "created_at"),
                description_html=description_html,
                description_text=description_text,
                remote=header.remote,
                salary=header.salary,
                attribution=thread_url,
            )
        )
    return postings


class Options(SourceOptions):
    since: Month | None = None
    """The first thread's month (inclusive); default: `DEFAULT_MONTHS` up to this one."""
    until: Month | None = None
    """The last thread's month (inclusive); default: none."""
    settle_days: NonNegativeInt = DEFAULT_SETTLE_DAYS
    """Threads older than this many days are not fetched again once stored."""


def month_window(options: Mapping[str, str], today: date) -> tuple[Month, Month | None]:
    """(since, until) from a target's options; `SourceConfigError` for a malformed month."""
    chosen = Options.read(options, source=NAME)
    since = chosen.since
    if since is None:
        count = today.year * 12 + today.month - DEFAULT_MONTHS  # months since year 0, 0-based
        since = (count // 12, count % 12 + 1)
    return since, chosen.until


class HackerNewsSource:
    name = NAME
    default_base_url = DEFAULT_BASE_URL
    needs_board = False
    options_model = Options

    def __init__(self, today: date | None = None) -> None:
        self._today = today

    async def fetch(self, client: PoliteClient, target: Target) -> Listing:
        """Every hiring thread in the month window, newest first, but settled stored ones."""
        root = api_root(target, DEFAULT_BASE_URL)
        today = self._today or datetime.now(UTC).date()
        since, until = month_window(target.options, today)
        settle_days = Options.read(target.options, source=NAME).settle_days
        listing = Listing(complete=False)
        threads = await _find_threads(client, listing, root, since, until)
        failures: list[ScraperError] = []
        fetched_or_settled = 0
        for thread in sorted(threads, key=lambda t: t.month, reverse=True):
            url = f"{root}/items/{quote(thread.id, safe='')}"
            settled = (today - thread.posted_on()).days > settle_days
            if settled and client.stored_validators(stored_key(url, thread)) is not None:
                fetched_or_settled += 1
                continue
            try:
                await _fetch_thread(client, listing, url, thread)
            except ScraperError as error:
                failures.append(error)
                listing.problems.append(f"thread {thread.id} ({_month_name(thread)}): {error}")
                continue
            fetched_or_settled += 1
        if failures and not fetched_or_settled:
            raise failures[0]
        return listing


async def _find_threads(
    client: PoliteClient, listing: Listing, root: str, since: Month, until: Month | None
) -> list[HiringThread]:
    """The hiring threads of the month window; a search page failing after the first one ends
    the search with a problem noted (the threads found so far are kept)."""
    threads: dict[str, HiringThread] = {}
    for page in range(MAX_SEARCH_PAGES):
        params: dict[str, str | int] = {
            "tags": "story,author_whoishiring",
            "hitsPerPage": HITS_PER_PAGE,
            "page": page,
        }
        try:
            fetched = await client.get(f"{root}/search_by_date", params=params)
            record_fetch(listing, fetched.url, fetched)
            found = parse_hn_search(parse_json(NAME, fetched), url=fetched.url)
        except ScraperError as error:
            if page == 0:
                raise
            listing.problems.append(f"search page {page}: {error}")
            break
        for thread in found.threads:
            if thread.month >= since and (until is None or thread.month <= until):
                threads.setdefault(thread.id, thread)
        if not _more_pages(found, page, since):
            break
    return list(threads.values())


async def _fetch_thread(
    client: PoliteClient, listing: Listing, url: str, thread: HiringThread
) -> None:
    """One thread, conditionally when its validators are stored: its posts join the listing
    unless it answers 304 (they are stored already)."""
    fetched = await client.get(url, validators=client.stored_validators(url))
    record_fetch(listing, url, fetched)
    if not fetched.not_modified:
        listing.postings.extend(parse_hn_thread(parse_json(NAME, fetched), url=fetched.url))
    listing.validators[stored_key(url, thread)] = STORED_MARK


def stored_key(url: str, thread: HiringThread) -> str:
    """The key marking `thread` as stored with its current comment count (see the module doc)."""
    count = "unknown" if thread.comments is None else str(thread.comments)
    return f"{url}#comments={count}"


def _month_name(thread: HiringThread) -> str:
    year, month = thread.month
    return f"{calendar.month_name[month]} {year}"


def _more_pages(found: SearchPage, page: int, since: Month) -> bool:
    if found.hits == 0 or (found.pages is not None and page + 1 >= found.pages):
        return False
    return found.oldest is None or found.oldest >= since


SOURCE = HackerNewsSource()
