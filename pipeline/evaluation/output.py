"""`jobtrends eval --json`: an evaluation as plain JSON-ready data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict

from jobtrends.pipeline.evaluation.calibration import expected_calibration_error, reliability
from jobtrends.pipeline.evaluation.scoring import Evaluation, SkillError


def evaluation_json(result: Evaluation, max_errors: int) -> dict[str, object]:
    """The evaluation as plain JSON-ready data, with at most `max_errors` errors listed."""
    return {
        "postings": result.postings,
        "skills": {
            "overall": result.overall.as_dict(),
            "by_category": {k: c.as_dict() for k, c in result.by_category.items()},
            "by_kind": {k: c.as_dict() for k, c in result.by_kind.items()},
            "negation": {
                "matched": result.negation_matched,
                "correct": result.negation_correct,
                "accuracy": round(result.negation_accuracy, 4),
            },
        },
        **{
            name: {
                "accuracy": round(confusion.accuracy, 4),
                "labels": list(confusion.labels),
                "confusion": confusion.matrix(),
            }
            for name, confusion in result.attributes.items()
        },
        "top_skills": result.top_skills.as_dict(),
        "role_macro_f1": round(result.attributes["role"].macro_f1, 4),
        "role_reliability": {
            "calibration_error": expected_calibration_error(result.per_posting),
            "bins": [asdict(b) for b in reliability(result.per_posting)],
        },
        "salary": {
            "outcomes": dict(sorted(result.salary.items())),
            "exact": round(result.salary_exact, 4),
            "errors": [
                {"posting": p, "outcome": what, "gold": gold, "predicted": got}
                for p, what, gold, got in result.salary_errors
            ],
        },
        "errors": [_error_json(e) for e in result.errors[: max(0, max_errors)]],
        "error_count": len(result.errors),
        "attribute_errors": [
            {"posting": posting, "attribute": name, "gold": gold, "predicted": predicted}
            for posting, name, gold, predicted in result.attribute_errors
        ],
    }


def _error_json(error: SkillError) -> Mapping[str, object]:
    return {
        "posting": error.posting,
        "kind": error.kind,
        "error": error.error,
        "skill": error.skill_id,
        "text": error.text,
        "start": error.start,
        "line": error.line,
    }
