"""Demand curves over the corpus timeline, and weighted draws from a pool of skills.

A trend is a tuple of knots `(t, weight)`, linear in between; t = 0 is the first month of the
corpus and t = 1 the last. A weight of 0 keeps an item out of every draw at that time.
"""

from __future__ import annotations

from itertools import pairwise
from random import Random

Trend = tuple[tuple[float, float], ...]


def flat(weight: float) -> Trend:
    return ((0.0, weight), (1.0, weight))


def ramp(start: float, end: float) -> Trend:
    return ((0.0, start), (1.0, end))


def late(begin: float, full: float, top: float) -> Trend:
    """Absent until `begin`, then rising to `top` at `full`, then holding."""
    return ((0.0, 0.0), (begin, 0.0), (full, top), (1.0, top))


def level(trend: Trend, t: float) -> float:
    if t <= trend[0][0]:
        return trend[0][1]
    for (t0, w0), (t1, w1) in pairwise(trend):
        if t <= t1:
            return w0 + (w1 - w0) * (t - t0) / (t1 - t0)
    return trend[-1][1]


def draw_skills(
    pool: dict[str, Trend], t: float, count: int, rng: Random, exclude: frozenset[str] = frozenset()
) -> list[str]:
    """Weighted draw without replacement (Efraimidis-Spirakis keys); the pool's order is fixed."""
    keyed: list[tuple[float, str]] = []
    for name, trend in pool.items():
        weight = level(trend, t)
        if weight <= 0.0 or name in exclude:
            continue
        keyed.append((rng.random() ** (1.0 / weight), name))
    keyed.sort(reverse=True)
    return [name for _, name in keyed[:count]]
