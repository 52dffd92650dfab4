"""Security end to end: secrets stay out of logs, database and report; redirects stay on http(s);
robots.txt disallow is honoured for page fetches."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from jobtrends.scraper._http import PoliteClient
from jobtrends.scraper.errors import FetchError
from jobtrends.scraper.settings import HttpSettings
from tests.ops.conftest import few_targets, invoke, run_sources, write_config
from tests.ops.fault_server import FaultServer

SECRET_CONTACT = "ops-canary-7f3a9c@secret.example"


def _database_text(database: Path) -> str:
    with closing(sqlite3.connect(database)) as db:
        return "\n".join(db.iterdump())


def test_the_contact_from_the_environment_never_reaches_logs_database_or_report(
    server: FaultServer, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    config = write_config(tmp_path, few_targets(server, per_source=1), database)
    out = tmp_path / "report"
    server.inject("lever", "html_error_page_200")  # errors are logged and stored too
    env = {"JOBTRENDS_HTTP_CONTACT": SECRET_CONTACT}
    server.agents.clear()

    result = invoke("--verbose", "--config", config, "run", "--out", out, env=env)

    assert result.exit_code == 0, result.output
    assert any(SECRET_CONTACT in agent for agent in server.agents)  # it was in use
    assert "HTTP Request: GET" in result.stderr  # verbose: every request is logged
    assert "lever" in result.stderr  # and so is the failing source's error
    assert SECRET_CONTACT not in result.stdout + result.stderr
    assert SECRET_CONTACT not in _database_text(database)
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert any(path.suffix == ".html" for path in written)
    for path in written:
        assert SECRET_CONTACT.encode() not in path.read_bytes(), path
    status = invoke("--config", config, "status", "--json", env=env)
    assert SECRET_CONTACT not in status.stdout


@pytest.mark.parametrize(
    "location", ["file:///etc/passwd", "ftp://127.0.0.1/jobs.json", "gopher://127.0.0.1:70/"]
)
def test_a_redirect_to_another_scheme_is_refused_and_reported(
    location: str, server: FaultServer, tmp_path: Path
) -> None:
    database = tmp_path / "jobtrends.db"
    config = write_config(tmp_path, few_targets(server), database)
    server.redirect_location = location
    server.inject("greenhouse", "redirect_elsewhere")
    result = invoke("--config", config, "scrape")
    assert result.exit_code == 0
    rows = run_sources(database)
    failed = [row for row in rows if row["source"] == "greenhouse"]
    assert failed and all(row["status"] == "failed" for row in failed)
    assert all("only http and https are allowed" in row["error"] for row in failed)
    assert all(location.split(":")[0] + "://" in row["error"] for row in failed)
    assert all(row["status"] == "ok" for row in rows if row["source"] != "greenhouse")


def test_robots_disallow_is_honoured_for_page_fetches(server: FaultServer) -> None:
    server.robots = b"User-agent: *\nDisallow: /greenhouse/\n"
    settings = HttpSettings(min_delay=0.0, max_retries=0, timeout=2.0, respect_robots=True)
    page = f"{server.url('greenhouse')}/greenhouse/v1/boards/x/jobs"
    allowed = f"{server.url('lever')}/lever/v0/postings/halcyon"

    async def fetch() -> tuple[FetchError, int]:
        async with PoliteClient(settings) as client:
            with pytest.raises(FetchError) as refused:
                await client.get(page, check_robots=True)
            fetched = await client.get(allowed, check_robots=True)
            return refused.value, fetched.status

    before = server.requests["greenhouse"]
    refusal, status = asyncio.run(fetch())
    assert "disallowed by robots.txt" in str(refusal)
    assert server.requests["greenhouse"] == before  # only robots.txt was asked, never the page
    assert status == 200
