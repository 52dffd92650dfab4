"""The claims check on small frames whose counts, shares and p-values are worked out by hand."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd
import pytest

from jobtrends.reports.analysis.claims import (
    NOT_ENOUGH_DATA,
    NOT_SUPPORTED,
    SUPPORTED,
    Claim,
    evaluate_claims,
)

ROLE_NAMES = {
    "ml_engineer": "ML engineer",
    "llm_engineer": "LLM engineer",
    "ai_application_developer": "AI application developer",
}
NAMES = {"pytorch": "PyTorch", "tensorflow": "TensorFlow", "jax": "JAX", "python": "Python"}


@dataclass
class Corpus:
    """Postings and mentions built job by job; every job is one posting unless copied."""

    postings: list[dict[str, object]] = field(default_factory=list)
    mentions: list[dict[str, object]] = field(default_factory=list)

    def add(
        self,
        count: int,
        *,
        role: str = "ml_engineer",
        month: str = "2024-01",
        skills: tuple[str, ...] = (),
        section: str = "requirements",
        negated: bool = False,
        copies: int = 1,
    ) -> None:
        for _ in range(count):
            group = len({p["dup_group"] for p in self.postings}) + 1
            for _ in range(copies):
                posting_id = len(self.postings) + 1
                self.postings.append(
                    {"posting_id": posting_id, "dup_group": group, "month": month, "role": role}
                )
                for skill in skills:
                    self.mentions.append(
                        {
                            "posting_id": posting_id,
                            "skill_id": skill,
                            "skill_name": NAMES.get(skill, skill),
                            "section": section,
                            "negated": negated,
                            "nice_to_have": False,
                        }
                    )

    def check(self, *claims: Claim, end_month: str | None = None) -> list[object]:
        columns = ["posting_id", "skill_id", "skill_name", "section", "negated", "nice_to_have"]
        mentions = pd.DataFrame(self.mentions, columns=columns)
        results = evaluate_claims(
            claims,
            pd.DataFrame(self.postings),
            mentions,
            role_names=ROLE_NAMES,
            end_month=end_month,
        )
        return list(results)


def greater(**extra: object) -> Claim:
    fields: dict[str, object] = {
        "id": "c",
        "statement": "PyTorch beats TensorFlow",
        "kind": "share_greater",
        "skills": ("pytorch",),
        "than": ("tensorflow",),
        **extra,
    }
    return Claim(**fields)  # type: ignore[arg-type]


def test_share_greater_is_supported_by_a_paired_test_on_the_same_postings() -> None:
    corpus = Corpus()
    corpus.add(20, skills=("pytorch",))
    corpus.add(2, skills=("tensorflow",))
    corpus.add(8, skills=("pytorch", "tensorflow"))
    corpus.add(10)
    (result,) = corpus.check(greater())
    assert result.verdict == SUPPORTED
    # discordant postings: 20 PyTorch only, 2 TensorFlow only; P(X >= 20 | 22, 1/2)
    assert result.p_value == pytest.approx((231 + 22 + 1) / 2**22)
    table = result.table.set_index("label")
    assert table.loc["PyTorch", ["postings", "of"]].tolist() == [28, 40]
    assert table.loc["TensorFlow", "share"] == pytest.approx(10 / 40)
    assert table.loc["PyTorch", "ci_low"] < 0.7 < table.loc["PyTorch", "ci_high"]
    assert "70% (28 of 40)" in result.reason and "20 ask for PyTorch" in result.reason


def test_a_small_lead_is_not_supported_and_the_reason_says_why() -> None:
    corpus = Corpus()
    corpus.add(5, skills=("pytorch",))
    corpus.add(3, skills=("tensorflow",))
    corpus.add(32)
    (result,) = corpus.check(greater())
    assert result.verdict == NOT_SUPPORTED
    assert result.p_value == pytest.approx(93 / 256)  # P(X >= 5 | 8, 1/2) = (56+28+8+1)/256
    assert "not significant" in result.reason


def test_a_group_of_skills_counts_a_posting_once_and_duplicates_count_once() -> None:
    corpus = Corpus()
    corpus.add(10, skills=("pytorch",), copies=3)  # 10 jobs posted three times each
    corpus.add(10, skills=("tensorflow", "jax"))
    corpus.add(10, skills=("jax",))
    corpus.add(5)
    (result,) = corpus.check(greater(than=("tensorflow", "jax"), than_label="TF or JAX"))
    table = result.table.set_index("label")
    assert table.loc["PyTorch", ["postings", "of"]].tolist() == [10, 35]
    assert table.loc["TF or JAX", ["postings", "of"]].tolist() == [20, 35]
    assert result.verdict == NOT_SUPPORTED


def test_only_demand_mentions_that_are_not_negated_count() -> None:
    corpus = Corpus()
    corpus.add(10, skills=("pytorch",))
    corpus.add(10, skills=("pytorch",), negated=True)
    corpus.add(10, skills=("pytorch",), section="about_company")
    (result,) = corpus.check(Claim("c", "s", "share_at_least", skills=("pytorch",), share=0.5))
    assert result.table.loc[0, ["postings", "of"]].tolist() == [10, 30]


def test_role_and_window_choose_the_postings() -> None:
    corpus = Corpus()
    corpus.add(30, month="2024-01", skills=("python",))
    corpus.add(30, month="2024-02")
    corpus.add(30, month="2024-02", role="other", skills=("python",))
    all_months, last_month = corpus.check(
        Claim("a", "s", "share_at_least", skills=("python",), share=0.5),
        Claim("b", "s", "share_at_least", skills=("python",), share=0.5, months=1),
    )
    assert all_months.table.loc[0, ["postings", "of"]].tolist() == [30, 60]  # "other" left out
    assert last_month.table.loc[0, ["postings", "of"]].tolist() == [0, 30]
    assert last_month.scope == "AI-engineering postings, 2024-02 to 2024-02"


def test_share_at_least_uses_an_exact_binomial_test() -> None:
    corpus = Corpus()
    corpus.add(26, skills=("python",))
    corpus.add(14)
    claim = Claim("c", "s", "share_at_least", skills=("python",), share=0.5)
    (result,) = corpus.check(claim)
    expected = sum(math.comb(40, i) for i in range(26, 41)) / 2**40
    assert result.p_value == pytest.approx(expected)
    assert expected < 0.05 and result.verdict == SUPPORTED
    weaker = Corpus()
    weaker.add(24, skills=("python",))
    weaker.add(16)
    (result,) = weaker.check(claim)
    assert result.verdict == NOT_SUPPORTED  # 60% of 40 is not clearly above half


def test_too_few_postings_is_not_enough_data() -> None:
    corpus = Corpus()
    corpus.add(20, skills=("pytorch",))
    (result,) = corpus.check(greater())
    assert result.verdict == NOT_ENOUGH_DATA
    assert result.p_value is None
    assert "Only 20 postings" in result.reason and "at least 30" in result.reason
    (relaxed,) = corpus.check(greater(min_n=20))
    assert relaxed.verdict == SUPPORTED  # 20 against 0: P = 2**-20


def test_most_common_compares_with_the_runner_up() -> None:
    corpus = Corpus()
    corpus.add(20, skills=("python", "pytorch"))
    corpus.add(10, skills=("python",))
    corpus.add(10, skills=("jax",))
    python, jax = corpus.check(
        Claim("p", "s", "most_common", skills=("python",)),
        Claim("j", "s", "most_common", skills=("jax",)),
    )
    assert python.verdict == SUPPORTED
    assert python.p_value == pytest.approx(2**-10)  # 10 Python only, 0 PyTorch only
    assert python.table["label"].tolist() == ["Python", "PyTorch", "JAX"]
    assert jax.verdict == NOT_SUPPORTED and "ranks 3" in jax.reason
    assert jax.table["claimed"].tolist() == [False, False, True]


def test_rising_compares_two_windows_and_needs_data_reaching_back() -> None:
    corpus = Corpus()
    for month in ("2024-01", "2024-02"):
        corpus.add(5 if month == "2024-01" else 0, month=month, skills=("rag",))
        corpus.add(15 if month == "2024-01" else 20, month=month)
    for month in ("2024-03", "2024-04"):
        corpus.add(10, month=month, skills=("rag",))
        corpus.add(10, month=month)
    rising, too_long = corpus.check(
        Claim("r", "s", "rising", skills=("rag",), months=2),
        Claim("t", "s", "rising", skills=("rag",), months=3),
    )
    # before 5 of 40, recent 20 of 40: pooled 0.3125, z = 0.375 / sqrt(0.3125 * 0.6875 / 20)
    z = 0.375 / math.sqrt(0.3125 * 0.6875 * 2 / 40)
    assert rising.p_value == pytest.approx(0.5 * math.erfc(z / math.sqrt(2)))
    assert rising.verdict == SUPPORTED
    assert rising.table["label"].tolist() == [
        "before: 2024-01 to 2024-02",
        "recent: 2024-03 to 2024-04",
    ]
    assert rising.scope == "AI-engineering postings, 2024-03 to 2024-04 against 2024-01 to 2024-02"
    assert too_long.verdict == NOT_ENOUGH_DATA
    assert "from 2023-11" in too_long.reason and "starts in 2024-01" in too_long.reason


def growth_corpus(app: tuple[int, int]) -> Corpus:
    corpus = Corpus()
    counts = {
        "llm_engineer": (10, 30),
        "ml_engineer": (20, 22),
        "ai_application_developer": app,
    }
    for role, (before, recent) in counts.items():
        corpus.add(before, role=role, month="2024-01")
        corpus.add(recent, role=role, month="2024-02")
    return corpus


def test_growth_greater_tests_the_share_of_postings_in_the_recent_window() -> None:
    (result,) = growth_corpus((5, 60)).check(
        Claim("g", "s", "growth_greater", role="llm_engineer", than=("ml_engineer",), months=1)
    )
    # LLM 10 -> 30 (3x), ML 20 -> 22 (1.1x): recent shares 30/40 against 22/42
    pooled = 52 / 82
    z = (30 / 40 - 22 / 42) / math.sqrt(pooled * (1 - pooled) * (1 / 40 + 1 / 42))
    assert result.p_value == pytest.approx(0.5 * math.erfc(z / math.sqrt(2)))
    assert result.verdict == SUPPORTED
    table = result.table.set_index("role")
    assert table.loc["LLM engineer", ["before", "recent"]].tolist() == [10, 30]
    assert table.loc["LLM engineer", "growth"] == pytest.approx(3.0)


def test_fastest_growing_role_is_tested_against_the_runner_up() -> None:
    app = Claim("a", "s", "fastest_growing_role", role="ai_application_developer", months=1)
    llm = Claim("l", "s", "fastest_growing_role", role="llm_engineer", months=1)
    app_strong, llm_claim = growth_corpus((5, 60)).check(app, llm)
    # app 5 -> 60 (12x) against LLM 10 -> 30 (3x); roles without postings are left out
    pooled = 90 / 105
    z = (60 / 65 - 30 / 40) / math.sqrt(pooled * (1 - pooled) * (1 / 65 + 1 / 40))
    assert app_strong.p_value == pytest.approx(0.5 * math.erfc(z / math.sqrt(2)))
    assert app_strong.verdict == SUPPORTED
    assert llm_claim.verdict == NOT_SUPPORTED
    assert "AI application developer: 5 to 60 (12.00x)" in llm_claim.reason
    (app_close,) = growth_corpus((10, 40)).check(app)  # 4x against 3x: not significant
    assert app_close.verdict == NOT_SUPPORTED and "not significant" in app_close.reason
