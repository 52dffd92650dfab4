from __future__ import annotations

import httpx
import pytest

from jobtrends.scraper.collect import TargetOutcome, collect, collect_with
from jobtrends.scraper.errors import FetchError, ParseError, SourceConfigError
from jobtrends.scraper.http import PoliteClient
from jobtrends.scraper.records import Validators
from jobtrends.scraper.settings import HttpSettings
from jobtrends.scraper.sources.base import Target
from tests.scraper.support import FAST, FakeTime, Recorder, json_response, load, run_with_client

GREENHOUSE = load("greenhouse", "board_content_true.json")
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
    Target("greenhouse", "lanternfish", "https://gh.test"),
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
    time = FakeTime()
    recorder = Recorder(_handler, time=time)
    targets = [
        Target("greenhouse", "lanternfish", "https://gh.test"),
        Target("greenhouse", "lanternfish", "https://gh.test"),
        Target("ashby", "tidewater", "https://ashby.test"),
    ]
    finished: list[str] = []

    async def action(client: PoliteClient) -> None:
        await collect_with(client, targets, lambda outcome: finished.append(outcome.target.label))

    run_with_client(HttpSettings(min_delay=4.0), recorder.transport, action, time=time)
    arrivals = {
        (str(r.url.host), t) for r, t in zip(recorder.requests, recorder.times, strict=True)
    }
    assert arrivals == {("gh.test", 0.0), ("gh.test", 4.0), ("ashby.test", 0.0)}
    assert len(finished) == 3 and finished[-1] == "greenhouse:lanternfish"
