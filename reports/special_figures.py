"""Figures for matrices, changes, distributions and selections (see `figures` for the basics)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from jobtrends.reports.figures import GREY, PALETTE, bar_height, finish, label, labels


def heatmap(
    x: Sequence[str],
    y: Sequence[str],
    z: Sequence[Sequence[float | None]],
    *,
    hover: str,
    customdata: Sequence[Sequence[object]] | None = None,
    percent: bool = True,
) -> go.Figure:
    trace = go.Heatmap(
        x=labels(x),
        y=labels(y),
        z=[list(row) for row in z],
        customdata=None if customdata is None else [list(row) for row in customdata],
        colorscale="Blues",
        hovertemplate=hover + "<extra></extra>",
        colorbar={"tickformat": ".0%" if percent else ""},
        xgap=1,
        ygap=1,
    )
    figure = go.Figure(trace)
    figure.update_yaxes(autorange="reversed", type="category")
    figure.update_xaxes(type="category", tickangle=-35)
    return finish(figure, max(300, 120 + 28 * len(y)))


def diverging_bars(
    names: Sequence[str],
    diffs: Sequence[float],
    significant: Sequence[bool],
    hover: Sequence[str],
) -> go.Figure:
    """Changes in share (percentage points): rising right, falling left, faint when not
    significant."""
    colors = [
        (PALETTE[2] if d > 0 else PALETTE[3]) if sig else GREY
        for d, sig in zip(diffs, significant, strict=True)
    ]
    trace = go.Bar(
        orientation="h",
        y=labels(names),
        x=list(diffs),
        marker_color=colors,
        hovertext=labels(hover),
        hovertemplate="%{hovertext}<extra></extra>",
    )
    figure = go.Figure(trace)
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title_text="change in share, last 6 months vs the 6 before", zeroline=True)
    return finish(figure, bar_height(len(diffs)), percent="x")


@dataclass(frozen=True)
class Quartiles:
    labels: Sequence[str]
    low: Sequence[float]
    q1: Sequence[float]
    median: Sequence[float]
    q3: Sequence[float]
    high: Sequence[float]


def quartile_boxes(boxes: Quartiles, *, axis_title: str) -> go.Figure:
    """Box plots drawn from precomputed statistics (no individual values leave the report)."""
    trace = go.Box(
        x=labels(boxes.labels),
        lowerfence=list(boxes.low),
        q1=list(boxes.q1),
        median=list(boxes.median),
        q3=list(boxes.q3),
        upperfence=list(boxes.high),
        marker_color=PALETTE[0],
        name="",
    )
    figure = go.Figure(trace)
    figure.update_yaxes(title_text=axis_title, tickformat=",.0f")
    figure.update_xaxes(type="category")
    return finish(figure, 380)


@dataclass(frozen=True)
class BarOption:
    """One entry of a dropdown: the bars shown when `title` is selected."""

    title: str
    names: Sequence[str]
    values: Sequence[float]
    hover: Sequence[str]


def _option_trace(option: BarOption, *, visible: bool) -> go.Bar:
    return go.Bar(
        orientation="h",
        y=labels(option.names),
        x=list(option.values),
        hovertext=labels(option.hover),
        hovertemplate="%{hovertext}<extra></extra>",
        visible=visible,
        name=label(option.title),
        marker_color=PALETTE[0],
    )


def hover_bars(option: BarOption, *, axis_title: str, shares: bool = True) -> go.Figure:
    """Horizontal bars with a sentence of hover text each: shares (a percent axis) or counts."""
    figure = go.Figure(_option_trace(option, visible=True))
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title_text=axis_title, **({} if shares else {"rangemode": "tozero"}))
    return finish(figure, bar_height(len(option.names)), percent="x" if shares else None)


def dropdown_bars(options: Sequence[BarOption], *, axis_title: str) -> go.Figure:
    """Horizontal bars with a dropdown that switches between `options` (first one shown)."""
    figure = go.Figure([_option_trace(o, visible=i == 0) for i, o in enumerate(options)])
    buttons = [
        {
            "label": label(option.title),
            "method": "update",
            "args": [{"visible": [j == i for j in range(len(options))]}],
        }
        for i, option in enumerate(options)
    ]
    menu = {"buttons": buttons, "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"}
    figure.update_layout(updatemenus=[menu], margin={"t": 60})
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(title_text=axis_title)
    longest = max((len(o.names) for o in options), default=1)
    return finish(figure, bar_height(longest) + 40, percent="x")
