"""Jobs counted per view in batches give the answers of the frame functions they stand in for."""

from __future__ import annotations

import gc

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

from jobtrends.pipeline.vocab import AI_ROLES
from jobtrends.reports.analysis import evidence, stats
from jobtrends.reports.analysis.batches import (
    AI,
    ALL,
    COUNTING_GC_THRESHOLDS,
    count_batches,
    group_batches,
    view_postings,
)
from jobtrends.reports.analysis.change import rising_falling, rising_falling_counts
from jobtrends.reports.analysis.claims import evaluate_claims
from jobtrends.reports.analysis.cooccurrence import cooccurrence
from jobtrends.reports.analysis.newest import NewestPostings
from jobtrends.reports.analysis.posting_counts import PostingCounts
from jobtrends.reports.analysis.salaries import SalaryCounts, job_salaries
from jobtrends.reports.analysis.term_counts import TermCounts
from jobtrends.reports.analysis.views import ViewCounts
from jobtrends.reports.pages.claims import load_claim_set
from tests.reports.synthetic import make_report_data

ROLES_TESTED = ("ml_engineer", "llm_engineer", "other")


def awkward_frames() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """The synthetic report frames with what real stores hold too: undated postings, missing
    seniority and remote values, and duplicate groups whose postings differ in role and month."""
    data = make_report_data(seed=11, count=600)
    postings = data.postings.copy()
    postings.loc[postings.index[::17], "month"] = None
    postings.loc[postings.index[::13], "seniority"] = None
    postings.loc[postings.index[::11], "remote"] = None
    # Every 9th posting joins the group of the posting before it, whatever its role.
    joined = postings.index[9::9]
    postings.loc[joined, "dup_group"] = postings["dup_group"].to_numpy()[joined - 1]
    categories = {skill_id: category for skill_id, (_, category) in data.skills.items()}
    return postings, data.demand, categories


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    return awkward_frames()


def counted(
    frames: tuple[pd.DataFrame, pd.DataFrame, dict[str, str]], batch: int
) -> dict[str, ViewCounts]:
    postings, demand, categories = frames
    skill_ids = sorted({str(s) for s in demand["skill_id"].unique()})
    views = {v: ViewCounts(v, skill_ids, categories) for v in (ALL, AI, *ROLES_TESTED)}
    count_batches(postings, demand, views.values(), batch)
    return views


def test_batches_hold_whole_groups_and_every_row_once(frames) -> None:
    postings, demand, _ = frames
    seen_groups: set[object] = set()
    posting_ids: list[int] = []
    demand_rows = 0
    for batch, (batch_demand,) in group_batches(postings, [demand], 25):
        groups = set(batch["dup_group"])
        assert not groups & seen_groups  # no group is cut between batches
        seen_groups |= groups
        posting_ids += batch["posting_id"].tolist()
        assert set(batch_demand["posting_id"]) <= set(batch["posting_id"])
        demand_rows += len(batch_demand)
    assert sorted(posting_ids) == sorted(postings["posting_id"])
    assert demand_rows == len(demand)


@pytest.mark.parametrize("batch", [29, 10_000])
def test_view_shares_equal_the_frame_functions(frames, batch: int) -> None:
    postings, demand, _ = frames
    views = counted(frames, batch)
    for view in (ALL, AI, *ROLES_TESTED):
        inside = view_postings(postings, view)
        pairs = stats.demand_pairs(inside, demand)
        skills = sorted(pairs["skill_id"].astype(str).unique())
        counts = views[view]
        assert counts.n == inside["dup_group"].nunique()
        pdt.assert_frame_equal(counts.skill_shares(), stats.skill_shares(inside, pairs))
        pdt.assert_frame_equal(
            counts.shares(["month"], skills[:5]), stats.monthly_share(inside, pairs, skills[:5])
        )
        pdt.assert_frame_equal(
            counts.shares(["role", "month"], skills[:3]),
            stats.monthly_share(inside, pairs, skills[:3], by="role"),
        )
        pdt.assert_frame_equal(
            counts.cooccurrence(skills[:4]),
            cooccurrence(inside, pairs, skill_ids=skills[:4]),
        )


