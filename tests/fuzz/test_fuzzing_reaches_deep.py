"""The fuzz targets are not vacuous: a bug is caught, and the strategies reach the success paths."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import find, settings

from jobtrends.pipeline.config import Settings
from tests.fuzz.targets import TARGETS, FuzzTarget, exercise


def _succeeds(target: FuzzTarget, condition: Any) -> Any:
    def ok(value: Any) -> bool:
        try:
            return bool(condition(target.call(value)))
        except target.allowed:
            return False

    return find(target.strategy, ok, settings=settings(max_examples=2000, database=None))


def test_an_unexpected_exception_is_a_failure() -> None:
    def broken(value: object) -> object:
        raise KeyError(value)

    with pytest.raises(KeyError):
        exercise(FuzzTarget("broken", TARGETS["cron"].strategy, broken, (ValueError,)), "x")


def test_a_failed_result_check_is_a_failure() -> None:
    def check(value: object, result: object) -> None:
        raise AssertionError("check failed")

    with pytest.raises(AssertionError, match="check failed"):
        exercise(FuzzTarget("checked", TARGETS["cron"].strategy, str, (), check), "x")


@pytest.mark.parametrize(
    ("name", "condition"),
    [
        ("parse_greenhouse", lambda postings: len(postings) > 0),
        ("parse_lever", lambda postings: len(postings) > 0),
        ("parse_hn_thread", lambda postings: len(postings) > 0),
        ("salary", lambda salary: salary is not None and salary.max is not None),
        ("config_file", lambda found: isinstance(found, Settings) and len(found.targets) > 0),
        ("config_env", lambda found: isinstance(found, Settings)),
        ("cron", lambda schedule: schedule is not None),
        ("html_to_text", lambda text: "\n" in text),
    ],
)
def test_the_strategies_reach_the_success_paths(name: str, condition: Any) -> None:
    assert _succeeds(TARGETS[name], condition) is not None
