"""`figures sources|refresh|schedule|export|status`: the store's commands, thin over the library."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from extract.refresh import RefreshReport
    from extract.store import Store

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLAlchemy URL or SQLite file path [default: $FIGURES_DB or data/figures.db]",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Sources file [default: $FIGURES_CONFIG or ./sources.toml]",
        show_default=False,
    ),
]

EXIT_LOCKED = 75  # EX_TEMPFAIL: try again later


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _date(value: str | None, what: str) -> dt.date | None:
    from extract.schema import as_date

    if value is None:
        return None
    try:
        return as_date(value)
    except ValueError:
        raise _fail(f"{what}: not a date {value!r} (want YYYY-MM-DD)") from None


def _open_store(db: str | None) -> Store:
    from extract.store import Store, StoreError

    try:
        return Store.open(db)
    except StoreError as exc:
        raise _fail(str(exc)) from None


# --- sources -----------------------------------------------------------------------------------

sources_app = typer.Typer(help="List, add and remove the sources `figures refresh` reads.")


@sources_app.command("list")
def sources_list(
    config: ConfigOption = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Show each source with its last run and last error (from the store, if there is one)."""
    from extract.sources import SourcesError, load_sources

    try:
        cfg = load_sources(config)
    except SourcesError as exc:
        raise _fail(str(exc)) from None
    states = {}
    if _store_exists(db):
        frame = _open_store(db).source_states()
        states = {row["name"]: row for row in frame.to_dict(orient="records")}
    rows = []
    for s in cfg.sources:
        state = states.get(s.name, {})
        rows.append(
            {
                "name": s.name,
                "kind": s.kind,
                "location": s.location,
                "enabled": s.enabled,
                "last_run_at": _iso(state.get("last_run_at")),
                "last_ok_at": _iso(state.get("last_ok_at")),
                "last_error": state.get("last_error"),
            }
        )
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        typer.echo(f"no sources in {cfg.path} (add one with `figures sources add`)")
        return
    for row in rows:
        flag = "" if row["enabled"] else " (disabled)"
        typer.echo(f"{row['name']}\t{row['kind']}\t{row['location']}{flag}")
        if row["last_run_at"]:
            typer.echo(f"\tlast run {row['last_run_at']}, last ok {row['last_ok_at'] or 'never'}")
        if row["last_error"]:
            typer.echo(f"\tlast error: {row['last_error']}")


def _iso(value: object) -> str | None:
    if value is None or value != value:  # None or NaT
        return None
    return value.isoformat(sep=" ", timespec="seconds") + " UTC"  # type: ignore[attr-defined]


def _store_exists(db: str | None) -> bool:
    from sqlalchemy import make_url

    from extract.store import resolve_db_url

    url = make_url(resolve_db_url(db))
    if url.get_backend_name() != "sqlite":
        return True
    return bool(url.database) and Path(url.database).exists()


