"""Callbacks: thin wiring from Dash events to plain functions over `DashboardData`.

Each `*_view` / `*_state` function below is what a callback does, callable (and tested) without
Dash; `register_callbacks` only binds them to component ids.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from dashboard.charts import empty_chart, series_chart
from dashboard.citation import citation_panel
from dashboard.queries import DashboardData, ExplorerFilters
from dashboard.state import ViewState, parse_query, to_query
from extract.schema import as_date
from extract.series import format_value

CSV_MEDIA_TYPE = "text/csv"


def _date(value: Any) -> dt.date | None:
    try:
        return as_date(value)
    except ValueError:
        return None


def _num(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


# --- plain functions ------------------------------------------------------------------------------


def status_view(data: DashboardData) -> str:
    return data.status().text()


def _opts(values: Sequence[str]) -> list[dict]:
    return [{"label": v, "value": v} for v in values]


def filter_options(data: DashboardData) -> tuple[list[dict], list[dict]]:
    """Options of the explorer's unit-kind and source filters."""
    return _opts(data.unit_kind_options()), _opts(data.publisher_options())


def entity_options(data: DashboardData, search: str | None, current: str | None) -> list[dict]:
    """Entities matching what is typed (thousands exist), most series first; the chosen one kept."""
    names = data.entity_options((search or "").strip())
    if current and current not in names:
        names = [current, *names]
    return _opts(names)


def explorer_view(
    data: DashboardData,
    search: str | None,
    entity: str | None,
    unit_kind: str | None,
    publisher: str | None,
    since: str | None,
    until: str | None,
    selected: Sequence[str] | None = None,
) -> tuple[list[dict], str]:
    """Explorer rows (with figure, document and source counts) and an 'N of M series' line."""
    filters = ExplorerFilters(
        search=(search or "").strip(),
        entity=entity or None,
        unit_kind=unit_kind or None,
        publisher=publisher or None,
        since=_date(since),
        until=_date(until),
    )
    hits, total = data.explore(filters)
    chosen = set(selected or [])
    columns = [
        "series_key",
        "label",
        "unit",
        "kind",
        "unit_kind",
        "n_figures",
        "n_documents",
        "n_sources",
        "first_period",
        "last_period",
    ]
    rows = hits[columns].to_dict(orient="records")
    for row in rows:
        row["chosen"] = row["series_key"] in chosen
        for key in ("n_figures", "n_documents", "n_sources"):
            row[key] = int(row[key])
    all_series = len(data.summary())
    shown = f"showing the first {len(rows):,} · " if len(rows) < total else ""
    return rows, f"{total:,} of {all_series:,} series match · {shown}counts are figures per series"


def default_series(data: DashboardData) -> list[str]:
    """What a bare URL opens: the series with the most figures among those with a measure and a
    unit (a readable first view: not "(no measure): United States, no unit"), else the largest."""
    summary = data.summary()
    named = summary[(summary["measure"].fillna("") != "") & (summary["unit"].fillna("") != "")]
    return (named if len(named) else summary)["series_key"].head(1).tolist()


def sync_state(
    data: DashboardData,
    trigger: str | None,
    search: str | None,
    clicked: dict | None,
    selected: Sequence[str] | None,
    start: str | None,
    end: str | None,
    transform: str | None,
    log: Sequence[str] | None,
) -> tuple[Any, ...]:
    """Keep the controls and the URL in step: a link sets the controls; controls rewrite the link.

    Returns (selected, selected options, start, end, transform, log, url_search), `no_update`
    where nothing changes. The options travel with the value: a dropdown drops values it has no
    option for. Raises PreventUpdate when the link's view is the one the controls already show
    (a page served with its view drawn: the chart, table and explorer are not asked again).
    """
    if trigger in (None, "url"):
        state = parse_query(search)
        series = list(state.series) or default_series(data)
        controls = (
            series,
            state.since.isoformat() if state.since else None,
            state.until.isoformat() if state.until else None,
            state.transform,
            ["log"] if state.log else [],
        )
        shown = (list(selected or []), start or None, end or None, transform, list(log or []))
        if controls == shown:
            # The page was served showing this view already (see `first_view`): nothing to redo.
            raise PreventUpdate
        return (controls[0], selected_options(data, series), *controls[1:], no_update)
    series = list(selected or [])
    if trigger == "explorer":
        key = (clicked or {}).get("rowId")
        if not key:
            raise PreventUpdate
        series = [k for k in series if k != key] if key in series else [*series, key]
    state = ViewState(
        series=tuple(series),
        since=_date(start),
        until=_date(end),
        transform=transform if transform in ("level", "pct") else "level",
        log=bool(log),
    )
    new_search = to_query(state)
    changed = trigger == "explorer"
    return (
        series if changed else no_update,
        selected_options(data, series) if changed else no_update,
        no_update,
        no_update,
        no_update,
        no_update,
        new_search if new_search != (search or "") else no_update,
    )


