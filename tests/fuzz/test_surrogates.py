"""No source can hand the store a string it cannot write: lone surrogates become "?".

A JSON "\\ud800" escape decodes to a lone surrogate, which UTF-8 (and so SQLite) cannot encode.
Every `parse_*` function of every source gets each of its recorded fixtures with such a character
added to every string, and each posting it returns must be storable, field by field.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import jobtrends.scraper.sources as sources_package
from jobtrends.pipeline.store import Store, utc_now
from jobtrends.scraper.errors import ParseError
from jobtrends.scraper.records import Listing, RawPosting, StructuredSalary, storable
from tests.fuzz.sources import caller, check_postings, vars_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LONE = "\ud800"


def _with_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return value + LONE if value else LONE
    if isinstance(value, list):
        return [_with_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {key: _with_surrogates(item) for key, item in value.items()}
    return value


def _json_parsers() -> Iterator[tuple[str, Any, Path]]:
    prefix = f"{sources_package.__name__}."
    for info in pkgutil.walk_packages(sources_package.__path__, prefix):
        module = importlib.import_module(info.name)
        folder = FIXTURES / info.name.removeprefix(prefix).split(".")[0]
        for name, function in sorted(vars(module).items()):
            if not (name.startswith("parse_") and inspect.isfunction(function)):
                continue
            if function.__module__ != module.__name__ or not folder.is_dir():
                continue
            first = next(iter(inspect.signature(function).parameters.values()))
            if "Any" not in str(first.annotation):
                continue
            for fixture in sorted(folder.glob("*.json")):
                yield f"{name}:{fixture.name}", function, fixture


CASES = list(_json_parsers())


def _postings(result: Any) -> list[RawPosting]:
    found = result if isinstance(result, list) else getattr(result, "postings", [])
    return [posting for posting in found if isinstance(posting, RawPosting)]


def test_every_source_with_json_fixtures_is_covered() -> None:
    covered = {case.split(":")[0] for case, _, _ in CASES}
    assert {"parse_greenhouse", "parse_lever", "parse_himalayas", "parse_hn_thread"} <= covered


@pytest.mark.parametrize(("case", "parse", "fixture"), CASES, ids=[c[0] for c in CASES])
def test_parsers_return_only_storable_strings(case: str, parse: Any, fixture: Path) -> None:
    payload = _with_surrogates(json.loads(fixture.read_text("utf-8")))
    try:
        result = caller(parse)(payload)
    except ParseError:
        return  # a payload made invalid by the change is refused, which is also safe
    check_postings(payload, result)
    for posting in _postings(result):
        for value in vars_of(posting):
            if isinstance(value, str):
                value.encode("utf-8")


def test_a_record_built_with_a_lone_surrogate_is_storable(tmp_path: Path) -> None:
    salary = StructuredSalary(1.0, 2.0, "US" + LONE, "year")
    posting = RawPosting(
        source="himalayas",
        external_id="x" + LONE,
        board="",
        company="Acme",
        title="ML Engineer",
        location=LONE,
        url="https://himalayas.app/jobs/1",
        posted_at=None,
        description_html="<p>Python</p>",
        description_text="Python",
        salary=salary,
    )
    assert posting.location == "?" and posting.external_id == "x?" and salary.currency == "US?"
    with Store.open(tmp_path / "jobtrends.db") as store:
        listing = Listing([posting], complete=False)
        counts = store.save_listing(listing, source="himalayas", board="", now=utc_now())
    assert counts.new == 1


def test_storable_leaves_clean_text_alone() -> None:
    text = "Zürich – 東京 🚀"
    assert storable(text) is text