@pytest.mark.parametrize("batch", [23, 10_000])
def test_job_and_category_counts_equal_the_frame_counts(frames, batch: int) -> None:
    postings, demand, categories = frames
    views = counted(frames, batch)
    groups = stats.dedup_postings(postings)
    pdt.assert_series_equal(
        views[ALL].job_counts(["month", "source"]),
        groups.groupby(["month", "source"]).size().rename("n").astype("int64"),
    )
    remote = views[ALL].value_counts("remote", missing="unknown")
    expected = groups["remote"].fillna("unknown").value_counts().sort_index()
    assert remote.to_dict() == expected.to_dict()
    pairs = stats.demand_pairs(postings, demand)
    by_role = stats.cell_counts(groups[["dup_group", "role"]], pairs, ["role"], categories)
    got = views[ALL].category_counts().sort_values(["role", "category"]).reset_index(drop=True)
    want = by_role.sort_values(["role", "category"]).reset_index(drop=True)
    assert got.astype(str).values.tolist() == want.astype(str).values.tolist()


def test_required_counts_count_each_job_once(frames) -> None:
    postings, demand, _ = frames
    views = counted(frames, 50)
    inside = view_postings(postings, "ml_engineer")
    pairs = stats.demand_pairs(inside, demand)
    expected = pairs.groupby(pairs["skill_id"].astype(str)).agg(
        k=("required", "size"), k_required=("required", "sum")
    )
    got = views["ml_engineer"].required_counts().set_index("skill_id")
    assert got.to_dict("index") == expected.astype("int64").to_dict("index")


def test_rising_falling_from_view_counts_equals_the_frame_test(frames) -> None:
    postings, demand, _ = frames
    views = counted(frames, 60)
    jobs = views[AI]
    inside = postings[postings["role"].isin(AI_ROLES)]
    expected = rising_falling(inside, demand, window=3, min_count=5, min_n=10)
    got = rising_falling_counts(
        jobs.job_counts(["month"]),
        jobs.skill_counts(["month"]),
        jobs.skill_totals().index.tolist(),
        window=3,
        min_count=5,
        min_n=10,
    )
    assert not expected.empty
    pdt.assert_frame_equal(got, expected)


def test_an_empty_view_answers_with_empty_frames_of_the_right_columns() -> None:
    jobs = ViewCounts(ALL, [], {})
    assert jobs.n == 0
    assert jobs.last_month is None
    table = jobs.job_counts(["month", "source"]).rename("postings").reset_index()
    assert table.columns.tolist() == ["month", "source", "postings"]
    assert jobs.shares(["month"], ["python"]).columns.tolist() == [
        "month", "skill_id", "n", "k", "share",
    ]  # fmt: skip
    assert jobs.cooccurrence().empty
    assert np.array_equal(jobs.together, np.zeros((0, 0)))


def test_salary_counts_do_not_depend_on_the_batches(frames) -> None:
    postings, demand, _ = frames
    counted = []
    for batch in (7, 10_000):
        salaries = SalaryCounts()
        count_batches(postings, demand, [salaries], batch)
        counted.append(salaries)
    small, whole = counted
    assert whole.salaried > 0
    for name in ("coverage", "by_role", "by_skill"):
        pdt.assert_frame_equal(
            getattr(small, name).reset_index(drop=True), getattr(whole, name).reset_index(drop=True)
        )
    for role in ROLES_TESTED:
        pdt.assert_frame_equal(small.by_seniority[role], whole.by_seniority[role])
    expected = job_salaries(postings)["currency"].value_counts().sort_index()
    assert whole.currency_counts().to_dict() == expected.to_dict()


