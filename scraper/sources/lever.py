"""Lever Postings API (v0): a bare JSON array of postings, paged with `skip`/`limit`.

`GET {base}/v0/postings/{board}?mode=json&skip=N&limit=100`, paged until a page is short. The
list has no count, so pages overlap by one posting (each page after the first starts one before
where the previous one ended): when that posting is not the previous page's last, the list moved
while it was paged (a posting removed or added in front), so one may have slipped past unread and
the listing is incomplete.
Region: Lever hosts EU customers at `https://api.eu.lever.co`. A target selects it with
the option `region = "eu"`; that option only applies while `base_url` is empty or the default
US root, so an explicit `base_url` (a demo or test server) always wins.
Company: Lever postings do not name the employer, so it is the `company` option when set, else the
board token as written.
Description: `description` (else `opening` + `descriptionBody`), the `lists`, then `additional`;
an HTML field that is missing or empty is replaced by its `*Plain` twin.
Structured facts: `workplaceType` (remote mode), `salaryRange`, `country`, `categories.commitment`
(employment type) and `categories.allLocations` (secondary locations).
"""

from __future__ import annotations

import html
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator

from jobtrends.scraper._http import Fetched, PoliteClient, parse_json
from jobtrends.scraper.facts import Facts, country_code, employment_type, unique_places
from jobtrends.scraper.records import (
    Listing,
    RawPosting,
    RemoteHint,
    SalaryPeriod,
    StructuredSalary,
)
from jobtrends.scraper.sources.shared.options import Text
from jobtrends.scraper.sources.shared.payload import (
    SHIFTED,
    PayloadReader,
    api_root,
    board_segment,
    company_from_board,
    record_fetch,
)
from jobtrends.scraper.targets import SourceOptions, Target
from jobtrends.scraper.text import html_to_text, join_html, plain_to_html

NAME = "lever"
DEFAULT_BASE_URL = "https://api.lever.co"
EU_BASE_URL = "https://api.eu.lever.co"
PAGE_SIZE = 100
MAX_PAGES = 100  # 10,000 postings; a board that keeps returning full pages is read as incomplete

_WORKPLACE: dict[str, RemoteHint] = {"remote": "remote", "hybrid": "hybrid", "on-site": "onsite"}
_INTERVALS: dict[str, SalaryPeriod] = {
    "per-year-salary": "year",
    "per-month-salary": "month",
    "per-week-salary": "week",
    "per-day-salary": "day",
    "per-hour-salary": "hour",
    "per-hour-wage": "hour",
    "per-day-wage": "day",
    "per-week-wage": "week",
    "per-month-wage": "month",
}


