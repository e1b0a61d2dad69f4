"""`figures refresh`: fetch what is new or changed from every source, extract, store.

Incremental by construction: folder files whose size and mtime are unchanged are not read again,
pages and feeds are fetched with their validators (an unchanged feed is one 304), and documents
whose text, metadata and extraction version are unchanged are not re-extracted. Progress marks
(file signatures, HTTP validators) are saved only after what they describe is committed, so a
killed run is simply completed by the next one.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.documents import Document
from extract.fetch import Fetcher, FetchError, Response, decode_body, is_html, is_plain_text
from extract.sources import Source, SourcesConfig, SourcesError
from extract.store import BatchResult, Extractor, IngestReport, Store, extract_locally

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger("figures.refresh")

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml, text/plain;q=0.8, */*;q=0.5"


@dataclass
class SourceReport:
    name: str
    kind: str
    report: IngestReport = field(default_factory=IngestReport)
    error: str | None = None
    requests: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "error": self.error,
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            **self.report.to_dict(),
        }


@dataclass
class RefreshReport:
    sources: list[SourceReport] = field(default_factory=list)
    reextracted: IngestReport | None = None
    seconds: float = 0.0

    @property
    def total(self) -> IngestReport:
        out = IngestReport()
        for item in self.sources:
            out.add(item.report)
        if self.reextracted is not None:
            out.add(self.reextracted)
        return out

    @property
    def failed_sources(self) -> list[SourceReport]:
        return [s for s in self.sources if s.error]

    def to_dict(self) -> dict[str, Any]:
        total = self.total.to_dict()
        total["seconds"] = round(self.seconds, 3)
        return {
            "total": total,
            "sources": [s.to_dict() for s in self.sources],
            "reextracted": self.reextracted.to_dict() if self.reextracted else None,
        }

    def lines(self) -> list[str]:
        out = []
        for s in self.sources:
            r = s.report
            state = f"FAILED: {s.error}" if s.error else "ok"
            out.append(
                f"{s.name} ({s.kind}): {r.new} new, {r.changed} changed, {r.unchanged} unchanged,"
                f" {r.failed} failed; figures +{r.figures_added} -{r.figures_removed};"
                f" {s.requests} requests; {s.seconds:.2f}s; {state}"
            )
        if self.reextracted is not None:
            r = self.reextracted
            out.append(
                f"re-extracted: {r.changed} documents, {r.failed} failed; figures "
                f"+{r.figures_added} -{r.figures_removed}; {r.seconds:.2f}s"
            )
        total = self.total
        total.seconds = self.seconds
        out.append(f"total: {total.summary()}")
        return out


# --- the run -----------------------------------------------------------------------------------


def refresh(
    store: Store,
    config: SourcesConfig,
    *,
    only: Sequence[str] | None = None,
    reextract: bool = False,
    reextract_all: bool = False,
    extractor: Extractor | None = None,
    batch_size: int = 100,
    fetcher: Fetcher | None = None,
) -> RefreshReport:
    """One refresh under the store's lock; raises `RefreshLocked` if another one is running.

    With `reextract`, stored documents from an older extractor are re-extracted from their
    stored text and nothing is fetched.
    """
    started = time.perf_counter()
    report = RefreshReport()
    selected = _select(config, only)
    with store.refresh_lock():
        run_id = store.start_run()
        status = "failed"
        own_fetcher = fetcher is None and not reextract
        http = fetcher or (Fetcher(config.fetch) if own_fetcher else None)
        try:
            if reextract:
                report.reextracted = store.reextract(
                    all_documents=reextract_all, batch_size=batch_size, extractor=extractor
                )
            else:
                for source in selected:
                    report.sources.append(
                        refresh_source(
                            store, source, config, http, extractor=extractor, batch_size=batch_size
                        )
                    )
            status = "ok"
        finally:
            report.seconds = time.perf_counter() - started
            store.finish_run(run_id, report.to_dict(), status=status)
            if own_fetcher and http is not None:
                http.close()
    return report


def _select(config: SourcesConfig, only: Sequence[str] | None) -> list[Source]:
    if not only:
        return [s for s in config.sources if s.enabled]
    missing = [name for name in only if config.get(name) is None]
    if missing:
        known = ", ".join(s.name for s in config.sources) or "none"
        raise SourcesError(
            f"{config.path}: no source named {', '.join(missing)} (sources: {known})"
        )
    return [s for s in config.sources if s.name in set(only)]


def refresh_source(
    store: Store,
    source: Source,
    config: SourcesConfig,
    fetcher: Fetcher | None,
    *,
    extractor: Extractor | None = None,
    batch_size: int = 100,
) -> SourceReport:
    """One source; whatever goes wrong is recorded against it and the others still run."""
    out = SourceReport(source.name, source.kind)
    started = time.perf_counter()
    log.info("%s: refreshing %s %s", source.name, source.kind, source.location)
    http = fetcher if fetcher is not None or source.kind == "folder" else Fetcher(config.fetch)
    before = http.requests if http is not None else 0
    try:
        if source.kind == "folder":
            _refresh_folder(store, source, config, out.report, extractor, batch_size)
        elif source.kind == "urls" and http is not None:
            urls = source.url_list(config.base)
            _refresh_urls(store, source, urls, http, out.report, extractor, batch_size)
        elif http is not None:
            _refresh_feed(store, source, http, out.report, extractor, batch_size)
    except (FetchError, SourcesError, OSError, ValueError) as exc:
        out.error = str(exc)
    except Exception as exc:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):  # the store itself failing stops the refresh
            raise
        # A bug met on one source's input must not stop the others; keep the traceback.
        log.exception("source %s: unexpected error", source.name)
        out.error = f"unexpected error ({type(exc).__name__}: {exc})"
    finally:
        out.requests = (http.requests if http is not None else 0) - before
        if http is not None and http is not fetcher:
            http.close()
    out.seconds = time.perf_counter() - started
    error = out.error
    if error is None and out.report.failed:
        first = out.report.errors[0]
        error = f"{out.report.failed} item(s) failed; first: {first[0]}: {first[1]}"
    store.record_source_run(source.name, kind=source.kind, location=source.location, error=error)
    if out.error:
        log.warning("source %s failed: %s", source.name, out.error)
    else:
        log.info("%s: done in %.1fs", source.name, out.seconds)
    return out


def _ingest(
    store: Store,
    documents: Iterator[Document],
    source: Source,
    report: IngestReport,
    extractor: Extractor | None,
    batch_size: int,
) -> IngestReport:
    """Store one source's documents in batches, adding the counts to the run's report."""
    ingested = store.ingest(
        documents,
        source_id=source.name,
        batch_size=batch_size,
        extractor=extractor,
        on_batch=_progress(source.name),
    )
    report.add(ingested)
    return ingested


def _progress(name: str) -> Callable[[IngestReport], None]:
    """Log a running count at most every few seconds: long backfills show they are alive."""
    last = time.monotonic()

    def report(so_far: IngestReport) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= 5:
            last = now
            log.info(
                "%s: %d new, %d changed, %d unchanged, %d failed so far",
                name,
                so_far.new,
                so_far.changed,
                so_far.unchanged,
                so_far.failed,
            )

    return report


# --- folders -----------------------------------------------------------------------------------


def file_signature(path: Path) -> str:
    """Size and modification time of a file and of its sidecar: cheap, and enough to skip it."""
    from extract.readers import sidecar_path

    parts = []
    for item in (path, sidecar_path(path)):
        try:
            st = item.stat()
        except FileNotFoundError:
            parts.append("-")
            continue
        parts.append(f"{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _refresh_folder(
    store: Store,
    source: Source,
    config: SourcesConfig,
    report: IngestReport,
    extractor: Extractor | None,
    batch_size: int,
) -> None:
    from extract.readers import ReadError, folder_files, iter_documents

    folder = Path(source.path or "").expanduser()
    if not folder.is_absolute():
        folder = config.base / folder
    if not folder.is_dir():
        raise SourcesError(f"{folder}: no such folder")
    known = store.file_signatures(source.name)
    done: dict[str, tuple[str, int]] = {}
    doc_files: dict[str, str] = {}
    bad_files: set[str] = set()

    def documents() -> Iterator[Document]:
        for path in folder_files(folder):
            key = str(path)
            signature = file_signature(path)
            previous = known.get(key)
            if previous is not None and previous[0] == signature:
                report.unchanged += previous[1]
                continue
            count = 0
            for item in iter_documents([path], published=source.published):
                if isinstance(item, ReadError):
                    report.fail(item.input, item.message)
                    bad_files.add(key)
                    continue
                count += 1
                doc_files[item.doc_id] = key
                yield item
            done[key] = (signature, count)

    ingested = _ingest(store, documents(), source, report, extractor, batch_size)
    for doc_id in ingested.failed_ids:
        bad_files.add(doc_files.get(doc_id, ""))
    finished = {k: v for k, v in done.items() if k not in bad_files}
    if finished:
        store.set_file_signatures(source.name, finished)


# --- URL lists ---------------------------------------------------------------------------------


def url_doc_id(url: str) -> str:
    """A page keeps its id when its text changes, so the new text replaces the old."""
    import hashlib

    return "url-" + hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:20]


def document_from_response(
    resp: Response,
    *,
    title: str | None = None,
    published: dt.date | None = None,
) -> Document:
    """The article in a fetched page (HTML via trafilatura, or plain text); ValueError if none."""
    from extract.readers import document_from_html

    if is_html(resp):
        doc = document_from_html(resp.content, url=resp.url, source=resp.url, published=published)
    elif is_plain_text(resp):
        text = decode_body(resp)
        if not text.strip():
            raise ValueError("empty page")
        doc = Document.make(text, source=resp.url, url=resp.url, published=published)
    else:
        kind = resp.content_type or "unknown type"
        raise ValueError(f"not an HTML or text page ({kind})")
    if title and title.strip():
        doc = replace(doc, title=" ".join(title.split()))
    return replace(doc, doc_id=url_doc_id(resp.url))


@dataclass
class _PageMarks:
    """Validators to save once the page's document is stored."""

    pending: dict[str, tuple[str, str | None, str | None, str | None]] = field(default_factory=dict)

    def save(self, store: Store, failed_ids: set[str]) -> None:
        for url, (doc_id, etag, last_modified, stamp) in self.pending.items():
            if doc_id not in failed_ids:
                store.set_http_validators(url, etag=etag, last_modified=last_modified, stamp=stamp)


