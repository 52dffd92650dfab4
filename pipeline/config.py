"""Configuration, resolved once in layers: defaults < jobtrends.toml < JOBTRENDS_* env < flags.

The CLI builds a `Settings` with `load_settings` and passes it down; no other module reads files or
the environment for settings. The models below are the one statement of what is allowed. The file
is checked strictly (`"no"` is not a boolean, 5 is not a string); environment variables and flags
are text, parsed into the same fields laxly (`"5"` is 5). A `[[sources]]` table is checked against
its source's `options_model` and `needs_board` (from the registry), so a source declares a new
option in its own module only. Every problem names the file or variable, the key, the value given
and what was expected (see `jobtrends.pipeline.validation`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, TypeVar, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    NonNegativeInt,
    PlainValidator,
    PositiveInt,
    TypeAdapter,
    ValidationError,
    create_model,
)

import jobtrends.scraper as scraper  # SOURCES, the registry, is imported when first used
from jobtrends.pipeline.config_toml import read_toml
from jobtrends.pipeline.database import Database, database_location
from jobtrends.pipeline.errors import ConfigError
from jobtrends.pipeline.validation import STRICT, describe, validated
from jobtrends.scraper.settings import BOARD_MIN_DELAYS, HttpSettings
from jobtrends.scraper.targets import SourceOptions, Target

DEFAULT_CONFIG_FILE = Path("jobtrends.toml")
ENV_PREFIX = "JOBTRENDS_"

_HTTP = HttpSettings()
SectionT = TypeVar("SectionT", bound=BaseModel)
Seconds = Annotated[float, Field(ge=0, allow_inf_nan=False)]
PositiveSeconds = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class StorageSection(BaseModel):
    model_config = STRICT
    database: str = "data/jobtrends.db"


class ReportSection(BaseModel):
    model_config = STRICT
    output: str = "data/report"
    min_month_n: NonNegativeInt = 30


class HttpSection(BaseModel):
    model_config = STRICT
    user_agent: str = _HTTP.user_agent
    contact: str = _HTTP.contact
    timeout: PositiveSeconds = _HTTP.timeout
    max_retries: NonNegativeInt = _HTTP.max_retries
    per_host_concurrency: PositiveInt = _HTTP.per_host_concurrency
    min_delay: Seconds = _HTTP.min_delay
    max_bytes: PositiveInt = _HTTP.max_bytes
    respect_robots: bool = _HTTP.respect_robots
    max_retry_after: Seconds = _HTTP.max_retry_after
    per_host_delay: dict[str, Seconds] = Field(default_factory=dict)
    """Host -> minimum seconds between its requests; extends `BOARD_MIN_DELAYS`. File only."""


class ExtractSection(BaseModel):
    model_config = STRICT
    workers: PositiveInt = 1
    batch_size: PositiveInt = 64


class StatusSection(BaseModel):
    model_config = STRICT
    failed_runs: PositiveInt = 3
    """`jobtrends status` exits 1 when a board failed in each of its last `failed_runs` runs."""


class TaxonomySection(BaseModel):
    model_config = STRICT
    user_file: str = "jobtrends.taxonomy.toml"  # skills added by `taxonomy review --accept`


SECTIONS: dict[str, type[BaseModel]] = {
    "storage": StorageSection,
    "report": ReportSection,
    "http": HttpSection,
    "extract": ExtractSection,
    "status": StatusSection,
    "taxonomy": TaxonomySection,
}
"""Every `[section]` of the file; `JOBTRENDS_<SECTION>_<KEY>` sets any of their plain values."""


# --- `[[sources]]` tables -------------------------------------------------------------------------

_WEB_URL = TypeAdapter(HttpUrl)


def _web_url(value: object) -> str:
    if isinstance(value, str):
        with suppress(ValidationError):
            _WEB_URL.validate_python(value)
            return value
    raise ValueError('an http(s) URL such as "https://example.com"')


def _board_name(value: str) -> str:
    if not value.strip():
        raise ValueError("a board name (the name in the board's URL), not blank")
    return value


def _source_type(value: object) -> str:
    if isinstance(value, str) and value in scraper.SOURCES:
        return value
    raise ValueError(f"one of {', '.join(repr(name) for name in sorted(scraper.SOURCES))}")


WebUrl = Annotated[str, PlainValidator(_web_url)]
BoardName = Annotated[str, AfterValidator(_board_name)]
SourceType = Annotated[str, PlainValidator(_source_type)]
TARGET_KEYS = ("type", "board", "base_url", "enabled")
"""The keys every `[[sources]]` table may have; the rest are its source's options."""


class _TableType(BaseModel):
    """A `[[sources]]` table's `type`, checked before the table is checked against its source."""

    model_config = ConfigDict(strict=True, extra="allow", frozen=True)
    type: SourceType


@cache
def _entry_model(kind: str) -> type[SourceOptions]:
    """The source's options plus the target keys: what one of its `[[sources]]` tables may say."""
    source = scraper.SOURCES[kind]
    board: tuple[Any, Any] = (BoardName, ...) if source.needs_board else (str, "")
    return create_model(
        f"{source.name.title()}Table",
        __base__=source.options_model,
        type=(str, ...),
        board=board,
        base_url=(WebUrl | None, None),
        enabled=(bool, True),
    )


@dataclass(frozen=True, slots=True)
class SourceTable:
    """One checked `[[sources]]` table: the target it configures, and whether it is switched on."""

    target: Target
    enabled: bool


