"""`figures serve`: the dashboard over a store (the seed articles on a fresh machine)."""

from __future__ import annotations

import os
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add `figures serve` to the `figures` app."""

    @app.command()
    def serve(
        db: Annotated[
            str | None,
            typer.Option(
                "--db",
                help="SQLAlchemy URL of the store (default: FIGURES_DB, else data/figures.db).",
            ),
        ] = None,
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8050,
        seed: Annotated[
            bool,
            typer.Option(
                "--seed/--no-seed",
                help="Fill an empty default store from seeds/ first (ignored with --db).",
            ),
        ] = True,
        debug: Annotated[bool, typer.Option(help="Dash debug mode (reloader, dev tools).")] = False,
    ) -> None:
        """Serve the dashboard: series explorer, cited charts, table and downloads.

        Examples:

          figures serve                      # the default store; seeded on first run

          figures serve --db sqlite:///news.db --port 8080

          figures serve --db postgresql+psycopg://user@host/figures --host 0.0.0.0
        """
        from sqlalchemy.exc import SQLAlchemyError

        from dashboard.app import create_app
        from extract.store import StoreError

        url = db or os.environ.get("FIGURES_DB") or None
        try:
            dash_app = create_app(url, seed_if_empty=seed and url is None)
        except (StoreError, OSError, ValueError, SQLAlchemyError) as exc:
            message = str(exc)
            if not message.startswith("cannot open the store"):
                message = f"cannot open the store {url or '(default)'}: {message}"
            typer.echo(f"error: {message}", err=True)
            raise typer.Exit(1) from exc
        typer.echo(f"figures dashboard on http://{host}:{port}/  (Ctrl+C to stop)", err=True)
        dash_app.run(host=host, port=port, debug=debug)
