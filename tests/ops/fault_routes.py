"""What the fault server answers when it behaves: the remote boards' recorded fixtures at their
API paths, and the `jsonld` career sites rendered from the demo corpus (a sitemap per board, one
JobPosting page per posting). See `tests.ops.fault_server`."""

from __future__ import annotations

import json
from pathlib import Path

from jobtrends.scraper.demo.model import DemoCorpus
from jobtrends.scraper.demo.wire_jsonld import job_page, sitemap
from jobtrends.scraper.sources.registry import SOURCES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DEMO_SOURCES = ("greenhouse", "lever", "ashby", "hn")
# Remote boards the demo corpus does not cover: served from their recorded fixtures.
REMOTE_BOARDS = tuple(
    name
    for name in ("himalayas", "remotive", "remoteok", "smartrecruiters", "workable", "arbeitnow")
    if name in SOURCES
)
# Career sites with JobPosting pages: the corpus's boards of JSONLD_FROM, one site each.
SITES = ("jsonld",) if "jsonld" in SOURCES else ()
JSONLD_FROM = "greenhouse"
SOURCE_TYPES = DEMO_SOURCES + REMOTE_BOARDS + SITES
JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_route(path: str, query: dict[str, str]) -> tuple[int, bytes]:
    """A remote board's recorded response for `path`, or a 404."""
    parts = [part for part in path.split("/") if part]
    match parts:
        case ["himalayas", "jobs", "api"]:
            page = "last_page" if query.get("cursor") else "page1"
            return 200, _fixture(f"himalayas/jobs_api_{page}.json")
        case ["remotive", "api", "remote-jobs"]:
            return 200, _fixture("remotive/remote_jobs.json")
        case ["remoteok", "api"]:
            return 200, _fixture("remoteok/api.json")
        case ["smartrecruiters", "v1", "companies", _, "postings"]:
            return 200, _fixture("smartrecruiters/postings_list.json")
        case ["smartrecruiters", "v1", "companies", _, "postings", posting_id]:
            detail = json.loads(_fixture("smartrecruiters/posting_detail.json"))
            return 200, json.dumps({**detail, "id": posting_id}).encode()
        case ["workable", "api", "v1", "widget", "accounts", _]:
            return 200, _fixture("workable/widget_account_details.json")
        case ["arbeitnow", "api", "job-board-api"]:
            page = {"1": "page1", "2": "page2"}.get(query.get("page", "1"), "empty")
            return 200, _fixture(f"arbeitnow/job_board_api_{page}.json")
    return 404, b'{"error": "not found"}'


def content_type(path: str) -> str:
    """The healthy response's content type for `path`."""
    if path == "/robots.txt":
        return "text/plain"
    if path.strip("/").split("/", 1)[0] in SITES:
        return XML_TYPE if path.endswith(".xml") else HTML_TYPE
    return JSON_TYPE


def render_sites(corpus: DemoCorpus, root: str) -> dict[str, bytes]:
    """Every body of the jsonld sites served at `root`, by path: `/jsonld/<board>/sitemap.xml`
    per board of JSONLD_FROM and `/jsonld/<board>/jobs/<id>` per posting."""
    out: dict[str, bytes] = {}
    for board in corpus.boards(JSONLD_FROM):
        paths = []
        for posting in corpus.by_source(JSONLD_FROM):
            if posting.board == board:
                path = f"/jsonld/{board}/jobs/{posting.external_id}"
                out[path] = job_page(posting)
                paths.append(path)
        out[f"/jsonld/{board}/sitemap.xml"] = sitemap([root + path for path in paths])
    return out
