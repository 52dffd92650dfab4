"""The methodology page counts where remote, salary, seniority and country came from."""

from pathlib import Path

from bs4 import BeautifulSoup

from jobtrends.reports.data import ReportData
from jobtrends.reports.site import build_site, provenance_counts
from tests.reports.synthetic import make_report_data
from tests.reports.test_aggregates import tiny_site


def _with_provenance(data: ReportData) -> ReportData:
    postings = data.postings.copy()
    count = len(postings)
    postings["remote_from"] = ["source" if i % 4 == 0 else "text" for i in range(count)]
    postings["salary_from"] = ["source" if i % 5 == 0 else None for i in range(count)]
    postings["seniority_from"] = [None] * count
    postings["country_from"] = ["text"] * count
    assert data.mentions is not None
    return ReportData.from_mentions(
        postings, data.mentions, data.runs, data.categories, data.generated_at
    )


def test_counts_per_value_and_origin() -> None:
    origins = zip(["source", "text", None, "text"], ["source", None, None, None], strict=True)
    postings: list[dict[str, object]] = [
        {"posting_id": i, "remote_from": remote, "salary_from": salary, "seniority_from": None}
        for i, (remote, salary) in enumerate(origins, start=1)
    ]
    site = tiny_site(postings, [{"posting_id": 1, "skill_id": "python", "category": "lang"}])
    assert provenance_counts(site.stored) == [
        {"label": "Remote mode", "source": 1, "text": 2, "none": 1},
        {"label": "Salary", "source": 1, "text": 0, "none": 3},
        {"label": "Seniority", "source": 0, "text": 0, "none": 4},
        {"label": "Country", "source": 0, "text": 0, "none": 4},  # a frame without the column
    ]


def test_the_methodology_page_shows_the_counts(tmp_path: Path) -> None:
    data = _with_provenance(make_report_data(count=120))
    build_site(data, tmp_path, min_month_n=3)
    page = BeautifulSoup((tmp_path / "methodology.html").read_text(encoding="utf-8"), "lxml")
    heading = page.find("h2", string="Stated by the source or read from the text")
    assert heading is not None
    table = heading.find_next("table")
    rows = [[cell.get_text() for cell in row.find_all("td")] for row in table.find_all("tr")[1:]]
    assert rows == [
        ["Remote mode", "30", "90", "0"],
        ["Salary", "24", "0", "96"],
        ["Seniority", "0", "0", "120"],
        ["Country", "0", "120", "0"],
    ]
