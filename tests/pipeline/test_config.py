from pathlib import Path
from typing import Literal

import pytest
from pydantic import PositiveInt

from jobtrends.pipeline.config import load_settings
from jobtrends.pipeline.errors import ConfigError
from jobtrends.scraper.sources.registry import SOURCES
from jobtrends.scraper.targets import SourceOptions, Target


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


# (file text, key path, value as shown, what is expected): each message names all four.
BAD_FILES = {
    "unknown section": ("[stroage]\n", "stroage", "", "unknown key"),
    "unknown key": ("[http]\ntimout = 3\n", "http.timout", "", "unknown key"),
    "section not a table": ("http = 5\n", "http", "5", "a table"),
    "text for a number": ('[http]\ntimeout = "fast"\n', "http.timeout", '"fast"', "a number"),
    "zero timeout": ("[http]\ntimeout = 0\n", "http.timeout", "0", "a number > 0"),
    "endless timeout": ("[http]\ntimeout = inf\n", "http.timeout", "inf", "a finite number"),
    "negative delay": ("[http]\nmin_delay = -1\n", "http.min_delay", "-1", "a number >= 0"),
    "negative retries": ("[http]\nmax_retries = -1\n", "http.max_retries", "-1", ">= 0"),
    "no concurrency": (
        "[http]\nper_host_concurrency = 0\n", "http.per_host_concurrency", "0", "a number > 0"
    ),
    "no bytes": ("[http]\nmax_bytes = 0\n", "http.max_bytes", "0", "a number > 0"),
    "text for a boolean": (
        '[http]\nrespect_robots = "yes"\n', "http.respect_robots", '"yes"', "a boolean"
    ),
    "no workers": ("[extract]\nworkers = 0\n", "extract.workers", "0", "a number > 0"),
    "no batch": ("[extract]\nbatch_size = 0\n", "extract.batch_size", "0", "a number > 0"),
    "a float for an integer": ("[extract]\nworkers = 2.0\n", "extract.workers", "2.0", "integer"),
    "negative month floor": (
        "[report]\nmin_month_n = -1\n", "report.min_month_n", "-1", "a number >= 0"
    ),
    "text delay for a host": (
        '[http.per_host_delay]\n"api.lever.co" = "slow"\n',
        "http.per_host_delay.api.lever.co",
        '"slow"',
        "a number",
    ),
}  # fmt: skip
LEVER = '[[sources]]\ntype = "lever"\n'
BAD_SOURCES = {
    "enabled as text": (LEVER + 'board = "x"\nenabled = "no"\n', "enabled", '"no"', "a boolean"),
    "base_url a number": (LEVER + 'board = "x"\nbase_url = 18001\n', "base_url", "18001", "http"),
    "base_url ftp": (LEVER + 'board = "x"\nbase_url = "ftp://x"\n', "base_url", '"ftp://x"',
                     "an http(s) URL"),
    "base_url not a url": (LEVER + 'board = "x"\nbase_url = "not a url"\n', "base_url",
                           '"not a url"', "an http(s) URL"),
    "blank board": (LEVER + 'board = "  "\n', "board", '"  "', "a board name"),
    "board a number": (LEVER + "board = 123\n", "board", "123", "a string"),
    "board missing": (LEVER, "board", "", "missing"),
    "month 13": ('[[sources]]\ntype = "hn"\nsince = "2026-13"\n', "since", '"2026-13"', "YYYY-MM"),
    "month a number": ('[[sources]]\ntype = "hn"\nuntil = 202601\n', "until", "202601", "YYYY-MM"),
    "type a number": ("[[sources]]\ntype = 5\n", "type", "5", "one of 'arbeitnow', 'ashby'"),
    "unknown type": ('[[sources]]\ntype = "monster"\nboard = "x"\n', "type", '"monster"',
                     "'workable'"),
    "type missing": ('[[sources]]\nboard = "x"\n', "type", "", "missing"),
    "unknown key": (LEVER + 'board = "x"\nbord = 1\n', "bord", "", "unknown key"),
    "another source's option": ('[[sources]]\ntype = "greenhouse"\nboard = "x"\nsince = "2026-01"'
                                "\n", "since", "", "unknown key"),
    "unknown region": (LEVER + 'board = "x"\nregion = "us"\n', "region", '"us"', "one of 'eu'"),
    "no pages": ('[[sources]]\ntype = "himalayas"\nmax_pages = 0\n', "max_pages", "0", "> 0"),
    "pages as text": ('[[sources]]\ntype = "himalayas"\nmax_pages = "5"\n', "max_pages", '"5"',
                      "an integer"),
    "a url list of numbers": ('[[sources]]\ntype = "jsonld"\nboard = "x"\nurls = [1]\n',
                              "urls[0]", "1", "a string"),
}  # fmt: skip


