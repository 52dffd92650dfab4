"""Plotly figure builders with one lean template; every text label from the data is HTML-escaped.

Plotly renders labels and hover text as a small subset of HTML and decodes entities, so escaping
`&`, `<` and `>` makes a label such as `<img onerror=...>` display as the literal text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

PALETTE = (
    "#2f6db5", "#e08a1e", "#3a9c6b", "#c4506b", "#7a5cb8", "#3fa7c4", "#9c6b3a", "#6b7a8f",
    "#b5a22f", "#d46fb0",
)  # fmt: skip
GREY = "#c9ced6"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
LEAN_TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": FONT, "size": 13, "color": "#1f2933"},
        "colorway": list(PALETTE),
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hoverlabel": {"font": {"family": FONT}},
        "xaxis": {"gridcolor": "#e6e9ee", "zeroline": False, "automargin": True},
        "yaxis": {"gridcolor": "#e6e9ee", "zeroline": False, "automargin": True},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        "margin": {"l": 10, "r": 20, "t": 20, "b": 10},
    }
)


def label(value: object) -> str:
    """Text from the data, safe to show as a Plotly label or hover text."""
    return html.escape(str(value), quote=False)


def labels(values: Sequence[object]) -> list[str]:
    return [label(v) for v in values]


def finish(figure: go.Figure, height: int, *, percent: str | None = None) -> go.Figure:
    figure.update_layout(template=LEAN_TEMPLATE, height=height)
    if percent == "x":
        figure.update_xaxes(tickformat=".0%", rangemode="tozero")
    elif percent == "y":
        figure.update_yaxes(tickformat=".0%", rangemode="tozero")
    return figure


def bar_height(count: int) -> int:
    return max(220, 60 + 26 * count)


@dataclass(frozen=True)
class ShareBars:
    """Shares with 95% intervals, one bar per label, drawn top to bottom in the order given."""

    labels: Sequence[str]
    share: Sequence[float]
    low: Sequence[float]
    high: Sequence[float]
    k: Sequence[int]
    n: Sequence[int]


def share_bars(bars: ShareBars, axis_title: str) -> go.Figure:
    share = list(bars.share)
    trace = go.Bar(
        orientation="h",
        y=labels(bars.labels),
        x=share,
        error_x={
            "type": "data",
            "symmetric": False,
            "array": [h - s for h, s in zip(bars.high, share, strict=True)],
            "arrayminus": [s - lo for s, lo in zip(share, bars.low, strict=True)],
            "color": "#58606b",
            "thickness": 1.2,
        },
        customdata=[[k, n] for k, n in zip(bars.k, bars.n, strict=True)],
        hovertemplate="%{y}: %{x:.1%} (%{customdata[0]} of %{customdata[1]})<extra></extra>",
        marker_color=PALETTE[0],
    )
    figure = go.Figure(trace)
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title_text=axis_title)
    return finish(figure, bar_height(len(share)), percent="x")


def stacked_bars(
    x: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    y_title: str,
    percent: bool = False,
    greyed: Sequence[str] = (),
) -> go.Figure:
    """One stacked bar per x value; `greyed` x values get a grey band behind them."""
    figure = go.Figure()
    hover = "%{x}, %{fullData.name}: " + ("%{y:.1%}" if percent else "%{y}") + "<extra></extra>"
    for name, values in series.items():
        figure.add_trace(go.Bar(x=labels(x), y=list(values), name=label(name), hovertemplate=hover))
    positions = {value: i for i, value in enumerate(x)}
    for value in greyed:
        i = positions[value]
        figure.add_vrect(x0=i - 0.5, x1=i + 0.5, fillcolor=GREY, opacity=0.35, line_width=0)
    figure.update_layout(barmode="stack")
    figure.update_yaxes(title_text=y_title)
    figure.update_xaxes(type="category")
    return finish(figure, 380, percent="y" if percent else None)


@dataclass(frozen=True)
class TrendSeries:
    """Monthly points and a smoothed line; `thin` marks months drawn grey (too few postings),
    and a NaN in `smooth` leaves a gap where the pooled window is still too small."""

    name: str
    months: Sequence[str]
    raw: Sequence[float]
    smooth: Sequence[float]
    thin: Sequence[bool] = ()


def trend_lines(series: Sequence[TrendSeries], *, y_title: str) -> go.Figure:
    """Raw monthly shares as points and their smoothed line, one colour per series."""
    figure = go.Figure()
    for i, item in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        name = label(item.name)
        thin = list(item.thin) or [False] * len(item.months)
        figure.add_trace(
            go.Scatter(
                x=list(item.months),
                y=list(item.raw),
                mode="markers",
                name=name,
                legendgroup=name,
                showlegend=False,
                marker={
                    "color": [GREY if low else color for low in thin],
                    "size": 6,
                    "opacity": 0.55,
                },
                hovertemplate=name + " %{x|%Y-%m}: %{y:.1%}<extra>month</extra>",
            )
        )
        figure.add_trace(
            go.Scatter(
                x=list(item.months),
                y=list(item.smooth),
                mode="lines",
                name=name,
                legendgroup=name,
                line={"color": color, "width": 2.5},
                connectgaps=False,
                hovertemplate=name + " %{x|%Y-%m}: %{y:.1%}<extra>3-month pooled</extra>",
            )
        )
    # A date axis keeps left-out months as visible gaps.
    figure.update_xaxes(type="date", tickformat="%b %Y")
    figure.update_yaxes(title_text=y_title)
    return finish(figure, 400, percent="y")


def grouped_bars(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    axis_title: str,
    stacked: bool = False,
    percent: bool = True,
) -> go.Figure:
    """Horizontal bars: one group (or stack) per category, one colour per series."""
    figure = go.Figure()
    value = "%{x:.1%}" if percent else "%{x}"
    for name, values in series.items():
        figure.add_trace(
            go.Bar(
                orientation="h",
                y=labels(categories),
                x=list(values),
                name=label(name),
                hovertemplate="%{y}, %{fullData.name}: " + value + "<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack" if stacked else "group")
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title_text=axis_title)
    rows = len(categories) * (1 if stacked else max(1, len(series)))
    return finish(figure, bar_height(rows), percent="x" if percent else None)
