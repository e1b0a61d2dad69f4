"""The page: explorer on the left, chart, citation and table on the right.

`build_layout(first)` is the page with its first view already in it (`callbacks.first_view`:
status, filter options, explorer rows, chart, table), so the browser draws it without waiting for
callbacks; `build_layout()` is the same page empty, which Dash uses to check the callbacks' ids.
Nothing here reads the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import dash_ag_grid as dag
from dash import dcc, html

from dashboard.charts import empty_chart, graph_config

if TYPE_CHECKING:
    from dashboard.callbacks import FirstView

VALUE_FORMAT = (
    "params.value == null ? '' : "
    "Number(params.value).toLocaleString('en-US', {maximumSignificantDigits: 6})"
)

EXPLORER_COLUMNS = [
    {"field": "label", "headerName": "Series", "flex": 3, "minWidth": 220, "tooltipField": "label"},
    {"field": "unit", "headerName": "Unit", "width": 90},
    {"field": "kind", "headerName": "Kind", "width": 90},
    {"field": "n_figures", "headerName": "Figures", "width": 95, "type": "numericColumn"},
    {"field": "n_documents", "headerName": "Docs", "width": 85, "type": "numericColumn"},
    {"field": "n_sources", "headerName": "Sources", "width": 95, "type": "numericColumn"},
    {"field": "first_period", "headerName": "From", "width": 115},
    {"field": "last_period", "headerName": "To", "width": 115},
]

TABLE_COLUMNS = [
    {"field": "series", "headerName": "Series", "minWidth": 200, "tooltipField": "series"},
    {"field": "period", "headerName": "Period", "width": 130},
    {"field": "period_length", "headerName": "Length", "width": 110},
    {
        "field": "value",
        "headerName": "Value",
        "type": "numericColumn",
        "width": 150,
        "valueFormatter": {"function": VALUE_FORMAT},
    },
    {"field": "shown", "headerName": "As read", "width": 160},
    {"field": "unit", "headerName": "Unit", "width": 80},
    {"field": "kind", "headerName": "Kind", "width": 90},
    {"field": "modality", "headerName": "Modality", "width": 105},
    {"field": "status", "headerName": "Reported/derived", "width": 140},
    {"field": "surface", "headerName": "Surface", "width": 160},
    {"field": "sentence", "headerName": "Quote", "minWidth": 320, "tooltipField": "sentence"},
    {"field": "title", "headerName": "Source title", "minWidth": 200, "tooltipField": "title"},
    {"field": "publisher", "headerName": "Publisher", "width": 140},
    {"field": "published", "headerName": "Published", "width": 120},
    {"field": "source", "headerName": "Source", "minWidth": 200, "tooltipField": "source"},
    {"field": "figure_id", "headerName": "Figure id", "width": 190},
]

LEGEND_NOTE = (
    "Each marker is one report, placed at the end of its period; the pale bar shows the period it "
    "covers. Lines join only periods of the same length. Shapes tell publishers apart; hollow "
    "markers are derived from a sentence (e.g. a level and its growth imply last year's level); "
    "faded markers are projections. Click a marker or a table row for its quote."
)


def _filter(label: str, child: object) -> html.Label:
    return html.Label([html.Span(label, className="filter-label"), child], className="filter")


def _choice(label: str, id_: str, options: list, what: str) -> html.Label:
    """A filter dropdown, its options in the page when it is served with its first view."""
    return _filter(label, dcc.Dropdown(id=id_, options=options, placeholder=f"any {what}"))


def explorer(first: FirstView | None = None) -> html.Div:
    return html.Div(
        [
            html.H3("Series explorer"),
            dcc.Input(
                id="search",
                type="search",
                placeholder="Search series: trade turnover, gdp, Kazakhstan…",
                debounce=0.3,
                className="search",
            ),
            _choice("Entity", "filter-entity", first.entity_options if first else [], "entity"),
            _choice(
                "Unit kind", "filter-unit-kind", first.unit_kind_options if first else [], "unit"
            ),
            _choice(
                "Source", "filter-publisher", first.publisher_options if first else [], "source"
            ),
            _filter(
                "Period",
                dcc.DatePickerRange(
                    id="filter-period", display_format="YYYY-MM-DD", clearable=True
                ),
            ),
            html.Div(
                first.explorer_count if first else None, id="explorer-count", className="count"
            ),
            dag.AgGrid(
                id="explorer",
                columnDefs=EXPLORER_COLUMNS,
                rowData=first.explorer_rows if first else [],
                defaultColDef={"sortable": True, "filter": True, "resizable": True},
                dashGridOptions={"tooltipShowDelay": 300},
                getRowId="params.data.series_key",
                rowClassRules={"series-chosen": "params.data.chosen"},
                style={"height": "460px"},
                className="ag-theme-alpine",
            ),
            html.Div("Click a series to add it to the chart.", className="hint"),
        ],
        className="explorer",
    )


def controls(first: FirstView | None = None) -> html.Div:
    return html.Div(
        [
            _filter(
                "Selected series",
                dcc.Dropdown(
                    id="selected",
                    multi=True,
                    options=first.selected_options if first else [],
                    value=first.selected if first else [],
                    placeholder="pick series in the explorer",
                ),
            ),
            html.Div(
                [
                    _filter(
                        "Range",
                        dcc.DatePickerRange(
                            id="range",
                            start_date=first.start if first else None,
                            end_date=first.end if first else None,
                            display_format="YYYY-MM-DD",
                            clearable=True,
                        ),
                    ),
                    dcc.RadioItems(
                        id="transform",
                        options=[
                            {"label": "Level", "value": "level"},
                            {"label": "% change on previous period", "value": "pct"},
                        ],
                        value=first.transform if first else "level",
                        inline=True,
                        className="toggle",
                    ),
                    dcc.Checklist(
                        id="log",
                        options=[{"label": "Log scale", "value": "log"}],
                        value=first.log if first else [],
                        inline=True,
                        className="toggle",
                    ),
                ],
                className="row",
            ),
            html.Div(
                [
                    html.Button("CSV of this view", id="download-view-csv", n_clicks=0),
                    html.Button("CSV of all figures", id="download-all-csv", n_clicks=0),
                    html.Button("PNG", id="download-png", n_clicks=0),
                    html.Button("SVG", id="download-svg", n_clicks=0),
                    html.Span(
                        [
                            "Link to this view ",
                            dcc.Clipboard(id="copy-link", target_id="permalink", title="copy"),
                        ],
                        className="copy",
                    ),
                    dcc.Download(id="download"),
                ],
                className="row buttons",
            ),
            html.Code(id="permalink", className="permalink"),
        ],
        className="controls",
    )


def build_layout(first: FirstView | None = None) -> html.Div:
    figure = first.figure if first else empty_chart("Loading…")
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Interval(id="status-interval", interval=60_000),
            dcc.Store(id="image-done"),
            html.Header(
                [
                    html.H1("figures"),
                    html.Span("economic figures from the news, every point cited"),
                    html.Div(first.status if first else None, id="status", className="status"),
                ]
            ),
            html.Main(
                [
                    explorer(first),
                    html.Div(
                        [
                            controls(first),
                            html.Div(
                                [
                                    html.Div(
                                        dcc.Graph(
                                            id="chart",
                                            figure=figure,
                                            config=graph_config(),
                                        ),
                                        className="chart",
                                    ),
                                    html.Aside(
                                        [
                                            html.H3("Citation"),
                                            html.Div(
                                                "Click a point on the chart or a row in the table.",
                                                id="citation",
                                            ),
                                        ],
                                        className="citation-panel",
                                    ),
                                ],
                                className="chart-row",
                            ),
                            html.Div(
                                first.chart_note if first else None,
                                id="chart-note",
                                className="note",
                            ),
                            html.P(LEGEND_NOTE, className="note legend-note"),
                            html.H3("Figures in this view"),
                            dag.AgGrid(
                                id="table",
                                columnDefs=TABLE_COLUMNS,
                                rowData=first.table_rows if first else [],
                                defaultColDef={
                                    "sortable": True,
                                    "filter": True,
                                    "resizable": True,
                                    "floatingFilter": True,
                                },
                                getRowId="params.data.row_id",
                                dashGridOptions={"tooltipShowDelay": 300, "pagination": True},
                                style={"height": "420px"},
                                className="ag-theme-alpine",
                            ),
                            html.H3("Cite this view"),
                            html.Div(
                                [
                                    dcc.Clipboard(target_id="view-citation", title="copy"),
                                    html.Pre(
                                        first.view_citation if first else None,
                                        id="view-citation",
                                        className="view-citation",
                                    ),
                                ],
                                className="cite",
                            ),
                        ],
                        className="view",
                    ),
                ]
            ),
        ],
        className="page",
    )