@sources_app.command("add")
def sources_add(
    name: Annotated[str, typer.Argument(help="A short name: letters, digits, '.', '_', '-'.")],
    folder: Annotated[
        Path | None, typer.Option(help="A folder of .txt/.md/.html/.jsonl/.sgm files.")
    ] = None,
    feed: Annotated[str | None, typer.Option(help="An RSS or Atom feed URL.")] = None,
    url: Annotated[
        list[str] | None, typer.Option("--url", help="A page URL (repeat for several).")
    ] = None,
    url_file: Annotated[Path | None, typer.Option(help="A file of page URLs, one a line.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Folder: date for documents that carry none.")
    ] = None,
    summaries_only: Annotated[
        bool, typer.Option(help="Feed: use entry summaries, do not fetch the articles.")
    ] = False,
    max_entries: Annotated[int | None, typer.Option(help="Feed: newest N entries only.")] = None,
    revalidate_articles: Annotated[
        bool,
        typer.Option(help="Feed: ask again for every stored article, not only changed entries."),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Add a source to the sources file (created if missing)."""
    from extract.sources import Source, SourcesError, add_source

    given = [x for x in (folder, feed, url, url_file) if x]
    if len(given) != 1:
        raise _fail("give exactly one of --folder, --feed, --url (repeatable) or --url-file")
    if folder is not None:
        path = folder.expanduser().resolve()
        if not path.is_dir():
            raise _fail(f"{folder}: no such folder")
        source = Source(name, "folder", path=str(path), published=_date(published, "--published"))
    elif feed is not None:
        source = Source(
            name,
            "feed",
            url=feed,
            fetch_articles=not summaries_only,
            max_entries=max_entries,
            revalidate_articles=revalidate_articles,
        )
    elif url_file is not None:
        if not url_file.is_file():
            raise _fail(f"{url_file}: no such file")
        source = Source(name, "urls", file=str(url_file.expanduser().resolve()))
    else:
        source = Source(name, "urls", urls=tuple(url or ()))
    try:
        cfg = add_source(config, source)
    except SourcesError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"added {name} ({source.kind}: {source.location}) to {cfg.path}")


@sources_app.command("remove")
def sources_remove(
    name: str,
    purge: Annotated[
        bool, typer.Option(help="Also delete its documents and figures from the store.")
    ] = False,
    config: ConfigOption = None,
    db: DbOption = None,
) -> None:
    """Remove a source from the sources file; its stored figures stay unless --purge."""
    from extract.sources import SourcesError, remove_source

    try:
        cfg = remove_source(config, name)
    except SourcesError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"removed {name} from {cfg.path}")
    if purge:
        store = _open_store(db)
        try:
            n = store.delete_source_documents(name)
        finally:
            store.close()
        typer.echo(f"deleted {n} documents of {name} and their figures")


# --- refresh and schedule ----------------------------------------------------------------------


def _refresh_once(
    db: str | None,
    config: Path | None,
    source: list[str] | None,
    reextract: bool,
    reextract_all: bool,
    dask: str | None,
    workers: int | None,
    batch_size: int,
) -> RefreshReport:
    from extract.refresh import run_refresh

    return run_refresh(
        db,
        config,
        only=source,
        reextract=reextract or reextract_all,
        reextract_all=reextract_all,
        dask_address=dask,
        workers=workers,
        batch_size=batch_size,
    )


SourceOpt = Annotated[
    list[str] | None, typer.Option("--source", help="Only this source (repeatable).")
]
ReextractOpt = Annotated[
    bool,
    typer.Option(
        "--reextract",
        help="Re-extract stored documents from an older extractor version; fetch nothing.",
    ),
]
ReextractAllOpt = Annotated[
    bool, typer.Option("--reextract-all", help="Re-extract every stored document; fetch nothing.")
]
DaskOpt = Annotated[
    str | None,
    typer.Option("--dask", help="Extract on the Dask cluster at this scheduler address."),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", min=1, help="Extract on a local Dask cluster of N processes."),
]
BatchOpt = Annotated[
    int, typer.Option("--batch-size", min=1, help="Documents per transaction and per Dask task.")
]


def refresh_command(
    db: DbOption = None,
    config: ConfigOption = None,
    source: SourceOpt = None,
    reextract: ReextractOpt = False,
    reextract_all: ReextractAllOpt = False,
    dask: DaskOpt = None,
    workers: WorkersOpt = None,
    batch_size: BatchOpt = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log each source and progress to stderr.")
    ] = False,
) -> None:
    """Fetch what is new or changed from every source, extract and store it.

    Exit status: 0 when every source ran, 1 when a source failed, 75 when another refresh holds
    the lock.
    """
    from extract.sources import SourcesError
    from extract.store import RefreshLocked, StoreError

    if dask and workers:
        raise _fail("give --dask ADDRESS or --workers N, not both")
    if verbose:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    try:
        report = _refresh_once(
            db, config, source, reextract, reextract_all, dask, workers, batch_size
        )
    except RefreshLocked as exc:
        raise _fail(str(exc), EXIT_LOCKED) from None
    except (SourcesError, StoreError, OSError) as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, default=str))
    else:
        for line in report.lines():
            typer.echo(line)
        for item, message in report.total.errors[:20]:
            typer.echo(f"  failed: {item}: {message}", err=True)
        if len(report.total.errors) > 20:
            typer.echo(f"  ... and {len(report.total.errors) - 20} more", err=True)
    if report.failed_sources:
        raise typer.Exit(1)


def schedule_command(
    every: Annotated[str, typer.Option("--every", help="Interval: 30m, 6h, 1d, 1h30m.")],
    db: DbOption = None,
    config: ConfigOption = None,
    source: SourceOpt = None,
    dask: DaskOpt = None,
    workers: WorkersOpt = None,
    batch_size: BatchOpt = 100,
    max_runs: Annotated[
        int | None, typer.Option("--max-runs", min=1, help="Stop after N runs.")
    ] = None,
    no_run_now: Annotated[
        bool, typer.Option("--no-run-now", help="Wait one interval before the first run.")
    ] = False,
) -> None:
    """Run `figures refresh` every interval in the foreground, logging each run (Ctrl-C stops).

    The sources file is re-read at every run, so edits take effect without a restart.
    """
    from extract.schedule import parse_every, run_schedule, scheduled_refresh

    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise _fail(f"--every: {exc}") from None
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    job = scheduled_refresh(
        lambda: _refresh_once(db, config, source, False, False, dask, workers, batch_size)
    )
    runs = run_schedule(job, every=interval, max_runs=max_runs, run_now=not no_run_now)
    typer.echo(f"schedule stopped after {runs} run(s)", err=True)


# --- export and status -------------------------------------------------------------------------


def export_command(
    output: Annotated[str, typer.Option("-o", "--output", help="File to write; - for stdout.")],
    format: Annotated[
        str | None,
        typer.Option("--format", help="csv, parquet or jsonl [default: from the file name]"),
    ] = None,
    series: Annotated[
        list[str] | None, typer.Option("--series", help="Series key (repeatable).")
    ] = None,
    entity: Annotated[str | None, typer.Option(help="Only figures about this entity.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Periods ending on or after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Periods starting on or before YYYY-MM-DD.")
    ] = None,
    search: Annotated[str | None, typer.Option(help="Text in the sentence or measure.")] = None,
    bom: Annotated[bool, typer.Option(help="CSV: start with a UTF-8 BOM (for Excel).")] = False,
    sep: Annotated[str, typer.Option(help="CSV: field separator: , ; tab |")] = ",",
    decimal: Annotated[str, typer.Option(help="CSV: decimal mark: . or ,")] = ".",
    excel_eu: Annotated[
        bool,
        typer.Option(
            "--excel-eu", help="CSV for European Excel: BOM, ';' separator, decimal comma."
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Write figures (the tidy schema, citations included) as CSV, Parquet or JSON lines."""
    from extract.export import ExportError, export_bytes, export_metadata, format_for, write_export

    if sep in {"tab", "\\t"}:
        sep = "\t"
    if excel_eu:
        bom, sep, decimal = True, ";", ","
    filters = {
        "series_key": list(series) if series else None,
        "entity": entity,
        "since": _date(since, "--since"),
        "until": _date(until, "--until"),
        "search": search,
    }
    try:
        fmt = format_for(output if output != "-" else "out.csv", format)
        if output == "-" and fmt == "parquet":
            raise ExportError("Parquet is binary: give -o FILE.parquet, not stdout")
        store = _open_store(db)
        try:
            frame = store.figures(**filters)
        finally:
            store.close()
        meta = export_metadata({k: str(v) if v else None for k, v in filters.items()})
        if output == "-":
            data = export_bytes(frame, format=fmt, bom=bom, sep=sep, decimal=decimal)
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            write_export(
                frame, output, format=fmt, bom=bom, sep=sep, decimal=decimal, metadata=meta
            )
    except ExportError as exc:
        raise _fail(str(exc)) from None
    if output != "-":
        typer.echo(f"wrote {len(frame)} figures to {output} ({fmt})", err=True)


def status_command(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Show what the store holds, the last refresh and any failing sources."""
    store = _open_store(db)
    try:
        st = store.status()
        url = store.display_url
    finally:
        store.close()
    if as_json:
        out = {
            "store": url,
            "documents": st.n_documents,
            "figures": st.n_figures,
            "last_refresh_at": _iso(st.last_refresh_at),
            "running_since": _iso(st.running_since),
            "last_refresh": st.last_refresh_report,
            "failed_sources": [
                {"source": n, "error": e, "when": _iso(w)} for n, e, w in st.failed_sources
            ],
        }
        typer.echo(json.dumps(out, indent=2, default=str))
        return
    typer.echo(f"store: {url}")
    typer.echo(f"documents: {st.n_documents}, figures: {st.n_figures}")
    typer.echo(f"last refresh: {_iso(st.last_refresh_at) or 'never'}")
    if st.running_since:
        typer.echo(f"a refresh started at {_iso(st.running_since)} has not finished")
    for name, error, when in st.failed_sources:
        typer.echo(f"failing source {name} (since {_iso(when)}): {error}")


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the `figures` app."""
    app.add_typer(sources_app, name="sources")
    app.command("refresh")(refresh_command)
    app.command("schedule")(schedule_command)
    app.command("export")(export_command)
    app.command("status")(status_command)
