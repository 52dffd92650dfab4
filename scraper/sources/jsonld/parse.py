"""schema.org `JobPosting` JSON-LD in an HTML page, as postings (no I/O).

Every `<script type="application/ld+json">` is read; a script holds one object, a list, or a
`@graph`, and JobPostings may sit anywhere inside (e.g. an `ItemList`). Markup on the open web is
loose, so fields are read leniently: a value of an unexpected shape counts as not given, a script
that is not JSON is ignored, and a JobPosting without a title is skipped. Mapping (Google's job
posting guidelines): `identifier.value` (prefixed with the page's host) or the posting's URL is
the external id; `baseSalary` becomes a structured salary when it states its unit;
`jobLocationType: TELECOMMUTE` is remote; a `validThrough` in the past means the job expired and
it is left out.
"""

from __future__ import annotations

import html
import json
import warnings
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag, XMLParsedAsHTMLWarning

from jobtrends.scraper.records import RawPosting, RemoteHint
from jobtrends.scraper.sources.jsonld.values import (
    absolute_url,
    description_html,
    facts_of,
    identifier_of,
    locations_of,
    moment_of,
    names_of,
    salary_of,
    telecommute,
    text_of,
)
from jobtrends.scraper.sources.shared.payload import company_from_board
from jobtrends.scraper.text import html_to_text

NAME = "jsonld"
MAX_NODES = 20_000  # JSON values visited per script; a bound against hostile nesting
_WRAPPERS = (("", ""), ("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>"))


def parse_jsonld_page(
    markup: str | bytes,
    *,
    board: str,
    url: str,
    now: datetime,
    company: str | None = None,
    encoding: str | None = None,
) -> list[RawPosting]:
    """The live JobPostings of one page fetched from `url` (expired ones are left out)."""
    soup = _soup(markup, encoding)
    canonical = _canonical(soup, url)
    host = urlsplit(canonical or url).hostname or ""
    postings: list[RawPosting] = []
    used: set[str] = set()
    for node in job_posting_nodes(soup):
        posting = _posting(
            node, board=board, page_url=canonical or url, host=host, now=now, company=company
        )
        if posting is None:
            continue
        external_id, number = posting.external_id, 1
        while external_id in used:  # several postings on one page without their own id
            number += 1
            external_id = f"{posting.external_id}#{number}"
        used.add(external_id)
        postings.append(replace(posting, external_id=external_id))
    return postings


def holds_job_posting(markup: str | bytes, *, encoding: str | None = None) -> bool:
    """Whether the page carries any JobPosting markup at all, an expired one included."""
    return next(job_posting_nodes(_soup(markup, encoding)), None) is not None


def job_posting_nodes(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    """Every JobPosting object in the page's JSON-LD scripts, in document order."""
    for script in soup.find_all("script"):
        if not isinstance(script, Tag):
            continue
        kind = script.get("type")
        if not isinstance(kind, str) or kind.split(";")[0].strip().lower() != "application/ld+json":
            continue
        data = _load_json(script.get_text())
        if data is not None:
            yield from _walk(data)


def _soup(markup: str | bytes, encoding: str | None) -> BeautifulSoup:
    if isinstance(markup, str):
        # Lone surrogates make the parser fail; they carry no text anyway.
        markup = markup.encode("utf-8", "replace").decode("utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", UnicodeWarning)
        if isinstance(markup, bytes):
            return BeautifulSoup(markup, "lxml", from_encoding=encoding)
        return BeautifulSoup(markup, "lxml")


def _canonical(soup: BeautifulSoup, url: str) -> str | None:
    for link in soup.find_all("link"):
        if not isinstance(link, Tag):
            continue
        rel = link.get("rel")
        rels = rel if isinstance(rel, list) else [rel]
        href = link.get("href")
        if "canonical" in [str(r).lower() for r in rels] and isinstance(href, str) and href:
            return absolute_url(url, href)
    return None


def _load_json(text: str) -> Any:
    """The script's JSON (control characters allowed inside strings), also when wrapped in an
    HTML comment or CDATA section; None when it is not JSON."""
    cleaned = text.strip()
    for prefix, suffix in _WRAPPERS:
        if not (cleaned.startswith(prefix) and cleaned.endswith(suffix)):
            continue
        try:
            return json.loads(cleaned[len(prefix) : len(cleaned) - len(suffix)], strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    stack: list[Any] = [data]
    visited = 0
    while stack and visited < MAX_NODES:
        value = stack.pop()
        visited += 1
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            if _is_job_posting(value):
                yield value
            else:
                stack.extend(reversed(list(value.values())))


def _is_job_posting(node: dict[str, Any]) -> bool:
    kinds = node.get("@type")
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(
        isinstance(n, str) and n.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting"
        for n in names
    )


def _posting(
    node: dict[str, Any],
    *,
    board: str,
    page_url: str,
    host: str,
    now: datetime,
    company: str | None,
) -> RawPosting | None:
    title = html.unescape(text_of(node.get("title")) or text_of(node.get("name"))).strip()
    valid_through = moment_of(node.get("validThrough"), end_of_day=True)
    if not title or (valid_through is not None and valid_through < now):
        return None
    html_text = description_html(text_of(node.get("description")))
    posting_url = absolute_url(page_url, text_of(node.get("url"))) or page_url
    identifier = identifier_of(node.get("identifier"))
    remote: RemoteHint | None = "remote" if telecommute(node) else None
    location = locations_of(node.get("jobLocation"))
    if not location and remote:
        location = names_of(node.get("applicantLocationRequirements")) or "Remote"
    organization = text_of(node.get("hiringOrganization"))
    return RawPosting(
        source=NAME,
        external_id=f"{host}:{identifier}" if identifier else posting_url,
        board=board,
        company=company or html.unescape(organization).strip() or company_from_board(board),
        title=title,
        location=location,
        url=posting_url,
        posted_at=moment_of(node.get("datePosted"), end_of_day=False),
        description_html=html_text,
        description_text=html_to_text(html_text),
        remote=remote,
        salary=salary_of(node.get("baseSalary")),
        **facts_of(node),
    )
