"""The PostgreSQL backend end to end: `import`, `extract`, `report` and `status` through the CLI
on a `postgresql://` database; the run lock shared by processes (an advisory lock); two writers on
one board at once; and what needs no server (a missing psycopg, passwords kept out of messages,
the DDL and placeholder translations)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobtrends.pipeline.cli import cli
from jobtrends.pipeline.database import DatabaseUrl, database_location, redacted
from jobtrends.pipeline.errors import StorageError
from jobtrends.pipeline.ops import RunLockedError, ServerLock, current_holder, take_lock
from jobtrends.pipeline.store import SaveCounts, Store
from jobtrends.pipeline.store._postgres import placeholders, postgres_ddl
from tests.cli.test_import_cli import MAP, POSTINGS, write_dataset
from tests.pipeline.factories import T0, listing, posting
from tests.postgres_server import PostgresServer

HOLD = """
import sys
from jobtrends.pipeline.database import DatabaseUrl
from jobtrends.pipeline.ops import take_lock
lock = take_lock(DatabaseUrl(sys.argv[1]), command=sys.argv[2])
print("locked", flush=True)
sys.stdin.read()
lock.release()
"""


@pytest.fixture
def url(postgres_server: PostgresServer) -> str:
    return postgres_server.new_url()


@contextmanager
def held_elsewhere(url: str, command: str = "run") -> Iterator[subprocess.Popen[str]]:
    """Hold the database's run lock in another process until the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, url, command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "locked"
        yield process
    finally:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.close()
        process.wait(timeout=10)
        process.stdout.close()


def test_import_extract_report_and_status_work_on_postgresql(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JOBTRENDS_CONFIG", raising=False)
    runner, db = CliRunner(), ["--database", url]
    dataset = write_dataset(tmp_path / "kaggle.jsonl", POSTINGS)
    imported = runner.invoke(cli, [*db, "import", str(dataset), "--source", "kaggle", *MAP])
    assert imported.exit_code == 0, imported.output
    assert "imported 2 postings" in imported.output and "2 new" in imported.output
    again = runner.invoke(cli, [*db, "import", str(dataset), "--source", "kaggle", *MAP])
    assert again.exit_code == 0 and "2 unchanged" in again.output, again.output

    extracted = runner.invoke(cli, [*db, "extract"])
    assert extracted.exit_code == 0 and "extracted 2 postings" in extracted.output
    with Store.open(DatabaseUrl(url)) as store:
        skills = {row["skill_id"] for row in store.rows("SELECT skill_id FROM mentions")}
        assert {"langchain", "pytorch"} <= skills

    reported = runner.invoke(cli, [*db, "report", "--out", "site", "--source", "kaggle"])
    assert reported.exit_code == 0, reported.output
    assert Path(reported.output.strip().splitlines()[-1]).is_file()

    status = runner.invoke(cli, [*db, "status"])
    assert "2 postings stored" in status.output and "import" in status.output
    document = json.loads(runner.invoke(cli, [*db, "status", "--json"]).output)
    assert document["active_run"] is None
    assert [run["command"] for run in document["runs"]] == ["import", "import"]
    assert not list(tmp_path.glob("*.lock"))  # the lock is in the database, not in a file


def test_the_run_lock_is_shared_by_processes_and_a_dead_holder_is_recovered(url: str) -> None:
    database = DatabaseUrl(url)
    with held_elsewhere(url, "scrape") as holder:
        with pytest.raises(RunLockedError) as refused:
            take_lock(database, command="run")
        assert f"`jobtrends scrape` as pid {holder.pid}" in str(refused.value)
        assert "advisory lock 'run'" in str(refused.value)
        found = current_holder(database)
        assert found is not None and found.pid == holder.pid
        status = CliRunner().invoke(cli, ["--database", url, "status"])
        assert f"running now: `jobtrends scrape` as pid {holder.pid}" in status.output
        holder.kill()  # SIGKILL: no release; the server drops the session's lock
        holder.wait(timeout=10)
        deadline = time.monotonic() + 10  # the server notices the closed connection at once
        while current_holder(database) is not None and time.monotonic() < deadline:
            time.sleep(0.05)
    with take_lock(database, command="run") as lock:
        assert isinstance(lock, ServerLock)
        assert lock.recovered is not None and lock.recovered.pid == holder.pid
        assert current_holder(database) == lock.holder
    assert current_holder(database) is None
    with take_lock(database, command="run") as lock:
        assert lock.recovered is None  # released cleanly


def test_two_writers_saving_one_board_at_once_store_each_posting_once(url: str) -> None:
    board = listing(*(posting(str(n)) for n in range(150)))
    counts: list[SaveCounts] = []
    start = threading.Barrier(2)

    def write() -> None:
        with Store.open(DatabaseUrl(url)) as store:
            start.wait()
            counts.append(store.save_listing(board, source="greenhouse", board="acme", now=T0))

    writers = [threading.Thread(target=write) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=60)
    assert sorted(c.new for c in counts) == [0, 150]
    assert sorted(c.unchanged for c in counts) == [0, 150]
    with Store.open(DatabaseUrl(url)) as store:
        assert store.count("postings") == 150
        assert store.row("SELECT COUNT(*) FROM posting_versions")[0] == 150


def test_without_psycopg_a_postgresql_url_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg raises ImportError
    with pytest.raises(StorageError, match=r"pip install 'jobtrends\[postgres\]'"):
        Store.open(DatabaseUrl("postgresql://someone@127.0.0.1/jobtrends"))


def test_messages_never_show_the_password() -> None:
    url = "postgresql://scraper:s3cret@127.0.0.1:1/jobs?sslmode=disable&password=s3cret"
    assert database_location(url) == DatabaseUrl(url)
    assert database_location("data/jobtrends.db") == Path("data/jobtrends.db")
    assert redacted(url) == (
        "postgresql://scraper:***@127.0.0.1:1/jobs?sslmode=disable&password=***"
    )
    with pytest.raises(StorageError) as failed:  # nothing listens on port 1
        Store.open(DatabaseUrl(url))
    assert "s3cret" not in str(failed.value) and "scraper:***@" in str(failed.value)


def test_ddl_and_placeholders_are_translated_for_postgresql() -> None:
    ddl = "CREATE TABLE t (\n id INTEGER PRIMARY KEY,\n text TEXT NOT NULL,\n score REAL\n);"
    assert postgres_ddl(ddl) == (
        "CREATE TABLE t (row_order BIGINT GENERATED ALWAYS AS IDENTITY,\n"
        " id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
        ' text TEXT COLLATE "C" NOT NULL,\n score DOUBLE PRECISION\n);'
    )
    sql = "SELECT '?%', \"a?\" FROM t WHERE x LIKE '%a' AND y = ? AND z % 2 = ?"
    assert placeholders(sql) == (
        "SELECT '?%', \"a?\" FROM t WHERE x LIKE '%a' AND y = %s AND z %% 2 = %s"
    )
