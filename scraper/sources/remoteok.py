"""Remote OK API: one GET returns the newest jobs as a JSON array headed by the legal notice.

`GET {base}/api` -> `[{"last_updated", "legal"}, {slug, id, epoch, date, company, position, tags,
description, location, apply_url, salary_min, salary_max, url}, ...]`. Element 0 is the terms of
use, not a job: it is skipped here and can be read with `legal_notice`. The feed holds only the
newest jobs, so a listing is never complete (an older job missing from it is not closed).
Data quirks: text is often double-encoded UTF-8 ("Â£45,500" for "£45,500"), repaired by
`repair_mojibake`; `salary_min`/`salary_max` of 0 mean "not given" (amounts are USD a year). Tags
are not added to the description: they are board labels (a design job tagged "python"), and as
text they gave non-technical postings skills; they go to the record's `tags` field, which the
pipeline reads as a `tags` section that reports leave out of demand.
Terms: link back (followed) to the job's Remote OK URL and mention Remote OK as the source (kept as
`url` and `attribution`); no logo. Send a descriptive User-Agent and poll gently
(`MIN_DELAY_SECONDS`). The remote hint stays unset: the board also lists on-site jobs.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from jobtrends.scraper._http import PoliteClient, parse_json
from jobtrends.scraper.records import Listing, RawPosting, StructuredSalary
from jobtrends.scraper.sources.shared.options import epoch_datetime
from jobtrends.scraper.sources.shared.payload import PayloadReader, api_root, record_fetch
from jobtrends.scraper.targets import SourceOptions, Target
from jobtrends.scraper.text import html_to_text

NAME = "remoteok"
DEFAULT_BASE_URL = "https://remoteok.com"
HOST = "remoteok.com"
MIN_DELAY_SECONDS = 5.0
CREDIT = "Remote OK"
JOB_URL = "https://remoteok.com/remote-jobs/"

# A UTF-8 lead byte read as Latin-1/cp1252 (Â..ô) followed by the continuation bytes it needs
# (0x80-0xBF, which cp1252 shows partly as punctuation such as ’ “ € ™).
_CONT = "[\u0080-\u00bf\u0152-\u2122]"
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}"
)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252/Latin-1 ("Â£" -> "£", "â€™" -> "’").

    Only sequences that form one valid UTF-8 character are replaced; everything else is kept.
    """
    return _MOJIBAKE.sub(_repair_match, text) if text else text


def _repair_match(match: re.Match[str]) -> str:
    found = match.group(0)
    raw = bytearray()
    for char in found:
        if ord(char) < 256:
            raw.append(ord(char))
        else:
            try:
                raw.extend(char.encode("cp1252"))
            except UnicodeEncodeError:
                return found
    try:
        repaired = raw.decode("utf-8")
    except UnicodeDecodeError:
        return found
    return repaired if len(repaired) == 1 and _plausible(repaired, len(raw)) else found


def _plausible(char: str, width: int) -> bool:
    """Two-byte repairs must give a Latin letter or sign (so "É”" stays as typed); longer ones
    any assigned, printable character (symbols, CJK, emoji)."""
    if width == 2:
        return 0xA0 <= ord(char) <= 0x17F
    return unicodedata.category(char) not in ("Cc", "Cf", "Cn", "Co", "Cs")


def legal_notice(payload: Any, *, url: str = "") -> str | None:
    """The terms of use Remote OK puts first in the array (None when absent)."""
    reader = PayloadReader(NAME, url)
    for item in reader.items(payload, "the response"):
        if isinstance(item, dict) and "legal" in item:
            return reader.text(item, "legal")
    return None


def parse_remoteok(payload: Any, *, board: str = "", url: str = "") -> list[RawPosting]:
    """Jobs of one `api` response: the legal notice and jobs without an id are skipped."""
    reader = PayloadReader(NAME, url)
    postings: list[RawPosting] = []
    for position, item in enumerate(reader.items(payload, "the response")):
        job = reader.obj(item, f"element #{position}")
        external_id = reader.ident(job, "id")
        if "legal" in job or external_id is None:
            continue
        description_html = _description_html(reader, job)
        job_url = _job_url(reader, job)
        postings.append(
            RawPosting(
                source=NAME,
                external_id=external_id,
                board=board,
                company=_clean(reader, job, "company"),
                title=_clean(reader, job, "position"),
                location=_clean(reader, job, "location").strip(" ,"),
                url=job_url,
                posted_at=reader.iso_datetime(job, "date") or epoch_datetime(reader, job, "epoch"),
                description_html=description_html,
                description_text=html_to_text(description_html),
                salary=_salary(reader, job),
                attribution=f"{CREDIT}: {job_url}" if job_url else CREDIT,
                tags=tuple(repair_mojibake(tag) for tag in reader.strings(job, "tags")),
            )
        )
    return postings


def _clean(reader: PayloadReader, job: dict[str, Any], key: str) -> str:
    return repair_mojibake(reader.text(job, key) or "").strip()


def _description_html(reader: PayloadReader, job: dict[str, Any]) -> str:
    """The description alone: the tags are not job text (see module doc)."""
    return repair_mojibake(reader.text(job, "description") or "")


def _job_url(reader: PayloadReader, job: dict[str, Any]) -> str:
    """The job's page on Remote OK, host lower-cased ("remoteOK.com" in the feed)."""
    given = (reader.text(job, "url") or "").strip()
    if given:
        parts = urlsplit(given)
        return urlunsplit(parts._replace(netloc=parts.netloc.lower()))
    slug = (reader.text(job, "slug") or "").strip()
    return f"{JOB_URL}{slug}" if slug else ""


def _salary(reader: PayloadReader, job: dict[str, Any]) -> StructuredSalary | None:
    low = reader.number(job, "salary_min") or None
    high = reader.number(job, "salary_max") or None
    if low is None and high is None:
        return None
    return StructuredSalary(min=low, max=high, currency="USD", period="year")


class RemoteOkSource:
    name = NAME
    default_base_url = DEFAULT_BASE_URL
    needs_board = False
    options_model = SourceOptions  # none: the feed cannot be filtered

    async def fetch(self, client: PoliteClient, target: Target) -> Listing:
        """The feed in one conditional request; never a complete listing (see module doc)."""
        url = f"{api_root(target, DEFAULT_BASE_URL)}/api"
        fetched = await client.get(url, validators=client.stored_validators(url))
        listing = Listing(complete=False)
        record_fetch(listing, url, fetched)
        if fetched.not_modified:
            listing.not_modified = True
            return listing
        listing.postings = parse_remoteok(
            parse_json(NAME, fetched), board=target.board, url=fetched.url
        )
        return listing


SOURCE = RemoteOkSource()
