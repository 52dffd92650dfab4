from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest

from jobtrends.scraper.errors import ParseError, SourceConfigError
from jobtrends.scraper.records import StructuredSalary
from jobtrends.scraper.sources.hn.source import (
    HackerNewsSource,
    month_window,
    parse_hn_search,
    parse_hn_thread,
    thread_month,
)
from jobtrends.scraper.targets import Target
from jobtrends.scraper.text import html_to_text
from tests.scraper.support import fetch_listing, json_response, load

Handler = Callable[[httpx.Request], httpx.Response]
THREAD = load("hn", "items_thread.json")
THREAD_URL = "https://news.ycombinator.com/item?id=91000300"


def test_thread_titles_and_months() -> None:
    assert thread_month("Ask HN: Who is hiring? (March 2026)") == (2026, 3)
    assert thread_month("Ask HN: Who is hiring? (december 2025) ") == (2025, 12)
    assert thread_month("Ask HN: Who wants to be hired? (March 2026)") is None
    assert thread_month("Ask HN: Who is hiring? (Smarch 2026)") is None
    assert thread_month("Ask HN: Who is hiring?") is None


def test_search_page_keeps_only_hiring_threads() -> None:
    page = parse_hn_search(load("hn", "search_by_date_page0.json"))
    assert [(t.id, t.month) for t in page.threads] == [
        ("91000300", (2026, 3)),
        ("91000200", (2026, 2)),
    ]
    assert page.hits == 5 and page.pages == 2 and page.oldest == (2026, 2)


def test_thread_postings_skip_deleted_and_empty_comments_and_replies() -> None:
    postings = parse_hn_thread(THREAD)
    assert [p.external_id for p in postings] == [
        "91000311", "91000313", "91000314", "91000315", "91000317",
    ]  # fmt: skip
    assert "91000399" not in {p.external_id for p in postings}  # a reply, not a post
    for posting in postings:
        assert posting.source == "hn" and posting.board == "whoishiring"
        assert posting.url == f"https://news.ycombinator.com/item?id={posting.external_id}"
        assert posting.attribution == THREAD_URL
    # Pay stated in a header ("NOK 900k–1.2M", "€90k-€120k + equity") becomes structured.
    assert [p.salary for p in postings] == [
        StructuredSalary(900000.0, 1200000.0, "NOK", "year"), None, None, None,
        StructuredSalary(90000.0, 120000.0, "EUR", "year"),
    ]  # fmt: skip


def test_first_post_fields() -> None:
    bramble = parse_hn_thread(THREAD)[0]
    assert bramble.company == "Bramble Robotics"
    assert bramble.title == "Senior ML Engineer, Perception Engineer"
    assert bramble.location == "Oslo, Norway"
    assert bramble.remote == "onsite"
    assert bramble.posted_at == datetime(2026, 3, 2, 16, 1, 40, tzinfo=UTC)
    lines = bramble.description_text.splitlines()
    assert lines[0].endswith("| https://bramble.example/jobs")  # &#x2F; decoded
    assert "Stack: Python, PyTorch, ROS 2 & C++." in lines
    assert bramble.description_html.startswith("Bramble Robotics |")


def test_dash_and_slash_separators_and_raw_newlines() -> None:
    _, hollow, fernwood, bakery, gantry = parse_hn_thread(THREAD)
    assert (hollow.company, hollow.title, hollow.remote) == (
        "Hollow Sky Data",
        "Data Scientist",
        "remote",
    )
    assert hollow.description_text.splitlines()[-2:] == ["- SQL", "- statistics"]
    assert (fernwood.company, fernwood.title, fernwood.remote) == (
        "Fernwood",
        "Backend Developer",
        "hybrid",
    )
    assert bakery.company == "" and bakery.title.startswith("We're a tiny bakery-software shop")
    assert gantry.title == "LLM Engineer, Research Engineer" and gantry.remote == "remote"


def test_real_recorded_thread_and_search(shared_fixtures: Path) -> None:
    item = json.loads(
        (shared_fixtures / "hn/algolia_items_whoishiring_2026-09_trimmed.json").read_text()
    )
    postings = parse_hn_thread(item)
    assert [p.company for p in postings] == [
        "Modash.io",
        "Quill",
        "Open Education Applications / Neon",
    ]
    assert postings[0].title == "Senior Product Engineer" and postings[0].remote == "remote"
    assert postings[1].title == "Fullstack SWE"
    assert postings[2].title.count("Engineer") == 3 and postings[2].remote == "hybrid"
    assert all(p.attribution == "https://news.ycombinator.com/item?id=49522897" for p in postings)

    search = json.loads(
        (shared_fixtures / "hn/algolia_search_by_date_whoishiring.json").read_text()
    )
    page = parse_hn_search(search)
    assert [t.month for t in page.threads] == [(2026, 9), (2026, 8), (2026, 7), (2026, 6)]
    assert page.pages is None  # the trimmed recording has no nbPages


