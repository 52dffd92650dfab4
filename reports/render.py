"""Pages to HTML with Jinja2 (autoescape on), and the files written beside them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

import jinja2
import plotly.offline
from markupsafe import Markup

from jobtrends.reports.charts import Chart, csv_rows, figure_json, table_csv
from jobtrends.reports.page import Page

# Templates and static files are package data of jobtrends.reports (templates/, static/).
PACKAGE_DATA = resources.files("jobtrends.reports")
PLOTLY_JS = "plotly.min.js"
STATIC_FILES = ("site.css", "site.js")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?(e-?\d+)?$")


@dataclass(frozen=True)
class NavLink:
    href: str
    label: str


@dataclass(frozen=True)
class Navigation:
    main: tuple[NavLink, ...]
    roles: tuple[NavLink, ...]


@dataclass(frozen=True)
class ChartView:
    """What the chart macro needs: escaped-by-construction figure JSON and the table as text."""

    name: str
    title: str
    dom_id: str
    notes: tuple[str, ...]
    csv_path: str
    figure_json: Markup | None
    header: list[str]
    rows: list[list[str]]
    numeric: list[bool]


def chart_view(chart: Chart, csv_text: str) -> ChartView:
    header, rows = csv_rows(csv_text)
    numeric = [
        bool(rows) and all(_NUMBER.match(row[i]) or row[i] == "" for row in rows)
        for i in range(len(header))
    ]
    # figure_json escapes <, > and & itself, so it is safe to mark as Markup.
    spec = Markup(figure_json(chart.figure)) if chart.figure is not None else None
    return ChartView(
        name=chart.name,
        title=chart.title,
        dom_id=chart.dom_id,
        notes=chart.notes,
        csv_path=chart.csv_path,
        figure_json=spec,
        header=header,
        rows=rows,
        numeric=numeric,
    )


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _template_source(name: str) -> str | None:
    template = PACKAGE_DATA / "templates" / name
    return template.read_text(encoding="utf-8") if template.is_file() else None


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


class SiteWriter:
    """Writes pages, their CSV files and the shared assets into one folder."""

    def __init__(self, out_dir: Path, navigation: Navigation, generated_at: datetime) -> None:
        self.out_dir = out_dir
        self.navigation = navigation
        self.generated = generated_at.strftime("%Y-%m-%d %H:%M UTC")
        self.env = environment()
        self.written: set[Path] = set()

    def write_assets(self) -> None:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        (self.out_dir / "csv").mkdir(exist_ok=True)
        for name in STATIC_FILES:
            text = (PACKAGE_DATA / "static" / name).read_text(encoding="utf-8")
            self._write(self.out_dir / name, text)
        self._write(self.out_dir / PLOTLY_JS, plotly.offline.get_plotlyjs())

    def write_page(self, page: Page) -> Path:
        views = {}
        for key, chart in page.charts.items():
            text = table_csv(chart.table)
            self._write(self.out_dir / chart.csv_path, text)
            views[key] = chart_view(chart, text)
        html = self.env.get_template(page.template).render(
            page=page,
            charts=views,
            nav=self.navigation,
            generated=self.generated,
            has_figures=any(v.figure_json is not None for v in views.values()),
            **page.context,
        )
        path = self.out_dir / page.filename
        self._write(path, html)
        return path

    def remove_stale(self) -> None:
        """Delete pages and CSV files an earlier build wrote that this build did not."""
        patterns = ("role-*.html", "skill-*.html", "csv/*.csv")
        for pattern in patterns:
            for path in self.out_dir.glob(pattern):
                if path not in self.written:
                    path.unlink()

    def _write(self, path: Path, text: str) -> None:
        self.written.add(path)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            return
        _write_text(path, text)
