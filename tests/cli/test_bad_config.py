"""A bad setting stops `scrape` and `run` before anything is opened or written.

The whole configuration is checked first: the message names the file (or variable), the key, the
value given and what was expected; no database, lock file or run-log row exists afterwards.
"""

from pathlib import Path

import pytest
from click.testing import CliRunner

from jobtrends.pipeline.cli import cli

HN = '[[sources]]\ntype = "hn"\n'
LEVER = '[[sources]]\ntype = "lever"\n'
# (config file text, the key path, the value as the message shows it)
BAD_CONFIGS = {
    "enabled as text": (HN + 'enabled = "no"\n', "sources[0].enabled", '"no"'),
    "base_url a number": (HN + "base_url = 18001\n", "sources[0].base_url", "18001"),
    "base_url ftp": (HN + 'base_url = "ftp://x"\n', "sources[0].base_url", '"ftp://x"'),
    "base_url not a url": (HN + 'base_url = "not a url"\n', "sources[0].base_url", '"not a url"'),
    "blank board": (LEVER + 'board = "  "\n', "sources[0].board", '"  "'),
    "board a number": (LEVER + "board = 123\n", "sources[0].board", "123"),
    "month 13": (HN + 'since = "2026-13"\n', "sources[0].since", '"2026-13"'),
    "month a number": (HN + "since = 202601\n", "sources[0].since", "202601"),
    "type a number": ("[[sources]]\ntype = 5\n", "sources[0].type", "5"),
    "zero timeout": (HN + "[http]\ntimeout = 0\n", "http.timeout", "0"),
    "no workers": (HN + "[extract]\nworkers = 0\n", "extract.workers", "0"),
    "unknown source option": (HN + 'region = "eu"\n', "sources[0].region", ""),
    "unknown section": (HN + "[stroage]\n", "stroage", ""),
}


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    for name in ("JOBTRENDS_CONFIG", "JOBTRENDS_DATABASE", "JOBTRENDS_HTTP_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


def assert_stopped_before_writing(result: object, folder: Path, *fragments: str) -> None:
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert stderr.startswith("error: ") and "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in stderr, stderr
    assert sorted(p.name for p in folder.rglob("*")) == ["jobtrends.toml"]


@pytest.mark.parametrize("case", sorted(BAD_CONFIGS))
@pytest.mark.parametrize("command", ["scrape", "run"])
def test_a_bad_config_stops_before_the_database_and_the_lock(
    runner: CliRunner, tmp_path: Path, case: str, command: str
) -> None:
    text, key, value = BAD_CONFIGS[case]
    config = tmp_path / "jobtrends.toml"
    config.write_text(f'[storage]\ndatabase = "{tmp_path}/db/jobtrends.db"\n' + text)
    result = runner.invoke(cli, ["--config", str(config), command])
    shown = f"got {value}, expected " if value else "unknown key"
    assert_stopped_before_writing(result, tmp_path, f"{config}: {key}: {shown}")


@pytest.mark.parametrize("command", ["scrape", "run"])
def test_a_bad_environment_value_stops_before_writing(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    (tmp_path / "jobtrends.toml").write_text(HN)
    result = runner.invoke(cli, [command], env={"JOBTRENDS_HTTP_TIMEOUT": "soon"})
    assert_stopped_before_writing(
        result,
        tmp_path,
        'environment variable JOBTRENDS_HTTP_TIMEOUT: http.timeout: got "soon", expected a number',
    )
