"""Workable job widget API: one GET returns an account's whole board, descriptions included.

`GET {base}/api/v1/widget/accounts/{board}?details=true` -> `{"name", "description", "jobs":
[{title, shortcode, code, employment_type, telecommuting, department, url, shortlink,
application_url, published_on, created_at, country, city, state, locations[{country, countryCode,
city, region, hidden}], description}]}` (the legacy `www.workable.com/api/accounts/{board}`
redirects here). No key, no paging. The posting id is the job's `shortcode`. Some accounts split
the ad into `description`, `requirements` and `benefits` (or send it whole as
`full_description`); the parts are joined under headings. `telecommuting: true` is the remote flag.
Company: the `company` option, else the account's `name`, else the board token as written.
The API has no paging and no count: a listing is complete only in the documented shape (an object
with a `jobs` list).
"""

from __future__ import annotations

import html
from typing import Any

from jobtrends.scraper._http import PoliteClient
from jobtrends.scraper.facts import (
    Facts,
    country_code,
    employment_type,
    seniority_level,
    unique_places,
)
from jobtrends.scraper.records import Listing, RawPosting
from jobtrends.scraper.sources.shared.options import Text
from jobtrends.scraper.sources.shared.payload import (
    PayloadReader,
    api_root,
    board_segment,
    company_from_board,
    fetch_whole_board,
    place_from_parts,
)
from jobtrends.scraper.targets import SourceOptions, Target
from jobtrends.scraper.text import html_to_text, join_html

NAME = "workable"
DEFAULT_BASE_URL = "https://apply.workable.com"
_EXTRA_PARTS = (("requirements", "Requirements"), ("benefits", "Benefits"))


def listing_url(target: Target) -> str:
    """The account's widget URL, also the key its validators are stored under."""
    root = api_root(target, DEFAULT_BASE_URL)
    return f"{root}/api/v1/widget/accounts/{board_segment(target)}?details=true"


def parse_workable(
    payload: Any, *, board: str, url: str = "", company: str | None = None
) -> list[RawPosting]:
    """Postings of one widget response; jobs without a shortcode are skipped."""
    reader = PayloadReader(NAME, url)
    account = reader.obj(payload, "the response")
    jobs = reader.items(account.get("jobs"), "field 'jobs'")
    employer = company or (reader.text(account, "name") or "").strip() or company_from_board(board)
    postings: list[RawPosting] = []
    for position, item in enumerate(jobs):
        job = reader.obj(item, f"job #{position}")
        shortcode = reader.ident(job, "shortcode")
        if shortcode is None:
            continue
        description_html = _description_html(reader, job)
        links = (reader.text(job, key) for key in ("url", "shortlink", "application_url"))
        postings.append(
            RawPosting(
                source=NAME,
                external_id=shortcode,
                board=board,
                company=employer,
                title=(reader.text(job, "title") or "").strip(),
                location=_location(reader, job),
                url=next((link.strip() for link in links if link and link.strip()), ""),
                posted_at=reader.iso_datetime(job, "published_on")
                or reader.iso_datetime(job, "created_at"),
                description_html=description_html,
                description_text=html_to_text(description_html),
                remote="remote" if reader.flag(job, "telecommuting") else None,
                **_stated_facts(reader, job),
            )
        )
    return postings


def _stated_facts(reader: PayloadReader, job: dict[str, Any]) -> Facts:
    """The job's country (its name, else the first location's `countryCode`), `state` (region)
    and city, `employment_type`, `experience` (seniority; "Mid-Senior level" states none of
    ours) and the other visible `locations`."""
    places: list[str] = []
    codes: list[str | None] = []
    for position, item in enumerate(reader.opt_items(job, "locations")):
        place = reader.obj(item, f"location #{position}")
        codes.append(reader.text(place, "countryCode"))
        if not reader.flag(place, "hidden"):
            places.append(_joined(reader, place, ("city", "region", "country")))
    return {
        "country": country_code(reader.text(job, "country"))
        or country_code(next(iter(codes), None)),
        "region": (reader.text(job, "state") or "").strip() or None,
        "city": (reader.text(job, "city") or "").strip() or None,
        "employment_type": employment_type(reader.text(job, "employment_type")),
        "seniority": seniority_level(reader.text(job, "experience") or ""),
        "secondary_locations": unique_places(places[1:], leave_out=places[0] if places else ""),
    }


def _description_html(reader: PayloadReader, job: dict[str, Any]) -> str:
    """The description, then each extra part under its heading, every part on its own."""
    parts = [reader.text(job, "full_description") or reader.text(job, "description") or ""]
    for key, heading in _EXTRA_PARTS:
        text = reader.text(job, key) or ""
        if text.strip():
            parts += [f"<h3>{html.escape(heading)}</h3>", text]
    return join_html(parts)


def _location(reader: PayloadReader, job: dict[str, Any]) -> str:
    """Every visible entry of `locations`, else the job's own city, state and country."""
    places: list[str] = []
    for position, item in enumerate(reader.opt_items(job, "locations")):
        place = reader.obj(item, f"location #{position}")
        if reader.flag(place, "hidden"):
            continue
        text = _joined(reader, place, ("city", "region", "country"))
        if text and text not in places:
            places.append(text)
    return "; ".join(places) or _joined(reader, job, ("city", "state", "country"))


def _joined(reader: PayloadReader, record: dict[str, Any], keys: tuple[str, ...]) -> str:
    return place_from_parts(reader.text(record, key) for key in keys)


class Options(SourceOptions):
    company: Text | None = None
    """The employer's display name; default: the account's name, else the board token."""


class WorkableSource:
    name = NAME
    default_base_url = DEFAULT_BASE_URL
    needs_board = True
    options_model = Options

    async def fetch(self, client: PoliteClient, target: Target) -> Listing:
        """The whole board in one conditional request; a 304 means nothing changed."""
        listing, fetched, payload = await fetch_whole_board(client, NAME, listing_url(target))
        if payload is None:
            return listing
        company = Options.read(target.options, source=NAME).company or None
        listing.postings = parse_workable(
            payload, board=target.board, url=fetched.url, company=company
        )
        listing.complete = isinstance(payload, dict) and isinstance(payload.get("jobs"), list)
        return listing


SOURCE = WorkableSource()
