"""How fast and how persistently the HTTP client may go: per-host pacing, retries, circuit breaking.

- `HostThrottle`: per host at most `concurrency` requests in flight (an `asyncio.Semaphore`) and
  request starts at least the host's delay apart (an `aiolimiter.AsyncLimiter` admitting one
  request per delay), plus a random jitter of up to `jitter` times the delay on top.
- `retry_policy`: a tenacity `AsyncRetrying` that retries `TransientFailure`s (408/429/5xx,
  connection and read errors), waiting what `Retry-After` asks (capped) or else exponential
  backoff with jitter, and stops after `max_retries` retries.
- `CircuitBreaker`: a host that failed `threshold` times in a row (after retries) fails fast for
  the rest of the run, so one dead host cannot burn a run.

The limiter runs on the event loop's clock; jitter and retry waits go through an injectable
`sleep`, so tests can check them without waiting.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from aiolimiter import AsyncLimiter
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt
from tenacity.wait import wait_exponential

from jobtrends.scraper.errors import FetchError

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
RETRY_AFTER_CAP = 120.0
"""Longest wait a server's Retry-After (or the backoff) can impose; longer ones wait this long."""
DEFAULT_BREAKER_THRESHOLD = 5


@dataclass(slots=True)
class _Host:
    semaphore: asyncio.Semaphore
    delay: float
    limiter: AsyncLimiter | None
    pace: asyncio.Lock = field(default_factory=asyncio.Lock)
    started: list[float] = field(default_factory=list)


class HostThrottle:
    """Per-host concurrency and spacing; different hosts never wait for each other."""

    def __init__(
        self,
        *,
        concurrency: int,
        min_delay: float,
        per_host_delay: Mapping[str, float],
        jitter: float,
        rng: random.Random,
        sleep: Sleep,
        clock: Clock,
    ) -> None:
        self._concurrency = max(1, concurrency)
        self._min_delay = max(0.0, min_delay)
        self._per_host_delay = dict(per_host_delay)
        self._jitter = min(max(jitter, 0.0), 1.0)
        self._rng = rng
        self._sleep = sleep
        self._clock = clock
        self._hosts: dict[str, _Host] = {}

    def delay_for(self, host: str) -> float:
        """The spacing in force for `host` (without jitter)."""
        state = self._hosts.get(host)
        if state is not None:
            return state.delay
        return max(0.0, self._per_host_delay.get(host, self._min_delay))

    def starts(self, host: str) -> list[float]:
        """Clock readings at which requests to `host` were let through (for diagnostics)."""
        state = self._hosts.get(host)
        return list(state.started) if state else []

    async def slow_down(self, host: str, seconds: float) -> None:
        """Raise `host`'s spacing to at least `seconds` (a robots.txt crawl-delay); the request
        that just went to the host counts as the first one of the new pace."""
        state = self._state(host)
        if seconds <= state.delay:
            return
        async with state.pace:
            state.delay = seconds
            state.limiter = AsyncLimiter(1, seconds)
            await state.limiter.acquire()

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Wait for a free slot and the host's pace, then hold the slot for one request."""
        state = self._state(host)
        async with state.semaphore:
            if state.delay > 0:
                async with state.pace:
                    await self._pace(state)
            state.started.append(self._clock())
            yield

    def _state(self, host: str) -> _Host:
        state = self._hosts.get(host)
        if state is None:
            delay = self.delay_for(host)
            limiter = AsyncLimiter(1, delay) if delay > 0 else None
            state = self._hosts[host] = _Host(asyncio.Semaphore(self._concurrency), delay, limiter)
        return state

    async def _pace(self, state: _Host) -> None:
        limiter = state.limiter
        if limiter is None:
            return
        await limiter.acquire()
        if self._jitter <= 0:
            return
        loop = asyncio.get_running_loop()
        acquired = loop.time()
        await self._sleep(self._rng.uniform(0.0, self._jitter * state.delay))
        # The bucket leaked while we slept; refill what leaked so the next request waits a full
        # delay from this request's real start, keeping the delay a true minimum.
        leaked = (loop.time() - acquired) / state.delay
        await limiter.acquire(min(1.0, leaked))


class TransientFailure(Exception):
    """An attempt failed in a way worth retrying: a retryable status or a connection/read error."""

    def __init__(self, message: str, status: int | None, retry_after: float | None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def retry_policy(
    *, max_retries: int, backoff_base: float, jitter: float, rng: random.Random, sleep: Sleep
) -> AsyncRetrying:
    """A fresh tenacity retrier for one request: retry number n waits the server's Retry-After,
    else `backoff_base ** n` seconds plus up to `jitter` times that (both capped)."""
    exponential = wait_exponential(multiplier=backoff_base, exp_base=backoff_base)

    def wait(state: RetryCallState) -> float:
        failure = state.outcome.exception() if state.outcome else None
        if isinstance(failure, TransientFailure) and failure.retry_after is not None:
            return failure.retry_after
        delay = min(float(exponential(state)), RETRY_AFTER_CAP)
        return delay + rng.uniform(0.0, jitter * delay)

    return AsyncRetrying(
        stop=stop_after_attempt(max(0, max_retries) + 1),
        wait=wait,
        retry=retry_if_exception_type(TransientFailure),
        sleep=sleep,
        reraise=True,
    )


class CircuitBreaker:
    """Counts consecutive failures per host; at `threshold` the host's circuit opens for the run."""

    def __init__(self, threshold: int = DEFAULT_BREAKER_THRESHOLD) -> None:
        self.threshold = max(1, threshold)
        self._failures: dict[str, int] = {}

    def is_open(self, host: str) -> bool:
        return self._failures.get(host, 0) >= self.threshold

    def check(self, host: str, url: str) -> None:
        """Raise `FetchError` at once when `host`'s circuit is open."""
        if self.is_open(host):
            raise FetchError(
                url,
                f"circuit open: host kept failing ({self.threshold} failures in a row this run); "
                "it is skipped until the next run",
            )

    def succeeded(self, host: str) -> None:
        if not self.is_open(host):
            self._failures[host] = 0

    def failed(self, host: str) -> None:
        self._failures[host] = self._failures.get(host, 0) + 1


def retry_after_seconds(
    value: str | None, *, server_date: str | None = None, now: datetime | None = None
) -> float | None:
    """Seconds a `Retry-After` header asks for (delta-seconds or an HTTP date), capped at
    `RETRY_AFTER_CAP`; None when absent or unreadable. An HTTP date is measured from the
    response's own `Date` header when it has one (clock skew cancels out), else from `now`.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():  # "¹".isdigit() is True, float("¹") fails
        return min(float(text), RETRY_AFTER_CAP)
    until = _http_date(text)
    if until is None:
        return None
    reference = _http_date(server_date) if server_date else None
    if reference is None:
        reference = now or datetime.now(UTC)
    seconds = (until - reference).total_seconds()
    return min(max(seconds, 0.0), RETRY_AFTER_CAP)


def _http_date(text: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
