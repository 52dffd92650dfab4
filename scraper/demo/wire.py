"""Render demo postings in the exact JSON shapes of the Greenhouse, Lever and Ashby board APIs.

Field names, nesting and value formats follow /work/shared/SOURCES.md sections 1-3 and the real
recorded responses in /work/shared/fixtures/real. Everything derived (ids of departments, update
times) comes from the posting itself, so rendering is deterministic.
"""

from __future__ import annotations

import uuid
import zlib
from datetime import UTC, date, datetime, timedelta, timezone
from random import Random
from typing import Any

from jobtrends.scraper.demo.markup import lever_parts, render_plain
from jobtrends.scraper.demo.model import DemoPosting
from jobtrends.scraper.demo.pay import Pay, ashby_summary

Json = dict[str, Any]

# Greenhouse reports times in the board's own zone; a fixed offset per city keeps the instant.
UTC_OFFSET_HOURS = {
    "San Francisco": -8.0, "Seattle": -8.0, "Denver": -7.0, "Austin": -6.0, "Chicago": -6.0,
    "New York": -5.0, "Boston": -5.0, "Toronto": -5.0, "London": 0.0, "Berlin": 1.0,
    "Amsterdam": 1.0, "Paris": 1.0, "Bangalore": 5.5,
}  # fmt: skip
LEVER_WORKPLACE = {"remote": "remote", "hybrid": "hybrid", "onsite": "on-site", None: "unspecified"}
ASHBY_WORKPLACE = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "OnSite", None: None}
LEVER_COMMITMENT = {"FullTime": "Full-time", "Intern": "Intern", "Contract": "Contract"}


def stable_id(*parts: object, digits: int = 7) -> int:
    """A deterministic numeric id from text (CRC32, not Python's salted `hash`)."""
    value = zlib.crc32("|".join(str(p) for p in parts).encode())
    low = int(10 ** (digits - 1))
    return low + value % (9 * low)


def _pay(posting: DemoPosting) -> Pay | None:
    salary = posting.salary_structured
    if salary is None or salary.min is None or salary.max is None or salary.currency is None:
        return None
    return Pay(int(salary.min), int(salary.max), salary.currency, salary.period)


def _updated(posting: DemoPosting, end: datetime) -> datetime:
    rng = Random(f"updated:{posting.source}:{posting.external_id}")
    later = posting.posted_at + timedelta(days=rng.randint(0, 25), seconds=rng.randint(0, 86399))
    return min(later, end - timedelta(seconds=rng.randint(60, 3600)))


