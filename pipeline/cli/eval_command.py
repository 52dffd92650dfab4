"""`jobtrends eval`: score the extraction on the hand-labeled evaluation set, print the figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from jobtrends.pipeline.evaluation.scoring import Confusion, Counts, Evaluation, SkillError

DEFAULT_ERRORS = 15
_CORNER = "gold \\ predicted"


@click.command(name="eval")
@click.option(
    "--set",
    "set_paths",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="An evaluation JSONL file (repeatable; default: every packaged set).",
)
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.option(
    "--errors",
    "max_errors",
    type=click.IntRange(min=0),
    default=DEFAULT_ERRORS,
    show_default=True,
    help="How many skill errors (false positives/negatives) to list.",
)
def eval_command(set_paths: tuple[Path, ...], as_json: bool, max_errors: int) -> None:
    """Score skills, role, seniority and remote on the hand-labeled evaluation set.

    Prints precision, recall and F1 overall, per category and per posting kind, negation accuracy,
    role / seniority / remote accuracy with confusion matrices (rows gold, columns predicted), and
    the most frequent skill errors with their line.
    """
    # Deferred for start-up time: scoring runs spaCy, which takes ~0.3 s to import; the other
    # commands start without it.
    from jobtrends.pipeline.evaluation import evaluate, evaluation_json, load_eval_set

    postings = load_eval_set(list(set_paths) or None)
    result = evaluate(postings)
    if as_json:
        click.echo(json.dumps(evaluation_json(result, max_errors), indent=2, ensure_ascii=False))
        return
    for line in render(result, max_errors):
        click.echo(line)


def render(result: Evaluation, max_errors: int) -> list[str]:
    """The evaluation as readable text tables."""
    lines = [f"{result.postings} postings evaluated", "", "Skill mentions"]
    lines += _counts_table("", {"overall": result.overall})
    lines += ["", "By category", *_counts_table("category", result.by_category)]
    lines += ["", "By kind", *_counts_table("kind", result.by_kind)]
    lines += [
        "",
        f"Negation on matched mentions: {result.negation_correct}/{result.negation_matched} "
        f"correct ({result.negation_accuracy:.3f})",
    ]
    for name, confusion in result.attributes.items():
        lines += ["", f"{name.capitalize()} accuracy: {confusion.accuracy:.3f}"]
        lines += _confusion_table(confusion)
    shown = result.errors[:max_errors]
    if shown:
        lines += ["", f"Skill errors ({len(shown)} of {len(result.errors)}, most frequent first)"]
        lines += [_error_line(error) for error in shown]
    return lines


def _counts_table(label: str, rows: dict[str, Counts]) -> list[str]:
    width = max([len(label), *(len(name) for name in rows)])
    head = f"  {label:<{width}}  {'tp':>5} {'fp':>5} {'fn':>5}  {'prec':>6} {'recall':>6} {'f1':>6}"
    out = [head]
    for name, c in rows.items():
        out.append(
            f"  {name:<{width}}  {c.tp:>5} {c.fp:>5} {c.fn:>5}  "
            f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}"
        )
    return out


def _confusion_table(confusion: Confusion) -> list[str]:
    """Rows gold, columns predicted; labels that occur nowhere are left out."""
    matrix = confusion.matrix()
    used = [
        label
        for label in confusion.labels
        if sum(matrix[label].values()) or sum(row[label] for row in matrix.values())
    ]
    width = max(len(_CORNER), *(len(label) for label in used))
    columns = [max(5, len(label)) for label in used]
    out = [
        f"  {_CORNER:<{width}}  "
        + " ".join(f"{label:>{w}}" for label, w in zip(used, columns, strict=True))
    ]
    for gold in used:
        cells = " ".join(
            f"{matrix[gold][predicted]:>{w}}" for predicted, w in zip(used, columns, strict=True)
        )
        out.append(f"  {gold:<{width}}  {cells}")
    return out


def _error_line(error: SkillError) -> str:
    tag = "FP" if error.error == "false_positive" else "FN"
    words = repr(error.text)
    return f"  {tag} {error.skill_id:<24} {error.posting:<6} {words:<22} | {error.line[:110]}"