def selected_options(data: DashboardData, selected: Sequence[str] | None) -> list[dict]:
    """Options of the 'selected series' dropdown: the selected series, by their labels."""
    keys = list(dict.fromkeys(selected or []))
    labels = data.labels(keys)
    return [{"label": labels[k], "value": k} for k in keys]


def table_rows(points: pd.DataFrame, labels: dict[str, str]) -> list[dict]:
    """The figures behind the chart, derived points included and marked, for the grid."""
    rows = []
    for p in points.to_dict(orient="records"):
        rows.append(
            {
                "row_id": f"{p['figure_id']}@{p['doc_id']}",
                "series": labels.get(p["series_key"], p["series_key"]),
                "series_key": p["series_key"],
                "period": p["period_text"],
                "period_length": p["period_class"],
                "value": _num(p["value"]),
                "shown": format_value(p["value"], p["unit"]),
                "unit": p["unit"],
                "kind": p["kind"],
                "modality": p["modality"],
                "status": "derived" if p["derived"] else "reported",
                "surface": p["surface"],
                "sentence": p["sentence"],
                "title": p["title"] or "",
                "publisher": p["publisher"],
                "published": p["published"].isoformat() if p["published"] else "",
                "source": p["source"],
                "figure_id": p["figure_id"],
                "doc_id": p["doc_id"],
            }
        )
    return rows


def _in_range(points: pd.DataFrame, since: dt.date | None, until: dt.date | None) -> pd.DataFrame:
    """Derived points can fall before the range their sentence was read for: keep the range."""
    if points.empty:
        return points
    keep = pd.Series(True, index=points.index)
    if since:
        keep &= points["x"].isna() | (points["x"] >= pd.Timestamp(since))
    if until:
        keep &= points["x"].isna() | (points["x"] <= pd.Timestamp(until))
    return points[keep].reset_index(drop=True)


def chart_view(
    data: DashboardData,
    selected: Sequence[str] | None,
    start: str | None,
    end: str | None,
    transform: str | None,
    log: Sequence[str] | None,
) -> tuple[Any, str, str]:
    """(figure, note under the chart, citation text) for the current view."""
    keys = list(selected or [])
    if not keys:
        return empty_chart("Pick a series in the explorer"), "", ""
    points, labels = _view(data, keys, start, end)
    try:
        figure = series_chart(
            points, labels, transform=transform or "level", log="log" in (log or [])
        )
    except ValueError as exc:
        figure = empty_chart(str(exc))
    unplaced = int(points["x"].isna().sum()) if not points.empty else 0
    derived = int(points["derived"].sum()) if not points.empty else 0
    reported = len(points) - derived
    notes = [
        f"{reported:,} reported figure(s) and {derived:,} derived point(s) in {len(keys)} series."
    ]
    if unplaced:
        notes.append(f"{unplaced:,} figure(s) have neither a period nor a date: table only.")
    if "log" in (log or []) and not points.empty and (points["value"] <= 0).any():
        notes.append("Log scale applies only to panels whose values are all positive.")
    citation = "\n".join(data.citations(points["doc_id"].tolist() if not points.empty else []))
    return figure, " ".join(notes), citation


def table_view(
    data: DashboardData, selected: Sequence[str] | None, start: str | None, end: str | None
) -> list[dict]:
    """The table's rows: every point of the view (a separate response, so the chart draws
    without waiting for the quotes of thousands of rows)."""
    keys = list(selected or [])
    if not keys:
        return []
    points, labels = _view(data, keys, start, end)
    return table_rows(points, labels)