def assert_names(message: str, where: str, value: str, expected: str) -> None:
    assert message.startswith(where), message
    assert len(message.splitlines()) == 1, message
    if value:  # unknown and missing keys have no value to show
        assert f"got {value}, expected " in message, message
    assert expected in message, message


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_setting_names_file_key_value_and_expectation(tmp_path: Path, case: str) -> None:
    text, key, value, expected = BAD_FILES[case]
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_settings(path, environ={})
    assert_names(str(error.value), f"{path}: {key}: ", value, expected)


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_a_bad_source_table_names_file_key_value_and_expectation(tmp_path: Path, case: str) -> None:
    text, key, value, expected = BAD_SOURCES[case]
    path = write(tmp_path, '[[sources]]\ntype = "hn"\n\n' + text)  # the second table: [1]
    with pytest.raises(ConfigError) as error:
        load_settings(path, environ={})
    assert_names(str(error.value), f"{path}: sources[1].{key}: ", value, expected)


def test_every_problem_is_reported_one_line_each(tmp_path: Path) -> None:
    path = write(tmp_path, LEVER + 'board = ""\nenabled = "no"\n[http]\ntimeout = 0\n')
    with pytest.raises(ConfigError) as error:
        load_settings(path, environ={})
    assert str(error.value).splitlines() == [
        f"{path}: http.timeout: got 0, expected a number > 0.0",
        f'{path}: sources[0].board: got "", expected a board name (the name in the board\'s '
        "URL), not blank",
        f'{path}: sources[0].enabled: got "no", expected a boolean (true or false)',
    ]


def test_disabled_tables_are_checked_too(tmp_path: Path) -> None:
    path = write(tmp_path, '[[sources]]\ntype = "monster"\nenabled = false\n')
    with pytest.raises(ConfigError, match=r"sources\[0\]\.type: got \"monster\""):
        load_settings(path, environ={})


@pytest.mark.parametrize(
    "text",
    ['sources = "greenhouse"\n', '[sources]\ntype = "hn"\n', "sources = [1]\n"],
)
def test_sources_must_be_tables(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConfigError, match=r"sources(\[0\])?: got .*, expected a? ?\[\[sources\]\]"):
        load_settings(write(tmp_path, text), environ={})


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("JOBTRENDS_HTTP_TIMEOUT", "soon", 'http.timeout: got "soon", expected a number'),
        ("JOBTRENDS_HTTP_TIMEOUT", "0", 'http.timeout: got "0", expected a number > 0'),
        ("JOBTRENDS_HTTP_TIMEOUT", "nan", "expected a finite number"),
        ("JOBTRENDS_HTTP_MAX_RETRIES", "-1", 'http.max_retries: got "-1", expected a number >= 0'),
        ("JOBTRENDS_HTTP_RESPECT_ROBOTS", "maybe", "expected a boolean"),
        ("JOBTRENDS_EXTRACT_WORKERS", "2.5", 'extract.workers: got "2.5", expected an integer'),
        ("JOBTRENDS_EXTRACT_BATCH_SIZE", "0", 'extract.batch_size: got "0"'),
        ("JOBTRENDS_REPORT_MIN_MONTH_N", "many", 'report.min_month_n: got "many"'),
    ],
)
def test_bad_environment_value_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as error:
        load_settings(None, environ={name: value})
    assert str(error.value).startswith(f"environment variable {name}: ")
    assert expected in str(error.value)


