from __future__ import annotations

import copy
import html
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings

from jobtrends.scraper.errors import ParseError, SourceConfigError
from jobtrends.scraper.sources.arbeitnow import (
    API_PATH,
    DEFAULT_MAX_PAGES,
    SOURCE,
    parse_arbeitnow,
    terms_notice,
)
from jobtrends.scraper.sources.shared.payload import SHIFTED
from jobtrends.scraper.targets import Target
from jobtrends.scraper.text import html_to_text
from tests.scraper.fuzz_json import JSON, RECORDS, only_parse_errors
from tests.scraper.support import fetch_listing, json_response, load

PAGE1 = load("arbeitnow", "job_board_api_page1.json")
PAGE2 = load("arbeitnow", "job_board_api_page2.json")
EMPTY = load("arbeitnow", "job_board_api_empty.json")
TARGET = Target("arbeitnow", "", "https://arbeitnow.test")
REAL = "arbeitnow/arbeitnow_job_board_api_trimmed.json"


def test_parses_a_page_unescapes_the_description_and_skips_a_job_without_slug() -> None:
    page = parse_arbeitnow(PAGE1, board="feed")
    assert (page.jobs, page.current_page, page.next_page, page.last) == (3, 1, 2, False)
    assert [p.external_id for p in page.postings] == [
        "machine-learning-engineer-prognose-leipzig-104233",
        "llm-engineer-remote-208871",
    ]
    first, remote = page.postings
    assert first.source == "arbeitnow" and first.board == "feed"
    assert first.company == "Kranich Analytics GmbH" and first.location == "Leipzig"
    assert first.title == "Machine Learning Engineer (m/w/d) Prognose"
    assert first.posted_at == datetime.fromtimestamp(1791540000, tz=UTC)
    assert first.description_html.startswith("<h2>Über uns</h2>")
    lines = first.description_text.splitlines()
    assert "Deine Aufgaben" in lines and "- Erfahrung mit Docker & Kubernetes" in lines
    assert "&lt;" not in first.description_text and "&nbsp;" not in first.description_text
    assert first.remote is None  # false says nothing about on-site or hybrid
    assert remote.remote == "remote"
    assert remote.url == PAGE1["data"][1]["url"]
    assert remote.attribution == f"Arbeitnow: {remote.url}"
    assert first.salary is None


def test_tags_and_job_types_stay_out_of_the_text() -> None:
    for posting in parse_arbeitnow(PAGE1).postings + parse_arbeitnow(PAGE2).postings:
        assert posting.description_text == html_to_text(posting.description_html)
        assert not any(line.startswith("Tags") for line in posting.description_text.splitlines())
    remote = parse_arbeitnow(PAGE1).postings[1]  # tagged Machine Learning, Kubernetes, Rust
    for label in ("Machine Learning", "Kubernetes", "Rust", "Full Time"):
        assert label not in remote.description_html and label not in remote.description_text
    assert remote.tags == ("Machine Learning", "Kubernetes", "Rust")  # kept in their own field


def test_last_page_plain_html_plain_text_entities_and_missing_values() -> None:
    page = parse_arbeitnow(PAGE2)
    assert (page.current_page, page.next_page, page.last) == (2, None, True)
    hybrid, plain = page.postings
    assert hybrid.company == "Eisvogel & Partner"
    assert hybrid.title == "Data Engineer – Windpark-Sensorik"
    assert hybrid.location == "Bremen" and hybrid.posted_at is None
    assert "- Mindestens drei Jahre Erfahrung" in hybrid.description_text.splitlines()
    assert plain.location == ""
    assert plain.description_text.splitlines() == [
        "Plain text without any markup: we label images for a vision model.",
        "Part time, Hamburg.",
    ]
    empty = parse_arbeitnow(EMPTY)
    assert empty.postings == [] and empty.last and empty.jobs == 0


