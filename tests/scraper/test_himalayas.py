from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings

from jobtrends.scraper.errors import ParseError, SourceConfigError
from jobtrends.scraper.records import StructuredSalary
from jobtrends.scraper.sources.himalayas import (
    DEFAULT_MAX_PAGES,
    MIN_DELAY_SECONDS,
    PAGE_SIZE,
    SOURCE,
    parse_himalayas,
)
from jobtrends.scraper.targets import Target
from tests.scraper.fuzz_json import JSON, RECORDS, only_parse_errors
from tests.scraper.support import fetch_listing, json_response, load

PAGE1 = load("himalayas", "jobs_api_page1.json")
LAST = load("himalayas", "jobs_api_last_page.json")
TARGET = Target("himalayas", "", "https://himalayas.test")


def test_parses_a_page_and_skips_a_job_without_guid() -> None:
    page = parse_himalayas(PAGE1)
    assert page.jobs == 3 and page.next_cursor == PAGE1["nextCursor"]
    assert [p.title for p in page.postings] == [
        "Senior LLM Engineer",
        "ML Platform Engineer (Contract)",
    ]
    first = page.postings[0]
    link = "https://himalayas.app/companies/quillmark/jobs/senior-llm-engineer"
    assert first.source == "himalayas" and first.external_id == link
    assert first.url == link and first.attribution == f"Himalayas: {link}"
    assert first.company == "Quillmark"
    assert first.location == "United States, Canada"
    assert first.remote == "remote"
    assert first.posted_at == datetime.fromtimestamp(1790496000, tz=UTC)
    assert first.salary == StructuredSalary(160000.0, 210000.0, "USD", "year")
    lines = first.description_text.splitlines()
    assert "What you will do" in lines and "- 5+ years of Python" in lines


def test_pubdate_in_milliseconds_hourly_pay_and_guid_as_link_back() -> None:
    contract = parse_himalayas(PAGE1).postings[1]
    assert contract.posted_at == datetime.fromtimestamp(1790409600, tz=UTC)
    assert contract.salary == StructuredSalary(70.0, None, "EUR", "hour")
    assert contract.location == ""
    # the job's Himalayas page is the link back, not the employer's application form
    assert contract.url.startswith("https://himalayas.app/companies/fernbrook-labs/")


def test_zero_salary_is_no_salary_and_null_cursor_ends_the_feed() -> None:
    page = parse_himalayas(LAST, board="feed")
    assert page.next_cursor is None
    assert page.postings[0].salary is None and page.postings[0].board == "feed"
    assert parse_himalayas(load("himalayas", "jobs_api_empty.json")).postings == []


@pytest.mark.parametrize(
    "payload",
    [[], {"jobs": {}}, {"jobs": [1]}, {"jobs": [{"guid": "g", "pubDate": "yesterday"}]},
     {"jobs": [{"guid": "g", "pubDate": 1e300}]},
     {"jobs": [{"guid": "g", "locationRestrictions": [3]}]},
     {"jobs": [], "nextCursor": 5}, {"jobs": [{"guid": "g", "minSalary": "lots"}]}],
)  # fmt: skip
def test_wrong_shapes_are_parse_errors(payload: object) -> None:
    with pytest.raises(ParseError) as caught:
        parse_himalayas(payload)
    assert caught.value.source == "himalayas"


def test_real_recorded_feed(shared_fixtures: Path) -> None:
    raw = json.loads((shared_fixtures / "himalayas/himalayas_jobs_api_trimmed.json").read_text())
    page = parse_himalayas(raw)
    assert page.next_cursor == raw["nextCursor"]
    assert [p.external_id for p in page.postings] == [job["guid"] for job in raw["jobs"]]
    evaluator, it_ops = page.postings
    assert evaluator.company == "micro1" and evaluator.location == "United States"
    assert evaluator.salary == StructuredSalary(15.0, 30.0, "USD", "hour")
    assert evaluator.posted_at is not None and evaluator.posted_at.year == 2026  # seconds
    assert evaluator.attribution == f"Himalayas: {raw['jobs'][0]['guid']}"
    assert it_ops.salary == StructuredSalary(100000.0, 115000.0, "USD", "year")
    assert it_ops.description_text.splitlines()[0] == "About Abridge"


