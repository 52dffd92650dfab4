from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from jobtrends.pipeline.frames import FrameFilter, build_frames
from jobtrends.pipeline.store import (
    SaveCounts,
    Store,
    TargetRecord,
    finish_run,
    load_posting_texts,
    pending_ids,
    recent_runs,
    record_target,
    save_extractions,
    source_health,
    start_run,
)
from jobtrends.scraper.records import StructuredSalary
from tests.pipeline.factories import T0, extraction, listing, posting

VERSION = "test-1"
TEXT_1 = "About us\nWe build agents.\nRequirements\n- Python and PyTorch daily\n- JAX is a plus"
TEXT_2 = "Responsibilities\n- Ship models with PyTorch"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "jobtrends.db") as opened:
        opened.save_listing(
            listing(
                posting("1", text=TEXT_1, salary=StructuredSalary(100.0, 120.0, "USD", "year")),
                posting("2", text=TEXT_2, posted_at=None, remote="remote"),
            ),
            source="greenhouse",
            board="acme",
            now=T0,
        )
        yield opened


def extract_all(store: Store) -> None:
    loaded = load_posting_texts(store, pending_ids(store, VERSION))
    hashes = {text.key: digest for text, digest in loaded}
    results = [
        extraction(
            "1", TEXT_1, [("python", "Python", "requirements"), ("jax", "JAX", "nice_to_have")]
        ),
        extraction("2", TEXT_2, [("pytorch", "PyTorch", "responsibilities")], role="llm_engineer"),
    ]
    save_extractions(store, results, hashes, VERSION, T0)


def test_pending_follows_content_and_version(store: Store) -> None:
    assert pending_ids(store, VERSION) == [1, 2]
    loaded = dict(load_posting_texts(store, [1, 2]))
    first = next(text for text in loaded if text.key == "1")
    assert first.salary_hint == StructuredSalary(100.0, 120.0, "USD", "year")
    second = next(text for text in loaded if text.key == "2")
    assert second.remote_hint == "remote"
    extract_all(store)
    assert pending_ids(store, VERSION) == []
    assert pending_ids(store, "test-2") == [1, 2]
    store.save_listing(
        listing(
            posting("1", text="Changed: Rust."),
            posting("2", text=TEXT_2, posted_at=None, remote="remote"),
        ),
        source="greenhouse",
        board="acme",
        now=T0 + timedelta(days=1),
    )
    assert pending_ids(store, VERSION) == [1]


def test_frames_columns_months_and_contexts(store: Store) -> None:
    extract_all(store)
    frames = build_frames(store, VERSION)
    postings = frames.postings.set_index("posting_id")
    assert postings.loc[1, "month"] == "2026-02"  # posted_at
    assert postings.loc[2, "month"] == "2026-03"  # falls back to first_seen
    assert postings.loc[2, "role"] == "llm_engineer"
    assert postings.loc[1, "dup_group"] == 1
    assert "UTC" in str(postings["posted_at"].dtype)
    mentions = frames.with_contexts()
    assert "context" not in frames.mentions.columns  # no posting text held per mention
    assert list(mentions["skill_id"]) == ["python", "jax", "pytorch"]
    row = mentions.iloc[1]
    assert row["context"] == "- JAX is a plus"
    assert frames.lines([(int(row["posting_id"]), "requirements", 0, 3)]) == [
        TEXT_1.splitlines()[0].strip()
    ]
    assert bool(row["nice_to_have"]) is True
    assert TEXT_1[row["start"] : row["end"]] == "JAX"


def test_frames_filters(store: Store) -> None:
    extract_all(store)
    only_feb = build_frames(store, VERSION, FrameFilter(until="2026-02"))
    assert list(only_feb.postings["posting_id"]) == [1]
    assert set(only_feb.mentions["posting_id"]) == {1}
    llm = build_frames(store, VERSION, FrameFilter(roles=("llm_engineer",)))
    assert list(llm.postings["posting_id"]) == [2]
    none = build_frames(store, VERSION, FrameFilter(sources=("lever",)))
    assert none.postings.empty and none.mentions.empty


def test_run_log_and_health(store: Store) -> None:
    run_id = start_run(store, "scrape", T0)
    ok = TargetRecord("greenhouse:acme", "greenhouse", T0, T0, 1, 100, SaveCounts(new=2), "ok")
    bad = TargetRecord(
        "lever:gone",
        "lever",
        T0,
        T0,
        0,
        0,
        SaveCounts(),
        "failed",
        error="fetching https://x (HTTP 404) failed",
        error_url="https://x",
        error_status=404,
    )
    record_target(store, run_id, ok)
    record_target(store, run_id, bad)
    finish_run(store, run_id, "partial", T0 + timedelta(seconds=5))
    runs = recent_runs(store)
    assert runs[0].status == "partial"
    assert (runs[0].targets, runs[0].failed, runs[0].new) == (2, 1, 2)
    health = {item.target: item for item in source_health(store)}
    assert health["lever:gone"].recent_failures == 1
    assert health["greenhouse:acme"].status == "ok"
    errors = store.connection.execute("SELECT url, status FROM run_errors").fetchall()
    assert [tuple(e) for e in errors] == [("https://x", 404)]
    frames = build_frames(store, VERSION)
    assert list(frames.runs["status"]) == ["ok", "failed"]
    assert frames.runs["started_at"].iloc[0] == datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_country_column_and_filter(store: Store) -> None:
    extract_all(store)
    frames = build_frames(store, VERSION)
    assert set(frames.postings["country"]) == {"DE"}  # the factory's postings are in Berlin
    assert build_frames(store, VERSION, FrameFilter(countries=("de",))).postings.shape[0] == 2
    assert build_frames(store, VERSION, FrameFilter(countries=("US",))).postings.empty


