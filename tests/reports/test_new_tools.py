"""New tools to watch: term counts, the growth test, examples, hidden terms and the page."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from jobtrends.pipeline.vocab import AI_ROLES
from jobtrends.reports.analysis import stats
from jobtrends.reports.analysis.new_tools import (
    BEFORE_MONTHS,
    RECENT_MONTHS,
    monthly_counts,
    term_trends,
)
from jobtrends.reports.pages.new_tools import SPARK_HEIGHT, sparkline_points
from jobtrends.reports.site import build_site
from jobtrends.reports.watch import watched_terms
from tests.reports.synthetic import (
    MONTHS,
    RISING_TERM,
    STEADY_TERM,
    XSS_TERM,
    XSS_TERM_CONTEXT,
    make_report_data,
)


@pytest.fixture(scope="module")
def data():  # type: ignore[no-untyped-def]
    return make_report_data()


def _ai(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["role"].isin(AI_ROLES)]


def _groups_naming(data, term_key: str) -> set[int]:  # type: ignore[no-untyped-def]
    ai = _ai(data.postings)
    ids = set(data.candidates.loc[data.candidates["term_key"] == term_key, "posting_id"])
    return set(ai.loc[ai["posting_id"].isin(ids), "dup_group"])


def test_a_term_counts_each_job_once_and_knows_its_first_month(data) -> None:  # type: ignore[no-untyped-def]
    trends = term_trends(_ai(data.postings), data.candidates).set_index("term_key")
    for term in (RISING_TERM, STEADY_TERM):
        key = term.lower()
        groups = _groups_naming(data, key)
        assert trends.loc[key, "postings"] == len(groups)
        assert trends.loc[key, "term"] == term
        months = stats.dedup_postings(_ai(data.postings)).set_index("dup_group")["month"]
        assert trends.loc[key, "first_month"] == min(months[g] for g in groups)
    # Most named first.
    assert list(trends["postings"]) == sorted(trends["postings"], reverse=True)


def test_the_growth_test_finds_the_rising_term_and_not_the_steady_one(data) -> None:  # type: ignore[no-untyped-def]
    trends = term_trends(_ai(data.postings), data.candidates, min_window_n=3)
    rows = trends.set_index("term_key")
    rising, steady = rows.loc[RISING_TERM.lower()], rows.loc[STEADY_TERM.lower()]
    assert rising["trend"] == "rising" and rising["q_value"] < 0.05
    assert rising["share_recent"] > rising["share_before"]
    assert steady["trend"] == "steady"
    # The windows: the last RECENT_MONTHS months against the BEFORE_MONTHS before them.
    groups = stats.dedup_postings(_ai(data.postings))
    recent = set(MONTHS[-RECENT_MONTHS:])
    before = set(MONTHS[-RECENT_MONTHS - BEFORE_MONTHS : -RECENT_MONTHS])
    assert rising["n_recent"] == groups["month"].isin(recent).sum()
    assert rising["n_before"] == groups["month"].isin(before).sum()


def test_too_few_postings_leave_a_term_untested(data) -> None:  # type: ignore[no-untyped-def]
    trends = term_trends(_ai(data.postings), data.candidates, min_window_n=10_000)
    assert set(trends["trend"]) == {"untested"}
    assert trends["p_value"].isna().all()


def test_monthly_counts_add_up_to_the_dated_postings(data) -> None:  # type: ignore[no-untyped-def]
    ai = _ai(data.postings)
    counts = monthly_counts(ai, data.candidates, [RISING_TERM.lower()])[RISING_TERM.lower()]
    assert len(counts) == len(MONTHS)
    assert sum(counts) == len(_groups_naming(data, RISING_TERM.lower()))
    # A job counts in the month of its group's earliest posting.
    months = stats.dedup_postings(ai).set_index("dup_group")["month"]
    expected = [0] * len(MONTHS)
    for group in _groups_naming(data, RISING_TERM.lower()):
        expected[MONTHS.index(months[group])] += 1
    assert counts == expected
    assert sum(counts[: len(MONTHS) // 2]) * 4 < sum(counts[len(MONTHS) // 2 :])


def test_watched_terms_give_examples_and_leave_out_hidden_terms(data) -> None:  # type: ignore[no-untyped-def]
    watch = watched_terms(data, min_postings=3, min_window_n=3)
    terms = {t.term: t for t in watch.terms}
    assert {RISING_TERM, STEADY_TERM} <= set(terms)
    for term in terms.values():
        assert 1 <= len(term.examples) <= 3
        for example in term.examples:
            assert example.line[example.start : example.end] == term.term
        months = [e.month for e in term.examples]
        assert months == sorted(months, reverse=True)  # the newest postings
    assert watch.by_growth()[0].term == RISING_TERM
    hidden = dataclasses.replace(data, hidden_terms=frozenset({STEADY_TERM.lower()}))
    assert STEADY_TERM not in {t.term for t in watched_terms(hidden).terms}


def test_non_ai_postings_do_not_count(data) -> None:  # type: ignore[no-untyped-def]
    other = data.postings.assign(role="other")
    assert watched_terms(dataclasses.replace(data, postings=other)).terms == ()


def test_sparkline_points_fill_the_box() -> None:
    points = sparkline_points((0, 2, 4))
    pairs = [tuple(map(float, p.split(","))) for p in points.split()]
    assert [x for x, _ in pairs] == [0.0, 60.0, 120.0]
    assert pairs[0][1] == SPARK_HEIGHT - 2 and pairs[2][1] == 2.0
    assert sparkline_points(()) == ""


def test_the_page_shows_cards_with_sparklines_and_escaped_examples(data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build_site(data, tmp_path, min_month_n=3)
    page = tmp_path / "new-tools.html"
    doc = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    cards = {card.select_one("h4").get_text(): card for card in doc.select("article.term-card")}
    assert {RISING_TERM, STEADY_TERM, XSS_TERM} <= set(cards)
    rising = cards[RISING_TERM]
    polyline = rising.select_one("svg.sparkline polyline")
    assert polyline is not None and len(str(polyline["points"]).split()) == len(MONTHS)
    assert "rising" in rising.select_one("p.term-facts").get_text()
    hostile = cards[XSS_TERM]
    quote = hostile.select_one("blockquote")
    assert quote is not None and quote.get_text() == XSS_TERM_CONTEXT
    assert quote.select_one("mark").get_text() == XSS_TERM
    assert not doc.select("[onmouseover]") and "<script>alert" not in page.read_text()
    named = (tmp_path / "csv" / "new-tools-named.csv").read_text(encoding="utf-8")
    assert named.splitlines()[0] == "term,postings,first_month,trend"
    assert RISING_TERM in named
