"""The structured facts a source states: kept on the record, stored (old databases upgrade), and
preferred by extraction with their provenance."""

import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

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
from jobtrends.scraper.records import RawPosting, StructuredSalary
from tests.pipeline.factories import T0, extraction, listing, posting

FACTS = {
    "country": "DE",
    "region": "Berlin",
    "city": "Berlin",
    "seniority": "senior",
    "employment_type": "full_time",
    "secondary_locations": ("Munich", "Remote (Germany)"),
}


def _hash_before_facts(record: RawPosting) -> str:
    """`content_hash` as it was before the record had structured facts."""
    digest = hashlib.sha256()
    for part in (record.title, record.company, record.location, record.description_html):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


def test_new_fields_default_to_not_stated_and_old_constructors_still_work() -> None:
    record = posting("1")
    assert (record.country, record.region, record.city) == (None, None, None)
    assert (record.seniority, record.employment_type, record.secondary_locations) == (
        None,
        None,
        (),
    )


def test_lone_surrogates_are_cleaned_in_the_new_fields_too() -> None:
    record = posting("1", city="Ber\ud800lin", secondary_locations=("Mu\udc00nich", "Paris"))
    assert record.city == "Ber?lin"
    assert record.secondary_locations == ("Mu?nich", "Paris")


def test_a_posting_without_facts_keeps_the_hash_it_had_before() -> None:
    record = posting("1")
    assert content_hash(record) == _hash_before_facts(record)
    assert content_hash(replace(record, country="DE")) != content_hash(record)
    assert content_hash(replace(record, secondary_locations=("Munich",))) != content_hash(record)


def test_facts_are_saved_and_a_changed_fact_is_a_new_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.sqlite") as store:
        store.save_listing(
            listing(posting("1", **FACTS)), source="greenhouse", board="acme", now=T0
        )
        row = store.connection.execute(
            "SELECT country, region, city, seniority_hint, employment_type, secondary_locations "
            "FROM postings"
        ).fetchone()
        assert tuple(row) == (
            "DE",
            "Berlin",
            "Berlin",
            "senior",
            "full_time",
            '["Munich", "Remote (Germany)"]',
        )
        again = store.save_listing(
            listing(posting("1", **{**FACTS, "seniority": "staff_plus"})),
            source="greenhouse",
            board="acme",
            now=T0,
        )
        assert again.updated == 1
        (text, _), *_ = load_posting_texts(store, pending_ids(store, "v"))
        assert text.seniority_hint == "staff_plus"


def test_a_version_3_database_upgrades_and_its_rows_load_with_no_facts(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    script = "; ".join(MIGRATIONS[:3])
    old.executescript(f"BEGIN; {script}; PRAGMA user_version = 3; COMMIT;")
    record = posting("x")
    old.execute(
        "INSERT INTO postings (source, external_id, board, company, title, location, first_seen, "
        "last_seen, description_html, description_text, content_hash, remote_hint) VALUES "
        "('greenhouse', 'x', 'acme', ?, ?, ?, '2026-03-01T12:00:00+00:00', "
        "'2026-03-01T12:00:00+00:00', ?, ?, ?, 'remote')",
        (
            record.company,
            record.title,
            record.location,
            record.description_html,
            record.description_text,
            _hash_before_facts(record),
        ),
    )
    old.execute(
        "INSERT INTO extractions (posting_id, extractor_version, content_hash, role, "
        "role_confidence, seniority, remote, language, extracted_at) "
        "VALUES (1, 'v', 'h', 'ml_engineer', 0.9, 'senior', 'remote', 'en', 't')"
    )
    old.commit()
    old.close()
    with Store.open(path) as upgraded:
        assert upgraded.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        (text, _), *_ = load_posting_texts(upgraded, [1])
        assert (text.remote_hint, text.seniority_hint) == ("remote", None)
        # the same posting served again with no facts is unchanged, not updated
        counts = upgraded.save_listing(listing(record), source="greenhouse", board="acme", now=T0)
        assert (counts.unchanged, counts.updated) == (1, 0)
        frame = build_frames(upgraded, "v").postings
        assert frame.loc[0, "country"] == "DE"  # from the location "Berlin"
        assert frame.loc[0, "country_from"] == "text"
        assert frame.loc[0, ["remote_from", "salary_from", "seniority_from"]].isna().all()


def test_frames_prefer_the_stated_country_and_carry_provenance(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db.sqlite") as store:
        store.save_listing(
            listing(posting("1", **{**FACTS, "country": "AT"}), posting("2")),
            source="greenhouse",
            board="acme",
            now=T0,
        )
        stated = replace(extraction("1", "", []), remote_from="source", seniority_from="text")
        save_extractions(store, [stated, extraction("2", "", [])], {"1": "h1", "2": "h2"}, "v", T0)
        frame = build_frames(store, "v").postings.set_index("posting_id")
        assert frame.loc[1, "country"] == "AT" and frame.loc[1, "country_from"] == "source"
        assert frame.loc[2, "country"] == "DE" and frame.loc[2, "country_from"] == "text"
        assert frame.loc[1, "employment_type"] == "full_time"
        assert (frame.loc[1, "remote_from"], frame.loc[1, "seniority_from"]) == ("source", "text")


STATED_PAY = StructuredSalary(100_000.0, 120_000.0, "EUR", "year")
TEXT = (
    "Senior ML Engineer\nWe work fully on-site in Berlin. Pay: $150,000 - $180,000 per year.\n"
    "You have 7+ years of experience with PyTorch."
)


@pytest.mark.parametrize("workers_wire", [False, True])
def test_extraction_prefers_the_structured_values_and_says_so(workers_wire: bool) -> None:
    stated = PostingText(
        "1", "Senior ML Engineer", TEXT, "remote", STATED_PAY, seniority_hint="mid"
    )
    unstated = PostingText("2", "Senior ML Engineer", TEXT)
    nothing = PostingText("3", "Engineer", "We build things.")
    results = extract_batch([stated, unstated, nothing])
    if workers_wire:
        results = from_wire(to_wire(results))
    first, second, third = results
    assert (first.remote, first.remote_from) == ("remote", "source")
    assert (first.seniority, first.seniority_from) == ("mid", "source")
    assert first.salary is not None and first.salary.currency == "EUR"
    assert first.salary_from == "source"
    assert (second.remote, second.remote_from) == ("onsite", "text")
    assert (second.seniority, second.seniority_from) == ("senior", "text")
    assert second.salary is not None and second.salary.currency == "USD"
    assert second.salary_from == "text"
    assert (third.remote_from, third.salary_from, third.seniority_from) == (None, None, None)
    assert (third.remote, third.seniority, third.salary) == ("unknown", "unknown", None)


def test_a_salary_hint_without_amounts_falls_back_to_the_text() -> None:
    empty_pay = StructuredSalary(None, None, "USD", "year")
    (result,) = extract_batch([PostingText("1", "ML Engineer", TEXT, salary_hint=empty_pay)])
    assert result.salary is not None and result.salary_from == "text"
