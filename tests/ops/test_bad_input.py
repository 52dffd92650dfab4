"""Bad input on the command line: one clear error line, a non-zero exit, and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobtrends.pipeline.cli import cli
from tests.ops.conftest import invoke

CONFIGS = {
    "not TOML": ("[http\ntimeout = 3\n", "is not valid TOML"),
    "unknown source type": (
        '[[sources]]\ntype = "monster"\nboard = "acme"\n',
        'sources[0].type: got "monster", expected one of',
    ),
    "wrong value type": ('[http]\ntimeout = "fast"\n', 'http.timeout: got "fast", expected'),
    "unknown key": ("[storage]\npath = 'x.db'\n", "storage.path: unknown key"),
    "sources not tables": ('sources = "greenhouse"\n', "expected [[sources]] tables"),
    "board missing": ('[[sources]]\ntype = "lever"\n', "sources[0].board: missing"),
    "not UTF-8": (b"[http]\ntimeout = 3 # \xff\xfe\n", "not valid TOML"),
}
COMMANDS = (["scrape"], ["run"], ["schedule", "--cron", "0 6 * * *", "--once"], ["status"])


def _files(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize("case", sorted(CONFIGS))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_bad_config_is_one_line_and_writes_nothing(
    case: str, command: list[str], tmp_path: Path
) -> None:
    content, expected = CONFIGS[case]
    config = tmp_path / "jobtrends.toml"
    if isinstance(content, bytes):
        config.write_bytes(content)
    else:
        config.write_text(content, "utf-8")
    before = _files(tmp_path)
    result = invoke("--config", config, "--database", tmp_path / "db" / "j.db", *command)
    assert result.exit_code == 1
    line = _one_error_line(result.stderr)
    assert expected in line and str(config) in line
    assert _files(tmp_path) == before


def test_a_missing_config_file_named_explicitly_is_an_error(tmp_path: Path) -> None:
    result = invoke("--config", tmp_path / "absent.toml", "scrape")
    assert result.exit_code == 1
    assert "does not exist" in _one_error_line(result.stderr)
    assert list(tmp_path.iterdir()) == []


BAD_POSTING_FILES = {
    "missing.jsonl": (None, "cannot read"),
    "binary.jsonl": (b"\xff\xfe\x00garbage", "cannot read"),
    "broken.jsonl": (b'{"id": 1, "title": "x", "text": "y"}\n{"id": 2,\n', "line 2"),
    "no_title.jsonl": (b'{"id": 1, "text": "y"}\n', "title"),
    "scalar.json": (b"42", "expected"),
    "empty.csv": (b"", "no header"),
    "no_title_column.csv": (b"id,text\n1,y\n", "column 'title' is not in the file"),
    "bad_row.csv": (b"id,title,text\n1,x,y\n,x,y\n", "row 3: column 'id': missing"),
    "table.xlsx": (b"PK\x03\x04", "unsupported file type"),
}


@pytest.mark.parametrize("name", sorted(BAD_POSTING_FILES))
def test_analyze_with_a_bad_input_file_is_one_line_and_writes_nothing(
    name: str, tmp_path: Path
) -> None:
    content, expected = BAD_POSTING_FILES[name]
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    before = _files(tmp_path)
    result = invoke("analyze", source, "-o", tmp_path / "out" / "result.jsonl")
    assert result.exit_code == 1, result.output
    assert expected in _one_error_line(result.stderr)
    assert _files(tmp_path) == before


IMPORT_FILES = {
    "missing.csv": (None, "no such file"),
    "binary.csv": (b"id,title,text\n1,\xff\xfe,x\n", "not UTF-8"),
    "no_id.jsonl": (b'{"title": "x", "text": "y"}\n', "id"),
    "broken.jsonl": (b'{"id": "1", "title": "x", "text": "y"}\n{"id":\n', "line 2"),
    "array.jsonl": (json.dumps([1, 2]).encode(), "line 1"),
    "ragged.csv": (b"id,title,text\n1,a,b,c,d\n", "row 2"),
    "data.txt": (b"id,title\n", "format"),
}


@pytest.mark.parametrize("name", sorted(IMPORT_FILES))
def test_import_with_a_bad_file_is_one_line_and_writes_nothing(name: str, tmp_path: Path) -> None:
    if "import" not in cli.commands:
        pytest.skip("this tree has no import command")
    content, expected = IMPORT_FILES[name]
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    before = _files(tmp_path)
    result = invoke("--database", tmp_path / "db" / "jobtrends.db", "import", source)
    assert result.exit_code == 1, result.output
    assert expected in _one_error_line(result.stderr)
    assert _files(tmp_path) == before
