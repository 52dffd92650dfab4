"""`jobtrends import-wdc` end to end through the real CLI: .nq and .nq.gz into the store, then
extract, report and status; Parquet that `jobtrends import` reads back; bad paths and a broken
gzip."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobtrends.pipeline.cli import cli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "wdc" / "jobs.nq"
DB = ["--database", "jobs.db"]


def gzipped(tmp_path: Path, name: str = "crawl-1.nq.gz") -> Path:
    path = tmp_path / name
    path.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    return path


def test_import_wdc_then_extract_report_and_status(runner: CliRunner, tmp_path: Path) -> None:
    packed = gzipped(tmp_path)
    result = runner.invoke(cli, [*DB, "import-wdc", str(FIXTURE), str(packed)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        f"{FIXTURE}: 62 quads, 1 malformed lines skipped, 4 pages, 4 postings found; "
        "1 duplicates, 1 skipped (1 no description)"
    )
    assert lines[1] == "  stored 3 new, 0 updated, 0 unchanged"
    assert lines[2].startswith("  malformed line 44: not an N-Quads statement")
    assert f"{packed}: 62 quads" in lines[3] and "4 duplicates" in lines[3]
    assert lines[-1] == "run 1: 2 files, 3 postings stored (ok)"

    extracted = runner.invoke(cli, [*DB, "extract"])
    assert extracted.exit_code == 0, extracted.output
    assert "extracted 3 postings" in extracted.output
    with sqlite3.connect(tmp_path / "jobs.db") as connection:
        skills = {
            row[0]
            for row in connection.execute(
                "SELECT m.skill_id FROM mentions m JOIN postings p ON p.id = m.posting_id "
                "WHERE p.source = 'wdc' AND p.board = 'careers.acme-ai.example'"
            )
        }
        runs = connection.execute("SELECT command, status FROM runs").fetchall()
    assert {"langchain", "pytorch"} <= skills
    assert runs[0] == ("import-wdc", "ok")

    reported = runner.invoke(cli, [*DB, "report", "--out", "site", "--source", "wdc"])
    assert reported.exit_code == 0, reported.output
    assert Path(reported.output.strip().splitlines()[-1]).is_file()
    status = runner.invoke(cli, [*DB, "status"])
    assert status.exit_code == 0, status.output
    assert "wdc:crawl-1" in status.output and "import-wdc" in status.output


def test_again_counts_unchanged(runner: CliRunner) -> None:
    assert runner.invoke(cli, [*DB, "import-wdc", str(FIXTURE)]).exit_code == 0
    again = runner.invoke(cli, [*DB, "import-wdc", str(FIXTURE), "--source", "wdc"])
    assert again.exit_code == 0, again.output
    assert "  stored 0 new, 0 updated, 3 unchanged" in again.output.splitlines()


def test_parquet_instead_of_the_store_and_import_reads_it_back(
    runner: CliRunner, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow")
    packed = gzipped(tmp_path)
    written = runner.invoke(cli, [*DB, "import-wdc", str(packed), "--parquet", "out"])
    assert written.exit_code == 0, written.output
    assert "  wrote 3 postings to out/crawl-1.parquet" in written.output.splitlines()
    assert not (tmp_path / "jobs.db").exists()
    back = runner.invoke(cli, [*DB, "import", "out/crawl-1.parquet", "--source", "wdc-parquet"])
    assert back.exit_code == 0, back.output
    assert "imported 3 postings" in back.output and "3 new" in back.output


def test_a_missing_file_stops_before_anything_is_imported(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, [*DB, "import-wdc", str(FIXTURE), "nope.nq.gz"])
    assert result.exit_code == 1
    assert "error: nope.nq.gz: no such file; check the path (nothing was imported)" in (
        result.output
    )
    assert not (tmp_path / "jobs.db").exists()


def test_a_broken_gzip_is_named_and_the_other_files_are_kept(
    runner: CliRunner, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.nq.gz"
    broken.write_bytes(gzipped(tmp_path).read_bytes()[:900])
    result = runner.invoke(cli, [*DB, "import-wdc", str(FIXTURE), str(broken)])
    assert result.exit_code == 1
    assert f"error: {broken}: the gzip data is broken or cut short" in result.output
    assert "download the file again" in result.output
    assert "1 of 2 files could not be read completely" in result.output
    assert "run 1: 2 files, 3 postings stored (partial)" in result.output
    with sqlite3.connect(tmp_path / "jobs.db") as connection:
        assert connection.execute("SELECT COUNT(*) FROM postings").fetchone() == (3,)
        targets = connection.execute("SELECT target, status FROM run_sources").fetchall()
    assert targets == [("wdc:jobs", "ok"), ("wdc:broken", "failed")]


def test_a_scraper_source_name_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(cli, [*DB, "import-wdc", str(FIXTURE), "--source", "greenhouse"])
    assert result.exit_code == 1 and "is a scraper source" in result.output
