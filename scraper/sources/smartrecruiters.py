"""SmartRecruiters Posting API: a paged list of a company's postings, then one request per job ad.

List: `GET {base}/v1/companies/{board}/postings?limit=100&offset=N` -> `{offset, limit, totalFound,
content: [{id, name, company{identifier, name}, releasedDate, location{city, region, country,
remote, hybrid, fullLocation}, ref, ...}]}`, paged until `offset == totalFound`. The list is
complete only when that is proven: every page gave the same `totalFound`, the items read add up to
it exactly and no posting came twice (a list that shifted between pages); an empty page before the
total, a missing `totalFound`, a count that disagrees or `MAX_PAGES` running out leave the listing
incomplete, and an incomplete listing closes nothing. The list has no
description, so each posting is read again: `GET {base}/v1/companies/{board}/postings/{id}` adds
`jobAd.sections{companyDescription, jobDescription, qualifications, additionalInformation}` (each
`{title, text}` with HTML text), `postingUrl` and `applyUrl`. A job ad that is gone by the time it
is requested (404/410) is left out; the listing stays complete. The board is the company
identifier from the careers URL (e.g. "Ubisoft2"); the `company` option overrides the name.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from jobtrends.scraper._http import PoliteClient, parse_json
from jobtrends.scraper.errors import FetchError
from jobtrends.scraper.facts import Facts, country_code, employment_type, seniority_level
from jobtrends.scraper.records import Listing, RawPosting, RemoteHint
from jobtrends.scraper.sources.shared.options import Text
from jobtrends.scraper.sources.shared.payload import (
    PayloadReader,
    api_root,
    board_segment,
    clean_place,
    company_from_board,
    place_from_parts,
    record_fetch,
)
from jobtrends.scraper.targets import SourceOptions, Target
from jobtrends.scraper.text import html_to_text, join_html

NAME = "smartrecruiters"
DEFAULT_BASE_URL = "https://api.smartrecruiters.com"
PAGE_SIZE = 100
MAX_PAGES = 20  # 2,000 postings (and as many job-ad requests); beyond that a board is incomplete
POSTING_PAGE = "https://jobs.smartrecruiters.com"
SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
_GONE = (404, 410)


@dataclass(frozen=True, slots=True)
class PostingsPage:
    """One page of the list: the posting ids on it, how many items it had, the board's total."""

    ids: list[str]
    items: int
    total_found: int | None


def parse_postings_page(payload: Any, *, url: str = "") -> PostingsPage:
    """The posting ids of one list page (items without an id are skipped)."""
    reader = PayloadReader(NAME, url)
    body = reader.obj(payload, "the response")
    content = reader.items(body.get("content"), "field 'content'")
    ids: list[str] = []
    for position, item in enumerate(content):
        posting_id = reader.ident(reader.obj(item, f"posting #{position}"), "id")
        if posting_id is not None:
            ids.append(posting_id)
    total = reader.number(body, "totalFound")
    return PostingsPage(ids, len(content), None if total is None else int(total))


def parse_posting(
    payload: Any, *, board: str, url: str = "", company: str | None = None
) -> RawPosting | None:
    """One `postings/{id}` job ad as a posting; None when it has no id."""
    reader = PayloadReader(NAME, url)
    posting = reader.obj(payload, "the response")
    external_id = reader.ident(posting, "id")
    if external_id is None:
        return None
    description_html = _description_html(reader, reader.opt_obj(posting, "jobAd"))
    location = reader.opt_obj(posting, "location")
    employer = (reader.text(reader.opt_obj(posting, "company"), "name") or "").strip()
    posting_url = (reader.text(posting, "postingUrl") or "").strip()
    return RawPosting(
        source=NAME,
        external_id=external_id,
        board=board,
        company=company or employer or company_from_board(board),
        title=(reader.text(posting, "name") or "").strip(),
        location=_location(reader, location),
        url=posting_url or f"{POSTING_PAGE}/{quote(board, safe='')}/{quote(external_id, safe='')}",
        posted_at=reader.iso_datetime(posting, "releasedDate"),
        description_html=description_html,
        description_text=html_to_text(description_html),
        remote=_remote(reader, location),
        **_stated_facts(reader, posting, location),
    )


def _stated_facts(
    reader: PayloadReader, posting: dict[str, Any], location: dict[str, Any]
) -> Facts:
    """The location's country code, region and city, `typeOfEmployment` and `experienceLevel`
    (each `{id, label}`; "Mid-Senior Level" and "Not Applicable" state no level of ours)."""
    employment = reader.opt_obj(posting, "typeOfEmployment")
    level = reader.opt_obj(posting, "experienceLevel")
    return {
        "country": country_code(reader.text(location, "country")),
        "region": (reader.text(location, "region") or "").strip() or None,
        "city": (reader.text(location, "city") or "").strip() or None,
        "employment_type": employment_type(reader.text(employment, "id"))
        or employment_type(reader.text(employment, "label")),
        "seniority": seniority_level(reader.text(level, "id") or ""),
    }


def _description_html(reader: PayloadReader, job_ad: dict[str, Any]) -> str:
    """The job ad's sections in their usual order, each under its own heading."""
    sections = reader.opt_obj(job_ad, "sections")
    parts: list[str] = []
    for key in SECTIONS:
        section = reader.opt_obj(sections, key)
        text = reader.text(section, "text") or ""
        if not text.strip():
            continue
        title = (reader.text(section, "title") or "").strip()
        if title:
            parts.append(f"<h3>{html.escape(title)}</h3>")
        parts.append(text)  # on its own: a section cut inside a tag cannot swallow the next title
    return join_html(parts)


def _location(reader: PayloadReader, location: dict[str, Any]) -> str:
    """`fullLocation`, else city, region and country; empty parts dropped ("City, , Country")."""
    full = clean_place(reader.text(location, "fullLocation"))
    if full:
        return full
    return place_from_parts(reader.text(location, key) for key in ("city", "region", "country"))


def _remote(reader: PayloadReader, location: dict[str, Any]) -> RemoteHint | None:
    """`remote`/`hybrid` flags; both false is not taken as on-site (many boards never set them)."""
    if reader.flag(location, "remote"):
        return "remote"
    if reader.flag(location, "hybrid"):
        return "hybrid"
    return None


class Options(SourceOptions):
    company: Text | None = None
    """The employer's display name; default: the name the postings give."""


class SmartRecruitersSource:
    name = NAME
    default_base_url = DEFAULT_BASE_URL
    needs_board = True
    options_model = Options

    async def fetch(self, client: PoliteClient, target: Target) -> Listing:
        """Every list page, then every job ad; complete only when the list's own counts prove
        every posting was read (see the module doc)."""
        root = f"{api_root(target, DEFAULT_BASE_URL)}/v1/companies/{board_segment(target)}/postings"
        listing = Listing(complete=False)
        ids: dict[str, None] = {}  # ordered and without repeats
        offset = 0
        totals: set[int | None] = set()
        repeated = False
        for _ in range(MAX_PAGES):
            params: dict[str, str | int] = {"limit": PAGE_SIZE, "offset": offset}
            fetched = await client.get(root, params=params)
            record_fetch(listing, fetched.url, fetched)
            page = parse_postings_page(parse_json(NAME, fetched), url=fetched.url)
            repeated = repeated or any(posting_id in ids for posting_id in page.ids)
            ids.update(dict.fromkeys(page.ids))
            offset += page.items
            totals.add(page.total_found)
            if page.total_found is None or page.items == 0 or offset >= page.total_found:
                listing.complete = totals == {offset} and not repeated
                break
        company = Options.read(target.options, source=NAME).company or None
        for posting_id in ids:
            try:
                fetched = await client.get(f"{root}/{quote(posting_id, safe='')}")
            except FetchError as error:
                if error.status in _GONE:
                    continue
                raise
            record_fetch(listing, fetched.url, fetched)
            posting = parse_posting(
                parse_json(NAME, fetched), board=target.board, url=fetched.url, company=company
            )
            if posting is not None:
                listing.postings.append(posting)
        return listing


SOURCE = SmartRecruitersSource()
