"""Significance tests on counts small enough to check by hand."""

from __future__ import annotations

import math

import pytest

from jobtrends.reports.analysis import significance as sig


def test_two_proportion_z_matches_hand_computation() -> None:
    # pooled 0.175, se sqrt(0.175 * 0.825 * 0.02) = 0.053735, z = 0.15 / se
    z = sig.two_proportion_z(10, 100, 25, 100)
    assert z == pytest.approx(2.79145, abs=1e-4)
    assert sig.normal_two_sided_p(z) == pytest.approx(0.005248, abs=1e-5)
    assert sig.normal_upper_p(z) == pytest.approx(0.005248 / 2, abs=1e-5)
    assert sig.normal_two_sided_p(0.0) == 1.0
    assert sig.two_proportion_z(0, 10, 0, 10) == 0.0


def test_normal_upper_tail() -> None:
    assert sig.normal_upper_p(0.0) == 0.5
    assert sig.normal_upper_p(1.6448536) == pytest.approx(0.05, abs=1e-7)
    assert sig.normal_upper_p(-1.6448536) == pytest.approx(0.95, abs=1e-7)


def test_binomial_upper_tail_matches_hand_sums() -> None:
    assert sig.binomial_at_least_p(3, 3, 0.5) == pytest.approx(1 / 8)
    assert sig.binomial_at_least_p(2, 4, 0.5) == pytest.approx(11 / 16)  # (6 + 4 + 1) / 16
    assert sig.binomial_at_least_p(8, 10, 0.5) == pytest.approx(56 / 1024)  # (45 + 10 + 1)
    assert sig.binomial_at_least_p(2, 3, 0.2) == pytest.approx(3 * 0.04 * 0.8 + 0.008)
    assert sig.binomial_at_least_p(0, 5, 0.3) == 1.0
    assert sig.binomial_at_least_p(6, 5, 0.3) == 0.0
    assert sig.binomial_at_least_p(1, 5, 0.0) == 0.0
    assert sig.binomial_at_least_p(5, 5, 1.0) == 1.0
    with pytest.raises(ValueError):
        sig.binomial_at_least_p(1, 5, 1.5)


def test_binomial_tail_is_stable_for_large_samples() -> None:
    # 5,200 of 10,000 against 0.5: z = (5200 - 0.5 - 5000) / 50 = 3.99 with continuity correction
    exact = sig.binomial_at_least_p(5200, 10_000, 0.5)
    normal = 0.5 * math.erfc(3.99 / math.sqrt(2))
    assert exact == pytest.approx(normal, rel=0.05)
    assert sig.binomial_at_least_p(60_000, 100_000, 0.5) < 1e-100
    assert sig.binomial_at_least_p(40_000, 100_000, 0.5) == pytest.approx(1.0)


def test_mcnemar_counts_only_discordant_postings() -> None:
    assert sig.mcnemar_greater_p(9, 1) == pytest.approx(11 / 1024)  # P(X >= 9 | 10, 1/2)
    assert sig.mcnemar_greater_p(1, 9) == pytest.approx(1 - 1 / 1024)  # P(X >= 1 | 10, 1/2)
    assert sig.mcnemar_greater_p(0, 0) == 1.0


def test_benjamini_hochberg() -> None:
    # sorted p: 0.01, 0.02, 0.04 with m = 3 -> 0.03, 0.03, 0.04 (monotone from the top)
    assert sig.benjamini_hochberg([0.04, 0.01, 0.02]) == pytest.approx([0.04, 0.03, 0.03])
