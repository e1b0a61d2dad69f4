"""`figures evaluate`: score this extractor (and quantulum3) against a gold set."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class SystemChoice(StrEnum):
    figures = "figures"
    quantulum3 = "quantulum3"
    both = "both"


def evaluate_command(
    gold: Annotated[
        Path,
        typer.Argument(
            help="Gold directory of <name>.documents.jsonl + <name>.figures.csv pairs, "
            "or one <name>.figures.csv file."
        ),
    ],
    system: Annotated[
        SystemChoice,
        typer.Option("--system", help="Which extractor(s) to score, in the same run."),
    ] = SystemChoice.both,
    per_corpus: Annotated[
        bool, typer.Option("--per-corpus", help="Also print a table for each corpus.")
    ] = False,
    errors: Annotated[
        int,
        typer.Option(
            "--errors",
            min=0,
            help="Print up to N misses, false positives and wrong-field matches per system.",
        ),
    ] = 0,
    json_path: Annotated[
        Path | None,
        typer.Option("--json", help="Also write every number of the report as JSON to this path."),
    ] = None,
) -> None:
    """Precision, recall and F1 per field, CQE-style, for figures and quantulum3."""
    from extract.evaluate import GoldError, evaluate, evaluation_json, format_report, read_gold

    try:
        gold_set = read_gold(gold)
    except GoldError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    systems = ("figures", "quantulum3") if system is SystemChoice.both else (system.value,)
    try:
        result = evaluate(gold_set, systems, per_corpus=per_corpus, source=str(gold))
    except RuntimeError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(format_report(result, errors=errors), nl=False)
    if json_path is not None:
        data = evaluation_json(result, errors=errors)
        try:
            json_path.parent.mkdir(parents=True, exist_ok=True)
            json_path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
        except OSError as exc:
            typer.echo(f"error: cannot write {json_path}: {exc}", err=True)
            raise typer.Exit(1) from exc


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the `figures` app."""
    app.command("evaluate")(evaluate_command)
