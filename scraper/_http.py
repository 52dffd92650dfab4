"""The one polite HTTP client every source fetches through.

`PoliteClient.get` identifies itself (User-Agent from the settings), paces and caps requests per
host and port (`jobtrends.scraper._politeness.HostThrottle`), retries transient failures with
backoff (tenacity), pauses the whole host for a `Retry-After` (a wait longer than
`max_retry_after` skips the host for the run instead), opens a per-host circuit after repeated
failures, obeys
robots.txt when asked (`jobtrends.scraper._robots`, on Protego), sends conditional requests, caps
response size while streaming (after decompression too), and follows at most `MAX_REDIRECTS`
redirects to http/https only. Every failure it gives up on is a `FetchError`; `parse_json` turns a
response body into JSON or a `ParseError`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import TracebackType
from typing import Self

import httpx

from jobtrends.scraper._politeness import (
    DEFAULT_BREAKER_THRESHOLD,
    RETRY_STATUSES,
    CircuitBreaker,
    Clock,
    HostThrottle,
    Sleep,
    TransientFailure,
    host_key,
    retry_after_seconds,
    retry_policy,
)
from jobtrends.scraper._responses import (
    Fetched,
    check_scheme,
    conditional_headers,
    drain_error_body,
    parse_json,
    response_validators,
)
from jobtrends.scraper._robots import RobotsCache
from jobtrends.scraper.errors import FetchError
from jobtrends.scraper.records import Validators
from jobtrends.scraper.settings import HttpSettings

__all__ = ["Fetched", "PoliteClient", "Tally", "parse_json"]

MAX_REDIRECTS = 5
_RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)

ValidatorLookup = Callable[[str], Validators | None]
log = logging.getLogger(__name__)


@dataclass(slots=True)
class Tally:
    """Requests put on the wire (every attempt: retries, failures, robots.txt) and their bytes."""

    requests: int = 0
    bytes: int = 0


_CURRENT_TALLY: ContextVar[Tally | None] = ContextVar("jobtrends_http_tally", default=None)


class PoliteClient:
    """Async context manager; see the module docstring for what every request goes through.

    `stored_validators(url)` returns the validators the caller stored for a listing URL (from
    the previous run); sources pass them to `get(..., validators=...)`. `requests` and
    `bytes_received` (bytes on the wire) are running totals over all attempts; `tally()` counts
    the same for one piece of work (a source target). `sleep` waits pauses, delays, jitter and
    backoff, `clock` measures them. A host failing `breaker_threshold` requests in a row (each
    after its retries) fails fast for the rest of this client's life, i.e. the run.
    """

    def __init__(
        self,
        settings: HttpSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        stored_validators: ValidatorLookup | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        rng: random.Random | None = None,
        jitter: float = 0.1,
        breaker_threshold: int = DEFAULT_BREAKER_THRESHOLD,
    ) -> None:
        self.settings = settings
        self.requests = 0
        self.bytes_received = 0
        self._lookup = stored_validators or (lambda url: None)
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._jitter = jitter
        self._throttle = HostThrottle(
            concurrency=settings.per_host_concurrency,
            min_delay=settings.min_delay,
            per_host_delay=settings.per_host_delay,
            jitter=jitter,
            rng=self._rng,
            sleep=sleep,
            clock=clock,
        )
        self._breaker = CircuitBreaker(breaker_threshold)
        self._robots = RobotsCache(self._robots_body, settings.user_agent, self._throttle.slow_down)
        self._http = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(settings.timeout),
            headers={"User-Agent": settings.full_user_agent, "Accept-Encoding": "gzip"},
            follow_redirects=False,
        )

    async def __aenter__(self) -> Self:
        await self._http.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self._http.__aexit__(exc_type, exc, traceback)

    @property
    def throttle(self) -> HostThrottle:
        return self._throttle

    @property
    def breaker(self) -> CircuitBreaker:
        return self._breaker

    def stored_validators(self, url: str) -> Validators | None:
        return self._lookup(url)

    @contextmanager
    def tally(self) -> Iterator[Tally]:
        """Count the attempts made inside this block (in this task and the tasks it starts)."""
        counted = Tally()
        token = _CURRENT_TALLY.set(counted)
        try:
            yield counted
        finally:
            _CURRENT_TALLY.reset(token)

    async def get(
        self,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        validators: Validators | None = None,
        check_robots: bool = False,
    ) -> Fetched:
        """GET `url` (with `params` merged into its query) politely; raises `FetchError`.

        `check_robots=True` (for HTML pages) first consults the host's robots.txt when the
        settings' `respect_robots` is on; documented APIs leave it off."""
        try:
            current = httpx.URL(url).copy_merge_params(dict(params or {}))
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            raise FetchError(url, f"invalid URL: {exc}") from None
        headers = conditional_headers(validators)
        for _hop in range(MAX_REDIRECTS + 1):
            check_scheme(current, url)
            if check_robots and self.settings.respect_robots:
                await self._robots.check(current)
            outcome = await self._with_retries(current, headers, validators)
            if isinstance(outcome, Fetched):
                return outcome
            current = outcome
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    async def _robots_body(self, robots_url: str) -> bytes:
        return (await self.get(robots_url)).content

    async def _with_retries(
        self, url: httpx.URL, headers: Mapping[str, str], sent: Validators | None
    ) -> Fetched | httpx.URL:
        """One hop with its retries; a host that gives out counts against its circuit."""
        attempts = 0
        outcome: Fetched | httpx.URL | None = None
        retrying = retry_policy(
            max_retries=self.settings.max_retries,
            backoff_base=self.settings.backoff_base,
            jitter=self._jitter,
            rng=self._rng,
            sleep=self._sleep,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    attempts += 1
                    outcome = await self._attempt(url, headers, sent)
        except TransientFailure as failure:
            self._breaker.failed(host_key(url))
            message = f"{failure} (gave up after {attempts} attempts)"
            raise FetchError(str(url), message, failure.status) from None
        assert outcome is not None  # tenacity either ran an attempt to success or raised
        return outcome

    async def _attempt(
        self, url: httpx.URL, headers: Mapping[str, str], sent: Validators | None
    ) -> Fetched | httpx.URL:
        """One request: a `Fetched`, the URL a redirect points to, or `TransientFailure` /
        `FetchError`."""
        host = host_key(url)
        self._breaker.check(host, str(url))
        async with self._throttle.slot(host):
            self._breaker.check(host, str(url))  # it may have opened while we waited
            self._count(0)
            try:
                async with self._http.stream("GET", url, headers=headers) as response:
                    try:
                        return await self._handle(url, response, sent)
                    except (TransientFailure, FetchError):
                        await drain_error_body(response)
                        raise
                    finally:
                        self._count(response.num_bytes_downloaded, request=False)
            except _RETRYABLE_ERRORS as exc:
                raise TransientFailure(f"{type(exc).__name__}: {exc}", None, None) from None
            except httpx.HTTPError as exc:
                self._breaker.failed(host)
                raise FetchError(str(url), f"{type(exc).__name__}: {exc}") from None

    async def _handle(
        self, url: httpx.URL, response: httpx.Response, sent: Validators | None
    ) -> Fetched | httpx.URL:
        status = response.status_code
        if status in RETRY_STATUSES:
            wait = retry_after_seconds(
                response.headers.get("Retry-After"), server_date=response.headers.get("Date")
            )
            if wait is not None:
                self._hold_host(url, status, wait)
            raise TransientFailure(f"HTTP {status}", status, wait)
        self._breaker.succeeded(host_key(url))
        if status == 304:
            return Fetched(
                str(url), status, b"", response.headers, response_validators(response) or sent, True
            )
        if 300 <= status < 400:
            if response.next_request is None:
                raise FetchError(str(url), "redirect without a Location header", status)
            return response.next_request.url
        if status in (404, 410):
            raise FetchError(
                str(url), "not found: the board may be gone or its name is wrong", status
            )
        if status >= 400 or status < 200:
            raise FetchError(str(url), f"unexpected HTTP status {status}", status)
        content = await self._read_capped(url, response)
        return Fetched(str(url), status, content, response.headers, response_validators(response))

    def _hold_host(self, url: httpx.URL, status: int, wait: float) -> None:
        """Pause every request to the host for a Retry-After of `wait` seconds, or skip the host
        for the run when that is longer than `max_retry_after` (never come back early)."""
        host = host_key(url)
        limit = self.settings.max_retry_after
        if wait <= limit:
            self._throttle.pause(host, wait)
            return
        message = (
            f"{host} asked to wait {wait:.0f} s (HTTP {status} Retry-After), longer than "
            f"http.max_retry_after ({limit:.0f} s): {host} is skipped for this run"
        )
        if self._breaker.skip(host, message):
            log.warning("%s", message)
        raise FetchError(str(url), message, status)

    def _count(self, received: int, *, request: bool = True) -> None:
        counted = _CURRENT_TALLY.get()
        self.requests += request
        self.bytes_received += received
        if counted is not None:
            counted.requests += request
            counted.bytes += received

    async def _read_capped(self, url: httpx.URL, response: httpx.Response) -> bytes:
        cap = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(str(url), f"response of {declared} bytes exceeds the {cap}-byte cap")
        chunks: list[bytes] = []
        total = 0
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > cap or response.num_bytes_downloaded > cap:
                raise FetchError(str(url), f"response exceeds the {cap}-byte cap")
            chunks.append(chunk)
        return b"".join(chunks)
