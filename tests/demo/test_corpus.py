"""The demo corpus: deterministic, big enough, spread over sources, boards, roles and months."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, date, datetime

import pytest

from jobtrends.pipeline.vocab import ROLES
from jobtrends.scraper.demo import DemoCorpus, generate_corpus
from jobtrends.scraper.demo.companies import XSS_BOARD, XSS_COMPANY, XSS_TITLE


def test_same_seed_gives_identical_postings(corpus: DemoCorpus) -> None:
    again = generate_corpus()
    assert again.postings == corpus.postings
    assert again.months == corpus.months
    assert again.threads == corpus.threads


def test_another_seed_gives_another_corpus() -> None:
    one = generate_corpus(3, postings=1400, months=26)
    two = generate_corpus(4, postings=1400, months=26)
    assert [p.html for p in one.postings] != [p.html for p in two.postings]
    assert len(one.postings) == len(two.postings) == 1400


def test_generation_of_2400_postings_takes_well_under_5_seconds() -> None:
    started = time.perf_counter()
    generate_corpus(11)
    assert time.perf_counter() - started < 5.0


def test_volume_months_and_roles(corpus: DemoCorpus) -> None:
    assert len(corpus.postings) == 2400
    assert len(corpus.months) == 26
    assert corpus.months[0] == "2024-09" and corpus.months[-1] == "2026-10"
    per_month = Counter(p.posted_at.strftime("%Y-%m") for p in corpus.postings)
    assert sorted(per_month) == list(corpus.months)
    assert min(per_month.values()) >= 50
    assert {p.role for p in corpus.postings} == set(ROLES)


def test_monthly_volume_grows(corpus: DemoCorpus) -> None:
    per_month = Counter(p.posted_at.strftime("%Y-%m") for p in corpus.postings)
    counts = [per_month[m] for m in corpus.months]
    assert sum(counts[-6:]) > 1.4 * sum(counts[:6])


def test_dates_are_aware_utc_inside_the_window(corpus: DemoCorpus) -> None:
    first = datetime(2024, 9, 1, tzinfo=UTC)
    end = datetime(2026, 11, 1, tzinfo=UTC)
    for posting in corpus.postings:
        assert posting.posted_at.utcoffset() is not None
        assert first <= posting.posted_at < end


def test_end_date_is_exclusive_and_configurable() -> None:
    small = generate_corpus(postings=700, months=12, end=date(2025, 3, 1))
    assert small.months[0] == "2024-03" and small.months[-1] == "2025-02"
    assert max(p.posted_at for p in small.postings) < datetime(2025, 3, 1, tzinfo=UTC)


def test_too_few_postings_per_month_is_refused() -> None:
    with pytest.raises(ValueError, match="50 postings a month"):
        generate_corpus(postings=1000, months=26)


def test_sources_and_boards_are_spread_like_the_real_mix(corpus: DemoCorpus) -> None:
    by_source = Counter(p.source for p in corpus.postings)
    total = len(corpus.postings)
    expected = {"greenhouse": 0.35, "lever": 0.2, "ashby": 0.2, "hn": 0.25}
    for source, part in expected.items():
        assert abs(by_source[source] / total - part) < 0.04, source
    assert len(corpus.boards("greenhouse")) == 16  # 15 companies and the planted XSS board
    assert len(corpus.boards("lever")) == 6
    assert len(corpus.boards("ashby")) == 8
    assert corpus.boards("hn") == []


def test_external_ids_are_unique_per_source_and_shaped_like_the_source(
    corpus: DemoCorpus,
) -> None:
    keys = [(p.source, p.external_id) for p in corpus.postings]
    assert len(set(keys)) == len(keys)
    for posting in corpus.postings:
        if posting.source in ("greenhouse", "hn"):
            assert posting.external_id.isdigit()
        else:
            assert len(posting.external_id) == 36 and posting.external_id.count("-") == 4


def test_hn_posts_come_after_their_thread_opens(corpus: DemoCorpus) -> None:
    threads = {t.month: t for t in corpus.threads}
    assert list(threads) == list(corpus.months)
    for posting in corpus.by_source("hn"):
        thread = threads[posting.posted_at.strftime("%Y-%m")]
        assert posting.posted_at > thread.created_at
        assert int(posting.external_id) > thread.story_id + 2
        assert thread.created_at.weekday() < 5 and thread.created_at.day <= 3


def test_about_forty_invented_companies(corpus: DemoCorpus) -> None:
    companies = {p.company for p in corpus.postings}
    assert 38 <= len(companies) <= 42
    assert {"Northwind Labs", "Quillfeather AI"} <= companies


def test_the_xss_posting_is_planted_exactly_once(corpus: DemoCorpus) -> None:
    planted = [p for p in corpus.postings if "<script>" in p.title or "onerror" in p.company]
    assert len(planted) == 1
    (posting,) = planted
    assert posting.title == XSS_TITLE
    assert posting.company == XSS_COMPANY
    assert (posting.source, posting.board) == ("greenhouse", XSS_BOARD)
    assert posting.hard_cases == ("xss",)
