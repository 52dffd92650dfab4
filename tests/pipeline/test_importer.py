"""`jobtrends import` as a library: reading, mapping, validating and storing datasets."""

from __future__ import annotations

import csv
import importlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.ingest.importer import (
    FIELDS,
    ImportResult,
    check_source_name,
    import_file,
    parse_mapping,
    read_postings,
    text_to_html,
)
from jobtrends.pipeline.store import Store, recent_runs
from jobtrends.scraper.records import StructuredSalary
from jobtrends.scraper.text import html_to_text, normalize_lines

NOW = datetime(2026, 10, 1, 12, tzinfo=UTC)
ROWS: list[dict[str, str]] = [
    {
        "id": "a-1",
        "title": "LLM Engineer",
        "company": "Acme AI",
        "location": "Berlin",
        "url": "https://jobs.example.test/a-1",
        "posted_at": "2026-08-14",
        "text": "About us\n\nWe build RAG systems.\n- Python\n- LangChain",
        "remote": "Hybrid",
        "salary_min": "90000",
        "salary_max": "120000",
        "salary_currency": "eur",
        "salary_period": "yearly",
    },
    {
        "id": "a-2",
        "title": "Data Scientist",
        "company": "",
        "location": "",
        "url": "",
        "posted_at": "2026-09-01T08:30:00+02:00",
        "text": "",
        "remote": "",
        "salary_min": "",
        "salary_max": "",
        "salary_currency": "",
        "salary_period": "",
    },
]


def write_csv(path: Path, rows: list[dict[str, str]], extra: dict[str, str] | None = None) -> Path:
    fields = list(rows[0]) + list(extra or {})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, **(extra or {})})
    return path


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    rows = [dict(ROWS[0]), {**ROWS[1], "html": "<h3>Role</h3><ul><li>SQL</li></ul>"}]
    rows[0]["html"] = ""
    return write_csv(tmp_path / "kaggle_jobs.csv", rows)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "db" / "jobtrends.db")
    yield opened
    opened.close()


def test_csv_with_default_columns(dataset: Path) -> None:
    first, second = read_postings(dataset)
    assert (first.source, first.board, first.external_id) == ("import", "kaggle_jobs", "a-1")
    assert first.title == "LLM Engineer" and first.company == "Acme AI"
    assert first.location == "Berlin" and first.url == "https://jobs.example.test/a-1"
    assert first.posted_at == datetime(2026, 8, 14, tzinfo=UTC)
    assert first.remote == "hybrid"
    assert first.salary == StructuredSalary(90000.0, 120000.0, "EUR", "year")
    assert first.description_text.splitlines() == [
        "About us",
        "",
        "We build RAG systems.",
        "- Python",
        "- LangChain",
    ]
    assert html_to_text(first.description_html) == first.description_text
    assert second.description_text == "Role\n\n- SQL"  # only html given: text made from it
    assert second.posted_at == datetime(2026, 9, 1, 6, 30, tzinfo=UTC)
    assert second.remote is None and second.salary is None and second.company == ""


def test_jsonl_with_a_column_mapping(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "hn.jsonl",
        [
            {"job_id": 17, "role": "ML Engineer", "body": "PyTorch", "when": 1790000000},
            {"job_id": 18.0, "role": "MLOps", "body": "Kubeflow", "when": 1790000000000},
        ],
    )
    mapping = parse_mapping(["external_id=job_id", "title = role", "text=body", "posted_at=when"])
    first, second = read_postings(path, source="hn-archive", mapping=mapping)
    assert (first.external_id, first.title, first.description_text) == (
        "17",
        "ML Engineer",
        "PyTorch",
    )
    assert second.external_id == "18"
    assert first.posted_at == second.posted_at == datetime.fromtimestamp(1790000000, tz=UTC)
    assert first.source == "hn-archive"


def test_parquet_with_typed_columns(tmp_path: Path) -> None:
    pyarrow = pytest.importorskip("pyarrow")
    parquet = importlib.import_module("pyarrow.parquet")
    table = pyarrow.table(
        {
            "id": [1, 2],
            "title": ["AI Engineer", "Researcher"],
            "html": ["<p>Claude and GPT-4</p>", "<p>JAX</p>"],
            "posted_at": [datetime(2026, 5, 1, 9), None],
            "salary_min": [100000.0, None],
            "salary_period": ["year", None],
        }
    )
    path = tmp_path / "jobs.parquet"
    parquet.write_table(table, path)
    first, second = read_postings(path)
    assert first.external_id == "1" and first.description_text == "Claude and GPT-4"
    assert first.posted_at == datetime(2026, 5, 1, 9, tzinfo=UTC)
    assert first.salary == StructuredSalary(100000.0, None, None, "year")
    assert second.posted_at is None and second.salary is None


