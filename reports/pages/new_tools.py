"""The "New tools to watch" page: terms in skill positions that no taxonomy has yet.

Two charts (most named, and growth), each with its table and CSV, then one card per term with
its monthly counts as a sparkline and up to three example lines with the term marked. The terms
come from `jobtrends.reports.watch.watch_list`: the list `jobtrends taxonomy review` shows
(`watched_terms`), from the terms counted with the rest of the site.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jobtrends.reports.analysis.new_tools import BEFORE_MONTHS, MIN_TESTED, RECENT_MONTHS
from jobtrends.reports.analysis.significance import ALPHA
from jobtrends.reports.attribution import parse_attribution, safe_url
from jobtrends.reports.charts import Chart
from jobtrends.reports.data import SiteData
from jobtrends.reports.page import Page
from jobtrends.reports.pages.examples import Example
from jobtrends.reports.special_figures import BarOption, diverging_bars, hover_bars
from jobtrends.reports.watch import (
    MIN_POSTINGS,
    TermExample,
    WatchedTerm,
    WatchList,
    watch_list,
)

FILENAME = "new-tools.html"
TITLE = "New tools to watch"
SHOWN = 20
SPARK_WIDTH, SPARK_HEIGHT = 120, 28


@dataclass(frozen=True)
class TermCard:
    """What the page shows of one term; the example parts are text the template escapes."""

    term: str
    anchor: str
    postings: int
    first_month: str
    trend: str
    spark_points: str
    spark_label: str
    examples: tuple[Example, ...]


def build_new_tools_page(site: SiteData) -> Page:
    month_n = site.ai_jobs.job_counts(["month"])
    watch = watch_list(site.data, site.terms, month_n, MIN_POSTINGS, site.min_month_n)
    shown = list(watch.terms[:SHOWN])
    shown += [t for t in watch.by_growth() if t.trend == "rising" and t not in shown]
    return Page(
        filename=FILENAME,
        title=TITLE,
        template="new_tools.html.j2",
        charts={"named": named_chart(watch), "growth": growth_chart(watch, site.min_month_n)},
        context={
            "cards": [_card(term, watch, index) for index, term in enumerate(shown)],
            "min_postings": MIN_POSTINGS,
            "terms": len(watch.terms),
        },
    )


def named_chart(watch: WatchList) -> Chart:
    table = pd.DataFrame(
        {
            "term": [t.term for t in watch.terms],
            "postings": [t.postings for t in watch.terms],
            "first_month": [t.first_month for t in watch.terms],
            "trend": [t.trend for t in watch.terms],
        }
    )
    notes = (
        f"Terms named in at least {MIN_POSTINGS} de-duplicated AI-role postings; not counted "
        "as skills. A term moves into the skill charts once it is added to the taxonomy "
        "(jobtrends taxonomy review --accept TERM).",
    )
    top = watch.terms[:SHOWN]
    figure = None
    if top:
        option = BarOption(
            title="postings",
            names=[t.term for t in top],
            values=[t.postings for t in top],
            hover=[f"{t.term}: {t.postings} postings, first seen {t.first_month}" for t in top],
        )
        figure = hover_bars(option, axis_title="postings naming the term", shares=False)
    return Chart("new-tools-named", "Most named new terms", figure, table, notes)


def growth_chart(watch: WatchList, min_window_n: int) -> Chart:
    tested = watch.by_growth()
    table = pd.DataFrame(
        {
            "term": [t.term for t in tested],
            "k_before": [t.k_before for t in tested],
            "n_before": [t.n_before for t in tested],
            "share_before": [t.share_before for t in tested],
            "k_recent": [t.k_recent for t in tested],
            "n_recent": [t.n_recent for t in tested],
            "share_recent": [t.share_recent for t in tested],
            "z": [t.z for t in tested],
            "p_value": [t.p_value for t in tested],
            "q_value": [t.q_value for t in tested],
            "trend": [t.trend for t in tested],
        }
    )
    window = ""
    if watch.months:
        last = watch.months[-1]
        window = (
            f"Recent: the {RECENT_MONTHS} months to {last}; before: the {BEFORE_MONTHS} "
            "months before them. "
        )
    notes = (
        window + "The rising-skills test: two-proportion z-test on de-duplicated AI-role "
        f"postings, Benjamini-Hochberg adjusted; terms need {MIN_TESTED} postings over both "
        f"windows and each window {min_window_n} postings.",
        f"Grey bars are not significant (q >= {ALPHA}).",
    )
    figure = None
    if tested:
        figure = diverging_bars(
            [t.term for t in tested[:SHOWN]],
            [(t.share_recent or 0.0) - (t.share_before or 0.0) for t in tested[:SHOWN]],
            [t.q_value is not None and t.q_value < ALPHA for t in tested[:SHOWN]],
            [
                f"{t.term}: {t.share_before or 0:.1%} → {t.share_recent or 0:.1%} "
                f"(z = {t.z or 0:.2f}, q = {t.q_value or 1:.3f})"
                for t in tested[:SHOWN]
            ],
        )
        figure.update_xaxes(
            title_text=f"change in share, last {RECENT_MONTHS} months vs the {BEFORE_MONTHS} "
            "before",
            tickformat=".1%",
        )
    return Chart("new-tools-growth", "New terms by growth", figure, table, notes)


def _card(term: WatchedTerm, watch: WatchList, index: int) -> TermCard:
    examples = tuple(_example(ex) for ex in term.examples)
    return TermCard(
        term=term.term,
        anchor=f"term-{index + 1}",
        postings=term.postings,
        first_month=term.first_month,
        trend=term.trend,
        spark_points=sparkline_points(term.monthly),
        spark_label=_spark_label(term, watch),
        examples=examples,
    )


def _example(example: TermExample) -> Example:
    credit, credit_url = (None, None)
    if example.attribution.strip():
        credit, credit_url = parse_attribution(example.attribution, example.source)
    line, start, end = example.line, example.start, example.end
    return Example(
        title=example.title,
        company=example.company,
        month=example.month,
        url=safe_url(example.url),
        before=line[:start],
        match=line[start:end],
        after=line[end:],
        credit=credit,
        credit_url=credit_url,
    )


def sparkline_points(counts: tuple[int, ...]) -> str:
    """SVG polyline points for `counts` in a SPARK_WIDTH x SPARK_HEIGHT box (0 at the bottom)."""
    if not counts:
        return ""
    top = max(max(counts), 1)
    step = SPARK_WIDTH / max(len(counts) - 1, 1)
    return " ".join(
        f"{i * step:.1f},{SPARK_HEIGHT - 2 - (c / top) * (SPARK_HEIGHT - 4):.1f}"
        for i, c in enumerate(counts)
    )


def _spark_label(term: WatchedTerm, watch: WatchList) -> str:
    if not watch.months:
        return ""
    return (
        f"Postings naming {term.term} per month, {watch.months[0]} to {watch.months[-1]}: "
        + ", ".join(str(c) for c in term.monthly)
    )
