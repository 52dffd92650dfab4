"""Shared test helpers for the scraper: fake time, fixture loading, mock HTTP routes."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from time import monotonic
from typing import Any

import httpx

from jobtrends.scraper._http import PoliteClient
from jobtrends.scraper.records import Listing, Validators
from jobtrends.scraper.settings import HttpSettings
from jobtrends.scraper.targets import Source, Target

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# No waiting, no retries beyond one, no jitter: tests that need more ask for it.
FAST = HttpSettings(min_delay=0.0, backoff_base=0.0, max_retries=1)


def load(source: str, name: str) -> Any:
    """A project fixture (tests/fixtures/<source>/<name>) as parsed JSON."""
    return json.loads((FIXTURES / source / name).read_text(encoding="utf-8"))


def load_bytes(source: str, name: str) -> bytes:
    return (FIXTURES / source / name).read_bytes()


def json_response(
    payload: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> httpx.Response:
    return httpx.Response(
        status,
        content=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})},
    )


@dataclass
class FakeTime:
    """A virtual monotonic clock: `sleep` records the wait and returns once the sleeper is the
    earliest one due, moving the clock to its wake-up time. Nothing really waits."""

    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)
    _due: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        wake = self.now + seconds
        self._due.append(wake)
        await asyncio.sleep(0)
        while wake > min(self._due):
            await asyncio.sleep(0)
        self._due.remove(wake)
        self.now = max(self.now, wake)


async def chunks(data: bytes, size: int = 64) -> AsyncIterator[bytes]:
    """A streamed body (no Content-Length), so httpx reads it chunk by chunk like a socket."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


@dataclass
class RealTime:
    """The real monotonic clock and `asyncio.sleep`, recording each wait (for tests that measure
    real arrival times)."""

    sleeps: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return monotonic()

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        await asyncio.sleep(seconds)


@dataclass
class Recorder:
    """A MockTransport handler that answers from `handler` and records each request with the
    fake time it arrived at."""

    handler: Callable[[httpx.Request], httpx.Response]
    time: FakeTime | None = None
    requests: list[httpx.Request] = field(default_factory=list)
    times: list[float] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.times.append(self.time.now if self.time else 0.0)
        return self.handler(request)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def run_with_client(
    settings: HttpSettings,
    transport: httpx.AsyncBaseTransport | None,
    action: Callable[[PoliteClient], Awaitable[Any]],
    *,
    time: FakeTime | RealTime | None = None,
    jitter: float = 0.0,
    **client_options: Any,
) -> Any:
    """Open a PoliteClient on `transport` (None: real sockets) with fake time; run `action`."""
    clock = time or FakeTime()

    async def main() -> Any:
        async with PoliteClient(
            settings,
            transport=transport,
            sleep=clock.sleep,
            clock=clock.clock,
            rng=random.Random(7),
            jitter=jitter,
            **client_options,
        ) as client:
            return await action(client)

    return asyncio.run(main())


def fetch_listing(
    source: Source,
    target: Target,
    handler: Callable[[httpx.Request], httpx.Response],
    *,
    stored: Mapping[str, Validators] | None = None,
) -> tuple[Listing, Recorder]:
    """Run `source.fetch` against a MockTransport answering with `handler`."""
    recorder = Recorder(handler)
    saved = dict(stored or {})

    async def action(client: PoliteClient) -> Listing:
        return await source.fetch(client, target)

    listing = run_with_client(
        FAST, recorder.transport, action, stored_validators=lambda url: saved.get(url)
    )
    return listing, recorder
