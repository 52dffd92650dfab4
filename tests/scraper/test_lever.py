from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from jobtrends.scraper.errors import FetchError, ParseError
from jobtrends.scraper.records import StructuredSalary
from jobtrends.scraper.sources.lever import (
    EU_BASE_URL,
    MAX_PAGES,
    PAGE_SIZE,
    SOURCE,
    base_url_for,
    parse_lever,
)
from jobtrends.scraper.sources.shared.payload import SHIFTED
from jobtrends.scraper.targets import Target
from tests.scraper.support import fetch_listing, json_response, load

POSTINGS = load("lever", "postings_mode_json.json")
TARGET = Target("lever", "copperleaf", "https://lever.test")


def test_parses_postings_and_skips_one_without_id() -> None:
    postings = parse_lever(POSTINGS, board="copperleaf")
    assert [p.external_id[-1] for p in postings] == ["1", "2", "3"]
    first = postings[0]
    assert first.source == "lever" and first.board == "copperleaf"
    assert first.company == "copperleaf"  # Lever names no employer: the token as written
    assert first.title == "Machine Learning Platform Engineer"
    assert first.location == "Toronto, Ontario"
    assert first.url == "https://jobs.lever.co/copperleaf/0a1b2c3d-0000-4000-8000-000000000001"
    assert first.posted_at == datetime(2026, 1, 1, tzinfo=UTC)
    assert first.remote == "remote"
    assert first.salary == StructuredSalary(155000.0, 190000.0, "CAD", "year")


def test_lists_become_headings_with_bullets_between_description_and_additional() -> None:
    text = parse_lever(POSTINGS, board="copperleaf")[0].description_text
    lines = text.splitlines()
    assert lines[0] == "About Copperleaf"
    start = lines.index("What you'll do")
    assert lines[start + 1 : start + 4] == [
        "",
        "- Run GPU training jobs on Kubernetes with Ray",
        "- Keep our model registry tidy",
    ]
    assert lines.index("Skills & experience") > start
    assert "- Terraform on AWS" in lines
    assert lines.index("Why join us") > lines.index("- Terraform on AWS")


def test_workplace_and_salary_variants() -> None:
    _, contract, analytics = parse_lever(POSTINGS, board="copperleaf")
    assert contract.remote == "onsite"
    assert contract.salary == StructuredSalary(38.0, 45.0, "CAD", "hour")
    assert analytics.remote is None  # "unspecified"
    assert analytics.salary is None
    assert analytics.description_text == "Part of our analytics team."


def test_company_override_and_empty_page() -> None:
    postings = parse_lever(POSTINGS, board="copperleaf", company="Copperleaf Systems Inc.")
    assert {p.company for p in postings} == {"Copperleaf Systems Inc."}
    assert parse_lever(load("lever", "postings_empty.json"), board="x") == []


def test_unknown_salary_interval_is_no_salary() -> None:
    posting = copy.deepcopy(POSTINGS[0])
    posting["salaryRange"]["interval"] = "one-time"
    assert parse_lever([posting], board="copperleaf")[0].salary is None


@pytest.mark.parametrize(
    "payload",
    [{"postings": []}, ["x"], [{"id": "a", "lists": "no"}], [{"id": "a", "createdAt": "today"}],
     [{"id": "a", "createdAt": 1e300}], [{"id": "a", "salaryRange": {"interval": "per-year-salary",
     "min": "lots"}}], [{"id": "a", "categories": []}]],
)  # fmt: skip
def test_wrong_shapes_are_parse_errors(payload: object) -> None:
    with pytest.raises(ParseError) as caught:
        parse_lever(payload, board="x")
    assert caught.value.source == "lever"


def test_real_recorded_postings(shared_fixtures: Path) -> None:
    raw = json.loads((shared_fixtures / "lever/matchgroup_postings_mode_json.json").read_text())
    postings = parse_lever(raw, board="matchgroup")
    assert [p.external_id for p in postings] == [item["id"] for item in raw]
    android = postings[0]
    assert android.title == raw[0]["text"]
    assert android.remote == "hybrid"
    assert android.salary == StructuredSalary(150000.0, 180000.0, "USD", "year")
    assert android.posted_at is not None and android.posted_at.year == 2026
    lines = android.description_text.splitlines()
    assert "Responsibilities" in lines and "What We're Looking For" in lines
    assert postings[1].salary is None


