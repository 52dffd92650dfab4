from __future__ import annotations

import asyncio
from time import monotonic

import httpx
import pytest

from jobtrends.scraper._http import PoliteClient
from jobtrends.scraper.collection import TargetOutcome, collect, collect_with
from jobtrends.scraper.errors import FetchError, ParseError, SourceConfigError
from jobtrends.scraper.records import Validators
from jobtrends.scraper.settings import HttpSettings
from jobtrends.scraper.targets import Target
from tests.scraper.support import FAST, Recorder, json_response, load

GREENHOUSE = load("greenhouse", "board_content_true.json")
LIST_ONLY = {"pay_ranges": "off"}  # pay requests are tested in test_greenhouse
ASHBY = load("ashby", "job_board.json")
LEVER = load("lever", "postings_mode_json.json")


def _handler(request: httpx.Request) -> httpx.Response:
    host, path = request.url.host, request.url.path
    if host == "gh.test" and path == "/v1/boards/lanternfish/jobs":
        return json_response(GREENHOUSE, headers={"ETag": '"gh-1"'})
    if host == "gh.test" and path == "/v1/boards/broken/jobs":
        return httpx.Response(500)
    if host == "ashby.test":
        return json_response(ASHBY)
    if host == "lever.test" and path == "/v0/postings/garbled":
        return httpx.Response(
            200, content=b"{not json", headers={"Content-Type": "application/json"}
        )
    if host == "lever.test":
        return json_response(LEVER)
    return httpx.Response(404)


TARGETS = [
    Target("greenhouse", "lanternfish", "https://gh.test", LIST_ONLY),
    Target("greenhouse", "broken", "https://gh.test"),
    Target("ashby", "tidewater", "https://ashby.test"),
    Target("lever", "garbled", "https://lever.test"),
    Target("lever", "copperleaf", "https://lever.test"),
    Target("workday", "acme", "https://wd.test"),
    Target("ashby", "", "https://ashby.test"),
]


def test_one_failing_target_never_stops_the_others() -> None:
    outcomes: list[TargetOutcome] = []
    collect(TARGETS, FAST, on_outcome=outcomes.append, transport=httpx.MockTransport(_handler))
    by_label = {outcome.target.label: outcome for outcome in outcomes}
    assert len(outcomes) == len(TARGETS)

    good = {"greenhouse:lanternfish": 2, "ashby:tidewater": 3, "lever:copperleaf": 3}
    for label, count in good.items():
        outcome = by_label[label]
        assert outcome.ok and outcome.listing is not None and outcome.error is None
        assert len(outcome.listing.postings) == count
        assert outcome.started_at <= outcome.finished_at

    broken = by_label["greenhouse:broken"]
    assert isinstance(broken.error, FetchError) and broken.error.status == 500
    assert broken.listing is None
    assert isinstance(by_label["lever:garbled"].error, ParseError)
    assert isinstance(by_label["workday:acme"].error, SourceConfigError)
    assert isinstance(by_label["ashby"].error, SourceConfigError)


def test_stored_validators_reach_the_source() -> None:
    recorder = Recorder(lambda request: httpx.Response(304))
    stored = {"https://gh.test/v1/boards/lanternfish/jobs?content=true": Validators('"gh-1"', None)}
    outcomes: list[TargetOutcome] = []
    collect(
        TARGETS[:1],
        FAST,
        validators=stored.get,
        on_outcome=outcomes.append,
        transport=recorder.transport,
    )
    assert recorder.requests[0].headers["If-None-Match"] == '"gh-1"'
    (outcome,) = outcomes
    assert outcome.listing is not None and outcome.listing.not_modified


def test_unexpected_errors_propagate() -> None:
    def explode(outcome: TargetOutcome) -> None:
        raise RuntimeError("storage is down")

    with pytest.raises(RuntimeError, match="storage is down"):
        collect(TARGETS[:1], FAST, on_outcome=explode, transport=httpx.MockTransport(_handler))


def test_targets_run_concurrently_with_politeness_per_host() -> None:
    arrivals: list[tuple[str, float]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        arrivals.append((request.url.host, monotonic()))
        return _handler(request)

    targets = [
        Target("greenhouse", "lanternfish", "https://gh.test", LIST_ONLY),
        Target("greenhouse", "lanternfish", "https://gh.test", LIST_ONLY),
        Target("ashby", "tidewater", "https://ashby.test"),
    ]
    finished: list[str] = []
    settings = HttpSettings(min_delay=0.3)
    collect(
        targets,
        settings,
        on_outcome=lambda outcome: finished.append(outcome.target.label),
        transport=httpx.MockTransport(handler),
    )
    gh = sorted(at for host, at in arrivals if host == "gh.test")
    (ashby,) = [at for host, at in arrivals if host == "ashby.test"]
    # ashby.test did not wait behind gh.test; the second gh.test board waited the delay.
    assert len(gh) == 2 and gh[1] - gh[0] >= 0.3 - 0.005
    assert ashby - gh[0] < 0.2
    assert len(finished) == 3 and finished[-1] == "greenhouse:lanternfish"


def test_a_dead_host_opens_its_circuit_and_the_rest_of_its_boards_fail_fast() -> None:
    recorder = Recorder(_handler)
    boards = [Target("greenhouse", "broken", "https://gh.test") for _ in range(7)]
    outcomes: list[TargetOutcome] = []
    settings = HttpSettings(min_delay=0.0, max_retries=0, per_host_concurrency=1)
    collect(
        [*boards, Target("ashby", "tidewater", "https://ashby.test")],
        settings,
        on_outcome=outcomes.append,
        transport=recorder.transport,
    )
    errors = [str(outcome.error) for outcome in outcomes if outcome.target.source == "greenhouse"]
    assert sum("HTTP 500" in error for error in errors) == 5
    assert sum("circuit open: host kept failing" in error for error in errors) == 2
    assert [r.url.host for r in recorder.requests].count("gh.test") == 5
    (ashby,) = [outcome for outcome in outcomes if outcome.target.source == "ashby"]
    assert ashby.ok


def test_an_outcome_handler_that_raises_cancels_the_targets_still_running() -> None:
    finished: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "slow.test":
            await asyncio.sleep(5)
            finished.append("slow")
        return json_response(GREENHOUSE)

    class Stop(Exception):
        pass

    def stop(outcome: TargetOutcome) -> None:
        raise Stop(outcome.target.label)

    targets = [
        Target("greenhouse", "lanternfish", "https://gh.test", LIST_ONLY),
        Target("greenhouse", "lanternfish", "https://slow.test", LIST_ONLY),
    ]

    async def main() -> list[asyncio.Task[object]]:
        transport = httpx.MockTransport(handler)
        async with PoliteClient(FAST, transport=transport) as client:
            with pytest.raises(Stop, match="greenhouse:lanternfish"):
                await collect_with(client, targets, stop)
            return [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]

    assert asyncio.run(main()) == []  # nothing left running while the client closes
    assert finished == []
