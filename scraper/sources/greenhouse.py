"""Greenhouse Job Board API: one GET returns a whole board, descriptions included.

`GET {base}/v1/boards/{board}/jobs?content=true` -> `{"jobs": [...], "meta": {"total": n}}`.
`content` is entity-escaped HTML. The list endpoint has no structured pay or remote field; a
location or office named "Remote (...)" makes the posting remote, and offices naming one country
give its code. The parser also reads a single-job body (`GET .../jobs/{id}`: the job object
itself).
A listing is complete only when the response is the documented whole-board shape and its own count
agrees: `meta.total` equal to the jobs returned. A single-job body, a missing `meta.total` or a
total that disagrees is an incomplete listing, which closes nothing.
Pay: the list has none; the single-job endpoint with `pay_transparency=true` states the ranges
(`jobtrends.scraper.sources.shared.pay_ranges`). When the board changed (a 304 sends nothing),
those are requested for the jobs the `pay_ranges` option picks: `"ai_titles"` (default: titles
naming AI, ML, LLM, data science or research work), `"all"` or `"off"`, at most
`max_pay_requests` per board and run. A job whose pay request fails is left out of the listing,
which is then incomplete: its stored record (and pay) stays as it was, and nothing is closed.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Any, Literal

from jobtrends.scraper._http import PoliteClient, parse_json
from jobtrends.scraper.errors import ScraperError
from jobtrends.scraper.facts import Facts, country_code, names_remote
from jobtrends.scraper.records import Listing, RawPosting, RemoteHint
from jobtrends.scraper.sources.shared.pay_ranges import pay_range_salary
from jobtrends.scraper.sources.shared.payload import (
    PayloadReader,
    api_root,
    board_segment,
    company_from_board,
    fetch_whole_board,
)
from jobtrends.scraper.targets import SourceOptions, Target
from jobtrends.scraper.text import html_to_text

NAME = "greenhouse"
DEFAULT_BASE_URL = "https://boards-api.greenhouse.io"


# Titles whose pay is worth one more request under `pay_ranges = "ai_titles"`.
AI_TITLE = re.compile(
    r"\b(?:AI|A\.I\.|ML|MLOps|LLMs?|GenAI|NLP|Machine[- ]Learning|Deep[- ]Learning|"
    r"Artificial Intelligence|Data Scien\w*|Research|Computer Vision|Applied Scientist|"
    r"Inference|Model)\b",
    re.IGNORECASE,
)


def listing_url(target: Target) -> str:
    """The board's listing URL, also the key its validators are stored under."""
    return (
        f"{api_root(target, DEFAULT_BASE_URL)}/v1/boards/{board_segment(target)}/jobs?content=true"
    )


def parse_greenhouse(
    payload: Any, *, board: str, url: str = "", company: str | None = None
) -> list[RawPosting]:
    """Postings of one board's `jobs?content=true` response, or of a single-job response
    (`jobs/{id}`: one job object, no `jobs` list); jobs without an id are skipped. Company: the
    job's `company_name`, else `company`, else the board token."""
    reader = PayloadReader(NAME, url)
    body = reader.obj(payload, "the response")
    if "jobs" not in body and "id" in body:
        jobs: list[Any] = [body]
    else:
        jobs = reader.items(body.get("jobs"), "field 'jobs'")
    postings: list[RawPosting] = []
    for position, item in enumerate(jobs):
        job = reader.obj(item, f"job #{position}")
        external_id = reader.ident(job, "id")
        if external_id is None:
            continue
        description_html = html.unescape(reader.text(job, "content") or "")
        posted_at = reader.iso_datetime(job, "first_published") or reader.iso_datetime(
            job, "updated_at"
        )
        salary = pay_range_salary(reader, job)
        postings.append(
            RawPosting(
                source=NAME,
                external_id=external_id,
                board=board,
                company=(reader.text(job, "company_name") or "").strip()
                or company
                or company_from_board(board),
                title=(reader.text(job, "title") or "").strip(),
                location=(reader.text(reader.opt_obj(job, "location"), "name") or "").strip(),
                url=reader.text(job, "absolute_url") or "",
                posted_at=posted_at,
                description_html=description_html,
                description_text=html_to_text(description_html),
                remote=_remote(reader, job),
                salary=salary,
                **_stated_facts(reader, job),
            )
        )
    return postings


