from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings

from jobtrends.scraper.errors import FetchError, ParseError
from jobtrends.scraper.sources.smartrecruiters import (
    MAX_PAGES,
    PAGE_SIZE,
    SOURCE,
    parse_posting,
    parse_postings_page,
)
from jobtrends.scraper.targets import Target
from tests.scraper.fuzz_json import JSON, RECORDS, only_parse_errors
from tests.scraper.support import fetch_listing, json_response, load

LIST = load("smartrecruiters", "postings_list.json")
DETAIL = load("smartrecruiters", "posting_detail.json")
TARGET = Target("smartrecruiters", "NorthwindAI", "https://sr.test")
LIST_PATH = "/v1/companies/NorthwindAI/postings"


def test_list_page_gives_ids_and_total() -> None:
    page = parse_postings_page(LIST)
    assert page.ids == ["744000200000001", "744000200000002", "744000200000003"]
    assert page.items == 3 and page.total_found == 3
    empty = parse_postings_page(load("smartrecruiters", "postings_list_empty.json"))
    assert empty.ids == [] and empty.total_found == 0


def test_detail_becomes_a_posting_with_sections_under_headings() -> None:
    posting = parse_posting(DETAIL, board="NorthwindAI")
    assert posting is not None
    assert posting.external_id == "744000200000001" and posting.source == "smartrecruiters"
    assert posting.company == "Northwind AI"
    assert posting.title == "Senior Machine Learning Engineer"
    assert posting.location == "Berlin, BE, Germany"
    assert posting.remote == "hybrid"
    assert posting.url == DETAIL["postingUrl"]
    assert posting.posted_at == datetime(2026, 9, 24, 8, 30, tzinfo=UTC)
    lines = posting.description_text.splitlines()
    headings = [
        "Company Description",
        "Job Description",
        "Qualifications",
        "Additional Information",
    ]
    assert [line for line in lines if line in headings] == headings
    assert lines[lines.index("Qualifications") + 2] == "- Python, PyTorch and scikit-learn"


def test_location_flags_fallbacks_and_company_override() -> None:
    remote = copy.deepcopy(LIST["content"][1])  # a list item has the detail's fields minus jobAd
    posting = parse_posting(remote, board="NorthwindAI", company="Northwind")
    assert posting is not None
    assert posting.remote == "remote" and posting.location == "Munich, BY, de"
    assert posting.company == "Northwind" and posting.description_html == ""
    assert posting.url == "https://jobs.smartrecruiters.com/NorthwindAI/744000200000002"
    office = parse_posting(LIST["content"][2], board="NorthwindAI")
    assert office is not None and office.remote is None  # both flags false: not stated
    assert parse_posting({"name": "no id"}, board="b") is None


@pytest.mark.parametrize(
    "payload",
    [[], {"content": None}, {"content": [5]}, {"content": [], "totalFound": "many"}],
)
def test_wrong_list_shapes_are_parse_errors(payload: object) -> None:
    with pytest.raises(ParseError) as caught:
        parse_postings_page(payload)
    assert caught.value.source == "smartrecruiters"


@pytest.mark.parametrize(
    "payload",
    [[], {"id": "1", "jobAd": []}, {"id": "1", "jobAd": {"sections": {"qualifications": "x"}}},
     {"id": "1", "location": {"remote": "yes"}}, {"id": "1", "releasedDate": "Tuesday"}],
)  # fmt: skip
def test_wrong_detail_shapes_are_parse_errors(payload: object) -> None:
    with pytest.raises(ParseError):
        parse_posting(payload, board="b")


def test_real_recorded_list(shared_fixtures: Path) -> None:
    path = shared_fixtures / "smartrecruiters/ubisoft_postings_list_trimmed.json"
    raw = json.loads(path.read_text())
    page = parse_postings_page(raw)
    assert page.ids == [item["id"] for item in raw["content"]]
    assert page.total_found == 310
    summary = parse_posting(raw["content"][0], board="Ubisoft2")
    assert summary is not None
    assert summary.company == "Ubisoft" and summary.location == "Montreal, QC, Canada"
    assert summary.remote is None and summary.posted_at is not None
    assert summary.title.startswith("Spécialiste Fiabilité")


def _detail_for(posting_id: str) -> dict[str, Any]:
    detail: dict[str, Any] = copy.deepcopy(DETAIL)
    detail["id"] = posting_id
    detail["postingUrl"] = f"https://jobs.smartrecruiters.com/NorthwindAI/{posting_id}"
    return detail


