"""A local server that speaks the sources' formats and misbehaves on request.

`FaultServer` serves `DemoPayloads` (Greenhouse, Lever, Ashby and Hacker News wire formats) on
loopback like `DemoServer`, the remote boards' recorded fixtures (Himalayas, Remotive, Remote OK,
SmartRecruiters, Workable, Arbeitnow) at their API paths, and career sites for the `jsonld` source:
each Greenhouse board of the corpus again as a site under `/jsonld/<board>/`, with a sitemap
(`sitemap.xml`) and one JobPosting page per posting (`jobs/<id>`), next to the host's robots.txt.
On top: a random delay per request (so a SIGKILL lands mid-run), a switchable corpus
(`serve(payloads)`), and one injected fault per source type (`inject`), which applies to every
response of that type's host, robots.txt included (only the paths containing `only` when given).
The fault kinds are the ones real job boards and proxies produce; `evidence(source, kind)` says
what the client should report.

Each source type listens on its own loopback address (127.0.0.1 for greenhouse, .2 lever, .3
ashby, .4 hn, then the remote boards and jsonld), as each lives on its own host in reality: the
client's politeness and circuit breaker work per host, and one failing source must not trip
another's.
"""

from __future__ import annotations

import gzip
import json
import random
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from jobtrends.scraper.demo.model import DemoCorpus
from jobtrends.scraper.demo.server import DemoPayloads
from jobtrends.scraper.sources.registry import SOURCES
from jobtrends.scraper.targets import Target
from tests.ops.fault_routes import (
    DEMO_SOURCES,
    JSON_TYPE,
    JSONLD_FROM,
    REMOTE_BOARDS,
    SITES,
    SOURCE_TYPES,
    content_type,
    fixture_route,
    render_sites,
)

__all__ = [
    "DEMO_SOURCES",
    "FAULTS",
    "MAX_BYTES",
    "SOURCE_TYPES",
    "TIMEOUT",
    "FaultServer",
    "config_text",
    "evidence",
]

ALLOW_ALL = b"User-agent: *\nAllow: /\n"
MAX_BYTES = 1024 * 1024  # the client's cap in fault tests; every healthy payload is far below it
# The client's timeout in fault tests; a hanging response waits longer. A second leaves healthy
# loopback responses room on a loaded two-core machine (0.4 s timed one out now and then).
TIMEOUT = 1.0


@dataclass(frozen=True, slots=True)
class Fault:
    kind: str
    evidence: tuple[str, ...]  # the per-source error must contain one of these (lower case)


FAULTS: dict[str, Fault] = {
    fault.kind: fault
    for fault in (
        Fault("rate_limited_429", ("http 429",)),
        Fault("garbled_retry_after", ("http 429",)),
        Fault("burst_500_503", ("http 500", "http 503")),
        Fault("timeout", ("timeout",)),
        Fault("connection_reset", ("connection reset", "disconnected", "readerror")),
        Fault("truncated_json", ("invalid json",)),
        Fault("invalid_utf8", ("not utf-8",)),
        Fault("wrong_content_type", ("content type 'application/xml",)),
        Fault("html_error_page_200", ("content type 'text/html",)),
        Fault("oversized_body", ("byte cap",)),
        Fault("redirect_loop", ("redirects",)),
        Fault("gzip_bomb", ("byte cap",)),
    )
}
# A jsonld site answers in XML and HTML, not JSON: its sitemap is where a garbled body shows.
SITE_EVIDENCE: dict[str, tuple[str, ...]] = {
    "truncated_json": ("sitemap is not valid xml",),
    "invalid_utf8": ("sitemap is not valid xml",),
    "wrong_content_type": ("found <jobs>",),
    "html_error_page_200": ("found <html>",),
}


def evidence(source: str, kind: str) -> tuple[str, ...]:
    """What the per-source error must contain (one of them, lower case) for `kind` on `source`."""
    if source in SITES:
        return SITE_EVIDENCE.get(kind, FAULTS[kind].evidence)
    return FAULTS[kind].evidence


_HTML_ERROR = (
    b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>Bad Gateway</h1><p>The upstream server is down.</p></body></html>"
)


