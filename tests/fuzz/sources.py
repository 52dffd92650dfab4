"""Fuzz targets for every `parse_*` function of every source module, found by introspection.

A source added later is fuzzed without touching this folder: its module's `parse_*` functions get
arbitrary JSON (or markup, for functions taking text or bytes) plus mutations of its recorded
fixtures under tests/fixtures/<name>/, and may raise nothing but `ParseError`.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import jobtrends.scraper.sources as sources_package
from jobtrends.scraper.errors import ParseError
from jobtrends.scraper.records import RawPosting
from jobtrends.scraper.text import html_to_text
from tests.fuzz.strategies import HTML, JOB_PAYLOADS, JSON, mutated_json, mutated_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_KEYWORDS: dict[str, Any] = {
    "board": "b",
    "url": "https://jobs.example.com/careers/1",
    "source": "fuzz",
    "now": datetime(2026, 11, 1, tzinfo=UTC),
}


def _fixture_files(module: str) -> list[Path]:
    folders = {FIXTURES / module, FIXTURES / module.split("_")[0]}
    return sorted(p for folder in folders if folder.is_dir() for p in folder.iterdir())


def _strategy(module: str, kind: str) -> st.SearchStrategy[Any]:
    files = _fixture_files(module)
    if kind == "json":
        bases = [json.loads(p.read_text("utf-8")) for p in files if p.suffix == ".json"]
        return JSON | JOB_PAYLOADS | (mutated_json(bases) if bases else JSON)
    pages = [p.read_text("utf-8") for p in FIXTURES.glob("*/*") if p.suffix in (".html", ".xml")]
    text = HTML | mutated_text(pages) if pages else HTML
    if kind == "bytes":
        return text.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=300)
    return text


def _kind(function: Callable[..., Any]) -> str:
    first = next(iter(inspect.signature(function).parameters.values()))
    annotation = str(first.annotation)
    if "Any" in annotation or annotation == inspect.Parameter.empty:
        return "json"
    return "str" if "str" in annotation else "bytes"


def caller(function: Callable[..., Any]) -> Callable[[Any], object]:
    required = {
        name: _KEYWORDS.get(name, "x")
        for name, parameter in inspect.signature(function).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
        and parameter.default is inspect.Parameter.empty
    }
    return lambda payload: function(payload, **required)


def check_postings(value: Any, result: Any) -> None:
    """Whatever a parser returns, each posting in it is well formed."""
    postings = result if isinstance(result, list) else getattr(result, "postings", None)
    for posting in postings if isinstance(postings, list) else []:
        if isinstance(posting, RawPosting):
            assert posting.external_id
            assert posting.posted_at is None or posting.posted_at.utcoffset() is not None
            assert posting.description_text == html_to_text(posting.description_html)
            for value in vars_of(posting):
                if isinstance(value, str):
                    value.encode("utf-8")  # storable: no lone surrogates


def vars_of(posting: RawPosting) -> list[Any]:
    return [getattr(posting, name) for name in posting.__dataclass_fields__]


def source_parsers() -> Iterator[tuple[str, st.SearchStrategy[Any], Callable[[Any], object]]]:
    """(name, input strategy, call) for every parse_* function of every source module."""
    prefix = f"{sources_package.__name__}."
    for info in sorted(
        pkgutil.walk_packages(sources_package.__path__, prefix), key=lambda m: m.name
    ):
        module = importlib.import_module(info.name)
        folder = info.name.removeprefix(prefix).split(".")[0]
        for name, function in sorted(vars(module).items()):
            if not (name.startswith("parse_") and inspect.isfunction(function)):
                continue
            if function.__module__ != module.__name__ or name == "parse_header":
                continue
            yield name, _strategy(folder, _kind(function)), caller(function)


ALLOWED = (ParseError,)