def _offices(reader: PayloadReader, job: dict[str, Any]) -> list[str]:
    return [
        reader.text(reader.obj(office, f"office #{position}"), "name") or ""
        for position, office in enumerate(reader.opt_items(job, "offices"))
    ]


def _remote(reader: PayloadReader, job: dict[str, Any]) -> RemoteHint | None:
    """Remote when the location or an office is named as remote ("Remote (United States)", an
    office "Remote"); otherwise the board does not say."""
    location = reader.text(reader.opt_obj(job, "location"), "name") or ""
    named_remote = any(names_remote(name) for name in (location, *_offices(reader, job)))
    return "remote" if named_remote else None


def _stated_facts(reader: PayloadReader, job: dict[str, Any]) -> Facts:
    """The country, when the offices name exactly one."""
    countries = {code for name in _offices(reader, job) if (code := country_code(name))}
    return {"country": countries.pop() if len(countries) == 1 else None}


class Options(SourceOptions):
    pay_ranges: Literal["ai_titles", "all", "off"] = "ai_titles"
    """Which jobs' pay ranges to request, one request each (see the module doc)."""
    max_pay_requests: int = 200
    """At most this many pay requests per board and run."""


class GreenhouseSource:
    name = NAME
    default_base_url = DEFAULT_BASE_URL
    needs_board = True
    options_model = Options

    async def fetch(self, client: PoliteClient, target: Target) -> Listing:
        """The whole board in one conditional request; a 304 means nothing changed. Complete
        only when `meta.total` proves the whole board came (`is_whole_board`) and every pay
        request asked for answered."""
        listing, fetched, payload = await fetch_whole_board(client, NAME, listing_url(target))
        if payload is None:
            return listing
        postings = parse_greenhouse(payload, board=target.board, url=fetched.url)
        listing.complete = is_whole_board(payload)
        options = Options.read(target.options, source=NAME)
        wanted = [p for p in postings if _wants_pay(options.pay_ranges, p)]
        priced: dict[str, RawPosting | None] = {}
        for posting in wanted[: max(0, options.max_pay_requests)]:
            priced[posting.external_id] = await _with_pay(client, target, posting, listing)
        kept = (priced.get(p.external_id, p) for p in postings)
        listing.postings = [p for p in kept if p is not None]
        if listing.problems:
            listing.complete = False
        return listing


def _wants_pay(choice: str, posting: RawPosting) -> bool:
    if choice == "off" or posting.salary is not None:
        return False
    return choice == "all" or AI_TITLE.search(posting.title) is not None


def pay_url(target: Target, job_id: str) -> str:
    root = api_root(target, DEFAULT_BASE_URL)
    return f"{root}/v1/boards/{board_segment(target)}/jobs/{job_id}?pay_transparency=true"


async def _with_pay(
    client: PoliteClient, target: Target, posting: RawPosting, listing: Listing
) -> RawPosting | None:
    """The posting with the pay its single-job response states; None (and a problem on the
    listing) when that request or its body fails."""
    url = pay_url(target, posting.external_id)
    try:
        fetched = await client.get(url)
        listing.requests += 1
        listing.bytes += len(fetched.content)
        reader = PayloadReader(NAME, fetched.url)
        salary = pay_range_salary(reader, reader.obj(parse_json(NAME, fetched), "the response"))
    except ScraperError as error:
        listing.problems.append(f"pay range of job {posting.external_id}: {error}")
        return None
    return replace(posting, salary=salary) if salary is not None else posting


def is_whole_board(payload: Any) -> bool:
    """`{"jobs": [...], "meta": {"total": n}}` with n equal to the jobs returned."""
    if not isinstance(payload, dict):
        return False
    jobs, meta = payload.get("jobs"), payload.get("meta")
    total = meta.get("total") if isinstance(meta, dict) else None
    return isinstance(jobs, list) and type(total) is int and total == len(jobs)


SOURCE = GreenhouseSource()