@pytest.mark.parametrize(
    "payload",
    [[], {"children": []}, {"id": 1, "children": {}}, {"id": 1, "children": [None]},
     {"id": 1, "children": [{"id": 2, "author": "a", "text": ["x"]}]},
     {"id": 1, "children": [{"id": 2, "author": "a", "text": "x", "created_at": "soon"}]}],
)  # fmt: skip
def test_wrong_thread_shapes_are_parse_errors(payload: object) -> None:
    with pytest.raises(ParseError):
        parse_hn_thread(payload)


def test_month_window_defaults_to_twelve_months_including_this_one() -> None:
    assert month_window({}, date(2026, 9, 15)) == ((2025, 10), None)
    assert month_window({}, date(2026, 1, 2)) == ((2025, 2), None)
    assert month_window({"since": "2024-05", "until": "2024-08"}, date(2026, 1, 2)) == (
        (2024, 5),
        (2024, 8),
    )
    with pytest.raises(SourceConfigError, match="YYYY-MM"):
        month_window({"since": "2024-13"}, date(2026, 1, 2))


def _server(pages: dict[int, str], threads: dict[str, object]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v1/search_by_date":
            page = int(request.url.params["page"])
            return json_response(load("hn", pages.get(page, "search_by_date_empty.json")))
        thread_id = request.url.path.rsplit("/", 1)[-1]
        if thread_id in threads:
            return json_response(threads[thread_id])
        return httpx.Response(404)

    return handler


def test_fetch_pages_threads_and_reads_those_in_the_window() -> None:
    comment = {"id": 91000111, "author": "x", "created_at": "2026-01-05T16:10:00Z"}
    january = {"id": 91000100, "children": [{**comment, "text": "Zinc | Engineer | Remote"}]}
    handler = _server(
        {0: "search_by_date_page0.json", 1: "search_by_date_page1.json"},
        {"91000300": THREAD, "91000200": {"id": 91000200, "children": []}, "91000100": january},
    )
    target = Target("hn", "", "https://hn.test/api/v1", {"since": "2026-01"})
    listing, recorder = fetch_listing(HackerNewsSource(today=date(2026, 3, 10)), target, handler)
    paths = [r.url.path for r in recorder.requests]
    assert paths == [
        "/api/v1/search_by_date",
        "/api/v1/search_by_date",
        "/api/v1/items/91000300",
        "/api/v1/items/91000200",
        "/api/v1/items/91000100",
    ]
    first = dict(recorder.requests[0].url.params)
    assert first == {"tags": "story,author_whoishiring", "hitsPerPage": "50", "page": "0"}
    assert recorder.requests[1].url.params["page"] == "1"
    assert [p.external_id for p in listing.postings][-1] == "91000111"
    assert len(listing.postings) == 6
    assert not listing.complete and listing.requests == 5


def test_fetch_stops_paging_once_threads_are_older_than_since() -> None:
    handler = _server(
        {0: "search_by_date_page0.json", 1: "search_by_date_page1.json"}, {"91000300": THREAD}
    )
    target = Target("hn", "", "https://hn.test/api/v1", {"since": "2026-03", "until": "2026-03"})
    listing, recorder = fetch_listing(HackerNewsSource(), target, handler)
    assert [r.url.path for r in recorder.requests] == [
        "/api/v1/search_by_date",  # page 0 already reaches February: no page 1
        "/api/v1/items/91000300",
    ]
    assert len(listing.postings) == 5


def test_fetch_stops_on_an_empty_page_without_nb_pages() -> None:
    page = load("hn", "search_by_date_page0.json")
    del page["nbPages"]
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("search_by_date"):
            number = int(request.url.params["page"])
            calls.append(number)
            return json_response(page if number == 0 else {"hits": []})
        return json_response({"id": 1, "children": []})

    target = Target("hn", "", "https://hn.test/api/v1", {"since": "2025-01"})
    listing, _ = fetch_listing(HackerNewsSource(), target, handler)
    assert calls == [0, 1]
    assert listing.postings == [] and listing.requests == 4


def test_description_text_is_derived_from_the_stored_html() -> None:
    for posting in parse_hn_thread(THREAD):
        assert posting.description_text == html_to_text(posting.description_html)
