from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from jobtrends.scraper.errors import ParseError
from jobtrends.scraper.records import StructuredSalary
from jobtrends.scraper.sources.ashby import SOURCE, listing_url, parse_ashby
from jobtrends.scraper.targets import Target
from tests.scraper.support import fetch_listing, json_response, load

BOARD = load("ashby", "job_board.json")
TARGET = Target("ashby", "tidewater", "https://ashby.test/")


def test_parses_listed_jobs_only() -> None:
    postings = parse_ashby(BOARD, board="tidewater")
    assert [p.title for p in postings] == [
        "Applied AI Engineer, Agents",
        "Inference Platform Engineer",
        "Office Manager",
    ]  # the unlisted job and the one without an id are gone
    first = postings[0]
    assert first.source == "ashby" and first.board == "tidewater"
    assert first.external_id == "b7e1c2d0-1111-4aaa-9bbb-000000000001"
    assert first.company == "tidewater"  # no name in the payload, no option: the token as written
    assert first.location == "Berlin"
    assert first.url == "https://jobs.ashbyhq.com/tidewater/b7e1c2d0-1111-4aaa-9bbb-000000000001"
    assert first.posted_at == datetime(2026, 4, 2, 8, 12, 30, 500000, tzinfo=UTC)
    assert first.description_text.splitlines()[:3] == [
        "About Tidewater",
        "",
        "Tidewater builds tool-using agents for port logistics.",
    ]
    assert "- LangChain or LlamaIndex" in first.description_text.splitlines()


def test_workplace_type_and_is_remote() -> None:
    hybrid, remote_flag, onsite = parse_ashby(BOARD, board="tidewater")
    assert hybrid.remote == "hybrid"
    assert remote_flag.remote == "remote"  # no workplaceType, isRemote true
    assert onsite.remote == "onsite"


def test_salary_from_summary_components_ignoring_equity() -> None:
    assert parse_ashby(BOARD, board="tidewater")[0].salary == StructuredSalary(
        85000.0, 110000.0, "EUR", "year"
    )


def test_salary_from_tiers_spans_all_tiers_and_ignores_bonus() -> None:
    assert parse_ashby(BOARD, board="tidewater")[1].salary == StructuredSalary(
        70.0, 95.0, "EUR", "hour"
    )


def test_empty_compensation_is_no_salary() -> None:
    assert parse_ashby(BOARD, board="tidewater")[2].salary is None


def test_salary_with_interval_none_is_ignored() -> None:
    job = copy.deepcopy(BOARD["jobs"][0])
    for component in job["compensation"]["summaryComponents"]:
        component["interval"] = "NONE"
    job["compensation"]["compensationTiers"] = []
    assert parse_ashby({"jobs": [job]}, board="tidewater")[0].salary is None


def test_company_override_and_empty_board() -> None:
    postings = parse_ashby(BOARD, board="tidewater", company="Tidewater GmbH")
    assert {p.company for p in postings} == {"Tidewater GmbH"}
    assert parse_ashby(load("ashby", "job_board_empty.json"), board="x") == []


@pytest.mark.parametrize(
    "payload",
    [[7], {"jobs": None}, {"jobs": [7]}, {"jobs": [{"id": "a", "isListed": "yes"}]},
     {"jobs": [{"id": "a", "compensation": {"summaryComponents": [{"compensationType": "Salary",
      "interval": "1 YEAR", "minValue": "80k"}]}}]}],
)  # fmt: skip
def test_wrong_shapes_are_parse_errors(payload: object) -> None:
    with pytest.raises(ParseError):
        parse_ashby(payload, board="x")


def test_real_recorded_board(shared_fixtures: Path) -> None:
    raw = json.loads((shared_fixtures / "ashby/openevidence_job_board.json").read_text())
    postings = parse_ashby(raw, board="openevidence")
    assert [p.external_id for p in postings] == [job["id"] for job in raw["jobs"]]
    assert {p.remote for p in postings} == {"onsite"}
    assert all(p.salary is None for p in postings)  # compensation present but empty
    assert postings[0].location == "San Francisco"
    assert postings[0].posted_at == datetime(2026, 1, 22, 21, 44, 44, 930000, tzinfo=UTC)
    assert "OpenEvidence" in postings[0].description_text


def test_fetch_url_conditional_request_and_not_modified() -> None:
    url = listing_url(TARGET)
    assert url == "https://ashby.test/posting-api/job-board/tidewater?includeCompensation=true"
    dated = json_response(BOARD, headers={"Last-Modified": "Mon, 06 Apr 2026"})
    listing, recorder = fetch_listing(SOURCE, TARGET, lambda request: dated)
    assert str(recorder.requests[0].url) == url
    assert "If-Modified-Since" not in recorder.requests[0].headers
    assert len(listing.postings) == 3 and listing.complete
    stored = listing.validators

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["If-Modified-Since"] == "Mon, 06 Apr 2026"
        return httpx.Response(304)

    again, _ = fetch_listing(SOURCE, TARGET, handler, stored=stored)
    assert again.not_modified and again.postings == [] and again.requests == 1
    assert again.validators[url].last_modified == "Mon, 06 Apr 2026"  # kept from the request
