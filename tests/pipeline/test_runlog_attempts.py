"""The run log counts every request a target put on the wire, failed targets included, and
says which part of a partial target failed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import httpx

from jobtrends.pipeline.cli.orchestration import ScrapeSummary, scrape
from jobtrends.pipeline.config import load_settings
from jobtrends.pipeline.store import Store
from jobtrends.scraper.targets import Target
from tests.scraper.support import load

BUSY = b"busy"


async def _streamed(body: bytes) -> AsyncIterator[bytes]:
    """A body that arrives like a socket's, so its bytes are counted as they come."""
    yield body


def _handler(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/down/jobs"):
        return httpx.Response(503, content=_streamed(BUSY))
    return httpx.Response(200, json={"jobs": [], "meta": {"total": 0}})


def test_a_failed_target_logs_each_attempt_and_its_bytes(tmp_path: Path) -> None:
    settings = load_settings(None, environ={})
    http = replace(settings.http, min_delay=0.0, backoff_base=0.0, max_retries=2)
    targets = (Target("greenhouse", "down", "https://gh.test"),)
    settings = replace(settings, http=http, targets=targets)
    with Store.open(tmp_path / "jobtrends.db") as store:
        summary = scrape(settings, store, transport=httpx.MockTransport(_handler))
        row = store.row(
            "SELECT status, requests, bytes FROM run_sources WHERE run_id = ?", (summary.run_id,)
        )
    assert row is not None
    assert (row["status"], row["requests"], row["bytes"]) == ("failed", 3, 3 * len(BUSY))


def _hn(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/search_by_date"):
        name = "search_by_date_page0.json" if request.url.params["page"] == "0" else "empty"
        return httpx.Response(200, json=load("hn", name) if name != "empty" else {"hits": []})
    if request.url.path.endswith("/91000200"):
        return httpx.Response(500)
    return httpx.Response(200, json=load("hn", "items_thread.json"))


def test_a_thread_that_fails_leaves_a_partial_row_naming_it(tmp_path: Path) -> None:
    settings = load_settings(None, environ={})
    http = replace(settings.http, min_delay=0.0, backoff_base=0.0, max_retries=0)
    targets = (Target("hn", "", "https://hn.test/api/v1", {"since": "2026-02"}),)
    settings = replace(settings, http=http, targets=targets)
    with Store.open(tmp_path / "jobtrends.db") as store:
        summary = scrape(settings, store, transport=httpx.MockTransport(_hn))
        row = store.row(
            "SELECT status, new, error FROM run_sources WHERE run_id = ?", (summary.run_id,)
        )
        run = store.row("SELECT status FROM runs WHERE id = ?", (summary.run_id,))
    assert row is not None and run is not None
    assert (row["status"], row["new"]) == ("partial", 5)  # March's posts were kept
    assert row["error"].startswith("thread 91000200 (February 2026): ")
    assert summary.status == run["status"] == "partial"  # the run says a part was lost


def test_a_run_is_failed_only_when_every_target_failed() -> None:
    assert ScrapeSummary(run_id=1, targets=2).status == "ok"
    assert ScrapeSummary(run_id=1, targets=2, partial=["hn"]).status == "partial"
    assert ScrapeSummary(run_id=1, targets=2, failed=["a"]).status == "partial"
    assert ScrapeSummary(run_id=1, targets=2, failed=["a", "b"]).status == "failed"
