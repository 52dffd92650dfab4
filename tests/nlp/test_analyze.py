"""`analyze_file` on JSONL, JSON and CSV: output shape, exact spans, clear input errors."""

from __future__ import annotations

import csv
import importlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.ingest.analyze import analyze_file, taxonomy_json
from jobtrends.pipeline.nlp.taxonomy import load_taxonomy
from jobtrends.scraper.text import html_to_text

RECORDS: list[dict[str, Any]] = [
    {
        "id": "a1",
        "title": "Senior Machine Learning Engineer",
        "text": "Requirements\n- Python and PyTorch\n- No Kubernetes experience required\n"
        "Salary: $150k-$200k. Fully remote.",
        "company": "ignored",
    },
    {
        "id": 7,
        "title": "Backend Engineer",
        "html": "<h2>What you'll do</h2><ul><li>Build APIs in Java &amp; Go</li>"
        "<li>Run PostgreSQL on AWS</li></ul>",
    },
    {"id": "a3", "title": "Office Manager", "text": "Keep our office running smoothly."},
]
EXPECTED_KEYS = {
    "id",
    "role",
    "role_confidence",
    "seniority",
    "remote",
    "salary",
    "skills",
    "candidates",
}
SKILL_KEYS = {"id", "name", "category", "text", "start", "end", "section", "negated"}
CANDIDATE_KEYS = {"term", "start", "end", "section", "score"}


def _text_of(record: dict[str, Any]) -> str:
    return record["text"] if "text" in record else html_to_text(record["html"])


def _analyze(path: Path) -> list[dict[str, Any]]:
    output = io.StringIO()
    count = analyze_file(path, output)
    lines = output.getvalue().splitlines()
    assert count == len(lines)
    return [json.loads(line) for line in lines]


def _check(results: list[dict[str, Any]]) -> None:
    assert [r["id"] for r in results] == ["a1", "7", "a3"]
    for record, result in zip(RECORDS, results, strict=True):
        assert set(result) == EXPECTED_KEYS
        text = _text_of(record)
        for skill in result["skills"]:
            assert set(skill) == SKILL_KEYS
            assert text[skill["start"] : skill["end"]] == skill["text"]
        for candidate in result["candidates"]:
            assert set(candidate) == CANDIDATE_KEYS
            if candidate["section"] != "tags":
                assert text[candidate["start"] : candidate["end"]] == candidate["term"]
    first, second, third = results
    skills = {s["id"]: s for s in first["skills"]}
    assert {"python", "pytorch", "kubernetes"} <= set(skills)
    assert skills["kubernetes"]["negated"] is True
    assert skills["python"]["section"] == "requirements"
    assert first["salary"] == {"min": 150000.0, "max": 200000.0, "currency": "USD",
                               "period": "year"}  # fmt: skip
    assert (first["seniority"], first["remote"]) == ("senior", "remote")
    assert {"java", "go", "postgresql"} <= {s["id"] for s in second["skills"]}
    assert all(s["section"] == "responsibilities" for s in second["skills"])
    assert third["skills"] == [] and third["salary"] is None and third["role"] == "other"


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "postings.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n\n", encoding="utf-8")
    _check(_analyze(path))


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "postings.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    _check(_analyze(path))


def test_json_single_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(RECORDS[0], indent=2), encoding="utf-8")
    (result,) = _analyze(path)
    assert result["id"] == "a1"
    text = RECORDS[0]["text"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in result["skills"])


def test_csv(tmp_path: Path) -> None:
    path = tmp_path / "postings.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "title", "text", "html", "company"])
        writer.writeheader()
        for record in RECORDS:
            writer.writerow({key: record.get(key, "") for key in writer.fieldnames})
    _check(_analyze(path))


