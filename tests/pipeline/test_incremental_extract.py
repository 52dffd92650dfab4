"""`extract` after a change of the user taxonomy re-extracts only the postings the change can
affect and copies the others' extraction; a change of rules or package taxonomy re-extracts all."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from jobtrends.pipeline.cli import orchestration
from jobtrends.pipeline.config import Settings, load_settings
from jobtrends.pipeline.database import Database
from jobtrends.pipeline.nlp import build, extractor_version
from jobtrends.pipeline.store import Store
from tests.pipeline.factories import T0, listing, posting

SKILL = '[[skill]]\nid = "{id}"\nname = "{name}"\ncategory = "ml_frameworks"\n'
QUUX = SKILL.format(id="quuxflow", name="Quuxflow")
ZORB = SKILL.format(id="zorblet", name="Zorblet")

TEXTS = {
    "quux-1": "Requirements\n- Experience with Python, Quuxflow and Docker",
    "quux-2": "Requirements\n- Python\n- QUUXFLOW pipelines at scale",
    "zorb-1": "Requirements\n- Experience with PyTorch, Zorblet and Kubernetes",
    "both-1": "Requirements\n- Zorblet, Quuxflow and PyTorch",
    "none-1": "Requirements\n- Experience with Python, PyTorch and Docker",
    "none-2": "Requirements\n- Kubernetes and Terraform\n- Strong SQL",
    "none-3": "Requirements\n- Experience with scikit-learn and pandas",
}
TAGGED = ("Python", "Quuxflow")  # a tag list naming the term: the posting is affected


def fill(store: Store) -> None:
    records = [posting(key, text=text) for key, text in TEXTS.items()]
    records.append(posting("tags-1", text="Requirements\n- Python and Docker", tags=TAGGED))
    store.save_listing(listing(*records), source="greenhouse", board="acme", now=T0)


@pytest.fixture
def settings(tmp_path: Path, database: Database) -> Settings:
    """Settings whose store is on each backend in turn (the fresh one to compare with: SQLite)."""
    return replace(
        load_settings(None, environ={}),
        database=database,
        user_taxonomy=tmp_path / "mine.toml",
    )


def rows(store: Store, table: str, version: str) -> list[tuple[object, ...]]:
    """Every row of `table` for `version`, without the version, in a stable order."""
    columns = {
        "extractions": "posting_id, content_hash, role, role_confidence, seniority, remote, "
        "salary_min, salary_max, language, remote_from, salary_from, seniority_from",
        "mentions": 'posting_id, skill_id, skill_name, category, text, start, "end", section, '
        "negated, nice_to_have",
        "term_candidates": 'posting_id, term, term_key, start, "end", section, score',
    }[table]
    found = store.connection.execute(
        f"SELECT {columns} FROM {table} WHERE extractor_version = ? ORDER BY {columns}", (version,)
    ).fetchall()
    return [tuple(row) for row in found]


def ids_of(store: Store, keys: list[str]) -> set[int]:
    marks = ", ".join("?" for _ in keys)
    found = store.connection.execute(
        f"SELECT id FROM postings WHERE external_id IN ({marks})", keys
    ).fetchall()
    return {int(row[0]) for row in found}


def fresh_extraction(tmp_path: Path, settings: Settings, version: str) -> dict[str, list]:
    """What extracting every posting from scratch under the current user file gives."""
    fresh = replace(settings, database=tmp_path / "fresh.db")
    with Store.open(fresh.database) as store:
        fill(store)
        assert orchestration.extract(fresh, store) == len(TEXTS) + 1
        return {table: rows(store, table, version) for table in ("extractions", "mentions")}


def without_hash_and_ids(found: dict[str, list], store: Store) -> dict[str, list]:
    """Rows keyed by external id instead of the store's posting ids (two stores)."""
    names = dict(store.connection.execute("SELECT id, external_id FROM postings").fetchall())
    return {table: sorted((names[r[0]], *r[1:]) for r in found[table]) for table in found}


