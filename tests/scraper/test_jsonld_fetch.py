"""The JSON-LD source over a mock site: URL lists, sitemaps, robots.txt, bounds and gone pages."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from jobtrends.pipeline.config import load_settings
from jobtrends.pipeline.errors import ConfigError
from jobtrends.scraper.errors import FetchError, SourceConfigError
from jobtrends.scraper.sources.jsonld.source import DEFAULT_BASE_URL, JsonLdSource, page_urls
from jobtrends.scraper.targets import Target
from tests.scraper.support import FIXTURES, Recorder, fetch_listing

NOW = datetime(2026, 10, 1, tzinfo=UTC)
SOURCE = JsonLdSource(clock=lambda: NOW)
BASE = "https://careers.example.com"
GRAPH = json.loads((FIXTURES / "jsonld/posting_graph.json").read_text(encoding="utf-8"))
HTML = {"Content-Type": "text/html; charset=utf-8"}
XML = {"Content-Type": "application/xml"}


def fixture(name: str) -> bytes:
    return (FIXTURES / "jsonld" / name).read_bytes()


SITE: dict[str, tuple[bytes, Mapping[str, str]]] = {
    "/sitemap.xml": (fixture("sitemap_index.xml"), XML),
    "/sitemap-jobs.xml": (fixture("sitemap_jobs.xml"), XML),
    "/sitemap-pages.xml": (fixture("sitemap_pages.xml"), XML),
    "/jobs/staff-ai-infrastructure-engineer": (fixture("job_page_object.html"), HTML),
    "/jobs/rag-engineer": (
        f'<script type="application/ld+json">{json.dumps(GRAPH)}</script>'.encode(),
        HTML,
    ),
    "/jobs/open-roles": (fixture("job_page_list.html"), HTML),
    "/about": (fixture("page_without_jobs.html"), HTML),
    "/brochure.pdf": (b"%PDF-1.7 JobPosting", {"Content-Type": "application/pdf"}),
}


def site(robots: str | None = None) -> Callable[[httpx.Request], httpx.Response]:
    """A handler for SITE; robots.txt is `robots` (404 when None: everything allowed)."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            if robots is None:
                return httpx.Response(404)
            return httpx.Response(200, text=robots, headers={"Content-Type": "text/plain"})
        found = SITE.get(request.url.path)
        if found is None:
            return httpx.Response(404, text="gone")
        return httpx.Response(200, content=found[0], headers=dict(found[1]))

    return handler


def target(**options: str) -> Target:
    return Target("jsonld", "example", BASE, options)


def paths(recorder: Recorder) -> list[str]:
    return [r.url.path for r in recorder.requests]


def test_url_list_reads_each_page_after_robots_txt() -> None:
    urls = "/jobs/staff-ai-infrastructure-engineer, https://careers.example.com/jobs/rag-engineer"
    listing, recorder = fetch_listing(SOURCE, target(urls=urls), site())
    assert paths(recorder) == [
        "/robots.txt",
        "/jobs/staff-ai-infrastructure-engineer",
        "/jobs/rag-engineer",
    ]
    assert [p.title for p in listing.postings] == [
        "Staff AI Infrastructure Engineer",
        "RAG Engineer & Evaluator",
    ]
    assert listing.complete and listing.requests == 2
    assert {p.board for p in listing.postings} == {"example"}


def test_sitemap_index_one_level_with_match_and_gone_pages() -> None:
    listing, recorder = fetch_listing(SOURCE, target(match="/jobs/"), site())
    fetched = paths(recorder)
    assert fetched[:4] == ["/robots.txt", "/sitemap.xml", "/sitemap-jobs.xml", "/sitemap-pages.xml"]
    assert "/about" not in fetched  # filtered by `match`
    assert fetched.count("/jobs/staff-ai-infrastructure-engineer") == 1  # listed twice, read once
    assert "/jobs/filled-role" in fetched  # 404: the job is gone, not a failure
    titles = [p.title for p in listing.postings]
    assert titles == [
        "Staff AI Infrastructure Engineer",
        "RAG Engineer & Evaluator",
        "Data Scientist",
        "Research Scientist, NLP",
    ]  # the expired posting on /jobs/open-roles is left out
    assert listing.complete


def test_explicit_sitemap_option_and_default_sitemap_from_base_url() -> None:
    explicit, recorder = fetch_listing(
        SOURCE, target(sitemap="/sitemap-pages.xml", match="/jobs/"), site()
    )
    assert paths(recorder)[1] == "/sitemap-pages.xml"
    assert [p.title for p in explicit.postings] == ["Staff AI Infrastructure Engineer"]
    assert page_urls(target()) == ([], f"{BASE}/sitemap.xml")


def test_robots_txt_disallowed_page_is_skipped_and_listing_incomplete() -> None:
    robots = "User-agent: *\nDisallow: /jobs/rag-engineer\n"
    listing, recorder = fetch_listing(SOURCE, target(match="/jobs/"), site(robots))
    assert "/jobs/rag-engineer" not in paths(recorder)
    assert "RAG Engineer & Evaluator" not in [p.title for p in listing.postings]
    assert len(listing.postings) == 3 and not listing.complete