def _view(
    data: DashboardData, keys: list[str], start: str | None, end: str | None
) -> tuple[pd.DataFrame, dict[str, str]]:
    since, until = _date(start), _date(end)
    _frame, points = data.view_points(keys, since, until)
    return _in_range(points, since, until), data.labels(keys)


@dataclass(frozen=True, slots=True)
class FirstView:
    """Everything the initial callbacks would send for one URL, computed at once on the server
    and put in the page itself, so a first render waits for no callback round trip."""

    status: str
    unit_kind_options: list[dict]
    publisher_options: list[dict]
    entity_options: list[dict]
    selected: list[str]
    selected_options: list[dict]
    start: str | None
    end: str | None
    transform: str
    log: list[str]
    explorer_rows: list[dict]
    explorer_count: str
    figure: dict
    chart_note: str
    view_citation: str
    table_rows: list[dict]


def first_view(data: DashboardData, search: str | None) -> FirstView:
    """The view a URL query opens, as the callbacks would build it one after another.

    Kept for the last few views until the store changes (every visitor of the bare address asks
    for the same one); the status line is read afresh each time.
    """
    state = parse_query(search)
    first = data.remember("first_view", state, lambda: _first_view(data, to_query(state)))
    return replace(first, status=status_view(data))


def _first_view(data: DashboardData, search: str) -> FirstView:
    selected, options, start, end, transform, log, _url = sync_state(
        data, None, search, None, None, None, None, None, None
    )
    unit_kinds, publishers = filter_options(data)
    rows, count = explorer_view(data, None, None, None, None, None, None, selected)
    figure, note, citation = chart_view(data, selected, start, end, transform, log)
    return FirstView(
        status="",  # read afresh by `first_view` for every page
        unit_kind_options=unit_kinds,
        publisher_options=publishers,
        entity_options=entity_options(data, None, None),
        selected=selected,
        selected_options=options,
        start=start,
        end=end,
        transform=transform,
        log=log,
        explorer_rows=rows,
        explorer_count=count,
        figure=figure,
        chart_note=note,
        view_citation=citation,
        table_rows=table_view(data, selected, start, end),
    )


def citation_view(data: DashboardData, figure_id: str, doc_id: str) -> Any:
    return citation_panel(data.point(figure_id, doc_id))


def point_from_click(click: dict | None) -> tuple[str, str] | None:
    """(figure_id, doc_id) of a clicked chart point, from its customdata."""
    try:
        custom = click["points"][0]["customdata"]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return None
    if not isinstance(custom, list | tuple) or len(custom) < 2:
        return None
    return str(custom[0]), str(custom[1])


def point_from_row(cell: dict | None) -> tuple[str, str] | None:
    """(figure_id, doc_id) of a clicked table row, from its row id 'figure_id@doc_id'."""
    row_id = (cell or {}).get("rowId")
    if not row_id or "@" not in str(row_id):
        return None
    figure_id, doc_id = str(row_id).split("@", 1)
    return figure_id, doc_id


def csv_view_download(
    data: DashboardData, selected: Sequence[str] | None, start: str | None, end: str | None
) -> dict:
    """The view's figures as Excel-friendly CSV bytes: what `figures export` writes, with a BOM."""
    from extract.export import to_csv_bytes

    frame = data.view_figures(list(selected or []), _date(start), _date(end))
    return dcc.send_bytes(to_csv_bytes(frame, bom=True), "figures-view.csv", type=CSV_MEDIA_TYPE)


def csv_all_download(data: DashboardData) -> dict:
    from extract.export import to_csv_bytes

    return dcc.send_bytes(
        to_csv_bytes(data.all_figures(), bom=True), "figures-all.csv", type=CSV_MEDIA_TYPE
    )


# --- wiring ---------------------------------------------------------------------------------------

_DOWNLOAD_IMAGE_JS = """
function(nPng, nSvg) {
    const trig = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || "";
    if (!trig.startsWith("download-")) { return window.dash_clientside.no_update; }
    const format = trig.startsWith("download-svg") ? "svg" : "png";
    const gd = document.querySelector("#chart .js-plotly-plot");
    if (!gd) { return window.dash_clientside.no_update; }
    window.Plotly.downloadImage(gd, {format: format, filename: "figures-chart", scale: 2,
                                     width: gd.offsetWidth, height: gd.offsetHeight});
    return format + ":" + Date.now();
}
"""


