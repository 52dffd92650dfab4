"""CI never depends on a random draw: property tests run with the derandomized profile."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.skipif(os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci", reason="explore run")
def test_the_default_profile_draws_the_same_examples_every_run() -> None:
    assert settings.default.derandomize
    assert settings.default.database is None


def _examples() -> list[str]:
    seen: list[str] = []

    @given(st.text())
    def record(value: str) -> None:
        seen.append(value)

    record()
    return seen


def test_two_runs_of_a_property_see_the_same_examples() -> None:
    first, second = _examples(), _examples()
    assert len(first) > 10
    if settings.default.derandomize:
        assert first == second
