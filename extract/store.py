"""The figure store: documents, their figures and refresh bookkeeping in one SQL database.

SQLAlchemy Core over SQLite (WAL, the default) or any other URL (PostgreSQL is tested). Writes are
batched per transaction and keyed on deterministic ids, so a re-run changes nothing, a changed
document swaps its figures atomically and a killed run leaves the last committed state whole.
The schema is versioned by the Alembic migrations in `extract/migrations/`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import sqlalchemy as sa

from extract.documents import Document
from extract.schema import (
    COLUMNS,
    DATE_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    Figure,
    as_date,
    date_column,
    empty_frame,
    text_sha,
)

if TYPE_CHECKING:
    import pandas as pd


def _default_root() -> Path:
    """The repository when running from a checkout, else the working directory."""
    repo = Path(__file__).resolve().parent.parent
    return repo if (repo / "pyproject.toml").is_file() else Path.cwd()


_BUILTIN_DB_URL = f"sqlite:///{_default_root() / 'data' / 'figures.db'}"
DEFAULT_DB_URL = os.environ.get("FIGURES_DB") or _BUILTIN_DB_URL

# Rows per INSERT statement batch and ids per IN (...) clause: well under every driver's limits.
_CHUNK = 500


def resolve_db_url(url: str | None = None) -> str:
    """An explicit URL, else `FIGURES_DB`, else `data/figures.db`; a bare path means SQLite."""
    url = url or os.environ.get("FIGURES_DB") or _BUILTIN_DB_URL
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


# --- tables ------------------------------------------------------------------------------------
# The current shape, used by the queries. Migrations under extract/migrations/ create it; a test
# checks that the migrated database matches these definitions exactly.

metadata = sa.MetaData()

meta_table = sa.Table(
    "store_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

sources_table = sa.Table(
    "sources",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("location", sa.Text, nullable=False, server_default=""),
    sa.Column("last_run_at", sa.DateTime),
    sa.Column("last_ok_at", sa.DateTime),
    sa.Column("last_error", sa.Text),
    sa.Column("last_error_at", sa.DateTime),
    sa.Column("consecutive_failures", sa.Integer, nullable=False, server_default="0"),
)

documents_table = sa.Table(
    "documents",
    metadata,
    sa.Column("doc_id", sa.Text, primary_key=True),
    sa.Column("source_id", sa.Text),
    sa.Column("source", sa.Text, nullable=False, server_default=""),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("fetched_at", sa.DateTime, nullable=False),
    sa.Column("content_sha", sa.String(64), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("extraction_version", sa.String(40), nullable=False),
    sa.Column("n_figures", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_documents_source_id", "source_id"),
    sa.Index("ix_documents_extraction_version", "extraction_version"),
)

_FIGURE_TYPES: dict[str, Any] = {
    "figure_id": sa.String(64),
    "doc_id": sa.Text,
    "source": sa.Text,
    "title": sa.Text,
    "published": sa.Date,
    "sentence": sa.Text,
    "char_start": sa.Integer,
    "char_end": sa.Integer,
    "surface": sa.Text,
    "value": sa.Double,
    "value_low": sa.Double,
    "value_high": sa.Double,
    "unit": sa.Text,
    "unit_kind": sa.String(32),
    "qualifier": sa.String(32),
    "kind": sa.String(16),
    "modality": sa.String(16),
    "period_start": sa.Date,
    "period_end": sa.Date,
    "period_label": sa.Text,
    "period_basis": sa.String(16),
    "measure": sa.Text,
    "entities": sa.Text,
    "series_key": sa.Text,
}
_NULLABLE = {"title", "published", "value_low", "value_high", "period_start", "period_end"}

figures_table = sa.Table(
    "figures",
    metadata,
    *(
        sa.Column(
            name,
            _FIGURE_TYPES[name],
            primary_key=name == "figure_id",
            nullable=name in _NULLABLE,
        )
        for name in COLUMNS
    ),
    # The dates a figure covers, for range queries: the period, else the publication date.
    sa.Column("date_from", sa.Date),
    sa.Column("date_to", sa.Date),
    sa.ForeignKeyConstraint(["doc_id"], ["documents.doc_id"], name="fk_figures_doc_id"),
    sa.Index("ix_figures_doc_id", "doc_id"),
    sa.Index("ix_figures_series_key", "series_key", "date_to"),
    sa.Index("ix_figures_date_to", "date_to"),
    sa.Index("ix_figures_date_from", "date_from"),
    sa.Index("ix_figures_period_end", "period_end"),
)

figure_entities_table = sa.Table(
    "figure_entities",
    metadata,
    sa.Column("entity_norm", sa.Text, primary_key=True),
    sa.Column("figure_id", sa.String(64), primary_key=True),
    sa.Column("doc_id", sa.Text, nullable=False),
    sa.Column("entity", sa.Text, nullable=False),
    sa.ForeignKeyConstraint(
        ["figure_id"], ["figures.figure_id"], name="fk_figure_entities_figure_id"
    ),
    sa.Index("ix_figure_entities_doc_id", "doc_id"),
)

# One row per series, kept in step with `figures` inside every write transaction, so the
# dashboard's series list is a plain read instead of a GROUP BY over every figure.
series_table = sa.Table(
    "series",
    metadata,
    sa.Column("series_key", sa.Text, primary_key=True),
    sa.Column("measure", sa.Text, nullable=False),
    sa.Column("entities", sa.Text, nullable=False),
    sa.Column("unit", sa.Text, nullable=False),
    sa.Column("unit_kind", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("n_figures", sa.Integer, nullable=False),
    sa.Column("n_documents", sa.Integer, nullable=False),
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("first_period", sa.Date),
    sa.Column("last_period", sa.Date),
)

source_files_table = sa.Table(
    "source_files",
    metadata,
    sa.Column("source_id", sa.Text, primary_key=True),
    sa.Column("path", sa.Text, primary_key=True),
    sa.Column("signature", sa.Text, nullable=False),
    sa.Column("n_documents", sa.Integer, nullable=False, server_default="0"),
    sa.Column("seen_at", sa.DateTime, nullable=False),
)

http_cache_table = sa.Table(
    "http_cache",
    metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("stamp", sa.Text),
    sa.Column("fetched_at", sa.DateTime, nullable=False),
)

refresh_runs_table = sa.Table(
    "refresh_runs",
    metadata,
    sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.DateTime, nullable=False),
    sa.Column("finished_at", sa.DateTime),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("report", sa.Text),
    sa.Index("ix_refresh_runs_finished_at", "finished_at"),
)


def utcnow() -> dt.datetime:
    """Naive UTC: every timestamp in the store is UTC, whatever the database's own zone."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# --- records -----------------------------------------------------------------------------------


