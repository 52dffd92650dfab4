"""Scoring on a tiny set whose figures are computed by hand in the comments."""

from __future__ import annotations

import json
from typing import Any

import pytest

from jobtrends.pipeline.evaluation.output import evaluation_json
from jobtrends.pipeline.evaluation.scoring import Evaluation, evaluate, score
from jobtrends.pipeline.evaluation.sets import GoldPosting, parse_eval_lines
from jobtrends.pipeline.nlp.taxonomy import load_taxonomy
from jobtrends.pipeline.results import Extraction, SkillMention

TEXT_1 = "Python, Go and PyTorch. No Kubernetes needed. Python again."
TEXT_2 = "Go team. We write Go."
LANG = "programming_languages"


def gold_set() -> list[GoldPosting]:
    def record(pid: str, kind: str, text: str, role: str, skills: list[Any]) -> str:
        return json.dumps(
            {
                "id": pid, "title": "Engineer", "company": "Acme", "kind": kind, "text": text,
                "role": role, "seniority": "senior", "remote": "remote", "notes": "",
                "skills": [
                    {"id": s, "text": t, "occurrence": n, "negated": neg} for s, t, n, neg in skills
                ],
            }
        )  # fmt: skip

    lines = [
        record(
            "p1",
            "ats",
            TEXT_1,
            "llm_engineer",
            [
                ("python", "Python", 1, False),
                ("go", "Go", 1, False),
                ("pytorch", "PyTorch", 1, False),
                ("kubernetes", "Kubernetes", 1, True),
            ],
        ),
        record("p2", "hn", TEXT_2, "other", [("go", "Go", 2, False)]),
        record("p3", "ats", "Nothing to see.", "ml_engineer", []),
    ]
    return parse_eval_lines(lines, "tiny.jsonl", load_taxonomy().by_id)


def mention(skill_id: str, category: str, text: str, start: int, negated: bool = False) -> Any:
    end = start + 2  # predicted spans need only overlap the gold span
    return SkillMention(skill_id, skill_id, category, text[start:end], start, end, "general",
                        negated, False)  # fmt: skip


def extraction(key: str, role: str, skills: list[SkillMention]) -> Extraction:
    return Extraction(key, role, 0.5, "senior", "remote", None, "en", tuple(skills))


@pytest.fixture(scope="module")
def result() -> Evaluation:
    second_go = TEXT_2.index("Go", 1)
    kubernetes = TEXT_1.index("Kubernetes")
    predicted = [
        extraction(
            "p1",
            "llm_engineer",
            [
                mention("python", LANG, TEXT_1, 0),  # TP
                mention("go", LANG, TEXT_1, 7),  # TP (Go)
                # PyTorch is missed: FN
                mention("kubernetes", "cloud_devops", TEXT_1, kubernetes),  # TP, negation wrong
                mention("python", LANG, TEXT_1, TEXT_1.rindex("Python")),  # FP: unlabeled
            ],
        ),
        extraction(
            "p2",
            "ai_application_developer",
            [
                mention("go", LANG, TEXT_2, 0),  # FP: the first Go is a word
                mention("go", LANG, TEXT_2, second_go),  # TP
                mention("go", LANG, TEXT_2, second_go),  # FP: gold already matched
            ],
        ),
        extraction("p3", "llm_engineer", []),
    ]  # fmt: skip
    return score(gold_set(), predicted)


def test_overall_precision_recall_f1(result: Evaluation) -> None:
    # TP 4 (python, go, kubernetes in p1; go in p2), FP 3, FN 1 (pytorch)
    overall = result.overall
    assert (overall.tp, overall.fp, overall.fn) == (4, 3, 1)
    assert overall.precision == pytest.approx(4 / 7)
    assert overall.recall == pytest.approx(4 / 5)
    assert overall.f1 == pytest.approx(2 * (4 / 7) * (4 / 5) / (4 / 7 + 4 / 5))


def test_per_category_and_per_kind(result: Evaluation) -> None:
    counts = {name: (c.tp, c.fp, c.fn) for name, c in result.by_category.items()}
    assert counts == {
        "cloud_devops": (1, 0, 0),
        "ml_frameworks": (0, 0, 1),
        "programming_languages": (3, 3, 0),
    }
    assert result.by_category["programming_languages"].precision == pytest.approx(0.5)
    assert result.by_category["ml_frameworks"].recall == 0.0
    kinds = {name: (c.tp, c.fp, c.fn) for name, c in result.by_kind.items()}
    assert kinds == {"ats": (3, 1, 1), "hn": (1, 2, 0)}


def test_negation_is_scored_on_matched_mentions(result: Evaluation) -> None:
    assert (result.negation_matched, result.negation_correct) == (4, 3)
    assert result.negation_accuracy == pytest.approx(0.75)


def test_role_confusion_matrix(result: Evaluation) -> None:
    role = result.attributes["role"]
    assert role.accuracy == pytest.approx(1 / 3)
    matrix = role.matrix()
    assert matrix["llm_engineer"]["llm_engineer"] == 1
    assert matrix["other"]["ai_application_developer"] == 1
    assert matrix["ml_engineer"]["llm_engineer"] == 1
    assert sum(sum(row.values()) for row in matrix.values()) == 3
    assert result.attributes["seniority"].accuracy == 1.0
    assert ("p2", "role", "other", "ai_application_developer") in result.attribute_errors


def test_errors_carry_their_line(result: Evaluation) -> None:
    errors = {(e.posting, e.error, e.skill_id, e.text, e.line) for e in result.errors}
    assert errors == {
        ("p1", "false_negative", "pytorch", "PyTorch", TEXT_1),
        ("p1", "false_positive", "python", "Py", TEXT_1),
        ("p2", "false_positive", "go", "Go", TEXT_2),
        ("p2", "false_positive", "go", "Go", TEXT_2),
    }
    # The skill that fails most often comes first.
    assert [e.skill_id for e in result.errors[:2]] == ["go", "go"]


def test_json_lists_at_most_the_errors_asked_for(result: Evaluation) -> None:
    data = evaluation_json(result, max_errors=1)
    assert data["postings"] == 3
    assert data["skills"]["overall"]["tp"] == 4  # type: ignore[index]
    assert len(data["errors"]) == 1  # type: ignore[arg-type]
    assert data["error_count"] == 4
    assert data["role"]["confusion"]["other"]["ai_application_developer"] == 1  # type: ignore[index]


def test_evaluate_runs_the_real_extraction() -> None:
    text = "Requirements\n- Python and PyTorch\n- Experience with Kubernetes"
    line = json.dumps(
        {
            "id": "e1", "title": "ML Engineer", "company": "Acme", "kind": "ats", "text": text,
            "role": "ml_engineer", "seniority": "unknown", "remote": "unknown", "notes": "",
            "skills": [
                {"id": "python", "text": "Python", "occurrence": 1, "negated": False},
                {"id": "pytorch", "text": "PyTorch", "occurrence": 1, "negated": False},
            ],
        }
    )  # fmt: skip
    result = evaluate(parse_eval_lines([line], "one.jsonl", load_taxonomy().by_id))
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (2, 1, 0)
    assert [(e.error, e.skill_id) for e in result.errors] == [("false_positive", "kubernetes")]