def test_environment_text_becomes_the_settings_types(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    environ = {
        "JOBTRENDS_HTTP_TIMEOUT": "5",
        "JOBTRENDS_HTTP_MAX_BYTES": " 1024 ",
        "JOBTRENDS_HTTP_RESPECT_ROBOTS": "no",
        "JOBTRENDS_HTTP_CONTACT": "me@example.com",
        "JOBTRENDS_EXTRACT_WORKERS": "3",
        "JOBTRENDS_REPORT_MIN_MONTH_N": "0",
        "JOBTRENDS_HTTP_PER_HOST_DELAY": "ignored: a table is set in the file only",
    }
    settings = load_settings(None, environ=environ)
    assert settings.http.timeout == 5.0 and isinstance(settings.http.timeout, float)
    assert settings.http.max_bytes == 1024
    assert settings.http.respect_robots is False
    assert settings.http.contact == "me@example.com"
    assert (settings.workers, settings.min_month_n) == (3, 0)


def test_the_file_is_strict_but_a_whole_number_is_a_number(tmp_path: Path) -> None:
    path = write(tmp_path, "[http]\ntimeout = 5\nmin_delay = 0\n[extract]\nworkers = 2\n")
    settings = load_settings(path, environ={})
    assert settings.http.timeout == 5.0 and isinstance(settings.http.timeout, float)
    assert settings.http.min_delay == 0.0
    assert settings.workers == 2


def test_every_source_option_reaches_its_target_as_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[sources]]\ntype = "lever"\nboard = "acme"\nregion = "EU"\ncompany = "Acme"\n'
        'base_url = "http://127.0.0.1:9/lever/"\n\n'
        '[[sources]]\ntype = "hn"\nsince = "2024-01"\nuntil = "2024-06"\nenabled = true\n\n'
        '[[sources]]\ntype = "jsonld"\nboard = "site"\nurls = ["https://x.test/a", "/b"]\n'
        'max_pages = 7\nbase_url = "https://x.test"\n',
    )
    lever, hn, jsonld = load_settings(path, environ={}).targets
    assert lever == Target(
        "lever", "acme", "http://127.0.0.1:9/lever", {"region": "EU", "company": "Acme"}
    )
    assert hn.options == {"since": "2024-01", "until": "2024-06"}
    assert jsonld.options == {"urls": "https://x.test/a,/b", "max_pages": "7"}


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


def test_per_host_delays_extend_the_boards_limits(tmp_path: Path) -> None:
    path = write(tmp_path, '[http.per_host_delay]\n"boards-api.greenhouse.io" = 3\n')
    delays = load_settings(path, environ={}).http.per_host_delay
    assert delays["boards-api.greenhouse.io"] == 3.0
    assert delays["remotive.com"] == 30.0


def test_a_bad_per_host_delay_names_the_host(tmp_path: Path) -> None:
    path = write(tmp_path, '[http.per_host_delay]\n"api.lever.co" = -1\n')
    with pytest.raises(
        ConfigError, match=r"per_host_delay.api.lever.co: got -1, expected a number"
    ):
        load_settings(path, environ={})


class ShelfOptions(SourceOptions):
    shelf: Literal["top", "bottom"] | None = None
    max_items: PositiveInt = 10


class ShelfSource:
    """A source that exists only here: its options are declared once, in its own model."""

    name = "shelf"
    default_base_url = "https://shelf.test"
    needs_board = False
    options_model = ShelfOptions

    async def fetch(self, client: object, target: Target) -> object:
        raise NotImplementedError


def test_a_source_option_is_declared_once_in_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(SOURCES, "shelf", ShelfSource())  # type: ignore[arg-type]
    path = write(tmp_path, '[[sources]]\ntype = "shelf"\nshelf = "top"\nmax_items = 3\n')
    (target,) = load_settings(path, environ={}).targets
    assert target == Target("shelf", "", "https://shelf.test", {"shelf": "top", "max_items": "3"})
    assert ShelfOptions.read(target.options, source="shelf") == ShelfOptions(
        shelf="top", max_items=3
    )
    path.write_text('[[sources]]\ntype = "shelf"\nshelf = "middle"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sources\[0\]\.shelf: got \"middle\", expected one of"):
        load_settings(path, environ={})


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('board = "acme"', "option `urls`, option `sitemap`, or a `base_url`"),
        ('board = "acme"\nurls = ["/jobs/1"]', "absolute http(s) URLs when no base_url is set"),
        ('board = "acme"\nsitemap = "sitemap.xml"', "absolute http(s) URLs"),
    ],
)
def test_a_jsonld_site_without_pages_to_read_is_refused_when_loading(
    tmp_path: Path, table: str, expected: str
) -> None:
    path = write(tmp_path, f'[[sources]]\ntype = "jsonld"\n{table}\n')
    with pytest.raises(ConfigError) as raised:
        load_settings(path, environ={})
    assert f"{path}: sources[0]:" in str(raised.value) and expected in str(raised.value)


@pytest.mark.parametrize(
    "table",
    [
        'board = "acme"\nbase_url = "https://acme.example"',
        'board = "acme"\nbase_url = "https://acme.example"\nurls = ["/jobs/1"]',
        'board = "acme"\nurls = ["https://acme.example/jobs/1"]',
        'board = "acme"\nsitemap = "https://acme.example/sitemap.xml"',
    ],
)
def test_a_jsonld_site_with_pages_to_read_loads(tmp_path: Path, table: str) -> None:
    path = write(tmp_path, f'[[sources]]\ntype = "jsonld"\n{table}\n')
    (target,) = load_settings(path, environ={}).targets
    assert target.source == "jsonld"