def test_fetch_pages_the_list_then_reads_each_job_ad() -> None:
    total = 130

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == LIST_PATH:
            offset = int(request.url.params["offset"])
            count = min(PAGE_SIZE, total - offset)
            items = [{"id": f"id-{offset + n}", "name": "x"} for n in range(count)]
            return json_response({"offset": offset, "totalFound": total, "content": items})
        if request.url.path == f"{LIST_PATH}/id-7":
            return httpx.Response(404)  # withdrawn between the list and the detail request
        return json_response(_detail_for(request.url.path.rsplit("/", 1)[-1]))

    listing, recorder = fetch_listing(SOURCE, TARGET, handler)
    list_requests = [r for r in recorder.requests if r.url.path == LIST_PATH]
    assert [dict(r.url.params) for r in list_requests] == [
        {"limit": "100", "offset": "0"},
        {"limit": "100", "offset": "100"},
    ]
    assert len(recorder.requests) == 2 + total
    assert listing.complete and listing.requests == 2 + total - 1
    assert len(listing.postings) == total - 1
    assert "id-7" not in {p.external_id for p in listing.postings}
    assert all(p.description_text for p in listing.postings)


def test_fetch_that_never_ends_is_incomplete() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == LIST_PATH:
            offset = int(request.url.params["offset"])
            return json_response({"totalFound": 10**6, "content": [{"id": f"p{offset}"}] * 100})
        return json_response(_detail_for(request.url.path.rsplit("/", 1)[-1]))

    listing, recorder = fetch_listing(SOURCE, TARGET, handler)
    assert not listing.complete
    assert len([r for r in recorder.requests if r.url.path == LIST_PATH]) == MAX_PAGES
    assert len(listing.postings) == MAX_PAGES  # one distinct id per page


def test_a_failing_job_ad_fails_the_target() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == LIST_PATH:
            return json_response(LIST)
        return httpx.Response(403)

    with pytest.raises(FetchError) as caught:
        fetch_listing(SOURCE, TARGET, handler)
    assert caught.value.status == 403


@settings(max_examples=60, deadline=None)
@given(JSON)
def test_arbitrary_json_raises_only_parse_error(payload: Any) -> None:
    only_parse_errors("smartrecruiters", parse_postings_page, payload)
    only_parse_errors("smartrecruiters", lambda p: parse_posting(p, board="b"), payload)


@settings(max_examples=60, deadline=None)
@given(RECORDS)
def test_posting_shaped_records_raise_only_parse_error(records: list[Any]) -> None:
    only_parse_errors("smartrecruiters", parse_postings_page, {"content": records})
    for record in records:
        detail = {"id": "1", **record, "jobAd": {"sections": record}}
        only_parse_errors("smartrecruiters", lambda p: parse_posting(p, board="b"), detail)


def _list_server(
    total: int, *, served: int | None = None, shift_at: int | None = None, say: Any = "total"
) -> Any:
    """A board of `served` (default `total`) postings saying `totalFound: say` (default `total`);
    from offset `shift_at` on, a new posting pushes every other one a place down the list."""
    count = total if served is None else served

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path != LIST_PATH:
            return json_response(_detail_for(request.url.path.rsplit("/", 1)[-1]))
        offset = int(request.url.params["offset"])
        ids = [f"id-{n}" for n in range(count)]
        if shift_at is not None and offset >= shift_at:
            ids.insert(0, "id-new")
        items = [{"id": posting_id} for posting_id in ids[offset : offset + PAGE_SIZE]]
        body: dict[str, Any] = {"offset": offset, "limit": PAGE_SIZE, "content": items}
        if say is not None:
            body["totalFound"] = total if say == "total" else say
        return json_response(body)

    return handler


def test_list_complete_when_items_read_equal_total_found() -> None:
    listing, _ = fetch_listing(SOURCE, TARGET, _list_server(250))
    assert listing.complete and len(listing.postings) == 250


@pytest.mark.parametrize(
    "handler",
    [
        _list_server(250, served=180),  # an empty page before totalFound is reached
        _list_server(150, served=250),  # a page reaching past totalFound
        _list_server(250, say=None),  # no totalFound at all
        _list_server(250, shift_at=100),  # a posting read twice, another never
    ],
    ids=["short", "overshoot", "no-total", "shifted"],
)
def test_list_whose_counts_disagree_is_incomplete(handler: Any) -> None:
    listing, _ = fetch_listing(SOURCE, TARGET, handler)
    assert not listing.complete


def test_total_found_that_changes_between_pages_is_incomplete() -> None:
    calls: list[int] = []
    inner = _list_server(200)

    def handler(request: httpx.Request) -> httpx.Response:
        response = inner(request)
        if request.url.path == LIST_PATH:
            calls.append(1)
            body = json.loads(response.content)
            body["totalFound"] = 200 if len(calls) == 2 else 250
            return json_response(body)
        return response

    assert not fetch_listing(SOURCE, TARGET, handler)[0].complete


def test_real_list_page_is_not_the_whole_board(shared_fixtures: Path) -> None:
    raw = json.loads(
        (shared_fixtures / "smartrecruiters/ubisoft_postings_list_trimmed.json").read_text()
    )

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == LIST_PATH:
            offset = int(request.url.params["offset"])
            return json_response(raw if offset == 0 else {**raw, "offset": offset, "content": []})
        return json_response(_detail_for(request.url.path.rsplit("/", 1)[-1]))

    listing, _ = fetch_listing(SOURCE, TARGET, handler)
    assert not listing.complete and len(listing.postings) == 2  # 2 of totalFound 310
