"""Reading the configuration file: TOML text to a dict, every failure a `ConfigError` naming it."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from jobtrends.pipeline.errors import ConfigError


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed file; unreadable, not UTF-8 or not TOML raises `ConfigError`."""
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
