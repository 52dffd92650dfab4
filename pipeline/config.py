"""Configuration, resolved once in layers: defaults < jobtrends.toml < JOBTRENDS_* env < flags.

The CLI builds a `Settings` with `load_settings` and passes it down; no other module reads files or
the environment for settings.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobtrends.pipeline.errors import ConfigError
from jobtrends.scraper.settings import BOARD_MIN_DELAYS, HttpSettings
from jobtrends.scraper.targets import Target

DEFAULT_CONFIG_FILE = Path("jobtrends.toml")
ENV_PREFIX = "JOBTRENDS_"

_HTTP = HttpSettings()
# section -> key -> (type, default). The single source of truth for known keys.
SCALAR_KEYS: dict[str, dict[str, tuple[type, Any]]] = {
    "storage": {"database": (str, "data/jobtrends.db")},
    "report": {"output": (str, "data/report"), "min_month_n": (int, 30)},
    "http": {
        "user_agent": (str, _HTTP.user_agent),
        "contact": (str, _HTTP.contact),
        "timeout": (float, _HTTP.timeout),
        "max_retries": (int, _HTTP.max_retries),
        "per_host_concurrency": (int, _HTTP.per_host_concurrency),
        "min_delay": (float, _HTTP.min_delay),
        "max_bytes": (int, _HTTP.max_bytes),
        "respect_robots": (bool, _HTTP.respect_robots),
    },
    "extract": {"workers": (int, 1), "batch_size": (int, 64)},
}
# `[[sources]]` keys passed to the source as text options (a TOML array is joined with commas).
SOURCE_OPTIONS = (
    "since", "until", "region", "company", "category", "search", "urls", "sitemap", "match",
    "max_pages",
)  # fmt: skip
SOURCE_KEYS = {"type", "board", "base_url", "enabled", *SOURCE_OPTIONS}


@dataclass(frozen=True, slots=True)
class Settings:
    database: Path
    report_dir: Path
    min_month_n: int
    http: HttpSettings
    workers: int
    batch_size: int
    targets: tuple[Target, ...] = ()
    config_file: Path | None = None
    raw: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def load_settings(
    config_file: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Resolve settings. `overrides` maps "section.key" to a flag value (None means not given)."""
    environ = os.environ if environ is None else environ
    explicit = config_file is not None or f"{ENV_PREFIX}CONFIG" in environ
    path = config_file or Path(environ.get(f"{ENV_PREFIX}CONFIG", DEFAULT_CONFIG_FILE))
    values: dict[str, dict[str, Any]] = {
        section: {key: default for key, (_, default) in keys.items()}
        for section, keys in SCALAR_KEYS.items()
    }
    sources: list[Mapping[str, Any]] = []
    used_file: Path | None = None
    if path.exists():
        document = _read_toml(path)
        _merge_file(document, values, path)
        sources = _source_tables(document, path)
        used_file = path
    elif explicit:
        raise ConfigError(f"config file {path} does not exist; create one with `jobtrends init`")
    _merge_env(environ, values)
    for dotted, value in (overrides or {}).items():
        if value is not None:
            section, key = dotted.split(".", 1)
            values[section][key] = value
    http = HttpSettings(**values["http"])
    return Settings(
        database=Path(values["storage"]["database"]),
        report_dir=Path(values["report"]["output"]),
        min_month_n=values["report"]["min_month_n"],
        http=http,
        workers=max(1, values["extract"]["workers"]),
        batch_size=max(1, values["extract"]["batch_size"]),
        targets=tuple(_build_target(table, path, index) for index, table in enumerate(sources)),
        config_file=used_file,
        raw=values,
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"config file {path} is not valid TOML: it is not UTF-8 text ({exc.reason} at byte "
            f"{exc.start})"
        ) from exc


def _merge_file(document: Mapping[str, Any], values: dict[str, dict[str, Any]], path: Path) -> None:
    for section, table in document.items():
        if section == "sources":
            continue
        if section not in SCALAR_KEYS:
            known = ", ".join([*SCALAR_KEYS, "sources"])
            raise ConfigError(f"{path}: unknown section [{section}]; expected one of: {known}")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [{section}] must be a table of settings")
        for key, raw in table.items():
            if (section, key) == ("http", "per_host_delay"):
                values["http"][key] = _host_delays(raw, path)
            else:
                values[section][key] = _coerce(section, key, raw, where=str(path), text=False)


