"""Himalayas remote-jobs API: one feed of every remote job, read newest first with a cursor.

`GET {base}/jobs/api?limit=20[&cursor=C]` -> `{"comments", "updatedAt", "offset", "limit",
"totalCount", "nextCursor", "jobs": [...]}`. Both paging styles are read: a response with a
`nextCursor` is followed with `?cursor=`; one without (the deprecated offset style: `offset`,
`limit`, `totalCount` only) is followed with `?offset=` until `offset + len(jobs) == totalCount`.
The feed holds ~100k jobs, so a run reads at most `max_pages` (an option) pages (default
`DEFAULT_MAX_PAGES`).
Completeness is proven, never assumed: a listing is complete only when the paging ended (cursor
exhausted, or the offset page reaching `totalCount`), every page gave the same `totalCount` (a
posting removed or added while the feed was read moves the later pages, so one can slip past
unread), the jobs read add up to it, and no job came twice (a feed that shifted between pages);
a bounded run, a repeated cursor, a missing
`totalCount` or a count that disagrees is an incomplete listing, which closes nothing.
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
from jobtrends.scraper.facts import Facts, country_code, employment_type, seniority_level
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
                **_stated_facts(reader, job),
            )
        )
    cursor = reader.text(body, "nextCursor")
    return HimalayasPage(postings, len(jobs), (cursor or "").strip() or None)


def _stated_facts(reader: PayloadReader, job: dict[str, Any]) -> Facts:
    """`seniority[]` (one level, else none), `employmentType`, and the country when
    `locationRestrictions` name exactly one."""
    levels = [
        reader.text({"level": level}, "level") or "" for level in reader.opt_items(job, "seniority")
    ]
    places = [
        reader.text({"place": place}, "place")
        for place in reader.opt_items(job, "locationRestrictions")
    ]
    countries = {country_code(place) for place in places}
    return {
        "seniority": seniority_level(levels),
        "employment_type": employment_type(reader.text(job, "employmentType")),
        "country": countries.pop() if len(countries) == 1 else None,
    }


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
        """Pages of the feed, by cursor or by offset, until the paging ends or `max_pages` runs
        out; complete only when the feed's own counts prove every job was read (module doc)."""
        url = f"{api_root(target, DEFAULT_BASE_URL)}/jobs/api"
        max_pages = Options.read(target.options, source=NAME).max_pages
        listing = Listing(complete=False)
        seen: set[str] = set()
        used: set[str] = set()
        read = 0  # jobs on the pages read, with or without a guid
        repeated = False
        totals: set[int | None] = set()  # every page's totalCount: one value when nothing moved
        offset: int | None = None  # set once the feed is read in the offset style
        params: dict[str, str | int] = {"limit": PAGE_SIZE}
        for _ in range(max_pages):
            fetched = await client.get(url, params=params)
            record_fetch(listing, fetched.url, fetched)
            payload = parse_json(NAME, fetched)
            page = parse_himalayas(payload, board=target.board, url=fetched.url)
            paging = read_paging(payload, url=fetched.url)
            read += page.jobs
            totals.add(paging.total)
            moved = len(totals) > 1 or any(p.external_id in seen for p in page.postings)
            repeated = repeated or moved
            listing.postings.extend(p for p in page.postings if p.external_id not in seen)
            seen.update(p.external_id for p in page.postings)
            if page.next_cursor is not None and offset is None:
                if page.next_cursor in used:  # the server is going round in circles
                    break
                used.add(page.next_cursor)
                params = {"limit": PAGE_SIZE, "cursor": page.next_cursor}
                continue
            total = paging.total
            if total is None or page.jobs == 0 or used:  # no count, an empty page, cursor end
                listing.complete = total is not None and read == total and not repeated
                break
            start = 0 if offset is None else offset
            if paging.offset is not None and paging.offset != start:
                break  # the server did not serve the page asked for
            offset = start + page.jobs
            if offset >= total:
                listing.complete = offset == total and read == total and not repeated
                break
            params = {"limit": PAGE_SIZE, "offset": offset}
        return listing


@dataclass(frozen=True, slots=True)
class Paging:
    """A page's own paging fields: where it starts and how many jobs the whole feed has."""

    offset: int | None
    total: int | None


def read_paging(payload: Any, *, url: str = "") -> Paging:
    """`offset` and `totalCount` of one `jobs/api` response (None when absent)."""
    reader = PayloadReader(NAME, url)
    body = reader.obj(payload, "the response")
    offset, total = reader.number(body, "offset"), reader.number(body, "totalCount")
    return Paging(None if offset is None else int(offset), None if total is None else int(total))


SOURCE = HimalayasSource()
