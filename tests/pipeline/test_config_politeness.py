"""`http.max_retry_after` is declared like every other http key: default, file, environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobtrends.pipeline.config import load_settings
from jobtrends.pipeline.errors import ConfigError


def test_max_retry_after_defaults_to_ten_minutes_and_reads_file_and_environment(
    tmp_path: Path,
) -> None:
    assert load_settings(None, environ={}).http.max_retry_after == 600.0
    config = tmp_path / "jobtrends.toml"
    config.write_text("[http]\nmax_retry_after = 90\n", "utf-8")
    assert load_settings(config, environ={}).http.max_retry_after == 90.0
    environ = {"JOBTRENDS_HTTP_MAX_RETRY_AFTER": "30"}
    assert load_settings(config, environ=environ).http.max_retry_after == 30.0


def test_a_negative_max_retry_after_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "jobtrends.toml"
    config.write_text("[http]\nmax_retry_after = -1\n", "utf-8")
    with pytest.raises(ConfigError, match="max_retry_after"):
        load_settings(config, environ={})
