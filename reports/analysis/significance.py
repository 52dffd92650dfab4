"""Significance tests behind the rising/falling list and the claims check.

Plain functions of counts (no pandas): two-proportion z statistics, normal and exact binomial tail
probabilities, McNemar's exact test for two skills asked for in the same postings, and the
Benjamini-Hochberg adjustment. One-sided p-values test "greater than" alternatives; two-sided ones
say so in their names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# The one significance level of the site: claims need p < ALPHA, rising/falling skills q < ALPHA.
ALPHA = 0.05


def normal_two_sided_p(z: float) -> float:
    """P(|Z| >= |z|) for a standard normal Z."""
    return math.erfc(abs(z) / math.sqrt(2.0))


def normal_upper_p(z: float) -> float:
    """P(Z >= z) for a standard normal Z: the one-sided p-value of a positive z statistic."""
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def two_proportion_z(k1: int, n1: int, k2: int, n2: int) -> float:
    """Pooled two-proportion z statistic for k2/n2 against k1/n1 (0 when undefined)."""
    if n1 == 0 or n2 == 0:
        return 0.0
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return 0.0 if se == 0 else (k2 / n2 - k1 / n1) / se


def binomial_at_least_p(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p), summed exactly in log space (stable for large n).

    The one-sided p-value of k successes in n trials against "the true share is at most p".
    """
    if n < 0 or k < 0 or not 0.0 <= p <= 1.0:
        raise ValueError(f"need n >= 0, k >= 0 and 0 <= p <= 1, got k={k}, n={n}, p={p}")
    if k == 0:
        return 1.0
    if k > n or p == 0.0:
        return 0.0
    if p == 1.0:
        return 1.0
    log_p, log_q = math.log(p), math.log1p(-p)
    log_n = math.lgamma(n + 1)
    terms = [
        log_n - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q
        for i in range(k, n + 1)
    ]
    top = max(terms)
    total = math.exp(top) * math.fsum(math.exp(t - top) for t in terms)
    return min(1.0, total)


def mcnemar_greater_p(only_first: int, only_second: int) -> float:
    """One-sided exact McNemar test that the first of two paired yes/no answers is more often yes.

    For two skills counted in the same postings, `only_first` postings ask for the first skill but
    not the second and `only_second` the reverse; postings asking for both or neither carry no
    information. Under the null each discordant posting is a fair coin. 1.0 when none disagree.
    """
    return binomial_at_least_p(only_first, only_first + only_second, 0.5)


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (q-values), in the order given."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = running
    return adjusted
