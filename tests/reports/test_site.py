"""build_site on a synthetic ReportData: pages, figures, CSV files, safety and determinism."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
import plotly.offline
import pytest
from bs4 import BeautifulSoup, Tag

from jobtrends.pipeline.vocab import AI_ROLES, ROLES
from jobtrends.reports.analysis import stats
from jobtrends.reports.data import ReportData
from jobtrends.reports.site import build_site
from tests.reports.synthetic import (
    XSS_COMPANY,
    XSS_CONTEXT,
    XSS_SKILL_NAME,
    XSS_TITLE,
    XSS_URL,
    make_report_data,
)

MIN_N = 3
MAIN_PAGES = (
    "index.html", "skills.html", "salary.html", "new-tools.html", "claims.html", "sources.html",
    "methodology.html",
)  # fmt: skip
CHARTS_PER_PAGE = {
    "index": 6, "role": 7, "skill": 3, "skills": 2, "sources": 6, "methodology": 0,
    "salary": 5,  # coverage, then role and skill per currency (USD and EUR)
    "claims": 12,  # the summary and one per default claim
    "new": 2,  # new-tools.html: most named, and growth
}  # fmt: skip
TABLE_ONLY = {"skills-index", "attribution", "claims-summary"}


@dataclass(frozen=True)
class Built:
    data: ReportData
    out: Path
    index: Path
    docs: dict[str, BeautifulSoup]  # page file name -> parsed page

    def doc(self, name: str) -> BeautifulSoup:
        return self.docs[name]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    data = make_report_data()
    out = tmp_path_factory.mktemp("site")
    index = build_site(data, out, min_month_n=MIN_N)
    return Built(data, out, index, {p.name: soup(p) for p in sorted(out.glob("*.html"))})


def pages(out: Path) -> list[Path]:
    return sorted(out.glob("*.html"))


def page_kind(path: Path) -> str:
    return path.stem.split("-")[0]


def expected_skill_pages(data: ReportData) -> set[str]:
    ai = data.postings[data.postings["role"].isin(AI_ROLES)]
    shares = stats.skill_shares(ai, data.mentions)
    return {f"skill-{s}.html" for s in shares.loc[shares["k"] >= 10, "skill_id"]}


def test_every_page_and_asset_is_written(built: Built) -> None:
    names = {p.name for p in pages(built.out)}
    roles = {f"role-{r}.html" for r in ROLES if (built.data.postings["role"] == r).any()}
    skill_pages = expected_skill_pages(built.data)
    assert len(skill_pages) >= 5
    assert names == {*MAIN_PAGES, *roles, *skill_pages}
    assert built.index == built.out / "index.html"
    js = (built.out / "plotly.min.js").read_text(encoding="utf-8")
    assert js == plotly.offline.get_plotlyjs()
    assert (built.out / "site.css").stat().st_size > 0
    assert (built.out / "site.js").stat().st_size > 0


def test_every_local_link_resolves_and_every_page_has_the_navigation(built: Built) -> None:
    for path in pages(built.out):
        doc = built.doc(path.name)
        nav = doc.select_one("nav.main-nav")
        assert nav is not None, path.name
        hrefs = {str(a["href"]) for a in nav.select("a")}
        assert set(MAIN_PAGES) <= hrefs
        role_links = {str(a["href"]) for a in doc.select("nav.role-nav a")}
        assert role_links == {p.name for p in built.out.glob("role-*.html")}
        for element in doc.select("[href], [src]"):
            target = str(element.get("href") or element.get("src"))
            if target.startswith("#"):
                assert doc.find(id=target[1:]) is not None, (path.name, target)
            elif not re.match(r"^[a-z]+:", target):
                assert (built.out / target.split("#")[0]).is_file(), (path.name, target)


def plots(doc: BeautifulSoup) -> dict[str, dict[str, object]]:
    """Chart section id -> figure spec, checking each embedded spec has a div to draw into."""
    found = {}
    for section in doc.select("section.chart"):
        div = section.select_one("div.plot")
        if div is None:
            continue
        script = section.select_one(f'script[type="application/json"][data-plot="{div["id"]}"]')
        assert script is not None
        found[str(section["id"])] = json.loads(script.string or "")
    return found


def trace_has_data(trace: dict[str, object]) -> bool:
    return any(isinstance(trace.get(key), list) and trace[key] for key in ("x", "y", "z", "q1"))


def test_each_page_shows_its_figures_with_data(built: Built) -> None:
    for path in pages(built.out):
        doc = built.doc(path.name)
        sections = [str(s["id"]) for s in doc.select("section.chart")]
        assert len(sections) == CHARTS_PER_PAGE[page_kind(path)], path.name
        specs = plots(doc)
        for name, spec in specs.items():
            traces = spec["data"]
            assert isinstance(traces, list) and traces, name
            assert any(trace_has_data(t) for t in traces), name
            go.Figure(spec)  # the embedded spec is a valid Plotly figure
        for name in set(sections) - set(specs):
            salary_hidden = "salary" in name and not csv_table(built.out, name)[1]
            assert name in TABLE_ONLY or salary_hidden, f"{path.name}: {name} has no figure"


def csv_table(out: Path, name: str) -> tuple[list[str], list[list[str]]]:
    with (out / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_csv_downloads_match_the_tables_on_the_page(built: Built) -> None:
    checked = 0
    for path in pages(built.out):
        for section in built.doc(path.name).select("section.chart"):
            name = str(section["id"])
            link = section.select_one("p.download a")
            assert isinstance(link, Tag) and link["href"] == f"csv/{name}.csv"
            table = section.select_one("details table")
            assert table is not None
            header = [th.get_text() for th in table.select("thead th")]
            rows = [[td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")]
            assert (header, rows) == csv_table(built.out, name), name
            checked += 1
    assert checked > 50


def test_hostile_strings_show_as_text(built: Built) -> None:
    doc = built.doc("skill-python.html")
    example = doc.select_one("section.examples li")
    assert example is not None
    assert XSS_TITLE in example.get_text()
    assert XSS_COMPANY in example.get_text()
    quote = example.select_one("blockquote")
    assert quote is not None and quote.get_text() == XSS_CONTEXT
    mark = quote.select_one("mark")
    assert mark is not None and mark.get_text() == "python"
    assert example.select_one("a") is None  # the javascript: URL is not linked
    for path in pages(built.out):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img" not in html, path.name
        assert XSS_URL not in html
        doc = built.doc(path.name)
        assert not doc.select("[onerror]")
        for script in doc.select("script"):
            assert script.get("src") in ("plotly.min.js", "site.js") or (
                script.get("type") == "application/json" and "</" not in (script.string or "")
            )
    # The skill name survives inside the figure JSON as escaped text, and as text in the table.
    specs = plots(built.doc("index.html"))
    labels = json.dumps(specs["top-skills"]["data"])
    assert json.dumps("&lt;/script&gt;&lt;img src=x onerror=alert(4)&gt;")[1:-1] in labels
    tables = built.doc("index.html").select("section#top-skills td")
    assert XSS_SKILL_NAME in [td.get_text() for td in tables]


def test_no_page_loads_anything_from_the_network(built: Built) -> None:
    for path in [*pages(built.out), built.out / "site.css"]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*\ssrc=[\"']?(https?:)?//", text, re.I), path.name
        assert not re.search(r"<link[^>]*\shref=[\"']?(https?:)?//", text, re.I), path.name
        assert not re.search(r"@import|url\(\s*[\"']?(https?:)?//", text, re.I), path.name


def test_output_is_identical_across_runs(built: Built, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_site(make_report_data(), again, min_month_n=MIN_N)
    first = {p.relative_to(built.out): p.read_bytes() for p in built.out.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_overview_numbers_follow_the_statistics(built: Built) -> None:
    data = built.data
    header, rows = csv_table(built.out, "postings-per-month")
    groups = stats.dedup_postings(data.postings)
    assert sum(int(r[header.index("postings")]) for r in rows) == groups["month"].notna().sum()

    header, rows = csv_table(built.out, "role-mix")
    by_month: dict[str, float] = {}
    for row in rows:
        by_month[row[0]] = by_month.get(row[0], 0.0) + float(row[header.index("share")])
    assert all(total == pytest.approx(1.0, abs=1e-3) for total in by_month.values())

    ai = data.postings[data.postings["role"].isin(AI_ROLES)]
    expected = stats.skill_shares(ai, data.mentions).sort_values(
        ["k", "skill_id"], ascending=[False, True]
    )
    header, rows = csv_table(built.out, "top-skills")
    assert [int(r[header.index("postings")]) for r in rows] == expected["k"].tolist()[:20]

    header, rows = csv_table(built.out, "rising-falling")
    found = {r[0]: r for r in rows}
    assert found["RAG"][header.index("direction")] == "rising"
    assert float(found["RAG"][header.index("q_value")]) < 0.05
    assert found["TensorFlow"][header.index("direction")] == "falling"
    assert rows[0][0] == "RAG"  # the strongest change ranks first


def test_thin_months_are_left_out_or_greyed_and_the_chart_says_so(tmp_path: Path) -> None:
    data = make_report_data(count=200)
    build_site(data, tmp_path, min_month_n=30)
    groups = stats.dedup_postings(data.postings)
    counts = {str(m): int(n) for m, n in groups["month"].value_counts().items()}
    low = sorted(m for m, n in counts.items() if n < 30)
    assert low, "the fixture should have thin months"
    _, rows = csv_table(tmp_path, "role-mix")
    assert not {r[0] for r in rows} & set(low)
    section = soup(tmp_path / "index.html").select_one("section#role-mix")
    assert section is not None
    assert all(f"{m} (n={counts[m]})" in section.get_text() for m in low)
    role_note = soup(tmp_path / "role-ml_engineer.html").select_one(
        "section#role-ml_engineer-trends"
    )
    assert role_note is not None
    assert "fewer than 30 postings are drawn grey" in role_note.get_text()
    header, _ = csv_table(tmp_path, "role-ml_engineer-trends")
    assert "pooled_3_months" in header


def test_an_empty_database_still_builds_every_page(tmp_path: Path) -> None:
    full = make_report_data(count=20)
    assert full.mentions is not None
    empty = ReportData.from_mentions(
        full.postings.iloc[0:0],
        full.mentions.iloc[0:0],
        full.runs.iloc[0:0],
        full.categories,
        full.generated_at,
    )
    index = build_site(empty, tmp_path)
    assert {p.name for p in pages(tmp_path)} == set(MAIN_PAGES)
    assert "Not enough data for this chart yet." in index.read_text(encoding="utf-8")


def test_a_rebuild_removes_only_its_own_stale_files(tmp_path: Path) -> None:
    data = make_report_data(count=120)
    (tmp_path / "csv").mkdir(parents=True)
    stale = [tmp_path / "skill-gone.html", tmp_path / "role-gone.html", tmp_path / "csv" / "x.csv"]
    for path in stale:
        path.write_text("old", encoding="utf-8")
    mine = tmp_path / "notes.txt"
    mine.write_text("keep me", encoding="utf-8")
    build_site(data, tmp_path, min_month_n=MIN_N)
    assert not any(path.exists() for path in stale)
    assert mine.read_text(encoding="utf-8") == "keep me"
