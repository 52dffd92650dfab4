"""Remotive remote-jobs API: one GET returns every listed job (optionally one category or search).

`GET {base}/api/remote-jobs[?category=C][&search=S]` -> `{"0-legal-notice": "...", "job-count": n,
"jobs": [{id, url, title, company_name, category, tags, job_type, publication_date,
candidate_required_location, salary, description}]}`. Options: `category` (a slug such as
"software-dev") and `search`. The unfiltered feed is the whole board: it is a complete listing
when its own `job-count` equals the jobs it holds (a missing or disagreeing count is incomplete);
a filtered one never is (a posting missing from it may just be in another category).
`salary` is free text ("$90k - $105k", often empty): it is added to the description as a "Salary:"
line so the pipeline's salary extraction reads it, never parsed here.
Terms (the legal notice and README): link back to the job's Remotive URL and mention Remotive
(kept as `url` and `attribution`); jobs appear with a 24-hour delay; poll at most about four times
a day and never more than two requests a minute (`MIN_DELAY_SECONDS`, `MAX_POLLS_PER_DAY`). Every
job on the board is remote; `candidate_required_location` says where the candidate may live.
"""

from __future__ import annotations

import html
from typing import Any

from jobtrends.scraper._http import PoliteClient, parse_json
from jobtrends.scraper.facts import Facts, country_code, employment_type
from jobtrends.scraper.records import Listing, RawPosting
from jobtrends.scraper.sources.shared.options import Text
from jobtrends.scraper.sources.shared.payload import PayloadReader, api_root, record_fetch
from jobtrends.scraper.targets import SourceOptions, Target
from jobtrends.scraper.text import html_to_text, join_html

NAME = "remotive"
DEFAULT_BASE_URL = "https://remotive.com"
HOST = "remotive.com"
MIN_DELAY_SECONDS = 30.0  # "more than 2 requests per minute are blocked"
MAX_POLLS_PER_DAY = 4
CREDIT = "Remotive"
LEGAL_NOTICE_KEY = "0-legal-notice"


def legal_notice(payload: Any, *, url: str = "") -> str | None:
    """The terms Remotive sends with the feed (None when the response carries none)."""
    reader = PayloadReader(NAME, url)
    return reader.text(reader.obj(payload, "the response"), LEGAL_NOTICE_KEY)


def parse_remotive(payload: Any, *, board: str = "", url: str = "") -> list[RawPosting]:
    """Postings of one `api/remote-jobs` response; jobs without an id are skipped."""
    reader = PayloadReader(NAME, url)
    jobs = reader.items(reader.obj(payload, "the response").get("jobs"), "field 'jobs'")
    postings: list[RawPosting] = []
    for position, item in enumerate(jobs):
        job = reader.obj(item, f"job #{position}")
        external_id = reader.ident(job, "id")
        if external_id is None:
            continue
        description_html = _description_html(reader, job)
        job_url = (reader.text(job, "url") or "").strip()
        postings.append(
            RawPosting(
                source=NAME,
                external_id=external_id,
                board=board,
                company=(reader.text(job, "company_name") or "").strip(),
                title=(reader.text(job, "title") or "").strip(),
                location=(reader.text(job, "candidate_required_location") or "").strip(),
                url=job_url,
                posted_at=reader.iso_datetime(job, "publication_date"),
                description_html=description_html,
                description_text=html_to_text(description_html),
                remote="remote",
                attribution=f"{CREDIT}: {job_url}" if job_url else CREDIT,
                tags=tuple(reader.strings(job, "tags")),
                **_stated_facts(reader, job),
            )
        )
    return postings


def _stated_facts(reader: PayloadReader, job: dict[str, Any]) -> Facts:
    """`job_type` (employment type) and the country when `candidate_required_location` names
    exactly one ("USA"; not "USA, Canada" or "Worldwide")."""
    places = (reader.text(job, "candidate_required_location") or "").split(",")
    countries = {country_code(place) for place in places}
    return {
        "employment_type": employment_type(reader.text(job, "job_type")),
        "country": countries.pop() if len(countries) == 1 else None,
    }


def _description_html(reader: PayloadReader, job: dict[str, Any]) -> str:
    """The description, then the salary line as a fragment of its own (a description cut inside a
    tag cannot swallow it)."""
    description = reader.text(job, "description") or ""
    salary = (reader.text(job, "salary") or "").strip()
    return join_html([description, f"<p>Salary: {html.escape(salary)}</p>" if salary else ""])


class Options(SourceOptions):
    category: Text | None = None
    """A category slug such as "software-dev"."""
    search: Text | None = None
    """Only jobs matching this text."""


class RemotiveSource:
    name = NAME
    default_base_url = DEFAULT_BASE_URL
    needs_board = False
    options_model = Options

    async def fetch(self, client: PoliteClient, target: Target) -> Listing:
        """The feed in one request; complete only when no filter narrowed it and the response's
        own `job-count` equals the jobs it holds (`is_whole_feed`)."""
        url = f"{api_root(target, DEFAULT_BASE_URL)}/api/remote-jobs"
        options = Options.read(target.options, source=NAME)
        filters = {"category": options.category, "search": options.search}
        params: dict[str, str | int] = {key: value for key, value in filters.items() if value}
        fetched = await client.get(url, params=params)
        listing = Listing(complete=False)
        record_fetch(listing, fetched.url, fetched)
        payload = parse_json(NAME, fetched)
        listing.postings = parse_remotive(payload, board=target.board, url=fetched.url)
        listing.complete = not params and is_whole_feed(payload)
        return listing


def is_whole_feed(payload: Any) -> bool:
    """`{"job-count": n, "jobs": [...]}` with n equal to the jobs returned."""
    if not isinstance(payload, dict):
        return False
    jobs, count = payload.get("jobs"), payload.get("job-count")
    return isinstance(jobs, list) and type(count) is int and count == len(jobs)


SOURCE = RemotiveSource()
