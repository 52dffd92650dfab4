"""The real parsers of `jobtrends.scraper.sources` read the demo payloads back faithfully."""

from __future__ import annotations

import importlib
import json
from types import ModuleType
from typing import Any

import pytest

from jobtrends.scraper.demo import DemoCorpus, DemoPosting, DemoServer
from jobtrends.scraper.records import RawPosting
from jobtrends.scraper.settings import HttpSettings


def source_module(name: str) -> ModuleType:
    try:
        return importlib.import_module(f"jobtrends.scraper.sources.{name}")
    except ImportError as error:
        pytest.skip(f"jobtrends.scraper.sources.{name} is not importable yet: {error}")


def by_id(corpus: DemoCorpus, source: str) -> dict[str, DemoPosting]:
    return {p.external_id: p for p in corpus.by_source(source)}


def test_parse_greenhouse_reads_every_board(server: DemoServer, corpus: DemoCorpus) -> None:
    greenhouse = source_module("greenhouse")
    expected = by_id(corpus, "greenhouse")
    parsed = []
    for board in corpus.boards("greenhouse"):
        payload = json.loads(server.payloads.greenhouse[board, True])
        parsed.extend(greenhouse.parse_greenhouse(payload, board=board))
    assert sorted(p.external_id for p in parsed) == sorted(expected)
    for raw in parsed:
        posting = expected[raw.external_id]
        assert (raw.company, raw.title, raw.location) == (
            posting.company,
            posting.title,
            posting.location,
        )
        assert raw.posted_at == posting.posted_at
        assert raw.description_html == posting.html
        assert raw.url == posting.url
        assert raw.salary is None  # Greenhouse lists have no structured pay


def parse_all_lever(server: DemoServer, corpus: DemoCorpus) -> list[RawPosting]:
    lever = source_module("lever")
    parsed: list[RawPosting] = []
    for board in corpus.boards("lever"):
        payload = json.loads(b"[" + b",".join(server.payloads.lever[board]) + b"]")
        company = next(p.company for p in corpus.by_source("lever") if p.board == board)
        parsed.extend(lever.parse_lever(payload, board=board, company=company))
    return parsed


def test_parse_lever_reads_every_board(server: DemoServer, corpus: DemoCorpus) -> None:
    expected = by_id(corpus, "lever")
    parsed = parse_all_lever(server, corpus)
    assert sorted(p.external_id for p in parsed) == sorted(expected)
    for raw in parsed:
        posting = expected[raw.external_id]
        assert (raw.company, raw.title, raw.location) == (
            posting.company,
            posting.title,
            posting.location,
        )
        assert raw.posted_at == posting.posted_at
        assert raw.remote == posting.remote
        assert raw.url == posting.url
        salary = posting.salary_structured
        if salary is None or salary.period == "year":
            assert raw.salary == salary


def test_parse_lever_reads_hourly_wages(server: DemoServer, corpus: DemoCorpus) -> None:
    expected = by_id(corpus, "lever")
    hourly = [
        raw
        for raw in parse_all_lever(server, corpus)
        if (salary := expected[raw.external_id].salary_structured) and salary.period == "hour"
    ]
    assert hourly
    for raw in hourly:
        assert raw.salary == expected[raw.external_id].salary_structured


def test_parse_ashby_reads_every_board(server: DemoServer, corpus: DemoCorpus) -> None:
    ashby = source_module("ashby")
    expected = by_id(corpus, "ashby")
    parsed = []
    for board in corpus.boards("ashby"):
        payload = json.loads(server.payloads.ashby[board, True])
        parsed.extend(ashby.parse_ashby(payload, board=board))
    assert sorted(p.external_id for p in parsed) == sorted(expected)
    for raw in parsed:
        posting = expected[raw.external_id]
        assert (raw.title, raw.location) == (posting.title, posting.location)
        assert raw.posted_at == posting.posted_at
        assert raw.remote == posting.remote
        assert raw.salary == posting.salary_structured
        assert raw.description_html == posting.html
        assert raw.url == posting.url


def test_parse_hn_finds_the_hiring_threads_and_their_posts(
    server: DemoServer, corpus: DemoCorpus
) -> None:
    hn = source_module("hn")
    page = hn.parse_hn_search({"hits": server.payloads.hn_hits, "nbPages": 1})
    assert sorted(t.month for t in page.threads) == [
        (int(m[:4]), int(m[5:])) for m in corpus.months
    ]
    expected = by_id(corpus, "hn")
    parsed = []
    for thread in page.threads:
        parsed.extend(hn.parse_hn_thread(json.loads(server.payloads.hn_items[int(thread.id)])))
    assert sorted(p.external_id for p in parsed) == sorted(expected)
    exact = 0
    for raw in parsed:
        posting = expected[raw.external_id]
        assert raw.company == posting.company
        assert raw.posted_at == posting.posted_at
        assert raw.url == posting.url
        exact += raw.title == posting.title
    # The header parser finds the role token unless the title has no job word ("AI Trainer").
    assert exact > 0.9 * len(parsed)


def test_the_real_scrapers_collect_every_posting_from_the_server(
    server: DemoServer, corpus: DemoCorpus
) -> None:
    collect = importlib.import_module("jobtrends.scraper.collection")
    settings = HttpSettings(min_delay=0.0, max_retries=1, respect_robots=False)
    outcomes: list[Any] = []
    collect.collect(server.targets(), settings, on_outcome=outcomes.append)
    assert [o.error for o in outcomes if o.error] == []
    collected = {(p.source, p.external_id) for o in outcomes for p in o.listing.postings}
    assert collected == {(p.source, p.external_id) for p in corpus.postings}
    validators = {url: v for o in outcomes for url, v in o.listing.validators.items() if v.etag}
    assert validators  # board listings carry ETags
    again: list[Any] = []
    collect.collect(
        [t for t in server.targets() if t.source in ("greenhouse", "ashby")],
        settings,
        validators=validators.get,
        on_outcome=again.append,
    )
    assert again and all(o.listing.not_modified for o in again)
