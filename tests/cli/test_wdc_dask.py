"""`jobtrends import-wdc --dask ADDRESS` through the real CLI, on a real cluster (a scheduler and
two worker processes started with the `dask` command line, `tests/dask_cluster.py`) and on
`local:2`: the same postings, counts and run log as the plain import; `--parquet` on the workers;
a bad address; a broken file among good ones. Skipped without dask (failed under CI)."""

from __future__ import annotations

import gzip
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobtrends.pipeline.cli import cli
from tests.dask_cluster import running_cluster, unreachable_scheduler
from tests.pipeline.wdc_generator import write_nquads

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "wdc" / "jobs.nq"
COLUMNS = (
    "id, source, external_id, board, company, title, location, url, posted_at, "
    "description_html, description_text, content_hash, remote_hint, salary_min, salary_max, "
    "salary_currency, salary_period"
)


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_cluster(tmp_path_factory) as address:
        yield address


def files(tmp_path: Path) -> list[str]:
    """The fixture, a gzipped copy of it (all repeats of the first file) and a generated file."""
    packed = tmp_path / "crawl-1.nq.gz"
    packed.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    write_nquads(tmp_path / "generated.nq.gz", 6_000)
    return [str(FIXTURE), "crawl-1.nq.gz", "generated.nq.gz"]


def import_wdc(runner: CliRunner, database: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["--database", database, "import-wdc", *args])
    return result.exit_code, result.output


def same_output(on_dask: tuple[int, str], plain: tuple[int, str]) -> None:
    """The same exit code and lines (Dask's own log lines aside: in this process it was imported
    before the command could quiet it)."""
    lines = plain[1].splitlines()
    assert (on_dask[0], [line for line in on_dask[1].splitlines() if line in lines]) == (
        plain[0],
        lines,
    )


def stored(database: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with sqlite3.connect(database) as connection:
        postings = connection.execute(f"SELECT {COLUMNS} FROM postings ORDER BY id").fetchall()
        targets = connection.execute(
            "SELECT run_id, target, status, bytes, new, updated, unchanged, error FROM run_sources "
            "ORDER BY rowid"
        ).fetchall()
    return postings, targets


@pytest.mark.parametrize("where", ["scheduler", "local:2"])
def test_dask_stores_what_the_plain_import_stores(
    runner: CliRunner, tmp_path: Path, scheduler: str, where: str
) -> None:
    paths = files(tmp_path)
    address = scheduler if where == "scheduler" else where
    plain = import_wdc(runner, "plain.db", *paths)
    on_dask = import_wdc(runner, "dask.db", *paths, "--dask", address, "--batch-size", "50")
    assert plain[0] == 0, plain[1]
    same_output(on_dask, plain)
    assert "crawl-1.nq.gz: 62 quads" in on_dask[1] and "4 duplicates" in on_dask[1]
    postings, targets = stored("dask.db")
    assert len(postings) > 100
    assert [target[1:3] for target in targets] == [
        ("wdc:jobs", "ok"),
        ("wdc:crawl-1", "ok"),
        ("wdc:generated", "ok"),
    ]
    assert (postings, targets) == stored("plain.db")
    again = import_wdc(runner, "dask.db", *paths, "--dask", address)
    assert again[0] == 0 and f"{len(postings)} postings stored (ok)" in again[1]
    assert "  stored 0 new, 0 updated, 3 unchanged" in again[1].splitlines()


def test_parquet_on_the_workers_keeps_repeats_across_files(
    runner: CliRunner, tmp_path: Path, scheduler: str
) -> None:
    pytest.importorskip("pyarrow")
    paths = files(tmp_path)[:2]
    code, output = import_wdc(runner, "jobs.db", *paths, "--parquet", "out", "--dask", scheduler)
    assert code == 0, output
    lines = output.splitlines()
    assert "  wrote 3 postings to out/jobs.parquet" in lines
    assert "  wrote 3 postings to out/crawl-1.parquet" in lines  # the plain path writes 0 here
    assert lines[-1] == "2 files, 6 postings written (ok)"
    assert not (tmp_path / "jobs.db").exists()
    back = runner.invoke(cli, ["--database", "jobs.db", "import", "out/crawl-1.parquet"])
    assert back.exit_code == 0, back.output
    assert "imported 3 postings" in back.output


def test_a_broken_file_is_named_and_the_other_files_are_kept(
    runner: CliRunner, tmp_path: Path, scheduler: str
) -> None:
    broken = tmp_path / "broken.nq.gz"
    broken.write_bytes(gzip.compress(FIXTURE.read_bytes())[:900])
    plain = import_wdc(runner, "plain.db", str(FIXTURE), str(broken))
    on_dask = import_wdc(runner, "dask.db", str(FIXTURE), str(broken), "--dask", scheduler)
    same_output(on_dask, plain)
    code, output = on_dask
    assert code == 1
    assert f"error: {broken}: the gzip data is broken or cut short" in output
    assert "1 of 2 files could not be read completely" in output
    assert "run 1: 2 files, 3 postings stored (partial)" in output
    assert stored("dask.db") == stored("plain.db")


def test_a_bad_address_is_one_clear_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    address, error = unreachable_scheduler(monkeypatch)
    code, output = import_wdc(runner, "jobs.db", str(FIXTURE), "--dask", address)
    assert code == 1
    assert error in output
    code, output = import_wdc(runner, "jobs.db", str(FIXTURE), "--dask", "nowhere")
    assert code == 1
    assert "--dask 'nowhere': give a scheduler's address (tcp://host:port) or local:N" in output
    assert not (tmp_path / "jobs.db").exists()
