"""Page aggregates on tiny frames whose answers were worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from jobtrends.reports.analysis.salaries import annual_salaries, value_counts
from jobtrends.reports.data import (
    MENTION_COLUMNS,
    POSTING_COLUMNS,
    RUN_COLUMNS,
    ReportData,
    SiteData,
)
from jobtrends.reports.pages.examples import examples_for
from jobtrends.reports.pages.landscape import role_category_table
from jobtrends.reports.pages.role_extras import salary_table
from jobtrends.reports.pages.roles import mix_chart, required_chart
from jobtrends.reports.pages.sources import attribution_chart
from tests.reports.synthetic import GENERATED_AT, make_report_data


def tiny_site(postings: list[dict[str, object]], mentions: list[dict[str, object]]) -> SiteData:
    """A SiteData from a few hand-written rows; unspecified columns get neutral values."""
    posting_defaults: dict[str, object] = dict.fromkeys(POSTING_COLUMNS)
    posting_defaults |= {"month": "2024-01", "role": "ml_engineer", "seniority": "unknown"}
    mention_defaults: dict[str, object] = dict.fromkeys(MENTION_COLUMNS)
    mention_defaults |= {"section": "requirements", "negated": False, "nice_to_have": False}
    posting_frame = pd.DataFrame([posting_defaults | row for row in postings])
    posting_frame["dup_group"] = posting_frame["dup_group"].fillna(posting_frame["posting_id"])
    mention_frame = pd.DataFrame([mention_defaults | row for row in mentions])
    mention_frame["skill_name"] = mention_frame["skill_id"].str.title()
    data = ReportData.from_mentions(
        posting_frame,
        mention_frame,
        pd.DataFrame(columns=list(RUN_COLUMNS)),
        {"lang": "Languages", "ml": "ML frameworks"},
        GENERATED_AT,
    )
    return SiteData.build(data, min_month_n=1)


def test_salary_quantiles_hide_small_groups() -> None:
    lows = [100_000.0 + 10_000 * i for i in range(10)]
    groups = pd.DataFrame(
        {
            "salary_currency": ["USD"] * 10 + ["USD"] * 9 + ["EUR"] * 12 + [None],
            "seniority": ["senior"] * 10 + ["mid"] * 9 + ["senior"] * 12 + ["senior"],
            # USD senior midpoints: 110k, 120k, ... 200k. EUR: only a minimum, 50k each.
            "salary_annual_min": lows + [90_000.0] * 9 + [50_000.0] * 12 + [1.0],
            "salary_annual_max": [x + 20_000 for x in lows]
            + [90_000.0] * 9
            + [np.nan] * 12
            + [1.0],
        }
    )
    table, hidden = salary_table(value_counts(annual_salaries(groups), ["currency", "seniority"]))
    assert hidden == 1  # USD mid has 9 salaries
    assert table[["currency", "seniority", "salaries"]].values.tolist() == [
        ["EUR", "senior", 12],
        ["USD", "senior", 10],
    ]
    usd = table.iloc[1]
    # linear quantiles over 10 values 10k apart: position 0.9 -> 119k, 2.25 -> 132.5k, 4.5 -> 155k
    assert usd["p10"] == pytest.approx(119_000)
    assert usd["q1"] == pytest.approx(132_500)
    assert usd["median"] == pytest.approx(155_000)
    assert usd["q3"] == pytest.approx(177_500)
    assert usd["p90"] == pytest.approx(191_000)
    assert table.iloc[0]["median"] == pytest.approx(50_000)


def required_site() -> SiteData:
    postings: list[dict[str, object]] = [
        {"posting_id": 1},
        {"posting_id": 2},
        {"posting_id": 3},
        {"posting_id": 4, "dup_group": 3},  # same job as posting 3
        {"posting_id": 5, "role": "data_scientist"},
    ]
    mentions: list[dict[str, object]] = [
        {"posting_id": 1, "skill_id": "python", "category": "lang"},
        {"posting_id": 1, "skill_id": "pytorch", "category": "ml", "nice_to_have": True},
        {"posting_id": 2, "skill_id": "python", "category": "lang", "section": "nice_to_have"},
        {"posting_id": 3, "skill_id": "python", "category": "lang", "nice_to_have": True},
        {"posting_id": 4, "skill_id": "python", "category": "lang"},  # makes job 3 required
        {"posting_id": 5, "skill_id": "pytorch", "category": "ml"},
        {"posting_id": 5, "skill_id": "python", "category": "lang", "section": "benefits"},
    ]
    return tiny_site(postings, mentions)


def test_required_versus_nice_to_have_counts_each_job_once() -> None:
    site = required_site()
    chart = required_chart(site, "ml_engineer", site.views["ml_engineer"], ["python", "pytorch"])
    # 3 ml jobs: python required in jobs 1 and 3 (via its duplicate), nice-only in job 2;
    # pytorch nice-only in job 1.
    assert chart.table.to_dict("records") == [
        {
            "skill": "Python",
            "required": 2,
            "nice_to_have_only": 1,
            "of": 3,
            "required_share": pytest.approx(2 / 3),
            "nice_to_have_share": pytest.approx(1 / 3),
        },
        {
            "skill": "Pytorch",
            "required": 0,
            "nice_to_have_only": 1,
            "of": 3,
            "required_share": 0.0,
            "nice_to_have_share": pytest.approx(1 / 3),
        },
    ]


def test_role_category_shares() -> None:
    table = role_category_table(required_site())
    rows = {(r, c): (k, n) for r, c, k, n, _ in table.itertuples(index=False)}
    # ml: 3 jobs, languages in all 3, ML frameworks in job 1; data_scientist: 1 job with
    # pytorch (its python is in the benefits, which is no demand).
    assert rows == {
        ("ml_engineer", "Languages"): (3, 3),
        ("ml_engineer", "ML frameworks"): (1, 3),
        ("data_scientist", "Languages"): (0, 1),
        ("data_scientist", "ML frameworks"): (1, 1),
    }
    assert list(dict.fromkeys(table["role"])) == ["ml_engineer", "data_scientist"]


def test_mix_keeps_the_canonical_order_and_counts_unknown() -> None:
    site = tiny_site(
        [
            {"posting_id": i, "remote": remote}
            for i, remote in enumerate(["onsite", None, "remote", "remote"], start=1)
        ],
        [{"posting_id": 1, "skill_id": "python", "category": "lang"}],
    )
    chart = mix_chart(
        "ml_engineer",
        site.views["ml_engineer"],
        "remote",
        ("remote", "hybrid", "onsite", "unknown"),
        {},
    )
    assert chart.table[["remote", "postings"]].values.tolist() == [
        ["remote", 2],
        ["onsite", 1],
        ["unknown", 1],
    ]
    assert chart.table["share"].tolist() == [0.5, 0.25, 0.25]


def test_examples_are_newest_first_one_per_job_and_demand_only() -> None:
    postings = [
        {"posting_id": i, "month": f"2024-{i:02d}", "title": f"Job {i}", "company": "Acme",
         "url": f"https://example.org/{i}"}
        for i in range(1, 9)
    ]  # fmt: skip
    postings[7]["dup_group"] = 7  # posting 8 repeats job 7
    mentions = [
        {"posting_id": i, "skill_id": "python", "category": "lang", "text": "python",
         "context": f"Line {i}: Python please"}
        for i in range(1, 9)
    ]  # fmt: skip
    mentions[5]["negated"] = True  # posting 6 says no Python
    mentions[4]["section"] = "benefits"  # posting 5 only mentions it in the benefits
    examples = examples_for(tiny_site(postings, mentions), "python")
    assert [e.title for e in examples] == ["Job 8", "Job 4", "Job 3", "Job 2", "Job 1"]
    assert (examples[0].before, examples[0].match, examples[0].after) == (
        "Line 8: ",
        "Python",
        " please",
    )
    assert examples[0].url == "https://example.org/8"


def test_attribution_gives_each_source_its_credit_site_and_newest_links() -> None:
    thread = "https://news.example.org/item?id=1"
    rok = "https://remoteok.com/remote-jobs/"
    postings: list[dict[str, object]] = [
        {"posting_id": 1, "source": "hn", "attribution": thread, "month": "2024-01"},
        {"posting_id": 2, "source": "hn", "attribution": thread, "month": "2024-02"},
        {"posting_id": 3, "source": "remoteok", "attribution": f"Remote OK: {rok}a",
         "month": "2024-01"},
        {"posting_id": 4, "source": "remoteok", "attribution": f"Remote OK: {rok}b",
         "month": "2024-03"},
        {"posting_id": 5, "source": "x", "attribution": "Data from X", "month": "2024-02"},
        {"posting_id": 6, "source": "y", "attribution": "Y: javascript:alert(1)",
         "month": "2024-02"},
        {"posting_id": 7, "source": "greenhouse", "month": "2024-02"},
    ]  # fmt: skip
    chart, credits = attribution_chart(tiny_site(postings, [{"posting_id": 1, "skill_id": "go"}]))
    assert chart.table.values.tolist() == [
        ["hn", "Hacker News", "https://news.example.org", 2, 1, thread],
        ["remoteok", "Remote OK", "https://remoteok.com", 2, 2, f"{rok}b"],
        ["x", "Data from X", "", 1, 0, ""],
        ["y", "Y: javascript:alert(1)", "", 1, 0, ""],  # never a javascript: link
    ]
    links = [[(link.month, link.url, link.postings) for link in c.links] for c in credits]
    assert links == [
        [("2024-02", thread, 2)],
        [("2024-03", f"{rok}b", 1), ("2024-01", f"{rok}a", 1)],  # newest first
        [],
        [],
    ]
    assert credits[1].source_label == "Remote OK" and credits[1].links[0].text == (
        "remoteok.com/remote-jobs/b"
    )


def test_examples_carry_their_source_credit() -> None:
    postings: list[dict[str, object]] = [
        {"posting_id": 1, "source": "remoteok", "title": "A",
         "attribution": "Remote OK: https://remoteok.com/remote-jobs/1"},
        {"posting_id": 2, "source": "greenhouse", "title": "B"},
    ]  # fmt: skip
    mentions: list[dict[str, object]] = [
        {"posting_id": i, "skill_id": "python", "text": "Python", "context": "Python"}
        for i in (1, 2)
    ]
    examples = {e.title: e for e in examples_for(tiny_site(postings, mentions), "python")}
    assert (examples["A"].credit, examples["A"].credit_url) == (
        "Remote OK",
        "https://remoteok.com/remote-jobs/1",
    )
    assert (examples["B"].credit, examples["B"].credit_url) == (None, None)


def test_newer_postings_come_first_among_examples_of_a_month() -> None:
    postings: list[dict[str, object]] = [
        {"posting_id": i, "title": f"Job {i}", "posted_at": pd.Timestamp(at, tz="UTC")}
        for i, at in ((1, "2024-01-30"), (2, "2024-01-02"), (3, "2024-01-15"))
    ]
    mentions: list[dict[str, object]] = [
        {"posting_id": i, "skill_id": "python", "text": "Python", "context": "Python"}
        for i in (1, 2, 3)
    ]
    examples = examples_for(tiny_site(postings, mentions), "python")
    assert [e.title for e in examples] == ["Job 1", "Job 3", "Job 2"]


def test_the_last_run_counts_every_target_of_that_run() -> None:
    """The targets of one run finish at different times: the overview counts all of them, and
    only the run that finished last."""
    from jobtrends.reports.pages.overview import freshness

    base = make_report_data()
    t0 = pd.Timestamp("2026-03-01T06:00:00Z")
    rows = []
    for run_id, statuses in ((1, ["ok"] * 4), (2, ["ok", "ok", "failed"])):
        for number, status in enumerate(statuses):
            rows.append({**base.runs.iloc[0].to_dict(), "run_id": run_id, "status": status,
                         "target": f"t{number}", "finished_at": t0 + pd.Timedelta(
                             hours=run_id, seconds=number)})  # fmt: skip
    assert base.mentions is not None
    data = ReportData.from_mentions(base.postings, base.mentions, pd.DataFrame(rows),
                                    base.categories, base.generated_at)  # fmt: skip
    facts = dict(freshness(SiteData.build(data, min_month_n=1)))
    assert facts["Last scrape run finished"].endswith("(1 failed, 2 ok)")