def _page(start: int, count: int) -> list[dict[str, Any]]:
    posting = POSTINGS[0]
    return [{**posting, "id": f"posting-{start + n}"} for n in range(count)]


def test_fetch_pages_with_skip_and_limit_until_a_short_page() -> None:
    board = 207

    def handler(request: httpx.Request) -> httpx.Response:
        skip = int(request.url.params["skip"])
        return json_response(_page(skip, min(PAGE_SIZE, board - skip)))

    listing, recorder = fetch_listing(SOURCE, TARGET, handler)
    assert [r.url.path for r in recorder.requests] == ["/v0/postings/copperleaf"] * 3
    # Each page after the first starts with the previous page's last posting.
    assert [dict(r.url.params) for r in recorder.requests] == [
        {"mode": "json", "skip": str(skip), "limit": "100"} for skip in (0, 99, 198)
    ]
    assert len(listing.postings) == 207 and listing.complete
    assert len({p.external_id for p in listing.postings}) == 207
    assert listing.requests == 3
    pages = (_page(0, 100), _page(99, 100), _page(198, 9))
    assert listing.bytes == sum(len(json.dumps(page).encode()) for page in pages)


def test_fetch_that_never_ends_is_incomplete_and_duplicates_are_dropped() -> None:
    same_page = [{"id": f"posting-{n}", "text": "Engineer"} for n in range(PAGE_SIZE)]
    listing, recorder = fetch_listing(SOURCE, TARGET, lambda r: json_response(same_page))
    assert len(recorder.requests) == MAX_PAGES
    assert not listing.complete
    assert len(listing.postings) == PAGE_SIZE  # the server ignored skip: same ids every page


def test_region_eu_selects_the_eu_host_only_without_a_custom_base() -> None:
    assert base_url_for(Target("lever", "b", "", {"region": "eu"})) == EU_BASE_URL
    assert (
        base_url_for(Target("lever", "b", "https://api.lever.co/", {"region": "EU"})) == EU_BASE_URL
    )
    assert base_url_for(Target("lever", "b", "https://lever.test", {"region": "eu"})) == (
        "https://lever.test"
    )
    assert base_url_for(Target("lever", "b", "")) == "https://api.lever.co"


def test_fetch_uses_company_option_and_maps_server_errors() -> None:
    target = Target("lever", "copperleaf", "https://lever.test", {"company": "Copperleaf Systems"})
    listing, _ = fetch_listing(SOURCE, target, lambda r: json_response(POSTINGS))
    assert {p.company for p in listing.postings} == {"Copperleaf Systems"}
    with pytest.raises(FetchError) as caught:
        fetch_listing(SOURCE, TARGET, lambda r: httpx.Response(500))
    assert caught.value.status == 500


def test_a_list_that_shifts_while_paged_is_incomplete() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        skip = int(request.url.params["skip"])
        # A posting was added at the top after page 0 was read: page 1 starts one further back.
        return json_response(_page(skip - 1 if skip else 0, PAGE_SIZE if skip == 0 else 50))

    listing, _ = fetch_listing(SOURCE, TARGET, handler)
    assert len(listing.postings) == 148  # the repeated postings are kept once
    assert not listing.complete and listing.problems == [SHIFTED]


def test_a_posting_removed_while_paged_is_caught_by_the_overlap() -> None:
    board = [f"posting-{n}" for n in range(150)]

    def handler(request: httpx.Request) -> httpx.Response:
        skip = int(request.url.params["skip"])
        served = board if skip == 0 else board[:10] + board[12:]  # two removed after page 0
        items = [{"id": i, "text": "Engineer"} for i in served[skip : skip + PAGE_SIZE]]
        return json_response(items)

    listing, _ = fetch_listing(SOURCE, TARGET, handler)
    # posting-100 moved to where page 0 ended and was never read: the listing closes nothing.
    assert "posting-100" not in {p.external_id for p in listing.postings}
    assert not listing.complete and listing.problems == [SHIFTED]
