"""The demo server over real HTTP on 127.0.0.1: live API paths under per-source prefixes."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from jobtrends.scraper.demo import DemoCorpus, DemoServer, generate_corpus
from jobtrends.scraper.demo.server import DemoPayloads


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10.0) as http:
        yield http


def test_base_urls_and_targets(server: DemoServer, corpus: DemoCorpus) -> None:
    root = f"http://127.0.0.1:{server.port}"
    assert server.base_urls == {
        "greenhouse": f"{root}/greenhouse",
        "lever": f"{root}/lever",
        "ashby": f"{root}/ashby",
        "hn": f"{root}/hn/api/v1",
    }
    targets = server.targets()
    boards = {(t.source, t.board) for t in targets}
    assert len(targets) == 16 + 6 + 8 + 1 == len(boards)
    hn = [t for t in targets if t.source == "hn"]
    assert hn[0].board == "" and dict(hn[0].options) == {"since": corpus.months[0]}
    names = {p.board: p.company for p in corpus.postings if p.board}
    for target in targets:
        assert target.base_url == server.base_urls[target.source]
        if target.source in ("lever", "ashby"):
            assert target.options["company"] == names[target.board]


def test_greenhouse_board_over_http(server: DemoServer, client: httpx.Client) -> None:
    url = f"{server.base_urls['greenhouse']}/v1/boards/northwindlabs/jobs"
    response = client.get(url, params={"content": "true"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["meta"]["total"] == len(body["jobs"]) > 10
    for key in ("absolute_url", "internal_job_id", "location", "id", "title", "content"):
        assert key in body["jobs"][0]


def test_lever_pages_rebuild_the_whole_board(server: DemoServer, client: httpx.Client) -> None:
    url = f"{server.base_urls['lever']}/v0/postings/halcyon"
    whole = client.get(url, params={"mode": "json"}).json()
    assert isinstance(whole, list) and len(whole) > 20
    paged, skip = [], 0
    while True:
        page = client.get(url, params={"mode": "json", "skip": skip, "limit": 7}).json()
        paged.extend(page)
        if len(page) < 7:
            break
        skip += 7
    assert [p["id"] for p in paged] == [p["id"] for p in whole]
    assert len({p["id"] for p in paged}) == len(whole)
    assert client.get(url, params={"skip": "many"}).status_code == 400


def test_ashby_board_over_http(server: DemoServer, client: httpx.Client) -> None:
    url = f"{server.base_urls['ashby']}/posting-api/job-board/quillfeather"
    body = client.get(url, params={"includeCompensation": "true"}).json()
    assert body["apiVersion"] == "1"
    job = body["jobs"][0]
    for key in ("id", "title", "workplaceType", "publishedAt", "descriptionHtml", "compensation"):
        assert key in job


def test_hn_search_and_thread_over_http(server: DemoServer, client: httpx.Client) -> None:
    base = server.base_urls["hn"]
    params = {"tags": "story,author_whoishiring", "hitsPerPage": 50, "page": 0}
    first = client.get(f"{base}/search_by_date", params=params).json()
    assert first["page"] == 0 and first["nbPages"] == 2 and len(first["hits"]) == 50
    hiring = next(h for h in first["hits"] if h["title"].startswith("Ask HN: Who is hiring?"))
    thread = client.get(f"{base}/items/{hiring['objectID']}").json()
    assert thread["id"] == int(hiring["objectID"]) and thread["type"] == "story"
    live = [c for c in thread["children"] if c["author"]]
    assert len(live) > 10 and all(c["type"] == "comment" for c in live)
    comment = client.get(f"{base}/items/{live[0]['id']}").json()
    assert comment["text"] == live[0]["text"]
    assert client.get(f"{base}/items/1").status_code == 404


def test_if_none_match_gets_304(server: DemoServer, client: httpx.Client) -> None:
    for url in (
        f"{server.base_urls['greenhouse']}/v1/boards/glasswing/jobs?content=true",
        f"{server.base_urls['lever']}/v0/postings/umberfield?mode=json",
        f"{server.base_urls['ashby']}/posting-api/job-board/paperkite?includeCompensation=true",
    ):
        first = client.get(url)
        etag = first.headers["etag"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        weak = client.get(url, headers={"If-None-Match": f'"other", W/{etag}'})
        assert weak.status_code == 304
        changed = client.get(url, headers={"If-None-Match": '"something-else"'})
        assert changed.status_code == 200 and changed.content == first.content


@pytest.mark.parametrize(
    "path",
    [
        "/greenhouse/v1/boards/nosuchboard/jobs",
        "/lever/v0/postings/nosuchsite",
        "/ashby/posting-api/job-board/nosuchboard",
        "/somewhere/else",
    ],
)
def test_unknown_boards_are_404_with_a_json_body(
    server: DemoServer, client: httpx.Client, path: str
) -> None:
    response = client.get(server.url + path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.json()["status"] == 404


def test_payloads_are_rendered_once_and_stable(server: DemoServer, corpus: DemoCorpus) -> None:
    digest = server.payloads.digest()
    assert digest == DemoPayloads(corpus).digest()
    assert digest == DemoPayloads(generate_corpus()).digest()
    assert digest != DemoPayloads(generate_corpus(8, postings=1400)).digest()


def test_served_bytes_are_the_cached_bytes(server: DemoServer, client: httpx.Client) -> None:
    url = f"{server.base_urls['greenhouse']}/v1/boards/larkspur/jobs?content=true"
    assert client.get(url).content == server.payloads.greenhouse["larkspur", True]


def test_the_server_is_quiet_and_stops(
    corpus: DemoCorpus, capfd: pytest.CaptureFixture[str]
) -> None:
    with DemoServer(corpus) as running, httpx.Client() as http:
        assert http.get(running.url + "/robots.txt").status_code == 200
        assert http.get(running.url + "/nothing").status_code == 404
        url = running.url
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""
    with httpx.Client() as http, pytest.raises(httpx.ConnectError):
        http.get(url + "/robots.txt")
