"""Sources served whole in one response: complete only in the documented shape with its own count
agreeing (Greenhouse `meta.total`, Remotive `job-count`); any other shape is incomplete."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jobtrends.scraper.sources import ashby, greenhouse, remoteok, remotive, workable
from jobtrends.scraper.targets import Source, Target
from tests.scraper.support import fetch_listing, json_response, load

GREENHOUSE = Target("greenhouse", "lanternfish", "https://gh.test")
ASHBY = Target("ashby", "quillmark", "https://ashby.test")
WORKABLE = Target("workable", "tidewater", "https://workable.test")
REMOTIVE = Target("remotive", "", "https://remotive.test")
REMOTEOK = Target("remoteok", "", "https://remoteok.test")


def _complete(source: Source, target: Target, payload: Any) -> bool:
    listing, _ = fetch_listing(source, target, lambda request: json_response(payload))
    return listing.complete


def _board(total: object, *, drop: int = 0) -> dict[str, Any]:
    board: dict[str, Any] = load("greenhouse", "board_content_true.json")
    board["jobs"] = board["jobs"][drop:]
    board["meta"] = {"total": total}
    return board


def test_greenhouse_is_complete_only_when_meta_total_equals_the_jobs_returned() -> None:
    board = load("greenhouse", "board_content_true.json")
    assert _complete(greenhouse.SOURCE, GREENHOUSE, board)
    assert _complete(greenhouse.SOURCE, GREENHOUSE, load("greenhouse", "board_empty.json"))
    count = len(board["jobs"])
    assert not _complete(greenhouse.SOURCE, GREENHOUSE, _board(count, drop=1))  # one job cut
    assert not _complete(greenhouse.SOURCE, GREENHOUSE, _board(count - 1))  # more than counted
    assert not _complete(greenhouse.SOURCE, GREENHOUSE, _board(str(count)))  # not a number
    assert not _complete(greenhouse.SOURCE, GREENHOUSE, {"jobs": board["jobs"]})  # no meta
    assert not _complete(greenhouse.SOURCE, GREENHOUSE, load("greenhouse", "job_single.json"))


@pytest.mark.parametrize(
    "name", ["gitlab_jobs_content_true.json", "smarterdx_jobs_content_true.json"]
)
def test_greenhouse_real_trimmed_boards_are_incomplete(shared_fixtures: Path, name: str) -> None:
    raw = json.loads((shared_fixtures / "greenhouse" / name).read_text())
    assert raw["meta"]["total"] > len(raw["jobs"])  # trimmed by their recorder
    assert not _complete(greenhouse.SOURCE, GREENHOUSE, raw)
    whole = {**raw, "meta": {"total": len(raw["jobs"])}}
    assert _complete(greenhouse.SOURCE, GREENHOUSE, whole)


def test_ashby_is_complete_in_the_documented_shape_only() -> None:
    assert _complete(ashby.SOURCE, ASHBY, load("ashby", "job_board.json"))
    assert _complete(ashby.SOURCE, ASHBY, load("ashby", "job_board_empty.json"))
    bare = load("ashby", "job_board_bare_array.json")
    listing, _ = fetch_listing(ashby.SOURCE, ASHBY, lambda request: json_response(bare))
    assert listing.postings and not listing.complete  # read, but closes nothing


def test_ashby_real_board_is_the_documented_shape(shared_fixtures: Path) -> None:
    raw = json.loads((shared_fixtures / "ashby/openevidence_job_board.json").read_text())
    assert _complete(ashby.SOURCE, ASHBY, raw)


def test_workable_is_complete_in_the_documented_shape() -> None:
    assert _complete(workable.SOURCE, WORKABLE, load("workable", "widget_account_details.json"))
    assert _complete(workable.SOURCE, WORKABLE, load("workable", "widget_account_empty.json"))


def test_remotive_is_complete_only_when_job_count_equals_the_jobs_returned() -> None:
    feed: dict[str, Any] = load("remotive", "remote_jobs.json")
    assert _complete(remotive.SOURCE, REMOTIVE, feed)
    assert _complete(remotive.SOURCE, REMOTIVE, load("remotive", "remote_jobs_empty.json"))
    assert not _complete(remotive.SOURCE, REMOTIVE, {**feed, "jobs": feed["jobs"][1:]})
    assert not _complete(remotive.SOURCE, REMOTIVE, {**feed, "job-count": 500})
    without = {key: value for key, value in feed.items() if key != "job-count"}
    assert not _complete(remotive.SOURCE, REMOTIVE, without)


def test_remotive_real_feed_without_its_count_is_incomplete(shared_fixtures: Path) -> None:
    raw = json.loads((shared_fixtures / "remotive/remotive_remote_jobs_trimmed.json").read_text())
    assert "job-count" not in raw  # the recorder dropped it
    assert not _complete(remotive.SOURCE, REMOTIVE, raw)
    assert _complete(remotive.SOURCE, REMOTIVE, {**raw, "job-count": len(raw["jobs"])})


def test_remoteok_is_never_complete(shared_fixtures: Path) -> None:
    assert not _complete(remoteok.SOURCE, REMOTEOK, load("remoteok", "api.json"))
    raw = json.loads((shared_fixtures / "remoteok/remoteok_api_trimmed.json").read_text())
    assert not _complete(remoteok.SOURCE, REMOTEOK, raw)