# The one-query-per-frame reading the column reading replaced, kept here as the reference.
ROW_QUERIES = {
    "postings": """
        SELECT p.id AS posting_id, p.source, p.board, p.company, p.title, p.location, p.url,
               p.posted_at, p.first_seen,
               CASE WHEN p.closed_at IS NULL AND s.listed_at > p.last_seen THEN s.listed_at
                    ELSE p.last_seen END AS last_seen,
               p.closed_at, e.role, e.role_confidence,
               e.seniority, e.remote, e.salary_min, e.salary_max, e.salary_currency,
               e.salary_period, e.salary_annual_min, e.salary_annual_max, e.language,
               COALESCE(p.dup_group, p.id) AS dup_group, p.attribution,
               p.country AS stated_country, p.region, p.city, p.employment_type,
               e.remote_from, e.salary_from, e.seniority_from
        FROM postings p JOIN extractions e ON e.posting_id = p.id AND e.extractor_version = ?
        LEFT JOIN board_snapshots s ON s.source = p.source AND s.board = p.board
        ORDER BY p.id""",
    "mentions": """
        SELECT m.posting_id, m.skill_id, m.skill_name, m.category, m.section, m.negated,
               m.nice_to_have, m.text, m.start, m."end"
        FROM mentions m JOIN extractions e ON e.posting_id = m.posting_id
             AND e.extractor_version = m.extractor_version
        WHERE m.extractor_version = ? ORDER BY m.posting_id, m.start""",
}


def test_column_reading_builds_the_same_frames_as_row_reading(store: Store) -> None:
    """The frames are built from columns read in batches, with repeated values shared; they are
    equal, dtype for dtype, to frames built from the full row lists of one query."""
    import pandas as pd

    from jobtrends.pipeline.frames._frames import _mentions_frame, columns_frame
    from jobtrends.pipeline.store import (
        MentionRow,
        PostingRow,
        extracted_mention_columns,
        extracted_posting_columns,
    )

    for extracted in (False, True):
        if extracted:
            extract_all(store)
        for kind, by_columns, fields in (
            ("postings", extracted_posting_columns, PostingRow._fields),
            ("mentions", extracted_mention_columns, MentionRow._fields),
        ):
            rows = store.connection.execute(ROW_QUERIES[kind], (VERSION,)).fetchall()
            expected = pd.DataFrame.from_records(
                [tuple(row) for row in rows], columns=list(fields), coerce_float=True
            )
            read = by_columns(store, VERSION)
            got = columns_frame(read) if isinstance(read, dict) else _mentions_frame(*read)
            pd.testing.assert_frame_equal(got, expected)
            assert len(got) > 0 or not extracted


def test_frames_of_id_slices_add_up_to_the_whole(store: Store) -> None:
    """Exports read the store slice by slice: the slices' frames, put together, are the whole."""
    from jobtrends.pipeline.store import extracted_id_range

    extract_all(store)
    whole = build_frames(store, VERSION)
    first, last = extracted_id_range(store, VERSION) or (0, -1)
    middle = (first + last) // 2
    parts = [build_frames(store, VERSION, ids=(first, middle)),
             build_frames(store, VERSION, ids=(middle + 1, last))]  # fmt: skip
    for name in ("postings", "mentions", "candidates"):
        joined = pd.concat([getattr(p, name) for p in parts], ignore_index=True)
        expected = getattr(whole, name)
        pd.testing.assert_frame_equal(joined, expected, check_dtype=False)
    assert len(parts[0].postings) and len(parts[1].postings)


def test_a_subset_of_the_posting_columns_reads_the_same_values(store: Store) -> None:
    """A report leaves out the columns no page reads: they are not read at all, and the others
    are read as in the whole."""
    from jobtrends.pipeline.store import extracted_posting_columns

    extract_all(store)
    whole = extracted_posting_columns(store, VERSION)
    fields = ("posting_id", "title", "dup_group", "seniority_from")
    part = extracted_posting_columns(store, VERSION, fields=fields)
    assert list(part) == list(fields)
    assert all(list(part[name]) == list(whole[name]) for name in fields)
