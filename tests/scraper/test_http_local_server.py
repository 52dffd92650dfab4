"""PoliteClient and a source over real sockets, against http.server on 127.0.0.1.

`LocalServer` and `local_servers` are shared with test_robots.py.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from time import monotonic
from typing import Any

import pytest

from jobtrends.scraper._http import Fetched, PoliteClient, parse_json
from jobtrends.scraper.errors import FetchError
from jobtrends.scraper.records import Listing
from jobtrends.scraper.settings import HttpSettings
from jobtrends.scraper.sources.greenhouse import SOURCE as GREENHOUSE
from jobtrends.scraper.targets import Target
from tests.scraper.support import FakeTime, RealTime, load_bytes, run_with_client

Answer = tuple[int, dict[str, str], bytes]
Route = Callable[[str, Mapping[str, str]], Answer]
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy")
EPSILON = 0.005  # timer granularity of the event loop
# A new connection reaches the server's handler later than a reused one, so gaps seen by the
# server can be a little shorter than the gaps between the client's request starts.
SERVER_SLACK = 0.05


@dataclass(frozen=True)
class Arrival:
    path: str
    at: float  # time.monotonic() when the request arrived
    headers: dict[str, str]


class _Server(ThreadingHTTPServer):
    route: Route
    arrivals: list[Arrival]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        return

    def do_GET(self) -> None:
        headers = dict(self.headers.items())
        self.server.arrivals.append(Arrival(self.path, monotonic(), headers))
        status, answer_headers, body = self.server.route(self.path, headers)
        self.send_response(status)
        for name, value in answer_headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


class LocalServer:
    """http.server on 127.0.0.1 answering every GET from `route(path, headers)`."""

    def __init__(self, route: Route) -> None:
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.route = route
        self._httpd.arrivals = []
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def arrivals(self) -> list[Arrival]:
        return list(self._httpd.arrivals)

    def paths(self) -> list[str]:
        return [arrival.path for arrival in self.arrivals]

    def gaps(self) -> list[float]:
        times = sorted(arrival.at for arrival in self.arrivals)
        return [later - earlier for earlier, later in pairwise(times)]

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


def local_servers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Route], LocalServer]]:
    """Body of a fixture starting local servers (stopped after the test), environment proxies
    off; test modules wrap it in their own fixture."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    servers: list[LocalServer] = []

    def start(route: Route) -> LocalServer:
        servers.append(LocalServer(route))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Route], LocalServer]]:
    yield from local_servers(monkeypatch)


BOARD = load_bytes("greenhouse", "board_content_true.json")
BOARD_PATH = "/v1/boards/lanternfish/jobs?content=true"
ETAG = '"board-v1"'
JSON = {"Content-Type": "application/json"}


def _board(path: str, headers: Mapping[str, str]) -> Answer:
    if path == "/moved":
        return 302, {"Location": BOARD_PATH}, b""
    if path != BOARD_PATH:
        return 404, {"Content-Type": "text/plain"}, b"no such board"
    if headers.get("If-None-Match") == ETAG:
        return 304, {"ETag": ETAG}, b""
    if "gzip" in headers.get("Accept-Encoding", ""):
        return 200, {**JSON, "ETag": ETAG, "Content-Encoding": "gzip"}, gzip.compress(BOARD)
    return 200, {**JSON, "ETag": ETAG}, BOARD


def test_greenhouse_board_over_a_real_socket_then_not_modified(
    serve: Callable[[Route], LocalServer],
) -> None:
    server = serve(_board)
    target = Target("greenhouse", "lanternfish", server.url, {"pay_ranges": "off"})
    stored: dict[str, object] = {}

    async def action(client: PoliteClient) -> tuple[Listing, Listing, int, int]:
        first = await GREENHOUSE.fetch(client, target)
        stored.update(first.validators)
        second = await GREENHOUSE.fetch(client, target)
        return first, second, client.requests, client.bytes_received

    settings = HttpSettings(min_delay=0.15, max_retries=1, user_agent="jt-test/0")
    first, second, requests, received = run_with_client(
        settings, None, action, time=RealTime(), stored_validators=lambda url: stored.get(url)
    )
    assert [p.external_id for p in first.postings] == ["7001001", "7001002"]
    assert first.bytes == len(BOARD)  # decoded body
    assert received < len(BOARD)  # gzip on the wire
    assert second.not_modified and second.postings == [] and second.complete
    assert requests == 2
    assert server.gaps()[0] >= 0.15 - SERVER_SLACK  # the second request waited min_delay
    assert [a.headers["User-Agent"] for a in server.arrivals] == ["jt-test/0", "jt-test/0"]
    assert server.arrivals[1].headers["If-None-Match"] == ETAG


