"""JSON-LD JobPosting pages and sitemaps: the pure parse functions."""

from __future__ import annotations

import contextlib
import gzip
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtrends.scraper.errors import ParseError
from jobtrends.scraper.records import StructuredSalary
from jobtrends.scraper.sources.jsonld.parse import parse_jsonld_page
from jobtrends.scraper.sources.jsonld.sitemap import parse_sitemap
from jobtrends.scraper.text import html_to_text
from tests.scraper.fuzz_json import JSON
from tests.scraper.support import FIXTURES, load

NOW = datetime(2026, 10, 1, tzinfo=UTC)
BASE = "https://careers.example.com"


def page(name: str) -> str:
    return (FIXTURES / "jsonld" / name).read_text(encoding="utf-8")


def graph_page(document: Any) -> str:
    """An HTML page carrying `document` as its JSON-LD, with a canonical link."""
    return (
        f'<html><head><link rel="canonical" href="{BASE}/jobs/rag-engineer">'
        f'<script type="application/ld+json">{json.dumps(document)}</script></head></html>'
    )


def parse(markup: str | bytes, url: str = f"{BASE}/jobs/x", **options: Any) -> list[Any]:
    return parse_jsonld_page(markup, board="example", url=url, now=NOW, **options)


def test_single_object_page_ignores_other_types_and_broken_scripts() -> None:
    (posting,) = parse(page("job_page_object.html"))
    assert posting.source == "jsonld" and posting.board == "example"
    assert posting.external_id == "careers.example.com:OC-1042"
    assert posting.title == "Staff AI Infrastructure Engineer"
    assert posting.company == "Orchard Compute"
    assert posting.url == f"{BASE}/jobs/staff-ai-infrastructure-engineer"  # the canonical URL
    assert posting.location == "Seattle, WA, US; Austin, TX, US"
    assert posting.posted_at == datetime(2026, 9, 15, tzinfo=UTC)
    assert posting.salary == StructuredSalary(210000.0, 265000.0, "USD", "year")
    assert posting.remote is None
    lines = posting.description_text.splitlines()
    assert "Responsibilities" in lines and "- Terraform on AWS" in lines


def test_graph_with_escaped_html_telecommute_and_hourly_pay() -> None:
    (posting,) = parse(graph_page(load("jsonld", "posting_graph.json")))
    assert posting.title == "RAG Engineer & Evaluator"
    assert posting.external_id == f"{BASE}/jobs/rag-engineer"  # no identifier: canonical URL
    assert posting.company == "Willowtext"
    assert posting.remote == "remote" and posting.location == "Germany, Austria"
    assert posting.salary == StructuredSalary(65.0, 65.0, "EUR", "hour")
    assert posting.posted_at == datetime(2026, 9, 20, 8, tzinfo=UTC)
    assert posting.description_text.splitlines() == [
        "Build retrieval pipelines on Elasticsearch and Qdrant.",
        "",
        "- Evaluate answers with Ragas",
    ]


def test_list_page_skips_expired_and_untitled_and_numbers_shared_ids() -> None:
    postings = parse(page("job_page_list.html"), url=f"{BASE}/jobs/open-roles?page=1")
    assert [p.title for p in postings] == ["Data Scientist", "Research Scientist, NLP"]
    scientist, researcher = postings
    assert scientist.external_id == f"{BASE}/jobs/open-roles"
    assert researcher.external_id == f"{BASE}/jobs/open-roles#2"
    assert scientist.company == "Pinecrest Analytics" and scientist.location == "Denver, CO"
    assert scientist.description_text.splitlines() == [
        "Plain text posting.",
        "- SQL",
        "- Python and pandas",
    ]
    assert researcher.salary is None  # an amount without a unit is not a stated period


def test_expiry_is_judged_against_now() -> None:
    earlier = datetime(2026, 6, 1, tzinfo=UTC)
    found = parse_jsonld_page(
        page("job_page_list.html"), board="example", url=f"{BASE}/jobs", now=earlier
    )
    assert "Expired ML Engineer" in [p.title for p in found]
    last_day = datetime(2026, 6, 30, 23, tzinfo=UTC)
    found = parse_jsonld_page(page("job_page_list.html"), board="b", url=BASE, now=last_day)
    assert "Expired ML Engineer" in [p.title for p in found]  # valid through the whole day


def test_company_option_pages_without_jobs_and_bytes_with_charset() -> None:
    (posting,) = parse(page("job_page_object.html"), company="Orchard")
    assert posting.company == "Orchard"
    assert parse(page("page_without_jobs.html")) == []
    assert parse("") == [] and parse("not html at all") == []
    encoded = page("job_page_object.html").replace("utf-8", "latin-1").encode("latin-1")
    (decoded,) = parse(encoded, encoding="latin-1")
    assert decoded.title == "Staff AI Infrastructure Engineer"


