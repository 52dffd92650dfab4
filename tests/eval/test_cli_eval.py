"""`jobtrends eval` on the written sets (kept as regression tests): the JSON fields, readable
tables, intervals, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from jobtrends.pipeline.cli import cli
from jobtrends.pipeline.evaluation.sets import packaged_set_files
from jobtrends.pipeline.vocab import REMOTES, ROLES, SENIORITIES

MIN_POSTINGS = 150


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["eval", "--set", "written", "--json", "--errors", "5"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_json_has_every_figure(report: dict[str, Any]) -> None:
    skills = report["skills"]
    for counts in (skills["overall"], *skills["by_category"].values(), *skills["by_kind"].values()):
        assert set(counts) == {"tp", "fp", "fn", "precision", "recall", "f1"}
        assert all(0.0 <= counts[k] <= 1.0 for k in ("precision", "recall", "f1"))
    assert set(skills["by_kind"]) <= {"ats", "hn", "aggregator", "truncated", "lab_gov"}
    assert set(skills["negation"]) == {"matched", "correct", "accuracy"}
    for name, labels in (("role", ROLES), ("seniority", SENIORITIES), ("remote", REMOTES)):
        block = report[name]
        assert block["labels"] == list(labels)
        assert set(block["confusion"]) == set(labels)
        assert sum(sum(row.values()) for row in block["confusion"].values()) == report["postings"]
    headline = report["intervals"]["headline"]
    names = ("skill_precision", "skill_recall", "skill_f1", "top_skill_recall", "role_accuracy",
             "role_macro_f1", "seniority_accuracy", "remote_accuracy")  # fmt: skip
    for name in names:
        value, low, high = headline[name]
        assert 0.0 <= low <= value <= high <= 1.0, name
    assert "salary_exact" not in headline  # the written sets do not label salary
    for category, figures in report["intervals"]["by_category"].items():
        assert set(figures) == {"precision", "recall", "f1"}, category
    assert len(report["errors"]) <= 5
    for error in report["errors"]:
        assert set(error) == {"posting", "kind", "error", "skill", "text", "start", "line"}


def test_gold_mentions_add_up(report: dict[str, Any]) -> None:
    labeled = 0
    for entry in packaged_set_files():
        for line in entry.read_text(encoding="utf-8").splitlines():
            if line.strip():
                labeled += len(json.loads(line)["skills"])
    overall = report["skills"]["overall"]
    assert overall["tp"] + overall["fn"] == labeled


def test_packaged_set_has_at_least_150_postings(report: dict[str, Any]) -> None:
    names = {entry.name for entry in packaged_set_files()}
    if "set_b.jsonl" not in names:
        pytest.skip("part B of the evaluation set is not there yet")
    assert report["postings"] >= MIN_POSTINGS


def test_text_output_prints_tables(tmp_path: Path) -> None:
    lines = packaged_set_files()[0].read_text(encoding="utf-8").splitlines()[:4]
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--set", str(small), "--errors", "3"])
    assert result.exit_code == 0, result.output
    for heading in ("Skill mentions", "By category", "By kind", "Role accuracy",
                    "Seniority accuracy", "Remote accuracy", "gold \\ predicted"):  # fmt: skip
        assert heading in result.output


def test_invalid_set_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    record = {
        "id": "x1", "title": "T", "company": "C", "kind": "ats", "text": "Python",
        "role": "wizard", "seniority": "mid", "remote": "remote", "skills": [], "notes": "",
    }  # fmt: skip
    bad.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--set", str(bad)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "posting x1" in lines[0] and 'role: got "wizard", expected one of' in lines[0]
