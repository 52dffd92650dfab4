"""Arbeitnow job-board API: every job on the board (mostly Germany and Europe), newest first, in
numbered pages.

`GET {base}/api/job-board-api?page=N` -> `{"data": [{slug, company_name, title, description,
remote, url, tags, job_types, location, created_at}], "links": {"first", "last", "prev", "next"},
"meta": {"current_page", "from", "path", "per_page", "to", "terms", "info"}}`.
Paging: `links.next` names the next page (`?page=N+1`) and is null on the last one. Only its page
number is taken: the next request is built from the target's base URL, so a link pointing
elsewhere is never followed. A run reads at most `max_pages` pages (an option, default
`DEFAULT_MAX_PAGES`); the listing is complete only when a page said, with a `links` block whose
`next` is null, that it was the last. A page without a `links` block, a `meta.current_page` other
than the page asked for, a next page that does not move forward or an empty page that still
points further all end the run as an incomplete listing (which closes nothing).
Fields: `description` is HTML sent entity-escaped once ("&lt;p&gt;"); it is unescaped before the
text is made (plain HTML is kept as it is). `remote: true` is the remote hint ("remote"); false
says nothing (the board does not tell on-site from hybrid). `created_at` is epoch seconds.
`tags` and `job_types` are the board's labels, not added to the description: `tags` go to the
record's `tags` field (read as a `tags` section, which reports leave out of demand); `job_types`
("Full Time", "Internship", German ones such as "Werkstudent") give the employment type and
seniority when they name exactly one (`jobtrends.scraper.facts`);
nothing else is guessed (the board states no country). The external id is the `slug`.
Terms (`meta.terms`, readable with `terms_notice`): a free public API, to be used gently and with
a link back to Arbeitnow, kept as each posting's `url` (its Arbeitnow page) and `attribution`.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from pydantic import PositiveInt

from jobtrends.scraper._http import PoliteClient, parse_json
from jobtrends.scraper.facts import employment_type, seniority_level
from jobtrends.scraper.records import EmploymentType, Listing, RawPosting, SeniorityHint
from jobtrends.scraper.sources.shared.options import epoch_datetime
from jobtrends.scraper.sources.shared.payload import (
    SHIFTED,
    PayloadReader,
    api_root,
    record_fetch,
)
from jobtrends.scraper.targets import SourceOptions, Target
from jobtrends.scraper.text import html_to_text

NAME = "arbeitnow"
DEFAULT_BASE_URL = "https://www.arbeitnow.com"
HOST = "www.arbeitnow.com"
API_PATH = "/api/job-board-api"
DEFAULT_MAX_PAGES = 20
CREDIT = "Arbeitnow"
# German job types in the words `jobtrends.scraper.facts` reads.
_GERMAN_TYPES = {
    "vollzeit": "full time",
    "teilzeit": "part time",
    "festanstellung": "permanent",
    "befristet": "temporary",
    "freiberuflich": "freelance",
    "praktikum": "internship",
    "werkstudent": "student",
    "berufseinsteiger": "entry level",
}

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ArbeitnowPage:
    """One page of the board: its postings, how many jobs it held, the page number `meta` gives
    (None when absent), the next page's number (None when there is none) and whether the page's
    own `links` block says it is the last one."""

    postings: list[RawPosting]
    jobs: int
    current_page: int | None
    next_page: int | None
    last: bool


def terms_notice(payload: Any, *, url: str = "") -> str | None:
    """The terms Arbeitnow sends in `meta.terms` (None when the page carries none)."""
    reader = PayloadReader(NAME, url)
    meta = reader.opt_obj(reader.obj(payload, "the response"), "meta")
    return reader.text(meta, "terms")


def parse_arbeitnow(payload: Any, *, board: str = "", url: str = "") -> ArbeitnowPage:
    """Postings and paging of one `api/job-board-api` page; jobs without a slug are skipped."""
    reader = PayloadReader(NAME, url)
    body = reader.obj(payload, "the response")
    jobs = reader.items(body.get("data"), "field 'data'")
    postings: list[RawPosting] = []
    for position, item in enumerate(jobs):
        job = reader.obj(item, f"job #{position}")
        slug = reader.ident(job, "slug")
        if slug is None:
            continue
        description_html = _description_html(reader.text(job, "description") or "")
        job_url = (reader.text(job, "url") or "").strip()
        employment, seniority = _stated_types(reader.strings(job, "job_types"))
        postings.append(
            RawPosting(
                source=NAME,
                external_id=slug,
                board=board,
                company=html.unescape(reader.text(job, "company_name") or "").strip(),
                title=html.unescape(reader.text(job, "title") or "").strip(),
                location=html.unescape(reader.text(job, "location") or "").strip(" ,\n\t"),
                url=job_url,
                posted_at=epoch_datetime(reader, job, "created_at"),
                description_html=description_html,
                description_text=html_to_text(description_html),
                remote="remote" if reader.flag(job, "remote") else None,
                attribution=f"{CREDIT}: {job_url}" if job_url else CREDIT,
                employment_type=employment,
                seniority=seniority,
                tags=tuple(reader.strings(job, "tags")),
            )
        )
    links = body.get("links")
    meta = reader.opt_obj(body, "meta")
    current = _page_number(reader, meta.get("current_page"), "meta.current_page")
    if links is None:
        return ArbeitnowPage(postings, len(jobs), current, None, last=False)
    next_link = reader.text(reader.obj(links, "field 'links'"), "next")
    if next_link is None or not next_link.strip():
        return ArbeitnowPage(postings, len(jobs), current, None, last=True)
    next_page = _page_number(reader, _page_param(next_link), "the page of links.next")
    if next_page is None:
        raise reader.error(f"links.next has no page number: {next_link!r}")
    return ArbeitnowPage(postings, len(jobs), current, next_page, last=False)


def _description_html(description: str) -> str:
    """The description as HTML: entity-escaped HTML is unescaped once, HTML kept as it is, and
    plain text keeps its line breaks (as <br>)."""
    if "<" not in description and "&lt;" in description:
        description = html.unescape(description)
    if "<" not in description:
        return html.escape(description, quote=False).replace("\n", "<br>")
    return description


def _stated_types(labels: list[str]) -> tuple[EmploymentType | None, SeniorityHint | None]:
    """(employment type, seniority) the job types name, each only when exactly one is named."""
    words = [_GERMAN_TYPES.get(label.lower(), label) for label in labels]
    kinds = {kind for word in words if (kind := employment_type(word)) is not None}
    levels = {level for word in words if (level := seniority_level(word)) is not None}
    return (
        kinds.pop() if len(kinds) == 1 else None,
        levels.pop() if len(levels) == 1 else None,
    )


def _page_param(link: str) -> str | None:
    try:
        query = urlsplit(link.strip()).query
    except ValueError:
        return None
    return dict(parse_qsl(query)).get("page")


def _page_number(reader: PayloadReader, value: Any, what: str) -> int | None:
    """A page number (a positive integer, or its digits as text); None when not given."""
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdecimal() and value.strip().isascii():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**9:
        return value
    raise reader.error(f"{what} should be a page number, got {value!r}")


class Options(SourceOptions):
    max_pages: PositiveInt = DEFAULT_MAX_PAGES
    """Pages (of about 100 jobs) read a run."""


class ArbeitnowSource:
    name = NAME
    default_base_url = DEFAULT_BASE_URL
    needs_board = False
    options_model = Options

    async def fetch(self, client: PoliteClient, target: Target) -> Listing:
        """Pages 1, 2, ... while `links.next` names one, up to `max_pages`; complete only when
        the last page read said it was the last (see the module doc)."""
        url = f"{api_root(target, DEFAULT_BASE_URL)}{API_PATH}"
        max_pages = Options.read(target.options, source=NAME).max_pages
        listing = Listing(complete=False)
        seen: set[str] = set()
        number = 1
        for _ in range(max_pages):
            fetched = await client.get(url, params={"page": number})
            record_fetch(listing, fetched.url, fetched)
            page = parse_arbeitnow(parse_json(NAME, fetched), board=target.board, url=fetched.url)
            if (
                any(p.external_id in seen for p in page.postings)
                and SHIFTED not in listing.problems
            ):
                listing.problems.append(SHIFTED)  # a posting may have slipped past unread
            listing.postings.extend(p for p in page.postings if p.external_id not in seen)
            seen.update(p.external_id for p in page.postings)
            if page.current_page not in (None, number):
                log.warning("%s: asked for page %d, got page %s", NAME, number, page.current_page)
                break
            if page.last:
                listing.complete = not listing.problems
                break
            if page.next_page is None or page.next_page <= number or page.jobs == 0:
                log.warning("%s: %s gives no usable next page; listing incomplete", NAME, url)
                break
            number = page.next_page
        return listing


SOURCE = ArbeitnowSource()