def test_robots_txt_refusing_everything_fails_the_target() -> None:
    robots = "User-agent: jobtrends\nDisallow: /jobs/\n"
    urls = "/jobs/staff-ai-infrastructure-engineer,/jobs/rag-engineer"
    with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
        fetch_listing(SOURCE, target(urls=urls), site(robots))
    with pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
        fetch_listing(SOURCE, target(), site("User-agent: *\nDisallow: /\n"))


def test_max_pages_bounds_a_run() -> None:
    listing, recorder = fetch_listing(SOURCE, target(match="/jobs/", max_pages="2"), site())
    pages = [p for p in paths(recorder) if p.startswith("/jobs/")]
    assert pages == ["/jobs/staff-ai-infrastructure-engineer", "/jobs/rag-engineer"]
    assert not listing.complete


def test_pages_without_job_postings_and_an_empty_match_are_incomplete() -> None:
    # A PDF, or a page without JobPosting markup (an error page served with 200 looks the same),
    # proves no job gone: the listing closes nothing.
    listing, _ = fetch_listing(SOURCE, target(urls="/brochure.pdf,/about"), site())
    assert listing.postings == [] and not listing.complete
    nothing, _ = fetch_listing(SOURCE, target(match="/no-such-section/"), site())
    assert nothing.postings == [] and not nothing.complete


def test_a_missing_sitemap_fails_the_target() -> None:
    with pytest.raises(FetchError) as caught:
        fetch_listing(SOURCE, target(sitemap="/missing.xml"), site())
    assert caught.value.status == 404


def test_configuration_errors() -> None:
    no_site = Target("jsonld", "example", DEFAULT_BASE_URL)
    with pytest.raises(SourceConfigError, match="urls"):
        page_urls(no_site)
    relative = Target("jsonld", "example", DEFAULT_BASE_URL, {"urls": "/jobs/1"})
    with pytest.raises(SourceConfigError, match="not an absolute"):
        page_urls(relative)
    absolute = Target("jsonld", "example", DEFAULT_BASE_URL, {"urls": f"{BASE}/a, {BASE}/b"})
    assert page_urls(absolute) == ([f"{BASE}/a", f"{BASE}/b"], None)
    with pytest.raises(SourceConfigError, match="max_pages"):
        fetch_listing(SOURCE, target(max_pages="0"), site())


def test_new_source_tables_load_from_jobtrends_toml(tmp_path: Path) -> None:
    config = tmp_path / "jobtrends.toml"
    config.write_text(
        '[[sources]]\ntype = "jsonld"\nboard = "example"\n'
        f'urls = ["{BASE}/jobs/a", "/jobs/b"]\nbase_url = "{BASE}/"\nmax_pages = 5\n'
        '[[sources]]\ntype = "remotive"\ncategory = "software-dev"\nsearch = "llm"\n'
        '[[sources]]\ntype = "himalayas"\nmax_pages = 3\n'
        '[[sources]]\ntype = "smartrecruiters"\nboard = "Ubisoft2"\ncompany = "Ubisoft"\n'
        '[[sources]]\ntype = "workable"\nboard = "tidewater"\n'
        '[[sources]]\ntype = "remoteok"\n'
        '[[sources]]\ntype = "jsonld"\nboard = "other"\nsitemap = "https://x.test/s.xml"\n'
        'match = "/careers/"\n',
        encoding="utf-8",
    )
    jsonld, remotive, himalayas, smart, workable, remoteok, sitemap = load_settings(
        config, environ={}
    ).targets
    assert jsonld.options == {"urls": f"{BASE}/jobs/a,/jobs/b", "max_pages": "5"}
    assert page_urls(jsonld) == ([f"{BASE}/jobs/a", f"{BASE}/jobs/b"], None)
    assert remotive.options == {"category": "software-dev", "search": "llm"}
    assert remotive.base_url == "https://remotive.com"
    assert himalayas.options == {"max_pages": "3"} and himalayas.board == ""
    assert smart.options == {"company": "Ubisoft"}
    assert workable.base_url == "https://apply.workable.com"
    assert remoteok.base_url == "https://remoteok.com"
    assert sitemap.options == {"sitemap": "https://x.test/s.xml", "match": "/careers/"}
    config.write_text('[[sources]]\ntype = "jsonld"\nurls = "https://x.test/a"\n')
    with pytest.raises(ConfigError, match=r"sources\[0\]\.board: missing"):
        load_settings(config, environ={})


def test_a_page_whose_only_job_expired_proves_it_gone_but_an_error_page_does_not() -> None:
    expired = {"@context": "https://schema.org", "@type": "JobPosting", "title": "ML Engineer",
               "validThrough": "2026-01-31", "description": "<p>Python</p>"}  # fmt: skip
    SITE["/jobs/expired"] = (
        f'<script type="application/ld+json">{json.dumps(expired)}</script>'.encode(),
        HTML,
    )
    SITE["/jobs/error"] = (b"<html><body><h1>Something went wrong</h1></body></html>", HTML)
    try:
        gone, _ = fetch_listing(SOURCE, target(urls="/jobs/expired"), site())
        assert gone.postings == [] and gone.complete
        failed, _ = fetch_listing(SOURCE, target(urls="/jobs/expired,/jobs/error"), site())
        assert failed.postings == [] and not failed.complete
    finally:
        del SITE["/jobs/expired"], SITE["/jobs/error"]
