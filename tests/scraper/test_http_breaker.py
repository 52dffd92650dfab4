"""The per-host circuit breaker: a host that keeps failing fails fast for the rest of the run."""

from __future__ import annotations

import httpx

from jobtrends.scraper._http import PoliteClient
from jobtrends.scraper.errors import FetchError
from jobtrends.scraper.settings import HttpSettings
from tests.scraper.support import FakeTime, Recorder, json_response, run_with_client


def _always(status: int) -> Recorder:
    return Recorder(lambda request: httpx.Response(status), time=FakeTime())


async def _try_each(client: PoliteClient, urls: list[str]) -> list[str]:
    """ "ok" or the error message for each URL, fetched one after the other."""
    results = []
    for url in urls:
        try:
            await client.get(url)
            results.append("ok")
        except FetchError as error:
            results.append(str(error))
    return results


def _outcomes(
    settings: HttpSettings, recorder: Recorder, urls: list[str], **options: int
) -> list[str]:
    outcomes: list[str] = run_with_client(
        settings,
        recorder.transport,
        lambda client: _try_each(client, urls),
        time=recorder.time,
        **options,
    )
    return outcomes


def test_circuit_opens_after_five_failures_and_other_hosts_are_unaffected() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503) if request.url.host == "dead.example" else json_response([])

    recorder = Recorder(handler, time=FakeTime())
    settings = HttpSettings(min_delay=0.0, backoff_base=0.0, max_retries=1)
    urls = [f"https://dead.example/{n}" for n in range(8)] + ["https://alive.example/"]
    outcomes = _outcomes(settings, recorder, urls)
    assert all("HTTP 503" in outcome for outcome in outcomes[:5])
    assert all("circuit open: host kept failing" in outcome for outcome in outcomes[5:8])
    assert outcomes[8] == "ok"
    dead = [r for r in recorder.requests if r.url.host == "dead.example"]
    assert len(dead) == 5 * 2  # five requests with one retry each, then nothing


def test_a_success_resets_the_failure_count() -> None:
    answers = iter([503, 503, 503, 503, 200, 503, 503, 503, 503])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(answers, 503))

    recorder = Recorder(handler, time=FakeTime())
    settings = HttpSettings(min_delay=0.0, backoff_base=0.0, max_retries=0)
    outcomes = _outcomes(settings, recorder, [f"https://a.example/{n}" for n in range(9)])
    assert outcomes[4] == "ok"
    assert not any("circuit open" in outcome for outcome in outcomes)
    assert len(recorder.requests) == 9


def test_answers_like_404_keep_the_circuit_closed() -> None:
    recorder = _always(404)
    settings = HttpSettings(min_delay=0.0, max_retries=0)
    outcomes = _outcomes(settings, recorder, [f"https://a.example/{n}" for n in range(7)])
    assert all("board may be gone" in outcome for outcome in outcomes)
    assert len(recorder.requests) == 7


def test_connection_failures_open_the_circuit_too() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    recorder = Recorder(handler, time=FakeTime())
    settings = HttpSettings(min_delay=0.0, backoff_base=0.0, max_retries=0)

    async def action(client: PoliteClient) -> tuple[list[str], bool]:
        urls = [f"https://gone.example/{n}" for n in range(6)]
        return await _try_each(client, urls), client.breaker.is_open("gone.example")

    outcomes, is_open = run_with_client(settings, recorder.transport, action, time=recorder.time)
    assert is_open and "ConnectError" in outcomes[0] and "circuit open" in outcomes[5]
    assert len(recorder.requests) == 5


def test_breaker_threshold_is_configurable() -> None:
    recorder = _always(500)
    settings = HttpSettings(min_delay=0.0, backoff_base=0.0, max_retries=0)
    urls = [f"https://a.example/{n}" for n in range(4)]
    outcomes = _outcomes(settings, recorder, urls, breaker_threshold=2)
    assert ["circuit open" in outcome for outcome in outcomes] == [False, False, True, True]
    assert len(recorder.requests) == 2
