from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings

from jobtrends.pipeline.store import Store
from jobtrends.scraper.errors import ParseError
from jobtrends.scraper.sources.remotive import (
    MAX_POLLS_PER_DAY,
    MIN_DELAY_SECONDS,
    SOURCE,
    legal_notice,
    parse_remotive,
)
from jobtrends.scraper.targets import Target
from tests.scraper.fuzz_json import JSON, RECORDS, only_parse_errors
from tests.scraper.support import fetch_listing, json_response, load

FEED = load("remotive", "remote_jobs.json")
TARGET = Target("remotive", "", "https://remotive.test")


def test_parses_jobs_with_link_back_and_skips_one_without_id() -> None:
    postings = parse_remotive(FEED)
    assert [p.external_id for p in postings] == ["2100001", "2100002"]
    first = postings[0]
    url = "https://remotive.com/remote-jobs/software-dev/applied-ai-engineer-2100001"
    assert first.url == url and first.attribution == f"Remotive: {url}"
    assert first.source == "remotive" and first.company == "Lanternfish"
    assert first.title == "Applied AI Engineer" and first.location == "Europe"
    assert first.remote == "remote"
    assert first.posted_at == datetime(2026, 9, 28, 9, 15, tzinfo=UTC)
    assert first.salary is None  # free text is left to the pipeline's salary extraction
    assert first.tags == ("python", "llm", "AI/ML")  # board labels: their own field, not text
    assert "AI/ML" not in first.description_text and postings[1].tags == ()


def test_free_text_salary_becomes_a_line_of_the_description() -> None:
    first, second = parse_remotive(FEED)
    lines = first.description_text.splitlines()
    assert lines[0] == "About the role"
    assert "- Evaluate prompts with promptfoo" in lines
    assert lines[-1] == "Salary: €80k - €95k"
    assert "Salary" not in second.description_text
    assert second.title == "Analytics Engineer"


def test_legal_notice_is_kept_readable() -> None:
    notice = legal_notice(FEED)
    assert notice is not None and "link back" in notice
    assert legal_notice({"jobs": []}) is None
    assert parse_remotive(load("remotive", "remote_jobs_empty.json")) == []


@pytest.mark.parametrize(
    "payload",
    [[], {"jobs": None}, {"jobs": ["x"]}, {"jobs": [{"id": 1, "salary": 5}]},
     {"jobs": [{"id": 1, "publication_date": "last week"}]}, {"jobs": [{"id": 1.5}]},
     {"jobs": [{"id": 1, "tags": "python"}]}, {"jobs": [{"id": 1, "tags": [3]}]}],
)  # fmt: skip
def test_wrong_shapes_are_parse_errors(payload: object) -> None:
    with pytest.raises(ParseError) as caught:
        parse_remotive(payload)
    assert caught.value.source == "remotive"


def test_real_recorded_feed(shared_fixtures: Path) -> None:
    raw = json.loads((shared_fixtures / "remotive/remotive_remote_jobs_trimmed.json").read_text())
    postings = parse_remotive(raw)
    assert [p.external_id for p in postings] == [str(job["id"]) for job in raw["jobs"]]
    reviewer, frontend = postings
    assert reviewer.company == "TELUS Digital" and reviewer.location == "USA"
    assert reviewer.attribution == f"Remotive: {raw['jobs'][0]['url']}"
    assert "Salary" not in reviewer.description_text  # salary ""
    assert frontend.description_text.splitlines()[-1] == "Salary: $90k - $105k"
    assert frontend.posted_at == datetime(2026, 9, 18, 16, 43, 22, tzinfo=UTC)
    assert frontend.tags[-1] == "Typescript"  # stripped ("Typescript " in the response)
    assert len(frontend.tags) == len(raw["jobs"][1]["tags"])


def test_unfiltered_fetch_is_one_complete_request() -> None:
    listing, recorder = fetch_listing(SOURCE, TARGET, lambda r: json_response(FEED))
    assert [str(r.url) for r in recorder.requests] == ["https://remotive.test/api/remote-jobs"]
    assert listing.complete and len(listing.postings) == 2


def test_category_and_search_filter_the_feed_and_make_it_incomplete() -> None:
    target = Target(
        "remotive", "", "https://remotive.test", {"category": "software-dev", "search": "llm"}
    )
    listing, recorder = fetch_listing(SOURCE, target, lambda r: json_response(FEED))
    assert dict(recorder.requests[0].url.params) == {"category": "software-dev", "search": "llm"}
    assert not listing.complete


def test_polling_limits_are_stated() -> None:
    assert MIN_DELAY_SECONDS >= 30.0  # more than two requests a minute are blocked
    assert MAX_POLLS_PER_DAY == 4


def test_html_error_page_is_a_parse_error() -> None:
    page = httpx.Response(200, text="<html>blocked</html>", headers={"Content-Type": "text/html"})
    with pytest.raises(ParseError):
        fetch_listing(SOURCE, TARGET, lambda r: page)


@settings(max_examples=60, deadline=None)
@given(JSON)
def test_arbitrary_json_raises_only_parse_error(payload: Any) -> None:
    only_parse_errors("remotive", parse_remotive, payload)


@settings(max_examples=60, deadline=None)
@given(RECORDS)
def test_job_shaped_records_raise_only_parse_error(records: list[Any]) -> None:
    only_parse_errors("remotive", parse_remotive, {"jobs": records})


def test_attribution_and_link_back_are_stored(tmp_path: Path) -> None:
    listing, _ = fetch_listing(SOURCE, TARGET, lambda r: json_response(FEED))
    with Store.open(tmp_path / "jobs.db") as store:
        store.save_listing(
            listing, source="remotive", board="", now=datetime(2026, 10, 1, tzinfo=UTC)
        )
        rows = store.connection.execute(
            "SELECT url, attribution FROM postings ORDER BY external_id"
        ).fetchall()
    assert [tuple(row) for row in rows] == [
        (posting.url, f"Remotive: {posting.url}") for posting in listing.postings
    ]
