"""How well `role_confidence` is calibrated: a reliability table (`jobtrends eval` prints it).

Postings are put in bins by the confidence of their predicted role; a calibrated confidence has,
in each bin, an accuracy close to the bin's mean confidence.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from jobtrends.pipeline.evaluation.scoring import PostingScore

EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


@dataclass(frozen=True, slots=True)
class Bin:
    low: float
    high: float
    postings: int
    mean_confidence: float
    accuracy: float


def reliability(scores: Sequence[PostingScore]) -> list[Bin]:
    """One row per confidence bin that holds a posting."""
    rows = []
    for low, high in itertools.pairwise(EDGES):
        inside = [s for s in scores if low <= s.role_confidence < high]
        if not inside:
            continue
        right = sum(s.attributes["role"][0] == s.attributes["role"][1] for s in inside)
        mean = sum(s.role_confidence for s in inside) / len(inside)
        rows.append(
            Bin(low, min(high, 1.0), len(inside), round(mean, 3), round(right / len(inside), 3))
        )
    return rows


def expected_calibration_error(scores: Sequence[PostingScore]) -> float:
    """The postings-weighted mean gap between accuracy and mean confidence over the bins."""
    total = len(scores)
    if not total:
        return 0.0
    gaps = sum(b.postings * abs(b.accuracy - b.mean_confidence) for b in reliability(scores))
    return round(gaps / total, 3)
