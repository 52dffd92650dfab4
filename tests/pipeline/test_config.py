from pathlib import Path

import pytest

from jobtrends.pipeline.config import load_settings
from jobtrends.pipeline.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "jobtrends.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(None, environ={})
    assert settings.database == Path("data/jobtrends.db")
    assert settings.http.min_delay == 1.0
    assert settings.targets == ()


def test_layers_file_then_env_then_flags(tmp_path: Path) -> None:
    path = write(
        tmp_path, '[storage]\ndatabase = "file.db"\n[http]\nmin_delay = 2\ntimeout = 5.5\n'
    )
    settings = load_settings(path, environ={})
    assert settings.database == Path("file.db")
    assert settings.http.min_delay == 2.0
    assert settings.http.timeout == 5.5

    env = {"JOBTRENDS_STORAGE_DATABASE": "env.db", "JOBTRENDS_HTTP_MIN_DELAY": "0.5"}
    settings = load_settings(path, environ=env)
    assert settings.database == Path("env.db")
    assert settings.http.min_delay == 0.5

    settings = load_settings(path, environ=env, overrides={"storage.database": "flag.db"})
    assert settings.database == Path("flag.db")
    assert settings.http.min_delay == 0.5


def test_jobtrends_database_shortcut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(None, environ={"JOBTRENDS_DATABASE": "x.db"})
    assert settings.database == Path("x.db")


def test_missing_explicit_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"absent.toml does not exist.*jobtrends init"):
        load_settings(tmp_path / "absent.toml", environ={})


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[storage\n")
    with pytest.raises(ConfigError, match=r"jobtrends.toml is not valid TOML"):
        load_settings(path, environ={})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[stroage]\n", r"unknown section \[stroage\]"),
        ("[http]\ntimout = 3\n", r"unknown key http.timout; expected one of: user_agent"),
        ('[http]\ntimeout = "fast"\n', r"http.timeout must be a non-negative number, got 'fast'"),
        ("[http]\nmax_retries = -1\n", r"http.max_retries must be a non-negative integer"),
        ('[http]\nrespect_robots = "yes"\n', r"respect_robots must be true or false"),
    ],
)
def test_bad_key_or_value_names_file_key_and_expectation(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as error:
        load_settings(path, environ={})
    assert str(path) in str(error.value)


def test_bad_environment_value_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="environment variable JOBTRENDS_HTTP_TIMEOUT"):
        load_settings(None, environ={"JOBTRENDS_HTTP_TIMEOUT": "soon"})


def test_sources_become_targets(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[sources]]\ntype = "greenhouse"\nboard = "acme"\n\n'
        '[[sources]]\ntype = "hn"\nsince = "2024-01"\n\n'
        '[[sources]]\ntype = "lever"\nboard = "paused"\nenabled = false\n',
    )
    targets = load_settings(path, environ={}).targets
    assert [(t.source, t.board) for t in targets] == [("greenhouse", "acme"), ("hn", "")]
    assert targets[0].base_url == "https://boards-api.greenhouse.io"
    assert targets[1].options == {"since": "2024-01"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[sources]]\ntype = "monster"\nboard = "x"\n', r"entry 1: .*monster"),
        ('[[sources]]\ntype = "greenhouse"\n', r"entry 1: greenhouse needs `board`"),
        ('[[sources]]\nboard = "x"\n', r"entry 1: `type` is missing"),
        ('[[sources]]\ntype = "ashby"\nboard = "x"\nbord = 1\n', r"unknown key bord"),
    ],
)
def test_bad_source_entries(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(write(tmp_path, text), environ={})


def test_per_host_delays_extend_the_boards_limits(tmp_path: Path) -> None:
    path = write(tmp_path, '[http.per_host_delay]\n"boards-api.greenhouse.io" = 3\n')
    delays = load_settings(path, environ={}).http.per_host_delay
    assert delays["boards-api.greenhouse.io"] == 3.0
    assert delays["remotive.com"] == 30.0


def test_a_bad_per_host_delay_names_the_host(tmp_path: Path) -> None:
    path = write(tmp_path, '[http.per_host_delay]\n"api.lever.co" = "slow"\n')
    with pytest.raises(ConfigError, match=r"per_host_delay .* api.lever.co = 'slow'"):
        load_settings(path, environ={})