def _fetch_page(
    store: Store,
    fetcher: Fetcher,
    url: str,
    known: set[str],
    report: IngestReport,
    marks: _PageMarks,
    *,
    title: str | None = None,
    published: dt.date | None = None,
    stamp: str | None = None,
) -> Document | None:
    doc_id = url_doc_id(url)
    validators = store.http_validators(url) if doc_id in known else {}
    try:
        resp = fetcher.get(
            url,
            etag=validators.get("etag"),
            last_modified=validators.get("last_modified"),
            accept=PAGE_ACCEPT,
        )
    except FetchError as exc:
        report.fail(url, exc.message)
        return None
    if resp.not_modified:
        report.unchanged += 1
        if stamp is not None and stamp != validators.get("stamp"):
            marks.pending[url] = (
                doc_id,
                validators.get("etag"),
                validators.get("last_modified"),
                stamp,
            )
        return None
    try:
        doc = document_from_response(resp, title=title, published=published)
    except ValueError as exc:
        report.fail(url, str(exc))
        return None
    marks.pending[url] = (doc.doc_id, resp.etag, resp.last_modified, stamp)
    return doc


def _refresh_urls(
    store: Store,
    source: Source,
    urls: Sequence[str],
    fetcher: Fetcher,
    report: IngestReport,
    extractor: Extractor | None,
    batch_size: int,
) -> None:
    known = store.known_doc_ids([url_doc_id(u) for u in urls])
    marks = _PageMarks()

    def documents() -> Iterator[Document]:
        for url in urls:
            doc = _fetch_page(store, fetcher, url, known, report, marks)
            if doc is not None:
                yield doc

    ingested = _ingest(store, documents(), source, report, extractor, batch_size)
    marks.save(store, ingested.failed_ids)