def _source_table(table: object) -> SourceTable:
    """Checks `table` against its source's model (errors keep their keys, e.g. `since`)."""
    if not isinstance(table, dict):
        raise ValueError("a [[sources]] table")
    kind = _TableType.model_validate(table).type
    source = scraper.SOURCES[kind]
    _entry_model(kind).model_validate(table)
    # Options reach the source as text (a TOML array joined with commas), read by the same model.
    options = {
        key: ",".join(map(str, value)) if isinstance(value, list) else str(value)
        for key, value in table.items()
        if key not in TARGET_KEYS
    }
    base_url: str = table.get("base_url") or source.default_base_url
    target = Target(kind, table.get("board", ""), base_url.rstrip("/"), options)
    return SourceTable(target=target, enabled=table.get("enabled", True))


def _source_list(value: object) -> object:
    if not isinstance(value, list):
        raise ValueError("[[sources]] tables")
    return value


class ConfigFile(BaseModel):
    """A whole `jobtrends.toml`."""

    model_config = STRICT
    storage: StorageSection = StorageSection()
    report: ReportSection = ReportSection()
    http: HttpSection = HttpSection()
    extract: ExtractSection = ExtractSection()
    status: StatusSection = StatusSection()
    taxonomy: TaxonomySection = TaxonomySection()
    sources: Annotated[
        list[Annotated[SourceTable, PlainValidator(_source_table)]],
        BeforeValidator(_source_list),
    ] = Field(default_factory=list)


# --- Loading -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Settings:
    database: Database  # a SQLite file or a PostgreSQL URL
    report_dir: Path
    min_month_n: int
    http: HttpSettings
    workers: int
    batch_size: int
    targets: tuple[Target, ...] = ()
    config_file: Path | None = None
    failed_runs: int = StatusSection().failed_runs
    user_taxonomy: Path = Path(TaxonomySection().user_file)


def load_settings(
    config_file: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Resolve and check every setting. `overrides` maps "section.key" to a flag's value (None:
    not given). Raises `ConfigError` before anything is opened or written."""
    environ = os.environ if environ is None else environ
    explicit = config_file is not None or f"{ENV_PREFIX}CONFIG" in environ
    path = config_file or Path(environ.get(f"{ENV_PREFIX}CONFIG", DEFAULT_CONFIG_FILE))
    document = ConfigFile()
    used_file: Path | None = None
    if path.exists():
        document = validated(ConfigFile, read_toml(path), origin=str(path), error=ConfigError)
        used_file = path
    elif explicit:
        raise ConfigError(f"config file {path} does not exist; create one with `jobtrends init`")
    given = {**_environment_values(environ), **_flag_values(overrides or {})}
    storage = _updated(document.storage, "storage", given)
    report = _updated(document.report, "report", given)
    http = _updated(document.http, "http", given)
    extract = _updated(document.extract, "extract", given)
    return Settings(
        database=database_location(storage.database),
        report_dir=Path(report.output),
        min_month_n=report.min_month_n,
        http=_http_settings(http),
        workers=extract.workers,
        batch_size=extract.batch_size,
        targets=tuple(table.target for table in document.sources if table.enabled),
        config_file=used_file,
        failed_runs=_updated(document.status, "status", given).failed_runs,
        user_taxonomy=Path(_updated(document.taxonomy, "taxonomy", given).user_file),
    )


def _environment_values(environ: Mapping[str, str]) -> dict[tuple[str, str], Any]:
    """The values `JOBTRENDS_<SECTION>_<KEY>` variables set (tables such as per_host_delay are
    file-only), then the `JOBTRENDS_DATABASE` shortcut, which wins."""
    keys = {
        f"{ENV_PREFIX}{section.upper()}_{key.upper()}": (section, key)
        for section, model in SECTIONS.items()
        for key, field in model.model_fields.items()
        if get_origin(field.annotation) is not dict
    }
    keys[f"{ENV_PREFIX}DATABASE"] = ("storage", "database")
    return {
        keys[name]: _parsed(*keys[name], environ[name], f"environment variable {name}")
        for name in keys
        if name in environ
    }


def _flag_values(overrides: Mapping[str, Any]) -> dict[tuple[str, str], Any]:
    found: dict[tuple[str, str], Any] = {}
    for dotted, value in overrides.items():
        if value is not None:
            section, key = dotted.split(".", 1)
            found[section, key] = _parsed(section, key, value, "command-line flag")
    return found


def _updated(model: SectionT, section: str, given: Mapping[tuple[str, str], Any]) -> SectionT:
    """`model` with the (already checked) values the environment and flags gave for `section`."""
    return model.model_copy(
        update={key: value for (name, key), value in given.items() if name == section}
    )


def _parsed(section: str, key: str, value: Any, origin: str) -> Any:
    """`value` (text from the environment or a flag) as the type of `section.key`."""
    model = SECTIONS[section]
    try:
        return getattr(model.model_validate({key: value}, strict=False), key)
    except ValidationError as failure:
        raise ConfigError(describe(failure, origin=origin, prefix=section)) from None


def _http_settings(http: HttpSection) -> HttpSettings:
    delays = {host.lower(): seconds for host, seconds in http.per_host_delay.items()}
    fields = http.model_dump(exclude={"per_host_delay"})
    return HttpSettings(**fields, per_host_delay={**BOARD_MIN_DELAYS, **delays})
