"""The report's aggregates read from the store equal what the mention rows give in memory, on
SQLite and on PostgreSQL: (posting, skill) demand pairs, mention counts, the mentions shown."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pandas as pd
import pytest

from jobtrends.pipeline.database import Database
from jobtrends.pipeline.frames import FrameFilter, ReportFrames, build_frames, build_report_frames
from jobtrends.pipeline.store import Store, load_posting_texts, pending_ids, save_extractions
from jobtrends.reports import ReportData
from tests.pipeline.factories import T0, extraction, listing, mention, posting

VERSION = "demand-1"
TEXT_1 = (
    "Requirements\n- Python and PyTorch daily\n- Python again, JAX is a plus\n"
    "Benefits\n- Free Rust lessons\n- no Java needed"
)
TEXT_2 = "Nice to have\n- PyTorch\nResponsibilities\n- Ship Python services"
TEXT_3 = "About\nWe like Go."


@pytest.fixture
def store(database: Database) -> Iterator[Store]:
    with Store.open(database) as opened:
        opened.save_listing(
            listing(
                posting("1", text=TEXT_1),
                posting("2", text=TEXT_2),
                posting("3", text=TEXT_3),
            ),
            source="greenhouse",
            board="acme",
            now=T0,
        )
        loaded = load_posting_texts(opened, pending_ids(opened, VERSION))
        hashes = {text.key: digest for text, digest in loaded}
        second_python = TEXT_1.index("Python again")
        first = replace(
            extraction("1", TEXT_1, []),
            skills=(
                mention(TEXT_1, "Python", "requirements", "python"),
                mention(TEXT_1, "PyTorch", "requirements", "pytorch", nice_to_have=True),
                mention(TEXT_1, "Python", "requirements", "python", nice_to_have=True)._replace(
                    start=second_python, end=second_python + 6
                ),
                mention(TEXT_1, "JAX", "requirements", "jax", nice_to_have=True),
                mention(TEXT_1, "Rust", "benefits", "rust"),
                mention(TEXT_1, "Java", "benefits", "java", negated=True),
            ),
        )
        second = replace(
            extraction("2", TEXT_2, [], role="llm_engineer"),
            skills=(
                mention(TEXT_2, "PyTorch", "nice_to_have", "pytorch"),
                mention(TEXT_2, "Python", "responsibilities", "python"),
            ),
        )
        third = replace(
            extraction("3", TEXT_3, []), skills=(mention(TEXT_3, "Go", "general", "go"),)
        )
        save_extractions(opened, [first, second, third], hashes, VERSION, T0)
        yield opened


def _in_memory(store: Store, frame_filter: FrameFilter | None = None) -> ReportData:
    frames = build_frames(store, VERSION, frame_filter)
    return ReportData.from_mentions(
        frames.postings, frames.mentions, frames.runs, {}, T0, lines=frames.lines
    )


def _whole(report: ReportFrames, batch_postings: int = 1) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The postings and demand of every batch, and the mentions the postings carry (a filtered
    report counts them batch by batch)."""
    batches = list(report.batches(batch_postings))
    postings = pd.concat([p for p, _, _ in batches], ignore_index=True)
    demand = pd.concat([d for _, d, _ in batches], ignore_index=True)
    carried = int(postings["mentions"].sum()) if "mentions" in postings.columns else 0
    return postings, demand, carried


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows in one order, skill ids as plain strings (the store gives them as categories)."""
    frame = frame.astype({"skill_id": str})
    return frame.sort_values(["posting_id", "skill_id"]).reset_index(drop=True)


def test_demand_pairs_and_counts_equal_the_mention_rows(store: Store) -> None:
    report = build_report_frames(store, VERSION)
    memory = _in_memory(store)
    postings, demand, _ = _whole(report)
    assert memory.demand is not None
    pd.testing.assert_frame_equal(_sorted(demand), _sorted(memory.demand))
    assert report.mention_count == memory.mention_count == 9
    assert report.skills == dict(memory.skills)
    pairs = {(p, s): r for p, s, r in demand.itertuples(index=False)}
    ids = dict(zip(sorted(postings["posting_id"]), range(1, 4), strict=True))
    by_key = {(ids[p], s): r for (p, s), r in pairs.items()}
    # Python: required once outside nice-to-have; PyTorch flagged a plus; Rust and Java are in
    # no demand section (Java also negated); the nice_to_have section makes PyTorch optional.
    assert by_key == {
        (1, "python"): True,
        (1, "pytorch"): False,
        (1, "jax"): False,
        (2, "pytorch"): False,
        (2, "python"): True,
        (3, "go"): True,
    }


def test_a_filter_keeps_the_demand_and_counts_of_the_postings_kept(store: Store) -> None:
    chosen = FrameFilter(roles=("llm_engineer",))
    report = build_report_frames(store, VERSION, chosen)
    memory = _in_memory(store, chosen)
    postings, demand, carried = _whole(report)
    assert len(postings) == 1
    assert memory.demand is not None
    pd.testing.assert_frame_equal(_sorted(demand), _sorted(memory.demand))
    assert report.mention_count is None  # counted from the postings kept, batch by batch
    assert carried == memory.mention_count == 2


def test_the_mentions_shown_are_each_skills_first_demand_mention(store: Store) -> None:
    report = build_report_frames(store, VERSION)
    memory = _in_memory(store)
    first_id = int(_whole(report)[0]["posting_id"].min())
    pairs = [(first_id, "python"), (first_id, "rust"), (first_id, "jax")]
    shown = report.demand_mentions(pairs)
    assert list(shown["skill_id"]) == ["python", "jax"]  # Rust is asked for nowhere
    assert list(shown["start"]) == [TEXT_1.index("Python"), TEXT_1.index("JAX")]
    expected = memory.demand_mentions(pairs)
    pd.testing.assert_frame_equal(shown, expected[list(shown.columns)], check_dtype=False)
    assert report.lines([(first_id, "requirements", 16, 22)]) == ["- Python and PyTorch daily"]
