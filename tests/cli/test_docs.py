"""The README documents every command, and every command has help text."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobtrends.pipeline.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"
COMMANDS = sorted(cli.commands)
REQUIRED = {
    "init",
    "scrape",
    "extract",
    "report",
    "run",
    "demo",
    "analyze",
    "taxonomy",
    "export",
    "status",
}


def test_required_commands_exist() -> None:
    assert set(COMMANDS) >= REQUIRED


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme(name: str) -> None:
    assert f"`jobtrends {name}" in README.read_text(encoding="utf-8"), name


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    command = cli.commands[name]
    assert command.help and len(command.help.strip()) > 20
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_quickstart_is_two_commands_in_one_block() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```[a-z]*\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1
    lines = [line for line in blocks[0].splitlines() if line.strip()]
    assert lines == ["make demo", "make test"]


def test_ci_runs_the_quickstart_test_command() -> None:
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
