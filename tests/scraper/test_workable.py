from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from hypothesis import given, settings

from jobtrends.scraper.errors import FetchError, ParseError
from jobtrends.scraper.records import Validators
from jobtrends.scraper.sources.workable import SOURCE, listing_url, parse_workable
from jobtrends.scraper.targets import Target
from tests.scraper.fuzz_json import JSON, RECORDS, only_parse_errors
from tests.scraper.support import fetch_listing, json_response, load

ACCOUNT = load("workable", "widget_account_details.json")
TARGET = Target("workable", "tidewater", "https://workable.test")


def test_parses_jobs_by_shortcode_and_skips_one_without() -> None:
    postings = parse_workable(ACCOUNT, board="tidewater")
    assert [p.external_id for p in postings] == ["9F3A7C21B4", "44D0E9AA10"]
    first = postings[0]
    assert first.source == "workable" and first.board == "tidewater"
    assert first.company == "Tidewater Robotics"
    assert first.title == "Computer Vision Engineer"
    assert first.url == "https://apply.workable.com/j/9F3A7C21B4"
    assert first.posted_at == datetime(2026, 9, 18, tzinfo=UTC)
    assert first.remote is None


def test_visible_locations_are_joined_and_hidden_ones_dropped() -> None:
    first = parse_workable(ACCOUNT, board="tidewater")[0]
    assert first.location == (
        "Amsterdam, North Holland, Netherlands; Ghent, East Flanders, Belgium"
    )


def test_description_requirements_and_benefits_under_headings() -> None:
    lines = parse_workable(ACCOUNT, board="tidewater")[0].description_text.splitlines()
    assert lines[0].startswith("Build detection models")
    assert lines[lines.index("Requirements") + 2] == "- 3+ years with CUDA or TensorRT"
    assert lines[lines.index("Benefits") + 2] == "- Learning budget"


def test_remote_job_with_full_description_and_fallbacks() -> None:
    remote = parse_workable(ACCOUNT, board="tidewater")[1]
    assert remote.remote == "remote"
    assert remote.location == "Portugal"  # no locations list: city/state/country
    assert remote.url == "https://apply.workable.com/j/44D0E9AA10"  # `url` empty: shortlink
    assert remote.posted_at == datetime(2026, 9, 10, tzinfo=UTC)  # created_at
    assert remote.description_text == "Write and evaluate prompts for Claude and GPT-4o."


def test_company_from_option_account_or_board() -> None:
    named = parse_workable(ACCOUNT, board="tidewater", company="Tidewater BV")
    assert {p.company for p in named} == {"Tidewater BV"}
    anonymous = {"jobs": ACCOUNT["jobs"][:1]}
    assert parse_workable(anonymous, board="tide-water")[0].company == "tide-water"
    assert parse_workable(load("workable", "widget_account_empty.json"), board="x") == []


@pytest.mark.parametrize(
    "payload",
    [[], {"jobs": None}, {"jobs": [3]}, {"jobs": [{"shortcode": "A", "telecommuting": "yes"}]},
     {"jobs": [{"shortcode": "A", "locations": [{"hidden": 1}]}]},
     {"jobs": [{"shortcode": "A", "published_on": "soon"}]}, {"name": 5, "jobs": []}],
)  # fmt: skip
def test_wrong_shapes_are_parse_errors(payload: object) -> None:
    with pytest.raises(ParseError) as caught:
        parse_workable(payload, board="x")
    assert caught.value.source == "workable"


def test_fetch_is_one_conditional_request() -> None:
    url = listing_url(TARGET)
    assert url == "https://workable.test/api/v1/widget/accounts/tidewater?details=true"
    listing, recorder = fetch_listing(
        SOURCE,
        TARGET,
        lambda r: json_response(ACCOUNT, headers={"ETag": '"w1"'}),
    )
    assert [str(r.url) for r in recorder.requests] == [url]
    assert listing.complete and len(listing.postings) == 2
    assert listing.validators[url] == Validators('"w1"', None)
    unchanged, recorder = fetch_listing(
        SOURCE, TARGET, lambda r: httpx.Response(304), stored={url: Validators('"w1"', None)}
    )
    assert recorder.requests[0].headers["If-None-Match"] == '"w1"'
    assert unchanged.not_modified and unchanged.postings == []


def test_unknown_account_is_a_fetch_error() -> None:
    with pytest.raises(FetchError) as caught:
        fetch_listing(SOURCE, TARGET, lambda r: httpx.Response(404))
    assert caught.value.status == 404


@settings(max_examples=60, deadline=None)
@given(JSON)
def test_arbitrary_json_raises_only_parse_error(payload: Any) -> None:
    only_parse_errors("workable", lambda p: parse_workable(p, board="b"), payload)


@settings(max_examples=60, deadline=None)
@given(RECORDS)
def test_job_shaped_records_raise_only_parse_error(records: list[Any]) -> None:
    only_parse_errors("workable", lambda p: parse_workable(p, board="b"), {"jobs": records})
