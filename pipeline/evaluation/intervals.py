"""95% bootstrap intervals for the figures of an evaluation.

The postings are resampled with replacement `RESAMPLES` times (with a fixed seed, so the same
evaluation always prints the same intervals) and every figure is recomputed on each resample from
the postings' own shares (`PostingScore`); an interval runs from the 2.5th to the 97.5th
percentile. Postings, not mentions, are resampled: mentions of one posting are not independent.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from jobtrends.pipeline.evaluation.scoring import Confusion, Counts, Evaluation, PostingScore

RESAMPLES = 1000
SEED = 20261207
Array = npt.NDArray[np.float64]
Figure = tuple[float, float, float]  # (value, low, high)


@dataclass(frozen=True, slots=True)
class Intervals:
    headline: dict[str, Figure]
    by_category: dict[str, dict[str, Figure]]
    by_kind: dict[str, dict[str, Figure]]


def bootstrap(result: Evaluation, resamples: int = RESAMPLES, seed: int = SEED) -> Intervals:
    """The intervals of `result`'s headline, per-category and per-kind figures."""
    scores = result.per_posting
    if not scores:
        return Intervals({}, {}, {})
    picks = np.random.default_rng(seed).integers(0, len(scores), size=(resamples, len(scores)))

    def resampled(values: Sequence[float]) -> Array:
        summed: Array = np.asarray(values, dtype=np.float64)[picks].sum(axis=1)
        return summed

    def figure(value: float, samples: Array) -> Figure:
        low, high = np.percentile(samples, [2.5, 97.5])
        return (round(value, 4), round(float(low), 4), round(float(high), 4))

    def counts_figures(point: Counts, pick: Callable[[PostingScore], Counts]) -> dict[str, Figure]:
        tp, fp, fn = (resampled([getattr(pick(s), name) for s in scores]) for name in _COUNTS)
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        f1 = _ratio(2 * precision * recall, precision + recall)
        return {
            "precision": figure(point.precision, precision),
            "recall": figure(point.recall, recall),
            "f1": figure(point.f1, f1),
        }

    skills = counts_figures(result.overall, lambda s: s.skills)
    headline = {f"skill_{name}": value for name, value in skills.items()}
    top = counts_figures(result.top_skills, lambda s: s.top_skills)
    headline["top_skill_recall"] = top["recall"]
    for name, confusion in result.attributes.items():
        right = resampled([float(g == p) for g, p in (s.attributes[name] for s in scores)])
        headline[f"{name}_accuracy"] = figure(confusion.accuracy, right / len(scores))
    headline["role_macro_f1"] = figure(
        result.attributes["role"].macro_f1, _macro_f1(scores, picks, result.attributes["role"])
    )
    labeled = resampled([float(s.salary is not None) for s in scores])
    if labeled.any():
        exact = resampled([float(s.salary == "exact") for s in scores])
        headline["salary_exact"] = figure(result.salary_exact, _ratio(exact, labeled))
    return Intervals(
        headline,
        {
            category: counts_figures(point, functools.partial(_in_category, category))
            for category, point in result.by_category.items()
        },
        {
            kind: counts_figures(point, functools.partial(_of_kind, kind))
            for kind, point in result.by_kind.items()
        },
    )


def _in_category(category: str, score: PostingScore) -> Counts:
    return score.by_category.get(category, _NOTHING)


def _of_kind(kind: str, score: PostingScore) -> Counts:
    return score.skills if score.kind == kind else _NOTHING


_COUNTS = ("tp", "fp", "fn")
_NOTHING = Counts()


def _ratio(top: Array, bottom: Array) -> Array:
    return np.divide(top, bottom, out=np.zeros_like(top), where=bottom > 0)


def _macro_f1(
    scores: Sequence[PostingScore], picks: npt.NDArray[np.int64], role: Confusion
) -> Array:
    labels: Sequence[str] = role.labels
    pairs = [s.attributes["role"] for s in scores]
    gold = np.array([[g == label for label in labels] for g, _ in pairs], dtype=np.float64)
    predicted = np.array([[p == label for label in labels] for _, p in pairs], dtype=np.float64)
    hits = gold * predicted
    gold_n, predicted_n, hits_n = (m[picks].sum(axis=1) for m in (gold, predicted, hits))
    f1 = _ratio(2 * hits_n, gold_n + predicted_n)
    present = gold_n > 0
    return _ratio((f1 * present).sum(axis=1), present.sum(axis=1).astype(np.float64))


def interval_text(figure: Figure | None, value: float | None = None) -> str:
    """ "0.946 [0.930, 0.961]" (the value alone when there is no interval)."""
    if figure is None:
        return "" if value is None else f"{value:.3f}"
    return f"{figure[0]:.3f} [{figure[1]:.3f}, {figure[2]:.3f}]"


def as_json(intervals: Intervals) -> Mapping[str, object]:
    return {
        "resamples": RESAMPLES,
        "headline": intervals.headline,
        "by_category": intervals.by_category,
        "by_kind": intervals.by_kind,
    }