def test_missing_pyarrow_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def without_pyarrow(name: str, package: str | None = None) -> Any:
        if name.startswith("pyarrow"):
            raise ImportError(f"No module named {name!r}")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_pyarrow)
    path = tmp_path / "jobs.parquet"
    path.write_bytes(b"PAR1")
    with pytest.raises(InputError, match=r"needs pyarrow: pip install 'jobtrends\[parquet\]'"):
        read_postings(path)


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        ({"id": ""}, ["row 3", "column 'id' (external_id)", "missing"]),
        ({"title": " "}, ["row 3", "column 'title': missing"]),
        ({"posted_at": "14/08/2026"}, ["row 3", "column 'posted_at'", "expected an ISO-8601 date"]),
        ({"remote": "sometimes"}, ["row 3", "column 'remote'", "expected one of remote, hybrid"]),
        ({"salary_min": "lots"}, ["row 3", "column 'salary_min'", 'got "lots", expected a number']),
        ({"salary_min": "-5"}, ["row 3", "column 'salary_min'", "non-negative"]),
        ({"salary_min": "9", "salary_max": "5", "salary_period": "year"},
         ["column 'salary_max'", 'got "5"', "no lower than the minimum (9)"]),
        ({"salary_min": "9", "salary_period": ""}, ["column 'salary_period'", "salary's period"]),
        ({"salary_min": "9", "salary_period": "fortnight"}, ['got "fortnight", expected one of']),
        ({"text": "", "html": ""}, ["row 3", "expected a description"]),
        ({"id": "a-1"}, ["row 3", "id 'a-1' already appears in row 2"]),
    ],
)  # fmt: skip
def test_a_bad_row_names_file_row_and_column(
    tmp_path: Path, change: dict[str, str], fragments: list[str]
) -> None:
    rows = [{**ROWS[0], "html": ""}, {**ROWS[0], "id": "a-2", "html": "", **change}]
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(InputError) as caught:
        read_postings(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"id": True}, "column 'id' (external_id): got True, expected an id"),
        ({"id": 1.5}, "column 'id' (external_id): got 1.5, expected an id"),
        ({"title": ["LLM Engineer"]}, "column 'title': got a list, expected a string"),
        ({"company": {"name": "Acme"}}, "column 'company': got a table, expected a string"),
        ({"posted_at": True}, "column 'posted_at': got True, expected a date"),
        ({"remote": 1}, "column 'remote': got 1, expected one of remote, hybrid"),
        ({"salary_min": True, "salary_period": "year"}, "column 'salary_min': got True"),
        ({"salary_min": 1e400, "salary_period": "year"}, "expected a non-negative amount"),
        ({"salary_min": 10**400, "salary_period": "year"}, "column 'salary_min'"),
        ({"posted_at": 10**400}, "column 'posted_at'"),
    ],
)
def test_a_wrong_typed_json_value_names_the_column(
    tmp_path: Path, change: dict[str, Any], fragment: str
) -> None:
    record = {"id": "a-1", "title": "LLM Engineer", "text": "Python", **change}
    path = write_jsonl(tmp_path / "typed.jsonl", [record])
    with pytest.raises(InputError) as caught:
        read_postings(path)
    assert str(caught.value).startswith(f"{path}: line 1: "), str(caught.value)
    assert fragment in str(caught.value)


def test_json_numbers_and_nan_read_like_csv_text(tmp_path: Path) -> None:
    """A number where text is meant is written out; NaN is no value; Infinity is no amount."""
    record = {"id": 7, "title": 2026, "text": "Python", "company": 3.5, "salary_min": float("nan")}
    path = tmp_path / "numbers.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")  # json writes NaN as NaN
    (posting,) = read_postings(path)
    assert (posting.external_id, posting.title, posting.company) == ("7", "2026", "3.5")
    assert posting.salary is None


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("a.csv", "title,text\nx,y\n", "column 'id' (for external_id) is not in the file"),
        ("a.csv", "id,title\n1,x\n", "neither column 'text' nor 'html' is in the file"),
        ("a.csv", "id,title,text\n1,x,y,z\n", "row 2: more fields than the header"),
        ("a.csv", "id,id,title,text\n1,2,x,y\n", "column 'id' appears twice"),
        ("a.csv", "", "no header"),
        ("a.csv", "id,title,text\n", "no postings"),
        ("a.jsonl", '{"id": 1, "title": "x", "text": "y"}\n[1]\n', "line 2: found list"),
        ("a.jsonl", '{"id": 1, "title": "x", "text": "y"}\n{oops\n', "line 2: not valid JSON"),
        ("a.xlsx", "", "unsupported file type '.xlsx'"),
        ("a.parquet", "not parquet", "not a readable Parquet file"),
    ],
)
def test_mis_shaped_files(tmp_path: Path, name: str, content: str, fragment: str) -> None:
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=None) as caught:
        read_postings(path)
    assert fragment in str(caught.value) and str(path) in str(caught.value)


