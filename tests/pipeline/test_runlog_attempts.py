"""The run log counts every request a target put on the wire, failed targets included."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import httpx

from jobtrends.pipeline.cli.orchestration import scrape
from jobtrends.pipeline.config import load_settings
from jobtrends.pipeline.store import Store
from jobtrends.scraper.targets import Target

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
