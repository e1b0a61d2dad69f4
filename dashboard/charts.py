"""Chart builders: plain functions from chart points to plotly figures (no Dash, no store).

Encodings, explained under the chart in the app:
- one colour per series; levels and changes on separate panels, one panel per unit;
- a marker per report (shape by publisher, hollow when derived, faded when projected), placed at
  the end of its period, with a translucent bar spanning the period it covers;
- lines join only points of the same period length, so Jan–Aug is never joined to a full year.
Every marker carries [figure_id, doc_id, series_key] in customdata: clicking it opens its citation.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping

import pandas as pd
from plotly.colors import qualitative

from extract.series import format_value, percent_change

COLOURS = qualitative.Plotly + qualitative.D3
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon", "star", "x")
TRANSFORMS = ("level", "pct")


def _esc(value: object) -> str:
    """Plotly renders a subset of HTML in labels and hover text: article text must stay text."""
    return html.escape("" if value is None or value != value else str(value), quote=False)


def _iso(values: object) -> list:
    """Dates as ISO strings (plotly.js reads them as dates; JSON cannot hold Timestamps)."""
    out = []
    for v in values:  # type: ignore[attr-defined]
        if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
            out.append(None)
        else:  # Timestamps and datetimes are dates too
            out.append(v.isoformat() if isinstance(v, dt.date) else v)
    return out


STYLE = {
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
    "font": {"family": "Liberation Sans, Arial, sans-serif", "size": 12, "color": "#2a3f5f"},
    "hoverlabel": {"align": "left"},
}
AXIS = {"gridcolor": "#EBF0F8", "linecolor": "#EBF0F8", "zerolinecolor": "#C8D4E3"}


def empty_chart(message: str) -> dict:
    return {
        "data": [],
        "layout": {
            **STYLE,
            "height": 360,
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "annotations": [
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
        },
    }


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
    x = pd.to_datetime(frame["x"]).dt.as_unit("s")  # seconds: centuries apart cannot overflow
    if x.empty:
        return x
    span = (x.max() - x.min()) if len(x) > 1 else pd.Timedelta(days=365)
    step = max(pd.Timedelta(days=1), span / 45)  # about a marker's width on a typical chart
    rank = frame.groupby(x).cumcount()
    size = x.map(x.value_counts())
    seconds = ((rank - (size - 1) / 2) * step.total_seconds()).round().astype("int64")
    return x + pd.to_timedelta(seconds, unit="s").dt.as_unit("s")


def series_chart(
    points: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    transform: str = "level",
    log: bool = False,
) -> dict:
    """The selected series over time, comparable: one panel per (level or change, unit).

    Returns the figure as the dict plotly.js draws (what `go.Figure(...).to_plotly_json()`
    gives), built directly: plotly.py's validation would cost ~100 ms per chart.
    """
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
    plotted["xj"] = pd.concat(
        [_jitter(plotted[plotted["panel"] == panel]) for panel in panels]
    ).reindex(plotted.index)
    axis_of = {p: ("y" if i == 0 else f"y{i + 1}") for i, p in enumerate(panels)}
    data: list[dict] = []
    for colour_index, key in enumerate(keys):
        colour = COLOURS[colour_index % len(COLOURS)]
        label = labels.get(key, key)
        mine = plotted[plotted["series_key"] == key]
        for panel, group in mine.groupby("panel", sort=False):
            yaxis = axis_of[panel]
            data += _spans(group, colour, key, yaxis)
            data += _lines(group, colour, key, yaxis)
            shown = [format_value(v, u) for v, u in zip(group["value"], group["unit"], strict=True)]
            symbols = [
                SYMBOLS[publishers[p] % len(SYMBOLS)] + ("-open" if d else "")
                for p, d in zip(group["publisher"], group["derived"], strict=True)
            ]
            data.append(
                {
                    "type": "scatter",
                    "x": _iso(group["xj"]),
                    "y": group["value"].astype(float).tolist(),
                    "xaxis": "x",
                    "yaxis": yaxis,
                    "mode": "markers",
                    "name": _esc(label),
                    "legendgroup": key,
                    "showlegend": True,
                    "marker": {
                        "color": colour,
                        "size": 11,
                        "symbol": _scalar_if_same(symbols),
                        "opacity": _scalar_if_same(
                            [0.55 if m == "projected" else 1.0 for m in group["modality"]]
                        ),
                        "line": {"width": 1.5, "color": colour},
                    },
                    "customdata": [
                        [f, d, k]
                        for f, d, k in zip(
                            group["figure_id"], group["doc_id"], group["series_key"], strict=True
                        )
                    ],
                    "hovertext": [
                        _hover(r, label, s)
                        for r, s in zip(group.to_dict(orient="records"), shown, strict=True)
                    ],
                    "hovertemplate": "%{hovertext}<extra></extra>",
                }
            )
    layout: dict = {
        **STYLE,
        "height": max(380, 300 * len(panels) + 80),
        "hovermode": "closest",
        "clickmode": "event",
        "margin": {"l": 70, "r": 20, "t": 40, "b": 40},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0},
        "uirevision": "|".join(keys) + f"|{transform}|{log}",
        "xaxis": {**AXIS, "type": "date", "showgrid": True, "anchor": axis_of[panels[-1]]},
        "annotations": [],
    }
    gap = 0.12 if len(panels) > 1 else 0.0
    height = (1.0 - gap * (len(panels) - 1)) / len(panels)
    for i, panel in enumerate(panels):
        top = 1.0 - i * (height + gap)
        unit = panel.split(" · ", 1)[1]
        axis: dict = {
            **AXIS,
            "title": {"text": _esc(unit)},
            "zeroline": True,
            "exponentformat": "B",
            "domain": [max(0.0, top - height), top],
            "anchor": "x",
        }
        values = plotted.loc[plotted["panel"] == panel, "value"]
        if log and panel.startswith("Level") and bool((values > 0).all()):
            axis["type"] = "log"
        layout["yaxis" if i == 0 else f"yaxis{i + 1}"] = axis
        layout["annotations"].append(
            {
                "text": _esc(panel),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "xanchor": "center",
                "y": top,
                "yanchor": "bottom",
                "font": {"size": 14},
            }
        )
    return {"data": data, "layout": layout}


def _scalar_if_same(values: list) -> object:
    """One value for a trace instead of one per point, when all are equal (a lighter payload)."""
    return values[0] if values and all(v == values[0] for v in values) else values


def _spans(group: pd.DataFrame, colour: str, key: str, yaxis: str) -> list[dict]:
    """Translucent bars over the period each point covers (from period start to its end)."""
    xs: list = []
    ys: list = []
    for start, end, value in zip(
        group["period_start"], group["period_end"], group["value"], strict=True
    ):
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start != end:
            xs += [start.isoformat(), end.isoformat(), None]
            ys += [float(value), float(value), None]
    if not xs:
        return []
    return [
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "xaxis": "x",
            "yaxis": yaxis,
            "mode": "lines",
            "line": {"color": colour, "width": 7},
            "opacity": 0.22,
            "hoverinfo": "skip",
            "showlegend": False,
            "legendgroup": key,
            "name": "period covered",
        }
    ]


def _lines(group: pd.DataFrame, colour: str, key: str, yaxis: str) -> list[dict]:
    """Join comparable periods only; several reports of one period join through their mean."""
    out = []
    for cls, same in group.groupby("period_class", sort=False):
        if cls == "unknown" or same["x"].nunique() < 2:
            continue
        means = same.groupby("x")["value"].mean().sort_index()
        out.append(
            {
                "type": "scatter",
                "x": _iso(means.index),
                "y": means.astype(float).tolist(),
                "xaxis": "x",
                "yaxis": yaxis,
                "mode": "lines",
                "line": {
                    "color": colour,
                    "width": 1.5,
                    "dash": "solid" if cls == "year" else "dot",
                },
                "hoverinfo": "skip",
                "showlegend": False,
                "legendgroup": key,
                "name": f"{cls} periods",
            }
        )
    return out


def graph_config(filename: str = "figures-chart") -> dict:
    """dcc.Graph config: PNG from the modebar at twice the size; SVG via the app's button."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }
