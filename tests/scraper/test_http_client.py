"""PoliteClient against httpx.MockTransport: identity, per-host pacing, retries."""

from __future__ import annotations

import asyncio
from itertools import pairwise
from time import monotonic

import httpx
import pytest

from jobtrends.scraper._http import Fetched, PoliteClient, parse_json
from jobtrends.scraper.errors import FetchError
from jobtrends.scraper.records import Validators
from jobtrends.scraper.settings import HttpSettings
from tests.scraper.support import (
    FAST,
    FakeTime,
    RealTime,
    Recorder,
    json_response,
    run_with_client,
)


def _get(
    settings: HttpSettings,
    recorder: Recorder,
    url: str,
    *,
    params: dict[str, str | int] | None = None,
    validators: Validators | None = None,
) -> Fetched:
    async def action(client: PoliteClient) -> Fetched:
        return await client.get(url, params=params, validators=validators)

    result: Fetched = run_with_client(settings, recorder.transport, action, time=recorder.time)
    return result


def test_sends_identifying_headers_and_merges_params() -> None:
    recorder = Recorder(lambda request: json_response({"ok": True}))
    settings = HttpSettings(min_delay=0, user_agent="jobtrends-test/1", contact="ops@example.org")
    fetched = _get(
        settings, recorder, "https://api.example.org/v0/x?mode=json", params={"skip": 100}
    )
    request = recorder.requests[0]
    assert request.headers["User-Agent"] == "jobtrends-test/1 ops@example.org"
    assert request.headers["Accept-Encoding"] == "gzip"
    assert dict(request.url.params) == {"mode": "json", "skip": "100"}
    assert fetched.status == 200
    assert parse_json("test", fetched) == {"ok": True}


class Arrivals:
    """A MockTransport handler recording, per host, the real monotonic time each request came."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.times.setdefault(request.url.host, []).append(monotonic())
        return json_response([])

    def gaps(self, host: str) -> list[float]:
        times = sorted(self.times[host])
        return [later - earlier for earlier, later in pairwise(times)]


EPSILON = 0.005  # timer granularity of the event loop


def test_requests_to_one_host_are_spaced_by_min_delay() -> None:
    arrivals = Arrivals()
    settings = HttpSettings(min_delay=0.08, per_host_concurrency=2)

    async def action(client: PoliteClient) -> PoliteClient:
        await asyncio.gather(*(client.get(f"https://a.example/{n}") for n in range(4)))
        return client

    client = run_with_client(settings, httpx.MockTransport(arrivals), action, time=RealTime())
    assert len(arrivals.times["a.example"]) == 4
    assert all(gap >= 0.08 - EPSILON for gap in arrivals.gaps("a.example"))
    assert client.throttle.delay_for("a.example") == 0.08


def test_per_host_delay_override_and_hosts_do_not_wait_for_each_other() -> None:
    arrivals = Arrivals()
    settings = HttpSettings(min_delay=0.02, per_host_delay={"slow.example": 0.3})

    async def action(client: PoliteClient) -> None:
        async def repeat(url: str, times: int) -> None:
            for _ in range(times):
                await client.get(url)

        await asyncio.gather(
            repeat("https://slow.example/x", 2), repeat("https://fast.example/x", 3)
        )

    run_with_client(settings, httpx.MockTransport(arrivals), action, time=RealTime())
    assert arrivals.gaps("slow.example")[0] >= 0.3 - EPSILON
    fast_gaps = arrivals.gaps("fast.example")
    assert all(0.02 - EPSILON <= gap < 0.25 for gap in fast_gaps)
    # fast.example finished while slow.example was still waiting for its second slot.
    assert max(arrivals.times["fast.example"]) < max(arrivals.times["slow.example"])


def test_jitter_is_bounded_seedable_and_keeps_the_minimum_delay() -> None:
    def run() -> tuple[list[float], list[float]]:
        time = FakeTime()

        async def action(client: PoliteClient) -> list[float]:
            for _ in range(5):
                await client.get("https://a.example/")
            starts, ends = client.throttle.starts("a.example"), client.throttle.ends("a.example")
            return [start - end for end, start in zip(ends, starts[1:], strict=False)]

        settings = HttpSettings(min_delay=0.04)
        transport = httpx.MockTransport(Arrivals())
        gaps = run_with_client(settings, transport, action, time=time, jitter=0.5)
        return time.sleeps, gaps

    (first, gaps), (second, _) = run(), run()
    assert first == second  # same seed, same jitter
    # The first request goes at once; each later one waits the delay plus up to half of it.
    assert len(first) == 4 and all(0.04 <= wait <= 0.06 for wait in first)
    assert len(set(first)) > 1
    assert len(gaps) == 4 and all(gap >= 0.04 for gap in gaps)


def test_real_jitter_adds_to_the_delay_and_never_eats_into_it() -> None:
    arrivals = Arrivals()

    async def main() -> None:
        settings = HttpSettings(min_delay=0.05, per_host_concurrency=3)
        transport = httpx.MockTransport(arrivals)
        async with PoliteClient(settings, transport=transport, jitter=1.0) as client:
            await asyncio.gather(*(client.get(f"https://a.example/{n}") for n in range(5)))

    asyncio.run(main())
    gaps = arrivals.gaps("a.example")
    assert len(gaps) == 4 and all(gap >= 0.05 - EPSILON for gap in gaps)


def test_concurrency_per_host_is_capped() -> None:
    in_flight = 0
    peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return json_response([])

    settings = HttpSettings(min_delay=0.0, per_host_concurrency=2)

    async def action(client: PoliteClient) -> None:
        await asyncio.gather(*(client.get(f"https://a.example/{n}") for n in range(6)))

    run_with_client(settings, httpx.MockTransport(handler), action)
    assert peak == 2


def _flaky(statuses: list[int], **headers: str) -> Recorder:
    answers = iter(statuses)

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(answers, 200)
        if status == 200:
            return json_response({"done": True})
        return httpx.Response(status, headers=headers)

    return Recorder(handler, time=FakeTime())


def test_retries_transient_statuses_with_exponential_backoff() -> None:
    recorder = _flaky([503, 502, 500])
    settings = HttpSettings(min_delay=0.0, backoff_base=2.0, max_retries=3)
    fetched = _get(settings, recorder, "https://a.example/board")
    assert fetched.status == 200
    assert len(recorder.requests) == 4
    assert recorder.time is not None and recorder.time.sleeps == [2.0, 4.0, 8.0]


def test_retry_after_seconds_is_honoured() -> None:
    recorder = _flaky([429], **{"Retry-After": "7"})
    fetched = _get(HttpSettings(min_delay=0.0, backoff_base=2.0), recorder, "https://a.example/")
    assert fetched.status == 200
    assert recorder.time is not None and recorder.time.sleeps == [7.0]


def test_retry_after_http_date_is_measured_from_the_response_date() -> None:
    recorder = _flaky(
        [503],
        **{"Retry-After": "Wed, 21 Oct 2026 07:28:30 GMT", "Date": "Wed, 21 Oct 2026 07:28:00 GMT"},
    )
    _get(HttpSettings(min_delay=0.0), recorder, "https://a.example/")
    assert recorder.time is not None and recorder.time.sleeps == [30.0]


def test_retry_after_up_to_max_retry_after_is_waited_in_full() -> None:
    recorder = _flaky([503], **{"Retry-After": "600"})
    _get(HttpSettings(min_delay=0.0), recorder, "https://a.example/")
    assert recorder.time is not None and recorder.time.sleeps == [600.0]
    assert len(recorder.requests) == 2


def test_longer_retry_after_skips_the_host_for_the_run_without_retrying(
    caplog: pytest.LogCaptureFixture,
) -> None:
    recorder = _flaky([503, 503], **{"Retry-After": "86400"})

    async def action(client: PoliteClient) -> list[str]:
        errors = []
        for path in ("/board", "/other"):
            with pytest.raises(FetchError) as caught:
                await client.get(f"https://a.example{path}")
            errors.append(str(caught.value))
        return errors

    settings = HttpSettings(min_delay=0.0, max_retry_after=600.0)
    errors = run_with_client(settings, recorder.transport, action, time=recorder.time)
    assert len(recorder.requests) == 1  # no early retry, and the host is left alone
    assert recorder.time is not None and recorder.time.sleeps == []
    assert all("a.example asked to wait 86400 s" in error for error in errors)
    assert all("skipped for this run" in error for error in errors)
    skipped = [r.getMessage() for r in caplog.records if "skipped for this run" in r.getMessage()]
    assert len(skipped) == 1  # one clear line, not one per request


def test_gives_up_after_max_retries_with_fetch_error() -> None:
    recorder = _flaky([503] * 10)
    settings = HttpSettings(min_delay=0.0, backoff_base=0.5, max_retries=2)
    with pytest.raises(FetchError) as caught:
        _get(settings, recorder, "https://a.example/board")
    assert caught.value.status == 503
    assert "3 attempts" in str(caught.value)
    assert len(recorder.requests) == 3


def test_connect_errors_are_retried() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise httpx.ConnectError("connection refused", request=request)
        if calls == 2:
            raise httpx.ReadTimeout("slow", request=request)
        return json_response({"ok": 1})

    fetched = _get(
        HttpSettings(min_delay=0.0, max_retries=3), Recorder(handler), "https://a.example/"
    )
    assert fetched.status == 200 and calls == 3


def test_connect_errors_that_persist_become_fetch_error_without_status() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(FetchError) as caught:
        _get(FAST, Recorder(handler), "https://a.example/")
    assert caught.value.status is None
    assert "ConnectError" in str(caught.value)


@pytest.mark.parametrize("status", [404, 410])
def test_gone_boards_fail_at_once(status: int) -> None:
    recorder = _flaky([status] * 5)
    with pytest.raises(FetchError) as caught:
        _get(HttpSettings(min_delay=0.0, max_retries=3), recorder, "https://a.example/board")
    assert caught.value.status == status
    assert "board may be gone" in str(caught.value)
    assert len(recorder.requests) == 1


def test_other_client_errors_fail_at_once() -> None:
    recorder = _flaky([403] * 5)
    with pytest.raises(FetchError) as caught:
        _get(HttpSettings(min_delay=0.0, max_retries=3), recorder, "https://a.example/")
    assert caught.value.status == 403 and len(recorder.requests) == 1
