"""Each dashboard callback as a plain function, over a real SQLite store in tmp_path.

Two stores: `sample_store` holds the seed article with its gold figures (so periods and derived
points are known whatever today's extractor returns) plus a second publisher's report of the same
year and a hostile article; `pipeline_store` is what `figures serve` builds from seeds/ with the
real extractor. Expected values are always read back from the store, never typed in.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import html
from hypothesis import given, settings
from hypothesis import strategies as st
from test_series import random_figures
from typer.testing import CliRunner

from dashboard import callbacks as cb
from dashboard.app import create_app
from dashboard.charts import series_chart
from dashboard.queries import SEEDS_DIR, DashboardData
from dashboard.state import ViewState, parse_query, to_query
from extract.cli import build_app
from extract.context import build_context
from extract.documents import Document
from extract.readers import ReadError, iter_documents
from extract.schema import Figure, figure_id_for, text_sha
from extract.series import series_key
from extract.store import Store

DATA = Path(__file__).parent / "data"
UNIT_KINDS = {"USD": "currency", "%": "percent", "t": "mass"}

HOSTILE_TITLE = '<script>window.__pwned = 1</script>=HYPERLINK("http://x") <b>Trade</b>'
HOSTILE_TEXT = (
    "Trade turnover between Russia and Kazakhstan reached $30.1 billion in 2023, "
    '<img src=x onerror="window.__pwned = 2"> officials said <script>window.__pwned = 3</script>.'
)
SECOND_TEXT = (
    "Bilateral trade between Kazakhstan and Russia reached $28.4 billion in 2022, "
    "up 10.5% on the year before, the ministry said."
)


# --- a store with known figures -----------------------------------------------------------------


def figure_in(
    doc: Document,
    surface: str,
    *,
    after: int = 0,
    value: float,
    unit: str,
    kind: str,
    period: tuple[dt.date | None, dt.date | None],
    measure: str,
    entities: str = "Russia;Kazakhstan",
    qualifier: str = "exact",
    modality: str = "actual",
) -> Figure:
    """A figure exactly as the pipeline records one: span into the document, its sentence."""
    start = doc.text.index(surface, after)
    end = start + len(surface)
    ctx = build_context(doc.text, title=doc.title, published=doc.published)
    sentence = ctx.sentences[ctx.sentence_at(start)].text
    return Figure(
        figure_id=figure_id_for(doc.doc_id, text_sha(doc.text), start, end),
        doc_id=doc.doc_id,
        source=doc.source,
        title=doc.title,
        published=doc.published,
        sentence=sentence,
        char_start=start,
        char_end=end,
        surface=surface,
        value=value,
        value_low=None,
        value_high=None,
        unit=unit,
        unit_kind=UNIT_KINDS.get(unit, "count"),
        qualifier=qualifier,
        kind=kind,
        modality=modality,
        period_start=period[0],
        period_end=period[1],
        period_label="",
        period_basis="relative" if period[0] else ("publication" if period[1] else "unknown"),
        measure=measure,
        entities=entities,
        series_key=series_key(measure, entities, unit, kind),
    )


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def seed_document() -> Document:
    (doc,) = [d for d in iter_documents([SEEDS_DIR]) if not isinstance(d, ReadError)]
    return Document.make(
        doc.text, source="seeds/seed.txt", title=doc.title, published=doc.published
    )


def gold_figures(doc: Document) -> list[Figure]:
    """The seed's gold annotations (tests/data/seed_figures.csv) as figure records."""
    out = []
    with (DATA / "seed_figures.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            around = doc.text.index(row["sentence_snippet"])
            out.append(
                figure_in(
                    doc,
                    row["surface"],
                    after=max(0, around - len(row["surface"])),
                    value=float(row["value"]),
                    unit=row["unit"],
                    kind=row["kind"],
                    period=(_date(row["period_start"]), _date(row["period_end"])),
                    measure=row["measure_keyword"],
                    entities=row["entities"],
                    qualifier=row["qualifier"],
                    modality=row["modality"],
                )
            )
    return out


def sample_corpus() -> dict[str, tuple[Document, list[Figure]]]:
    seed = seed_document()
    second = Document.make(
        SECOND_TEXT,
        source="https://www.kazinform.example/trade-2022",
        url="https://www.kazinform.example/trade-2022",
        title="Kazakhstan–Russia trade grew in 2022",
        published="2023-02-10",
    )
    hostile = Document.make(
        HOSTILE_TEXT,
        source="https://evil.example/a",
        url="javascript:alert(1)",
        title=HOSTILE_TITLE,
        published="2024-02-01",
    )
    y2022 = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    y2023 = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    return {
        "seed": (seed, gold_figures(seed)),
        "second": (
            second,
            [
                figure_in(
                    second,
                    "$28.4 billion",
                    value=28.4e9,
                    unit="USD",
                    kind="level",
                    period=y2022,
                    measure="bilateral trade",
                    entities="Kazakhstan;Russia",
                ),
                figure_in(
                    second,
                    "10.5%",
                    value=10.5,
                    unit="%",
                    kind="change",
                    period=y2022,
                    measure="bilateral trade",
                    entities="Kazakhstan;Russia",
                ),
            ],
        ),
        "hostile": (
            hostile,
            [
                figure_in(
                    hostile,
                    "$30.1 billion",
                    value=30.1e9,
                    unit="USD",
                    kind="level",
                    period=y2023,
                    measure="trade turnover",
                )
            ],
        ),
    }


def ingest_known(store: Store, corpus: dict[str, tuple[Document, list[Figure]]]) -> None:
    """Ingest documents with the figures given (the store's extractor hook), not re-extracted."""
    by_id = {doc.doc_id: figs for doc, figs in corpus.values()}

    def known(batches: Iterable[list[Document]]) -> Iterator[tuple[list[Document], Any]]:
        for batch in batches:
            yield batch, [by_id[d.doc_id] for d in batch]

    store.ingest([doc for doc, _ in corpus.values()], source_id="sample", extractor=known)


def build_sample_store(path: Path) -> str:
    url = f"sqlite:///{path}"
    store = Store.open(url)
    try:
        ingest_known(store, sample_corpus())
    finally:
        store.close()
    return url


TRADE_KEY = series_key("trade turnover", "Russia;Kazakhstan", "USD", "level")


@pytest.fixture
def sample_url(tmp_path: Path) -> str:
    return build_sample_store(tmp_path / "sample.db")


@pytest.fixture
def data(sample_url: str) -> Iterator[DashboardData]:
    app = create_app(sample_url)
    data = app.server.config["FIGURES_DATA"]
    yield data
    data.store.close()


def _texts(component: Any) -> list[str]:
    """Every string in a component tree, in order (what React renders as text)."""
    if component is None:
        return []
    if isinstance(component, str | int | float):
        return [str(component)]
    if isinstance(component, list | tuple):
        return [t for c in component for t in _texts(c)]
    return _texts(getattr(component, "children", None))


def _find(component: Any, kind: type) -> list[Any]:
    found = [component] if isinstance(component, kind) else []
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for child in children:
            found += _find(child, kind)
    elif children is not None and not isinstance(children, str | int | float):
        found += _find(children, kind)
    return found


def view(data: DashboardData, *args: Any) -> tuple[go.Figure, list[dict], str, str]:
    """chart_view, with its figure dict read back through plotly.py (which validates it)."""
    figure, note, citation = cb.chart_view(data, *args)
    rows = cb.table_view(data, *args[:3])
    return go.Figure(figure), rows, note, citation


def _markers(figure: Any) -> list[Any]:
    return [t for t in figure.data if t.mode == "markers"]


# --- explorer -----------------------------------------------------------------------------------


def test_explorer_counts_match_the_store(data: DashboardData) -> None:
    rows, count = cb.explorer_view(data, "", None, None, None, None, None)
    figures = data.store.figures()
    per_series = figures.groupby("series_key")["figure_id"].count()
    assert {r["series_key"]: r["n_figures"] for r in rows} == per_series.to_dict()
    assert f"{len(per_series):,} of {len(per_series):,} series" in count
    trade = next(r for r in rows if r["series_key"] == TRADE_KEY)
    docs = figures[figures["series_key"] == TRADE_KEY]["doc_id"].nunique()
    assert trade["n_documents"] == docs == 3


@pytest.mark.parametrize("query", ["bilateral trade", "TRADE turnover", "kazakhstan usd"])
def test_explorer_search_finds_synonyms_and_entities(data: DashboardData, query: str) -> None:
    rows, _ = cb.explorer_view(data, query, None, None, None, None, None)
    assert TRADE_KEY in [r["series_key"] for r in rows]


def test_explorer_filters(data: DashboardData) -> None:
    rows, _ = cb.explorer_view(data, "", None, "mass", None, None, None)
    assert rows and {r["unit_kind"] for r in rows} == {"mass"}
    rows, _ = cb.explorer_view(data, "", None, None, "kazinform.example", None, None)
    assert {r["series_key"] for r in rows} == set(
        data.store.figures(doc_ids=[sample_corpus()["second"][0].doc_id])["series_key"]
    )
    rows, _ = cb.explorer_view(data, "", None, None, None, "2023-06-01", None)
    summary = data.store.series_summary().set_index("series_key")
    assert rows and all(
        summary.at[r["series_key"], "last_period"] >= dt.date(2023, 6, 1) for r in rows
    )
    rows, _ = cb.explorer_view(data, "", "Kazakhstan", None, None, None, None, [TRADE_KEY])
    assert rows and all("Kazakhstan" in summary.at[r["series_key"], "entities"] for r in rows)
    assert [r["chosen"] for r in rows if r["series_key"] == TRADE_KEY] == [True]
    rows, count = cb.explorer_view(data, "no such series anywhere", None, None, None, None, None)
    assert rows == [] and count.startswith("0 of")


def test_filter_options_come_from_the_store(data: DashboardData) -> None:
    unit_kinds, publishers = cb.filter_options(data)
    entities = cb.entity_options(data, None, None)
    assert {"Russia", "Kazakhstan"} <= {o["value"] for o in entities}
    assert [o["value"] for o in cb.entity_options(data, "kazakh", None)] == ["Kazakhstan"]
    assert [o["value"] for o in cb.entity_options(data, "russ", "Kazakhstan")] == [
        "Kazakhstan",
        "Russia",
    ]
    assert set(data.store.figures()["unit_kind"]) == {o["value"] for o in unit_kinds}
    assert {"seeds", "kazinform.example", "evil.example"} == {o["value"] for o in publishers}


# --- URL state ------------------------------------------------------------------------------


def test_url_sets_the_controls_and_controls_rewrite_the_url(data: DashboardData) -> None:
    search = to_query(ViewState((TRADE_KEY,), dt.date(2021, 1, 1), None, "pct", True))
    selected, options, start, end, transform, log, url = cb.sync_state(
        data, "url", search, None, None, None, None, None, None
    )
    assert (selected, start, end, transform, log) == (
        [TRADE_KEY],
        "2021-01-01",
        None,
        "pct",
        ["log"],
    )
    assert url is cb.no_update
    assert options == [{"label": data.labels([TRADE_KEY])[TRADE_KEY], "value": TRADE_KEY}]
    out = cb.sync_state(data, "transform", search, None, selected, start, end, "level", log)
    assert parse_query(out[-1]) == ViewState((TRADE_KEY,), dt.date(2021, 1, 1), None, "level", True)


def test_bare_url_opens_the_biggest_series_and_clicks_toggle(data: DashboardData) -> None:
    selected, *_ = cb.sync_state(data, None, "", None, None, None, None, None, None)
    summary = data.store.series_summary()
    most = summary[summary["n_figures"] == summary["n_figures"].max()]
    span = (pd.to_datetime(most["last_period"]) - pd.to_datetime(most["first_period"])).dt.days
    widest = most[span == span.max()]
    levels = widest[widest["kind"] == "level"]
    assert selected[0] in set((levels if len(levels) else widest)["series_key"])
    other = "investment|Kazakhstan;Russia|USD|level"
    added = cb.sync_state(data, "explorer", "", {"rowId": other}, selected, None, None, "level", [])
    assert added[0] == [*selected, other] and parse_query(added[-1]).series == (*selected, other)
    removed = cb.sync_state(
        data, "explorer", added[-1], {"rowId": other}, added[0], None, None, "level", []
    )
    assert removed[0] == selected


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_any_url_query_parses_to_a_valid_state(search: str) -> None:
    state = parse_query(search)
    assert state.transform in ("level", "pct")
    assert parse_query(to_query(state)) == state


# --- chart ------------------------------------------------------------------------------------


def test_chart_plots_the_store_values_and_derived_points(data: DashboardData) -> None:
    figure, rows, note, citation = view(data, [TRADE_KEY], None, None, "level", [])
    stored = data.store.figures(series_key=TRADE_KEY)
    plotted = {
        fid: y
        for trace in _markers(figure)
        for (fid, _doc, _key), y in zip(trace.customdata, trace.y, strict=True)
    }
    reported = {k: v for k, v in plotted.items() if not k.startswith("derived-")}
    assert reported == dict(zip(stored["figure_id"], stored["value"], strict=True))
    derived = [r for r in rows if r["status"] == "derived"]
    # the seed's 2022 (+10.2% to 28.2) and Jan–Aug 2023 (+7.6% to 18.9) and the second source
    assert {r["period"] for r in derived} == {"2021", "Jan–Aug 2022"}
    assert len([r for r in derived if r["period"] == "2021"]) == 2  # two sources, both kept
    assert f"{len(stored)} reported figure(s) and {len(derived)} derived" in note
    docs = data.store.documents(stored["doc_id"].unique().tolist())
    assert len(citation.splitlines()) == len(docs)
    assert all(line.endswith("; extracted by figures") for line in citation.splitlines())
    assert (
        "Source: Kazakhstan–Russia trade grew in 2022, kazinform.example, 2023-02-10, " in citation
    )


def test_partial_periods_are_never_joined_to_full_years(data: DashboardData) -> None:
    figure, *_ = view(data, [TRADE_KEY], None, None, "level", [])
    lines = [t for t in figure.data if t.mode == "lines" and t.name.endswith("periods")]
    assert lines
    for trace in lines:
        months = {pd.Timestamp(x).month for x in trace.x}
        assert months in ({12}, {8})  # year ends, or Jan–Aug ends, never mixed


def test_two_reports_of_one_period_stay_two_clickable_markers(data: DashboardData) -> None:
    figure, rows, *_ = view(data, [TRADE_KEY], None, None, "level", [])
    y2022 = [r for r in rows if r["period"] == "2022" and r["status"] == "reported"]
    assert {r["publisher"] for r in y2022} == {"seeds", "kazinform.example"}
    xs = [
        x
        for t in _markers(figure)
        for x, (fid, *_r) in zip(t.x, t.customdata, strict=True)
        if fid in {r["figure_id"] for r in y2022}
    ]
    assert len(set(xs)) == 2  # spread apart, so both can be hovered and clicked


def test_change_and_level_panels_and_toggles(data: DashboardData) -> None:
    change_key = series_key("trade turnover", "Russia;Kazakhstan", "%", "change")
    figure, *_ = view(data, [TRADE_KEY, change_key], None, None, "level", ["log"])
    titles = [a.text for a in figure.layout.annotations]
    assert titles == ["Level · USD", "Change · %"]
    assert figure.layout.yaxis.type == "log" and figure.layout.yaxis2.type != "log"
    pct, _rows, *_ = view(data, [TRADE_KEY], None, None, "pct", [])
    assert [a.text for a in pct.layout.annotations] == ["Change · %"]
    values = [y for t in _markers(pct) for y in t.y]
    assert values and all(-100 < v < 100 for v in values)


def test_range_limits_the_view(data: DashboardData) -> None:
    _fig, rows, *_ = view(data, [TRADE_KEY], "2023-01-01", "2023-12-31", "level", [])
    assert rows and all(r["period"].endswith("2023") for r in rows)
    empty, rows, _note, _ = view(data, [], None, None, "level", [])
    assert rows == [] and "Pick a series" in empty.layout.annotations[0].text


# --- citation ---------------------------------------------------------------------------------


def test_every_point_opens_its_quote_with_the_figure_highlighted(data: DashboardData) -> None:
    figure, *_ = view(data, [TRADE_KEY], None, None, "level", [])
    stored = data.store.figures(series_key=TRADE_KEY).set_index("figure_id")
    for trace in _markers(figure):
        for fid, doc_id, _key in trace.customdata:
            click = {"points": [{"customdata": [fid, doc_id, _key]}]}
            panel = cb.citation_view(data, *cb.point_from_click(click))
            quote = _find(panel, html.Blockquote)[0]
            marks = [m.children for m in _find(quote, html.Mark)]
            if fid in stored.index:
                assert "".join(_texts(quote)) == stored.at[fid, "sentence"]
                assert marks == [stored.at[fid, "surface"]]
                assert stored.at[fid, "title"] in _texts(panel)
            else:
                assert len(marks) == 2  # the level and the change that imply it
                assert any(t.startswith("Derived point") for t in _texts(panel))


def test_table_row_opens_the_same_citation(data: DashboardData) -> None:
    _fig, rows, *_ = view(data, [TRADE_KEY], None, None, "level", [])
    row = rows[0]
    target = cb.point_from_row({"rowId": row["row_id"]})
    assert target == (row["figure_id"], row["doc_id"])
    panel = cb.citation_view(data, *target)
    assert row["sentence"] == "".join(_texts(_find(panel, html.Blockquote)[0]))


def test_article_html_stays_text_and_bad_links_are_not_links(data: DashboardData) -> None:
    hostile = sample_corpus()["hostile"][1][0]
    panel = cb.citation_view(data, hostile.figure_id, hostile.doc_id)
    texts = _texts(panel)
    assert HOSTILE_TITLE in texts  # shown verbatim, as text
    assert "<script>window.__pwned = 3</script>" in "".join(_texts(_find(panel, html.Blockquote)))
    links = [a.href for a in _find(panel, html.A)]
    assert links == ["https://evil.example/a"]  # the javascript: URL is never made a link
    figure, *_ = view(data, [TRADE_KEY], None, None, "level", [])
    hover = " ".join(h for t in _markers(figure) for h in t.hovertext)
    assert "<script>" not in hover and "&lt;script&gt;" in hover


def test_a_vanished_point_says_so(data: DashboardData) -> None:
    panel = cb.citation_view(data, "no-such-figure", "no-such-doc")
    assert "no longer in the store" in " ".join(_texts(panel))


# --- downloads --------------------------------------------------------------------------------


def _export(url: str, tmp_path: Path, *args: str) -> bytes:
    out = tmp_path / "export.csv"
    result = CliRunner().invoke(
        build_app(), ["export", "--db", url, "--format", "csv", "--bom", "-o", str(out), *args]
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _download_bytes(payload: dict) -> bytes:
    import base64

    assert payload["base64"] is True
    return base64.b64decode(payload["content"])


def test_view_csv_equals_figures_export(
    data: DashboardData, sample_url: str, tmp_path: Path
) -> None:
    change_key = series_key("trade turnover", "Russia;Kazakhstan", "%", "change")
    payload = cb.csv_view_download(data, [TRADE_KEY, change_key], "2022-01-01", "2023-12-31")
    body = _download_bytes(payload)
    assert body[:3] == b"\xef\xbb\xbf"
    expected = _export(
        sample_url,
        tmp_path,
        "--series",
        TRADE_KEY,
        "--series",
        change_key,
        "--since",
        "2022-01-01",
        "--until",
        "2023-12-31",
    )
    assert body == expected
    assert payload["filename"] == "figures-view.csv"
    text = body.decode("utf-8-sig")
    assert "=HYPERLINK" in text and '"=HYPERLINK' not in text.replace("'=HYPERLINK", "")


def test_all_csv_equals_figures_export_of_everything(
    data: DashboardData, sample_url: str, tmp_path: Path
) -> None:
    body = _download_bytes(cb.csv_all_download(data))
    assert body == _export(sample_url, tmp_path)
    frame = pd.read_csv(__import__("io").BytesIO(body), encoding="utf-8-sig")
    assert len(frame) == len(data.store.figures())


# --- status and the app over the real pipeline --------------------------------------------------


def test_status_line_counts(data: DashboardData) -> None:
    status = data.store.status()
    text = cb.status_view(data)
    assert f"{status.n_documents:,} documents" in text and f"{status.n_figures:,} figures" in text
    assert "never refreshed" in text and "no failed sources" in text


def test_serve_builds_the_seed_store_on_a_fresh_machine(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    app = create_app(url, seed_if_empty=True)
    data = app.server.config["FIGURES_DATA"]
    try:
        docs = data.store.documents()
        assert len(docs) == len(list(SEEDS_DIR.glob("*.txt"))) > 0
        rows, _ = cb.explorer_view(data, "", None, None, None, None, None)
        assert sum(r["n_figures"] for r in rows) == len(data.store.figures()) > 0
        selected, *_ = cb.sync_state(data, None, "", None, None, None, None, None, None)
        figure, _table, _note, _cit = view(data, selected, None, None, "level", [])
        stored = data.store.figures(series_key=selected)
        plotted = sorted(
            y
            for t in _markers(figure)
            for (fid, *_r), y in zip(t.customdata, t.y, strict=True)
            if not fid.startswith("derived-")
        )
        dated = stored[stored["period_end"].notna() | stored["published"].notna()]
        assert plotted == sorted(dated["value"])
    finally:
        data.store.close()
    again = create_app(url, seed_if_empty=True).server.config["FIGURES_DATA"]
    assert len(again.store.documents()) == len(docs)  # seeded once, not twice
    again.store.close()


def test_serve_command_is_registered() -> None:
    result = CliRunner().invoke(build_app(), ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port"):
        assert option in result.output


def test_series_chart_is_json_serialisable(data: DashboardData) -> None:
    _frame, points = data.view_points([TRADE_KEY])
    figure = series_chart(points, data.labels([TRADE_KEY]))
    assert json.loads(json.dumps(figure)) == figure  # plain JSON, as dcc.Graph receives it
    go.Figure(figure)  # and a valid plotly figure


@pytest.mark.parametrize(
    "keys",
    [["", "a", "a|b", "|||", "gdp|Japan|%|change", "x|A;B||level", "m|||", "|E|u|"]],
)
def test_vectorised_labels_equal_series_label(keys: list[str]) -> None:
    from dashboard.queries import series_labels
    from extract.series import series_label

    assert series_labels(pd.Series(keys)).tolist() == [series_label(k) for k in keys]


@given(
    st.lists(random_figures(), max_size=8),
    st.sampled_from(["level", "pct"]),
    st.booleans(),
)
@settings(max_examples=120, deadline=None)
def test_series_chart_never_raises_and_is_always_a_valid_figure(
    figures: list[Figure], transform: str, log: bool
) -> None:
    from extract.schema import to_frame
    from extract.series import build_points

    figure = series_chart(build_points(to_frame(figures)), {}, transform=transform, log=log)
    go.Figure(figure)
    json.dumps(figure, allow_nan=False)
    markers = [t for t in figure["data"] if t["mode"] == "markers"]
    for trace in markers:
        assert len(trace["customdata"]) == len(trace["x"]) == len(trace["y"])


def test_serve_names_a_store_it_cannot_open() -> None:
    result = CliRunner().invoke(build_app(), ["serve", "--db", "nosuchdriver://x"])
    assert result.exit_code == 1
    assert "cannot open the store nosuchdriver://x" in result.output


def test_status_line_names_failed_sources_and_the_last_refresh(data: DashboardData) -> None:
    store = data.store
    store.record_source_run(
        "tass-feed", kind="feed", location="http://127.0.0.1:9/feed", error="HTTP 503"
    )
    run = store.start_run()
    store.finish_run(run, {"documents": {"new": 0}})
    text = cb.status_view(data)
    status = store.status()
    assert "1 failed source(s): tass-feed (HTTP 503)" in text
    assert status.last_refresh_at is not None
    assert f"last refreshed {status.last_refresh_at.isoformat(sep=' ', timespec='seconds')}" in text


@pytest.mark.postgres
def test_the_dashboard_reads_postgresql_the_same_way(pg_url: str, sample_url: str) -> None:
    """The same sample on the team backend: explorer, chart, citation and CSV agree with SQLite."""
    store = Store.open(pg_url)
    try:
        ingest_known(store, sample_corpus())
    finally:
        store.close()
    pg = create_app(pg_url).server.config["FIGURES_DATA"]
    lite = create_app(sample_url).server.config["FIGURES_DATA"]
    try:
        for name in ("explorer", "chart", "csv"):
            if name == "explorer":
                a = cb.explorer_view(pg, "trade", None, None, None, None, None)
                b = cb.explorer_view(lite, "trade", None, None, None, None, None)
            elif name == "chart":
                a = view(pg, [TRADE_KEY], None, None, "level", [])[1]
                b = view(lite, [TRADE_KEY], None, None, "level", [])[1]
            else:
                a = cb.csv_view_download(pg, [TRADE_KEY], "2022-01-01", None)["content"]
                b = cb.csv_view_download(lite, [TRADE_KEY], "2022-01-01", None)["content"]
            assert a == b, name
        hostile = sample_corpus()["hostile"][1][0]
        a = _texts(cb.citation_view(pg, hostile.figure_id, hostile.doc_id))
        assert a == _texts(cb.citation_view(lite, hostile.figure_id, hostile.doc_id))
    finally:
        pg.store.close()
        lite.store.close()


def test_a_bare_link_opens_the_largest_series_with_a_measure_and_a_unit(tmp_path: Path) -> None:
    doc = seed_document()
    unnamed = [
        figure_in(doc, s, value=v, unit="", kind="level", period=(None, doc.published), measure="")
        for s, v in (("28.2", 28.2), ("10.2", 10.2), ("6,000", 6000.0))
    ]
    named = [
        figure_in(
            doc,
            "$28.2 billion",
            value=28.2e9,
            unit="USD",
            kind="level",
            period=(dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
            measure="trade turnover",
        )
    ]
    store = Store.open(f"sqlite:///{tmp_path / 'd.db'}")
    ingest_known(store, {"seed": (doc, unnamed + named)})
    data = DashboardData(store)
    assert data.summary()["series_key"].iloc[0] != TRADE_KEY  # the unnamed one is larger
    assert cb.default_series(data) == [TRADE_KEY]
    store.close()
