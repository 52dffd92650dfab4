"""Duplicate grouping: cross-source copies and reposts become one job; others stay apart."""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobtrends.pipeline.database import Database
from jobtrends.pipeline.store import Store
from jobtrends.pipeline.store.dedup import (
    TEXT_SIMILARITY,
    _candidate_pairs,
    _Posting,
    assign_duplicate_groups,
    jaccard,
    normalize_company,
    normalize_location,
    normalize_title,
    shingles,
)
from jobtrends.scraper.records import RawPosting
from tests.pipeline.factories import T0, listing, posting

DAY0 = datetime(2026, 1, 5, tzinfo=UTC)
TEXT = (
    "About the role. We are looking for a machine learning engineer to build retrieval and "
    "ranking systems that serve millions of users. You will train models in PyTorch, ship them "
    "to production on Kubernetes, design evaluation pipelines, and work closely with product "
    "teams on experiments. Requirements: five years of Python, experience with deep learning, "
    "distributed training and feature stores. Nice to have: Rust, Triton, LLM fine-tuning."
)
OTHER_TEXT = (
    "We are hiring an account executive to grow our enterprise sales in the Nordics. You will "
    "own the full sales cycle from prospecting to close, partner with solution engineers, keep "
    "an accurate forecast in Salesforce and travel to customers about twice a month. You have "
    "sold software to large companies before and enjoy long, complex deals with many people."
)


@pytest.fixture
def store(database: Database) -> Iterator[Store]:
    with Store.open(database) as opened:
        yield opened


def add(store: Store, source: str, *postings: RawPosting) -> None:
    """Save postings as one (incomplete, so nothing closes) listing of `source`."""
    for item in postings:
        item_listing = listing(item, complete=False)
        store.save_listing(item_listing, source=source, board=item.board, now=T0)


def job(
    external_id: str,
    *,
    source: str = "greenhouse",
    company: str = "Acme AI",
    title: str = "Senior ML Engineer",
    location: str = "Berlin",
    day: int = 0,
    text: str = TEXT,
) -> RawPosting:
    return posting(
        external_id,
        source=source,
        board="board",
        company=company,
        title=title,
        location=location,
        posted_at=DAY0 + timedelta(days=day),
        text=text,
    )


def groups(store: Store) -> dict[str, int | None]:
    rows = store.connection.execute("SELECT source, external_id, dup_group FROM postings")
    return {f"{row['source']}:{row['external_id']}": row["dup_group"] for row in rows}


def test_ats_posting_and_its_aggregator_copy_are_one_job(store: Store) -> None:
    add(store, "greenhouse", job("1", company="Acme AI, Inc."))
    add(store, "remotive", job("r1", source="remotive", company="ACME ai", day=2))
    # Another job written from the same template: a different level is a different job.
    add(store, "greenhouse", job("2", title="Staff ML Engineer"))
    assert assign_duplicate_groups(store) == 2
    assert groups(store) == {"greenhouse:1": 1, "remotive:r1": 1, "greenhouse:2": None}


def test_near_duplicate_text_links_copies_whose_title_and_location_differ(store: Store) -> None:
    add(store, "greenhouse", job("1", title="Sr. Machine Learning Engineer", location="Berlin"))
    copy = TEXT.replace("millions of users", "millions of people")
    add(store, "remotive", job("r1", source="remotive", location="Germany (Remote)", text=copy))
    add(store, "remotive", job("r2", source="remotive", title="Sales", text=OTHER_TEXT))
    assign_duplicate_groups(store)
    assert groups(store) == {"greenhouse:1": 1, "remotive:r1": 1, "remotive:r2": None}


def test_a_repost_after_30_days_is_grouped_and_one_after_90_is_not(store: Store) -> None:
    add(store, "greenhouse", job("1"), job("2", day=30))
    add(
        store,
        "greenhouse",
        job("3", title="Data Scientist"),
        job("4", title="Data Scientist", day=90),
    )
    assign_duplicate_groups(store)
    assert groups(store) == {
        "greenhouse:1": 1,
        "greenhouse:2": 1,
        "greenhouse:3": None,
        "greenhouse:4": None,
    }