def test_retry_after_and_redirect_over_a_real_socket(
    serve: Callable[[Route], LocalServer],
) -> None:
    calls = 0

    def route(path: str, headers: Mapping[str, str]) -> Answer:
        nonlocal calls
        if path != "/flaky":
            return _board(path, headers)
        calls += 1
        return (503, {"Retry-After": "3"}, b"busy") if calls == 1 else (200, JSON, b'{"ok": 1}')

    server = serve(route)

    async def action(client: PoliteClient) -> tuple[Fetched, Fetched]:
        return await client.get(f"{server.url}/flaky"), await client.get(f"{server.url}/moved")

    time = FakeTime()
    settings = HttpSettings(min_delay=0.0, max_retries=2)
    flaky, moved = run_with_client(settings, None, action, time=time)
    assert parse_json("test", flaky) == {"ok": 1}
    assert calls == 2 and time.sleeps == [3.0]  # Retry-After: 3
    assert moved.url.endswith(BOARD_PATH)
    assert json.loads(moved.content)["meta"]["total"] == 3


def test_rate_per_host_holds_over_a_real_socket(serve: Callable[[Route], LocalServer]) -> None:
    server = serve(lambda path, headers: (200, JSON, b"[]"))
    settings = HttpSettings(min_delay=0.1, per_host_concurrency=2)

    async def main() -> list[float]:
        async with PoliteClient(settings) as client:  # the real clock and sleep
            await asyncio.gather(*(client.get(f"{server.url}/{n}") for n in range(5)))
            return client.throttle.starts(f"127.0.0.1:{server.port}")

    starts = asyncio.run(main())
    assert len(server.arrivals) == 5 and len(starts) == 5
    assert all(later - earlier >= 0.1 - EPSILON for earlier, later in pairwise(starts))
    assert all(gap >= 0.1 - SERVER_SLACK for gap in server.gaps())
    assert server.arrivals[-1].at - server.arrivals[0].at >= 0.4 - SERVER_SLACK


def test_size_cap_after_decompression_over_a_real_socket(
    serve: Callable[[Route], LocalServer],
) -> None:
    bomb = gzip.compress(b" " * 2_000_000)
    server = serve(lambda path, headers: (200, {**JSON, "Content-Encoding": "gzip"}, bomb))

    async def action(client: PoliteClient) -> Fetched:
        return await client.get(f"{server.url}/bomb")

    settings = HttpSettings(min_delay=0.0, max_retries=0, max_bytes=100_000)
    assert len(bomb) < 100_000
    with pytest.raises(FetchError, match="100000-byte cap"):
        run_with_client(settings, None, action)


def test_circuit_breaker_over_a_real_socket(serve: Callable[[Route], LocalServer]) -> None:
    server = serve(lambda path, headers: (503, {"Retry-After": "1"}, b"down"))

    async def action(client: PoliteClient) -> list[str]:
        errors = []
        for n in range(7):
            with pytest.raises(FetchError) as caught:
                await client.get(f"{server.url}/{n}")
            errors.append(str(caught.value))
        return errors

    time = FakeTime()
    settings = HttpSettings(min_delay=0.0, max_retries=1)
    errors = run_with_client(settings, None, action, time=time)
    assert len(server.arrivals) == 10  # five requests, each retried once after Retry-After
    # Every request after a Retry-After waited for it, not only the retry of the one that got it.
    assert time.sleeps == [1.0] * 9
    assert all("circuit open" in error for error in errors[5:])
    assert not any("circuit open" in error for error in errors[:5])