def _feed(pages: int) -> Any:
    """A handler serving `pages` pages chained by cursors "c1", "c2", ...; the last has none."""

    def handler(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor")
        number = 0 if cursor is None else int(cursor[1:])
        body = copy.deepcopy(PAGE1)
        for job in body["jobs"]:
            if job["guid"]:
                job["guid"] = f"{job['guid']}-{number}"
        body["nextCursor"] = f"c{number + 1}" if number + 1 < pages else None
        body["totalCount"] = len(PAGE1["jobs"]) * pages
        return json_response(body)

    return handler


def test_fetch_follows_cursors_until_null_and_is_complete() -> None:
    listing, recorder = fetch_listing(SOURCE, TARGET, _feed(3))
    assert [r.url.path for r in recorder.requests] == ["/jobs/api"] * 3
    assert [dict(r.url.params) for r in recorder.requests] == [
        {"limit": str(PAGE_SIZE)},
        {"limit": str(PAGE_SIZE), "cursor": "c1"},
        {"limit": str(PAGE_SIZE), "cursor": "c2"},
    ]
    assert listing.complete and listing.requests == 3
    assert len(listing.postings) == 6
    assert len({p.external_id for p in listing.postings}) == 6


def test_fetch_stops_at_max_pages_and_is_incomplete() -> None:
    target = Target("himalayas", "", "https://himalayas.test", {"max_pages": "2"})
    listing, recorder = fetch_listing(SOURCE, target, _feed(10))
    assert len(recorder.requests) == 2 and not listing.complete
    default, recorder = fetch_listing(SOURCE, TARGET, _feed(1000))
    assert len(recorder.requests) == DEFAULT_MAX_PAGES and not default.complete


def test_fetch_stops_when_the_server_repeats_a_cursor() -> None:
    body = copy.deepcopy(PAGE1)
    body["nextCursor"] = "same"
    listing, recorder = fetch_listing(SOURCE, TARGET, lambda r: json_response(body))
    assert len(recorder.requests) == 2 and not listing.complete
    assert len(listing.postings) == 2  # the same jobs twice are kept once


def test_bad_max_pages_is_a_config_error_and_delay_is_stated() -> None:
    target = Target("himalayas", "", "https://himalayas.test", {"max_pages": "lots"})
    with pytest.raises(SourceConfigError, match="max_pages"):
        fetch_listing(SOURCE, target, _feed(1))
    assert MIN_DELAY_SECONDS >= 1.0


@settings(max_examples=60, deadline=None)
@given(JSON)
def test_arbitrary_json_raises_only_parse_error(payload: Any) -> None:
    only_parse_errors("himalayas", parse_himalayas, payload)


@settings(max_examples=60, deadline=None)
@given(RECORDS)
def test_job_shaped_records_raise_only_parse_error(records: list[Any]) -> None:
    only_parse_errors("himalayas", parse_himalayas, {"jobs": records, "nextCursor": None})


def _offset_feed(jobs: int, *, total: int | None = None, honour_offset: bool = True) -> Any:
    """A handler serving `jobs` jobs in the offset style (the real shape without `nextCursor`)."""
    real = copy.deepcopy(PAGE1)
    del real["nextCursor"]
    template = real["jobs"][0]

    def handler(request: httpx.Request) -> httpx.Response:
        asked = int(request.url.params.get("offset", "0"))
        start = asked if honour_offset else 0
        body = copy.deepcopy(real)
        body["offset"], body["totalCount"] = start, jobs if total is None else total
        body["jobs"] = [
            {**template, "guid": f"https://himalayas.app/jobs/{n}"}
            for n in range(start, min(start + PAGE_SIZE, jobs))
        ]
        return json_response(body)

    return handler


def test_offset_style_feed_is_paged_by_offset_and_complete_only_at_total_count() -> None:
    listing, recorder = fetch_listing(SOURCE, TARGET, _offset_feed(45))
    assert [dict(r.url.params) for r in recorder.requests] == [
        {"limit": str(PAGE_SIZE)},
        {"limit": str(PAGE_SIZE), "offset": "20"},
        {"limit": str(PAGE_SIZE), "offset": "40"},
    ]
    assert listing.complete and len(listing.postings) == 45


def test_offset_style_first_page_of_a_big_feed_is_not_the_whole_feed() -> None:
    target = Target("himalayas", "", "https://himalayas.test", {"max_pages": "1"})
    listing, _ = fetch_listing(SOURCE, target, _offset_feed(96_495))
    assert not listing.complete and len(listing.postings) == PAGE_SIZE


@pytest.mark.parametrize(
    "handler",
    [
        _offset_feed(45, total=30),  # a page reaching past the count
        _offset_feed(30, total=45),  # the pages run dry before the count
        _offset_feed(45, honour_offset=False),  # the same first page again and again
    ],
)
def test_offset_counts_that_disagree_are_incomplete(handler: Any) -> None:
    listing, _ = fetch_listing(SOURCE, TARGET, handler)
    assert not listing.complete


def test_cursor_feed_whose_jobs_do_not_add_up_to_total_count_is_incomplete() -> None:
    feed = _feed(3)

    def short(request: httpx.Request) -> httpx.Response:
        body = json.loads(feed(request).content)
        body["totalCount"] += 1  # a job the cursors never reached
        return json_response(body)

    def no_count(request: httpx.Request) -> httpx.Response:
        body = json.loads(feed(request).content)
        del body["totalCount"]
        return json_response(body)

    assert not fetch_listing(SOURCE, TARGET, short)[0].complete
    assert not fetch_listing(SOURCE, TARGET, no_count)[0].complete


def test_real_feed_first_page_is_incomplete(shared_fixtures: Path) -> None:
    raw = json.loads((shared_fixtures / "himalayas/himalayas_jobs_api_trimmed.json").read_text())
    last = {**raw, "nextCursor": None}
    pages = iter([raw, last])
    listing, recorder = fetch_listing(SOURCE, TARGET, lambda r: json_response(next(pages)))
    assert dict(recorder.requests[1].url.params)["cursor"] == raw["nextCursor"]
    assert not listing.complete  # 4 jobs read of totalCount 96495
    offset_style = {key: value for key, value in raw.items() if key != "nextCursor"}
    target = Target("himalayas", "", "https://himalayas.test", {"max_pages": "1"})
    one, _ = fetch_listing(SOURCE, target, lambda r: json_response(offset_style))
    assert not one.complete and len(one.postings) == 2
