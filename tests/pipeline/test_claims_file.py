"""Reading claims files: every kind parses, and a mistake names the file, the claim and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.nlp.taxonomy import load_taxonomy
from jobtrends.reports.analysis.claims import KINDS, Claim
from jobtrends.reports.analysis.claims_file import load_claims, parse_claims
from jobtrends.reports.pages.claims import DEFAULT_CLAIMS

SKILLS = {"pytorch", "tensorflow", "jax", "python", "rag"}
EVERY_KIND = """
[[claim]]
id = "a"
statement = "PyTorch beats TensorFlow or JAX"
kind = "share_greater"
role = "ml_engineer"
skills = "pytorch"
than = ["tensorflow", "jax"]
than_label = "TensorFlow or JAX"
min_n = 50

[[claim]]
id = "b"
statement = "Most postings ask for Python"
kind = "share_at_least"
skills = ["python"]
share = 0.5
months = 12

[[claim]]
id = "c"
statement = "Python is the top skill"
kind = "most_common"
skill = "python"

[[claim]]
id = "d"
statement = "RAG is rising"
kind = "rising"
skills = ["rag"]

[[claim]]
id = "e"
statement = "LLM engineers outgrow ML engineers"
kind = "growth_greater"
role = "llm_engineer"
than = "ml_engineer"