def test_mapping_and_format_errors(tmp_path: Path, dataset: Path) -> None:
    with pytest.raises(InputError, match="expected FIELD=COLUMN"):
        parse_mapping(["external_id"])
    with pytest.raises(InputError, match="unknown field 'salary'"):
        parse_mapping(["salary=pay"])
    with pytest.raises(InputError, match=r"column 'job_id' \(for external_id\) is not in the file"):
        read_postings(dataset, mapping={"external_id": "job_id"})
    with pytest.raises(InputError, match="column 'nope' \\(for company\\)"):
        read_postings(dataset, mapping={"company": "nope"})  # a named optional column must exist
    renamed = tmp_path / "export.txt"
    renamed.write_bytes(dataset.read_bytes())
    assert len(read_postings(renamed, fmt="csv")) == 2
    with pytest.raises(InputError, match="no such file"):
        read_postings(tmp_path / "absent.csv")
    assert set(FIELDS) >= {"external_id", "title", "text", "html", "posted_at"}


def test_source_names() -> None:
    assert check_source_name(" kaggle ") == "kaggle"
    with pytest.raises(InputError, match="is a scraper source"):
        check_source_name("greenhouse")
    with pytest.raises(InputError, match="lower-case letters"):
        check_source_name("My Data")


def import_into(store: Store, path: Path, **options: Any) -> ImportResult:
    """`import_file` saving through a second connection to the fixture's database."""
    return import_file(path, open_store=lambda: Store.open(store.path), **options)


def test_import_stores_postings_and_logs_a_run(store: Store, dataset: Path) -> None:
    result = import_into(store, dataset, source="kaggle", now=NOW)
    assert (result.source, result.board, result.postings) == ("kaggle", "kaggle_jobs", 2)
    assert result.counts.new == 2 and result.counts.closed == 0
    rows = store.connection.execute(
        "SELECT source, board, external_id, remote_hint, salary_period, first_seen FROM postings "
        "ORDER BY external_id"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("kaggle", "kaggle_jobs", "a-1", "hybrid", "year", "2026-10-01T12:00:00+00:00"),
        ("kaggle", "kaggle_jobs", "a-2", None, None, "2026-10-01T12:00:00+00:00"),
    ]
    (run,) = recent_runs(store)
    assert run.command == "import" and run.status == "ok" and run.new == 2
    again = import_into(store, dataset, source="kaggle", now=NOW)
    assert again.counts.unchanged == 2 and again.counts.new == 0


def test_a_smaller_file_closes_nothing(store: Store, dataset: Path, tmp_path: Path) -> None:
    import_into(store, dataset, now=NOW)
    write_csv(dataset, [{**ROWS[0], "html": ""}])  # same file name, one row fewer
    import_into(store, dataset, now=NOW)
    closed = store.connection.execute("SELECT COUNT(*) FROM postings WHERE closed_at IS NOT NULL")
    assert closed.fetchone()[0] == 0


def test_nothing_is_written_for_a_bad_file(store: Store, tmp_path: Path) -> None:
    rows = [{**ROWS[0], "html": ""}, {**ROWS[0], "id": "a-2", "html": "", "remote": "maybe"}]
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(InputError):
        import_into(store, path, now=NOW)
    assert store.count("postings") == 0 and store.count("runs") == 0


def test_a_bad_file_never_opens_the_store(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bad.csv", [{**ROWS[0], "html": "", "salary_min": "lots"}])

    def never() -> Store:
        raise AssertionError("the store was opened for a bad file")

    with pytest.raises(InputError, match="column 'salary_min'"):
        import_file(path, open_store=never)


_PRINTABLE = st.characters(exclude_categories=["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"])


@given(
    st.text(alphabet=_PRINTABLE | st.sampled_from(["\n", "\t", " ", "<", "&", "-"]), max_size=200)
)
def test_text_to_html_keeps_the_lines(text: str) -> None:
    """Printable text with line breaks (control characters are not text HTML can carry)."""
    assert html_to_text(text_to_html(text)) == normalize_lines(text)