@dataclass
class IngestReport:
    """What one ingest or refresh did; `errors` holds (input, message) pairs."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    figures_added: int = 0
    figures_removed: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)
    # Ids of documents that could not be stored, so callers do not mark them as done.
    failed_ids: set[str] = field(default_factory=set, repr=False)

    @property
    def documents(self) -> int:
        return self.new + self.changed + self.unchanged + self.failed

    def add(self, other: IngestReport) -> None:
        for name in ("new", "changed", "unchanged", "failed", "figures_added", "figures_removed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        self.failed_ids.update(other.failed_ids)

    def fail(self, item: str, message: str) -> None:
        self.failed += 1
        self.errors.append((item, message))

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out.pop("failed_ids")
        out["errors"] = [list(e) for e in self.errors]
        return out

    def summary(self) -> str:
        return (
            f"documents: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
            f"{self.failed} failed; figures: +{self.figures_added} -{self.figures_removed}; "
            f"{self.seconds:.2f}s"
        )


@dataclass(frozen=True)
class StoreStatus:
    last_refresh_at: dt.datetime | None
    last_refresh_report: dict[str, Any] | None
    n_documents: int
    n_figures: int
    failed_sources: list[tuple[str, str, dt.datetime]]
    running_since: dt.datetime | None = None


class StoreError(RuntimeError):
    """The store cannot be opened (bad URL, unreachable server, unwritable file)."""


class RefreshLocked(RuntimeError):
    """Another refresh holds the store's lock."""


# An extractor maps batches of documents to one result per document: its figures or an error.
BatchResult = list[list[Figure] | BaseException]
Extractor = Callable[[Iterable[list[Document]]], Iterator[tuple[list[Document], BatchResult]]]


def extract_locally(
    batches: Iterable[list[Document]],
) -> Iterator[tuple[list[Document], BatchResult]]:
    """The default extractor: this process, one document at a time, errors kept per document."""
    from extract.pipeline import extract_document

    for batch in batches:
        results: BatchResult = []
        for doc in batch:
            try:
                results.append(extract_document(doc))
            except Exception as exc:  # one bad document must not sink the batch
                results.append(exc)
        yield batch, results


def current_extraction_version() -> str:
    from extract.pipeline import EXTRACTION_VERSION

    return EXTRACTION_VERSION


# --- the store ---------------------------------------------------------------------------------


