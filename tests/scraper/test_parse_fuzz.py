"""Parse functions take untrusted JSON: whatever it is, they return postings or raise ParseError."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jobtrends.scraper.errors import ParseError
from jobtrends.scraper.records import RawPosting
from jobtrends.scraper.sources.ashby import parse_ashby
from jobtrends.scraper.sources.greenhouse import parse_greenhouse
from jobtrends.scraper.sources.hn.source import parse_hn_search, parse_hn_thread
from jobtrends.scraper.sources.lever import parse_lever
from jobtrends.scraper.text import html_to_text

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
_KEYS = st.sampled_from(
    ["id", "jobs", "title", "text", "content", "location", "name", "first_published",
     "updated_at", "createdAt", "publishedAt", "categories", "lists", "salaryRange", "interval",
     "min", "max", "currency", "workplaceType", "isListed", "isRemote", "compensation",
     "summaryComponents", "compensationTiers", "components", "compensationType", "minValue",
     "maxValue", "currencyCode", "children", "author", "created_at", "hits", "objectID",
     "nbPages", "descriptionHtml", "description", "additional", "absolute_url", "hostedUrl"]
) | st.text(max_size=8)  # fmt: skip
JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=6),
    max_leaves=30,
)

# Field values one level deep: enough to hit every type check without generating huge trees.
_FIELD = _SCALARS | st.lists(_SCALARS, max_size=3) | st.dictionaries(_KEYS, _SCALARS, max_size=4)

_PARSERS: dict[str, Callable[[Any], object]] = {
    "greenhouse": lambda payload: parse_greenhouse(payload, board="b"),
    "lever": lambda payload: parse_lever(payload, board="b"),
    "ashby": lambda payload: parse_ashby(payload, board="b"),
    "hn_thread": parse_hn_thread,
    "hn_search": parse_hn_search,
}


def _only_parse_errors(name: str, payload: Any) -> None:
    try:
        result = _PARSERS[name](payload)
    except ParseError as error:
        assert error.source in ("greenhouse", "lever", "ashby", "hn")
        return
    if isinstance(result, list):
        for posting in result:
            assert isinstance(posting, RawPosting)
            assert posting.posted_at is None or posting.posted_at.utcoffset() is not None
            assert posting.description_text == html_to_text(posting.description_html)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(_PARSERS)), JSON)
def test_arbitrary_json_raises_only_parse_error(name: str, payload: Any) -> None:
    _only_parse_errors(name, payload)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dictionaries(_KEYS, _FIELD, max_size=8), max_size=3))
def test_job_shaped_records_raise_only_parse_error(records: list[Any]) -> None:
    """Records nested where each source expects them, so field-level checks get exercised."""
    _only_parse_errors("greenhouse", {"jobs": records})
    _only_parse_errors("ashby", {"jobs": records})
    _only_parse_errors("lever", records)
    _only_parse_errors("hn_thread", {"id": 1, "children": records})
    _only_parse_errors("hn_search", {"hits": records, "nbPages": 3})
