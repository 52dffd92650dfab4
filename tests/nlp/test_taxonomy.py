"""The taxonomy loader: the file format contract and every validation error."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobtrends.pipeline.errors import TaxonomyError
from jobtrends.pipeline.nlp.taxonomy import load_taxonomy
from tests.nlp.conftest import MINI_TAXONOMY, write_taxonomy

GO = """
category = "programming_languages"
label = "Programming languages"

[[skill]]
id = "go"
name = "Go"
aliases = ["Golang"]
ambiguous = ["Go"]
context = ["Golang", "language"]
veto_next = ["to"]
veto_prev = ["let"]
"""


def test_mini_taxonomy_loads_with_categories_and_lookup(mini_taxonomy_dir: Path) -> None:
    taxonomy = load_taxonomy(mini_taxonomy_dir)
    assert set(taxonomy.categories) == set(MINI_TAXONOMY)
    assert taxonomy.categories["training_serving"] == "Training and serving"
    go = taxonomy.by_id["go"]
    assert go.category == "programming_languages"
    assert go.safe_forms == ("Golang",)
    assert go.ambiguous == ("Go",)
    assert taxonomy.by_id["jax"].exact_forms == ("JAX",)
    assert taxonomy.by_id["jax"].safe_forms == ()
    assert len(taxonomy.by_id) == len(taxonomy.skills)


def test_cue_words_are_lower_cased(tmp_path: Path) -> None:
    skill = load_taxonomy(write_taxonomy(tmp_path, {"programming_languages": GO})).by_id["go"]
    assert skill.context == ("golang", "language")
    assert skill.veto_next == ("to",)
    assert skill.veto_prev == ("let",)


def test_content_hash_follows_the_file_content(tmp_path: Path) -> None:
    first = load_taxonomy(write_taxonomy(tmp_path / "a", {"programming_languages": GO}))
    same = load_taxonomy(write_taxonomy(tmp_path / "b", {"programming_languages": GO}))
    changed = load_taxonomy(
        write_taxonomy(tmp_path / "c", {"programming_languages": GO.replace("Golang", "Go-lang")})
    )
    assert first.content_hash == same.content_hash
    assert first.content_hash != changed.content_hash


def _error(tmp_path: Path, files: dict[str, str]) -> str:
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(write_taxonomy(tmp_path, files))
    return str(info.value)


def test_unknown_skill_key_is_named(tmp_path: Path) -> None:
    message = _error(tmp_path, {"programming_languages": GO + 'colour = "blue"\n'})
    assert "programming_languages.toml" in message
    assert "'go'" in message
    assert "colour" in message


def test_unknown_top_level_key(tmp_path: Path) -> None:
    message = _error(tmp_path, {"programming_languages": "version = 2\n" + GO})
    assert "programming_languages.toml" in message and "version" in message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (GO.replace('id = "go"\n', ""), "missing or invalid 'id'"),
        (GO.replace('id = "go"', 'id = "Go Lang"'), "snake_case"),
        (GO.replace('name = "Go"\n', ""), "missing or empty 'name'"),
        (GO.replace('aliases = ["Golang"]', 'aliases = "Golang"'), "'aliases' must be a list"),
        (GO + "case_sensitive = 1\n", "'case_sensitive' must be true or false"),
        (GO.replace('label = "Programming languages"\n', ""), "missing or empty 'label'"),
    ],
)
def test_malformed_skills_are_rejected(tmp_path: Path, body: str, expected: str) -> None:
    message = _error(tmp_path, {"programming_languages": body})
    assert "programming_languages.toml" in message
    assert expected in message


def test_category_must_match_the_file_name(tmp_path: Path) -> None:
    message = _error(tmp_path, {"databases": GO})
    assert "databases.toml" in message
    assert "'programming_languages'" in message


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    other = GO.replace("programming_languages", "web_backend").replace("Golang", "Gopher")
    other = other.replace('ambiguous = ["Go"]', 'ambiguous = ["GO"]')
    message = _error(tmp_path, {"programming_languages": GO, "web_backend": other})
    assert "'go'" in message and "duplicates" in message


def test_alias_clash_names_file_skill_and_alias(tmp_path: Path) -> None:
    clash = (
        GO
        + """
[[skill]]
id = "golang_tools"
name = "Go tooling"
aliases = ["golang"]
"""
    )
    message = _error(tmp_path, {"programming_languages": clash})
    assert "programming_languages.toml" in message
    assert "'golang_tools'" in message
    assert "'golang'" in message
    assert "'go'" in message


def test_gated_form_may_share_letters_with_a_safe_form(mini_taxonomy_dir: Path) -> None:
    taxonomy = load_taxonomy(mini_taxonomy_dir)
    assert "Transformers" in taxonomy.by_id["hf_transformers"].ambiguous
    assert taxonomy.by_id["transformer_architecture"].safe_forms[0] == "Transformers"


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    message = _error(tmp_path, {"programming_languages": GO + "[[skill]\n"})
    assert "programming_languages.toml" in message and "TOML" in message


def test_missing_directory_and_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="not found"):
        load_taxonomy(tmp_path / "nowhere")
    with pytest.raises(TaxonomyError, match="no taxonomy files"):
        load_taxonomy(tmp_path)


def test_package_taxonomy_is_valid_and_cached() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy is load_taxonomy()
    assert taxonomy.skills
    assert all(skill.category in taxonomy.categories for skill in taxonomy.skills)
    assert len({skill.id for skill in taxonomy.skills}) == len(taxonomy.skills)
