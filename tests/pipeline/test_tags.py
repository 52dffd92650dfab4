"""A board's tag list: kept in its own field, stored, read as a `tags` section of its own (never
as job text), traceable to the tag it came from, and left out of demand."""

import sqlite3
from dataclasses import replace
from pathlib import Path

from jobtrends.pipeline.frames import build_frames
from jobtrends.pipeline.nlp.pool import from_wire, to_wire
from jobtrends.pipeline.nlp.runner import extract_batch
from jobtrends.pipeline.results import PostingText
from jobtrends.pipeline.store import (
    Store,
    content_hash,
    load_posting_texts,
    pending_ids,
    save_extractions,
)
from jobtrends.pipeline.store.migrations import MIGRATIONS, SCHEMA_VERSION
from jobtrends.reports.analysis.stats import demand_pairs
from jobtrends.scraper.records import tags_text
from tests.pipeline.factories import T0, listing, posting

TAGS = ("Customer Support", "Zendesk", "PyTorch", "machine learning")
SUPPORT = "Support Specialist\nAnswer customer questions by email and chat.\nWeekend shifts."


def test_tags_enter_the_hash_only_when_stated() -> None:
    record = posting("1")
    assert content_hash(replace(record, tags=())) == content_hash(record)
    assert content_hash(replace(record, tags=TAGS)) != content_hash(record)
    assert content_hash(replace(record, tags=TAGS)) != content_hash(replace(record, tags=TAGS[:2]))


def test_tags_are_stored_one_per_line_and_loaded_for_extraction(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.sqlite") as store:
        store.save_listing(listing(posting("1", tags=TAGS)), source="remoteok", board="", now=T0)
        (stored,) = store.connection.execute("SELECT tags FROM postings").fetchone()
        assert stored == tags_text(TAGS) == "Customer Support\nZendesk\nPyTorch\nmachine learning"
        (text, _), *_ = load_posting_texts(store, pending_ids(store, "v"))
        assert text.tags == TAGS
        again = store.save_listing(
            listing(posting("1", tags=TAGS[:1])), source="remoteok", board="", now=T0
        )
        assert again.updated == 1  # a changed tag list is a new version


def test_a_version_4_database_upgrades_with_empty_tags(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    old.executescript(f"BEGIN; {'; '.join(MIGRATIONS[:4])}; PRAGMA user_version = 4; COMMIT;")
    old.close()
    with Store.open(path) as upgraded:
        assert upgraded.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        upgraded.save_listing(listing(posting("1")), source="greenhouse", board="a", now=T0)
        (text, _), *_ = load_posting_texts(upgraded, [1])
        assert text.tags == ()


def test_tag_mentions_have_their_own_section_and_offsets_into_the_tag_text() -> None:
    tagged = PostingText("1", "Support Specialist", SUPPORT, tags=TAGS)
    untagged = PostingText("2", "Support Specialist", SUPPORT)
    first, second = from_wire(to_wire(extract_batch([tagged, untagged])))
    tag_text = tags_text(TAGS)
    found = {m.skill_id: m for m in first.skills}
    assert {"pytorch", "machine_learning"} <= set(found)
    for mention in first.skills:
        assert mention.section == "tags" and not mention.negated and not mention.nice_to_have
        assert tag_text[mention.start : mention.end] == mention.text
    # The tags add skill mentions and nothing else: role, seniority, remote, salary are the same.
    assert second.skills == ()
    assert (first.role, first.seniority, first.remote) == (
        second.role,
        second.seniority,
        second.remote,
    )
    assert first.role == "other"


def test_a_tag_mention_is_traceable_to_its_tag_and_not_counted_as_demand(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.sqlite") as store:
        text = "We train models in PyTorch."
        store.save_listing(
            listing(posting("1", text=text, tags=("Kubernetes", "PyTorch"))),
            source="remoteok",
            board="",
            now=T0,
        )
        inputs = load_posting_texts(store, pending_ids(store, "v"))
        results = extract_batch([posting_text for posting_text, _ in inputs])
        save_extractions(store, results, {"1": inputs[0][1]}, "v", T0)
        mentions = build_frames(store, "v").with_contexts()
        by_section = mentions.groupby("section")["skill_id"].apply(sorted).to_dict()
        assert by_section["tags"] == ["kubernetes", "pytorch"]
        tag_rows = mentions[mentions["section"] == "tags"]
        assert sorted(tag_rows["context"]) == ["Kubernetes", "PyTorch"]
        described = mentions[mentions["section"] != "tags"]
        assert list(described["context"]) == [text]
        demand = demand_pairs(build_frames(store, "v").postings, mentions)
        assert list(demand["skill_id"]) == ["pytorch"]  # the tag list is not demand
