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
    app = Dash(
        __name__,
        title="figures: cited economic series",
        assets_folder=str(ASSETS),
        update_title=None,
    )
    app.layout = build_layout
    register_callbacks(app, data)
    app.server.config["FIGURES_DATA"] = data
    return app