class Store:
    """One database. Thread-safe for reads; one writer (refresh) at a time by `refresh_lock`."""

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._summary_cache: tuple[str, pd.DataFrame] | None = None
        self._cache_lock = threading.Lock()

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating and migrating as needed) the store at `url`."""
        url = resolve_db_url(url)
        shown = url
        try:
            shown = sa.make_url(url).render_as_string(hide_password=True)
            engine = _make_engine(url)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, OSError) as exc:
            raise StoreError(f"cannot open the store {shown}: {exc}") from exc
        try:
            from extract.migrations import upgrade

            upgrade(engine)
        except sa.exc.SQLAlchemyError as exc:
            engine.dispose()
            reason = getattr(exc, "orig", None) or exc
            raise StoreError(f"cannot open the store {shown}: {reason}") from exc
        except RuntimeError as exc:  # a schema from a newer version
            engine.dispose()
            raise StoreError(f"cannot open the store {shown}: {exc}") from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextlib.contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """A write transaction (BEGIN IMMEDIATE on SQLite, so writers queue instead of failing)."""
        with self.engine.connect() as conn:
            conn.execution_options(figures_write=True)
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    # -- the refresh lock ---------------------------------------------------------------------

    @contextlib.contextmanager
    def refresh_lock(self) -> Iterator[None]:
        """Held for a whole refresh; released by the OS if the process dies, so never stale."""
        if self.engine.dialect.name == "postgresql":
            key = int.from_bytes(hashlib.sha256(self.url.encode()).digest()[:8], "big", signed=True)
            with self.engine.connect() as conn:
                got = conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
                conn.commit()
                if not got:
                    raise RefreshLocked(f"another refresh is running on {self.display_url}")
                try:
                    yield
                finally:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()
            return
        path = self._lock_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a+") as fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise RefreshLocked(
                    f"another refresh is running on {self.display_url} (lock file {path})"
                ) from None
            try:
                fh.seek(0)
                fh.truncate()
                fh.write(f"{os.getpid()}\n")
                fh.flush()
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def _lock_path(self) -> Path:
        database = self.engine.url.database
        if self.is_sqlite and database and database != ":memory:":
            return Path(database).with_name(Path(database).name + ".refresh.lock")
        digest = hashlib.sha256(self.url.encode()).hexdigest()[:16]
        return Path(os.environ.get("TMPDIR", "/tmp")) / f"figures-{digest}.refresh.lock"

    @property
    def display_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # -- writing ------------------------------------------------------------------------------

    def ingest(
        self,
        docs: Iterable[Document],
        *,
        source_id: str | None = None,
        batch_size: int = 100,
        extractor: Extractor | None = None,
        force: bool = False,
        on_batch: Callable[[IngestReport], None] | None = None,
    ) -> IngestReport:
        """Store documents and their figures; unchanged documents cost one lookup, nothing else.

        A document is unchanged when its text, metadata and extraction version equal the stored
        ones. Each batch is one transaction, so a crash loses at most the batch in flight.
        """
        report = IngestReport()
        version = current_extraction_version()
        extractor = extractor or extract_locally
        seen: set[str] = set()

        def pending() -> Iterator[list[Document]]:
            for batch in _chunked(docs, batch_size):
                fresh = []
                for doc in batch:
                    if doc.doc_id in seen:
                        report.unchanged += 1  # the same document twice in one run
                        continue
                    seen.add(doc.doc_id)
                    fresh.append(doc)
                states = self._doc_states([d.doc_id for d in fresh])
                todo = []
                for doc in fresh:
                    state = states.get(doc.doc_id)
                    if not force and state is not None and state == _doc_state(doc, version):
                        report.unchanged += 1
                    else:
                        todo.append(doc)
                if todo:
                    yield todo

        started = _clock()
        for batch, results in extractor(pending()):
            self._write_batch(batch, results, source_id=source_id, version=version, report=report)
            if on_batch is not None:
                on_batch(report)
        report.seconds = _clock() - started
        return report

    def _doc_states(self, doc_ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        d = documents_table.c
        out: dict[str, tuple[Any, ...]] = {}
        if not doc_ids:
            return out
        cols = [
            d.doc_id,
            d.content_sha,
            d.title,
            d.published,
            d.url,
            d.source,
            d.extraction_version,
        ]
        with self._read() as conn:
            for part in _chunked(doc_ids, _CHUNK):
                for row in conn.execute(sa.select(*cols).where(d.doc_id.in_(part))):
                    out[row[0]] = tuple(row[1:])
        return out

    def _write_batch(
        self,
        batch: list[Document],
        results: BatchResult,
        *,
        source_id: str | None,
        version: str,
        report: IngestReport,
    ) -> None:
        ok: list[tuple[Document, list[Figure]]] = []
        for doc, result in zip(batch, results, strict=True):
            if isinstance(result, BaseException):
                report.fail(doc.source or doc.doc_id, f"extraction failed: {result}")
                report.failed_ids.add(doc.doc_id)
            else:
                ok.append((doc, result))
        if not ok:
            return
        ids = [doc.doc_id for doc, _ in ok]
        now = utcnow()
        d, f, e = documents_table.c, figures_table.c, figure_entities_table.c
        with self._write() as conn:
            old: dict[str, set[str]] = {}
            known: dict[str, str | None] = {}
            keys: set[str] = set()
            for part in _chunked(ids, _CHUNK):
                known.update(
                    conn.execute(sa.select(d.doc_id, d.source_id).where(d.doc_id.in_(part))).all()
                )
                for doc_id, figure_id, key in conn.execute(
                    sa.select(f.doc_id, f.figure_id, f.series_key).where(f.doc_id.in_(part))
                ):
                    old.setdefault(doc_id, set()).add(figure_id)
                    keys.add(key)
                conn.execute(figure_entities_table.delete().where(e.doc_id.in_(part)))
                conn.execute(figures_table.delete().where(f.doc_id.in_(part)))
                conn.execute(documents_table.delete().where(d.doc_id.in_(part)))
            doc_rows, figure_rows, entity_rows = [], [], []
            added = removed = 0
            for doc, figures in ok:
                unique = {fig.figure_id: fig for fig in figures}
                owner = source_id or known.get(doc.doc_id)
                doc_rows.append(_document_row(doc, owner, version, now, len(unique)))
                for fig in unique.values():
                    figure_rows.append(_figure_row(fig))
                    entity_rows.extend(_entity_rows(fig))
                before = old.get(doc.doc_id, set())
                added += len(unique.keys() - before)
                removed += len(before - unique.keys())
                if doc.doc_id in known:
                    report.changed += 1
                else:
                    report.new += 1
            for rows, table in (
                (doc_rows, documents_table),
                (figure_rows, figures_table),
                (entity_rows, figure_entities_table),
            ):
                for part in _chunked(rows, _CHUNK):
                    conn.execute(table.insert(), part)
            keys.update(row["series_key"] for row in figure_rows)
            refresh_series(conn, keys)
            self._bump_version(conn)
        report.figures_added += added
        report.figures_removed += removed

    def _bump_version(self, conn: sa.Connection) -> None:
        m = meta_table.c
        stamp = f"{utcnow().isoformat()}:{os.getpid()}:{os.urandom(4).hex()}"
        updated = conn.execute(
            meta_table.update().where(m.key == "data_version").values(value=stamp)
        ).rowcount
        if not updated:
            conn.execute(meta_table.insert().values(key="data_version", value=stamp))

    def reextract(
        self,
        *,
        all_documents: bool = False,
        batch_size: int = 100,
        extractor: Extractor | None = None,
    ) -> IngestReport:
        """Re-extract stored documents whose extraction version is not the current one.

        Reads the stored text, so nothing is fetched again; `all_documents` redoes every one.
        """
        version = current_extraction_version()
        d = documents_table.c
        query = sa.select(d.doc_id).order_by(d.doc_id)
        if not all_documents:
            query = query.where(d.extraction_version != version)
        with self._read() as conn:
            ids = list(conn.execute(query).scalars())

        def docs() -> Iterator[Document]:
            for part in _chunked(ids, batch_size):
                with self._read() as conn:
                    rows = conn.execute(
                        sa.select(d.doc_id, d.text, d.source, d.title, d.url, d.published).where(
                            d.doc_id.in_(part)
                        )
                    ).all()
                for row in sorted(rows, key=lambda r: r.doc_id):
                    yield Document(
                        doc_id=row.doc_id,
                        text=row.text,
                        source=row.source,
                        title=row.title,
                        url=row.url,
                        published=row.published,
                    )

        return self.ingest(docs(), batch_size=batch_size, extractor=extractor, force=all_documents)

    def delete_source_documents(self, source_id: str) -> int:
        """Remove a source's documents and figures (used by `sources remove --purge`)."""
        d, f, e = documents_table.c, figures_table.c, figure_entities_table.c
        with self._write() as conn:
            ids = list(conn.execute(sa.select(d.doc_id).where(d.source_id == source_id)).scalars())
            keys: set[str] = set()
            for part in _chunked(ids, _CHUNK):
                keys.update(
                    conn.execute(
                        sa.select(f.series_key).where(f.doc_id.in_(part)).distinct()
                    ).scalars()
                )
                conn.execute(figure_entities_table.delete().where(e.doc_id.in_(part)))
                conn.execute(figures_table.delete().where(f.doc_id.in_(part)))
                conn.execute(documents_table.delete().where(d.doc_id.in_(part)))
            conn.execute(
                source_files_table.delete().where(source_files_table.c.source_id == source_id)
            )
            conn.execute(sources_table.delete().where(sources_table.c.name == source_id))
            refresh_series(conn, keys)
            self._bump_version(conn)
        return len(ids)

    # -- bookkeeping for refresh ---------------------------------------------------------------

    def file_signatures(self, source_id: str) -> dict[str, tuple[str, int]]:
        """Per file of a folder source: its signature when last read whole, and its documents."""
        c = source_files_table.c
        with self._read() as conn:
            rows = conn.execute(
                sa.select(c.path, c.signature, c.n_documents).where(c.source_id == source_id)
            )
            return {path: (sig, n) for path, sig, n in rows}

    def set_file_signatures(self, source_id: str, files: dict[str, tuple[str, int]]) -> None:
        c = source_files_table.c
        now = utcnow()
        with self._write() as conn:
            for part in _chunked(list(files), _CHUNK):
                conn.execute(
                    source_files_table.delete().where(c.source_id == source_id, c.path.in_(part))
                )
                conn.execute(
                    source_files_table.insert(),
                    [
                        {
                            "source_id": source_id,
                            "path": path,
                            "signature": files[path][0],
                            "n_documents": files[path][1],
                            "seen_at": now,
                        }
                        for path in part
                    ],
                )

    def known_doc_ids(self, doc_ids: Sequence[str]) -> set[str]:
        d = documents_table.c
        out: set[str] = set()
        with self._read() as conn:
            for part in _chunked(list(doc_ids), _CHUNK):
                out.update(conn.execute(sa.select(d.doc_id).where(d.doc_id.in_(part))).scalars())
        return out

    def http_validators(self, url: str) -> dict[str, str | None]:
        c = http_cache_table.c
        with self._read() as conn:
            row = conn.execute(
                sa.select(c.etag, c.last_modified, c.stamp).where(c.url == url)
            ).first()
        if row is None:
            return {}
        return {"etag": row.etag, "last_modified": row.last_modified, "stamp": row.stamp}

    def set_http_validators(
        self, url: str, *, etag: str | None, last_modified: str | None, stamp: str | None = None
    ) -> None:
        """Remember validators only after what they describe is stored, so a crash re-fetches."""
        c = http_cache_table.c
        with self._write() as conn:
            conn.execute(http_cache_table.delete().where(c.url == url))
            conn.execute(
                http_cache_table.insert().values(
                    url=url,
                    etag=etag,
                    last_modified=last_modified,
                    stamp=stamp,
                    fetched_at=utcnow(),
                )
            )

    def record_source_run(self, name: str, *, kind: str, location: str, error: str | None) -> None:
        """One row per source: when it last ran, last succeeded, and its last error."""
        c = sources_table.c
        now = utcnow()
        with self._write() as conn:
            row = conn.execute(
                sa.select(c.last_ok_at, c.consecutive_failures).where(c.name == name)
            ).first()
            values: dict[str, Any] = {"kind": kind, "location": location, "last_run_at": now}
            if error is None:
                values.update(
                    last_ok_at=now, last_error=None, last_error_at=None, consecutive_failures=0
                )
            else:
                values.update(
                    last_ok_at=row.last_ok_at if row else None,
                    last_error=error,
                    last_error_at=now,
                    consecutive_failures=(row.consecutive_failures if row else 0) + 1,
                )
            if row is None:
                conn.execute(sources_table.insert().values(name=name, **values))
            else:
                conn.execute(sources_table.update().where(c.name == name).values(**values))

    def source_states(self) -> pd.DataFrame:
        import pandas as pd

        with self._read() as conn:
            rows = conn.execute(sa.select(sources_table).order_by(sources_table.c.name)).all()
        columns = [c.name for c in sources_table.columns]
        return pd.DataFrame([tuple(r) for r in rows], columns=columns)

    def start_run(self) -> int:
        """Record a refresh as running; runs left running by a killed process are closed first."""
        r = refresh_runs_table.c
        with self._write() as conn:
            conn.execute(
                refresh_runs_table.update()
                .where(r.status == "running")
                .values(status="interrupted", finished_at=utcnow())
            )
            result = conn.execute(
                refresh_runs_table.insert().values(started_at=utcnow(), status="running")
            )
            return int(result.inserted_primary_key[0])

    def finish_run(self, run_id: int, report: dict[str, Any], *, status: str = "ok") -> None:
        r = refresh_runs_table.c
        with self._write() as conn:
            conn.execute(
                refresh_runs_table.update()
                .where(r.run_id == run_id)
                .values(finished_at=utcnow(), status=status, report=json.dumps(report))
            )

    def runs(self, limit: int = 20) -> pd.DataFrame:
        import pandas as pd

        r = refresh_runs_table.c
        with self._read() as conn:
            rows = conn.execute(
                sa.select(refresh_runs_table).order_by(r.run_id.desc()).limit(limit)
            ).all()
        columns = [c.name for c in refresh_runs_table.columns]
        return pd.DataFrame([tuple(row) for row in rows], columns=columns)

    # -- reading -------------------------------------------------------------------------------

    def data_version(self) -> str:
        """Changes whenever figures or documents change: a cheap key for caches."""
        m = meta_table.c
        with self._read() as conn:
            value = conn.execute(sa.select(m.value).where(m.key == "data_version")).scalar()
        return value or ""

    def figures(
        self,
        *,
        series_key: str | Sequence[str] | None = None,
        entity: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        search: str | None = None,
        doc_ids: Sequence[str] | None = None,
        figure_ids: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Figures with their citations, as the tidy frame of docs/figures.md.

        `since`/`until` keep figures whose period (else publication date) overlaps the range;
        `entity` matches one of a figure's entities, ignoring case; `search` is a case-insensitive
        substring of the sentence, measure, entities or title; `doc_ids` and `figure_ids` keep
        only those documents' figures and those figures (a cited figure by its stable id).
        """

        f = figures_table.c
        raw_dates = self.is_sqlite  # ISO text, parsed below with a cache: far fewer calls
        selected = [
            sa.type_coerce(f[name], sa.String) if raw_dates and name in _RAW_DATES else f[name]
            for name in (*COLUMNS, "date_to")
        ]
        query = sa.select(*selected)
        if series_key is not None:
            keys = [series_key] if isinstance(series_key, str) else list(series_key)
            query = query.where(f.series_key.in_(keys))
        if entity:
            e = figure_entities_table.c
            query = query.where(
                f.figure_id.in_(sa.select(e.figure_id).where(e.entity_norm == _entity_norm(entity)))
            )
        if since is not None:
            query = query.where(f.date_to >= as_date(since))
        if until is not None:
            query = query.where(f.date_from <= as_date(until))
        if search:
            pattern = f"%{_escape_like(search.lower())}%"
            query = query.where(
                sa.or_(
                    *(
                        sa.func.lower(col).like(pattern, escape="\\")
                        for col in (f.sentence, f.measure, f.entities, f.title)
                    )
                )
            )
        # Id lists can be longer than a backend takes in one IN (...): one query per chunk of
        # the longer list, the shorter one kept whole (or as a set checked here).
        lists = [(f.doc_id, ids) for ids in [doc_ids] if ids is not None]
        lists += [(f.figure_id, ids) for ids in [figure_ids] if ids is not None]
        lists.sort(key=lambda pair: len(pair[1]))
        keep: tuple[int, frozenset[str]] | None = None
        if len(lists) == 2:
            column, ids = lists.pop(0)
            if len(ids) <= _CHUNK:
                query = query.where(column.in_(list(dict.fromkeys(ids))))
            else:
                keep = (COLUMNS.index(column.name), frozenset(ids))
        rows: list[Any] = []
        with self._read() as conn:
            if not lists and limit is not None:
                order = (f.date_to.is_(None), f.date_to, f.doc_id, f.char_start)
                rows = conn.execute(query.order_by(*order).limit(limit)).all()
            elif not lists:
                rows = conn.execute(query).all()
            else:
                column, ids = lists[0]
                for part in _chunked(dict.fromkeys(ids), _CHUNK):
                    rows.extend(conn.execute(query.where(column.in_(part))).all())
        if keep is not None:
            rows = [row for row in rows if row[keep[0]] in keep[1]]
        if not rows:
            return empty_frame()
        # Sorting here, not in SQL: no temporary B-tree over whole rows, and one order on
        # every backend whatever its collation. ISO date text sorts as the dates do.
        rows.sort(key=_row_order)
        if limit is not None:
            rows = rows[:limit]
        return _figure_frame(rows, raw_dates=raw_dates)

    def series_summary(self) -> pd.DataFrame:
        """One row per series (see SUMMARY_COLUMNS), read from the maintained `series` table and
        cached until the data changes.

        `n_sources` counts the sources (sources.toml names; a document's own source when it
        came without one) the series was found in.
        """
        import pandas as pd

        version = self.data_version()
        with self._cache_lock:
            if self._summary_cache is not None and self._summary_cache[0] == version:
                return self._summary_cache[1].copy()
        c = series_table.c
        query = sa.select(*(c[name] for name in SUMMARY_COLUMNS)).order_by(c.series_key)
        with self._read() as conn:
            rows = conn.execute(query).all()
        columns = list(zip(*rows, strict=False)) or [()] * len(SUMMARY_COLUMNS)
        data: dict[str, Any] = {}
        for name, values in zip(SUMMARY_COLUMNS, columns, strict=True):
            if name.startswith("n_"):
                data[name] = np.array(values, dtype="int64")
            else:
                data[name] = pd.Series(values, dtype=object)
        frame = pd.DataFrame(data, columns=list(SUMMARY_COLUMNS))
        with self._cache_lock:
            self._summary_cache = (version, frame)
        return frame.copy()

    def documents(self, doc_ids: Sequence[str] | None = None) -> pd.DataFrame:
        import pandas as pd

        d = documents_table.c
        cols = [d[name] for name in DOCUMENT_COLUMNS]
        rows: list[Any] = []
        with self._read() as conn:
            if doc_ids is None:
                rows = conn.execute(sa.select(*cols).order_by(d.doc_id)).all()
            else:
                for part in _chunked(list(doc_ids), _CHUNK):
                    rows.extend(conn.execute(sa.select(*cols).where(d.doc_id.in_(part))).all())
                rows.sort(key=lambda r: r[0])
        columns = list(zip(*rows, strict=False)) or [()] * len(DOCUMENT_COLUMNS)
        data: dict[str, Any] = {}
        for name, values in zip(DOCUMENT_COLUMNS, columns, strict=True):
            if name == "fetched_at":
                data[name] = pd.to_datetime(pd.Series(values, dtype=object))
            else:  # text and dates as Python objects, None when missing (as in figure frames)
                data[name] = pd.Series(values, dtype=object)
        return pd.DataFrame(data, columns=list(DOCUMENT_COLUMNS))

    def document_text(self, doc_id: str) -> str | None:
        d = documents_table.c
        with self._read() as conn:
            return conn.execute(sa.select(d.text).where(d.doc_id == doc_id)).scalar()

    def counts(self) -> tuple[int, int]:
        with self._read() as conn:
            n_docs = conn.execute(sa.select(sa.func.count()).select_from(documents_table)).scalar()
            n_figs = conn.execute(sa.select(sa.func.count()).select_from(figures_table)).scalar()
        return int(n_docs or 0), int(n_figs or 0)

    def status(self) -> StoreStatus:
        r, s = refresh_runs_table.c, sources_table.c
        n_docs, n_figs = self.counts()
        with self._read() as conn:
            last = conn.execute(
                sa.select(r.finished_at, r.report)
                .where(r.status == "ok")
                .order_by(r.run_id.desc())
                .limit(1)
            ).first()
            running = conn.execute(
                sa.select(sa.func.max(r.started_at)).where(r.status == "running")
            ).scalar()
            failed = conn.execute(
                sa.select(s.name, s.last_error, s.last_error_at)
                .where(s.last_error.is_not(None))
                .order_by(s.name)
            ).all()
        return StoreStatus(
            last_refresh_at=last.finished_at if last else None,
            last_refresh_report=json.loads(last.report) if last and last.report else None,
            n_documents=n_docs,
            n_figures=n_figs,
            failed_sources=[(row.name, row.last_error, row.last_error_at) for row in failed],
            running_since=running,
        )

    def check_consistency(self) -> list[str]:
        """Problems that would mean a partial write; empty when the store is whole."""
        d, f, e = documents_table.c, figures_table.c, figure_entities_table.c
        problems = []
        with self._read() as conn:
            orphans = conn.execute(
                sa.select(sa.func.count())
                .select_from(figures_table)
                .where(~sa.exists().where(d.doc_id == f.doc_id))
            ).scalar()
            if orphans:
                problems.append(f"{orphans} figures without their document")
            counts = sa.select(f.doc_id, sa.func.count().label("n")).group_by(f.doc_id).subquery()
            bad = conn.execute(
                sa.select(sa.func.count())
                .select_from(documents_table.outerjoin(counts, counts.c.doc_id == d.doc_id))
                .where(d.n_figures != sa.func.coalesce(counts.c.n, 0))
            ).scalar()
            if bad:
                problems.append(f"{bad} documents whose figure count does not match")
            ent_orphans = conn.execute(
                sa.select(sa.func.count())
                .select_from(figure_entities_table)
                .where(~sa.exists().where(f.figure_id == e.figure_id))
            ).scalar()
            if ent_orphans:
                problems.append(f"{ent_orphans} entity rows without their figure")
            fresh = {tuple(row) for row in conn.execute(series_select())}
            kept = {
                tuple(row)
                for row in conn.execute(sa.select(*(series_table.c[n] for n in SUMMARY_COLUMNS)))
            }
            if fresh != kept:
                problems.append(f"{len(fresh ^ kept)} series rows out of step with their figures")
        return problems


SUMMARY_COLUMNS = (
    "series_key",
    "measure",
    "entities",
    "unit",
    "unit_kind",
    "kind",
    "n_figures",
    "n_documents",
    "n_sources",
    "first_period",
    "last_period",
)
DOCUMENT_COLUMNS = (
    "doc_id",
    "source",
    "url",
    "title",
    "published",
    "fetched_at",
    "content_sha",
    "extraction_version",
)


# --- helpers -----------------------------------------------------------------------------------


def _make_engine(url: str) -> sa.Engine:
    sa_url = sa.make_url(url)
    if sa_url.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    database = sa_url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's BEGIN below be the only transaction control (pysqlite's own is off).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        write = conn.get_execution_options().get("figures_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def series_select(keys: Sequence[str] | None = None) -> sa.Select[Any]:
    """The summary of each series computed from its figures (all series when `keys` is None)."""
    f, d = figures_table.c, documents_table.c
    query = (
        sa.select(
            f.series_key,
            sa.func.min(f.measure),
            sa.func.min(f.entities),
            sa.func.min(f.unit),
            sa.func.min(f.unit_kind),
            sa.func.min(f.kind),
            sa.func.count(),
            sa.func.count(sa.distinct(f.doc_id)),
            sa.func.count(sa.distinct(sa.func.coalesce(d.source_id, f.source))),
            sa.func.min(f.date_from),
            sa.func.max(f.date_to),
        )
        .select_from(figures_table.join(documents_table, d.doc_id == f.doc_id))
        .group_by(f.series_key)
    )
    if keys is not None:
        query = query.where(f.series_key.in_(keys))
    return query


def refresh_series(conn: sa.Connection, keys: Iterable[str]) -> None:
    """Recompute the `series` rows of `keys` from their figures, in the caller's transaction."""
    c = series_table.c
    for part in _chunked(sorted(set(keys)), _CHUNK):
        conn.execute(series_table.delete().where(c.series_key.in_(part)))
        conn.execute(series_table.insert().from_select(list(SUMMARY_COLUMNS), series_select(part)))


def _figure_frame(rows: Sequence[Any], *, raw_dates: bool = False) -> pd.DataFrame:
    """The frame `normalise_frame` would give, built column by column from typed SQL rows.

    The database already returns str, float, int and date values, so this skips the per-cell
    coercion that dominates reading 100,000 figures; a test checks both agree.
    """
    import pandas as pd

    columns = list(zip(*rows, strict=False))
    data: dict[str, Any] = {}
    for i, name in enumerate(COLUMNS):
        values = columns[i]
        if name in FLOAT_COLUMNS:
            data[name] = np.array(values, dtype="float64")
        elif name in INT_COLUMNS:
            data[name] = np.array(values, dtype="int64")
        elif name in DATE_COLUMNS and raw_dates:
            data[name] = date_column(pd.Series(values, dtype=object))
        elif name in DATE_COLUMNS or name == "title":
            data[name] = pd.Series(values, dtype=object)
        else:
            data[name] = pd.Series([v if v is not None else "" for v in values], dtype=object)
    return pd.DataFrame(data, columns=list(COLUMNS))


def _doc_state(doc: Document, version: str) -> tuple[Any, ...]:
    return (text_sha(doc.text), doc.title, doc.published, doc.url, doc.source, version)


def _document_row(
    doc: Document, source_id: str | None, version: str, now: dt.datetime, n_figures: int
) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "source_id": source_id,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "published": doc.published,
        "fetched_at": now,
        "content_sha": text_sha(doc.text),
        "text": doc.text,
        "extraction_version": version,
        "n_figures": n_figures,
    }


