"""The real CLI end to end: `jobtrends demo` into a temp dir, then the database and the report."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jobtrends.pipeline.cli.report_input import report_input
from jobtrends.pipeline.config import load_settings
from jobtrends.pipeline.frames import build_frames
from jobtrends.pipeline.nlp import extractor_version
from jobtrends.pipeline.store import Store
from jobtrends.reports import ReportData, build_site
from jobtrends.reports import data as report_data

JOBTRENDS = str(Path(sys.executable).with_name("jobtrends"))
ROLES = {
    "ml_engineer",
    "llm_engineer",
    "ai_application_developer",
    "ai_infrastructure_engineer",
    "data_scientist",
    "ml_researcher",
    "other",
}


def jobtrends(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [JOBTRENDS, *args], cwd=cwd, capture_output=True, text=True, check=check, timeout=600
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("demo")
    result = jobtrends("demo", "--out", "out", cwd=work)
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line == str(Path("out") / "report" / "index.html")
    return work


def query(demo_dir: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(demo_dir / "out" / "jobtrends.db") as db:
        return db.execute(sql).fetchall()


def test_database_holds_every_served_posting(demo_dir: Path) -> None:
    by_source = dict(query(demo_dir, "SELECT source, COUNT(*) FROM postings GROUP BY source"))
    assert set(by_source) == {"greenhouse", "lever", "ashby", "hn"}
    assert sum(by_source.values()) >= 2000
    months = query(demo_dir, "SELECT COUNT(DISTINCT substr(posted_at, 1, 7)) FROM postings")
    assert months[0][0] >= 24
    assert query(demo_dir, "PRAGMA integrity_check") == [("ok",)]


def test_every_posting_is_extracted_with_spans(demo_dir: Path) -> None:
    (missing,) = query(
        demo_dir,
        "SELECT COUNT(*) FROM postings p LEFT JOIN extractions e ON e.posting_id = p.id "
        "WHERE e.posting_id IS NULL",
    )[0]
    assert missing == 0
    roles = {row[0] for row in query(demo_dir, "SELECT DISTINCT role FROM extractions")}
    assert roles == ROLES
    rows = query(
        demo_dir,
        'SELECT p.description_text, m.start, m."end", m.text FROM mentions m '
        "JOIN postings p ON p.id = m.posting_id LIMIT 2000",
    )
    assert len(rows) == 2000
    assert all(text[start:end] == word for text, start, end, word in rows)


def test_run_log_records_each_target(demo_dir: Path) -> None:
    runs = query(demo_dir, "SELECT command, status FROM runs")
    assert runs == [("demo", "ok")]
    statuses = query(demo_dir, "SELECT status, COUNT(*) FROM run_sources GROUP BY status")
    assert dict(statuses).keys() == {"ok"}


def test_report_pages_are_written_and_self_contained(demo_dir: Path) -> None:
    report = demo_dir / "out" / "report"
    pages = sorted(report.glob("*.html"))
    names = {page.name for page in pages}
    assert {"index.html", "sources.html", "methodology.html"} <= names
    assert {f"role-{role}.html" for role in ROLES - {"other"}} <= names
    assert (report / "plotly.min.js").stat().st_size > 1_000_000
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=\"https?://", html), page.name
        assert "<script>window.__jobtrends_xss" not in html, page.name
    index = (report / "index.html").read_text(encoding="utf-8")
    assert index.count('<div class="plot" id="fig-') >= 5


def test_status_json_and_export(demo_dir: Path) -> None:
    status = json.loads(
        jobtrends("--database", "out/jobtrends.db", "status", "--json", cwd=demo_dir).stdout
    )
    assert status["postings"] >= 2000
    assert status["runs"][0]["status"] == "ok"
    export = jobtrends("--database", "out/jobtrends.db", "export", "--out", "exp", cwd=demo_dir)
    assert "exp/postings.csv" in export.stdout
    header = (demo_dir / "exp" / "mentions.csv").read_text().splitlines()[0]
    assert header.split(",")[:3] == ["posting_id", "skill_id", "skill_name"]


STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?( UTC)?")


def _site(folder: Path) -> dict[str, str]:
    """Every page and CSV file of a site, with the report's own time stamps masked."""
    return {
        path.relative_to(folder).as_posix(): STAMP.sub("<time>", path.read_text("utf-8"))
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".html", ".csv")
    }


