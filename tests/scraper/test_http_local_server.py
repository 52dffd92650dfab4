"""PoliteClient and a source over real sockets, against http.server on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from jobtrends.scraper.http import Fetched, PoliteClient, parse_json
from jobtrends.scraper.records import Listing
from jobtrends.scraper.settings import HttpSettings
from jobtrends.scraper.sources.base import Target
from jobtrends.scraper.sources.greenhouse import SOURCE as GREENHOUSE
from tests.scraper.support import FakeTime, load_bytes, run_with_client

BOARD = load_bytes("greenhouse", "board_content_true.json")
ETAG = '"board-v1"'


class _Handler(BaseHTTPRequestHandler):
    flaky_calls = 0
    seen_agents: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        return

    def do_GET(self) -> None:
        _Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/v1/boards/lanternfish/jobs?content=true":
            self._board()
        elif self.path == "/flaky":
            _Handler.flaky_calls += 1
            if _Handler.flaky_calls == 1:
                self._send(503, b"busy", {"Retry-After": "3"})
            else:
                self._send(200, b'{"ok": true}', {"Content-Type": "application/json"})
        elif self.path == "/moved":
            self._send(302, b"", {"Location": "/v1/boards/lanternfish/jobs?content=true"})
        else:
            self._send(404, b"no such board", {"Content-Type": "text/plain"})

    def _board(self) -> None:
        if self.headers.get("If-None-Match") == ETAG:
            self._send(304, b"", {"ETag": ETAG})
            return
        headers = {"Content-Type": "application/json", "ETag": ETAG}
        body = BOARD
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(BOARD)
            headers["Content-Encoding"] = "gzip"
        self._send(200, body, headers)

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    _Handler.flaky_calls = 0
    _Handler.seen_agents = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


SETTINGS = HttpSettings(min_delay=0.5, backoff_base=2.0, max_retries=2, user_agent="jt-test/0")


def test_greenhouse_board_over_a_real_socket_then_not_modified(server: str) -> None:
    target = Target("greenhouse", "lanternfish", server)
    stored: dict[str, object] = {}

    async def action(client: PoliteClient) -> tuple[Listing, Listing, int, int]:
        first = await GREENHOUSE.fetch(client, target)
        stored.update(first.validators)
        second = await GREENHOUSE.fetch(client, target)
        return first, second, client.requests, client.bytes_received

    time = FakeTime()
    first, second, requests, received = run_with_client(
        SETTINGS,
        None,  # the default transport: real sockets
        action,
        time=time,
        stored_validators=lambda url: stored.get(url),
    )
    assert [p.external_id for p in first.postings] == ["7001001", "7001002"]
    assert first.bytes == len(BOARD)  # decoded body
    assert received < len(BOARD)  # gzip on the wire
    assert second.not_modified and second.postings == [] and second.complete
    assert requests == 2
    assert time.sleeps == [0.5]  # the second request to the same host waited min_delay
    assert _Handler.seen_agents == ["jt-test/0", "jt-test/0"]


def test_retry_after_and_redirect_over_a_real_socket(server: str) -> None:
    async def action(client: PoliteClient) -> tuple[Fetched, Fetched]:
        return await client.get(f"{server}/flaky"), await client.get(f"{server}/moved")

    time = FakeTime()
    flaky, moved = run_with_client(SETTINGS, None, action, time=time)
    assert parse_json("test", flaky) == {"ok": True}
    assert _Handler.flaky_calls == 2
    assert 3.0 in time.sleeps  # Retry-After: 3
    assert moved.url.endswith("/v1/boards/lanternfish/jobs?content=true")
    assert json.loads(moved.content)["meta"]["total"] == 3
