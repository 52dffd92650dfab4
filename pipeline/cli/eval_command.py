"""`jobtrends eval`: score the extraction on a labeled evaluation set (by default the frozen test
split of the real-posting corpus) and print every figure with its 95% bootstrap interval."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from jobtrends.pipeline.evaluation import GoldPosting
    from jobtrends.pipeline.evaluation.intervals import Figure, Intervals
    from jobtrends.pipeline.evaluation.scoring import Confusion, Counts, Evaluation, SkillError

DEFAULT_ERRORS = 15
_CORNER = "gold \\ predicted"


@click.command(name="eval")
@click.option(
    "--set",
    "set_names",
    multiple=True,
    metavar="NAME|FILE",
    help="test (the default: the frozen test split of the real-posting corpus), dev, real (both "
    "splits), written (the sets written for the project) or a JSONL file; repeatable.",
)
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.option(
    "--cross-check",
    is_flag=True,
    help="Instead of scoring, list every taxonomy name in the set's texts that no label covers.",
)
@click.option(
    "--errors",
    "max_errors",
    type=click.IntRange(min=0),
    default=DEFAULT_ERRORS,
    show_default=True,
    help="How many skill errors (false positives/negatives) to list.",
)
def eval_command(
    set_names: tuple[str, ...], as_json: bool, cross_check: bool, max_errors: int
) -> None:
    """Score skills, role, seniority, remote and salary on a labeled evaluation set.

    Prints precision, recall and F1 overall, per category and per posting kind, recall on the
    100 most often labeled skills, negation accuracy, role / seniority / remote accuracy with
    confusion matrices (rows gold, columns predicted) and role macro-F1, salary exactness, each
    with its 95% bootstrap interval, then the most frequent skill errors with their line.
    """
    # Deferred for start-up time: scoring runs spaCy, which takes ~0.3 s to import; the other
    # commands start without it.
    from jobtrends.pipeline.evaluation import (
        bootstrap,
        evaluation_json,
        intervals_json,
        load_eval_set,
        set_files,
    )

    # Deferred for start-up time too: it imports the extraction.
    from jobtrends.pipeline.evaluation.new_terms_score import (
        candidates_json,
        candidates_lines,
        evaluate_with_candidates,
    )

    postings = load_eval_set(set_files(set_names))
    if cross_check:
        _print_flags(postings)
        return
    result, candidates = evaluate_with_candidates(postings)
    intervals = bootstrap(result)
    if as_json:
        data = {**evaluation_json(result, max_errors), "intervals": intervals_json(intervals)}
        data["candidates"] = candidates_json(candidates)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    label = ", ".join(set_names) or "test"
    for line in [*render(result, max_errors, intervals, label), *candidates_lines(candidates)]:
        click.echo(line)


def _print_flags(postings: list[GoldPosting]) -> None:
    # Deferred for start-up time, like the imports of eval_command.
    from jobtrends.pipeline.evaluation.crosscheck import unlabeled_names
    from jobtrends.pipeline.nlp.taxonomy import load_taxonomy

    flags = list(unlabeled_names(postings, load_taxonomy()))
    for flag in flags:
        click.echo(f"{flag.posting:<10} {flag.skill_id:<24} {flag.words!r:<22} | {flag.line}")
    click.echo(f"{len(flags)} unlabeled taxonomy name(s) in {len(postings)} postings")


def render(
    result: Evaluation, max_errors: int, intervals: Intervals | None = None, label: str = ""
) -> list[str]:
    """The evaluation as readable text tables (with 95% intervals when given)."""
    spread = intervals.headline if intervals else {}
    named = f" (set: {label})" if label else ""
    lines = [
        f"{result.postings} postings evaluated{named}",
        "",
        "Headline (95% bootstrap interval)",
    ]
    lines += [f"  {name:<20} {_figure(figure)}" for name, figure in spread.items()]
    lines += ["", "Skill mentions"]
    lines += _counts_table("", {"overall": result.overall})
    top = result.top_skills
    lines += [
        f"  recall on the 100 most labeled skills: {top.recall:.3f} (tp {top.tp}, fn {top.fn})"
    ]
    lines += [
        "",
        "By category",
        *_counts_table(
            "category", result.by_category, intervals.by_category if intervals else None
        ),
    ]
    lines += [
        "",
        "By kind",
        *_counts_table("kind", result.by_kind, intervals.by_kind if intervals else None),
    ]
    lines += [
        "",
        f"Negation on matched mentions: {result.negation_correct}/{result.negation_matched} "
        f"correct ({result.negation_accuracy:.3f})",
    ]
    for name, confusion in result.attributes.items():
        lines += ["", f"{name.capitalize()} accuracy: {confusion.accuracy:.3f}"]
        if name == "role":
            lines += [f"Role macro-F1: {confusion.macro_f1:.3f}", *_reliability(result)]
        lines += _confusion_table(confusion)
    if result.salary:
        outcomes = ", ".join(f"{k} {n}" for k, n in sorted(result.salary.items()))
        lines += ["", f"Salary exact: {result.salary_exact:.3f} ({outcomes})"]
        lines += [
            f"  {p:<10} {what:<8} gold {g} | predicted {q}"
            for p, what, g, q in result.salary_errors
        ]
    shown = result.errors[:max_errors]
    if shown:
        lines += ["", f"Skill errors ({len(shown)} of {len(result.errors)}, most frequent first)"]
        lines += [_error_line(error) for error in shown]
    return lines


def _counts_table(
    label: str, rows: dict[str, Counts], spread: dict[str, dict[str, Figure]] | None = None
) -> list[str]:
    width = max([len(label), *(len(name) for name in rows)])
    head = f"  {label:<{width}}  {'tp':>5} {'fp':>5} {'fn':>5}  {'prec':>6} {'recall':>6} {'f1':>6}"
    out = [head + ("   f1 95% interval" if spread else "")]
    for name, c in rows.items():
        line = (
            f"  {name:<{width}}  {c.tp:>5} {c.fp:>5} {c.fn:>5}  "
            f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}"
        )
        f1 = (spread or {}).get(name, {}).get("f1")
        out.append(line + (f"   [{f1[1]:.3f}, {f1[2]:.3f}]" if f1 else ""))
    return out


def _reliability(result: Evaluation) -> list[str]:
    # Deferred for start-up time, like the imports of eval_command.
    from jobtrends.pipeline.evaluation.calibration import expected_calibration_error, reliability

    scores = result.per_posting
    lines = [
        f"Role confidence reliability (calibration error {expected_calibration_error(scores)})"
    ]
    lines += ["  confidence   postings  mean  accuracy"]
    lines += [
        f"  {b.low:.1f}-{b.high:.1f}    {b.postings:>8}  {b.mean_confidence:.3f}  {b.accuracy:.3f}"
        for b in reliability(scores)
    ]
    return lines


def _figure(figure: Figure) -> str:
    return f"{figure[0]:.3f} [{figure[1]:.3f}, {figure[2]:.3f}]"


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
