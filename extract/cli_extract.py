"""Subcommands of this area (scaffold: filled in by the area's work)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the `figures` app."""
