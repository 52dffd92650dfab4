"""Hypothesis strategies for untrusted JSON, keyed with the field names of the remote boards, the
second-tier ATSs and JSON-LD, plus the check every parse function must pass."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from jobtrends.scraper.errors import ParseError
from jobtrends.scraper.records import RawPosting
from jobtrends.scraper.text import html_to_text

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
KEYS = st.sampled_from(
    ["jobs", "guid", "title", "companyName", "description", "pubDate", "minSalary", "maxSalary",
     "salaryPeriod", "currency", "locationRestrictions", "applicationLink", "nextCursor", "id",
     "url", "company_name", "candidate_required_location", "publication_date", "salary", "legal",
     "slug", "epoch", "date", "company", "position", "tags", "location", "salary_min",
     "salary_max", "content", "totalFound", "name", "releasedDate", "remote", "hybrid",
     "fullLocation", "city", "region", "country", "postingUrl", "jobAd", "sections", "text",
     "shortcode", "telecommuting", "published_on", "created_at", "locations", "hidden",
     "shortlink", "requirements", "benefits", "full_description", "@type", "@graph",
     "identifier", "value", "minValue", "maxValue", "unitText", "baseSalary", "jobLocation",
     "address", "validThrough", "datePosted", "hiringOrganization", "jobLocationType"]
) | st.text(max_size=8)  # fmt: skip
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=6),
    max_leaves=30,
)
# Field values one level deep: enough to hit every type check without generating huge trees.
FIELD = SCALARS | st.lists(SCALARS, max_size=3) | st.dictionaries(KEYS, SCALARS, max_size=4)
RECORDS = st.lists(st.dictionaries(KEYS, FIELD, max_size=8), max_size=3)


def only_parse_errors(source: str, parse: Callable[[Any], object], payload: Any) -> None:
    """`parse(payload)` returns postings (aware dates, text made from the HTML) or raises
    ParseError naming `source`; anything else fails the test."""
    try:
        result = parse(payload)
    except ParseError as error:
        assert error.source == source
        return
    if isinstance(result, list):
        postings = result
    elif isinstance(result, RawPosting):
        postings = [result]
    else:  # a page object (postings and paging) or None (nothing to post)
        postings = list(getattr(result, "postings", []))
    for posting in postings:
        assert isinstance(posting, RawPosting)
        assert posting.source == source
        assert posting.posted_at is None or posting.posted_at.utcoffset() is not None
        assert posting.description_text == html_to_text(posting.description_html)
