"""Web Data Commons JobPosting N-Quads (`.nq` or `.nq.gz`) as postings, streamed.

`read_wdc(path, counts)` yields one `WdcPosting` at a time: the file is read line by line
(`gzip` in text mode when it starts with the gzip magic bytes, whatever its name), parsed by
`nquads.read_quads`, grouped into pages by `wdc_pages.pages` and mapped here; only the current
page's statements are held, so memory does not grow with the file. Mapping (a JobPosting node of
page P; the JSON-LD source's readers of `jobtrends.scraper.sources.jsonld` read the nested
values, so both sources map schema.org the same way):

    title (else name)             title (HTML entities decoded); none -> skipped, "no title"
    description                   description_html (plain text kept as lines) and
                                  description_text (`html_to_text`, or the lines of plain
                                  text, as `jobtrends import` makes it); none -> skipped
    datePosted                    posted_at (UTC)
    validThrough                  valid_through (Parquet only: the store has no column; past
                                  dates are kept, WDC is an archive)
    hiringOrganization name       company (else the page's host)
    jobLocation address           location "City, Region, Country" (several places joined by
                                  "; "); city, region; country as an ISO code (a code or a
                                  known country name, as the JSON-LD source reads it; else the
                                  location text is left to the geo lookup)
    jobLocationType TELECOMMUTE   remote = "remote" (location "Remote" when no place is given)
    employmentType                employment_type (one type; several different ones: none)
    baseSalary                    salary: MonetaryAmount currency and value, a number or a
                                  QuantitativeValue with minValue/maxValue/value and unitText
                                  HOUR/DAY/WEEK/MONTH/YEAR -> hour/day/week/month/year
    url                           url (made absolute against P; else P)
    P                             page_url; board = P's host

external_id = the first 24 hex digits of SHA-256 over P, a newline and the title: the
de-duplication key (one job per page URL and title, however many times it was crawled).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.ingest.nquads import QuadCounts, read_quads
from jobtrends.pipeline.ingest.wdc_pages import Page, job_postings, pages
from jobtrends.scraper.records import RawPosting, RemoteHint
from jobtrends.scraper.sources.jsonld.values import (
    absolute_url,
    description_html,
    facts_of,
    locations_of,
    moment_of,
    names_of,
    salary_of,
    telecommute,
    text_of,
)

DEFAULT_SOURCE = "wdc"
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True, slots=True)
class WdcPosting:
    posting: RawPosting
    page_url: str
    valid_through: datetime | None


@dataclass(slots=True)
class WdcCounts:
    """What reading one file found (quads, malformed lines, pages, postings and skips)."""

    quads: QuadCounts = field(default_factory=QuadCounts)
    pages: int = 0
    truncated_pages: int = 0
    postings: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def file_label(path: Path) -> str:
    """The file's name without `.gz` and `.nq`: `part_7.nq.gz` -> `part_7`."""
    name = path.name
    for suffix in (".gz", ".nq", ".nquads"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


def read_wdc(
    path: Path, counts: WdcCounts, *, source: str = DEFAULT_SOURCE
) -> Iterator[WdcPosting]:
    """The JobPostings of one WDC file, streamed (see the module doc); `InputError` naming the
    file when it cannot be opened or its gzip stream is broken (postings yielded before stay)."""
    with _lines(path) as lines:
        for page in pages(read_quads(lines, counts.quads)):
            yield from postings_of(page, counts, source=source)


def postings_of(page: Page, counts: WdcCounts, *, source: str) -> Iterator[WdcPosting]:
    counts.pages += 1
    counts.truncated_pages += page.truncated
    page_url = page.url or ""
    for node in job_postings(page):
        posting = _posting(node, page_url, source)
        if isinstance(posting, str):
            counts.skip(posting)
            continue
        counts.postings += 1
        yield posting


def posting_key(page_url: str, title: str) -> str:
    digest = hashlib.sha256(f"{page_url}\n{title}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


@contextmanager
def _lines(path: Path) -> Iterator[Iterator[str]]:
    with ExitStack() as stack:
        try:
            with path.open("rb") as probe:
                gzipped = probe.read(2) == _GZIP_MAGIC
            if gzipped:
                stream: IO[str] = stack.enter_context(
                    gzip.open(path, "rt", encoding="utf-8", errors="replace")
                )
            else:
                stream = stack.enter_context(path.open("r", encoding="utf-8", errors="replace"))
        except OSError as exc:
            raise InputError(
                f"{path}: cannot read the file: {exc.strerror or exc}; check the path"
            ) from exc
        try:
            yield iter(stream)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise InputError(
                f"{path}: the gzip data is broken or cut short ({exc}); download the file "
                "again (`gzip -t FILE` checks it); postings read before the break are kept"
            ) from exc
        except OSError as exc:
            raise InputError(f"{path}: cannot read the file: {exc}") from exc


def _posting(node: dict[str, Any], page_url: str, source: str) -> WdcPosting | str:
    # Deferred for start-up time: BeautifulSoup is imported only when a file is read.
    from jobtrends.scraper.text import html_to_text, normalize_lines

    title = " ".join(html.unescape(text_of(node.get("title")) or text_of(node.get("name"))).split())
    if not title:
        return "no title"
    description = text_of(node.get("description")).strip()
    if not description:
        return "no description"
    html_text = description_html(description)
    plain = "<" not in html_text.replace("<br>", "")
    host = (urlsplit(page_url).hostname or "") if page_url else ""
    remote: RemoteHint | None = "remote" if telecommute(node) else None
    location = locations_of(node.get("jobLocation"))
    if not location and remote:
        location = names_of(node.get("applicantLocationRequirements")) or "Remote"
    company = " ".join(html.unescape(text_of(node.get("hiringOrganization"))).split())
    posting = RawPosting(
        source=source,
        external_id=posting_key(page_url, title),
        board=host or "unknown",
        company=company or host,
        title=title,
        location=location,
        url=absolute_url(page_url, text_of(node.get("url"))) or page_url,
        posted_at=moment_of(node.get("datePosted"), end_of_day=False),
        description_html=html_text,
        description_text=normalize_lines(description) if plain else html_to_text(html_text),
        remote=remote,
        salary=salary_of(node.get("baseSalary")),
        **facts_of(node),
    )
    return WdcPosting(posting, page_url, moment_of(node.get("validThrough"), end_of_day=True))