# --- feeds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    link: str | None
    title: str | None
    published: dt.date | None
    stamp: str
    summary: str


def parse_feed(content: bytes, url: str) -> list[FeedEntry]:
    """Entries of an RSS or Atom document, newest first as the feed lists them."""
    import feedparser

    if not content.strip():
        raise ValueError("not an RSS or Atom feed (empty response)")
    try:
        parsed = feedparser.parse(content, response_headers={"content-location": url})
    except Exception as exc:  # feedparser wraps many parsers; any failure means "not a feed"
        raise ValueError(f"not an RSS or Atom feed ({type(exc).__name__}: {exc})") from exc
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        reason = parsed.get("bozo_exception") or "unknown format"
        raise ValueError(f"not an RSS or Atom feed ({reason})")
    if not parsed.get("version") and not entries:
        raise ValueError("not an RSS or Atom feed")
    out = []
    for entry in entries:
        # dict.get: feedparser's own get maps a missing `updated` to `published`, with a warning.
        when = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        published = dt.date(when.tm_year, when.tm_mon, when.tm_mday) if when else None
        link = entry.get("link") or None
        stamp = dict.get(entry, "updated") or dict.get(entry, "published") or entry.get("id")
        stamp = str(stamp or link)
        summary = ""
        if entry.get("content"):
            summary = entry["content"][0].get("value", "")
        summary = summary or entry.get("summary", "")
        out.append(FeedEntry(link, entry.get("title"), published, stamp, summary))
    return out


def _summary_document(entry: FeedEntry, feed_url: str) -> Document:
    """An entry without an article page: its own summary text is the document."""
    import lxml.html

    text = entry.summary
    if "<" in text:
        text = lxml.html.fromstring(f"<div>{text}</div>").text_content()
    if not text.strip():
        raise ValueError("the entry has no link and no text")
    key = entry.link or f"{feed_url}#{entry.stamp}"
    return Document.make(
        text,
        source=key,
        doc_id=url_doc_id(key),
        title=entry.title,
        url=entry.link,
        published=entry.published,
    )