def test_newest_postings_per_skill_do_not_depend_on_the_batches(frames) -> None:
    postings, demand, _ = frames
    kept = []
    for batch in (7, 10_000):
        newest = NewestPostings(limit=3)
        count_batches(postings, demand, [newest], batch)
        kept.append(newest.chosen(sorted(demand["skill_id"].astype(str).unique()), 3))
    pdt.assert_frame_equal(kept[0], kept[1])
    # By hand for one skill: its AI-role postings, newest first, one per group.
    skill = str(kept[1]["skill_id"].iloc[0])
    asking = demand.loc[demand["skill_id"].astype(str) == skill, "posting_id"]
    ai = postings[postings["role"].isin(AI_ROLES) & postings["posting_id"].isin(asking)]
    ordered = ai.sort_values(
        ["month", "posted_at", "posting_id"], ascending=False, na_position="last"
    ).drop_duplicates("dup_group")
    got = kept[1].loc[kept[1]["skill_id"] == skill, "posting_id"].tolist()
    assert got == ordered["posting_id"].head(3).tolist()
    with pytest.raises(ValueError, match="only the 3 newest"):
        newest.chosen([skill], 4)


def test_posting_counts_do_not_depend_on_the_batches(frames) -> None:
    postings, demand, _ = frames
    postings = postings.assign(
        closed_at=[
            pd.NaT if i % 3 else pd.Timestamp("2025-01-01", tz="UTC") for i in range(len(postings))
        ],
        attribution=[
            None if i % 4 else f"Board: https://board.example/{i % 7}" for i in range(len(postings))
        ],
    )
    counted = []
    for batch in (7, 10_000):
        stored = PostingCounts()
        count_batches(postings, demand, [stored], batch)
        counted.append(stored)
    small, whole = counted
    assert whole.n == small.n == len(postings)
    for name in ("per_source", "per_month", "fields", "credit_rows"):
        pdt.assert_frame_equal(getattr(small, name), getattr(whole, name))
    assert small.boards == whole.boards
    assert small.credits() == whole.credits()
    assert (
        whole.per_source["de_duplicated"].sum()
        == postings.groupby("source")["dup_group"].nunique().sum()
    )
    assert whole.newest_month == postings["month"].dropna().max()


def test_term_counts_do_not_depend_on_the_batches() -> None:
    data = make_report_data(seed=5, count=400)
    counted = []
    for batch in (9, 10_000):
        terms = TermCounts(examples=2)
        count_batches(data.postings, data.demand, [terms], batch, data.term_candidates)
        counted.append(terms)
    small, whole = counted
    assert len(whole.term_months) and len(whole.newest)
    pdt.assert_frame_equal(small.term_months, whole.term_months)
    pdt.assert_frame_equal(small.forms, whole.forms)
    pdt.assert_frame_equal(small.newest, whole.newest)
    assert whole.newest.groupby("term_key").size().max() <= 2


def test_claims_do_not_depend_on_the_batches(frames, monkeypatch: pytest.MonkeyPatch) -> None:
    postings, demand, _ = frames
    claims = load_claim_set().claims
    results = []
    for batch in (11, 10_000):
        monkeypatch.setattr(evidence, "EVIDENCE_BATCH_POSTINGS", batch)
        results.append(evaluate_claims(claims, postings, demand, end_month="2025-02"))
    for small, whole in zip(*results, strict=True):
        assert (small.verdict, small.reason, small.scope) == (
            whole.verdict,
            whole.reason,
            whole.scope,
        )
        pdt.assert_frame_equal(small.table, whole.table)
    assert {r.claim.kind for r in results[1]} >= {"most_common", "share_greater", "rising"}


def test_counting_runs_the_collector_less_often_and_restores_it(frames) -> None:
    postings, demand, _ = frames
    seen: list[tuple[int, int, int]] = []

    class Watcher:
        def add(self, batch: object) -> None:
            seen.append(gc.get_threshold())

    before = gc.get_threshold()
    count_batches(postings, demand, [Watcher()], 200)
    assert seen and set(seen) == {COUNTING_GC_THRESHOLDS}
    assert gc.get_threshold() == before
