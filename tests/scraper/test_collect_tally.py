"""Every attempt a target puts on the wire is counted with its bytes: retries, failed requests.
Bodies are streamed (`chunks`), as from a socket, so the bytes are counted as they arrive."""

from __future__ import annotations

import json

import httpx

from jobtrends.scraper.collection import TargetOutcome, collect
from jobtrends.scraper.errors import FetchError
from jobtrends.scraper.settings import HttpSettings
from jobtrends.scraper.targets import Target
from tests.scraper.support import Recorder, chunks, load

BOARD = load("greenhouse", "board_content_true.json")
BUSY = b"busy, try again"
JSON = "application/json"
SETTINGS = HttpSettings(min_delay=0.0, backoff_base=0.0, max_retries=2)


def _answers(path_statuses: dict[str, list[int]]) -> Recorder:
    left = {path: iter(statuses) for path, statuses in path_statuses.items()}

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(left.get(request.url.path, iter(())), 200)
        if status == 200:
            body = json.dumps(BOARD).encode()
            return httpx.Response(200, content=chunks(body), headers={"Content-Type": JSON})
        return httpx.Response(status, content=chunks(BUSY))

    return Recorder(handler)


def test_retries_and_failed_attempts_are_counted_with_their_bytes() -> None:
    recorder = _answers(
        {"/v1/boards/flaky/jobs": [503, 502], "/v1/boards/down/jobs": [500, 500, 500]}
    )
    outcomes: list[TargetOutcome] = []
    targets = [
        Target("greenhouse", board, "https://gh.test", {"pay_ranges": "off"})
        for board in ("flaky", "down")
    ]
    collect(targets, SETTINGS, on_outcome=outcomes.append, transport=recorder.transport)
    by_board = {outcome.target.board: outcome for outcome in outcomes}
    board_bytes = len(json.dumps(BOARD).encode())

    flaky = by_board["flaky"]
    assert flaky.listing is not None and flaky.ok
    assert flaky.requests == 3 == flaky.listing.requests  # two retries and the answer
    assert flaky.bytes == 2 * len(BUSY) + board_bytes == flaky.listing.bytes

    down = by_board["down"]
    assert down.listing is None and isinstance(down.error, FetchError)
    assert (down.requests, down.bytes) == (3, 3 * len(BUSY))  # a failure still cost 3 requests
    assert len(recorder.requests) == 6
