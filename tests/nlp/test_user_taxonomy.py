"""The user taxonomy file: reading and checking it, merging it, writing it, and the version."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from jobtrends.pipeline.errors import TaxonomyError
from jobtrends.pipeline.nlp import (
    RULES_VERSION,
    accept_term,
    extract_batch,
    extract_parallel,
    extractor_version,
    load_taxonomy,
    load_user_taxonomy,
    merged_taxonomy,
    pipeline_taxonomy,
    reject_term,
    snake_case,
)
from jobtrends.pipeline.nlp.build import build_nlp
from jobtrends.pipeline.nlp.taxonomy.changes import FormFinder, changed_forms
from jobtrends.pipeline.nlp.taxonomy.user_file import HEADER, skills_json
from jobtrends.pipeline.results import PostingText

QUUX = """\
# my own skills
rejected = ["Remote First"]

[[skill]]
id = "quuxflow"
name = "Quuxflow"
category = "ml_frameworks"
aliases = ["Quux Flow"]
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_is_an_empty_user_taxonomy(tmp_path: Path) -> None:
    user = load_user_taxonomy(tmp_path / "none.toml")
    assert user.skills == () and user.rejected == () and user.digest == ""
    assert merged_taxonomy(user) is load_taxonomy()
    assert load_user_taxonomy(None).skills == ()


def test_user_skills_join_the_package_taxonomy(tmp_path: Path) -> None:
    user = load_user_taxonomy(write(tmp_path / "mine.toml", QUUX))
    (skill,) = user.skills
    assert (skill.id, skill.name, skill.category, skill.aliases) == (
        "quuxflow",
        "Quuxflow",
        "ml_frameworks",
        ("Quux Flow",),
    )
    assert user.rejected == ("Remote First",) and user.rejects("remote  FIRST")
    merged = merged_taxonomy(user)
    package = load_taxonomy()
    assert merged.by_id["quuxflow"] == skill and len(merged.skills) == len(package.skills) + 1
    assert merged.categories == package.categories
    assert merged.content_hash != package.content_hash


def test_the_merged_hash_covers_the_skills_not_the_rejected_terms(tmp_path: Path) -> None:
    first = load_user_taxonomy(write(tmp_path / "a.toml", QUUX))
    more_rejected = QUUX.replace('["Remote First"]', '["Remote First", "Team Player"]')
    second = load_user_taxonomy(write(tmp_path / "b.toml", more_rejected))
    renamed = load_user_taxonomy(write(tmp_path / "c.toml", QUUX.replace("Quux Flow", "QFlow")))
    assert first.digest == second.digest
    assert merged_taxonomy(first).content_hash == merged_taxonomy(second).content_hash
    assert first.digest != renamed.digest
    assert merged_taxonomy(first).content_hash != merged_taxonomy(renamed).content_hash


def test_the_version_gains_a_user_part_only_with_user_skills(tmp_path: Path) -> None:
    package_version = f"{RULES_VERSION}+taxonomy.{load_taxonomy().content_hash}"
    assert extractor_version() == package_version
    assert extractor_version(tmp_path / "missing.toml") == package_version
    assert extractor_version(write(tmp_path / "empty.toml", 'rejected = ["x"]\n')) == (
        package_version
    )
    path = write(tmp_path / "mine.toml", QUUX)
    digest = load_user_taxonomy(path).digest
    assert extractor_version(path) == f"{package_version}+user.{digest}"
    # Read afresh on every call: a file changed in this process gives the new version.
    write(path, QUUX.replace("Quux Flow", "QFlow"))
    assert extractor_version(path) != f"{package_version}+user.{digest}"


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('id = "quuxflow"\nname = ""\ncategory = "mlops"', "skill 'quuxflow': name: got \"\""),
        (
            'id = "quuxflow"\nname = "Q"\ncategory = "mlops"\naliases = [3]',
            "skill 'quuxflow': aliases[0]: got 3, expected a string",
        ),
        (
            'id = "quuxflow"\nname = "Q"\ncategory = "mlops"\ncolour = "red"',
            "skill 'quuxflow': colour: unknown key",
        ),
        ('id = "quuxflow"\nname = "Q"', "skill 'quuxflow': category: missing"),
        (
            'id = "quuxflow"\nname = "Q"\ncategory = "gadgets"',
            "skill 'quuxflow': category 'gadgets' is not a built-in category",
        ),
        ('id = "Quux Flow"\nname = "Q"\ncategory = "mlops"', "skill #1: missing or invalid 'id'"),
        ('name = "Q"\ncategory = "mlops"', "skill #1: id: missing"),
    ],
)
def test_errors_name_the_file_and_the_skill(tmp_path: Path, entry: str, expected: str) -> None:
    path = write(tmp_path / "mine.toml", f"[[skill]]\n{entry}\n")
    with pytest.raises(TaxonomyError) as failure:
        load_user_taxonomy(path)
    assert f"{path}: " in str(failure.value) and expected in str(failure.value)


