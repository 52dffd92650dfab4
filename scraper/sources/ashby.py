"""Ashby public Job Posting API: one GET returns a whole board with compensation.

`GET {base}/posting-api/job-board/{board}?includeCompensation=true` -> `{"apiVersion": "1",
"jobs": [...]}`. Unlisted jobs (`isListed: false`) are skipped. Salary comes only from
compensation components whose `compensationType` is "Salary". Company: Ashby jobs do not name the
employer, so it is the `company` option when set, else the board token as written. A body that
is a bare array of jobs is read too. The API has no paging and no count, so a listing is complete
only in the documented shape (an object with a `jobs` list); a bare array is read but incomplete
(it closes nothing).
Structured facts: `workplaceType`/`isRemote` and remote-named (secondary) locations, the
address's country, region and city, `employmentType` and `secondaryLocations`.
"""

from __future__ import annotations

from typing import Any

from jobtrends.scraper._http import PoliteClient
from jobtrends.scraper.facts import (
    Facts,
    country_code,
    employment_type,
    names_remote,
    unique_places,
)
from jobtrends.scraper.records import (
    Listing,
    RawPosting,
    RemoteHint,
    SalaryPeriod,
    StructuredSalary,
)
from jobtrends.scraper.sources.shared.options import Text
from jobtrends.scraper.sources.shared.payload import (
    PayloadReader,
    api_root,
    board_segment,
    company_from_board,
    fetch_whole_board,
)
from jobtrends.scraper.targets import SourceOptions, Target
from jobtrends.scraper.text import html_to_text

NAME = "ashby"
DEFAULT_BASE_URL = "https://api.ashbyhq.com"

_WORKPLACE: dict[str, RemoteHint] = {"remote": "remote", "hybrid": "hybrid", "onsite": "onsite"}
_INTERVALS: dict[str, SalaryPeriod] = {
    "1 YEAR": "year",
    "1 MONTH": "month",
    "1 WEEK": "week",
    "1 DAY": "day",
    "1 HOUR": "hour",
}


def listing_url(target: Target) -> str:
    """The board's listing URL, also the key its validators are stored under."""
    root = api_root(target, DEFAULT_BASE_URL)
    return f"{root}/posting-api/job-board/{board_segment(target)}?includeCompensation=true"


def parse_ashby(
    payload: Any, *, board: str, url: str = "", company: str | None = None
) -> list[RawPosting]:
    """Listed postings of one job-board response (`{"jobs": [...]}`, or the jobs as a bare
    array); jobs without an id are skipped."""
    reader = PayloadReader(NAME, url)
    if isinstance(payload, list):
        jobs = payload
    else:
        jobs = reader.items(reader.obj(payload, "the response").get("jobs"), "field 'jobs'")
    employer = company or company_from_board(board)
    postings: list[RawPosting] = []
    for position, item in enumerate(jobs):
        job = reader.obj(item, f"job #{position}")
        external_id = reader.ident(job, "id")
        if external_id is None or reader.flag(job, "isListed") is False:
            continue
        description_html = reader.text(job, "descriptionHtml") or ""
        postings.append(
            RawPosting(
                source=NAME,
                external_id=external_id,
                board=board,
                company=employer,
                title=(reader.text(job, "title") or "").strip(),
                location=(reader.text(job, "location") or "").strip(),
                url=reader.text(job, "jobUrl") or "",
                posted_at=reader.iso_datetime(job, "publishedAt"),
                description_html=description_html,
                description_text=html_to_text(description_html),
                remote=_remote(reader, job),
                salary=_salary(reader, reader.opt_obj(job, "compensation")),
                **_stated_facts(reader, job),
            )
        )
    return postings


def _remote(reader: PayloadReader, job: dict[str, Any]) -> RemoteHint | None:
    """Remote when the location or a secondary location is named as remote (a secondary one can
    hold the job's only remote place, whatever `workplaceType` says of the main location); else
    `workplaceType`, else `isRemote`."""
    places = [reader.text(job, "location"), *_secondary_places(reader, job)]
    if any(names_remote(place) for place in places):
        return "remote"
    workplace = (reader.text(job, "workplaceType") or "").replace("-", "").replace(" ", "")
    hint = _WORKPLACE.get(workplace.lower())
    if hint is None and reader.flag(job, "isRemote"):
        return "remote"
    return hint


def _stated_facts(reader: PayloadReader, job: dict[str, Any]) -> Facts:
    """Country, region and city of `address.postalAddress`, `employmentType` and the
    secondary locations."""
    address = reader.opt_obj(reader.opt_obj(job, "address"), "postalAddress")
    return {
        "country": country_code(reader.text(address, "addressCountry")),
        "region": (reader.text(address, "addressRegion") or "").strip() or None,
        "city": (reader.text(address, "addressLocality") or "").strip() or None,
        "employment_type": employment_type(reader.text(job, "employmentType")),
        "secondary_locations": unique_places(
            _secondary_places(reader, job), leave_out=reader.text(job, "location") or ""
        ),
    }


def _secondary_places(reader: PayloadReader, job: dict[str, Any]) -> list[str | None]:
    return [
        reader.text(reader.obj(item, f"secondary location #{position}"), "location")
        for position, item in enumerate(reader.opt_items(job, "secondaryLocations"))
    ]


def _salary(reader: PayloadReader, compensation: dict[str, Any]) -> StructuredSalary | None:
    """The summary's salary component, else the range spanned by the tiers' salary components."""
    summary = _salary_components(reader, reader.opt_items(compensation, "summaryComponents"))
    if summary:
        return summary[0]
    tiered: list[StructuredSalary] = []
    for position, item in enumerate(reader.opt_items(compensation, "compensationTiers")):
        tier = reader.obj(item, f"compensation tier #{position}")
        tiered.extend(_salary_components(reader, reader.opt_items(tier, "components")))
    if not tiered:
        return None
    first = tiered[0]
    same = [s for s in tiered if (s.currency, s.period) == (first.currency, first.period)]
    lows = [s.min for s in same if s.min is not None]
    highs = [s.max for s in same if s.max is not None]
    return StructuredSalary(
        min=min(lows) if lows else None,
        max=max(highs) if highs else None,
        currency=first.currency,
        period=first.period,
    )


def _salary_components(reader: PayloadReader, components: list[Any]) -> list[StructuredSalary]:
    salaries: list[StructuredSalary] = []
    for position, item in enumerate(components):
        component = reader.obj(item, f"compensation component #{position}")
        if reader.text(component, "compensationType") != "Salary":
            continue
        period = _INTERVALS.get((reader.text(component, "interval") or "").upper())
        low, high = reader.number(component, "minValue"), reader.number(component, "maxValue")
        if period is None or (low is None and high is None):
            continue
        currency = (reader.text(component, "currencyCode") or "").strip().upper() or None
        salaries.append(StructuredSalary(min=low, max=high, currency=currency, period=period))
    return salaries


class Options(SourceOptions):
    company: Text | None = None
    """The employer's display name (postings do not name it); default: the board token."""


class AshbySource:
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
        listing.postings = parse_ashby(
            payload, board=target.board, url=fetched.url, company=company
        )
        listing.complete = isinstance(payload, dict) and isinstance(payload.get("jobs"), list)
        return listing


SOURCE = AshbySource()