# The Location's href lags behind a search set by a callback: build the link from its parts.
_PERMALINK_JS = """
function(search, href) {
    const here = new URL(href || window.location.href);
    return here.origin + here.pathname + (search || "");
}
"""


def register_callbacks(app: Dash, data: DashboardData) -> None:
    # The page arrives with every initial value (`first_view`): only the URL sync runs on load,
    # and it changes nothing when the page was served for its own URL.
    @app.callback(
        Output("status", "children"),
        Input("status-interval", "n_intervals"),
        prevent_initial_call=True,
    )
    def _status(_n: int | None) -> str:
        return status_view(data)

    @app.callback(
        Output("filter-entity", "options"),
        Input("filter-entity", "search_value"),
        State("filter-entity", "value"),
        prevent_initial_call=True,
    )
    def _entities(search: str | None, current: str | None) -> list[dict]:
        return entity_options(data, search, current)

    @app.callback(
        Output("explorer", "rowData"),
        Output("explorer-count", "children"),
        Input("search", "value"),
        Input("filter-entity", "value"),
        Input("filter-unit-kind", "value"),
        Input("filter-publisher", "value"),
        Input("filter-period", "start_date"),
        Input("filter-period", "end_date"),
        Input("selected", "value"),
        prevent_initial_call=True,
    )
    def _explore(*args: Any) -> tuple[list[dict], str]:
        return explorer_view(data, *args)

    @app.callback(
        Output("selected", "value"),
        Output("selected", "options"),
        Output("range", "start_date"),
        Output("range", "end_date"),
        Output("transform", "value"),
        Output("log", "value"),
        Output("url", "search"),
        Input("url", "search"),
        Input("explorer", "cellClicked"),
        Input("selected", "value"),
        Input("range", "start_date"),
        Input("range", "end_date"),
        Input("transform", "value"),
        Input("log", "value"),
    )
    def _sync(*args: Any) -> tuple[Any, ...]:
        return sync_state(data, ctx.triggered_id, *args)

    @app.callback(
        Output("chart", "figure"),
        Output("chart-note", "children"),
        Output("view-citation", "children"),
        Input("selected", "value"),
        Input("range", "start_date"),
        Input("range", "end_date"),
        Input("transform", "value"),
        Input("log", "value"),
        prevent_initial_call=True,
    )
    def _chart(*args: Any) -> tuple[Any, ...]:
        return chart_view(data, *args)

    @app.callback(
        Output("table", "rowData"),
        Input("selected", "value"),
        Input("range", "start_date"),
        Input("range", "end_date"),
        prevent_initial_call=True,
    )
    def _table(*args: Any) -> list[dict]:
        return table_view(data, *args)

    app.clientside_callback(
        _PERMALINK_JS, Output("permalink", "children"), Input("url", "search"), State("url", "href")
    )

    @app.callback(
        Output("citation", "children"),
        Input("chart", "clickData"),
        Input("table", "cellClicked"),
        prevent_initial_call=True,
    )
    def _citation(click: dict | None, cell: dict | None) -> Any:
        target = point_from_row(cell) if ctx.triggered_id == "table" else point_from_click(click)
        if target is None:
            raise PreventUpdate
        return citation_view(data, *target)

    @app.callback(
        Output("download", "data"),
        Input("download-view-csv", "n_clicks"),
        Input("download-all-csv", "n_clicks"),
        State("selected", "value"),
        State("range", "start_date"),
        State("range", "end_date"),
        prevent_initial_call=True,
    )
    def _download(
        _view: int, _all: int, selected: list[str] | None, start: str | None, end: str | None
    ) -> dict:
        if ctx.triggered_id == "download-all-csv":
            return csv_all_download(data)
        return csv_view_download(data, selected, start, end)

    app.clientside_callback(
        _DOWNLOAD_IMAGE_JS,
        Output("image-done", "data"),
        Input("download-png", "n_clicks"),
        Input("download-svg", "n_clicks"),
        prevent_initial_call=True,
    )
