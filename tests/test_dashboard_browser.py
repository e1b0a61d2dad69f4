"""The dashboard in a real headless Chromium (Debian's, via Playwright), over a real store.

The app is served in-process by werkzeug on a free 127.0.0.1 port. Expected values are read from
the store (or the real `figures export` command), never typed in.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from test_dashboard_callbacks import HOSTILE_TITLE, TRADE_KEY, build_sample_store
from typer.testing import CliRunner

from dashboard.app import create_app
from dashboard.queries import DashboardData
from extract.cli import build_app
from extract.series import series_key

pytestmark = pytest.mark.browser

CHANGE_KEY = series_key("trade turnover", "Russia;Kazakhstan", "%", "change")
TIMEOUT_MS = 30_000  # generous: a shared, noisy machine; nothing here is a timing assertion


def chromium_path() -> str | None:
    candidate = os.environ.get("FIGURES_CHROMIUM") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() else shutil.which("chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if not path:
        pytest.skip("no chromium binary (set FIGURES_CHROMIUM or install Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Served:
    def __init__(self, url: str, data: DashboardData, db_url: str) -> None:
        self.url, self.data, self.db_url = url, data, db_url


def serve(db_url: str, **kwargs: Any) -> Iterator[Served]:
    from werkzeug.serving import make_server

    app = create_app(db_url, **kwargs)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    data = app.server.config["FIGURES_DATA"]
    try:
        yield Served(f"http://127.0.0.1:{server.server_port}/", data, db_url)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        data.store.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    db_url = build_sample_store(tmp_path_factory.mktemp("browser") / "sample.db")
    yield from serve(db_url)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1500, "height": 1300})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()
    assert errors == [], f"console errors: {errors}"


def open_view(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#explorer .ag-row.series-chosen")  # explorer settled on the view
    page.wait_for_function(
        "() => { const g = document.querySelector('#chart .js-plotly-plot');"
        " return g && g._fullData && g._fullData.some(t => t.mode === 'markers'); }"
    )


def pick(page: Any, key: str) -> None:
    """Click a series' name in the explorer, as a user does."""
    page.locator(f'#explorer .ag-row[row-id="{key}"] .ag-cell[col-id="label"]').click()