def test_accepting_a_skill_reextracts_only_the_postings_that_name_it(
    tmp_path: Path, settings: Settings
) -> None:
    with Store.open(settings.database) as store:
        fill(store)
        assert orchestration.extract(settings, store) == 8
        before = extractor_version(settings.user_taxonomy)
        settings.user_taxonomy.write_text(QUUX, encoding="utf-8")
        after = extractor_version(settings.user_taxonomy)
        assert after.startswith(before + "+user.")
        assert orchestration.pending_count(store, settings.user_taxonomy) == 8

        # quux-1, quux-2 (upper case), both-1 and tags-1 (the tag list) name it.
        assert orchestration.extract(settings, store) == 4
        assert orchestration.pending_count(store, settings.user_taxonomy) == 0
        affected = ids_of(store, ["quux-1", "quux-2", "both-1", "tags-1"])
        for table in ("extractions", "mentions", "term_candidates"):
            old = [r for r in rows(store, table, before) if r[0] not in affected]
            new = [r for r in rows(store, table, after) if r[0] not in affected]
            assert new == old, table  # copied unchanged
        assert len(rows(store, "extractions", after)) == 8
        named = {r[0] for r in rows(store, "mentions", after) if r[1] == "quuxflow"}
        assert named == affected
        # Exactly what extracting everything afresh under the new taxonomy gives.
        incremental = {t: rows(store, t, after) for t in ("extractions", "mentions")}
        expected = fresh_extraction(tmp_path, settings, after)
        with Store.open(tmp_path / "fresh.db") as fresh:
            assert without_hash_and_ids(incremental, store) == without_hash_and_ids(expected, fresh)
        order = store.backend.ROW_ORDER
        recorded = store.connection.execute(
            f"SELECT version, user_skills FROM extractor_versions ORDER BY {order}"
        ).fetchall()
        assert [v for v, _ in recorded] == [before, after]
        assert recorded[0][1] == "[]" and '"quuxflow"' in recorded[1][1]


def test_removing_a_skill_reextracts_only_the_postings_that_named_it(
    settings: Settings,
) -> None:
    with Store.open(settings.database) as store:
        fill(store)
        settings.user_taxonomy.write_text(QUUX + "\n" + ZORB, encoding="utf-8")
        assert orchestration.extract(settings, store) == 8
        both = extractor_version(settings.user_taxonomy)
        settings.user_taxonomy.write_text(QUUX, encoding="utf-8")
        # zorb-1 and both-1 named Zorblet.
        assert orchestration.extract(settings, store) == 2
        after = extractor_version(settings.user_taxonomy)
        assert not [r for r in rows(store, "mentions", after) if r[1] == "zorblet"]
        unaffected = [r for r in rows(store, "mentions", both) if r[1] != "zorblet"]
        assert rows(store, "mentions", after) == unaffected


def test_a_changed_posting_is_extracted_and_an_unrecorded_base_version_still_serves(
    settings: Settings,
) -> None:
    with Store.open(settings.database) as store:
        fill(store)
        assert orchestration.extract(settings, store) == 8
        # A store extracted before versions were recorded: the base version had no user skills.
        store.connection.execute("DELETE FROM extractor_versions")
        store.connection.commit()
        changed = posting("none-3", text="Requirements\n- scikit-learn, pandas and Polars")
        store.save_listing(listing(changed), source="greenhouse", board="acme", now=T0)
        settings.user_taxonomy.write_text(ZORB, encoding="utf-8")
        # zorb-1, both-1 (the change), none-3 (its content changed), and every posting missing
        # from the listing above is closed but keeps its content: copied.
        assert orchestration.extract(settings, store) == 3


def test_a_change_of_rules_or_package_taxonomy_reextracts_everything(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(settings.database) as store:
        fill(store)
        assert orchestration.extract(settings, store) == 8
        settings.user_taxonomy.write_text(QUUX, encoding="utf-8")
        monkeypatch.setattr(build, "_package_version", lambda: "999+taxonomy.0123456789abcdef")
        assert orchestration.extract(settings, store) == 8


def test_rejected_terms_do_not_change_the_version(settings: Settings) -> None:
    with Store.open(settings.database) as store:
        fill(store)
        settings.user_taxonomy.write_text(QUUX, encoding="utf-8")
        assert orchestration.extract(settings, store) == 8
        settings.user_taxonomy.write_text('rejected = ["Docker Thing"]\n' + QUUX, encoding="utf-8")
        assert orchestration.extract(settings, store) == 0
