"""A chart on the site: its figure, the aggregate table behind it, and their safe serializations.

The table is serialized once, to CSV; the HTML table under the chart is read back from that CSV
text, so the download and the table on the page cannot disagree.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

FLOAT_DIGITS = 4
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Characters that could end a <script> element or start an HTML comment inside it, as JSON escapes.
_SCRIPT_UNSAFE = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"})


@dataclass(frozen=True)
class Chart:
    """One figure plus its aggregate table; `name` is unique on the site (div id, CSV file)."""

    name: str
    title: str
    figure: go.Figure | None
    table: pd.DataFrame
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"chart name {self.name!r} is not a lowercase slug")

    @property
    def csv_path(self) -> str:
        return f"csv/{self.name}.csv"

    @property
    def dom_id(self) -> str:
        return f"fig-{self.name}"


def _round(value: float) -> float:
    """4 decimals; tiny values (p-values) keep 3 significant digits instead of becoming 0."""
    if value != 0 and abs(value) < 10**-FLOAT_DIGITS:
        return float(f"{value:.3g}")
    return round(value, FLOAT_DIGITS)


def _cell(value: object) -> object:
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, pd.Timestamp):
        utc = value.tz_convert("UTC") if value.tzinfo is not None else value
        return utc.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, float | np.floating):
        return "" if math.isnan(value) else _round(float(value))
    if isinstance(value, np.integer):
        return int(value)
    return value


def table_csv(table: pd.DataFrame) -> str:
    """The table as CSV text: floats rounded to 4 digits, times as 'YYYY-MM-DD HH:MM UTC'."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([str(c) for c in table.columns])
    for row in table.itertuples(index=False, name=None):
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def csv_rows(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of CSV text made by `table_csv`."""
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def script_safe_json(text: str) -> str:
    """JSON text that cannot close or comment out the <script> element it is embedded in."""
    return text.translate(_SCRIPT_UNSAFE)


def _short_floats(value: object) -> object:
    """Floats cut to 6 significant digits (NaN and infinity become null), in nested lists and
    dicts: plenty for a chart, and JSON.parse accepts the result."""
    if isinstance(value, float):
        return float(f"{value:.6g}") if math.isfinite(value) else None
    if isinstance(value, list):
        return [_short_floats(v) for v in value]
    if isinstance(value, dict):
        return {k: _short_floats(v) for k, v in value.items()}
    return value


def figure_json(figure: go.Figure) -> str:
    """The figure's data and layout as compact, script-safe JSON."""
    spec = json.loads(figure.to_json())
    compact = json.dumps(
        {"data": _short_floats(spec["data"]), "layout": _short_floats(spec["layout"])},
        separators=(",", ":"),
        ensure_ascii=False,
        sort_keys=True,
        allow_nan=False,
    )
    return script_safe_json(compact)
