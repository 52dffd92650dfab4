"""`jobtrends taxonomy review` through the real CLI: a candidate term is listed, accepted into the
user taxonomy file, extracted as a skill (only where it is named) and charted by the report."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobtrends.pipeline.cli import cli
from jobtrends.pipeline.config import load_settings

DB = ["--database", "jobs.db"]


def dataset(path: Path) -> Path:
    """40 ML-engineer postings over four months; every third names the unknown tool Quuxflow."""
    rows = []
    for i in range(40):
        tools = "Python, PyTorch, Quuxflow and Docker" if i % 3 == 0 else "Python and Docker"
        rows.append(
            {
                "id": f"p-{i}",
                "title": "Machine Learning Engineer",
                "company": f"Company {i % 7}",
                "location": "Remote",
                "posted_at": f"2026-{7 + i % 4:02d}-{i % 27 + 1:02d}",
                "text": (
                    "About the role\nYou will train models and ship them.\n\nRequirements\n"
                    f"- Experience with {tools}\n- 3+ years building ML systems\n"
                ),
            }
        )
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    for name in ("JOBTRENDS_CONFIG", "JOBTRENDS_DATABASE", "JOBTRENDS_TAXONOMY_USER_FILE"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()
    for args in (["import", str(dataset(tmp_path / "jobs.jsonl"))], ["extract"]):
        result = runner.invoke(cli, [*DB, *args])
        assert result.exit_code == 0, result.output
    return runner


def invoke(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, [*DB, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_accept_then_extract_and_report_moves_a_candidate_into_the_skills(
    runner: CliRunner, tmp_path: Path
) -> None:
    invoke(runner, "report", "--out", "before")
    assert "<mark>Quuxflow</mark>" in (tmp_path / "before" / "new-tools.html").read_text("utf-8")
    assert "Quuxflow" not in (tmp_path / "before" / "csv" / "skills-index.csv").read_text("utf-8")
    listed = invoke(runner, "taxonomy", "review")
    assert "Quuxflow  14 postings" in listed and "first seen 2026-07" in listed
    assert "Experience with Python, PyTorch, Quuxflow and Docker" in listed
    document = json.loads(invoke(runner, "taxonomy", "review", "--json"))
    (term,) = [t for t in document["terms"] if t["key"] == "quuxflow"]
    assert term["postings"] == 14 and len(term["examples"]) == 3
    assert document["months"] == ["2026-07", "2026-08", "2026-09", "2026-10"]

    accepted = invoke(runner, "taxonomy", "review", "--accept", "quuxflow", "--category", "mlops")
    assert "accepted 'quuxflow' as skill 'quuxflow' (Quuxflow, mlops" in accepted
    assert "wrote jobtrends.taxonomy.toml" in accepted and "jobtrends extract" in accepted
    user_file = tomllib.loads((tmp_path / "jobtrends.taxonomy.toml").read_text("utf-8"))
    assert user_file["skill"] == [{"id": "quuxflow", "name": "Quuxflow", "category": "mlops"}]
    # Accepted but not yet extracted: no longer proposed.
    assert "Quuxflow" not in invoke(runner, "taxonomy", "review")

    assert "extracted 14 postings" in invoke(runner, "extract")
    assert "extracted 0 postings" in invoke(runner, "extract")
    assert "Quuxflow" not in invoke(runner, "taxonomy", "review", "--min-postings", "1")
    skills = json.loads(invoke(runner, "taxonomy", "--format", "json", "--category", "mlops"))
    assert {"id": "quuxflow", "name": "Quuxflow", "category": "mlops", "aliases": []} in skills

    invoke(runner, "report", "--out", "site")
    page = (tmp_path / "site" / "skill-quuxflow.html").read_text("utf-8")
    assert "Quuxflow" in page
    assert "Quuxflow" in (tmp_path / "site" / "index.html").read_text("utf-8")
    index = (tmp_path / "site" / "csv" / "skills-index.csv").read_text("utf-8").splitlines()
    assert any(row.startswith("Quuxflow,") and ",14," in row for row in index)
    assert "Quuxflow" not in (tmp_path / "site" / "new-tools.html").read_text("utf-8")


def test_a_rejected_term_is_not_proposed_again(runner: CliRunner, tmp_path: Path) -> None:
    rejected = invoke(runner, "taxonomy", "review", "--reject", "QuuxFlow")
    assert "rejected 'QuuxFlow'" in rejected and "wrote jobtrends.taxonomy.toml" in rejected
    assert "was rejected already" in invoke(runner, "taxonomy", "review", "--reject", "quuxflow")
    text = (tmp_path / "jobtrends.taxonomy.toml").read_text("utf-8")
    assert text.startswith("# jobtrends user taxonomy") and tomllib.loads(text) == {
        "rejected": ["QuuxFlow"]
    }
    assert "Quuxflow" not in invoke(runner, "taxonomy", "review")
    assert json.loads(invoke(runner, "taxonomy", "review", "--json"))["terms"] == []
    assert "extracted 0 postings" in invoke(runner, "extract")  # the version did not change


def test_accept_needs_a_known_category_and_refuses_clashes(
    runner: CliRunner, tmp_path: Path
) -> None:
    for args, message in (
        (["--accept", "Quuxflow"], "--accept needs --category, one of ai_techniques, "),
        (["--accept", "Quuxflow", "--category", "gadgets"], "unknown category 'gadgets'"),
        (
            ["--accept", "torch", "--category", "mlops", "--name", "PyTorch"],
            "has the id of built-in skill 'pytorch' (ml_frameworks.toml)",
        ),
    ):
        result = runner.invoke(cli, [*DB, "taxonomy", "review", *args])
        assert result.exit_code == 1 and message in result.output, result.output
    assert not (tmp_path / "jobtrends.taxonomy.toml").exists()
    for args in (["--accept", "a", "--reject", "b"], ["--category", "mlops"]):
        assert runner.invoke(cli, [*DB, "taxonomy", "review", *args]).exit_code == 2
    missing = runner.invoke(cli, ["--database", "none.db", "taxonomy", "review"])
    assert missing.exit_code == 1 and "no database at none.db" in missing.output
    assert not (tmp_path / "none.db").exists()


def test_the_user_file_comes_from_the_config_or_the_environment(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "jobtrends.toml"
    config.write_text('[taxonomy]\nuser_file = "mine/skills.toml"\n', encoding="utf-8")
    assert load_settings(config, environ={}).user_taxonomy == Path("mine/skills.toml")
    invoke(runner, "taxonomy", "review", "--accept", "Quuxflow", "--category", "mlops")
    assert (tmp_path / "mine" / "skills.toml").exists()
    monkeypatch.setenv("JOBTRENDS_TAXONOMY_USER_FILE", "other.toml")
    invoke(runner, "taxonomy", "review", "--reject", "Polaris")
    assert tomllib.loads((tmp_path / "other.toml").read_text("utf-8"))["rejected"] == ["Polaris"]
    analyzed = tmp_path / "out.jsonl"
    invoke(runner, "analyze", "jobs.jsonl", "-o", str(analyzed))
    assert "quuxflow" not in analyzed.read_text("utf-8")  # other.toml has no skills
    monkeypatch.delenv("JOBTRENDS_TAXONOMY_USER_FILE")
    invoke(runner, "analyze", "jobs.jsonl", "-o", str(analyzed))
    first = json.loads(analyzed.read_text("utf-8").splitlines()[0])
    assert "quuxflow" in {skill["id"] for skill in first["skills"]}
