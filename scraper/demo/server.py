"""A local HTTP server that plays Greenhouse, Lever, Ashby and Hacker News for the demo corpus.

    with DemoServer(generate_corpus()) as server:
        for target in server.targets():
            ...  # the normal scrapers, pointed at server.base_urls

Each source lives under its own prefix so that `base_url + the live API path` works unchanged.
Payloads are rendered once at construction; board listings carry an ETag and answer 304 to a
matching If-None-Match. The server binds 127.0.0.1 only and writes nothing to stderr.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from jobtrends.scraper.demo.model import DemoCorpus
from jobtrends.scraper.demo.wire import (
    ashby_board,
    end_instant,
    greenhouse_board,
    greenhouse_job_with_pay,
    lever_posting,
)
from jobtrends.scraper.demo.wire_hn import hn_payloads, search_by_date
from jobtrends.scraper.targets import Target

log = logging.getLogger(__name__)
JSON_TYPE = "application/json; charset=utf-8"
ROBOTS = b"User-agent: *\nAllow: /\n"


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


class DemoPayloads:
    """Every response body the server can send, rendered once."""

    def __init__(self, corpus: DemoCorpus) -> None:
        end = end_instant(corpus.end)
        self.greenhouse: dict[tuple[str, bool], bytes] = {}
        self.greenhouse_jobs: dict[tuple[str, str], bytes] = {}
        self.lever: dict[str, list[bytes]] = {}
        self.ashby: dict[tuple[str, bool], bytes] = {}
        for board in corpus.boards("greenhouse"):
            posts = [p for p in corpus.by_source("greenhouse") if p.board == board]
            for content in (True, False):
                self.greenhouse[board, content] = _dump(
                    greenhouse_board(posts, end, content=content)
                )
            for post in posts:
                job = greenhouse_job_with_pay(post, end)
                self.greenhouse_jobs[board, post.external_id] = _dump(job)
        for board in corpus.boards("lever"):
            posts = sorted(
                (p for p in corpus.by_source("lever") if p.board == board),
                key=lambda p: p.posted_at,
                reverse=True,
            )
            self.lever[board] = [_dump(lever_posting(p)) for p in posts]
        for board in corpus.boards("ashby"):
            posts = [p for p in corpus.by_source("ashby") if p.board == board]
            for comp in (True, False):
                self.ashby[board, comp] = _dump(ashby_board(posts, compensation=comp))
        hn = hn_payloads(corpus)
        self.hn_hits = hn.hits
        self.hn_items = {item_id: _dump(item) for item_id, item in hn.items.items()}

    def digest(self) -> str:
        """SHA-256 over every payload in a fixed order (equal corpora give equal digests)."""
        h = hashlib.sha256()
        for key in sorted(self.greenhouse):
            h.update(self.greenhouse[key])
        for job_key in sorted(self.greenhouse_jobs):
            h.update(self.greenhouse_jobs[job_key])
        for board in sorted(self.lever):
            h.update(b"".join(self.lever[board]))
        for key in sorted(self.ashby):
            h.update(self.ashby[key])
        h.update(_dump(self.hn_hits))
        for item_id in sorted(self.hn_items):
            h.update(self.hn_items[item_id])
        return h.hexdigest()

    def route(self, path: str, query: dict[str, str]) -> tuple[int, bytes, bool]:
        """(status, JSON body, whether the body is a board listing that gets an ETag)."""
        parts = [p for p in path.split("/") if p]
        match parts:
            case ["greenhouse", "v1", "boards", board, "jobs"]:
                body = self.greenhouse.get((board, query.get("content") == "true"))
                return (200, body, True) if body else _missing("board", board)
            case ["greenhouse", "v1", "boards", board, "jobs", job_id]:
                job = self.greenhouse_jobs.get((board, job_id))
                return (200, job, False) if job else _missing("job", job_id)
            case ["lever", "v0", "postings", board]:
                if board not in self.lever:
                    return _missing("site", board)
                skip, limit = int(query.get("skip", "0")), query.get("limit")
                items = self.lever[board][max(0, skip) :]
                items = items[: max(0, int(limit))] if limit is not None else items
                return 200, b"[" + b",".join(items) + b"]", True
            case ["ashby", "posting-api", "job-board", board]:
                body = self.ashby.get((board, query.get("includeCompensation") == "true"))
                return (200, body, True) if body else _missing("job board", board)
            case ["hn", "api", "v1", "search_by_date"]:
                return 200, _dump(search_by_date(self.hn_hits, query)), True
            case ["hn", "api", "v1", "items", item_id] if item_id.isdigit():
                item = self.hn_items.get(int(item_id))
                return (200, item, False) if item else _missing("item", item_id)
        return _missing("path", path)


def _missing(what: str, name: str) -> tuple[int, bytes, bool]:
    return (
        404,
        _dump({"status": 404, "error": "Not Found", "message": f"no such {what}: {name}"}),
        False,
    )


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in separate writes; with Nagle on, each body waits ~40 ms for the
    # client's delayed ACK, which would count as server time in bench/scrape.py.
    disable_nagle_algorithm = True
    server_version = "jobtrends-demo/1"
    payloads: DemoPayloads  # set on the per-server subclass

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/robots.txt":
            self._send(200, ROBOTS, "text/plain; charset=utf-8")
            return
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        try:
            status, body, listing = self.payloads.route(url.path, query)
        except ValueError as error:  # a malformed number in the query string
            status, body, listing = 400, _dump({"status": 400, "error": str(error)}), False
        etag = _etag(body) if listing and status == 200 else None
        if etag and etag in _tags(self.headers.get("If-None-Match", "")):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(status, body, JSON_TYPE, etag)

    def _send(self, status: int, body: bytes, kind: str, etag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "max-age=0, must-revalidate")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("demo server: " + format, *args)


def _tags(header: str) -> set[str]:
    tags = {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}
    return tags


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("demo server: error serving %s", client_address, exc_info=True)


class DemoServer:
    """Serve a demo corpus on 127.0.0.1 (a free port unless `port` is given) in a daemon thread."""

    def __init__(self, corpus: DemoCorpus, port: int = 0) -> None:
        self.corpus = corpus
        self.payloads = DemoPayloads(corpus)
        handler = type("DemoHandler", (_Handler,), {"payloads": self.payloads})
        self._httpd = _QuietServer(("127.0.0.1", port), handler)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_urls(self) -> dict[str, str]:
        return {
            "greenhouse": f"{self.url}/greenhouse",
            "lever": f"{self.url}/lever",
            "ashby": f"{self.url}/ashby",
            "hn": f"{self.url}/hn/api/v1",
        }

    def targets(self) -> list[Target]:
        """One target per demo board (Lever and Ashby with `company`), plus Hacker News from the
        corpus's first month."""
        urls = self.base_urls
        names = {c.board: c.name for c in self.corpus.companies}
        out = [
            Target("greenhouse", board, urls["greenhouse"])
            for board in self.corpus.boards("greenhouse")
        ]
        # Lever and Ashby payloads do not name the employer; the target tells the scraper.
        out += [
            Target(source, board, urls[source], {"company": names[board]})
            for source in ("lever", "ashby")
            for board in self.corpus.boards(source)
        ]
        out.append(Target("hn", "", urls["hn"], {"since": self.corpus.months[0]}))
        return out

    def start(self) -> DemoServer:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