[[claim]]
id = "f"
statement = "AI application developers grow fastest"
kind = "fastest_growing_role"
role = "ai_application_developer"
among = ["ai_application_developer", "llm_engineer"]
months = 6
"""


def test_every_kind_parses_with_its_defaults() -> None:
    claims = parse_claims(EVERY_KIND, "claims.toml", skills=SKILLS)
    assert [c.kind for c in claims] == list(KINDS)
    by_id = {c.id: c for c in claims}
    assert by_id["a"] == Claim(
        id="a",
        statement="PyTorch beats TensorFlow or JAX",
        kind="share_greater",
        role="ml_engineer",
        skills=("pytorch",),
        than=("tensorflow", "jax"),
        than_label="TensorFlow or JAX",
        min_n=50,
    )
    assert (by_id["b"].share, by_id["b"].months, by_id["b"].min_n) == (0.5, 12, 30)
    assert by_id["c"].skills == ("python",)
    assert by_id["d"].months == 6  # rising compares the last 6 months with the 6 before
    assert (by_id["e"].than, by_id["e"].months) == (("ml_engineer",), 12)
    assert by_id["f"].among == ("ai_application_developer", "llm_engineer")
    assert by_id["f"].months == 6


def replace_in(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "claim", "key", "says"),
    [
        ('kind = "share_greater"', 'kind = "bigger"', "'a' (#1)", "kind",
         'got "bigger", expected one of share_greater'),
        ('than_label = "TensorFlow or JAX"', "", None, None, None),
        ('skills = "pytorch"\n', "", "'a' (#1)", "skills", "missing"),
        ("min_n = 50", "min_n = 0", "'a' (#1)", "min_n", "whole number"),
        ("min_n = 50", 'min_n = "50"', "'a' (#1)", "min_n", 'got "50", expected an integer'),
        ("min_n = 50", "min_n = true", "'a' (#1)", "min_n", "got True, expected an integer"),
        ("min_n = 50", "min_n = 50.0", "'a' (#1)", "min_n", "got 50.0, expected an integer"),
        ('role = "ml_engineer"', "role = 3", "'a' (#1)", "role", "got 3, expected a string"),
        ("share = 0.5", "share = 50", "'b' (#2)", "share", "between 0 and 1"),
        ("share = 0.5", 'share = "half"', "'b' (#2)", "share", 'got "half", expected a number'),
        ("share = 0.5", "share = true", "'b' (#2)", "share", "got True, expected a number"),
        ("months = 12", "months = 12\nwindow = 3", "'b' (#2)", "window", "unknown key"),
        ('skill = "python"', 'skill = ["python", "rag"]', "'c' (#3)", "skill", "exactly one"),
        ('skill = "python"', 'skills = ["python"]', "'c' (#3)", "skill", "missing"),
        ('skills = ["rag"]', 'skills = ["rags"]', "'d' (#4)", "skills[0]",
         'got "rags", expected a skill id of the taxonomy'),
        ('skills = ["rag"]', "skills = []", "'d' (#4)", "skills", "non-empty"),
        ('skills = ["rag"]', 'skills = ["rag", 7]', "'d' (#4)", "skills[1]", "expected a string"),
        ('than = "ml_engineer"', 'than = "ml_eng"', "'e' (#5)", "than",
         'got "ml_eng", expected one of ml_engineer'),
        ('than = "ml_engineer"', 'than = "llm_engineer"', "'e' (#5)", "than",
         "a role other than 'role'"),
        ('among = ["ai_application_developer", ', "among = [", "'f' (#6)", "among", "include"),
        ('id = "f"', 'id = "a"', "'a' (#6)", "id", "unique"),
        ('id = "f"', 'id = "Not A Slug"', "'Not A Slug' (#6)", "id", "slug"),
        ('statement = "RAG is rising"', 'statement = ""', "'d' (#4)", "statement", "non-empty"),
        ('than = ["tensorflow", "jax"]', 'than = ["pytorch"]', "'a' (#1)", "than",
         "'pytorch' is in both"),
    ],
)  # fmt: skip
def test_a_mistake_names_the_file_the_claim_and_the_key(
    old: str, new: str, claim: str | None, key: str | None, says: str | None
) -> None:
    text = replace_in(EVERY_KIND, old, new)
    if claim is None:
        assert len(parse_claims(text, "claims.toml", skills=SKILLS)) == len(KINDS)
        return
    with pytest.raises(InputError) as error:
        parse_claims(text, "my/claims.toml", skills=SKILLS)
    message = str(error.value)
    assert message.startswith(f"my/claims.toml: claim {claim}: {key}: "), message
    assert says is not None and says in message


def test_a_claim_without_an_id_is_named_by_its_position() -> None:
    text = replace_in(EVERY_KIND, 'id = "b"\n', "")
    with pytest.raises(InputError, match=r"claims.toml: claim #2: id: missing; it is required"):
        parse_claims(text, "claims.toml")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[[claim]\nid = 1", "not valid TOML"),
        ("title = 'mine'", "title: unknown key"),
        ("", "claim: missing"),
        ("claim = 3", "claim: got 3, expected a list"),
        ("claim = []", "expected at least one [[claim]] table"),
        ("claim = [1]", "claim[0]: got 1, expected a table"),
    ],
)
def test_file_level_mistakes(text: str, says: str) -> None:
    with pytest.raises(InputError) as error:
        parse_claims(text, "claims.toml")
    assert str(error.value).startswith("claims.toml: ")
    assert says in str(error.value)


def test_load_claims_reads_a_file_and_names_a_missing_one(tmp_path: Path) -> None:
    path = tmp_path / "claims.toml"
    path.write_text(EVERY_KIND, encoding="utf-8")
    assert len(load_claims(path)) == len(KINDS)
    missing = tmp_path / "nope.toml"
    with pytest.raises(InputError, match=r"nope\.toml: cannot read the claims file"):
        load_claims(missing)


def test_without_a_skill_list_any_skill_id_is_accepted() -> None:
    text = replace_in(EVERY_KIND, 'skills = ["rag"]', 'skills = ["not_in_taxonomy"]')
    assert parse_claims(text, "claims.toml")[3].skills == ("not_in_taxonomy",)


def test_the_default_claims_file_uses_real_skill_ids() -> None:
    claims = load_claims(DEFAULT_CLAIMS, skills={s.id for s in load_taxonomy().skills})
    assert len(claims) >= 8
    assert set(KINDS) <= {c.kind for c in claims}