def test_the_parquet_dataset_builds_the_same_site_as_the_database(demo_dir: Path) -> None:
    """`export --format parquet` writes the partitioned dataset; `report --from-parquet` builds
    from it, with no database, the same pages and tables the database gives."""
    db = ("--database", "out/jobtrends.db")
    written = jobtrends(*db, "export", "--format", "parquet", "--out", "pq", cwd=demo_dir)
    assert written.stdout.splitlines()[0] == "pq/dataset.json"
    months = sorted(p.name for p in (demo_dir / "pq" / "postings").iterdir())
    assert months[0].startswith("month=") and len(months) == 26
    assert (demo_dir / "pq" / "mentions" / months[-1]).is_dir()
    jobtrends(*db, "report", "--out", "from-db", cwd=demo_dir)
    from_parquet = jobtrends(
        "--database", "none.db", "report", "--from-parquet", "pq", "--out", "from-pq", cwd=demo_dir
    )
    assert from_parquet.stdout.strip() == str(Path("from-pq") / "index.html")
    assert not (demo_dir / "none.db").exists()
    expected, got = _site(demo_dir / "from-db"), _site(demo_dir / "from-pq")
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    missing = jobtrends("report", "--from-parquet", "nowhere", cwd=demo_dir, check=False)
    assert missing.returncode != 0 and "export --format parquet" in missing.stderr


def test_filtered_report(demo_dir: Path) -> None:
    result = jobtrends(
        "--database",
        "out/jobtrends.db",
        "report",
        "--out",
        "filtered",
        "--since",
        "2026-01",
        "--role",
        "llm_engineer",
        cwd=demo_dir,
    )
    assert result.stdout.strip().endswith("filtered/index.html")
    assert (demo_dir / "filtered" / "index.html").exists()


def test_second_demo_run_is_incremental(demo_dir: Path) -> None:
    result = jobtrends("demo", "--out", "out", cwd=demo_dir)
    assert "0 extracted" in result.stdout
    (new, updated) = query(
        demo_dir,
        "SELECT SUM(new), SUM(updated) FROM run_sources WHERE run_id = (SELECT MAX(id) FROM runs)",
    )[0]
    assert (new, updated) == (0, 0)


def test_analyze_follows_the_contract(tmp_path: Path) -> None:
    postings = [
        {
            "id": "p1",
            "title": "Senior LLM Engineer",
            "text": "Requirements\n- Python and LangChain\n- No Kubernetes experience required\n"
            "Salary: $150k-$200k. Fully remote.",
            "team": "kept but ignored",
        },
        {
            "id": 2,
            "title": "Data Scientist",
            "html": "<h3>You have</h3><ul><li>SQL and R</li></ul>",
        },
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(p) for p in postings) + "\n")
    jobtrends("analyze", "in.jsonl", "-o", "out.jsonl", cwd=tmp_path)
    results = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in results] == ["p1", "2"]
    first = results[0]
    assert set(first) == {
        "id",
        "role",
        "role_confidence",
        "seniority",
        "remote",
        "salary",
        "skills",
        "candidates",
    }
    assert first["role"] == "llm_engineer" and first["seniority"] == "senior"
    assert first["remote"] == "remote"
    assert first["salary"] == {"min": 150000, "max": 200000, "currency": "USD", "period": "year"}
    skills = {s["id"]: s for s in first["skills"]}
    assert {"python", "langchain", "kubernetes"} <= set(skills)
    assert skills["kubernetes"]["negated"] is True and skills["python"]["negated"] is False
    text = postings[0]["text"]
    for skill in first["skills"]:
        assert set(skill) == {
            "id",
            "name",
            "category",
            "text",
            "start",
            "end",
            "section",
            "negated",
        }
        assert text[skill["start"] : skill["end"]] == skill["text"]
    assert {s["id"] for s in results[1]["skills"]} >= {"sql", "r"}


