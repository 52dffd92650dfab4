from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtrends.scraper.errors import ParseError
from jobtrends.scraper.records import StructuredSalary, Validators
from jobtrends.scraper.sources.remoteok import (
    SOURCE,
    legal_notice,
    parse_remoteok,
    repair_mojibake,
)
from jobtrends.scraper.targets import Target
from tests.scraper.fuzz_json import JSON, RECORDS, only_parse_errors
from tests.scraper.support import fetch_listing, json_response, load

FEED = load("remoteok", "api.json")
TARGET = Target("remoteok", "", "https://remoteok.test")


def test_skips_the_legal_notice_and_jobs_without_id() -> None:
    postings = parse_remoteok(FEED)
    assert [p.external_id for p in postings] == ["1200001", "1200002"]
    assert all(p.source == "remoteok" for p in postings)
    assert parse_remoteok(load("remoteok", "api_only_legal.json")) == []


def test_link_back_attribution_and_fields() -> None:
    first = parse_remoteok(FEED)[0]
    url = "https://remoteok.com/remote-jobs/remote-machine-learning-engineer-driftwood-1200001"
    assert first.url == url  # host lower-cased
    assert first.attribution == f"Remote OK: {url}"
    assert first.company == "Driftwood" and first.title == "Machine Learning Engineer"
    assert first.location == "London"
    assert first.posted_at == datetime(2026, 9, 27, 23, 26, 40, tzinfo=UTC)
    assert first.salary == StructuredSalary(90000.0, 110000.0, "USD", "year")
    assert first.remote is None


def test_mojibake_is_repaired_and_tags_stay_out_of_the_description() -> None:
    first, second = parse_remoteok(FEED)
    lines = first.description_text.splitlines()
    assert lines[0] == "Pay: £70,000 – £85,000"
    assert lines[-1].endswith("It’s a small team. 🚀")
    assert "machine learning" not in first.description_text  # a tag, not job text
    assert second.company == "Café Co"
    assert "Tags" not in first.description_text + second.description_text
    # The tags are kept in their own field, repaired and stripped.
    assert "machine learning" in first.tags
    assert all(tag == tag.strip() and tag for tag in first.tags + second.tags)


def test_zero_salary_epoch_date_and_url_from_slug() -> None:
    second = parse_remoteok(FEED)[1]
    assert second.salary is None
    assert second.posted_at == datetime.fromtimestamp(1790380000, tz=UTC)
    assert (
        second.url == "https://remoteok.com/remote-jobs/remote-support-specialist-cafe-co-1200002"
    )


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [("\u00c2\u00a345,500", "£45,500"), ("caf\u00c3\u00a9", "café"),
     ("it\u00e2\u20ac\u2122s", "it’s"), ("\u00f0\u0178\u0161\u20ac", "🚀"),
     ("CAF\u00c9\u201d", "CAF\u00c9\u201d"), ("Stra\u00df\u00a0x", "Stra\u00df\u00a0x"),
     ("plain ASCII", "plain ASCII"), ("\u00c2", "\u00c2"), ("", "")],
)  # fmt: skip
def test_repair_mojibake(broken: str, fixed: str) -> None:
    assert repair_mojibake(broken) == fixed


@given(st.text(max_size=40))
def test_repair_mojibake_undoes_a_latin1_round_trip(text: str) -> None:
    garbled = text.encode("utf-8", "replace").decode("latin-1")
    assert isinstance(repair_mojibake(garbled), str)
    if all(0xA0 <= ord(c) <= 0x17F for c in text):
        assert repair_mojibake(garbled) == text


def test_legal_notice() -> None:
    notice = legal_notice(FEED)
    assert notice is not None and "Remote OK" in notice
    assert legal_notice([]) is None


@pytest.mark.parametrize(
    "payload",
    [{}, [1], [{"id": "1", "tags": "python"}], [{"id": "1", "tags": [1]}],
     [{"id": "1", "salary_min": "90k"}], [{"id": "1", "epoch": "soon"}],
     [{"id": "1", "date": "x"}]],
)  # fmt: skip
def test_wrong_shapes_are_parse_errors(payload: object) -> None:
    with pytest.raises(ParseError) as caught:
        parse_remoteok(payload)
    assert caught.value.source == "remoteok"


def test_real_recorded_feed(shared_fixtures: Path) -> None:
    raw = json.loads((shared_fixtures / "remoteok/remoteok_api_trimmed.json").read_text())
    postings = parse_remoteok(raw)
    assert [p.external_id for p in postings] == [job["id"] for job in raw[1:]]
    assert "Remote OK" in (legal_notice(raw) or "")
    technician = postings[0]
    assert "\n£45,500: Shift allowance" in technician.description_text
    assert technician.salary is None and technician.location == "Newport"
    assert technician.url.startswith("https://remoteok.com/remote-jobs/")
    assert technician.attribution == f"Remote OK: {technician.url}"
    # Its tags ("infosec", "education") are board labels and stay out of the text.
    assert "Tags:" not in technician.description_text
    assert "infosec" not in technician.description_text.lower()
    assert technician.tags == tuple(raw[1]["tags"])


def test_fetch_is_one_conditional_request_and_never_complete() -> None:
    listing, recorder = fetch_listing(SOURCE, TARGET, lambda r: json_response(FEED))
    assert [str(r.url) for r in recorder.requests] == ["https://remoteok.test/api"]
    assert not listing.complete and len(listing.postings) == 2
    stored = {"https://remoteok.test/api": Validators('"v1"', None)}
    unchanged, recorder = fetch_listing(
        SOURCE, TARGET, lambda r: json_response(None, status=304), stored=stored
    )
    assert recorder.requests[0].headers["If-None-Match"] == '"v1"'
    assert unchanged.not_modified and unchanged.postings == []


@settings(max_examples=60, deadline=None)
@given(JSON)
def test_arbitrary_json_raises_only_parse_error(payload: Any) -> None:
    only_parse_errors("remoteok", parse_remoteok, payload)


@settings(max_examples=60, deadline=None)
@given(RECORDS)
def test_job_shaped_records_raise_only_parse_error(records: list[Any]) -> None:
    only_parse_errors("remoteok", parse_remoteok, records)
