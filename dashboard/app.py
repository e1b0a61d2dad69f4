"""The app factory: `create_app(store_or_url)` builds a Dash app over one store.

Nothing is read at import time; the store is opened (and, for the embedded default, seeded) only
when an app is made.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dash import Dash

from dashboard.callbacks import register_callbacks
from dashboard.layout import build_layout
from dashboard.queries import SEEDS_DIR, DashboardData, open_store, seed_store

if TYPE_CHECKING:
    from extract.store import Store

ASSETS = Path(__file__).resolve().parent / "assets"
# plotly.js "basic" (scatter, bar, pie; npm plotly.js-basic-dist-min, MIT), 1.2 MB against the full
# bundle's 4.8 MB: the charts use scatter only, and parsing the full bundle costs about 1.5 s of
# first render on a 2-core machine. Served in place of the full bundle only when both are the same
# plotly.js version, so a plotly upgrade falls back to the full bundle instead of breaking.
PLOTLY_BASIC = ASSETS / "plotly-basic.min.js"


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
    app = Dash(
        __name__,
        title="figures: cited economic series",
        assets_folder=str(ASSETS),
        assets_ignore=r"plotly-basic",  # served by `_serve_basic_plotly`, not as a page script
        update_title=None,
    )
    _serve_basic_plotly(app)
    app.layout = build_layout
    register_callbacks(app, data)
    app.server.config["FIGURES_DATA"] = data
    return app


def basic_plotly_matches() -> bool:
    """True when the vendored basic bundle is the plotly.js version plotly.py ships."""
    from plotly.offline import get_plotlyjs_version

    if not PLOTLY_BASIC.is_file():
        return False
    with PLOTLY_BASIC.open(encoding="utf-8") as handle:
        head = handle.read(200)
    return f"v{get_plotlyjs_version()}\n" in head


def _serve_basic_plotly(app: Dash) -> None:
    if not basic_plotly_matches():
        return

    from flask import Response, request, send_file

    @app.server.before_request
    def _basic() -> Response | None:
        if request.path.endswith("/plotly/package_data/plotly.min.js"):
            return send_file(PLOTLY_BASIC, mimetype="application/javascript", max_age=86400)
        return None