def test_a_malformed_file_or_top_level_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.toml", "rejected = [\n")
    with pytest.raises(TaxonomyError, match="not a readable TOML file"):
        load_user_taxonomy(path)
    write(path, "rejected = 5\n")
    with pytest.raises(TaxonomyError, match=f"{path}: rejected: got 5, expected a list"):
        load_user_taxonomy(path)


def test_a_clash_with_a_built_in_skill_names_both(tmp_path: Path) -> None:
    same_id = 'id = "pytorch"\nname = "Torchy"\ncategory = "ml_frameworks"'
    path = write(tmp_path / "mine.toml", f"[[skill]]\n{same_id}\n")
    with pytest.raises(TaxonomyError) as failure:
        load_user_taxonomy(path)
    assert str(failure.value) == (
        f"{path}: skill 'pytorch' has the id of built-in skill 'pytorch' (ml_frameworks.toml)"
    )
    same_form = 'id = "torchy"\nname = "Torchy"\ncategory = "mlops"\naliases = ["PYTORCH"]'
    write(path, f"[[skill]]\n{same_form}\n")
    with pytest.raises(TaxonomyError) as failure:
        load_user_taxonomy(path)
    assert str(failure.value) == (
        f"{path}: skill 'torchy' form 'pytorch' clashes with built-in skill 'pytorch' "
        "(ml_frameworks.toml)"
    )


def test_two_user_skills_may_not_share_a_form(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mine.toml",
        QUUX + '\n[[skill]]\nid = "qf"\nname = "QF"\ncategory = "mlops"\naliases = ["quuxflow"]\n',
    )
    with pytest.raises(TaxonomyError, match="skill 'qf' form 'quuxflow' clashes with user skill"):
        load_user_taxonomy(path)


def test_accept_creates_the_file_with_its_header_and_derives_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "mine.toml"
    skill = accept_term(path, "quux flow", category="ml_frameworks", name="Quux Flow v2")
    assert (skill.id, skill.name, skill.aliases) == ("quux_flow_v2", "Quux Flow v2", ("quux flow",))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and "[[skill]]\n" in text
    assert tomllib.loads(text) == {
        "rejected": [],
        "skill": [
            {
                "id": "quux_flow_v2",
                "name": "Quux Flow v2",
                "category": "ml_frameworks",
                "aliases": ["quux flow"],
            }
        ],
    }


def test_accept_and_reject_keep_the_header_and_round_trip(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.toml", QUUX)
    assert reject_term(path, "Team  Player") is True
    assert reject_term(path, "team player") is False  # rejected already (same term key)
    skill = accept_term(path, "zorblet", category="mlops", aliases=["Zorblet AI"])
    assert (skill.id, skill.name, skill.aliases) == ("zorblet", "zorblet", ("Zorblet AI",))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my own skills\n") and HEADER not in text
    user = load_user_taxonomy(path)
    assert user.rejected == ("Remote First", "Team Player")
    assert [s.id for s in user.skills] == ["quuxflow", "zorblet"]
    # Reading and writing again changes nothing.
    reject_term(path, "Remote First")
    assert path.read_text(encoding="utf-8") == text


def test_accepting_a_known_user_form_updates_that_skill(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.toml", QUUX)
    skill = accept_term(path, "QUUX FLOW", category="mlops", aliases=["QF lib", "quux flow"])
    assert (skill.id, skill.name, skill.category) == ("quuxflow", "Quuxflow", "mlops")
    assert skill.aliases == ("Quux Flow", "QF lib")  # case-insensitive duplicates left out
    assert len(load_user_taxonomy(path).skills) == 1


def test_accepting_a_rejected_term_takes_it_off_the_rejected_list(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.toml", QUUX)
    accept_term(path, "remote first", category="software_practice", name="Remote First")
    assert load_user_taxonomy(path).rejected == ()


def test_accept_refuses_clashes_and_unknown_categories_without_writing(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.toml", QUUX)
    with pytest.raises(TaxonomyError, match="clashes with built-in skill 'pytorch'"):
        accept_term(path, "PyTorch", category="mlops", name="Torchy")
    with pytest.raises(TaxonomyError, match=r"unknown category 'gadgets'; use one of .*mlops"):
        accept_term(path, "Zorblet", category="gadgets")
    assert path.read_text(encoding="utf-8") == QUUX
    assert not list(tmp_path.glob("*.new"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("LangGraph", "langgraph"),
        ("Node.js", "node_js"),
        ("C++", "c_plus_plus"),
        ("Café ML", "cafe_ml"),
    ],
)
def test_ids_are_the_snake_case_of_the_name(name: str, expected: str) -> None:
    assert snake_case(name) == expected


def test_extraction_finds_user_skills(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.toml", QUUX)
    posting = PostingText(
        key="1",
        title="ML Engineer",
        text="Requirements\n- Experience with Python, Quux Flow and Docker\n",
    )
    nlp = build_nlp(user_taxonomy=path)
    (result,) = extract_batch([posting], nlp)
    found = {(m.skill_id, m.category, m.text) for m in result.skills}
    assert ("quuxflow", "ml_frameworks", "Quux Flow") in found
    assert pipeline_taxonomy(user_taxonomy=path).by_id["quuxflow"].name == "Quuxflow"


def test_changed_forms_are_those_of_added_removed_and_changed_skills(tmp_path: Path) -> None:
    old = load_user_taxonomy(write(tmp_path / "old.toml", QUUX)).skills
    new_text = QUUX.replace('"Quux Flow"', '"QFlow"') + (
        '\n[[skill]]\nid = "zorblet"\nname = "Zorblet"\ncategory = "mlops"\n'
    )
    new = load_user_taxonomy(write(tmp_path / "new.toml", new_text)).skills
    assert changed_forms(skills_json(old), skills_json(old)) == ()
    assert set(changed_forms(skills_json(old), skills_json(new))) == {
        "Quuxflow",
        "Quux Flow",
        "QFlow",
        "Zorblet",
    }
    assert set(changed_forms(skills_json(new), "[]")) == {"Quuxflow", "QFlow", "Zorblet"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We use quux flow daily", True),
        ("We use Quux\n  Flow daily", True),  # across a line break
        ("We use QuuxFlow daily", True),  # without the space: a superset
        ("We use Quux\u2011Flow", True),  # each word is there: a superset again
        ("Quux at work, flowing", True),
        ("data, tensor and pipeline parallelism", True),  # an elided head
        ("GPT - 4o", True),
        ("Quux alone", False),
        ("Tensor cores", False),
    ],
)
def test_the_form_finder_errs_on_the_side_of_finding(text: str, found: bool) -> None:
    finder = FormFinder(["Quux Flow", "Tensor Parallelism", "GPT\u20104o"])
    assert finder.finds(text) is found


def test_worker_processes_read_the_user_file_too(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.toml", QUUX)
    postings = [
        PostingText(key=str(i), title="ML Engineer", text=f"Requirements\n- Quuxflow and Go {i}")
        for i in range(4)
    ]
    found = extract_parallel(iter(postings), workers=2, chunk_size=1, user_taxonomy=path)
    assert [[m.skill_id for m in e.skills if m.skill_id == "quuxflow"] for e in found] == [
        ["quuxflow"]
    ] * 4