def _host_delays(raw: Any, path: Path) -> dict[str, float]:
    """[http.per_host_delay] maps a host to its minimum seconds between requests."""
    expected = f"{path}: http.per_host_delay must map host names to non-negative seconds"
    if not isinstance(raw, dict):
        raise ConfigError(expected)
    delays = dict(BOARD_MIN_DELAYS)
    for host, seconds in raw.items():
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ConfigError(f"{expected}; got {host} = {seconds!r}")
        delays[host.lower()] = float(seconds)
    return delays


def _merge_env(environ: Mapping[str, str], values: dict[str, dict[str, Any]]) -> None:
    for section, keys in SCALAR_KEYS.items():
        for key in keys:
            name = f"{ENV_PREFIX}{section.upper()}_{key.upper()}"
            if name in environ:
                values[section][key] = _coerce(
                    section, key, environ[name], where=f"environment variable {name}", text=True
                )
    if f"{ENV_PREFIX}DATABASE" in environ:
        values["storage"]["database"] = environ[f"{ENV_PREFIX}DATABASE"]


def _coerce(section: str, key: str, raw: Any, *, where: str, text: bool) -> Any:
    if key not in SCALAR_KEYS[section]:
        known = ", ".join(SCALAR_KEYS[section])
        raise ConfigError(f"{where}: unknown key {section}.{key}; expected one of: {known}")
    kind = SCALAR_KEYS[section][key][0]
    expected = f"{where}: {section}.{key} must be {_describe(kind)}, got {raw!r}"
    if text and kind is not str:
        return _parse_text(raw, kind, expected)
    if kind is float and isinstance(raw, int) and not isinstance(raw, bool):
        return float(raw)
    negative = isinstance(raw, int | float) and not isinstance(raw, bool) and raw < 0
    if type(raw) is not kind or negative:
        raise ConfigError(expected)
    return raw


def _parse_text(raw: str, kind: type, expected: str) -> Any:
    if kind is bool:
        lowered = raw.strip().lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        raise ConfigError(expected)
    try:
        value: Any = kind(raw)
    except ValueError as exc:
        raise ConfigError(expected) from exc
    if value < 0:
        raise ConfigError(expected)
    return value


def _describe(kind: type) -> str:
    return {
        str: "a string",
        int: "a non-negative integer",
        float: "a non-negative number",
        bool: "true or false",
    }[kind]


def _source_tables(document: Mapping[str, Any], path: Path) -> list[Mapping[str, Any]]:
    tables = document.get("sources", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(f"{path}: sources must be written as [[sources]] tables")
    return [t for t in tables if t.get("enabled", True) is not False]


def _build_target(table: Mapping[str, Any], path: Path, index: int) -> Target:
    # Imported here: the registry pulls in every source module, which plain settings do not need.
    from jobtrends.scraper.errors import SourceConfigError
    from jobtrends.scraper.sources.registry import get_source

    where = f"{path}: [[sources]] entry {index + 1}"
    unknown = set(table) - SOURCE_KEYS
    if unknown:
        known = ", ".join(sorted(SOURCE_KEYS))
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]}; expected one of: {known}")
    kind = table.get("type")
    if not isinstance(kind, str):
        raise ConfigError(f'{where}: `type` is missing; name a source such as "greenhouse"')
    try:
        source = get_source(kind)
    except SourceConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    board = table.get("board", "")
    if not isinstance(board, str) or (source.needs_board and not board):
        raise ConfigError(f"{where}: {kind} needs `board`, the board name from the job board's URL")
    options = {
        k: ",".join(map(str, v)) if isinstance(v, list) else str(v)
        for k, v in table.items()
        if k in SOURCE_OPTIONS
    }
    base_url = table.get("base_url") or source.default_base_url
    return Target(source=kind, board=board, base_url=str(base_url).rstrip("/"), options=options)
