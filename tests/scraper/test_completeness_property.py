"""Property: no sequence of partial, failed, shifted or reordered pages ever closes a posting that
is still served.

Each example is a few runs against one source. Every run the fake board serves a generated feed
(its own `totalCount`/`totalFound`/`meta.total`/`job-count` always honest) in small pages, with
faults drawn per list request: a failing page (HTTP 500), a cut body (not JSON), a truncated page
(items dropped, paging fields kept), a page served from a shifted order (jobs moved between pages,
as when a posting is added while the feed is read), the previous page again, or a posting removed
from the feed while it is read (from that request on it is gone and the counts say so, so every
later page starts one posting further on). The source's real
`fetch` reads it through the real client on a MockTransport; a fetch that raises stores nothing
(the target failed), any other listing is saved to a real Store. After every run no posting the
feed serves that was open before the run may have been closed by it, and a run without faults
must be complete and close exactly the postings that are no longer served (so the property is
never vacuous).
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtrends.pipeline.store import Store
from jobtrends.scraper.errors import ScraperError
from jobtrends.scraper.sources import greenhouse, himalayas, remotive, smartrecruiters
from jobtrends.scraper.targets import Source, Target
from tests.scraper.support import fetch_listing, json_response, load

T0 = datetime(2026, 3, 1, tzinfo=UTC)
PAGE = 4  # the fake server's page size, whatever limit the client asks for
UNIVERSE = 18  # posting ids 0..17
FAULTS = ("ok", "fail", "cut", "truncate", "shift", "repeat", "drop")
SR_DETAIL = load("smartrecruiters", "posting_detail.json")


@dataclass(frozen=True)
class Run:
    served: tuple[int, ...]  # the feed, in the board's order
    faults: tuple[str, ...]  # one per list request, "ok" beyond
    shift: int  # how far a "shift" fault rotates the feed


@dataclass
class Board:
    """Serves one run's feed in the shape of one source, with that run's faults."""

    kind: str
    run: Run
    prefix: int = 0  # keeps each example's postings apart in the shared store
    requests: int = 0
    last_page: list[int] | None = None
    gone: list[int] = field(default_factory=list)  # removed from the feed while it was read

    def served(self) -> list[int]:
        return [n for n in self.run.served if n not in self.gone]

    def fault(self) -> str:
        index = self.requests
        self.requests += 1
        fault = self.run.faults[index] if index < len(self.run.faults) else "ok"
        if fault == "drop" and self.served():
            self.gone.append(self.served()[0])
        return fault

    def page(self, start: int, fault: str) -> list[int]:
        served = self.served()
        if fault == "shift" and served:
            cut = self.run.shift % len(served)
            served = served[cut:] + served[:cut]
        ids = served[start : start + PAGE]
        if fault == "truncate":
            ids = ids[:-1]
        if fault == "repeat" and self.last_page is not None:
            ids = self.last_page
        self.last_page = ids
        return ids

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.kind == "smartrecruiters" and request.url.path.count("/") > 4:
            return json_response(_sr_detail(request.url.path.rsplit("/", 1)[-1]))
        fault = self.fault()
        if fault == "fail":
            return httpx.Response(500)
        if fault == "cut":
            return httpx.Response(200, content=b'{"jobs": [{"id"', headers=JSON_TYPE)
        return json_response(self.body(request.url.params, fault))

    def body(self, params: Any, fault: str) -> dict[str, Any]:
        total = len(self.served())
        if self.kind == "himalayas_cursor":
            start = int(params.get("cursor", "c0")[1:])
            jobs = [_hm_job(self.prefix, n) for n in self.page(start, fault)]
            after = start + PAGE
            cursor = f"c{after}" if after < total else None
            return {
                "offset": 0,
                "limit": PAGE,
                "totalCount": total,
                "nextCursor": cursor,
                "jobs": jobs,
            }
        if self.kind == "himalayas_offset":
            start = int(params.get("offset", "0"))
            jobs = [_hm_job(self.prefix, n) for n in self.page(start, fault)]
            return {"offset": start, "limit": PAGE, "totalCount": total, "jobs": jobs}
        if self.kind == "smartrecruiters":
            start = int(params["offset"])
            content = [{"id": f"sr-{self.prefix}-{n}"} for n in self.page(start, fault)]
            return {"offset": start, "limit": PAGE, "totalFound": total, "content": content}
        everything = self.page(0, fault) if fault in ("truncate", "repeat") else None
        ids = self.served() if everything is None else everything
        if fault == "shift":
            ids = list(reversed(ids))  # a whole-board response in another order
        if self.kind == "greenhouse":
            return {"jobs": [_gh_job(self.prefix, n) for n in ids], "meta": {"total": total}}
        return {"job-count": total, "jobs": [_rm_job(self.prefix, n) for n in ids]}


JSON_TYPE = {"Content-Type": "application/json"}


def _hm_job(prefix: int, n: int) -> dict[str, Any]:
    guid = f"https://himalayas.app/jobs/{prefix}-{n}"
    return {"guid": guid, "title": f"ML Engineer {n}", "companyName": "Acme",
            "description": "<p>PyTorch</p>", "pubDate": 1790000000}  # fmt: skip


def _gh_job(prefix: int, n: int) -> dict[str, Any]:
    return {"id": prefix * 1000 + n, "title": f"ML Engineer {n}", "company_name": "Acme",
            "content": "&lt;p&gt;PyTorch&lt;/p&gt;", "absolute_url": ""}  # fmt: skip


def _rm_job(prefix: int, n: int) -> dict[str, Any]:
    return {"id": prefix * 1000 + n, "title": f"ML Engineer {n}", "company_name": "Acme",
            "url": f"https://remotive.com/{n}", "description": "<p>PyTorch</p>"}  # fmt: skip


def _sr_detail(posting_id: str) -> dict[str, Any]:
    detail: dict[str, Any] = copy.deepcopy(SR_DETAIL)
    detail["id"] = posting_id
    return detail


@dataclass(frozen=True)
class Case:
    source: Source
    target: Target
    external_id: Callable[[int, int], str]  # (prefix, n) -> the posting's external id
    board: Callable[[int], str] = lambda prefix: f"b{prefix}"


CASES = {
    "himalayas_cursor": Case(
        himalayas.SOURCE,
        Target("himalayas", "", "https://hm.test"),
        lambda prefix, n: f"https://himalayas.app/jobs/{prefix}-{n}",
    ),
    "himalayas_offset": Case(
        himalayas.SOURCE,
        Target("himalayas", "", "https://hm.test"),
        lambda prefix, n: f"https://himalayas.app/jobs/{prefix}-{n}",
    ),
    "smartrecruiters": Case(
        smartrecruiters.SOURCE,
        Target("smartrecruiters", "Acme", "https://sr.test"),
        lambda prefix, n: f"sr-{prefix}-{n}",
    ),
    "greenhouse": Case(
        greenhouse.SOURCE,
        Target("greenhouse", "acme", "https://gh.test"),
        lambda prefix, n: str(prefix * 1000 + n),
    ),
    "remotive": Case(
        remotive.SOURCE,
        Target("remotive", "", "https://rm.test"),
        lambda prefix, n: str(prefix * 1000 + n),
    ),
}
EXAMPLES = itertools.count(1)

RUNS = st.lists(
    st.builds(
        Run,
        served=st.lists(st.integers(0, UNIVERSE - 1), unique=True, max_size=UNIVERSE).map(tuple),
        faults=st.lists(st.sampled_from(FAULTS), max_size=6).map(tuple),
        shift=st.integers(1, UNIVERSE),
    ),
    min_size=1,
    max_size=4,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for every example (each example saves under its own board and ids)."""
    with Store.open(tmp_path_factory.mktemp("completeness") / "t.db") as opened:
        yield opened