def _lowercase(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


class Options(SourceOptions):
    region: Annotated[Literal["eu"], BeforeValidator(_lowercase)] | None = None
    """"eu" for Lever's EU host (see the module doc)."""
    company: Text | None = None
    """The employer's display name (postings do not name it); default: the board token."""


def base_url_for(target: Target) -> str:
    """The API root for `target`, honouring the option `region = "eu"` (see module doc)."""
    root = api_root(target, DEFAULT_BASE_URL)
    if Options.read(target.options, source=NAME).region == "eu" and root == DEFAULT_BASE_URL:
        return EU_BASE_URL
    return root


def parse_lever(
    payload: Any, *, board: str, url: str = "", company: str | None = None
) -> list[RawPosting]:
    """Postings of one page of `postings/{board}?mode=json`; postings without an id are skipped."""
    reader = PayloadReader(NAME, url)
    employer = company or company_from_board(board)
    postings: list[RawPosting] = []
    for position, item in enumerate(reader.items(payload, "the response")):
        posting = reader.obj(item, f"posting #{position}")
        external_id = reader.ident(posting, "id")
        if external_id is None:
            continue
        description_html = _description_html(reader, posting)
        categories = reader.opt_obj(posting, "categories")
        workplace = (reader.text(posting, "workplaceType") or "").lower()
        postings.append(
            RawPosting(
                source=NAME,
                external_id=external_id,
                board=board,
                company=employer,
                title=(reader.text(posting, "text") or "").strip(),
                location=(reader.text(categories, "location") or "").strip(),
                url=reader.text(posting, "hostedUrl") or "",
                posted_at=reader.epoch_ms(posting, "createdAt"),
                description_html=description_html,
                description_text=html_to_text(description_html),
                remote=_WORKPLACE.get(workplace),
                salary=_salary(reader, posting),
                **_stated_facts(reader, posting),
            )
        )
    return postings


def _stated_facts(reader: PayloadReader, posting: dict[str, Any]) -> Facts:
    """`country` (an ISO code), `categories.commitment` (the employment type) and the other
    places of `categories.allLocations`."""
    categories = reader.opt_obj(posting, "categories")
    places = [
        reader.text({"place": place}, "place")
        for place in reader.opt_items(categories, "allLocations")
    ]
    return {
        "country": country_code(reader.text(posting, "country")),
        "employment_type": employment_type(reader.text(categories, "commitment")),
        "secondary_locations": unique_places(
            places, leave_out=reader.text(categories, "location") or ""
        ),
    }


def _description_html(reader: PayloadReader, posting: dict[str, Any]) -> str:
    """Opening and body, each titled list as a heading plus bullets, then the closing text; each
    part from its HTML field, else from its `*Plain` twin (a list without content keeps its
    title). Parts are joined with `join_html`, so one cannot swallow the next."""
    parts = [
        _html_or_plain(reader, posting, "description")
        or join_html(
            [
                _html_or_plain(reader, posting, "opening"),
                _html_or_plain(reader, posting, "descriptionBody"),
            ]
        )
    ]
    for position, item in enumerate(reader.opt_items(posting, "lists")):
        section = reader.obj(item, f"list #{position}")
        heading = html.escape((reader.text(section, "text") or "").strip())
        content = reader.text(section, "content") or ""
        items = f"<ul>{content}</ul>" if content.strip() else ""
        if heading or items:
            parts.append(f"<h3>{heading}</h3>{items}" if heading else items)
    parts.append(_html_or_plain(reader, posting, "additional"))
    return join_html(parts)


def _html_or_plain(reader: PayloadReader, posting: dict[str, Any], key: str) -> str:
    """The HTML field `key`, else its `{key}Plain` text as HTML; "" when both are empty."""
    markup = reader.text(posting, key) or ""
    if markup.strip():
        return markup
    return plain_to_html(reader.text(posting, f"{key}Plain") or "")


def _salary(reader: PayloadReader, posting: dict[str, Any]) -> StructuredSalary | None:
    salary_range = reader.opt_obj(posting, "salaryRange")
    period = _INTERVALS.get(reader.text(salary_range, "interval") or "")
    low, high = reader.number(salary_range, "min"), reader.number(salary_range, "max")
    if period is None or (low is None and high is None):
        return None
    currency = (reader.text(salary_range, "currency") or "").strip().upper() or None
    return StructuredSalary(min=low, max=high, currency=currency, period=period)


class LeverSource:
    name = NAME
    default_base_url = DEFAULT_BASE_URL
    needs_board = True
    options_model = Options

    async def fetch(self, client: PoliteClient, target: Target) -> Listing:
        """Every page of the board, asked conditionally while every page before was unchanged.

        All pages 304 (up to the page that was the last one when the validators were stored)
        make a `not_modified` listing. A page that changed after 304s fetches those pages again
        in full, since a 304 carries no postings. `complete` is False if `MAX_PAGES` ran out.
        """
        url = f"{base_url_for(target)}/v0/postings/{board_segment(target)}"
        company = Options.read(target.options, source=NAME).company or None
        listing = Listing(complete=False)
        seen: set[str] = set()
        last: list[str | None] = [None]  # the last posting of the page read before
        unchanged: list[str] = []  # pages answered 304 while no page had changed yet
        changed = False
        for page in range(MAX_PAGES):
            page_url = _page_url(url, page)
            stored = None if changed else client.stored_validators(page_url)
            fetched = await client.get(page_url, validators=stored)
            record_fetch(listing, page_url, fetched)
            if fetched.not_modified:
                unchanged.append(page_url)
                if client.stored_validators(_page_url(url, page + 1)) is None:
                    listing.complete = listing.not_modified = True  # was, and is, the last page
                    break
                continue
            for earlier_url in unchanged:
                earlier = await client.get(earlier_url)
                record_fetch(listing, earlier_url, earlier)
                _add_page(listing, seen, last, earlier, target.board, company)
            unchanged.clear()
            changed = True
            if not _add_page(listing, seen, last, fetched, target.board, company):
                listing.complete = not listing.problems
                break
        return listing


def _page_url(url: str, page: int) -> str:
    """Page `page` of the board (overlapping the page before by one posting), also the key its
    validators are stored under."""
    skip = 0 if page == 0 else page * (PAGE_SIZE - 1)
    return f"{url}?mode=json&skip={skip}&limit={PAGE_SIZE}"


def _add_page(
    listing: Listing,
    seen: set[str],
    last: list[str | None],
    fetched: Fetched,
    board: str,
    company: str | None,
) -> bool:
    """Add a page's postings not seen yet; True when the page was full (more may follow).

    After the first page, the page must start with the previous page's last posting (`last[0]`,
    updated here) and hold nothing else seen before; otherwise the list shifted while it was
    paged and the listing becomes (and stays) incomplete."""
    payload = parse_json(NAME, fetched)
    found = parse_lever(payload, board=board, url=fetched.url, company=company)
    ids = [p.external_id for p in found]
    if last[0] is not None:
        overlaps = bool(ids) and ids[0] == last[0]
        ids = ids[1:] if overlaps else ids
        if not overlaps and SHIFTED not in listing.problems:
            listing.problems.append(SHIFTED)
    if any(i in seen for i in ids) and SHIFTED not in listing.problems:
        listing.problems.append(SHIFTED)
    listing.postings.extend(p for p in found if p.external_id not in seen)
    seen.update(ids)
    if payload:
        last[0] = found[-1].external_id if found else None
    return len(payload) >= PAGE_SIZE


SOURCE = LeverSource()