def _refresh_feed(
    store: Store,
    source: Source,
    fetcher: Fetcher,
    report: IngestReport,
    extractor: Extractor | None,
    batch_size: int,
) -> None:
    feed_url = source.url or ""
    # revalidating articles needs the entries, so the feed itself is always read whole
    validators = {} if source.revalidate_articles else store.http_validators(feed_url)
    resp = fetcher.get(
        feed_url,
        etag=validators.get("etag"),
        last_modified=validators.get("last_modified"),
        accept=FEED_ACCEPT,
    )
    if resp.not_modified:
        report.unchanged += int(validators.get("stamp") or 0)
        return
    entries = parse_feed(resp.content, resp.final_url)
    if source.max_entries:
        entries = entries[: source.max_entries]
    links = [e.link for e in entries if e.link]
    known = store.known_doc_ids([url_doc_id(link) for link in links])
    marks = _PageMarks()

    def documents() -> Iterator[Document]:
        for entry in entries:
            if entry.link and source.fetch_articles:
                seen = store.http_validators(entry.link) if url_doc_id(entry.link) in known else {}
                if seen and seen.get("stamp") == entry.stamp and not source.revalidate_articles:
                    report.unchanged += 1  # the entry is as it was when its article was stored
                    continue
                doc = _fetch_page(
                    store,
                    fetcher,
                    entry.link,
                    known,
                    report,
                    marks,
                    title=entry.title,
                    published=entry.published,
                    stamp=entry.stamp,
                )
                if doc is not None:
                    yield doc
                continue
            try:
                yield _summary_document(entry, feed_url)
            except ValueError as exc:
                report.fail(entry.link or feed_url, str(exc))

    ingested = _ingest(store, documents(), source, report, extractor, batch_size)
    marks.save(store, ingested.failed_ids)
    if not report.failed:
        # Only a feed whose every entry is stored may be skipped next time on a 304.
        store.set_http_validators(
            feed_url, etag=resp.etag, last_modified=resp.last_modified, stamp=str(len(entries))
        )


# --- Dask --------------------------------------------------------------------------------------


def extract_batch(docs: list[Document]) -> BatchResult:
    """Runs on a Dask worker: one result per document, errors kept, never raises."""
    _, results = next(extract_locally([docs]))
    return results


def dask_extractor(client: Client, *, in_flight: int | None = None) -> Extractor:
    """Ship batches of documents (never the store) to the cluster; results come back to be
    written by this process through the same store, as they complete."""

    def run(batches: Iterable[list[Document]]) -> Iterator[tuple[list[Document], BatchResult]]:
        from distributed import as_completed

        workers = sum(client.nthreads().values()) or 1
        limit = in_flight or 2 * workers + 1
        pending: dict[str, list[Document]] = {}
        queue = as_completed()
        for batch in batches:
            future = client.submit(extract_batch, batch, pure=False)
            pending[future.key] = batch
            queue.add(future)
            while queue.count() >= limit:
                done = next(queue)
                yield pending.pop(done.key), done.result()
        for done in queue:
            yield pending.pop(done.key), done.result()

    return run


@contextmanager
def dask_client(address: str | None = None, workers: int | None = None) -> Iterator[Client | None]:
    """A client of the cluster at `address`, or of a local cluster of `workers` processes
    (one thread each: extraction is pure Python, so threads would share one core)."""
    if address is None and not workers:
        yield None
        return
    from distributed import Client, LocalCluster

    cluster = None
    if address:
        try:
            client = Client(address, timeout="20s")
        except OSError as exc:
            raise OSError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_refresh(
    db_url: str | None,
    config_file: str | Path | None,
    *,
    only: Sequence[str] | None = None,
    reextract: bool = False,
    reextract_all: bool = False,
    dask_address: str | None = None,
    workers: int | None = None,
    batch_size: int = 100,
    on_report: Callable[[RefreshReport], None] | None = None,
) -> RefreshReport:
    """Open, refresh, close: what the CLI and the scheduler call."""
    from extract.sources import load_sources

    config = load_sources(config_file)
    store = Store.open(db_url)
    try:
        with dask_client(dask_address, workers) as client:
            extractor = dask_extractor(client) if client is not None else None
            report = refresh(
                store,
                config,
                only=only,
                reextract=reextract,
                reextract_all=reextract_all,
                extractor=extractor,
                batch_size=batch_size,
            )
    finally:
        store.close()
    if on_report is not None:
        on_report(report)
    return report
