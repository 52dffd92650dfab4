"""Every page of the demo report in headless Chromium: no errors, drawn figures, tables, CSV
files, and the planted HTML-injection posting shown as text without running."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from jobtrends.scraper.demo.companies import XSS_COMPANY, XSS_TITLE

if TYPE_CHECKING:
    from tests.browser.crawl import PageVisit

pytestmark = pytest.mark.slow
MAIN_PAGES = {
    "index.html", "skills.html", "salary.html", "new-tools.html", "claims.html", "sources.html",
    "methodology.html",
}  # fmt: skip


def test_every_page_of_the_report_was_opened(
    demo_report: Path, visits: dict[str, PageVisit]
) -> None:
    on_disk = {p.name for p in demo_report.glob("*.html")}
    assert set(visits) == on_disk
    assert on_disk >= MAIN_PAGES
    assert sum(name.startswith("role-") for name in on_disk) == 7
    assert sum(name.startswith("skill-") for name in on_disk) >= 50


def test_no_console_errors_and_no_page_errors(visits: dict[str, PageVisit]) -> None:
    failures = {
        name: (v.console_errors, v.page_errors)
        for name, v in visits.items()
        if v.console_errors or v.page_errors
    }
    assert failures == {}


def test_every_figure_is_drawn_with_at_least_one_trace_of_data(
    visits: dict[str, PageVisit],
) -> None:
    drawn = 0
    for name, visit in visits.items():
        plots = {plot.id: plot for plot in visit.plots}
        assert set(plots) == set(visit.plot_divs), name  # Plotly took over every figure div
        for plot in plots.values():
            assert plot.points and max(plot.points) > 0, (name, plot.id)
            assert plot.svg > 0, (name, plot.id)
            drawn += 1
    assert drawn >= 300
    assert len(visits["index.html"].plots) == 6
    assert len(visits["claims.html"].plots) >= 8


def test_every_chart_has_its_data_table_and_a_csv_file(
    demo_report: Path, visits: dict[str, PageVisit]
) -> None:
    for name, visit in visits.items():
        for chart in visit.charts:
            assert chart.table, (name, chart.id)
            assert chart.csv == f"csv/{chart.id}.csv", (name, chart.id)
            path = demo_report / chart.csv
            assert path.is_file(), (name, chart.csv)
            with path.open(encoding="utf-8", newline="") as handle:
                assert tuple(next(csv.reader(handle))) == chart.header, (name, chart.id)
    assert sum(len(v.charts) for v in visits.values()) >= 3 * len(visits)


def test_the_planted_payload_shows_as_text_and_never_runs(visits: dict[str, PageVisit]) -> None:
    assert {name: v.xss for name, v in visits.items() if v.xss != "undefined"} == {}
    showing = [name for name, v in visits.items() if XSS_TITLE in v.text and XSS_COMPANY in v.text]
    assert showing, "the planted posting should be visible as text on some page"
    assert all(name.startswith("skill-") for name in showing)


def test_the_new_tools_page_shows_the_invented_tools_with_their_examples(
    demo_report: Path, visits: dict[str, PageVisit]
) -> None:
    """The demo's invented tools (in no taxonomy) are found as candidates and shown with a
    sparkline and marked example lines; none of them is counted as a skill anywhere."""
    from jobtrends.scraper.demo.new_tools import NEW_TOOLS

    page = visits["new-tools.html"]
    assert {c.id for c in page.charts} == {"new-tools-named", "new-tools-growth"}
    html = (demo_report / "new-tools.html").read_text(encoding="utf-8")
    for tool in NEW_TOOLS:
        assert tool.name in page.text
        assert f"<mark>{tool.name}</mark>" in html
    assert html.count('<svg class="sparkline"') >= len(NEW_TOOLS)
    skills = (demo_report / "csv" / "skills-index.csv").read_text(encoding="utf-8")
    assert not any(tool.name in skills for tool in NEW_TOOLS)