@pytest.mark.parametrize(
    ("base_salary", "expected"),
    [({"currency": "GBP", "value": {"value": "55,000", "unitText": "year"}},
      StructuredSalary(55000.0, 55000.0, "GBP", "year")),
     ({"currency": "USD", "value": {"minValue": 40, "unitText": "HOUR"}},
      StructuredSalary(40.0, None, "USD", "hour")),
     ([{"currency": "USD", "value": 9000, "unitText": "MONTH"}],
      StructuredSalary(9000.0, 9000.0, "USD", "month")),
     ({"currency": "USD", "value": {"value": "competitive", "unitText": "YEAR"}}, None),
     ({"currency": "USD", "value": {"minValue": 1, "unitText": "FORTNIGHT"}}, None),
     ("100k", None)],
)  # fmt: skip
def test_base_salary_shapes(base_salary: Any, expected: StructuredSalary | None) -> None:
    document = {"@type": "JobPosting", "title": "T", "baseSalary": base_salary}
    (posting,) = parse(graph_page(document))
    assert posting.salary == expected


def test_wrapped_scripts_and_comments_inside_values() -> None:
    document = {"@type": "JobPosting", "title": "T", "description": "<p>A<!-- x -->B</p>"}
    for wrapped in (
        f"//<![CDATA[\n{json.dumps(document)}\n//]]>",
        f"<!--{json.dumps(document)}-->",
    ):
        markup = f'<script type="application/ld+json">{wrapped}</script>'
        (posting,) = parse(markup)
        assert posting.description_text == "AB"


def test_identifier_shapes_and_types_with_prefixes() -> None:
    for identifier, expected in [("A-1", "A-1"), (77, "77"), ([{"value": "B-2"}], "B-2")]:
        document = {"@type": "schema:JobPosting", "title": "T", "identifier": identifier}
        (posting,) = parse(graph_page(document))
        assert posting.external_id == f"careers.example.com:{expected}"
    job = {"@type": "JobPosting", "title": "N"}
    nested = {"@type": "ItemList", "itemListElement": [{"item": job}]}
    assert [p.title for p in parse(graph_page(nested))] == ["N"]


def test_sitemap_urlset_index_and_gzip() -> None:
    jobs = parse_sitemap((FIXTURES / "jsonld/sitemap_jobs.xml").read_bytes(), source="jsonld")
    assert jobs.kind == "urlset"
    assert jobs.locations[-1] == f"{BASE}/jobs/filled-role"  # whitespace around <loc> trimmed
    assert len(jobs.locations) == 4
    index = parse_sitemap((FIXTURES / "jsonld/sitemap_index.xml").read_bytes(), source="jsonld")
    assert index.kind == "sitemapindex"
    assert index.locations == [f"{BASE}/sitemap-jobs.xml", f"{BASE}/sitemap-pages.xml"]
    packed = gzip.compress((FIXTURES / "jsonld/sitemap_pages.xml").read_bytes())
    assert parse_sitemap(packed, source="jsonld").locations[0] == f"{BASE}/about"


@pytest.mark.parametrize(
    "content",
    [b"", b"<html><body>Not found</body></html>", b"not xml", b"<rss><channel/></rss>",
     b"\x1f\x8bnot really gzip"],
)  # fmt: skip
def test_non_sitemaps_are_parse_errors(content: bytes) -> None:
    with pytest.raises(ParseError) as caught:
        parse_sitemap(content, source="jsonld", url="https://x.test/sitemap.xml")
    assert caught.value.source == "jsonld" and "sitemap.xml" in str(caught.value)


def test_sitemap_entities_are_not_expanded() -> None:
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY f SYSTEM "file:///etc/hostname">]>'
        b"<urlset><url><loc>https://x.test/&b;</loc></url><url><loc>https://x.test/&f;</loc></url>"
        b"</urlset>"
    )
    found = parse_sitemap(hostile, source="jsonld")
    assert found.locations == ["https://x.test/", "https://x.test/"]


def test_gzip_sitemap_size_is_capped() -> None:
    big = gzip.compress(b"<urlset>" + b" " * 5000 + b"</urlset>")
    with pytest.raises(ParseError, match="inflates"):
        parse_sitemap(big, source="jsonld", max_bytes=1000)
    assert parse_sitemap(big, source="jsonld", max_bytes=6000).locations == []


@settings(max_examples=80, deadline=None)
@given(JSON)
def test_arbitrary_json_ld_gives_postings_or_nothing(document: Any) -> None:
    for posting in parse(graph_page(document)):
        assert posting.title and posting.external_id
        assert posting.posted_at is None or posting.posted_at.utcoffset() is not None
        assert posting.description_text == html_to_text(posting.description_html)


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "description", "identifier", "baseSalary",
       "jobLocation", "datePosted", "validThrough", "hiringOrganization", "jobLocationType",
       "applicantLocationRequirements", "url"]), JSON, max_size=8))  # fmt: skip
def test_job_posting_with_arbitrary_fields_never_raises(fields: dict[str, Any]) -> None:
    for posting in parse(graph_page({"@type": "JobPosting", **fields})):
        assert posting.description_text == html_to_text(posting.description_html)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300) | st.binary(max_size=300))
def test_arbitrary_markup_never_raises(markup: str | bytes) -> None:
    assert isinstance(parse(markup), list)
    with contextlib.suppress(ParseError):
        parse_sitemap(markup if isinstance(markup, bytes) else markup.encode(), source="jsonld")