def test_taxonomy_json_lists_every_skill(tmp_path: Path) -> None:
    skills = json.loads(jobtrends("taxonomy", "--format", "json", cwd=tmp_path).stdout)
    assert len(skills) >= 800
    assert all(set(s) == {"id", "name", "category", "aliases"} for s in skills)
    assert len({s["id"] for s in skills}) == len(skills)


def test_the_dataset_is_written_slice_by_slice_and_reads_back_whole(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written 300 postings at a time, the partitions read back as the frames the store gives
    (in posting order, with each mention's and candidate's line as `context`)."""
    import pandas as pd

    from jobtrends.pipeline.cli import parquet_dataset
    from jobtrends.pipeline.frames import FrameFilter, build_frames
    from jobtrends.pipeline.nlp import extractor_version
    from jobtrends.pipeline.store import Store

    monkeypatch.setattr(parquet_dataset, "SLICE", 300)
    with Store.open(demo_dir / "out" / "jobtrends.db") as store:
        version = extractor_version()
        parquet_dataset.write_dataset(store, tmp_path, version, {"c": "C"})
        frames = build_frames(store, version, FrameFilter(since="2026-01"))
        mentions = frames.with_contexts()
        candidates = frames.candidates.assign(
            context=frames.lines(parquet_dataset.mention_spans(frames.candidates))
        )
    parts = {p.name.split("-")[1] for p in (tmp_path / "postings").rglob("*.parquet")}
    assert len(parts) >= 8  # 2,400 postings, 300 at a time
    read = parquet_dataset.read_dataset(tmp_path, FrameFilter(since="2026-01"))
    assert read.extractor_version == version and read.categories == {"c": "C"}

    def values(frame: pd.DataFrame) -> pd.DataFrame:  # the values, whatever dtype holds them
        plain = frame.reset_index(drop=True).astype(object)
        return plain.where(frame.reset_index(drop=True).notna(), None)

    pairs = ((read.frames.postings, frames.postings), (read.frames.mentions, mentions))
    for got, expected in (*pairs, (read.frames.candidates, candidates)):
        pd.testing.assert_frame_equal(values(got), values(expected))
    assert len(read.frames.candidates) > 0


def test_the_stores_aggregates_give_the_site_every_mention_row_gives(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report reads what the mentions add up to from the store (SQL), never the mention rows,
    a range of duplicate groups at a time; on the demo database the site is the same, page for
    page and table for table, as the one built from every mention row held in memory at once."""
    clock = datetime(2026, 12, 1, tzinfo=UTC)
    settings = load_settings(environ={})
    with Store.open(demo_dir / "out" / "jobtrends.db") as store:
        aggregated, _taxonomy = report_input(settings, store, extractor_version(), clock)
        frames = build_frames(store, extractor_version())
        rows = ReportData.from_mentions(
            frames.postings,
            frames.mentions,
            frames.runs,
            aggregated.categories,
            clock,
            lines=frames.lines,
            candidates=frames.candidates,
            hidden_terms=aggregated.hidden_terms,
        )
        assert aggregated.mention_count == len(frames.mentions)
        build_site(rows, tmp_path / "rows")
        # The store read in ranges of about 250 postings: ten batches and more.
        monkeypatch.setattr(report_data, "VIEW_BATCH_POSTINGS", 250)
        build_site(aggregated, tmp_path / "aggregated")
    expected, got = _site(tmp_path / "rows"), _site(tmp_path / "aggregated")
    assert len(expected) > 100 and sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
