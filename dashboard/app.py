"""The app factory: `create_app(store_or_url)` builds a Dash app over one store.

Nothing is read at import time; the store is opened (and, for the embedded default, seeded) only
when an app is made.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from dash import Dash, html

from dashboard.callbacks import first_view, register_callbacks, status_view
from dashboard.layout import build_layout
from dashboard.queries import SEEDS_DIR, DashboardData, open_store, seed_store
from dashboard.state import parse_query

if TYPE_CHECKING:
    from extract.store import Store

ASSETS = Path(__file__).resolve().parent / "assets"
# plotly.js "basic" (scatter, bar, pie; npm plotly.js-basic-dist-min, MIT), 1.2 MB against the full
# bundle's 4.8 MB: the charts use scatter only, and parsing the full bundle costs about 1.5 s of
# first render on a 2-core machine. Served in place of the full bundle only when both are the same
# plotly.js version, so a plotly upgrade falls back to the full bundle instead of breaking.
PLOTLY_BASIC = ASSETS / "plotly-basic.min.js"
# Dash loads @babel/polyfill (core-js 2 and regenerator-runtime) before everything else, for
# browsers from before 2017. Its core-js part costs a cold page about 0.1-0.2 s of main thread
# (it also swaps native methods such as String.prototype.trim, which plotly.js calls per marker,
# for slower ones). Dash's bundles need only the regenerator runtime from it (dcc, dash-table and
# the renderer are compiled to call `regeneratorRuntime`); every browser that runs React 18 has the
# rest natively. So that URL serves regenerator-runtime alone (npm regenerator-runtime, MIT).
REGENERATOR = ASSETS / "regenerator-runtime.js"


def create_app(
    store_or_url: Store | str | None = None,
    *,
    seed_if_empty: bool = False,
    seeds_dir: Path = SEEDS_DIR,
) -> Dash:
    """A Dash app over `store_or_url` (a `Store`, a SQLAlchemy URL, or None for the default).

    `seed_if_empty` fills an empty store from the seed articles first, so the README's first
    command shows a working dashboard on a fresh machine.
    """
    store = open_store(store_or_url)
    if seed_if_empty and store.status().n_documents == 0 and seeds_dir.is_dir():
        seed_store(store, seeds_dir)
    data = DashboardData(store)
    data.warm()  # built now, so the first page does not wait for it
    first_view(data, "")  # the bare address's view, likewise
    app = _Dash(
        data,
        __name__,
        title="figures: cited economic series",
        assets_folder=str(ASSETS),
        # served by `_serve_lighter_scripts` in place of Dash's own, not as extra page scripts
        assets_ignore=r"plotly-basic|regenerator-runtime",
        update_title=None,
        # The page's layout request then carries the page's own URL (see `page_layout`); the
        # browsers' default policy does so too, this only makes it explicit.
        meta_tags=[{"name": "referrer", "content": "same-origin"}],
    )
    _serve_lighter_scripts(app)
    _preload(app)
    app.layout = page_layout(data)
    register_callbacks(app, data)
    app.server.config["FIGURES_DATA"] = data
    return app


def page_query() -> str | None:
    """The query of the page asking for its layout, or None outside a layout request.

    Dash fetches the layout from `_dash-layout` after the page has loaded; that request's Referer
    is the page's address (same origin), query included.
    """
    from flask import has_request_context, request

    if not has_request_context():
        return None
    referrer = request.referrer or ""
    parts = urlsplit(referrer)
    if referrer and parts.netloc != request.host:
        return ""
    return parts.query


def page_layout(data: DashboardData) -> Callable[[], html.Div]:
    """The layout function: the page with its first view in it, for the page's URL.

    Outside a request (Dash checking the callbacks' ids at start-up) the page is empty. Should the
    Referer be missing, the page shows the default view and the URL sync callback, which always
    runs on load, switches it to the link's view through the callbacks, as before.
    """

    def layout() -> html.Div:
        search = page_query()
        return build_layout() if search is None else build_layout(first_view(data, search))

    return layout


class _Dash(Dash):
    """Dash, keeping the layout's JSON for the last few views until the store changes.

    The layout is the biggest response of a page load (the first view is in it): encoding it
    again for every visitor of the same view would cost the server ~30 ms of a held GIL while
    the same page waits for its scripts. The status line is part of the key, so it stays fresh.
    """

    def __init__(self, data: DashboardData, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._figures_data = data

    def serve_layout(self) -> Any:
        from dash._utils import to_json

        data = self._figures_data
        try:
            key = (parse_query(page_query()), status_view(data))
            body = data.remember("layout_json", key, lambda: to_json(self.get_layout()))
        except Exception:  # a store that fails here fails the callbacks too: show the page
            logging.getLogger(__name__).exception("first view of %r", page_query())
            body = to_json(build_layout())
        return self.backend.make_response(body, mimetype="application/json")


# Scripts every page needs that Dash's components load only once they are drawn (webpack chunks
# and plotly.js), by package and path under `_dash-component-suites/`.
LAZY_SCRIPTS = (
    ("dash", "dcc/async-dropdown.js"),
    ("dash", "dcc/async-datepicker.js"),
    ("dash", "dcc/async-graph.js"),
    ("dash_ag_grid", "async-community.js"),
    ("plotly", "package_data/plotly.min.js"),
)


def preload_links(prefix: str = "/") -> tuple[str, str]:
    """`<link rel=preload>` tags for what a page fetches only after its scripts have run:
    (the layout and the callbacks' list, for the head; the lazily loaded scripts, for after the
    page's scripts).

    Without them a page asks for its layout only once every script has run, and for the chart's
    and grids' code only once the layout is drawn: waits in a row, and the layout is the biggest
    response (the first view is in it). With them the browser fetches all of it beside the
    scripts, and Dash's own requests find the answers already there. The layout goes first (the
    server takes longest over it); the lazy scripts go after the page's scripts, which are needed
    first (a browser opens only six connections to one HTTP/1.1 server). Chunks that the
    installed packages do not ship are left out, so an upgrade that renames one costs nothing.
    """
    from importlib.util import find_spec

    first = "".join(
        f'<link rel="preload" as="fetch" crossorigin href="{prefix}{name}">'
        for name in ("_dash-layout", "_dash-dependencies")
    )
    later = []
    for package, path in LAZY_SCRIPTS:
        spec = find_spec(package)
        if spec and spec.origin and (Path(spec.origin).parent / path).is_file():
            url = f"{prefix}_dash-component-suites/{package}/{path}"
            later.append(f'<link rel="preload" as="script" href="{url}">')
    return first, "".join(later)


def _preload(app: Dash) -> None:
    first, later = preload_links(app.config.requests_pathname_prefix)
    index = app.index_string.replace("{%css%}", "{%css%}\n        " + first, 1)
    app.index_string = index.replace("{%scripts%}", "{%scripts%}\n            " + later, 1)


def basic_plotly_matches() -> bool:
    """True when the vendored basic bundle is the plotly.js version plotly.py ships."""
    from plotly.offline import get_plotlyjs_version

    if not PLOTLY_BASIC.is_file():
        return False
    with PLOTLY_BASIC.open(encoding="utf-8") as handle:
        head = handle.read(200)
    return f"v{get_plotlyjs_version()}\n" in head


def _serve_lighter_scripts(app: Dash) -> None:
    """Serve plotly.js basic for the full bundle (when the versions match) and the regenerator
    runtime for @babel/polyfill, at the URLs Dash puts in the page."""
    from flask import Response, request, send_file

    basic = basic_plotly_matches()

    @app.server.before_request
    def _lighter() -> Response | None:
        path = request.path
        if basic and path.endswith("/plotly/package_data/plotly.min.js"):
            return send_file(PLOTLY_BASIC, mimetype="application/javascript", max_age=86400)
        if "/_dash-component-suites/dash/deps/polyfill@" in path:
            return send_file(REGENERATOR, mimetype="application/javascript", max_age=86400)
        return None