def _figure_row(fig: Figure) -> dict[str, Any]:
    row = {name: getattr(fig, name) for name in COLUMNS}  # asdict() deep-copies: 10x slower
    for col in ("value", "value_low", "value_high"):
        value = row[col]
        if value is not None and value != value:  # NaN is stored as NULL
            row[col] = None
    row["date_from"] = fig.period_start or fig.period_end or fig.published
    row["date_to"] = fig.period_end or fig.period_start or fig.published
    return row


def _entity_norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def _entity_rows(fig: Figure) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for name in fig.entities.split(";"):
        name = " ".join(name.split())
        if name:
            rows.setdefault(
                _entity_norm(name),
                {
                    "entity_norm": _entity_norm(name),
                    "figure_id": fig.figure_id,
                    "doc_id": fig.doc_id,
                    "entity": name,
                },
            )
    return list(rows.values())


_RAW_DATES = (*DATE_COLUMNS, "date_to")
_DOC_ID, _CHAR_START = COLUMNS.index("doc_id"), COLUMNS.index("char_start")


def _row_order(row: Sequence[Any]) -> tuple[Any, ...]:
    """By period end, undated rows last, then document and position. The end is a date or,
    read raw from SQLite, ISO text that sorts the same; the filler only meets undated rows."""
    date_to = row[-1]
    return (date_to is None, date_to or dt.date.min, row[_DOC_ID], row[_CHAR_START])


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _clock() -> float:
    import time

    return time.perf_counter()