@pytest.mark.parametrize(
    ("name", "content", "fragments"),
    [
        ("p.jsonl", '{"id": "1", "title": "A", "text": "x"}\n{"id": "2", "title": "B"\n',
         ["p.jsonl", "line 2", "not valid JSON", "one object per line"]),
        ("p.jsonl", '{"id": "1", "text": "x"}\n', ["p.jsonl", "column 'title' is not in the file"]),
        ("p.jsonl", '\n{"title": "A", "text": "x"}\n', ["column 'id' is not in the file"]),
        ("p.jsonl", '{"id": "1", "title": "A"}\n', ["neither column 'text' nor 'html'"]),
        ("p.jsonl", '{"id": "1", "title": "A", "text": "x"}\n{"id": "2", "text": "y"}\n',
         ["p.jsonl: line 2: column 'title': missing"]),
        ("p.jsonl", '{"id": "1", "title": "A", "text": "x"}\n{"id": 2, "title": "B", "html": ""}\n',
         ["line 2: column 'html'", "expected a description"]),
        ("p.jsonl", '["id", "title"]\n', ["line 1", "found list"]),
        ("p.json", '[{"id": "1", "title": "A", "text": "x"}, {"id": "2"}]',
         ["p.json", "item 2: column 'title': missing"]),
        ("p.json", '[{"id": "1", "title": "A", "text": "x"},', ["p.json", "array of postings"]),
        ("p.csv", "id,title,text\n1,A,x\n,B,y\n", ["p.csv", "row 3: column 'id': missing"]),
        ("p.csv", "id,name,text\n1,A,x\n",
         ["p.csv", "column 'title' is not in the file", "its columns are id, name, text"]),
        ("p.csv", "id,title,body\n1,A,x\n", ["neither column 'text' nor 'html'"]),
        ("p.txt", "hello", ["p.txt", "unsupported", ".jsonl"]),
    ],
)  # fmt: skip
def test_input_errors_name_the_file_the_record_and_the_need(
    tmp_path: Path, name: str, content: str, fragments: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    output = io.StringIO()
    with pytest.raises(InputError) as info:
        analyze_file(path, output)
    for fragment in fragments:
        assert fragment in str(info.value)
    assert output.getvalue() == ""  # nothing is written before the whole file is valid


@pytest.mark.parametrize(
    ("name", "content", "fragments"),
    [
        # The old reader let these through: a wrong-typed field was ignored, a float id refused,
        # a CSV row's extra fields and a repeated header column silently dropped.
        ("p.jsonl", '{"id": "1", "title": "A", "text": ["x"], "html": "<p>y</p>"}\n',
         ["line 1: column 'text': got a list, expected a string"]),
        ("p.jsonl", '{"id": "1", "title": "A", "text": "x", "company": {"name": "Acme"}}\n',
         ["line 1: column 'company': got a table, expected a string"]),
        ("p.jsonl", '{"id": true, "title": "A", "text": "x"}\n',
         ["line 1: column 'id': got True, expected an id (text or a whole number)"]),
        ("p.jsonl", '{"id": 1.5, "title": "A", "text": "x"}\n', ["column 'id': got 1.5"]),
        ("p.jsonl", '{"id": "1", "title": false, "text": "x"}\n',
         ["column 'title': got False, expected a string"]),
        ("p.csv", "id,title,text\n1,A,x,extra\n", ["row 2: more fields than the header"]),
        ("p.csv", "id,title,text,text\n1,A,x,y\n", ["column 'text' appears twice"]),
    ],
)  # fmt: skip
def test_rows_are_checked_like_import_rows(
    tmp_path: Path, name: str, content: str, fragments: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        analyze_file(path, io.StringIO())
    for fragment in fragments:
        assert fragment in str(info.value)


def test_shared_reader_rules_that_widen_valid_input(tmp_path: Path) -> None:
    """A CSV field over csv's default 128 KiB limit, a whole-number float id, Parquet."""
    long_text = "Requirements\n- Python\n" + "We value clear writing. " * 8000
    path = tmp_path / "long.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerows([["id", "title", "text"], ["1", "ML Engineer", long_text]])
    (result,) = _analyze(path)
    assert "python" in {skill["id"] for skill in result["skills"]}
    jsonl = tmp_path / "float_id.jsonl"
    jsonl.write_text('{"id": 7.0, "title": "A", "text": "Python"}\n', encoding="utf-8")
    assert [r["id"] for r in _analyze(jsonl)] == ["7"]


def test_parquet(tmp_path: Path) -> None:
    pyarrow = pytest.importorskip("pyarrow")
    parquet = importlib.import_module("pyarrow.parquet")
    keys = ("id", "title", "text", "html")
    columns = {key: [record.get(key) for record in RECORDS] for key in keys}
    columns["id"] = [str(key) for key in columns["id"]]
    path = tmp_path / "postings.parquet"
    parquet.write_table(pyarrow.table(columns), path)
    _check(_analyze(path))


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        analyze_file(tmp_path / "missing.jsonl", io.StringIO())
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InputError, match=r"binary\.csv"):
        analyze_file(binary, io.StringIO())


def test_taxonomy_json_lists_every_skill_with_aliases() -> None:
    entries = taxonomy_json()
    taxonomy = load_taxonomy()
    assert len(entries) == len(taxonomy.skills)
    assert all(set(entry) == {"id", "name", "category", "aliases"} for entry in entries)
    go = next(entry for entry in entries if entry["id"] == "go")
    assert go["name"] == "Go" and "Golang" in go["aliases"] and "Go" not in go["aliases"]
    json.dumps(entries)
