"""The statistics on small frames whose answers were worked out by hand (numbers in comments)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobtrends.reports.analysis import change, cooccurrence, stats

ML, LLM = "ml_engineer", "llm_engineer"
MENTION_COLUMNS = ["posting_id", "skill_id", "section", "negated", "nice_to_have"]


def small_postings() -> pd.DataFrame:
    # Group 1 is posted in January and reposted (posting 2) in February: it counts once, in
    # January. Posting 6 has no month.
    return pd.DataFrame(
        {
            "posting_id": [1, 2, 3, 4, 5, 6],
            "dup_group": [1, 1, 2, 3, 4, 5],
            "month": ["2024-01", "2024-02", "2024-01", "2024-02", "2024-02", None],
            "role": [ML, ML, LLM, ML, LLM, ML],
        }
    )


def small_mentions() -> pd.DataFrame:
    rows = [
        (1, "python", "requirements", False, False),
        (2, "python", "requirements", False, False),  # same job as posting 1
        (2, "pytorch", "nice_to_have", False, False),  # nice-to-have by section
        (3, "python", "about_company", False, False),  # not a demand section
        (3, "pytorch", "requirements", True, False),  # negated
        (3, "rag", "requirements", False, False),
        (4, "python", "general", False, False),
        (4, "pytorch", "requirements", False, True),  # nice-to-have by flag ...
        (4, "pytorch", "responsibilities", False, False),  # ... but also required here
        (5, "rag", "benefits", False, False),  # not a demand section
        (6, "python", "requirements", False, False),
    ]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def as_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def test_wilson_interval_matches_hand_computation() -> None:
    # p = 0.3, z^2 = 3.8416: centre 0.49208 / 1.38416, half 1.96 * sqrt(0.030604) / 1.38416
    low, high = stats.wilson_interval(3, 10)
    assert low == pytest.approx(0.10779, abs=1e-5)
    assert high == pytest.approx(0.60322, abs=1e-5)
    zero_low, zero_high = stats.wilson_interval(0, 10)
    assert zero_low == 0.0
    assert zero_high == pytest.approx(0.27754, abs=1e-5)  # 2 * 0.19208 / 1.38416
    assert stats.wilson_interval(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError, match="0 <= k <= n"):
        stats.wilson_interval(5, 4)


@given(
    st.integers(min_value=1, max_value=10_000).flatmap(
        lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
    )
)
def test_wilson_interval_contains_the_estimate(kn: tuple[int, int]) -> None:
    k, n = kn
    low, high = stats.wilson_interval(k, n)
    assert 0.0 <= low <= k / n <= high <= 1.0


def test_dedup_keeps_the_earliest_posting_of_each_group() -> None:
    groups = stats.dedup_postings(small_postings())
    assert groups["dup_group"].tolist() == [1, 2, 3, 4, 5]
    assert groups["posting_id"].tolist() == [1, 3, 4, 5, 6]
    assert groups.loc[0, "month"] == "2024-01"


def test_demand_pairs_filters_sections_and_negation_and_merges_duplicates() -> None:
    pairs = stats.demand_pairs(small_postings(), small_mentions())
    assert as_records(pairs) == [
        {"dup_group": 1, "skill_id": "python", "required": True},
        {"dup_group": 1, "skill_id": "pytorch", "required": False},
        {"dup_group": 2, "skill_id": "rag", "required": True},
        {"dup_group": 3, "skill_id": "python", "required": True},
        {"dup_group": 3, "skill_id": "pytorch", "required": True},
        {"dup_group": 5, "skill_id": "python", "required": True},
    ]


def test_skill_shares_overall_and_by_role() -> None:
    overall = stats.skill_shares(small_postings(), small_mentions()).set_index("skill_id")
    # 5 jobs; python in jobs 1, 3, 5; pytorch in 1, 3; rag in 2
    assert overall["n"].tolist() == [5, 5, 5]
    assert overall["k"].to_dict() == {"python": 3, "pytorch": 2, "rag": 1}
    assert overall.loc["python", "share"] == pytest.approx(0.6)
    low, high = stats.wilson_interval(3, 5)
    assert overall.loc["python", "ci_low"] == pytest.approx(low)
    assert overall.loc["python", "ci_high"] == pytest.approx(high)

    by_role = stats.skill_shares(small_postings(), small_mentions(), by="role")
    shares = {(r, s): v for r, s, v in by_role[["role", "skill_id", "share"]].itertuples(False)}
    assert shares[("ml_engineer", "python")] == pytest.approx(1.0)
    assert shares[("ml_engineer", "pytorch")] == pytest.approx(2 / 3)
    assert shares[("ml_engineer", "rag")] == 0.0
    assert shares[("llm_engineer", "rag")] == pytest.approx(0.5)
    assert shares[("llm_engineer", "python")] == 0.0


def test_monthly_share_counts_a_job_in_its_first_month_only() -> None:
    monthly = stats.monthly_share(small_postings(), small_mentions(), ["rag", "python"])
    assert as_records(monthly) == [
        {"month": "2024-01", "skill_id": "python", "n": 2, "k": 1, "share": 0.5},
        {"month": "2024-01", "skill_id": "rag", "n": 2, "k": 1, "share": 0.5},
        {"month": "2024-02", "skill_id": "python", "n": 2, "k": 1, "share": 0.5},
        {"month": "2024-02", "skill_id": "rag", "n": 2, "k": 0, "share": 0.0},
    ]
    by_role = stats.monthly_share(small_postings(), small_mentions(), ["python"], by="role")
    assert by_role[["role", "month", "n", "k"]].values.tolist() == [
        ["llm_engineer", "2024-01", 1, 0],
        ["llm_engineer", "2024-02", 1, 0],
        ["ml_engineer", "2024-01", 1, 1],
        ["ml_engineer", "2024-02", 1, 1],
    ]


def test_min_sample_mask() -> None:
    mask = stats.min_sample_mask(pd.Series([29, 30, None, 31]), 30)
    assert mask.tolist() == [False, True, False, True]


def test_month_arithmetic() -> None:
    assert stats.shift_month("2024-01", -1) == "2023-12"
    assert stats.shift_month("2023-07", 6) == "2024-01"
    assert stats.month_range("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]


def trend_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """40 jobs in 2023-01..06 and 40 in 2023-07..12, plus one older job outside both windows.

    alpha: 4 before, 20 recent (rising); beta: 14 before, 4 recent (falling);
    gamma: 1 and 1 (below the minimum count).
    """
    months = [f"2023-{m:02d}" for m in range(1, 13)]
    postings = []
    mentions = []
    for i in range(80):
        month = months[i % 6] if i < 40 else months[6 + i % 6]
        postings.append({"posting_id": i, "dup_group": i, "month": month})
        recent = i >= 40
        j = i - 40 if recent else i
        skills = []
        if j < (20 if recent else 4):
            skills.append("alpha")
        if j < (4 if recent else 14):
            skills.append("beta")
        if j == 39:
            skills.append("gamma")
        mentions += [(i, s, "requirements", False, False) for s in skills]
    postings.append({"posting_id": 999, "dup_group": 999, "month": "2022-12"})
    mentions.append((999, "alpha", "requirements", False, False))
    return pd.DataFrame(postings), pd.DataFrame(mentions, columns=MENTION_COLUMNS)


def test_rising_falling_ranks_by_the_z_test() -> None:
    postings, mentions = trend_frames()
    result = change.rising_falling(postings, mentions, min_count=10, min_n=30)
    assert result["skill_id"].tolist() == ["alpha", "beta"]
    alpha, beta = result.to_dict("records")
    assert (alpha["k_before"], alpha["n_before"], alpha["k_recent"], alpha["n_recent"]) == (
        4,
        40,
        20,
        40,
    )
    # alpha: pooled 0.3, se sqrt(0.3 * 0.7 * 0.05) = 0.102470, z = 0.4 / se
    assert alpha["z"] == pytest.approx(3.90360, abs=1e-4)
    assert alpha["diff"] == pytest.approx(0.4)
    assert alpha["direction"] == "rising"
    # beta: pooled 0.225, se sqrt(0.225 * 0.775 * 0.05) = 0.093374, z = -0.25 / se
    assert beta["z"] == pytest.approx(-2.67740, abs=1e-4)
    assert beta["direction"] == "falling"
    assert beta["p_value"] == pytest.approx(math.erfc(2.67740 / math.sqrt(2)), rel=1e-3)
    assert alpha["q_value"] == pytest.approx(2 * alpha["p_value"])
    assert beta["q_value"] == pytest.approx(beta["p_value"])


def test_rising_falling_needs_enough_postings_per_window() -> None:
    postings, mentions = trend_frames()
    assert change.rising_falling(postings, mentions, min_n=41).empty
    shifted = change.rising_falling(postings, mentions, end_month="2023-06", min_n=1, min_count=1)
    # windows 2022-07..12 (the one old job) and 2023-01..06
    assert shifted.set_index("skill_id").loc["alpha", "n_before"] == 1


def test_cooccurrence_conditional_share_and_lift() -> None:
    result = cooccurrence.cooccurrence(small_postings(), small_mentions(), skill_ids=["python"])
    # 5 jobs; python in 3, pytorch in 2, both in 2; rag never with python (dropped)
    assert as_records(result) == [
        {
            "skill_id": "python",
            "other_id": "pytorch",
            "n": 5,
            "n_skill": 3,
            "n_other": 2,
            "n_both": 2,
            "share": pytest.approx(2 / 3),
            "lift": pytest.approx(5 / 3),
        }
    ]
    everything = cooccurrence.cooccurrence(small_postings(), small_mentions())
    assert everything[["skill_id", "other_id"]].values.tolist() == [
        ["python", "pytorch"],
        ["pytorch", "python"],
    ]
    assert everything.loc[1, "share"] == pytest.approx(1.0)


def test_smoothed_treats_missing_months_as_gaps() -> None:
    series = pd.Series([1.0, 2.0, 4.0], index=["2024-01", "2024-02", "2024-04"])
    # full range 01..04 = [1, 2, NaN, 4]; centred means over the values present
    assert stats.smoothed(series).tolist() == pytest.approx([1.5, 1.5, 4.0])
    assert stats.smoothed(series, window=1).tolist() == [1.0, 2.0, 4.0]


def test_pooled_share_sums_counts_over_a_centred_window() -> None:
    months = ["2026-01", "2026-02", "2026-04"]  # March has no postings at all
    k = pd.Series([1, 3, 4], index=months)
    n = pd.Series([10, 20, 40], index=months)
    pooled = stats.pooled_share(k, n)
    # Jan: (1+3)/(10+20); Feb: (1+3+0)/(10+20+0); Apr: (0+4)/(0+40) (May is outside the range)
    assert pooled["share"].tolist() == pytest.approx([4 / 30, 4 / 30, 4 / 40])
    assert pooled["n"].tolist() == [30, 30, 40]
    assert list(pooled.index) == months


def test_pooled_share_of_nothing_is_empty() -> None:
    empty = pd.Series([], dtype="int64")
    assert stats.pooled_share(empty, empty).empty


@pytest.mark.parametrize("chunk", [1, 7, 4_000_000])
def test_shared_counts_equal_the_dense_product_in_chunks_of_any_size(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sparse co-occurrence count (pairs sorted by group, combinations counted chunk by
    chunk) equals groups x skills matrix algebra on the same pairs."""
    import numpy as np

    from jobtrends.reports.analysis import cooccurrence as module

    monkeypatch.setattr(module, "CHUNK", chunk)
    rng = np.random.default_rng(5)
    dense = rng.random((300, 12)) < 0.3
    groups, skills = np.nonzero(dense)
    shuffled = rng.permutation(len(groups))
    anchors = [0, 3, 11, 5]
    got = module.shared_counts(groups[shuffled], skills[shuffled], 12, anchors)
    matrix = dense.astype(np.int64)
    assert (got == (matrix[:, anchors].T @ matrix)).all()
    assert module.shared_counts(groups, skills, 12, []).shape == (0, 12)
