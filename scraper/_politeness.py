"""How fast and how persistently the HTTP client may go: per-host pacing, retries, circuit breaking.

A host is a host and port (`host_key`): two servers on one machine are two hosts.
- `HostThrottle`: per host at most `concurrency` requests in flight, except that a host with a
  delay gets one request at a time, each starting at least the delay (plus a random jitter of up
  to `jitter` times the delay) after the previous response to that host ENDED. A `Retry-After`
  pauses every request to the host until it expires (`pause`).
- `retry_policy`: a tenacity `AsyncRetrying` that retries `TransientFailure`s (408/429/5xx,
  connection and read errors) with exponential backoff and jitter (capped at `BACKOFF_CAP`), and
  stops after `max_retries` retries. A failure carrying a Retry-After waits nothing here: the
  host's pause holds the retry back, and every other request to the host with it.
- `CircuitBreaker`: a host that failed `threshold` times in a row (after retries), or asked for a
  wait longer than the run may spend (`skip`), fails fast for the rest of the run.

Waits go through an injectable `sleep` and are measured on an injectable `clock`, so tests can
check every gap without waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, stop_after_attempt
from tenacity.wait import wait_exponential

from jobtrends.scraper.errors import FetchError

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
BACKOFF_CAP = 120.0
"""Longest exponential backoff between two attempts (a server's Retry-After is not capped)."""
DEFAULT_BREAKER_THRESHOLD = 5


def host_key(url: httpx.URL) -> str:
    """The key per-host state is kept under: the host, plus the port when the URL names one."""
    return url.host if url.port is None else f"{url.host}:{url.port}"


@dataclass(slots=True)
class _Host:
    semaphore: asyncio.Semaphore
    delay: float
    one_at_a_time: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_end: float | None = None
    paused_until: float = float("-inf")
    started: list[float] = field(default_factory=list)
    ended: list[float] = field(default_factory=list)


class HostThrottle:
    """Per-host concurrency, spacing and pauses; different hosts never wait for each other."""

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
        """The spacing in force for `host` (a `host_key`; without jitter). A configured delay
        may name the host with its port or without."""
        state = self._hosts.get(host)
        if state is not None:
            return state.delay
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        configured = self._per_host_delay.get(host, self._per_host_delay.get(name))
        return max(0.0, self._min_delay if configured is None else configured)

    def starts(self, host: str) -> list[float]:
        """Clock readings at which requests to `host` were let through (for diagnostics)."""
        state = self._hosts.get(host)
        return list(state.started) if state else []

    def ends(self, host: str) -> list[float]:
        """Clock readings at which responses from `host` ended (for diagnostics)."""
        state = self._hosts.get(host)
        return list(state.ended) if state else []

    async def slow_down(self, host: str, seconds: float) -> None:
        """Raise `host`'s spacing to at least `seconds` (a robots.txt crawl-delay); it counts
        from the end of the response that just came from the host."""
        state = self._state(host)
        state.delay = max(state.delay, seconds)

    def pause(self, host: str, seconds: float) -> None:
        """Hold every request to `host` until `seconds` from now (a Retry-After)."""
        state = self._state(host)
        state.paused_until = max(state.paused_until, self._clock() + seconds)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Wait for the host's turn, then hold it for one request, until its response ends."""
        state = self._state(host)
        async with state.semaphore:
            serial = state.one_at_a_time if state.delay > 0 else contextlib.nullcontext()
            async with serial:
                await self._wait_turn(state)
                state.started.append(self._clock())
                try:
                    yield
                finally:
                    state.last_end = self._clock()
                    state.ended.append(state.last_end)

    def _state(self, host: str) -> _Host:
        state = self._hosts.get(host)
        if state is None:
            delay = self.delay_for(host)
            state = self._hosts[host] = _Host(asyncio.Semaphore(self._concurrency), delay)
        return state

    async def _wait_turn(self, state: _Host) -> None:
        """Sleep until the host's pause is over and its delay (with jitter) has passed since the
        previous response ended; a pause set while sleeping is waited out too."""
        jitter = self._rng.uniform(0.0, self._jitter * state.delay) if state.delay > 0 else 0.0
        while True:
            ready = state.paused_until
            if state.last_end is not None and state.delay > 0:
                ready = max(ready, state.last_end + state.delay + jitter)
            remaining = ready - self._clock()
            if remaining <= 0:
                return
            await self._sleep(remaining)


class TransientFailure(Exception):
    """An attempt failed in a way worth retrying: a retryable status or a connection/read error."""

    def __init__(self, message: str, status: int | None, retry_after: float | None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def retry_policy(
    *, max_retries: int, backoff_base: float, jitter: float, rng: random.Random, sleep: Sleep
) -> AsyncRetrying:
    """A fresh tenacity retrier for one request: retry number n waits `backoff_base ** n`
    seconds plus up to `jitter` times that (capped at `BACKOFF_CAP`), or nothing after a
    Retry-After, whose wait the host's pause enforces (see the module doc)."""
    exponential = wait_exponential(multiplier=backoff_base, exp_base=backoff_base)

    def wait(state: RetryCallState) -> float:
        failure = state.outcome.exception() if state.outcome else None
        if isinstance(failure, TransientFailure) and failure.retry_after is not None:
            return 0.0
        delay = min(float(exponential(state)), BACKOFF_CAP)
        return delay + rng.uniform(0.0, jitter * delay)

    async def sleep_if_needed(seconds: float) -> None:
        if seconds > 0:
            await sleep(seconds)

    return AsyncRetrying(
        stop=stop_after_attempt(max(0, max_retries) + 1),
        wait=wait,
        retry=retry_if_exception_type(TransientFailure),
        sleep=sleep_if_needed,
        reraise=True,
    )


class CircuitBreaker:
    """Counts consecutive failures per host; at `threshold` the host's circuit opens for the run.
    `skip` opens it at once with a reason (a Retry-After longer than the run may wait)."""

    def __init__(self, threshold: int = DEFAULT_BREAKER_THRESHOLD) -> None:
        self.threshold = max(1, threshold)
        self._failures: dict[str, int] = {}
        self._skipped: dict[str, str] = {}

    def is_open(self, host: str) -> bool:
        return host in self._skipped or self._failures.get(host, 0) >= self.threshold

    def check(self, host: str, url: str) -> None:
        """Raise `FetchError` at once when `host`'s circuit is open."""
        reason = self._skipped.get(host)
        if reason is not None:
            raise FetchError(url, reason)
        if self.is_open(host):
            raise FetchError(
                url,
                f"circuit open: host kept failing ({self.threshold} failures in a row this run); "
                "it is skipped until the next run",
            )

    def skip(self, host: str, reason: str) -> bool:
        """Open `host`'s circuit for the run with `reason`; False when it already was skipped."""
        if host in self._skipped:
            return False
        self._skipped[host] = reason
        return True

    def succeeded(self, host: str) -> None:
        if not self.is_open(host):
            self._failures[host] = 0

    def failed(self, host: str) -> None:
        self._failures[host] = self._failures.get(host, 0) + 1


def retry_after_seconds(
    value: str | None, *, server_date: str | None = None, now: datetime | None = None
) -> float | None:
    """Seconds a `Retry-After` header asks for (delta-seconds or an HTTP date), uncapped; None
    when absent or unreadable. An HTTP date is measured from the
    response's own `Date` header when it has one (clock skew cancels out), else from `now`.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():  # "¹".isdigit() is True, float("¹") fails
        return float(text)
    until = _http_date(text)
    if until is None:
        return None
    reference = _http_date(server_date) if server_date else None
    if reference is None:
        reference = now or datetime.now(UTC)
    seconds = (until - reference).total_seconds()
    return max(seconds, 0.0)


def _http_date(text: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