def test_job_types_give_employment_type_and_seniority_when_they_name_one() -> None:
    first, remote = parse_arbeitnow(PAGE1).postings
    assert (first.employment_type, first.seniority) == ("full_time", None)  # "berufserfahren"
    assert (remote.employment_type, remote.seniority) == ("full_time", None)
    assert parse_arbeitnow(PAGE2).postings[0].employment_type == "part_time"
    assert parse_arbeitnow(PAGE2).postings[1].employment_type is None  # none stated

    def stated(*types: str) -> tuple[object, object]:
        job = {"slug": "s", "job_types": list(types)}
        posting = parse_arbeitnow({"data": [job]}).postings[0]
        return posting.employment_type, posting.seniority

    assert stated("Werkstudent", "Teilzeit") == ("part_time", "intern")
    assert stated("Internship") == ("internship", "intern")
    assert stated("Berufseinsteiger", "Vollzeit") == ("full_time", "junior")
    assert stated("Full Time", "Contract") == (None, None)  # two types: neither is stated
    assert stated("Remote", "") == (None, None)


def test_terms_are_readable_and_the_board_is_credited() -> None:
    assert "link back" in (terms_notice(PAGE1) or "")
    assert terms_notice({"data": []}) is None
    page = parse_arbeitnow({"data": [{"slug": "a", "url": None}], "links": {"next": None}})
    assert page.postings[0].attribution == "Arbeitnow" and page.postings[0].url == ""


def test_a_page_without_links_never_claims_to_be_the_last() -> None:
    body = {key: value for key, value in PAGE2.items() if key != "links"}
    page = parse_arbeitnow(body)
    assert not page.last and page.next_page is None and len(page.postings) == 2


@pytest.mark.parametrize(
    "payload",
    [[], {"data": {}}, {"data": [1]}, {"data": [{"slug": "a", "created_at": "today"}]},
     {"data": [{"slug": "a", "created_at": 1e300}]}, {"data": [{"slug": "a", "remote": "yes"}]},
     {"data": [{"slug": "a", "tags": "Python"}]}, {"data": [{"slug": "a", "job_types": [3]}]},
     {"data": [], "links": []}, {"data": [], "links": {"next": 2}},
     {"data": [], "links": {"next": "https://www.arbeitnow.com/api/job-board-api"}},
     {"data": [], "links": {"next": "?page=zwei"}}, {"data": [], "links": {"next": "?page=0"}},
     {"data": [], "meta": {"current_page": True}}, {"data": [], "meta": []}],
)  # fmt: skip
def test_wrong_shapes_are_parse_errors(payload: object) -> None:
    with pytest.raises(ParseError) as caught:
        parse_arbeitnow(payload)
    assert caught.value.source == "arbeitnow"


def test_real_recorded_page(shared_fixtures: Path) -> None:
    raw = json.loads((shared_fixtures / REAL).read_text(encoding="utf-8"))
    page = parse_arbeitnow(raw)
    assert [p.external_id for p in page.postings] == [job["slug"] for job in raw["data"]]
    assert not page.last  # the recording dropped the paging blocks: nothing proves the end
    for posting, job in zip(page.postings, raw["data"], strict=True):
        assert posting.company == job["company_name"] and posting.title == job["title"]
        assert posting.location == job["location"] and posting.remote is None
        assert posting.posted_at == datetime.fromtimestamp(job["created_at"], tz=UTC)
        assert posting.url == job["url"] and posting.attribution == f"Arbeitnow: {job['url']}"
        assert "&lt;" not in posting.description_text and "<" not in posting.description_text
        for tag in job["tags"]:
            assert f"Tags: {tag}" not in posting.description_text
        assert posting.tags == tuple(job["tags"])

    first = page.postings[0].description_text.splitlines()
    assert first and first[0] in html.unescape(raw["data"][0]["description"])  # the heading


def _board(pages: int, *, last_links: bool = True) -> Any:
    """A handler serving `pages` pages of two jobs each; each page's `links.next` names the next
    one on the real host (never followed as such) and the last page's is null."""

    def handler(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["page"])
        if number > pages:
            return json_response(EMPTY | {"meta": {"current_page": number}})
        body = copy.deepcopy(PAGE2)
        for job in body["data"]:
            job["slug"] = f"{job['slug']}-{number}"
        body["meta"]["current_page"] = number
        more = number < pages
        body["links"]["next"] = f"https://www.arbeitnow.com{API_PATH}?page={number + 1}"
        if not more:
            body["links"]["next"] = None
            if not last_links:
                del body["links"]
        return json_response(body)

    return handler


