"""Chart serialization: CSV text, script-safe figure JSON, example helpers, data validation."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from jobtrends.reports.attribution import safe_url
from jobtrends.reports.charts import Chart, csv_rows, figure_json, script_safe_json, table_csv
from jobtrends.reports.data import ReportData, ReportDataError
from jobtrends.reports.figures import label
from jobtrends.reports.pages.examples import split_on_match
from tests.reports.synthetic import make_report_data


def test_table_csv_formats_cells_and_reads_back() -> None:
    table = pd.DataFrame(
        {
            "name": ["a,b", 'say "hi"', None],
            "share": [1 / 3, np.nan, 2.5e-9],
            "count": np.array([1, 2, 3], dtype="int64"),
            "flag": [True, False, True],
            "when": pd.to_datetime(
                pd.Series(["2024-01-02T03:04:05Z", None, "2024-12-31T23:59:00Z"]), utc=True
            ),
        }
    )
    text = table_csv(table)
    header, rows = csv_rows(text)
    assert header == ["name", "share", "count", "flag", "when"]
    assert rows == [
        ["a,b", "0.3333", "1", "yes", "2024-01-02 03:04 UTC"],
        ['say "hi"', "", "2", "no", ""],
        ["", "2.5e-09", "3", "yes", "2024-12-31 23:59 UTC"],
    ]
    assert pd.read_csv(io.StringIO(text))["share"].iloc[2] == pytest.approx(2.5e-9)


def test_script_safe_json_cannot_end_the_script_element() -> None:
    raw = json.dumps({"label": "</script><script>alert(1)</script><!-- & \u2028"})
    safe = script_safe_json(raw)
    assert "<" not in safe and ">" not in safe and "&" not in safe
    assert json.loads(safe) == json.loads(raw)


def test_figure_json_keeps_data_and_escapes_labels() -> None:
    hostile = "</script><img src=x onerror=alert(1)>"
    figure = go.Figure(go.Bar(x=[label(hostile)], y=[3]))
    text = figure_json(figure)
    assert "</script" not in text.lower()
    spec = json.loads(text)
    assert spec["data"][0]["y"] == [3]
    # Plotly decodes entities when it draws, so the label shows the original text.
    assert spec["data"][0]["x"] == ["&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"]
    go.Figure(spec)  # still a valid figure


def test_figure_json_is_strict_json_with_short_floats() -> None:
    figure = go.Figure(
        go.Scatter(x=["2024-01", "2024-02", "2024-03"], y=[1 / 3, float("nan"), 2.0])
    )
    text = figure_json(figure)
    assert "NaN" not in text
    assert json.loads(text)["data"][0]["y"] == [0.333333, None, 2.0]


def test_chart_names_must_be_slugs() -> None:
    with pytest.raises(ValueError, match="slug"):
        Chart("Bad Name", "t", None, pd.DataFrame())
    chart = Chart("role-ml_engineer-top", "t", None, pd.DataFrame())
    assert chart.csv_path == "csv/role-ml_engineer-top.csv"
    assert chart.dom_id == "fig-role-ml_engineer-top"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://boards.example.org/jobs/1", "https://boards.example.org/jobs/1"),
        ("http://example.org/x", "http://example.org/x"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//example.org/no-scheme", None),
        ("https://", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_safe_url(url: object, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_split_on_match_marks_the_first_case_insensitive_occurrence() -> None:
    assert split_on_match("We use PyTorch and pytorch", "pytorch") == (
        "We use ",
        "PyTorch",
        " and pytorch",
    )
    assert split_on_match("C++ (modern)", "c++") == ("", "C++", " (modern)")
    assert split_on_match("nothing here", "rust") == ("nothing here", "", "")
    assert split_on_match("empty text", "") == ("empty text", "", "")


def test_report_data_checks_columns_and_clock() -> None:
    data = make_report_data(count=40)
    with pytest.raises(ReportDataError, match="postings frame lacks columns: dup_group"):
        ReportData.from_mentions(
            data.postings.drop(columns="dup_group"),
            data.mentions,
            data.runs,
            data.categories,
            data.generated_at,
        )
    for clock in (datetime(2025, 1, 1), datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=2)))):
        with pytest.raises(ReportDataError, match="aware UTC"):
            ReportData.from_mentions(
                data.postings, data.mentions, data.runs, data.categories, clock
            )
