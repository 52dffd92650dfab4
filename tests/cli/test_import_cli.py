"""`jobtrends import` end to end: import a dataset, then extract and report work on it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from jobtrends.pipeline.cli import cli

POSTINGS = [
    {
        "job_id": "k-1",
        "role": "Senior LLM Engineer",
        "company": "Acme AI",
        "location": "Remote, EU",
        "posted_at": "2026-07-03",
        "body": (
            "About the role\nYou will build RAG pipelines and agents.\n\nRequirements\n"
            "- 5+ years of Python\n- Experience with LangChain and PyTorch\n- AWS"
        ),
        "remote": "remote",
    },
    {
        "job_id": "k-2",
        "role": "Machine Learning Engineer",
        "company": "Birch Labs",
        "location": "Berlin",
        "posted_at": "2026-08-20",
        "body": "Requirements\n- scikit-learn and XGBoost\n- Docker and Kubernetes",
        "remote": "",
    },
]


def write_dataset(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


MAP = ["--map", "external_id=job_id", "--map", "title=role", "--map", "text=body"]


def test_import_then_extract_and_report(runner: CliRunner, tmp_path: Path) -> None:
    dataset = write_dataset(tmp_path / "kaggle.jsonl", POSTINGS)
    db = ["--database", "jobs.db"]
    result = runner.invoke(cli, [*db, "import", str(dataset), "--source", "kaggle", *MAP])
    assert result.exit_code == 0, result.output
    assert "imported 2 postings" in result.output and "kaggle:kaggle" in result.output
    assert "2 new" in result.output

    extracted = runner.invoke(cli, [*db, "extract"])
    assert extracted.exit_code == 0, extracted.output
    assert "extracted 2 postings" in extracted.output
    with sqlite3.connect(tmp_path / "jobs.db") as connection:
        skills = {
            row[0]
            for row in connection.execute(
                "SELECT m.skill_id FROM mentions m JOIN postings p ON p.id = m.posting_id "
                "WHERE p.source = 'kaggle' AND p.external_id = 'k-1'"
            )
        }
        assert {"langchain", "pytorch"} <= skills
        runs = connection.execute("SELECT command, status FROM runs").fetchall()
        assert runs[0] == ("import", "ok")

    reported = runner.invoke(cli, [*db, "report", "--out", "site", "--source", "kaggle"])
    assert reported.exit_code == 0, reported.output
    index = Path(reported.output.strip().splitlines()[-1])
    assert index.name == "index.html" and index.is_file()

    status = runner.invoke(cli, [*db, "status"])
    assert "2 postings stored" in status.output and "import" in status.output


def test_bad_row_is_one_line_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    bad = [POSTINGS[0], {**POSTINGS[1], "posted_at": "last Tuesday"}]
    dataset = write_dataset(tmp_path / "bad.jsonl", bad)
    result = runner.invoke(cli, ["--database", "jobs.db", "import", str(dataset), *MAP])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "bad.jsonl: line 2: column 'posted_at': got \"last Tuesday\", expected" in lines[0]
    assert not (tmp_path / "jobs.db").exists()


def test_unknown_map_field_and_scraper_source_name(runner: CliRunner, tmp_path: Path) -> None:
    dataset = write_dataset(tmp_path / "d.jsonl", POSTINGS)
    result = runner.invoke(cli, ["import", str(dataset), "--map", "salary=pay"])
    assert result.exit_code == 1 and "unknown field 'salary'" in result.stderr
    result = runner.invoke(cli, ["import", str(dataset), "--source", "lever", *MAP])
    assert result.exit_code == 1 and "is a scraper source" in result.stderr
    result = runner.invoke(cli, ["import", str(dataset), "--format", "xlsx"])
    assert result.exit_code == 2  # a usage error: click lists the formats