def test_fetch_reads_pages_until_next_is_null_and_is_complete() -> None:
    listing, recorder = fetch_listing(SOURCE, TARGET, _board(3))
    assert [r.url.host for r in recorder.requests] == ["arbeitnow.test"] * 3
    assert [r.url.path for r in recorder.requests] == [API_PATH] * 3
    assert [r.url.params["page"] for r in recorder.requests] == ["1", "2", "3"]
    assert listing.complete and listing.requests == 3
    assert len({p.external_id for p in listing.postings}) == len(listing.postings) == 6


def test_fetch_stops_at_max_pages_and_is_incomplete() -> None:
    target = Target("arbeitnow", "", "https://arbeitnow.test", {"max_pages": "2"})
    listing, recorder = fetch_listing(SOURCE, target, _board(5))
    assert len(recorder.requests) == 2 and not listing.complete and len(listing.postings) == 4
    default, recorder = fetch_listing(SOURCE, TARGET, _board(1000))
    assert len(recorder.requests) == DEFAULT_MAX_PAGES and not default.complete


def test_a_list_that_shifts_while_paged_is_incomplete() -> None:
    serve = _board(2)

    def shifted(request: httpx.Request) -> httpx.Response:
        response = serve(request)
        if request.url.params["page"] == "2":  # a job was added on top: page 1's last moves down
            body = json.loads(response.content)
            first = copy.deepcopy(PAGE2)["data"][-1]
            first["slug"] = f"{first['slug']}-1"
            body["data"][0] = first
            return json_response(body)
        return response

    listing, _ = fetch_listing(SOURCE, TARGET, shifted)
    assert not listing.complete and listing.problems == [SHIFTED]
    assert len({p.external_id for p in listing.postings}) == len(listing.postings) == 3


def test_a_last_page_without_links_is_incomplete() -> None:
    listing, recorder = fetch_listing(SOURCE, TARGET, _board(2, last_links=False))
    assert len(recorder.requests) == 2 and not listing.complete and len(listing.postings) == 4


@pytest.mark.parametrize(
    "change",
    [
        {"meta": {"current_page": 7}},  # the server answered another page
        {"links": {"next": f"https://www.arbeitnow.com{API_PATH}?page=1"}},  # going backwards
        {"data": [], "links": {"next": f"https://www.arbeitnow.com{API_PATH}?page=2"}},
    ],
)
def test_paging_that_does_not_add_up_is_incomplete(change: dict[str, Any]) -> None:
    body = copy.deepcopy(PAGE1) | change
    listing, recorder = fetch_listing(SOURCE, TARGET, lambda request: json_response(body))
    assert len(recorder.requests) == 1 and not listing.complete


def test_an_empty_board_that_says_so_is_complete() -> None:
    listing, _ = fetch_listing(SOURCE, TARGET, lambda request: json_response(EMPTY))
    assert listing.complete and listing.postings == []


def test_a_failing_page_fails_the_fetch() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.params["page"] == "2":
            return httpx.Response(
                200, content=b"<html>oops</html>", headers={"Content-Type": "text/html"}
            )
        return json_response(PAGE1)

    with pytest.raises(ParseError):
        fetch_listing(SOURCE, TARGET, handler)


def test_bad_max_pages_is_a_config_error() -> None:
    target = Target("arbeitnow", "", "https://arbeitnow.test", {"max_pages": "0"})
    with pytest.raises(SourceConfigError, match="max_pages"):
        fetch_listing(SOURCE, target, _board(1))


@settings(max_examples=60, deadline=None)
@given(JSON)
def test_arbitrary_json_raises_only_parse_error(payload: Any) -> None:
    only_parse_errors("arbeitnow", parse_arbeitnow, payload)


@settings(max_examples=60, deadline=None)
@given(RECORDS)
def test_job_shaped_records_raise_only_parse_error(records: list[Any]) -> None:
    only_parse_errors("arbeitnow", parse_arbeitnow, {"data": records, "links": {"next": None}})
