"""Every parser and normalizer that takes untrusted input, with the inputs to throw at it.

A `FuzzTarget` names a function, a hypothesis strategy for its input, the typed errors it may
raise (anything else is a bug), and optionally a property of its result. The tests in this folder
run each target under hypothesis; bench/faults.py runs the same targets and counts the inputs.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from jobtrends.pipeline.config import load_settings
from jobtrends.pipeline.errors import ConfigError, InputError
from jobtrends.pipeline.ingest.analyze import read_postings as read_analyze_input
from jobtrends.pipeline.nlp.language import detect_language
from jobtrends.pipeline.nlp.remote import detect_remote
from jobtrends.pipeline.nlp.role import title_role
from jobtrends.pipeline.nlp.salary import parse_salary
from jobtrends.pipeline.nlp.section_cues import heading_section, label_prefix_section
from jobtrends.pipeline.nlp.seniority import detect_seniority
from jobtrends.pipeline.ops.lock import read_holder
from jobtrends.pipeline.ops.schedule import CronSchedule, ScheduleError
from jobtrends.pipeline.results import Salary
from jobtrends.pipeline.vocab import REMOTES, ROLES, SENIORITIES
from jobtrends.scraper._politeness import retry_after_seconds
from jobtrends.scraper.errors import ParseError, SourceConfigError
from jobtrends.scraper.sources.hn.header import parse_header
from jobtrends.scraper.sources.hn.source import month_window
from jobtrends.scraper.text import html_to_text
from tests.fuzz.sources import check_postings, source_parsers
from tests.fuzz.strategies import CRON, ENV, HTML, PROSE, SALARY_TEXT, TOML_FILES, files


@dataclass(frozen=True, slots=True)
class FuzzTarget:
    name: str
    strategy: st.SearchStrategy[Any]
    call: Callable[[Any], object]
    allowed: tuple[type[Exception], ...] = ()
    check: Callable[[Any, Any], None] | None = None


def exercise(target: FuzzTarget, value: Any) -> None:
    """Call the target: it returns (and its result passes `check`) or raises an allowed error."""
    try:
        result = target.call(value)
    except target.allowed as error:
        assert str(error), f"{target.name} raised {type(error).__name__} without a message"
        return
    if target.check is not None:
        target.check(value, result)


def _text_ok(value: str, result: str) -> None:
    assert isinstance(result, str)
    assert "\r" not in result and "\n\n\n" not in result
    assert result == result.strip()


def _salary_ok(value: str, result: Salary | None) -> None:
    if result is None:
        return
    assert result.min is not None or result.max is not None
    if result.min is not None and result.max is not None:
        assert result.min <= result.max
    assert result.period in ("year", "month", "week", "day", "hour")


def _one_of(ids: tuple[str, ...]) -> Callable[[Any, Any], None]:
    def check(value: Any, result: Any) -> None:
        assert result in ids, result

    return check


def _retry_after_ok(value: str, result: float | None) -> None:
    assert result is None or result >= 0.0


def _cron_ok(value: str, result: CronSchedule) -> None:
    moment = datetime(2026, 3, 1, 12, 0).astimezone()
    assert result.next_after(moment) > moment


def _in_file(suffix: str, read: Callable[[Path], object]) -> Callable[[bytes], object]:
    def call(content: bytes) -> object:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input{suffix}"
            path.write_bytes(content)
            return read(path)

    return call


def _load_config(document: bytes) -> object:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "jobtrends.toml"
        path.write_bytes(document)
        return load_settings(path, environ={})


TODAY = date(2026, 11, 1)

TARGETS: dict[str, FuzzTarget] = {
    target.name: target
    for target in (
        FuzzTarget("hn_header", PROSE, parse_header),
        FuzzTarget("hn_month_window", st.dictionaries(st.sampled_from(["since", "until"]), PROSE),
                   lambda options: month_window(options, TODAY), (SourceConfigError,)),
        FuzzTarget("html_to_text", HTML, html_to_text, (), _text_ok),
        FuzzTarget("salary", SALARY_TEXT, parse_salary, (), _salary_ok),
        FuzzTarget("seniority", st.tuples(PROSE, SALARY_TEXT),
                   lambda pair: detect_seniority(*pair), (), _one_of(SENIORITIES)),
        FuzzTarget("remote", st.tuples(PROSE, PROSE, st.sampled_from([None, *REMOTES[:3]])),
                   lambda args: detect_remote(args[0], args[1], args[2], args[0]), (),
                   _one_of(REMOTES)),
        FuzzTarget("title_role", PROSE, title_role, (), _one_of((*ROLES, None))),  # type: ignore[arg-type]
        FuzzTarget("language", PROSE, detect_language),
        FuzzTarget("section_heading", PROSE, lambda text: (heading_section(text),
                                                             label_prefix_section(text))),
        FuzzTarget("retry_after", PROSE, retry_after_seconds, (), _retry_after_ok),
        FuzzTarget("cron", CRON, CronSchedule.parse, (ScheduleError,), _cron_ok),
        FuzzTarget("lock_file", files(), _in_file(".lock", read_holder)),
        FuzzTarget("config_file", TOML_FILES, _load_config, (ConfigError,)),
        FuzzTarget("config_env", ENV, lambda environ: load_settings(None, environ=environ),
                   (ConfigError,)),
        FuzzTarget("analyze_jsonl", files(json_lines=True), _in_file(".jsonl", read_analyze_input),
                   (InputError,)),
        FuzzTarget("analyze_json", files(json_lines=False), _in_file(".json", read_analyze_input),
                   (InputError,)),
        FuzzTarget("analyze_csv", files(csv_rows=True), _in_file(".csv", read_analyze_input),
                   (InputError,)),
    )
}  # fmt: skip


def add_source_parsers() -> None:
    """Every `parse_*` function of every source module (see tests/fuzz/sources.py)."""
    for name, strategy, call in source_parsers():
        TARGETS[name] = FuzzTarget(name, strategy, call, (ParseError,), check_postings)


def add_import_targets() -> None:
    """The `import` readers, when that command is present in this tree."""
    try:
        from jobtrends.pipeline.ingest.importer import read_postings as read_import
    except ImportError:
        return
    for suffix, strategy in ((".jsonl", files(json_lines=True)), (".csv", files(csv_rows=True))):
        name = f"import{suffix.replace('.', '_')}"
        TARGETS[name] = FuzzTarget(name, strategy, _in_file(suffix, read_import), (InputError,))


add_source_parsers()
add_import_targets()
