from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from jobtrends.scraper.errors import FetchError, ParseError, SourceConfigError
from jobtrends.scraper.records import StructuredSalary, Validators
from jobtrends.scraper.sources.greenhouse import AI_TITLE as SOURCE_AI_TITLE
from jobtrends.scraper.sources.greenhouse import SOURCE, listing_url, parse_greenhouse, pay_url
from jobtrends.scraper.sources.shared.pay_ranges import pay_range_salary
from jobtrends.scraper.sources.shared.payload import PayloadReader
from jobtrends.scraper.targets import Target
from tests.scraper.support import fetch_listing, json_response, load

BOARD = load("greenhouse", "board_content_true.json")
TARGET = Target("greenhouse", "lanternfish", "https://gh.test", {"pay_ranges": "off"})


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


# Pay transparency: `jobs/{id}?pay_transparency=true` (documented shape, written for the project).
def _pay_range(
    low: int, high: int, currency: str = "USD", title: str = "", blurb: str = ""
) -> dict:
    return {"min_cents": low, "max_cents": high, "currency_type": currency, "title": title,
            "blurb": blurb}  # fmt: skip


def _priced(ranges: list[dict]) -> StructuredSalary | None:
    return pay_range_salary(PayloadReader("greenhouse", "u"), {"pay_input_ranges": ranges})


@pytest.mark.parametrize(
    ("ranges", "expected"),
    [
        ([_pay_range(15_000_000, 19_000_000, title="Annual Base Salary")],
         StructuredSalary(150_000.0, 190_000.0, "USD", "year")),
        ([_pay_range(4_500, 6_000, title="Hourly Pay Range")],
         StructuredSalary(45.0, 60.0, "USD", "hour")),
        ([_pay_range(600_000, 750_000, "eur", blurb="<p>Gross <b>monthly</b> pay</p>")],
         StructuredSalary(6_000.0, 7_500.0, "EUR", "month")),
        # No period word: an amount under 500 is hourly, a larger one yearly.
        ([_pay_range(3_000, 4_200)], StructuredSalary(30.0, 42.0, "USD", "hour")),
        ([_pay_range(9_000_000, 12_000_000)], StructuredSalary(90_000.0, 120_000.0, "USD", "year")),
        # Pay zones in one currency and period make one range; another currency is left out.
        ([_pay_range(14_000_000, 17_000_000, title="Zone A salary"),
          _pay_range(12_000_000, 15_000_000, title="Zone B salary"),
          _pay_range(11_000_000, 13_000_000, "CAD", title="Canada salary")],
         StructuredSalary(120_000.0, 170_000.0, "USD", "year")),
        ([_pay_range(0, 0)], None),
        ([], None),
    ],
)  # fmt: skip
def test_pay_ranges_become_one_structured_salary(
    ranges: list[dict], expected: StructuredSalary | None
) -> None:
    assert _priced(ranges) == expected


@pytest.mark.parametrize(
    "ranges",
    ["x", [3], [{"min_cents": "a lot"}], [{"min_cents": 1, "max_cents": float("inf")}]],
)
def test_malformed_pay_ranges_are_parse_errors(ranges: object) -> None:
    with pytest.raises(ParseError):
        pay_range_salary(PayloadReader("greenhouse", "u"), {"pay_input_ranges": ranges})


def _pay_server(job_pay: dict[str, list[dict]], failing: frozenset[str] = frozenset()):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/jobs"):
            return json_response(BOARD, headers={"ETag": '"b1"'})
        job_id = request.url.path.rsplit("/", 1)[-1]
        assert request.url.params["pay_transparency"] == "true"
        if job_id in failing:
            return httpx.Response(500, json={"error": "boom"})
        job = next(j for j in BOARD["jobs"] if str(j.get("id")) == job_id)
        return json_response({**job, "pay_input_ranges": job_pay.get(job_id, [])})

    return handler


def test_pay_ranges_are_requested_for_ai_titles_when_the_board_changed() -> None:
    target = Target("greenhouse", "lanternfish", "https://gh.test")  # default: "ai_titles"
    pay = {"7001001": [_pay_range(16_000_000, 21_000_000, title="Annual salary")]}
    listing, recorder = fetch_listing(SOURCE, target, _pay_server(pay))
    urls = [str(r.url) for r in recorder.requests]
    titles = {p.external_id: p.title for p in listing.postings}
    asked = [p for p in titles if any(url == pay_url(target, p) for url in urls)]
    assert urls[0] == listing_url(target)
    assert asked == [p for p, title in titles.items() if SOURCE_AI_TITLE.search(title)]
    assert listing.requests == len(urls) and listing.complete
    first = next(p for p in listing.postings if p.external_id == "7001001")
    assert first.salary == StructuredSalary(160_000.0, 210_000.0, "USD", "year")
    assert listing.validators.keys() == {listing_url(target)}  # pay answers are not validators


def test_pay_ranges_off_all_and_the_request_cap() -> None:
    def asked(options: dict[str, str]) -> int:
        target = Target("greenhouse", "lanternfish", "https://gh.test", options)
        _, recorder = fetch_listing(SOURCE, target, _pay_server({}))
        return len(recorder.requests) - 1

    assert asked({"pay_ranges": "off"}) == 0
    assert asked({"pay_ranges": "all"}) == 2
    assert asked({"pay_ranges": "all", "max_pay_requests": "1"}) == 1


def test_a_failed_pay_request_leaves_that_job_out_and_the_listing_incomplete() -> None:
    target = Target("greenhouse", "lanternfish", "https://gh.test", {"pay_ranges": "all"})
    listing, _ = fetch_listing(SOURCE, target, _pay_server({}, failing=frozenset({"7001002"})))
    assert [p.external_id for p in listing.postings] == ["7001001"]
    assert not listing.complete  # so the stored job keeps its record, and nothing is closed
    assert listing.problems and "7001002" in listing.problems[0]


def test_a_not_modified_board_asks_for_no_pay() -> None:
    target = Target("greenhouse", "lanternfish", "https://gh.test", {"pay_ranges": "all"})
    listing, recorder = fetch_listing(SOURCE, target, lambda r: httpx.Response(304))
    assert listing.not_modified and len(recorder.requests) == 1
