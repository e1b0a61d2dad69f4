"""Shared fixtures: a real SQLite store in tmp_path, a real PostgreSQL schema per test (when
FIGURES_TEST_PG_URL is set), and a real HTTP server on 127.0.0.1 serving tests/data/site/."""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

DATA = Path(__file__).parent / "data"
SITE = DATA / "site"
PG_ENV = "FIGURES_TEST_PG_URL"

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
}


# --- stores ------------------------------------------------------------------------------------


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'figures.db'}"


@pytest.fixture
def store(sqlite_url: str) -> Iterator[object]:
    from extract.store import Store

    s = Store.open(sqlite_url)
    yield s
    s.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema on the test server, as a URL whose search_path points at it."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set (CI always sets it)")
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    """Both backends: SQLite always, PostgreSQL when the test server is configured."""
    if request.param == "sqlite":
        return sqlite_url
    return request.getfixturevalue("pg_url")


@pytest.fixture
def any_store(any_url: str) -> Iterator[object]:
    from extract.store import Store

    s = Store.open(any_url)
    yield s
    s.close()


# --- the HTTP server ---------------------------------------------------------------------------


@dataclass
class Site:
    """A real HTTP server on 127.0.0.1 over tests/data/site, with knobs for faults.

    `{base}` in served files becomes the server's URL. Pages carry an ETag and Last-Modified and
    answer conditional requests with 304. Built-in routes: /slow.html (sleeps `slow_seconds`),
    /big.html (`big_bytes` of HTML, no Content-Length), /big-declared.html (a Content-Length
    over any cap), /redirect-to-file (a redirect to file://). `override` replaces a page's body,
    `fail` makes a path answer an error status for its next N requests.
    """

    root: Path
    base: str = ""
    slow_seconds: float = 3.0
    big_bytes: int = 3_000_000
    overrides: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    failures: dict[str, list[int]] = field(default_factory=dict)
    log: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def override(self, path: str, body: str | bytes, content_type: str | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        kind = content_type or _TYPES.get(Path(path).suffix, "text/html; charset=utf-8")
        with self.lock:
            self.overrides["/" + path.lstrip("/")] = (data, kind)

    def fail(self, path: str, status: int = 503, times: int = 1) -> None:
        with self.lock:
            self.failures.setdefault("/" + path.lstrip("/"), []).extend([status] * times)

    def requests_to(self, path: str) -> list[dict[str, str]]:
        path = "/" + path.lstrip("/")
        with self.lock:
            return [headers for _, p, headers in self.log if p == path]

    def clear_log(self) -> None:
        with self.lock:
            self.log.clear()

    def body(self, path: str) -> tuple[bytes, str] | None:
        with self.lock:
            if path in self.overrides:
                return self.overrides[path]
        file = (self.root / path.lstrip("/")).resolve()
        if not file.is_file() or self.root.resolve() not in file.parents:
            return None
        data = file.read_bytes()
        kind = _TYPES.get(file.suffix, "application/octet-stream")
        if file.suffix in {".html", ".xml"}:
            data = data.replace(b"{base}", self.base.encode())
        return data, kind


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            with site.lock:
                site.log.append(("GET", path, dict(self.headers.items())))
                queued = site.failures.get(path)
                status = queued.pop(0) if queued else None
            if status is not None:
                return self._send(status, b"failure injected", "text/plain", {"Retry-After": "0"})
            if path == "/slow.html":
                time.sleep(site.slow_seconds)
                return self._send(200, b"<html><body><p>late</p></body></html>", "text/html")
            if path == "/big.html":
                return self._stream_big()
            if path == "/big-declared.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(10**10))
                self.end_headers()
                self.wfile.write(b"<html>")
                self.close_connection = True
                return None
            if path == "/redirect-to-file":
                return self._send(302, b"", "text/plain", {"Location": "file:///etc/passwd"})
            found = site.body(path)
            if found is None:
                return self._send(404, b"not found", "text/plain")
            data, kind = found
            etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
            modified = formatdate(1_700_000_000, usegmt=True)
            headers = {"ETag": etag, "Last-Modified": modified}
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", None, headers)
            return self._send(200, data, kind, headers)

        def _stream_big(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_536 + b"</p>\n"
            sent = 0
            try:
                while sent < site.big_bytes:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        def _send(
            self,
            status: int,
            body: bytes,
            kind: str | None,
            headers: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if kind:
                self.send_header("Content-Type", kind)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site(root=SITE)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def fast_fetch() -> object:
    """Fetch settings for tests: short timeout, quick retries, no politeness delay."""
    from extract.fetch import FetchSettings

    return FetchSettings(timeout=1.0, retries=2, backoff=0.01, per_host_interval=0.0)
