"""The CLI's own behaviour: init, configuration errors, status, and one-line failures."""

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from jobtrends.pipeline.cli import cli
from jobtrends.pipeline.config import load_settings


def assert_one_line_error(result: object, *fragments: str) -> None:
    assert result.exit_code == 1  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    for fragment in fragments:
        assert fragment in lines[0]


def test_init_writes_a_config_that_loads(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["init"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "jobtrends.toml"
    text = path.read_text()
    assert text.count("[[sources]]") >= 10 and "# " in text
    settings = load_settings(path, environ={})
    assert {t.source for t in settings.targets} == {
        "greenhouse",
        "lever",
        "ashby",
        "hn",
        "himalayas",
        "remotive",
        "remoteok",
        "arbeitnow",
    }
    assert sum(t.source != "hn" for t in settings.targets) >= 40


def test_init_refuses_to_overwrite(runner: CliRunner) -> None:
    runner.invoke(cli, ["init"])
    assert_one_line_error(runner.invoke(cli, ["init"]), "jobtrends.toml already exists", "--force")
    assert runner.invoke(cli, ["init", "--force"]).exit_code == 0


def test_bad_config_is_one_clear_line(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "jobtrends.toml").write_text("[http]\ntimeout = 'soon'\n")
    result = runner.invoke(cli, ["status"])
    assert_one_line_error(result, 'jobtrends.toml: http.timeout: got "soon", expected a number')


def test_missing_config_named_by_flag(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--config", "nope.toml", "scrape"])
    assert_one_line_error(result, "nope.toml does not exist", "jobtrends init")


def test_scrape_without_sources_says_what_to_do(runner: CliRunner) -> None:
    assert_one_line_error(runner.invoke(cli, ["scrape"]), "no sources to scrape", "jobtrends init")


def test_unusable_database_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "junk.db").write_bytes(b"not a database" * 200)
    result = runner.invoke(cli, ["--database", "junk.db", "status"])
    assert_one_line_error(result, "cannot open database junk.db")


def test_status_on_an_empty_database(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--database", "fresh.db", "status"])
    assert result.exit_code == 0
    assert "0 postings stored" in result.output and "no runs yet" in result.output


def test_analyze_missing_file_is_one_line(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["analyze", "missing.jsonl"])
    assert_one_line_error(result, "missing.jsonl")


def test_the_program_ends_with_its_heap_frozen_and_its_output_whole(tmp_path: Path) -> None:
    """`main` (the console script) freezes the objects out of the shutdown collections, after
    the command has written everything (here: analyze to stdout)."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "1", "title": "ML Engineer", "text": "We use Python."}))
    program = (
        "import gc, sys\n"
        "from jobtrends.pipeline.cli import main\n"
        "sys.argv = ['jobtrends', 'analyze', sys.argv[1]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    print('frozen', gc.get_freeze_count() > 0, done.code, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, str(source)], capture_output=True, text=True, check=True
    )
    assert [skill["id"] for skill in json.loads(done.stdout)["skills"]] == ["python"]
    assert "frozen True 0" in done.stderr


def test_demo_refuses_a_corpus_too_small_for_its_months(runner: CliRunner) -> None:
    # 50 postings a month over 26 months: fewer is a usage error, not a traceback.
    result = runner.invoke(cli, ["demo", "--postings", "1300", "--out", "d"])
    assert result.exit_code == 2
    assert "1301" in result.output
