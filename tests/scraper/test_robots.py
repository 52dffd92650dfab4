"""robots.txt for page fetches (`get(..., check_robots=True)`), against a local server."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Iterator, Mapping
from itertools import pairwise

import pytest

from jobtrends.scraper._http import PoliteClient
from jobtrends.scraper._politeness import HostThrottle
from jobtrends.scraper._robots import MAX_CRAWL_DELAY, product_token
from jobtrends.scraper.errors import FetchError
from jobtrends.scraper.settings import HttpSettings
from tests.scraper.support import FakeTime, run_with_client
from tests.scraper.test_http_local_server import (
    EPSILON,
    Answer,
    LocalServer,
    Route,
    local_servers,
)

ServeFixture = Callable[[Route], LocalServer]
HTML = {"Content-Type": "text/html; charset=utf-8"}
AGENT = "jobtrends/0.1 (+https://github.com/jobtrends/jobtrends)"
SETTINGS = HttpSettings(user_agent=AGENT, min_delay=0.0, max_retries=0)


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[ServeFixture]:
    yield from local_servers(monkeypatch)


def _site(robots: Answer) -> Route:
    def route(path: str, headers: Mapping[str, str]) -> Answer:
        if path == "/robots.txt":
            return robots
        return 200, HTML, f"<html><body>page {path}</body></html>".encode()

    return route


def _robots(text: str) -> Answer:
    return 200, {"Content-Type": "text/plain"}, text.encode()


def _try(settings: HttpSettings, urls: list[str], *, check_robots: bool = True) -> list[str]:
    """ "ok" or the error message for each URL, fetched in order by one client."""

    async def action(client: PoliteClient) -> list[str]:
        results = []
        for url in urls:
            try:
                await client.get(url, check_robots=check_robots)
                results.append("ok")
            except FetchError as error:
                results.append(str(error))
        return results

    outcomes: list[str] = run_with_client(settings, None, action, time=FakeTime())
    return outcomes


ROBOTS = """
User-agent: jobtrends
Disallow: /private/
Allow: /

User-agent: github
Disallow: /

User-agent: *
Disallow: /
"""


def test_our_group_is_obeyed_and_robots_txt_is_fetched_once(serve: ServeFixture) -> None:
    server = serve(_site(_robots(ROBOTS)))
    outcomes = _try(
        SETTINGS,
        [f"{server.url}/jobs/1", f"{server.url}/private/2", f"{server.url}/jobs/3"],
    )
    assert outcomes[0] == outcomes[2] == "ok"
    assert "disallowed by robots.txt" in outcomes[1]
    assert f"{server.url}/robots.txt disallows this path for 'jobtrends'" in outcomes[1]
    # A group for "github" does not apply to us even though our User-Agent mentions github.com.
    assert server.paths() == ["/robots.txt", "/jobs/1", "/jobs/3"]


def test_concurrent_page_fetches_share_one_robots_fetch(serve: ServeFixture) -> None:
    server = serve(_site(_robots("User-agent: *\nDisallow: /admin\n")))

    async def action(client: PoliteClient) -> None:
        pages = (client.get(f"{server.url}/p/{n}", check_robots=True) for n in range(4))
        await asyncio.gather(*pages)

    run_with_client(HttpSettings(min_delay=0.0), None, action)
    assert server.paths().count("/robots.txt") == 1
    assert sorted(server.paths())[:4] == ["/p/0", "/p/1", "/p/2", "/p/3"]


def test_without_check_robots_or_with_robots_off_nothing_is_consulted(
    serve: ServeFixture,
) -> None:
    server = serve(_site(_robots("User-agent: *\nDisallow: /\n")))
    assert _try(SETTINGS, [f"{server.url}/jobs"], check_robots=False) == ["ok"]
    relaxed = HttpSettings(user_agent=AGENT, min_delay=0.0, respect_robots=False)
    assert _try(relaxed, [f"{server.url}/jobs"]) == ["ok"]
    assert "/robots.txt" not in server.paths()


@pytest.mark.parametrize("status", [404, 410, 403])
def test_a_missing_robots_txt_allows_everything(serve: ServeFixture, status: int) -> None:
    server = serve(_site((status, {"Content-Type": "text/plain"}, b"nothing here")))
    assert _try(SETTINGS, [f"{server.url}/a", f"{server.url}/b"]) == ["ok", "ok"]
    assert server.paths() == ["/robots.txt", "/a", "/b"]


def test_an_unreachable_robots_txt_disallows_the_host(serve: ServeFixture) -> None:
    server = serve(_site((503, {"Retry-After": "1"}, b"down")))
    settings = HttpSettings(user_agent=AGENT, min_delay=0.0, max_retries=1)
    outcomes = _try(settings, [f"{server.url}/a", f"{server.url}/b"])
    for outcome in outcomes:
        assert "disallowed by robots.txt" in outcome
        assert f"{server.url}/robots.txt could not be fetched: HTTP 503" in outcome
        assert "disallows the whole host" in outcome
    assert server.paths() == ["/robots.txt", "/robots.txt"]  # one retry, then cached


def test_a_refused_connection_to_robots_txt_disallows_the_host(serve: ServeFixture) -> None:
    server = serve(_site(_robots("")))
    dead_port = server.url.rsplit(":", 1)[1]
    server.stop()  # nothing listens on this port any more
    (outcome,) = _try(SETTINGS, [f"http://127.0.0.1:{dead_port}/jobs"])
    assert "disallowed by robots.txt" in outcome and "could not be fetched" in outcome


def test_crawl_delay_becomes_the_hosts_minimum_delay(serve: ServeFixture) -> None:
    server = serve(_site(_robots("User-agent: jobtrends\nCrawl-delay: 0.2\nAllow: /\n")))
    settings = HttpSettings(user_agent=AGENT, min_delay=0.0)

    async def main() -> tuple[list[float], float]:
        async with PoliteClient(settings) as client:  # the real clock
            for n in range(3):
                await client.get(f"{server.url}/page/{n}", check_robots=True)
            host = f"127.0.0.1:{server.port}"
            return client.throttle.starts(host), client.throttle.delay_for(host)

    starts, delay = asyncio.run(main())
    assert delay == 0.2
    assert len(starts) == 4  # robots.txt, then three pages
    # Each page waited the crawl-delay, the first one counted from the robots.txt request.
    assert all(later - earlier >= 0.2 - EPSILON for earlier, later in pairwise(starts))


def test_crawl_delay_never_lowers_the_configured_delay_and_is_capped() -> None:
    async def main() -> tuple[float, float]:
        throttle = HostThrottle(
            concurrency=1,
            min_delay=1.0,
            per_host_delay={},
            jitter=0.0,
            rng=random.Random(1),
            sleep=asyncio.sleep,
            clock=lambda: 0.0,
        )
        await throttle.slow_down("a.example", 0.5)
        lowered = throttle.delay_for("a.example")
        await throttle.slow_down("b.example", 3.0)
        return lowered, throttle.delay_for("b.example")

    assert asyncio.run(main()) == (1.0, 3.0)
    assert MAX_CRAWL_DELAY == 120.0


@pytest.mark.parametrize(
    ("header", "token"),
    [
        ("jobtrends/0.1 (+https://github.com/jobtrends/jobtrends)", "jobtrends"),
        ("jobtrends", "jobtrends"),
        ("MyBot/2.0", "MyBot"),
        ("", "*"),
    ],
)
def test_product_token(header: str, token: str) -> None:
    assert product_token(header) == token