def test_a_long_repost_chain_restarts_after_the_window(store: Store) -> None:
    add(
        store,
        "hn",
        *(job(str(n), source="hn", day=day) for n, day in enumerate((0, 30, 55, 70, 100))),
    )
    assign_duplicate_groups(store)
    # 0, 30 and 55 are within 60 days of the first; 70 starts a new run that 100 joins.
    assert list(groups(store).values()) == [1, 1, 1, 4, 4]


def test_different_companies_with_the_same_title_are_not_grouped(store: Store) -> None:
    add(store, "greenhouse", job("1", company="Acme AI"), job("2", company="Zenith Labs"))
    add(store, "remotive", job("r1", source="remotive", company="Orbital GmbH", day=1))
    assert assign_duplicate_groups(store) == 0
    assert set(groups(store).values()) == {None}


def test_same_text_on_one_source_is_not_enough(store: Store) -> None:
    # One company, one template, two offices: two jobs, even though the text is the same.
    add(store, "greenhouse", job("1", location="Berlin"), job("2", location="London"))
    add(store, "greenhouse", job("3", title="Platform Engineer", location="Paris", company=""))
    assign_duplicate_groups(store)
    assert set(groups(store).values()) == {None}


def test_postings_without_a_company_are_never_linked(store: Store) -> None:
    add(store, "hn", job("1", source="hn", company=""), job("2", source="hn", company="", day=3))
    assign_duplicate_groups(store)
    assert set(groups(store).values()) == {None}


def written(store: Store) -> object:
    """What tells a write: SQLite's count of changed rows; in PostgreSQL, the transaction that
    last wrote each row (`xmin`) of the tables duplicate grouping writes."""
    if isinstance(store.connection, sqlite3.Connection):
        return store.connection.total_changes
    tables = ("postings", "dedup_blocks")
    return [store.rows(f"SELECT xmin::text FROM {table} ORDER BY 1") for table in tables]


def test_a_rerun_writes_nothing_and_a_change_redoes_only_its_block(store: Store) -> None:
    add(store, "greenhouse", job("1"), job("2", day=10), job("9", company="Zenith"))
    assert assign_duplicate_groups(store) == 2
    before = written(store)
    assert assign_duplicate_groups(store) == 0
    assert written(store) == before

    add(store, "greenhouse", job("2", day=10, title="Principal ML Engineer"))  # edited
    assert assign_duplicate_groups(store) == 2  # the group dissolved
    assert set(groups(store).values()) == {None}
    signatures = store.connection.execute("SELECT COUNT(*) FROM dedup_blocks").fetchone()[0]
    assert signatures == 2  # one per company block


def test_group_id_is_the_smallest_posting_id_whatever_the_order(store: Store) -> None:
    add(store, "remotive", job("r1", source="remotive", day=5))
    add(store, "greenhouse", job("1", day=0), job("2", day=3))
    assign_duplicate_groups(store)
    assert set(groups(store).values()) == {1}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Acme AI, Inc.", "acme"),
        ("acme.ai", "acme"),
        ("Acme Labs GmbH", "acme"),
        ("Hugging Face", "huggingface"),
        ("AI Labs", "ailabs"),
        ("Anthropic PBC", "anthropic"),
        ("", ""),
    ],
)
def test_normalize_company(name: str, key: str) -> None:
    assert normalize_company(name) == key


def test_normalize_title_and_location() -> None:
    assert normalize_title("Sr. ML Engineer (LLMs) - Remote") == "senior ml engineer llms remote"
    assert normalize_title("Junior ML Engineer") != normalize_title("Senior ML Engineer")
    assert normalize_location("San Francisco, CA") == "san francisco ca"


def test_shingles_need_enough_words_and_jaccard_measures_overlap() -> None:
    assert shingles("Python and PyTorch.") == frozenset()
    first, second = shingles(TEXT), shingles(TEXT.replace("Rust", "Go"))
    assert jaccard(first, first) == 1.0
    assert 0.85 < jaccard(first, second) < 1.0
    assert jaccard(first, shingles(OTHER_TEXT)) == 0.0


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz .,-()&", max_size=40)


