"""How fast the HTTP client may go: per-host spacing and concurrency, retry backoff, Retry-After.

`HostThrottle` is the one place that decides when a request to a host may start; the client wraps
every attempt in `throttle.slot(host)`. Time is read through an injectable clock and waited through
an injectable sleep, so tests can assert the delays without waiting for them.
"""

from __future__ import annotations

import asyncio
import math
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

RETRY_AFTER_CAP = 120.0
"""Longest wait a server's Retry-After can impose; a longer one is waited for this long."""


@dataclass(slots=True)
class _HostState:
    semaphore: asyncio.Semaphore
    next_start: float = -math.inf
    started: list[float] = field(default_factory=list)


class HostThrottle:
    """Per host: at most `concurrency` requests in flight, and request starts at least the host's
    delay (plus up to `jitter` times that delay, random) apart. Different hosts never wait for
    each other.
    """

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
        self._min_delay = min_delay
        self._per_host_delay = dict(per_host_delay)
        self._jitter = jitter
        self._rng = rng
        self._sleep = sleep
        self._clock = clock
        self._hosts: dict[str, _HostState] = {}

    def delay_for(self, host: str) -> float:
        """The configured spacing for `host` (without jitter)."""
        return max(0.0, self._per_host_delay.get(host, self._min_delay))

    def starts(self, host: str) -> list[float]:
        """Clock readings at which requests to `host` were allowed to start (for diagnostics)."""
        state = self._hosts.get(host)
        return list(state.started) if state else []

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Wait for a free slot and the host's spacing, then hold the slot for one request."""
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _HostState(asyncio.Semaphore(self._concurrency))
        async with state.semaphore:
            now = self._clock()
            start = max(now, state.next_start)
            # Reserve the start time before sleeping, so concurrent waiters queue up behind it.
            delay = self.delay_for(host)
            state.next_start = start + delay + self._rng.uniform(0.0, self._jitter * delay)
            if start > now:
                await self._sleep(start - now)
            state.started.append(start)
            yield


def backoff_delay(attempt: int, base: float, jitter: float, rng: random.Random) -> float:
    """Seconds to wait before retry number `attempt` (1-based): `base ** attempt` plus jitter."""
    delay = float(base) ** attempt
    return delay + rng.uniform(0.0, jitter * delay)


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
    if text.isdigit():
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