def greenhouse_escape(text: str) -> str:
    """Greenhouse's `content` escaping: &, <, >, " and ' (as `&#39;`)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def greenhouse_job(posting: DemoPosting, end: datetime, *, content: bool) -> Json:
    zone = timezone(timedelta(hours=UTC_OFFSET_HOURS.get(posting.city, 0.0)))
    suffix = int(posting.external_id) % 1000
    board = posting.board
    job: Json = {
        "absolute_url": posting.url,
        "data_compliance": [
            {
                "type": "gdpr",
                "requires_consent": False,
                "requires_processing_consent": False,
                "requires_retention_consent": False,
                "retention_period": None,
                "demographic_data_consent_applies": False,
            }
        ],
        "internal_job_id": posting.internal_id,
        "location": {"name": posting.location},
        "metadata": None
        if posting.internal_id % 3 == 0
        else [
            {
                "id": stable_id(board, "employment") * 1000 + suffix,
                "name": "Employment Type",
                "value": LEVER_COMMITMENT[posting.employment_type],
                "value_type": "single_select",
            }
        ],
        "id": int(posting.external_id),
        "updated_at": _updated(posting, end).astimezone(zone).isoformat(),
        "requisition_id": str(posting.internal_id % 9000 + 100),
        "title": posting.title,
        "company_name": posting.company,
        "first_published": posting.posted_at.astimezone(zone).isoformat(),
        "language": "en",
        "application_deadline": None,
    }
    if content:
        parent = stable_id(board, "departments") * 1000 + suffix
        job["content"] = greenhouse_escape(posting.html)
        job["departments"] = [
            {
                "id": stable_id(board, posting.team) * 1000 + suffix,
                "name": posting.team,
                "child_ids": [],
                "parent_id": parent,
            }
        ]
        remote = posting.remote == "remote"
        job["offices"] = [
            {
                "id": stable_id(board, posting.city, remote) * 1000 + suffix,
                "name": "Remote" if remote else posting.city,
                "location": None if remote else f"{posting.city}, {posting.country}",
                "child_ids": [],
                "parent_id": None,
            }
        ]
    job.update(
        {"ai_disclaimer": None, "include_ai_disclaimer": None, "ai_opt_out_request_url": None}
    )
    return job


def greenhouse_job_with_pay(posting: DemoPosting, end: datetime) -> Json:
    """`jobs/{id}?pay_transparency=true`: the job with its content and `pay_input_ranges`."""
    job = greenhouse_job(posting, end, content=True)
    pay = posting.stated_pay
    ranges = []
    if pay is not None and pay.min is not None and pay.max is not None:
        hourly = pay.period == "hour"
        ranges.append(
            {
                "min_cents": round(pay.min * 100),
                "max_cents": round(pay.max * 100),
                "currency_type": pay.currency,
                "title": "Hourly Pay Range" if hourly else "Annual Base Salary",
                "blurb": "<p>The range depends on location, skills and experience.</p>",
            }
        )
    job["pay_input_ranges"] = ranges
    return job


def greenhouse_board(postings: list[DemoPosting], end: datetime, *, content: bool) -> Json:
    ordered = sorted(postings, key=lambda p: p.posted_at, reverse=True)
    jobs = [greenhouse_job(p, end, content=content) for p in ordered]
    return {"jobs": jobs, "meta": {"total": len(jobs)}}


def lever_posting(posting: DemoPosting) -> Json:
    parts = lever_parts(posting.sections)
    hosted = posting.url
    item: Json = {
        "additionalPlain": parts.additional_plain,
        "additional": parts.additional,
        "categories": {
            "commitment": LEVER_COMMITMENT[posting.employment_type],
            "department": posting.department,
            "location": posting.location,
            "team": posting.team,
            "allLocations": [posting.location],
        },
        "createdAt": int(posting.posted_at.timestamp() * 1000),
        "descriptionPlain": parts.opening_plain + parts.body_plain,
        "description": parts.opening + parts.body,
        "id": posting.external_id,
        "lists": [{"text": heading, "content": items} for heading, items in parts.lists],
    }
    pay = _pay(posting)
    if pay is not None:
        item["salaryRange"] = {
            "interval": "per-hour-wage" if pay.period == "hour" else "per-year-salary",
            "currency": pay.currency,
            "min": pay.min,
            "max": pay.max,
        }
        note = "Pay within the range depends on location, skills and experience."
        item["salaryDescription"] = f'<div><span style="font-size: 11pt;">{note}</span></div>'
        item["salaryDescriptionPlain"] = note
    item.update(
        {
            "text": posting.title,
            "country": posting.country_code,
            "workplaceType": LEVER_WORKPLACE[posting.remote],
            "opening": parts.opening,
            "openingPlain": parts.opening_plain,
            "descriptionBody": parts.body,
            "descriptionBodyPlain": parts.body_plain,
            "hostedUrl": hosted,
            "applyUrl": f"{hosted}/apply",
        }
    )
    return item


def lever_board(postings: list[DemoPosting]) -> list[Json]:
    return [lever_posting(p) for p in sorted(postings, key=lambda p: p.posted_at, reverse=True)]


def _component(posting: DemoPosting, kind: str, pay: Pay | None) -> Json:
    component_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{posting.external_id}:{kind}"))
    if pay is None:  # equity
        return {
            "id": component_id,
            "summary": "0.05% – 0.2%",
            "compensationType": "EquityPercentage",
            "interval": "NONE",
            "currencyCode": None,
            "minValue": 0.05,
            "maxValue": 0.2,
        }
    return {
        "id": component_id,
        "summary": ashby_summary(pay),
        "compensationType": "Salary",
        "interval": "1 HOUR" if pay.period == "hour" else "1 YEAR",
        "currencyCode": pay.currency,
        "minValue": pay.min,
        "maxValue": pay.max,
    }


def ashby_compensation(posting: DemoPosting) -> Json:
    pay = _pay(posting)
    if pay is None:
        return {
            "compensationTierSummary": None,
            "scrapeableCompensationSalarySummary": None,
            "compensationTiers": [],
            "summaryComponents": [],
        }
    components = [_component(posting, "salary", pay)]
    summary = ashby_summary(pay)
    if pay.period == "year" and int(posting.external_id[:2], 16) % 2 == 0:
        components.append(_component(posting, "equity", None))
        summary += " • Offers Equity"
    tier_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{posting.external_id}:tier"))
    return {
        "compensationTierSummary": summary,
        "scrapeableCompensationSalarySummary": ashby_summary(pay).replace("–", "-"),
        "compensationTiers": [
            {
                "id": tier_id,
                "tierSummary": summary,
                "title": "",
                "additionalInformation": None,
                "components": components,
            }
        ],
        "summaryComponents": components,
    }


def ashby_job(posting: DemoPosting, *, compensation: bool) -> Json:
    url = posting.url
    published = posting.posted_at.astimezone(UTC)
    job: Json = {
        "id": posting.external_id,
        "title": posting.title,
        "department": posting.department,
        "team": posting.team,
        "employmentType": posting.employment_type,
        "location": posting.location,
        "shouldDisplayCompensationOnJobPostings": posting.salary_structured is not None,
        "secondaryLocations": [],
        "publishedAt": published.isoformat(timespec="milliseconds"),
        "isListed": True,
        "isRemote": posting.remote == "remote",
        "workplaceType": ASHBY_WORKPLACE[posting.remote],
        "address": {
            "postalAddress": {
                "addressRegion": posting.region,
                "addressCountry": posting.country,
                "addressLocality": posting.city,
            }
        },
        "jobUrl": url,
        "applyUrl": f"{url}/application",
        "descriptionHtml": posting.html,
        "descriptionPlain": render_plain(posting.sections),
    }
    if compensation:
        job["compensation"] = ashby_compensation(posting)
    return job


def ashby_board(postings: list[DemoPosting], *, compensation: bool) -> Json:
    ordered = sorted(postings, key=lambda p: p.posted_at, reverse=True)
    return {"apiVersion": "1", "jobs": [ashby_job(p, compensation=compensation) for p in ordered]}


def end_instant(end_date: date) -> datetime:
    return datetime(end_date.year, end_date.month, end_date.day, tzinfo=UTC)
