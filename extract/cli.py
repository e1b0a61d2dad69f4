"""The `figures` command: a thin shell over the library.

Each area registers its own subcommands (extract, evaluate, store/refresh/export, serve) so the
entry point stays small and imports nothing heavy until a command runs.
"""

from __future__ import annotations

import importlib

import typer

_COMMAND_MODULES = (
    "extract.cli_extract",
    "extract.cli_evaluate",
    "extract.cli_store",
    "dashboard.cli",
)


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="figures",
        help="Economic figures from news text, as cited time series.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )

    @app.callback()
    def _figures() -> None:
        """Economic figures from news text, as cited time series."""

    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(app)
    return app


def main() -> None:
    build_app()()


if __name__ == "__main__":
    main()
