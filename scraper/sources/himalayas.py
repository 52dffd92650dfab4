"""Himalayas remote-jobs API: one feed of every remote job, read newest first with a cursor.

`GET {base}/jobs/api?limit=20[&cursor=C]` -> `{"comments", "updatedAt", "offset", "limit",
"totalCount", "nextCursor", "jobs": [...]}`. Each response's `nextCursor` is passed back as
`?cursor=`; a null cursor ends the feed (the offset parameter is deprecated). The feed holds ~100k
jobs, so a run reads at most `max_pages` (an option) pages (default `DEFAULT_MAX_PAGES`); a bounded
run is an incomplete listing, and only a run that reaches the end of the feed is complete.
`pubDate` is documented in ms but served in seconds: both are accepted.
Terms: Himalayas asks for a credit and a link back to the job's Himalayas page, kept as the
posting's `url` and `attribution`; it rate-limits busy clients, so requests to it are spaced by at
least `MIN_DELAY_SECONDS`. Every job on the board is remote (`locationRestrictions` only say where
the candidate may live), so the remote hint is "remote".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import PositiveInt

from jobtrends.scraper._http import PoliteClient, parse_json
from jobtrends.scraper.records import Listing, RawPosting, SalaryPeriod, StructuredSalary
from jobtrends.scraper.sources.shared.options import epoch_datetime, joined_texts
from jobtrends.scraper.sources.shared.payload import PayloadReader, api_root, record_fetch
from jobtrends.scraper.targets import SourceOptions, Target
from jobtrends.scraper.text import html_to_text

NAME = "himalayas"
DEFAULT_BASE_URL = "https://himalayas.app"
HOST = "himalayas.app"
MIN_DELAY_SECONDS = 2.0
PAGE_SIZE = 20
DEFAULT_MAX_PAGES = 50
CREDIT = "Himalayas"

_PERIODS: dict[str, SalaryPeriod] = {
    "annual": "year",
    "yearly": "year",
    "year": "year",
    "monthly": "month",
    "month": "month",
    "weekly": "week",
    "week": "week",
    "daily": "day",
    "day": "day",
    "hourly": "hour",
    "hour": "hour",
}


@dataclass(frozen=True, slots=True)
class HimalayasPage:
    """One page of the feed: its postings and the cursor of the next page (None at the end)."""

    postings: list[RawPosting]
    jobs: int
    next_cursor: str | None


def parse_himalayas(payload: Any, *, board: str = "", url: str = "") -> HimalayasPage:
    """Postings of one `jobs/api` page; jobs without a `guid` are skipped."""
    reader = PayloadReader(NAME, url)
    body = reader.obj(payload, "the response")
    jobs = reader.items(body.get("jobs"), "field 'jobs'")
    postings: list[RawPosting] = []
    for position, item in enumerate(jobs):
        job = reader.obj(item, f"job #{position}")
        guid = reader.ident(job, "guid")
        if guid is None:
            continue
        description_html = reader.text(job, "description") or ""
        link = guid if guid.startswith(("https://", "http://")) else ""
        job_url = link or (reader.text(job, "applicationLink") or "").strip()
        postings.append(
            RawPosting(
                source=NAME,
                external_id=guid,
                board=board,
                company=(reader.text(job, "companyName") or "").strip(),
                title=(reader.text(job, "title") or "").strip(),
                location=joined_texts(reader, job, "locationRestrictions"),
                url=job_url,
                posted_at=epoch_datetime(reader, job, "pubDate"),
                description_html=description_html,
                description_text=html_to_text(description_html),
                remote="remote",
                salary=_salary(reader, job),
                attribution=f"{CREDIT}: {job_url}" if job_url else CREDIT,
            )
        )
    cursor = reader.text(body, "nextCursor")
    return HimalayasPage(postings, len(jobs), (cursor or "").strip() or None)


def _salary(reader: PayloadReader, job: dict[str, Any]) -> StructuredSalary | None:
    period = _PERIODS.get((reader.text(job, "salaryPeriod") or "").strip().lower())
    low, high = reader.number(job, "minSalary"), reader.number(job, "maxSalary")
    low = low if low else None  # 0 stands for "not given"
    high = high if high else None
    if period is None or (low is None and high is None):
        return None
    currency = (reader.text(job, "currency") or "").strip().upper() or None
    return StructuredSalary(min=low, max=high, currency=currency, period=period)


class Options(SourceOptions):
    max_pages: PositiveInt = DEFAULT_MAX_PAGES
    """Pages of `PAGE_SIZE` jobs read a run."""


class HimalayasSource:
    name = NAME
    default_base_url = DEFAULT_BASE_URL
    needs_board = False
    options_model = Options

    async def fetch(self, client: PoliteClient, target: Target) -> Listing:
        """Pages of the feed until the cursor runs out (complete) or `max_pages` (incomplete)."""
        url = f"{api_root(target, DEFAULT_BASE_URL)}/jobs/api"
        max_pages = Options.read(target.options, source=NAME).max_pages
        listing = Listing(complete=False)
        seen: set[str] = set()
        cursor: str | None = None
        used: set[str] = set()
        for _ in range(max_pages):
            params: dict[str, str | int] = {"limit": PAGE_SIZE}
            if cursor is not None:
                params["cursor"] = cursor
            fetched = await client.get(url, params=params)
            record_fetch(listing, fetched.url, fetched)
            page = parse_himalayas(parse_json(NAME, fetched), board=target.board, url=fetched.url)
            listing.postings.extend(p for p in page.postings if p.external_id not in seen)
            seen.update(p.external_id for p in page.postings)
            if page.next_cursor is None or page.jobs == 0:
                listing.complete = page.next_cursor is None
                break
            if page.next_cursor in used:  # the server is going round in circles
                break
            used.add(page.next_cursor)
            cursor = page.next_cursor
        return listing


SOURCE = HimalayasSource()
