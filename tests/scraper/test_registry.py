from __future__ import annotations

import json

import pytest

from jobtrends.scraper.errors import SourceConfigError
from jobtrends.scraper.sources.registry import SOURCES, get_source
from jobtrends.scraper.targets import SourceOptions
from tests.scraper.support import FIXTURES


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_registered_source_has_its_own_fixtures(name: str) -> None:
    files = sorted((FIXTURES / name).glob("*.json")) if (FIXTURES / name).is_dir() else []
    assert files, f"source {name!r} is registered but tests/fixtures/{name}/ has no JSON fixtures"
    for path in files:
        json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_registered_sources_satisfy_the_protocol(name: str) -> None:
    source = SOURCES[name]
    assert source.name == name
    assert source.default_base_url.startswith("https://")
    assert not source.default_base_url.endswith("/")
    assert isinstance(source.needs_board, bool)
    assert callable(source.fetch)
    assert issubclass(source.options_model, SourceOptions)  # strict, unknown keys refused
    target_keys = {"type", "board", "base_url", "enabled"}
    assert not target_keys & set(source.options_model.model_fields)


def test_get_source_and_unknown_names() -> None:
    assert get_source("greenhouse") is SOURCES["greenhouse"]
    assert SOURCES["hn"].needs_board is False
    with pytest.raises(SourceConfigError) as caught:
        get_source("workday")
    message = str(caught.value)
    assert "'workday'" in message
    assert all(name in message for name in ("ashby", "greenhouse", "hn", "lever"))
