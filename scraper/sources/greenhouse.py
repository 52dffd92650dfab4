"""Greenhouse Job Board API: one GET returns a whole board, descriptions included.

`GET {base}/v1/boards/{board}/jobs?content=true` -> `{"jobs": [...], "meta": {"total": n}}`.
`content` is entity-escaped HTML. The list endpoint has no structured pay or remote field; a
location or office named "Remote (...)" makes the posting remote, and offices naming one country
give its code. The parser also reads a single-job body (`GET .../jobs/{id}`: the job object
itself).
A listing is complete only when the response is the documented whole-board shape and its own count
agrees: `meta.total` equal to the jobs returned. A single-job body, a missing `meta.total` or a
total that disagrees is an incomplete listing, which closes nothing.
"""

from __future__ import annotations

import html
from typing import Any

from jobtrends.scraper._http import PoliteClient
from jobtrends.scraper.facts import Facts, country_code, names_remote
from jobtrends.scraper.records import Listing, RawPosting, RemoteHint
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


class GreenhouseSource:
    name = NAME
    default_base_url = DEFAULT_BASE_URL
    needs_board = True
    options_model = SourceOptions  # none: every posting names its employer

    async def fetch(self, client: PoliteClient, target: Target) -> Listing:
        """The whole board in one conditional request; a 304 means nothing changed. Complete
        only when `meta.total` proves the whole board came (`is_whole_board`)."""
        listing, fetched, payload = await fetch_whole_board(client, NAME, listing_url(target))
        if payload is None:
            return listing
        listing.postings = parse_greenhouse(payload, board=target.board, url=fetched.url)
        listing.complete = is_whole_board(payload)
        return listing


def is_whole_board(payload: Any) -> bool:
    """`{"jobs": [...], "meta": {"total": n}}` with n equal to the jobs returned."""
    if not isinstance(payload, dict):
        return False
    jobs, meta = payload.get("jobs"), payload.get("meta")
    total = meta.get("total") if isinstance(meta, dict) else None
    return isinstance(jobs, list) and type(total) is int and total == len(jobs)


SOURCE = GreenhouseSource()
