"""robots.txt for page fetches: fetched once per run per origin and parsed with Protego.

Sources that read HTML pages ask `PoliteClient.get(..., check_robots=True)`; the documented JSON
APIs follow their own terms instead. Rules, after RFC 9309:

- 2xx: obey the group that names our product token (else `*`); a `Crawl-delay` becomes the host's
  minimum delay (capped at `MAX_CRAWL_DELAY`).
- 4xx (404, 410, 401, 403...): there are no rules, everything is allowed.
- 5xx, 429 or unreachable after retries: the whole origin is disallowed for this run.

A refused URL raises `FetchError(url, "disallowed by robots.txt (...)", None)`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx
from protego import Protego

from jobtrends.scraper._politeness import host_key
from jobtrends.scraper.errors import FetchError

FetchText = Callable[[str], Awaitable[bytes]]
SlowDown = Callable[[str, float], Awaitable[None]]

MAX_CRAWL_DELAY = 120.0
"""Longest crawl-delay obeyed; a robots.txt asking more is held to this many seconds."""


def product_token(user_agent: str) -> str:
    """The name robots.txt groups match against: `jobtrends` of `jobtrends/0.1 (+https://...)`.

    Matching the whole header would let a group for any word in our contact URL apply to us."""
    head = user_agent.strip().split()[0] if user_agent.strip() else "*"
    return head.split("/")[0] or "*"


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """What one origin's robots.txt says; `parser` is None when it could not be fetched."""

    robots_url: str
    parser: Protego | None
    problem: str = ""

    def refusal(self, url: str, agent: str) -> str | None:
        """Why `url` may not be fetched by `agent`, or None when it may."""
        if self.parser is None:
            return f"{self.problem}; an unreachable robots.txt disallows the whole host"
        if self.parser.can_fetch(url, agent):
            return None
        return f"{self.robots_url} disallows this path for {agent!r}"

    def crawl_delay(self, agent: str) -> float | None:
        return None if self.parser is None else self.parser.crawl_delay(agent)


class RobotsCache:
    """Per-run cache of robots.txt rules, one fetch per origin even under concurrency.

    `fetch(url)` returns the body of a plain GET (it raises `FetchError` like the client does);
    `slow_down(host, seconds)` raises the host's minimum delay when robots.txt asks for one.
    """

    def __init__(self, fetch: FetchText, user_agent: str, slow_down: SlowDown) -> None:
        self._fetch = fetch
        self.agent = product_token(user_agent)
        self._slow_down = slow_down
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def check(self, url: httpx.URL) -> None:
        """Return when robots.txt allows `url`; raise `FetchError` when it does not."""
        rules = await self.rules_for(url)
        reason = rules.refusal(str(url), self.agent)
        if reason is not None:
            raise FetchError(str(url), f"disallowed by robots.txt ({reason})")

    async def rules_for(self, url: httpx.URL) -> RobotsRules:
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            rules = self._rules.get(origin)
            if rules is None:
                rules = self._rules[origin] = await self._load(origin, host_key(url))
        return rules

    async def _load(self, origin: str, host: str) -> RobotsRules:
        robots_url = f"{origin}/robots.txt"
        try:
            body = await self._fetch(robots_url)
        except FetchError as error:
            if error.status is not None and 400 <= error.status < 500 and error.status != 429:
                return RobotsRules(robots_url, Protego.parse(""))
            detail = str(error).split(" failed: ", 1)[-1]
            return RobotsRules(robots_url, None, f"{robots_url} could not be fetched: {detail}")
        rules = RobotsRules(robots_url, Protego.parse(body.decode("utf-8", errors="replace")))
        delay = rules.crawl_delay(self.agent)
        if delay is not None and delay > 0:
            await self._slow_down(host, min(delay, MAX_CRAWL_DELAY))
        return rules
