"""Lever pages are asked conditionally with the validators stored for each page URL."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx

from jobtrends.scraper.sources.lever import PAGE_SIZE, SOURCE
from jobtrends.scraper.targets import Target
from tests.scraper.support import fetch_listing, json_response, load

POSTING = load("lever", "postings_mode_json.json")[0]
TARGET = Target("lever", "copperleaf", "https://lever.test")


class Board:
    """Serves `size` postings by `skip`/`limit` with an ETag per response; a matching
    If-None-Match gets 304."""

    def __init__(self, size: int) -> None:
        self.postings = [{**POSTING, "id": f"p-{n}"} for n in range(size)]

    def _page(self, skip: int, limit: int) -> list[dict[str, Any]]:
        return self.postings[skip : skip + limit]

    def etag(self, skip: int, limit: int = PAGE_SIZE) -> str:
        body = json.dumps(self._page(skip, limit)).encode()
        return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

    def __call__(self, request: httpx.Request) -> httpx.Response:
        skip, limit = int(request.url.params["skip"]), int(request.url.params["limit"])
        etag = self.etag(skip, limit)
        if request.headers.get("If-None-Match") == etag:
            return httpx.Response(304, headers={"ETag": etag})
        return json_response(self._page(skip, limit), headers={"ETag": etag})


def test_an_unchanged_board_answers_304_on_every_page_and_is_not_modified() -> None:
    board = Board(2 * PAGE_SIZE + 7)
    first, _ = fetch_listing(SOURCE, TARGET, board)
    assert first.complete and len(first.postings) == 2 * PAGE_SIZE + 7
    assert len(first.validators) == 3

    second, recorder = fetch_listing(SOURCE, TARGET, board, stored=first.validators)
    sent = [r.headers.get("If-None-Match") for r in recorder.requests]
    assert sent == [board.etag(skip) for skip in (0, PAGE_SIZE - 1, 2 * (PAGE_SIZE - 1))]
    assert second.not_modified and second.complete and second.postings == []
    assert second.requests == 3 and second.bytes == 0


def test_a_page_that_changed_after_304s_fetches_those_pages_again_in_full() -> None:
    board = Board(PAGE_SIZE + 40)
    first, _ = fetch_listing(SOURCE, TARGET, board)
    assert first.complete and len(first.postings) == PAGE_SIZE + 40
    del board.postings[-10:]  # ten postings of the last page were filled

    second, recorder = fetch_listing(SOURCE, TARGET, board, stored=first.validators)
    conditional = [r.headers.get("If-None-Match") is not None for r in recorder.requests]
    skips = [int(r.url.params["skip"]) for r in recorder.requests]
    assert list(zip(skips, conditional, strict=True)) == [(0, True), (99, True), (0, False)]
    assert not second.not_modified and second.complete
    assert len(second.postings) == PAGE_SIZE + 30


def test_without_stored_validators_nothing_is_conditional() -> None:
    listing, recorder = fetch_listing(SOURCE, TARGET, Board(3))
    assert [r.headers.get("If-None-Match") for r in recorder.requests] == [None]
    assert listing.complete and not listing.not_modified and len(listing.postings) == 3