@given(words)
def test_normalizers_are_idempotent_and_ignore_case_and_punctuation(text: str) -> None:
    assert normalize_title(normalize_title(text)) == normalize_title(text)
    assert normalize_location(normalize_location(text)) == normalize_location(text)
    assert normalize_company(text.upper()) == normalize_company(text)
    assert normalize_company(text.replace(",", " ").replace(".", " ")) == normalize_company(text)


def test_a_posting_whose_company_changes_leaves_its_old_block(store: Store) -> None:
    add(store, "greenhouse", job("1"))
    add(store, "remotive", job("r1", source="remotive", day=2))
    assign_duplicate_groups(store)
    assert groups(store) == {"greenhouse:1": 1, "remotive:r1": 1}
    moved = job("r1", source="remotive", company="Other Robotics", day=2, text=OTHER_TEXT)
    add(store, "remotive", moved)
    assert assign_duplicate_groups(store) == 2
    assert groups(store) == {"greenhouse:1": None, "remotive:r1": None}
    rows = store.rows("SELECT company_key FROM postings ORDER BY id")
    assert [row[0] for row in rows] == ["acme", "otherrobotics"]


def test_a_grouped_posting_whose_company_is_removed_is_taken_out_of_the_group(
    store: Store,
) -> None:
    add(store, "greenhouse", job("1"), job("2", day=5))
    assign_duplicate_groups(store)
    assert groups(store)["greenhouse:2"] is not None
    add(store, "greenhouse", job("2", company="", day=5, text=OTHER_TEXT))
    assign_duplicate_groups(store)
    assert groups(store) == {"greenhouse:1": None, "greenhouse:2": None}


def test_postings_without_a_company_key_get_one_and_keep_their_groups(store: Store) -> None:
    """A store from before `company_key` (all NULL) keeps its groups and block signatures."""
    add(store, "greenhouse", job("1"))
    add(store, "remotive", job("r1", source="remotive", day=2))
    add(store, "greenhouse", job("2", company="Other Robotics", text=OTHER_TEXT))
    assign_duplicate_groups(store)
    before = store.rows("SELECT company_key, signature FROM dedup_blocks ORDER BY company_key")
    with store.transaction() as write:
        write.execute("UPDATE postings SET company_key = NULL")
    assert assign_duplicate_groups(store) == 0
    after = store.rows("SELECT company_key, signature FROM dedup_blocks ORDER BY company_key")
    assert [tuple(row) for row in after] == [tuple(row) for row in before]
    assert groups(store) == {"greenhouse:1": 1, "remotive:r1": 1, "greenhouse:2": None}


def test_prefix_filtering_finds_every_pair_a_full_comparison_finds() -> None:
    """`_candidate_pairs` offers every pair of texts with Jaccard >= TEXT_SIMILARITY (checked
    against all pairs on a seeded block of near-copies, cut texts and strangers)."""
    chooser = random.Random(7)
    vocabulary = [f"word{number}" for number in range(400)]
    bases = [[chooser.choice(vocabulary) for _ in range(120)] for _ in range(6)]
    texts: dict[int, frozenset[int]] = {}
    for posting_id in range(1, 121):
        words = list(bases[posting_id % len(bases)])
        for _ in range(chooser.randrange(0, 4)):  # a few words changed: near copies or not
            words[chooser.randrange(len(words))] = chooser.choice(vocabulary)
        texts[posting_id] = shingles(" ".join(words[: chooser.randrange(100, 121)]))
    members = [_member(posting_id) for posting_id in texts]
    offered = {(a.id, b.id) for a, b in _candidate_pairs(members, texts)}
    alike = {
        (a.id, b.id)
        for a, b in itertools.combinations(members, 2)
        if jaccard(texts[a.id], texts[b.id]) >= TEXT_SIMILARITY
    }
    assert len(alike) > 100  # the block holds many pairs to find
    assert alike <= offered
    assert len(offered) < len(members) * (len(members) - 1) // 2  # and it is no full comparison


def _member(posting_id: int) -> _Posting:
    return _Posting(posting_id, "greenhouse", "", "", frozenset(), DAY0, "", None)
