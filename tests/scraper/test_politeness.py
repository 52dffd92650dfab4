"""Politeness to the letter, on a fake clock: Retry-After pauses the whole host, min_delay counts
from the end of the previous response, and per-host state is keyed by host and port."""

from __future__ import annotations

import asyncio

import httpx

from jobtrends.scraper._http import PoliteClient
from jobtrends.scraper._politeness import host_key
from jobtrends.scraper.settings import HttpSettings
from tests.scraper.support import FakeTime, json_response, run_with_client


class ClockedServer:
    """A MockTransport handler on fake time: records (host:port, path, now) per request, answers
    a 429 with `retry_after` the first time `limited` is asked for, and spends `serve_time`
    seconds on each response."""

    def __init__(
        self, time: FakeTime, *, limited: str = "", retry_after: str = "", serve_time: float = 0.0
    ) -> None:
        self.time = time
        self.limited = limited
        self.retry_after = retry_after
        self.serve_time = serve_time
        self.arrivals: list[tuple[str, str, float]] = []

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.arrivals.append((host_key(request.url), request.url.path, self.time.now))
        if self.serve_time:
            await self.time.sleep(self.serve_time)
        if request.url.path == self.limited and self.retry_after:
            answered = [a for a in self.arrivals if a[1] == self.limited]
            if len(answered) == 1:
                return httpx.Response(429, headers={"Retry-After": self.retry_after})
        return json_response([])

    def times(self, path: str) -> list[float]:
        return [at for _host, where, at in self.arrivals if where == path]


def test_retry_after_pauses_every_request_to_the_host_not_only_the_retry() -> None:
    time = FakeTime()
    server = ClockedServer(time, limited="/limited", retry_after="5")

    async def action(client: PoliteClient) -> None:
        async def later(url: str) -> None:
            await time.sleep(1.0)  # asked while the host is paused
            await client.get(url)

        await asyncio.gather(
            client.get("https://a.example/limited"),
            later("https://a.example/other"),
            later("https://b.example/free"),
        )

    run_with_client(HttpSettings(min_delay=0.0), httpx.MockTransport(server), action, time=time)
    assert server.times("/limited") == [0.0, 5.0]  # the retry waited the Retry-After
    assert server.times("/other") == [5.0]  # so did another request to the same host
    assert server.times("/free") == [1.0]  # another host did not wait


def test_retry_after_as_an_http_date_pauses_the_host() -> None:
    time = FakeTime()
    server = ClockedServer(time, limited="/limited", retry_after="Wed, 21 Oct 2026 07:28:30 GMT")

    async def date_header(request: httpx.Request) -> httpx.Response:
        response = await server(request)
        response.headers["Date"] = "Wed, 21 Oct 2026 07:28:00 GMT"
        return response

    async def action(client: PoliteClient) -> None:
        await client.get("https://a.example/limited")
        await client.get("https://a.example/next")

    transport = httpx.MockTransport(date_header)
    run_with_client(HttpSettings(min_delay=0.0), transport, action, time=time)
    assert server.times("/limited") == [0.0, 30.0]
    assert server.times("/next") == [30.0]


def test_min_delay_counts_from_the_end_of_the_previous_response() -> None:
    time = FakeTime()
    server = ClockedServer(time, serve_time=0.5)  # each response takes half a second

    async def action(client: PoliteClient) -> tuple[list[float], list[float]]:
        await asyncio.gather(*(client.get(f"https://a.example/{n}") for n in range(4)))
        return client.throttle.starts("a.example"), client.throttle.ends("a.example")

    settings = HttpSettings(min_delay=1.0, per_host_concurrency=2)
    starts, ends = run_with_client(settings, httpx.MockTransport(server), action, time=time)
    assert len(starts) == 4
    # One request at a time, each a full delay after the previous response ended.
    assert [start - end for end, start in zip(ends, starts[1:], strict=False)] == [1.0] * 3
    assert starts == [0.0, 1.5, 3.0, 4.5]


def test_per_host_state_is_keyed_by_host_and_port() -> None:
    time = FakeTime()
    server = ClockedServer(time, limited="/limited", retry_after="30")

    async def action(client: PoliteClient) -> float:
        await asyncio.gather(
            client.get("http://127.0.0.1:8001/limited"),
            client.get("http://127.0.0.1:8001/a"),
            client.get("http://127.0.0.1:8002/b"),
            client.get("http://127.0.0.1:8002/c"),
        )
        return client.throttle.delay_for("127.0.0.1:8003")

    settings = HttpSettings(min_delay=2.0, per_host_delay={"127.0.0.1": 0.5})
    delay = run_with_client(settings, httpx.MockTransport(server), action, time=time)
    assert server.times("/limited") == [0.0, 30.0]  # port 8001 paused for its Retry-After
    assert server.times("/a") == [30.5]
    assert server.times("/b") == [0.0] and server.times("/c") == [0.5]  # port 8002 went on
    assert delay == 0.5  # a delay configured for the host name applies to each of its ports