def click_point(page: Any, index: int, shown: str) -> str:
    """Click the index-th marker and wait for the citation panel to show another point.

    Plotly reports a click for the point last hovered, and hovering is throttled: on a busy
    machine a quick click can still report the previous point. So hover first, and click again
    if the panel did not change.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    point = page.locator("#chart .scatterlayer .trace .points path.point").nth(index)
    for attempt in range(5):
        point.hover(force=True)
        point.click(force=True)
        try:
            page.wait_for_function(
                "(before) => { const p = document.querySelector('#citation-point');"
                " return p && p.dataset.figure !== before; }",
                arg=shown,
                timeout=4_000 if attempt < 4 else TIMEOUT_MS,
            )
            break
        except PlaywrightTimeout:
            page.mouse.move(0, 0)  # leave the chart, so the next hover starts afresh
            if attempt == 4:
                raise
    return page.locator("#citation-point").get_attribute("data-figure")


def plotted(page: Any) -> dict[str, float]:
    """figure_id -> y of every marker on the chart, as Plotly holds them (typed arrays)."""
    pairs = page.evaluate(
        """() => {
            const g = document.querySelector('#chart .js-plotly-plot');
            const out = [];
            for (const t of g._fullData) {
                if (t.mode !== 'markers') continue;
                const ys = Array.from(t.y);
                t.customdata.forEach((c, i) => out.push([c[0], ys[i]]));
            }
            return out;
        }"""
    )
    return {fid: y for fid, y in pairs}


def wait_for_series(page: Any, keys: list[str]) -> None:
    page.wait_for_function(
        """(keys) => {
            const g = document.querySelector('#chart .js-plotly-plot');
            if (!g || !g._fullData) return false;
            const seen = new Set();
            for (const t of g._fullData) {
                if (t.customdata) t.customdata.forEach(c => seen.add(c[2]));
            }
            return keys.length === seen.size && keys.every(k => seen.has(k));
        }""",
        arg=keys,
    )


def wait_for_transform(page: Any, suffix: str) -> None:
    """Wait until the chart is drawn with a transformation and scale (its uirevision says)."""
    page.wait_for_function(
        "(s) => { const g = document.querySelector('#chart .js-plotly-plot');"
        " return g && g.layout && String(g.layout.uirevision).endsWith(s); }",
        arg=suffix,
    )


def url_series(page: Any) -> list[str]:
    return parse_qs(urlsplit(page.url).query).get("series", [])


def test_pick_a_series_and_see_its_values(page: Any, sample: Served) -> None:
    open_view(page, sample.url)
    pick(page, CHANGE_KEY)
    page.wait_for_function(
        "(k) => new URLSearchParams(location.search).getAll('series').includes(k)", arg=CHANGE_KEY
    )
    wait_for_series(page, [url_series(page)[0], CHANGE_KEY])
    values = plotted(page)
    for key in url_series(page):
        stored = sample.data.store.figures(series_key=key)
        for fid, value in zip(stored["figure_id"], stored["value"], strict=True):
            assert values[fid] == pytest.approx(value)
    stored_ids = set(sample.data.store.figures(series_key=url_series(page))["figure_id"])
    assert {f for f in values if not f.startswith("derived-")} == stored_ids
    rows = page.locator("#table .ag-center-cols-container .ag-row").count()
    assert rows == len(values)


def test_click_a_point_and_read_its_quote(page: Any, sample: Served) -> None:
    open_view(page, sample.url + f"?series={TRADE_KEY.replace('|', '%7C')}")
    stored = sample.data.store.figures(series_key=TRADE_KEY).set_index("figure_id")
    points = page.locator("#chart .scatterlayer .trace .points path.point")
    clicked = 0
    shown = ""
    for i in range(points.count()):
        fid = shown = click_point(page, i, shown)
        quote = page.locator("#citation-quote").inner_text()
        marks = page.locator("#citation-quote mark").all_inner_texts()
        if page.locator(".citation-derived").count():
            assert len(marks) == 2  # a derived point shows both figures that imply it
        else:
            assert quote == stored.at[fid, "sentence"]
            assert marks == [stored.at[fid, "surface"]]
            assert page.locator("#citation-title").inner_text() == stored.at[fid, "title"]
        clicked += 1
    assert clicked == len(plotted(page))  # every point on the chart opens its citation


def test_download_the_view_as_csv_equals_figures_export(
    page: Any, sample: Served, tmp_path: Path
) -> None:
    open_view(page, sample.url + f"?series={TRADE_KEY.replace('|', '%7C')}&from=2022-01-01")
    with page.expect_download() as info:
        page.click("#download-view-csv")
    body = Path(info.value.path()).read_bytes()
    assert info.value.suggested_filename == "figures-view.csv"
    assert body[:3] == b"\xef\xbb\xbf"  # Excel reads it as UTF-8
    out = tmp_path / "export.csv"
    result = CliRunner().invoke(
        build_app(),
        [
            *("export", "--db", sample.db_url, "--series", TRADE_KEY, "--since", "2022-01-01"),
            *("--bom", "--format", "csv", "-o", str(out)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert body == out.read_bytes()
    with page.expect_download() as info:
        page.click("#download-all-csv")
    everything = Path(info.value.path()).read_bytes()
    assert everything[:3] == b"\xef\xbb\xbf"
    assert everything.count(b"\r\n") - 1 >= len(sample.data.store.figures())


def test_chart_images_download_as_png_and_svg(page: Any, sample: Served) -> None:
    open_view(page, sample.url)
    with page.expect_download() as info:
        page.click("#download-svg")
    assert info.value.suggested_filename.endswith(".svg")
    assert Path(info.value.path()).read_bytes().lstrip().startswith(b"<svg")
    with page.expect_download() as info:
        page.click("#download-png")
    assert Path(info.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_copied_link_reopens_the_same_view(page: Any, browser: Any, sample: Served) -> None:
    open_view(page, sample.url)
    pick(page, CHANGE_KEY)
    page.get_by_label("% change on previous period").check()
    page.get_by_label("Log scale").check()
    page.wait_for_function("() => location.search.includes('log=1')")
    page.wait_for_function("() => location.search.includes('transform=pct')")
    keys = url_series(page)
    wait_for_series(page, keys)
    wait_for_transform(page, "|pct|True")
    before = plotted(page)
    link = page.locator("#permalink").inner_text()
    assert link == page.url
    other = browser.new_context(viewport={"width": 1500, "height": 1300}).new_page()
    try:
        open_view(other, link)
        wait_for_series(other, keys)
        wait_for_transform(other, "|pct|True")
        assert url_series(other) == keys
        assert other.get_by_label("% change on previous period").is_checked()
        assert other.get_by_label("Log scale").is_checked()
        assert plotted(other) == pytest.approx(before)
    finally:
        other.context.close()


def test_article_html_renders_inert(page: Any, sample: Served) -> None:
    hostile = sample.data.store.figures(search="__pwned")
    assert len(hostile) == 1
    open_view(page, sample.url + f"?series={TRADE_KEY.replace('|', '%7C')}")
    points = page.locator("#chart .scatterlayer .trace .points path.point")
    fid = hostile["figure_id"].iloc[0]
    shown = ""
    for i in range(points.count()):
        shown = click_point(page, i, shown)
        if shown == fid:
            break
    assert page.locator("#citation-title").inner_text() == HOSTILE_TITLE
    assert "<script>window.__pwned = 3</script>" in page.locator("#citation-quote").inner_text()
    page.wait_for_selector("#table .ag-row")  # the grid has rendered the same texts
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#citation script, #citation img, #table script, #table img").count() == 0
    assert page.locator("#citation a[href^='javascript']").count() == 0


def test_seeded_first_start_shows_a_working_dashboard(browser: Any, tmp_path: Path) -> None:
    """What `figures serve` does on a fresh machine: seed, then serve; no console errors."""
    errors: list[str] = []
    for served in serve(f"sqlite:///{tmp_path / 'fresh.db'}", seed_if_empty=True):
        context = browser.new_context()
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(served.url)
        page.wait_for_selector("#explorer .ag-row")
        status = page.locator("#status").inner_text()
        n_docs = len(served.data.store.documents())
        assert f"{n_docs:,} documents" in status and n_docs > 0
        dated = served.data.store.figures()
        if dated["period_end"].notna().any() or dated["published"].notna().any():
            page.wait_for_function(
                "() => { const g = document.querySelector('#chart .js-plotly-plot');"
                " return g && g._fullData && g._fullData.some(t => t.mode === 'markers'); }"
            )
        context.close()
        assert errors == []


def requests_of(page: Any) -> list[tuple[str, str, str]]:
    """(method, path, callback output) of every request the page makes from now on."""
    import json

    seen: list[tuple[str, str, str]] = []

    def note(request: Any) -> None:
        output = json.loads(request.post_data)["output"] if request.method == "POST" else ""
        seen.append((request.method, urlsplit(request.url).path, output))

    page.on("request", note)
    return seen


def test_a_first_load_runs_only_the_url_sync_and_fetches_each_thing_once(
    page: Any, sample: Served
) -> None:
    from dashboard.app import LAZY_SCRIPTS

    seen = requests_of(page)
    open_view(page, sample.url + f"?series={CHANGE_KEY.replace('|', '%7C')}&transform=pct")
    wait_for_series(page, [CHANGE_KEY])
    page.wait_for_load_state("networkidle")
    callbacks = [output for method, _path, output in seen if method == "POST"]
    assert len(callbacks) == 1 and "url.search" in callbacks[0]  # the view came with the page
    paths = [path for method, path, _ in seen if method == "GET"]
    lazy = [f"/_dash-component-suites/{pkg}/{path}" for pkg, path in LAZY_SCRIPTS]
    for path in ["/_dash-layout", "/_dash-dependencies", *lazy]:
        assert paths.count(path) == 1, (path, paths)  # preloaded, and the preload is used
    assert page.get_by_label("% change on previous period").is_checked()
    runtime = page.evaluate("() => [typeof regeneratorRuntime, typeof window._babelPolyfill]")
    assert runtime == ["object", "undefined"]  # no core-js, the runtime Dash's bundles call


def test_a_link_opens_its_view_even_when_the_layout_request_has_no_referer(
    page: Any, sample: Served
) -> None:
    """Without the Referer the server sends the default view; the URL sync then switches to the
    link's view through the callbacks, as before the first view was served with the page."""

    def no_referer(route: Any) -> None:
        headers = {k: v for k, v in route.request.headers.items() if k.lower() != "referer"}
        route.fulfill(response=route.fetch(headers=headers))

    page.route("**/_dash-layout", no_referer)
    seen = requests_of(page)
    page.goto(sample.url + f"?series={CHANGE_KEY.replace('|', '%7C')}&log=1")
    wait_for_series(page, [CHANGE_KEY])
    page.wait_for_selector(f'#explorer .ag-row.series-chosen[row-id="{CHANGE_KEY}"]')
    assert page.get_by_label("Log scale").is_checked()
    assert url_series(page) == [CHANGE_KEY]
    outputs = [output for method, _path, output in seen if method == "POST"]
    assert any("chart.figure" in o for o in outputs)  # the view came through the callbacks
