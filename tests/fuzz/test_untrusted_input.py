"""Hypothesis over every parser and normalizer: arbitrary input raises nothing but the typed error.

Each target of `tests.fuzz.targets.TARGETS` gets `EXAMPLES` generated inputs (JSON, HTML, prose,
salary text, TOML, environment variables, file contents); a result must pass the target's check.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.targets import TARGETS, exercise

EXAMPLES = 60


@pytest.mark.parametrize("name", sorted(TARGETS))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_untrusted_input_raises_only_typed_errors(name: str, data: st.DataObject) -> None:
    target = TARGETS[name]
    exercise(target, data.draw(target.strategy, label=name))
