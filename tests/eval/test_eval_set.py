"""The evaluation-set format: a valid file loads into resolved spans; every kind of mistake is a
loud `InputError` naming the file, the line and the posting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.evaluation.sets import load_eval_set, parse_eval_lines

SKILLS = {"python": object(), "go": object(), "pytorch": object()}


def posting(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "t001",
        "title": "Backend Engineer",
        "company": "Acme",
        "kind": "ats",
        "text": "Requirements\n- Python and Go\n- More Python, please",
        "role": "other",
        "seniority": "unknown",
        "remote": "unknown",
        "skills": [
            {"id": "python", "text": "Python", "occurrence": 1, "negated": False},
            {"id": "go", "text": "Go", "occurrence": 1, "negated": False},
            {"id": "python", "text": "Python", "occurrence": 2, "negated": True},
        ],
        "notes": "",
    }
    record.update(changes)
    return record


def parse(*records: dict[str, Any]) -> list[Any]:
    return parse_eval_lines([json.dumps(r) for r in records], "set.jsonl", SKILLS)


def label(**changes: Any) -> dict[str, Any]:
    return {"id": "python", "text": "Python", "occurrence": 1, "negated": False, **changes}


def test_a_valid_posting_resolves_each_label_to_its_span() -> None:
    (gold,) = parse(posting())
    text = gold.text
    assert [(m.skill_id, text[m.start : m.end], m.negated) for m in gold.skills] == [
        ("python", "Python", False),
        ("go", "Go", False),
        ("python", "Python", True),
    ]
    second = gold.skills[2]
    assert second.start == text.index("Python", text.index("Python") + 1)
    assert gold.source == "set.jsonl"


def test_labels_are_kept_in_reading_order() -> None:
    labels = posting()["skills"]
    (gold,) = parse(posting(skills=[labels[2], labels[0], labels[1]]))
    assert [m.start for m in gold.skills] == sorted(m.start for m in gold.skills)


def test_occurrence_is_case_sensitive() -> None:
    record = posting(text="python first, then Python", skills=[label()])
    (gold,) = parse(record)
    assert gold.skills[0].start == record["text"].index("Python")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"skills": [label(occurrence=3)]}, "skills[0]: 'Python' occurs fewer than 3 time(s)"),
        ({"skills": [label(text="Rust")]}, "'Rust' occurs fewer than 1 time(s)"),
        ({"skills": [label(occurrence=0)]}, "skills[0].occurrence: got 0, expected a number >= 1"),
        ({"skills": [label(id="tensorflow")]},
         'skills[0].id: got "tensorflow", expected a skill id of the taxonomy'),
        ({"role": "prompt_wizard"}, 'role: got "prompt_wizard", expected one of ml_engineer'),
        ({"seniority": "godlike"}, 'seniority: got "godlike", expected one of intern'),
        ({"remote": "mars"}, 'remote: got "mars", expected one of remote'),
        ({"kind": "tweet"}, 'kind: got "tweet", expected one of ats'),
        ({"skills": [label(occurrence=True)]}, "occurrence: got True, expected an integer"),
        ({"skills": [label(occurrence=1.0)]}, "occurrence: got 1.0, expected an integer"),
        ({"skills": [label(negated="no")]}, 'negated: got "no", expected a boolean'),
        ({"skills": [label(text="")]}, 'skills[0].text: got "", expected non-empty text'),
        ({"skills": [{"id": "python", "text": "Python"}]}, "skills[0].occurrence: missing"),
        ({"skills": [label(span=[0, 6])]}, "skills[0].span: unknown key"),
        ({"skills": ["Python"]}, 'skills[0]: got "Python", expected a table'),
        ({"skills": "Python"}, 'skills: got "Python", expected a list'),
        ({"extra": 1}, "extra: unknown key"),
        ({"title": None}, "title: got None, expected a string"),
        ({"notes": 3}, "notes: got 3, expected a string"),
    ],
)  # fmt: skip
def test_mistakes_name_the_posting_and_what_is_wrong(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse(posting(**changes))
    assert str(caught.value).startswith("set.jsonl:1: posting t001")
    assert message in str(caught.value)


def test_a_missing_field_is_named() -> None:
    record = posting()
    del record["remote"]
    with pytest.raises(InputError, match=r"posting t001: remote: missing; it is required"):
        parse(record)


def test_an_empty_posting_id_is_named_by_its_line() -> None:
    with pytest.raises(InputError, match=r'^set.jsonl:1: id: got "", expected non-empty text'):
        parse(posting(id=""))


def test_overlapping_labels_are_rejected() -> None:
    record = posting(
        text="We use PyTorch daily",
        skills=[
            {"id": "pytorch", "text": "PyTorch", "occurrence": 1, "negated": False},
            {"id": "python", "text": "Torch", "occurrence": 1, "negated": False},
        ],
    )
    with pytest.raises(InputError, match="overlap"):
        parse(record)


def test_bad_json_and_non_objects_name_the_line() -> None:
    lines = [json.dumps(posting()), "", "{not json", "[1, 2]"]
    with pytest.raises(InputError, match=r"set.jsonl:3: not valid JSON"):
        parse_eval_lines(lines, "set.jsonl", SKILLS)
    with pytest.raises(InputError, match=r"set.jsonl:2: each line must be a JSON object"):
        parse_eval_lines([json.dumps(posting()), "[1, 2]"], "set.jsonl", SKILLS)


def test_ids_are_unique_across_files(tmp_path: Path) -> None:
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first.write_text(json.dumps(posting()) + "\n", encoding="utf-8")
    second.write_text(json.dumps(posting()) + "\n", encoding="utf-8")
    assert [p.id for p in load_eval_set([first])] == ["t001"]
    with pytest.raises(InputError, match=r"posting id 't001' is already used in .*one.jsonl"):
        load_eval_set([first, second])


def test_an_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the evaluation file"):
        load_eval_set([tmp_path / "missing.jsonl"])
