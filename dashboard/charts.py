"""Chart builders: plain functions from chart points to plotly figures (no Dash, no store).

Encodings, explained under the chart in the app:
- one colour per series; levels and changes on separate panels, one panel per unit;
- a marker per report (shape by publisher, hollow when derived, faded when projected), placed at
  the end of its period, with a translucent bar spanning the period it covers;
- lines join only points of the same period length, so Jan–Aug is never joined to a full year.
Every marker carries [figure_id, doc_id] in customdata: clicking it opens its citation.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from extract.series import format_value, percent_change

COLOURS = qualitative.Plotly + qualitative.D3
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon", "star", "x")
TRANSFORMS = ("level", "pct")


def _esc(value: object) -> str:
    """Plotly renders a subset of HTML in labels and hover text: article text must stay text."""
    return html.escape("" if value is None or value != value else str(value), quote=False)


def empty_chart(message: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        template="plotly_white",
        height=360,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": _esc(message),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 15, "color": "#555"},
            }
        ],
    )
    return fig


def transform_points(points: pd.DataFrame, transform: str) -> pd.DataFrame:
    """Points as plotted: levels, or levels turned into changes on their previous period."""
    if transform not in TRANSFORMS:
        raise ValueError(
            f"unknown transformation {transform!r}: use one of {', '.join(TRANSFORMS)}"
        )
    if transform == "pct":
        out = percent_change(points)
        is_level = out["kind"] == "level"
        out.loc[is_level, "unit"] = out.loc[is_level, "transformed_unit"]
        out.loc[is_level, "kind"] = "change"
        out = out.drop(columns=["transformed_unit"])
    else:
        out = points.copy()
    return out[out["x"].notna() & out["value"].notna()].reset_index(drop=True)


def panel_of(kind: str, unit: str) -> str:
    return f"{'Level' if kind == 'level' else 'Change'} · {unit or 'no unit'}"


def _hover(row: Mapping, label: str, shown_value: str) -> str:
    lines = [
        f"<b>{_esc(label)}</b>",
        f"{_esc(shown_value)} ({_esc(row['kind'])}, {_esc(row['qualifier'])})",
        f"{_esc(row['period_text'])} · {_esc(row['period_class'])} period",
        f"{_esc(row['title'] or '(untitled)')} — {_esc(row['publisher'])}",
    ]
    if row.get("published") is not None:
        lines[-1] += f", {_esc(row['published'])}"
    if row["derived"]:
        lines.append(f"derived: {_esc(row['derivation'])}")
    if row["modality"] == "projected":
        lines.append("projected (plan or forecast)")
    if row["placement"] != "period end":
        lines.append(f"placed at {_esc(row['placement'])}")
    lines.append("<i>click for the quote</i>")
    return "<br>".join(lines)


def _jitter(frame: pd.DataFrame) -> pd.Series:
    """Spread reports of the same date a little apart so each marker can be hovered and clicked."""
    x = pd.to_datetime(frame["x"])
    if x.empty:
        return x
    span = (x.max() - x.min()) if len(x) > 1 else pd.Timedelta(days=365)
    step = max(pd.Timedelta(days=1), span / 45)  # about a marker's width on a typical chart
    rank = frame.groupby(x).cumcount()
    size = x.map(x.value_counts())
    return x + (rank - (size - 1) / 2) * step


def series_chart(
    points: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    transform: str = "level",
    log: bool = False,
) -> go.Figure:
    """The selected series over time, comparable: one panel per (level or change, unit)."""
    plotted = transform_points(points, transform)
    if plotted.empty:
        return empty_chart(
            "No comparable earlier period to compute a change from"
            if transform == "pct" and not points.empty
            else "No dated figures in this view"
        )
    plotted["panel"] = [
        panel_of(k, u) for k, u in zip(plotted["kind"], plotted["unit"], strict=True)
    ]
    panels = sorted(plotted["panel"].unique(), key=lambda p: (not p.startswith("Level"), p))
    keys = list(dict.fromkeys(k for k in labels if k in set(plotted["series_key"])))
    keys += [k for k in plotted["series_key"].unique() if k not in keys]
    publishers = {p: i for i, p in enumerate(dict.fromkeys(plotted["publisher"]))}
    fig = make_subplots(
        rows=len(panels),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12 if len(panels) > 1 else 0.05,
        subplot_titles=[_esc(p) for p in panels],
    )
    plotted["xj"] = pd.NaT
    for panel in panels:
        idx = plotted.index[plotted["panel"] == panel]
        plotted.loc[idx, "xj"] = _jitter(plotted.loc[idx])
    for colour_index, key in enumerate(keys):
        colour = COLOURS[colour_index % len(COLOURS)]
        label = labels.get(key, key)
        mine = plotted[plotted["series_key"] == key]
        for panel, group in mine.groupby("panel", sort=False):
            row = panels.index(panel) + 1
            _add_spans(fig, group, colour, key, row)
            _add_lines(fig, group, colour, key, row)
            shown = [format_value(v, u) for v, u in zip(group["value"], group["unit"], strict=True)]
            symbols = [
                SYMBOLS[publishers[p] % len(SYMBOLS)] + ("-open" if d else "")
                for p, d in zip(group["publisher"], group["derived"], strict=True)
            ]
            fig.add_trace(
                go.Scatter(
                    x=group["xj"],
                    y=group["value"],
                    mode="markers",
                    name=_esc(label),
                    legendgroup=key,
                    showlegend=True,
                    marker={
                        "color": colour,
                        "size": 11,
                        "symbol": symbols,
                        "opacity": [0.55 if m == "projected" else 1.0 for m in group["modality"]],
                        "line": {"width": 1.5, "color": colour},
                    },
                    customdata=list(
                        zip(group["figure_id"], group["doc_id"], group["series_key"], strict=True)
                    ),
                    hovertext=[
                        _hover(r, label, s)
                        for r, s in zip(group.to_dict(orient="records"), shown, strict=True)
                    ],
                    hovertemplate="%{hovertext}<extra></extra>",
                ),
                row=row,
                col=1,
            )
    for i, panel in enumerate(panels, start=1):
        unit = panel.split(" · ", 1)[1]
        axis: dict = {"title": {"text": _esc(unit)}, "zeroline": True, "exponentformat": "B"}
        values = plotted.loc[plotted["panel"] == panel, "value"]
        if log and panel.startswith("Level") and (values > 0).all():
            axis["type"] = "log"
        fig.update_yaxes(axis, row=i, col=1)
    fig.update_xaxes(type="date", showgrid=True)
    fig.update_layout(
        template="plotly_white",
        height=max(380, 300 * len(panels) + 80),
        hovermode="closest",
        clickmode="event",
        margin={"l": 70, "r": 20, "t": 40, "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
        uirevision="|".join(keys) + f"|{transform}|{log}",
    )
    return fig


def _add_spans(fig: go.Figure, group: pd.DataFrame, colour: str, key: str, row: int) -> None:
    """Translucent bars over the period each point covers (from period start to its end)."""
    xs: list = []
    ys: list = []
    for start, end, value in zip(
        group["period_start"], group["period_end"], group["value"], strict=True
    ):
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start != end:
            xs += [start, end, None]
            ys += [value, value, None]
    if xs:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": colour, "width": 7},
                opacity=0.22,
                hoverinfo="skip",
                showlegend=False,
                legendgroup=key,
                name="period covered",
            ),
            row=row,
            col=1,
        )


def _add_lines(fig: go.Figure, group: pd.DataFrame, colour: str, key: str, row: int) -> None:
    """Join comparable periods only; several reports of one period join through their mean."""
    for cls, same in group.groupby("period_class", sort=False):
        if cls == "unknown" or same["x"].nunique() < 2:
            continue
        means = same.groupby("x")["value"].mean().sort_index()
        fig.add_trace(
            go.Scatter(
                x=means.index,
                y=means.values,
                mode="lines",
                line={"color": colour, "width": 1.5, "dash": "solid" if cls == "year" else "dot"},
                hoverinfo="skip",
                showlegend=False,
                legendgroup=key,
                name=f"{cls} periods",
            ),
            row=row,
            col=1,
        )


def graph_config(filename: str = "figures-chart") -> dict:
    """dcc.Graph config: PNG from the modebar at twice the size; SVG via the app's button."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }
