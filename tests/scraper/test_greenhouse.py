from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from jobtrends.scraper.errors import FetchError, ParseError, SourceConfigError
from jobtrends.scraper.records import Validators
from jobtrends.scraper.sources.greenhouse import SOURCE, listing_url, parse_greenhouse
from jobtrends.scraper.targets import Target
from tests.scraper.support import fetch_listing, json_response, load

BOARD = load("greenhouse", "board_content_true.json")
TARGET = Target("greenhouse", "lanternfish", "https://gh.test")


def test_parses_jobs_and_skips_one_without_id() -> None:
    postings = parse_greenhouse(BOARD, board="lanternfish")
    assert [p.external_id for p in postings] == ["7001001", "7001002"]
    first = postings[0]
    assert first.source == "greenhouse" and first.board == "lanternfish"
    assert first.company == "Lanternfish Analytics"
    assert first.title == "LLM Engineer"
    assert first.location == "Lisbon, Portugal"
    assert first.url == "https://job-boards.greenhouse.io/lanternfish/jobs/7001001"
    assert first.posted_at == datetime(2026, 2, 27, 14, 30, tzinfo=UTC)
    assert first.remote is None and first.salary is None and first.attribution is None


def test_content_is_unescaped_html_and_text_keeps_structure() -> None:
    first = parse_greenhouse(BOARD, board="lanternfish")[0]
    assert first.description_html.startswith('<div class="content-intro"><p>Lanternfish')
    lines = first.description_text.splitlines()
    assert "What you will work on" in lines
    assert "Requirements" in lines
    assert "- 3+ years of Python" in lines
    assert (
        '- Ship retrieval-augmented generation (RAG) features on top of our "Pantry" search index'
        in lines
    )
    assert (
        "&amp;" not in first.description_text and "PyTorch & Hugging Face" in first.description_text
    )


def test_missing_optional_fields_fall_back() -> None:
    second = parse_greenhouse(BOARD, board="lanternfish")[1]
    assert second.company == "lanternfish"  # no company_name: the board token
    assert second.location == ""  # location is null
    assert second.posted_at == datetime(2026, 3, 1, 8, 0, tzinfo=UTC)  # updated_at fallback
    assert second.url == "https://lanternfish.example/careers?gh_jid=7001002"


def test_empty_board() -> None:
    assert parse_greenhouse(load("greenhouse", "board_empty.json"), board="x") == []


@pytest.mark.parametrize(
    "payload",
    [[], {"meta": {}}, {"jobs": {"id": 1}}, {"jobs": ["not a job"]}, {"jobs": [{"id": [1]}]},
     {"jobs": [{"id": 1, "title": 5}]}, {"jobs": [{"id": 1, "first_published": "yesterday"}]}],
)  # fmt: skip
def test_wrong_shapes_are_parse_errors(payload: object) -> None:
    with pytest.raises(ParseError) as caught:
        parse_greenhouse(payload, board="x", url="https://gh.test/jobs")
    assert caught.value.source == "greenhouse" and caught.value.url == "https://gh.test/jobs"


def test_real_recorded_boards(shared_fixtures: Path) -> None:
    gitlab = json.loads((shared_fixtures / "greenhouse/gitlab_jobs_content_true.json").read_text())
    postings = parse_greenhouse(gitlab, board="gitlab")
    assert len(postings) == len(gitlab["jobs"])
    ai = next(p for p in postings if p.title == "AI Engineer")
    assert ai.company == "GitLab" and ai.location == "Remote, US"
    assert ai.posted_at is not None and ai.posted_at.tzinfo is UTC
    assert "What you'll do" in ai.description_text.splitlines()
    assert any(line.startswith("- ") for line in ai.description_text.splitlines())
    assert "&lt;" not in ai.description_html

    smarterdx = json.loads(
        (shared_fixtures / "greenhouse/smarterdx_jobs_content_true.json").read_text()
    )
    titles = [p.title for p in parse_greenhouse(smarterdx, board="smarterdx")]
    assert titles == [job["title"].strip() for job in smarterdx["jobs"]]


def test_fetch_builds_the_url_from_base_url_and_sends_stored_validators() -> None:
    url = listing_url(TARGET)
    assert url == "https://gh.test/v1/boards/lanternfish/jobs?content=true"
    stored = {url: Validators('"old"', None)}
    tagged = json_response(BOARD, headers={"ETag": '"new"'})
    listing, recorder = fetch_listing(SOURCE, TARGET, lambda request: tagged, stored=stored)
    request = recorder.requests[0]
    assert str(request.url) == url
    assert request.headers["If-None-Match"] == '"old"'
    assert [p.external_id for p in listing.postings] == ["7001001", "7001002"]
    assert listing.complete and not listing.not_modified
    assert listing.requests == 1 and listing.bytes == len(json.dumps(BOARD).encode())
    assert listing.validators == {url: Validators('"new"', None)}


def test_fetch_not_modified_means_nothing_to_parse() -> None:
    listing, _ = fetch_listing(
        SOURCE, TARGET, lambda request: httpx.Response(304, headers={"ETag": '"same"'})
    )
    assert listing.not_modified and listing.complete and listing.postings == []
    assert listing.validators[listing_url(TARGET)].etag == '"same"'


def test_fetch_quotes_the_board_and_uses_the_default_base() -> None:
    target = Target("greenhouse", "a/b c", "")
    assert listing_url(target) == (
        "https://boards-api.greenhouse.io/v1/boards/a%2Fb%20c/jobs?content=true"
    )


def test_fetch_without_board_is_a_config_error() -> None:
    with pytest.raises(SourceConfigError, match="board"):
        fetch_listing(
            SOURCE, Target("greenhouse", " ", "https://gh.test"), lambda r: json_response(BOARD)
        )


def test_fetch_maps_errors() -> None:
    with pytest.raises(FetchError) as gone:
        fetch_listing(SOURCE, TARGET, lambda request: httpx.Response(404))
    assert gone.value.status == 404
    html_page = httpx.Response(
        200, text="<html>login</html>", headers={"Content-Type": "text/html"}
    )
    with pytest.raises(ParseError, match="not JSON"):
        fetch_listing(SOURCE, TARGET, lambda request: html_page)