def _gzip_bomb(expanded: int) -> bytes:
    """A gzip body of `expanded` zero bytes (about 1000 times smaller on the wire)."""
    return gzip.compress(b"\x00" * expanded, compresslevel=9)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    owner: FaultServer

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        owner = self.owner
        url = urlsplit(self.path)
        prefix = url.path.strip("/").split("/", 1)[0]
        owner.count(prefix)
        owner.agents.add(self.headers.get("User-Agent", ""))
        low, high = owner.delay
        if high > 0:
            time.sleep(owner.rng_uniform(low, high))
        source = getattr(self.server, "source", prefix)  # the source type this host plays
        fault = owner.faults.get(source)
        if fault is not None and owner.applies(source, url.path) and owner.should_fail(source):
            self._misbehave(fault, url.path)
            return
        status, body = owner.route(url.path, dict(parse_qsl(url.query, keep_blank_values=True)))
        self._send(status, body, content_type(url.path))

    def _misbehave(self, kind: str, path: str) -> None:
        status, body = self.owner.route(path, {"content": "true"})
        if kind == "rate_limited_429":
            self._send(429, b'{"error": "slow down"}', JSON_TYPE, {"Retry-After": "1"})
        elif kind == "garbled_retry_after":  # a Latin-1 superscript one, "¹"
            self._send(429, b"{}", JSON_TYPE, {"Retry-After": "\u00b9"})
        elif kind == "burst_500_503":
            self._send(self.owner.burst_status(), b"<h1>server error</h1>", "text/html")
        elif kind == "timeout":
            self.owner.stopping.wait(TIMEOUT * 4)
            self._send(status, body, content_type(path))
        elif kind == "connection_reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
        elif kind == "truncated_json":
            self._send(200, body[: max(1, len(body) // 2)], JSON_TYPE)
        elif kind == "invalid_utf8":
            cut = max(1, body.find(b'"', 2))
            self._send(200, body[:cut] + b"caf\xe9 \xff\xfe" + body[cut:], JSON_TYPE)
        elif kind == "wrong_content_type":
            self._send(200, b"<?xml version='1.0'?><jobs/>", "application/xml")
        elif kind == "html_error_page_200":
            self._send(200, _HTML_ERROR, "text/html; charset=utf-8")
        elif kind == "oversized_body":
            self._stream_without_length(b"[" + b'"padding",' * (MAX_BYTES // 5))
        elif kind == "redirect_loop":
            self._send(302, b"", JSON_TYPE, {"Location": path})
        elif kind == "redirect_elsewhere":
            self._send(302, b"", JSON_TYPE, {"Location": self.owner.redirect_location})
        elif kind == "gzip_bomb":
            headers = {"Content-Encoding": "gzip"}
            self._send(200, self.owner.bomb, JSON_TYPE, headers)
        else:
            raise AssertionError(f"unknown fault {kind}")

    def _send(
        self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _stream_without_length(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", JSON_TYPE)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        for start in range(0, len(body), 64 * 1024):
            try:
                self.wfile.write(body[start : start + 64 * 1024])
            except OSError:  # the client gave up at its cap and hung up
                return


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    source = ""

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # resets and hang-ups are the point here


class FaultServer:
    """Serve `corpus` on 127.0.0.1 in a daemon thread; see the module docstring."""

    def __init__(
        self, corpus: DemoCorpus, *, delay: tuple[float, float] = (0.0, 0.0), seed: int = 0
    ) -> None:
        self.corpus = corpus
        self.payloads = DemoPayloads(corpus)
        self.delay = delay
        self.faults: dict[str, str] = {}
        self.fail_first: dict[str, int | None] = {}
        self.fault_paths: dict[str, str | None] = {}
        self.requests: Counter[str] = Counter()
        self.agents: set[str] = set()
        self.redirect_location = "file:///etc/passwd"
        self.robots = ALLOW_ALL
        self.stopping = threading.Event()
        self.bomb = _gzip_bomb(16 * MAX_BYTES)
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._bursts = 0
        handler = type("FaultHandler", (_Handler,), {"owner": self})
        self._servers = {
            source: _Server((f"127.0.0.{number}", 0), handler)
            for number, source in enumerate(SOURCE_TYPES, start=1)
        }
        for source, server in self._servers.items():
            server.source = source
        self._threads: list[threading.Thread] = []
        self.sites = render_sites(corpus, self.url(SITES[0])) if SITES else {}

    def url(self, source: str) -> str:
        host, port = self._servers[source].server_address[:2]
        return f"http://{host!s}:{port}"

    def targets(self) -> list[Target]:
        """One target per board of the corpus, and Hacker News from its first month."""
        base = {source: f"{self.url(source)}/{source}" for source in SOURCE_TYPES}
        base["hn"] = f"{self.url('hn')}/hn/api/v1"
        out = [
            Target(source, board, base[source])
            for source in ("greenhouse", "lever", "ashby")
            for board in self.corpus.boards(source)
        ]
        out.append(Target("hn", "", base["hn"], {"since": self.corpus.months[0]}))
        for name in REMOTE_BOARDS:
            board = "acme" if SOURCES[name].needs_board else ""
            out.append(Target(name, board, base[name]))
        for name in SITES:  # each site's sitemap is the default {base_url}/sitemap.xml
            out += [Target(name, b, f"{base[name]}/{b}") for b in self.corpus.boards(JSONLD_FROM)]
        return out

    def route(self, path: str, query: dict[str, str]) -> tuple[int, bytes]:
        if path == "/robots.txt":
            return 200, self.robots
        prefix = path.strip("/").split("/", 1)[0]
        if prefix in REMOTE_BOARDS:
            return fixture_route(path, query)
        if prefix in SITES:
            body = self.sites.get(path)
            return (200, body) if body is not None else (404, b"<h1>Not Found</h1>")
        try:
            status, body, _ = self.payloads.route(path, query)
        except ValueError as error:
            return 400, json.dumps({"error": str(error)}).encode()
        return status, body

    def serve(self, payloads: DemoPayloads) -> None:
        self.payloads = payloads

    def inject(
        self, source: str, kind: str, *, first: int | None = None, only: str | None = None
    ) -> None:
        """Make requests to `source`'s host fail with `kind` (only the first `first` when given,
        only paths containing `only` when given)."""
        self.faults[source] = kind
        self.fail_first[source] = first
        self.fault_paths[source] = only

    def heal(self) -> None:
        self.faults.clear()
        self.fail_first.clear()
        self.fault_paths.clear()
        self.robots = ALLOW_ALL

    def applies(self, source: str, path: str) -> bool:
        only = self.fault_paths.get(source)
        return only is None or only in path

    def count(self, prefix: str) -> None:
        with self._lock:
            self.requests[prefix] += 1

    def total_requests(self) -> int:
        with self._lock:
            return sum(self.requests.values())

    def should_fail(self, prefix: str) -> bool:
        with self._lock:
            left = self.fail_first.get(prefix)
            if left is None:
                return True
            self.fail_first[prefix] = left - 1
            return left > 0

    def burst_status(self) -> int:
        with self._lock:
            self._bursts += 1
            return 500 if self._bursts % 2 else 503

    def rng_uniform(self, low: float, high: float) -> float:
        with self._lock:
            return self._rng.uniform(low, high)

    def __enter__(self) -> FaultServer:
        for server in self._servers.values():
            thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stopping.set()
        for server in self._servers.values():
            server.shutdown()
        for thread in self._threads:
            thread.join()
        for server in self._servers.values():
            server.server_close()


def config_text(targets: list[Target], database: str, **http: Any) -> str:
    """A jobtrends.toml for `targets` with the given [http] settings."""
    lines = ["[storage]", f"database = {json.dumps(database)}", "", "[http]"]
    for key, value in http.items():
        lines.append(f"{key} = {json.dumps(value)}")
    for target in targets:
        lines += ["", "[[sources]]", f"type = {json.dumps(target.source)}"]
        if target.board:
            lines.append(f"board = {json.dumps(target.board)}")
        lines.append(f"base_url = {json.dumps(target.base_url)}")
        for key, value in target.options.items():
            if key in ("since", "until"):
                lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


@contextmanager
def running(corpus: DemoCorpus, **options: Any) -> Iterator[FaultServer]:
    with FaultServer(corpus, **options) as server:
        yield server
