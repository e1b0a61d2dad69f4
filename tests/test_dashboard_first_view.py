"""The page arrives with its first view in it, and loads light: over a real SQLite store, through
the real Flask app (its test client), no mocks.

- `first_view(data, query)` is exactly what the initial callbacks would send, one after another;
- the layout request answers with the view of the page that asks (its Referer), else the default;
- the URL sync callback changes nothing when the page already shows its link's view;
- the index preloads the layout and the lazily loaded scripts; the polyfill URL serves only the
  regenerator runtime.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dash.exceptions import PreventUpdate
from test_dashboard_callbacks import TRADE_KEY, build_sample_store

from dashboard import callbacks as cb
from dashboard.app import LAZY_SCRIPTS, PLOTLY_BASIC, REGENERATOR, basic_plotly_matches, create_app
from dashboard.state import ViewState, to_query
from extract.documents import Document

LINK = to_query(ViewState((TRADE_KEY,), dt.date(2022, 1, 1), None, "pct", True))


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Any]:
    app = create_app(build_sample_store(tmp_path / "sample.db"))
    yield app
    app.server.config["FIGURES_DATA"].store.close()


def layout_of(app: Any, referrer: str | None) -> dict:
    headers = {"Referer": referrer} if referrer is not None else {}
    response = app.server.test_client().get("/_dash-layout", headers=headers)
    assert response.status_code == 200
    return response.get_json()


def components(node: Any) -> Iterator[dict]:
    """Every component in a layout as JSON (what `_dash-layout` sends)."""
    if isinstance(node, list):
        for child in node:
            yield from components(child)
    elif isinstance(node, dict) and "props" in node and "type" in node:
        yield node
        yield from components(node["props"].get("children"))


def by_id(layout: dict) -> dict[str, dict]:
    return {c["props"]["id"]: c["props"] for c in components(layout) if "id" in c["props"]}


def series_on_chart(figure: dict) -> set[str]:
    return {c[2] for t in figure["data"] if t.get("mode") == "markers" for c in t["customdata"]}


def test_first_view_is_what_the_initial_callbacks_send(app: Any) -> None:
    data = app.server.config["FIGURES_DATA"]
    for search in ("", LINK):
        first = cb.first_view(data, search)
        selected, options, start, end, transform, log, _ = cb.sync_state(
            data, None, search, None, None, None, None, None, None
        )
        assert (first.selected, first.selected_options) == (selected, options)
        assert (first.start, first.end, first.transform, first.log) == (start, end, transform, log)
        figure, note, citation = cb.chart_view(data, selected, start, end, transform, log)
        assert (first.figure, first.chart_note, first.view_citation) == (figure, note, citation)
        assert first.table_rows == cb.table_view(data, selected, start, end)
        rows, count = cb.explorer_view(data, None, None, None, None, None, None, selected)
        assert (first.explorer_rows, first.explorer_count) == (rows, count)
        assert (first.unit_kind_options, first.publisher_options) == cb.filter_options(data)
        assert first.entity_options == cb.entity_options(data, None, None)
        assert first.status == cb.status_view(data)
    assert cb.first_view(data, LINK).selected == [TRADE_KEY]
    assert cb.first_view(data, "").selected == cb.default_series(data)


def test_the_status_line_of_a_remembered_view_is_read_afresh(app: Any) -> None:
    data = app.server.config["FIGURES_DATA"]
    before = cb.first_view(data, LINK)
    data.store.record_source_run(
        "tass-feed", kind="feed", location="http://127.0.0.1:9/feed", error="HTTP 503"
    )
    after = cb.first_view(data, LINK)
    assert after.status == cb.status_view(data) != before.status
    assert after.figure == before.figure


def test_the_layout_carries_the_view_of_the_page_that_asks(app: Any) -> None:
    data = app.server.config["FIGURES_DATA"]
    linked = by_id(layout_of(app, "http://localhost/" + LINK))
    assert linked["selected"]["value"] == [TRADE_KEY]
    assert (linked["range"]["start_date"], linked["range"]["end_date"]) == ("2022-01-01", None)
    assert (linked["transform"]["value"], linked["log"]["value"]) == ("pct", ["log"])
    first = cb.first_view(data, LINK)
    assert linked["chart"]["figure"] == json.loads(json.dumps(first.figure))
    assert linked["table"]["rowData"] == json.loads(json.dumps(first.table_rows))
    assert linked["explorer"]["rowData"] == json.loads(json.dumps(first.explorer_rows))
    assert linked["status"]["children"] == cb.status_view(data)
    assert linked["filter-publisher"]["options"] == cb.filter_options(data)[1]

    default = cb.default_series(data)
    for referrer in (None, "", "http://elsewhere.example/" + LINK):
        bare = by_id(layout_of(app, referrer))
        assert bare["selected"]["value"] == default
        assert series_on_chart(bare["chart"]["figure"]) == set(default)


def test_a_remembered_layout_shows_the_status_and_the_store_of_now(app: Any) -> None:
    data = app.server.config["FIGURES_DATA"]
    before = layout_of(app, "http://localhost/" + LINK)
    assert layout_of(app, "http://localhost/" + LINK) == before
    data.store.record_source_run(
        "tass-feed", kind="feed", location="http://127.0.0.1:9/feed", error="HTTP 503"
    )
    after = by_id(layout_of(app, "http://localhost/" + LINK))
    assert "tass-feed (HTTP 503)" in after["status"]["children"]
    assert after["chart"]["figure"] == by_id(before)["chart"]["figure"]
    # a refresh that adds figures is seen by the next page
    data.store.ingest(
        [Document.make("Japan's GDP grew 1.2% in 2023.", source="new", doc_id="new-doc")],
        source_id="test",
    )
    status = by_id(layout_of(app, "http://localhost/" + LINK))["status"]["children"]
    assert f"{data.store.status().n_documents:,} documents" in status


def test_a_broken_query_still_gets_a_page(app: Any) -> None:
    page = by_id(layout_of(app, "http://localhost/?series=&from=not-a-date&transform=%3Cb%3E"))
    assert page["transform"]["value"] == "level" and page["range"]["start_date"] is None


def test_the_url_sync_changes_nothing_when_the_page_shows_its_link(app: Any) -> None:
    data = app.server.config["FIGURES_DATA"]
    first = cb.first_view(data, LINK)
    shown = (first.selected, first.start, first.end, first.transform, first.log)
    with pytest.raises(PreventUpdate):
        cb.sync_state(data, None, LINK, None, *shown)
    with pytest.raises(PreventUpdate):  # a back/forward step to the same view
        cb.sync_state(data, "url", LINK, None, *shown)
    # The page shows another view (no Referer reached the server): the link's view is set.
    bare = cb.first_view(data, "")
    out = cb.sync_state(
        data, None, LINK, None, bare.selected, bare.start, bare.end, bare.transform, bare.log
    )
    assert (out[0], out[2], out[4], out[5]) == ([TRADE_KEY], "2022-01-01", "pct", ["log"])


def test_only_the_url_sync_runs_when_a_page_loads(app: Any) -> None:
    """What the browser is told (`_dash-dependencies`): every server callback but the URL sync
    waits for an input to change."""
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    on_load = [
        d["output"]
        for d in deps
        if not d.get("prevent_initial_call") and not d.get("clientside_function")
    ]
    assert len(on_load) == 1 and "url.search" in on_load[0]


def test_the_index_preloads_what_the_page_fetches_later(app: Any) -> None:
    client = app.server.test_client()
    index = client.get("/?series=x").get_data(as_text=True)
    preloads = re.findall(r'<link rel="preload" as="(\w+)"( crossorigin)? href="([^"]+)">', index)
    fetched = {href for kind, cors, href in preloads if kind == "fetch" and cors}
    assert fetched == {"/_dash-layout", "/_dash-dependencies"}
    scripts = [href for kind, _cors, href in preloads if kind == "script"]
    assert scripts == [f"/_dash-component-suites/{pkg}/{path}" for pkg, path in LAZY_SCRIPTS]
    # the layout first (the server takes longest over it), the lazy scripts after the page's own
    assert index.index("/_dash-layout") < index.index("<script src=") < index.index(scripts[0])
    for href in scripts:
        response = client.get(href)
        assert response.status_code == 200 and len(response.get_data()) > 1000, href
    plotly = client.get(scripts[-1]).get_data()
    if basic_plotly_matches():
        assert plotly == PLOTLY_BASIC.read_bytes()


def test_the_polyfill_url_serves_the_regenerator_runtime_alone(app: Any) -> None:
    client = app.server.test_client()
    index = client.get("/").get_data(as_text=True)
    polyfill = re.findall(r'<script src="([^"]*/deps/polyfill@[^"]*)"></script>', index)
    assert len(polyfill) == 1
    # first of the page's scripts: the runtime is defined before the bundles that call it
    first_script = re.search(r'<script src="([^"]+)"></script>', index)
    assert first_script and first_script.group(1) == polyfill[0]
    response = client.get(polyfill[0])
    assert response.status_code == 200
    assert response.mimetype == "application/javascript"
    body = response.get_data()
    assert body == REGENERATOR.read_bytes()
    assert b"regeneratorRuntime = runtime" in body and b"core-js" not in body