def _open_ids(store: Store, source: str, board: str) -> dict[str, bool]:
    """Every stored posting of one board: external id -> whether it is open."""
    return {row.external_id: row.open for row in _postings(store, source, board)}


@dataclass(frozen=True)
class _Row:
    external_id: str
    open: bool


def _postings(store: Store, source: str, board: str) -> list[_Row]:
    rows = store.rows(
        "SELECT external_id, closed_at IS NULL AS open FROM postings "
        "WHERE source = ? AND board = ?",
        (source, board),
    )
    return [_Row(str(row["external_id"]), bool(row["open"])) for row in rows]


@pytest.mark.parametrize("kind", sorted(CASES))
@settings(max_examples=30, deadline=None)
@given(runs=RUNS)
def test_no_still_served_posting_is_ever_closed(store: Store, kind: str, runs: list[Run]) -> None:
    case, prefix = CASES[kind], next(EXAMPLES)
    source, name = case.target.source, case.board(prefix)
    for number, run in enumerate(runs):
        board = Board(kind, run, prefix)
        try:
            listing, _ = fetch_listing(case.source, replace(case.target, board=name), board)
        except ScraperError:
            continue  # a failed target: nothing is saved
        before = _open_ids(store, source, name)
        store.save_listing(listing, source=source, board=name, now=T0 + timedelta(days=number))
        stored = _open_ids(store, source, name)
        served = {case.external_id(prefix, n) for n in board.served()}
        # served, open before this run and closed by it
        closed = sorted(ident for ident in served if before.get(ident) and not stored[ident])
        assert not closed, (number, run, listing.complete)
        if all(fault == "ok" for fault in run.faults[: board.requests]):
            assert listing.complete, (number, run)
            assert {ident for ident, is_open in stored.items() if is_open} == served


def test_the_fault_free_feed_is_read_whole() -> None:
    """The property's fault-free branch is reached: each shape reads a multi-page feed whole."""
    for kind, case in CASES.items():
        run = Run(served=tuple(range(UNIVERSE)), faults=(), shift=1)
        listing, _ = fetch_listing(case.source, case.target, Board(kind, run))
        assert listing.complete, kind
        assert len(listing.postings) == UNIVERSE, kind


def test_a_shifted_page_in_the_middle_makes_the_listing_incomplete() -> None:
    for kind in ("himalayas_cursor", "himalayas_offset", "smartrecruiters"):
        run = Run(served=tuple(range(UNIVERSE)), faults=("ok", "shift"), shift=1)
        listing, _ = fetch_listing(CASES[kind].source, CASES[kind].target, Board(kind, run))
        assert not listing.complete, kind


def test_a_posting_removed_while_the_feed_is_read_makes_the_listing_incomplete() -> None:
    """The later pages start one posting further on, so one still-served posting is never read;
    the counts changed between pages, which is what gives it away."""
    for kind in ("himalayas_cursor", "himalayas_offset", "smartrecruiters"):
        run = Run(served=tuple(range(UNIVERSE)), faults=("ok", "drop"), shift=1)
        board = Board(kind, run)
        listing, _ = fetch_listing(CASES[kind].source, CASES[kind].target, board)
        read = {p.external_id for p in listing.postings}
        assert CASES[kind].external_id(0, PAGE) not in read, kind  # slipped past unread
        assert not listing.complete, kind
