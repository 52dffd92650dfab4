"""Render demo postings as career-site pages with schema.org `JobPosting` JSON-LD, and the sitemap
that lists them (what the `jsonld` source reads).

Field names follow Google's job posting structured data (SOURCES.md section 7): `title`,
`description` (HTML), `identifier`, `datePosted`, `hiringOrganization`, `jobLocation` with a
`PostalAddress`, `jobLocationType: TELECOMMUTE` for remote jobs, `employmentType` and
`baseSalary`. Rendering is deterministic: equal postings give equal bytes.
"""

from __future__ import annotations

import html
import json
from typing import Any
from xml.sax.saxutils import escape

from jobtrends.scraper.demo.model import DemoPosting

EMPLOYMENT_TYPES = {"FullTime": "FULL_TIME", "PartTime": "PART_TIME", "Intern": "INTERN",
                    "Contract": "CONTRACTOR"}  # fmt: skip
UNITS = {"year": "YEAR", "month": "MONTH", "week": "WEEK", "day": "DAY", "hour": "HOUR"}


def job_posting(posting: DemoPosting) -> dict[str, Any]:
    """The JobPosting object of one posting."""
    node: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": posting.html,
        "identifier": {"@type": "PropertyValue", "name": posting.company,
                       "value": posting.external_id},
        "datePosted": posting.posted_at.isoformat(),
        "employmentType": EMPLOYMENT_TYPES.get(posting.employment_type, "OTHER"),
        "hiringOrganization": {"@type": "Organization", "name": posting.company},
    }  # fmt: skip
    address = {
        "@type": "PostalAddress",
        "addressLocality": posting.city,
        "addressRegion": posting.region,
        "addressCountry": posting.country_code or posting.country,
    }
    address = {key: value for key, value in address.items() if value}
    if posting.remote == "remote":
        node["jobLocationType"] = "TELECOMMUTE"
        country = posting.country_code or posting.country
        if country:
            node["applicantLocationRequirements"] = {"@type": "Country", "name": country}
    elif len(address) > 1:
        node["jobLocation"] = {"@type": "Place", "address": address}
    salary = posting.salary_structured
    if salary is not None and salary.currency and (salary.min or salary.max):
        value: dict[str, Any] = {"@type": "QuantitativeValue", "unitText": UNITS[salary.period]}
        if salary.min:
            value["minValue"] = salary.min
        if salary.max:
            value["maxValue"] = salary.max
        node["baseSalary"] = {"@type": "MonetaryAmount", "currency": salary.currency,
                              "value": value}  # fmt: skip
    return node


def job_page(posting: DemoPosting) -> bytes:
    """An HTML page carrying the posting's JobPosting in a JSON-LD script."""
    data = json.dumps(job_posting(posting), ensure_ascii=False, indent=1)
    data = data.replace("</", "<\\/")  # a "</script>" inside a string must not end the script
    title = html.escape(f"{posting.title} - {posting.company}")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<script type="application/ld+json">\n{data}\n</script>\n</head>\n'
        f"<body>\n<h1>{html.escape(posting.title)}</h1>\n{posting.html}\n</body>\n</html>\n"
    ).encode()


def sitemap(urls: list[str]) -> bytes:
    """A sitemaps.org `<urlset>` listing `urls`."""
    entries = "".join(f"  <url><loc>{escape(url)}</loc></url>\n" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    ).encode()
