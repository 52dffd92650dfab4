"""HN reruns: settled threads stored with the comment count the search shows are not fetched
again, newer ones conditionally; one thread failing keeps the others (the listing names it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import httpx
import pytest

from jobtrends.scraper.errors import FetchError, SourceConfigError
from jobtrends.scraper.records import Validators
from jobtrends.scraper.sources.hn.source import STORED_MARK, HackerNewsSource, Options
from jobtrends.scraper.targets import Target
from tests.scraper.support import fetch_listing, json_response, load

ROOT = "https://hn.test/api/v1"
TARGET = Target("hn", "", ROOT, {"since": "2026-01"})
MARCH, FEBRUARY, JANUARY = "91000300", "91000200", "91000100"
SOURCE = HackerNewsSource(today=date(2026, 3, 10))  # January's thread is 64 days old
THREAD = load("hn", "items_thread.json")  # March's thread: five posts
ETAG = '"march-1"'


def _comment(thread: str) -> dict[str, object]:
    text = "Zinc | Engineer | Remote"
    return {
        "id": int(thread) + 11,
        "author": "x",
        "created_at": "2026-01-05T16:10:00Z",
        "text": text,
    }


def _handler(
    failing: frozenset[str] = frozenset(), comments: dict[str, int] | None = None
) -> Callable[[httpx.Request], httpx.Response]:
    """The fixture threads; `failing` threads answer 500, `comments` overrides hits' counts."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/search_by_date"):
            page = int(request.url.params["page"])
            name = {0: "search_by_date_page0.json", 1: "search_by_date_page1.json"}.get(page)
            found = load("hn", name or "search_by_date_empty.json")
            for hit in found["hits"]:
                hit["num_comments"] = (comments or {}).get(hit["objectID"], hit["num_comments"])
            return json_response(found)
        thread = request.url.path.rsplit("/", 1)[-1]
        if thread in failing:
            return httpx.Response(500)
        if thread == MARCH:
            if request.headers.get("If-None-Match") == ETAG:
                return httpx.Response(304, headers={"ETag": ETAG})
            return json_response(THREAD, headers={"ETag": ETAG})
        return json_response({"id": int(thread), "children": [_comment(thread)]})

    return handler


def _items(recorder_requests: list[httpx.Request]) -> list[tuple[str, str | None]]:
    return [
        (r.url.path.rsplit("/", 1)[-1], r.headers.get("If-None-Match"))
        for r in recorder_requests
        if "/items/" in r.url.path
    ]


def test_first_run_marks_every_fetched_thread_as_stored_with_its_comment_count() -> None:
    listing, _ = fetch_listing(SOURCE, TARGET, _handler())
    assert listing.validators == {
        f"{ROOT}/items/{MARCH}": Validators(ETAG, None),  # the only one sent validators
        f"{ROOT}/items/{MARCH}#comments=310": STORED_MARK,
        f"{ROOT}/items/{FEBRUARY}#comments=295": STORED_MARK,
        f"{ROOT}/items/{JANUARY}#comments=330": STORED_MARK,
    }
    assert len(listing.postings) == 5 + 2


def test_settled_stored_threads_are_skipped_and_newer_ones_asked_conditionally() -> None:
    first, _ = fetch_listing(SOURCE, TARGET, _handler())
    second, recorder = fetch_listing(SOURCE, TARGET, _handler(), stored=first.validators)
    # January is older than 45 days and stored: not asked. February (no validators) is young
    # enough to change: asked in full. March is asked with its ETag and answers 304.
    assert _items(recorder.requests) == [(MARCH, ETAG), (FEBRUARY, None)]
    assert [p.external_id for p in second.postings] == [str(int(FEBRUARY) + 11)]
    assert not second.complete and not second.problems


def test_a_settled_thread_whose_comment_count_changed_is_fetched_again() -> None:
    first, _ = fetch_listing(SOURCE, TARGET, _handler())
    grown = _handler(comments={JANUARY: 331})
    second, recorder = fetch_listing(SOURCE, TARGET, grown, stored=first.validators)
    assert _items(recorder.requests) == [(MARCH, ETAG), (FEBRUARY, None), (JANUARY, None)]
    assert f"{ROOT}/items/{JANUARY}#comments=331" in second.validators


def test_a_shorter_settle_period_skips_more_threads() -> None:
    target = Target("hn", "", ROOT, {"since": "2026-01", "settle_days": "30"})
    first, _ = fetch_listing(SOURCE, target, _handler())
    _second, recorder = fetch_listing(SOURCE, target, _handler(), stored=first.validators)
    assert _items(recorder.requests) == [(MARCH, ETAG)]


def test_one_failing_thread_keeps_the_others_and_is_named() -> None:
    listing, _ = fetch_listing(SOURCE, TARGET, _handler(frozenset({FEBRUARY})))
    assert len(listing.postings) == 5 + 1  # March and January kept
    assert not listing.complete
    assert len(listing.problems) == 1
    assert listing.problems[0].startswith(f"thread {FEBRUARY} (February 2026): ")
    assert "HTTP 500" in listing.problems[0]
    assert f"{ROOT}/items/{FEBRUARY}#comments=295" not in listing.validators  # asked next run


def test_every_thread_failing_fails_the_target() -> None:
    with pytest.raises(FetchError):
        fetch_listing(SOURCE, TARGET, _handler(frozenset({MARCH, FEBRUARY, JANUARY})))


def test_settle_days_must_be_a_whole_number_of_days() -> None:
    assert Options.read({}, source="hn").settle_days == 45
    with pytest.raises(SourceConfigError):
        Options.read({"settle_days": "-1"}, source="hn")
