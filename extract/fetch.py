"""Polite, bounded HTTP(S) fetching for URL lists and feeds.

Only http and https; a timeout, a size cap and a User-Agent on every request; conditional
requests (ETag / Last-Modified) so an unchanged page costs one 304; retries with exponential
back-off on transient failures (connection errors, timeouts, 429 and 5xx); each host's robots.txt
is read once per run and obeyed. Every failure is one `FetchError` naming the URL, so a caller
can record it and carry on with other sources.
"""

from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

if TYPE_CHECKING:
    import httpx

ALLOWED_SCHEMES = frozenset({"http", "https"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = "figures/0.1 (economic figures from news; +https://pypi.org/project/figures/)"


@dataclass(frozen=True)
class FetchSettings:
    """Knobs a `[fetch]` table in sources.toml may set."""

    timeout: float = 20.0
    max_bytes: int = 10_000_000
    user_agent: str = USER_AGENT
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_redirects: int = 5
    # Minimum seconds between two requests to the same host.
    per_host_interval: float = 0.2
    # Read each host's robots.txt once per run and skip the pages it disallows.
    obey_robots: bool = True


@dataclass(frozen=True)
class Response:
    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A URL that could not be fetched, with a reason fit to show a user."""

    def __init__(self, url: str, message: str, *, status: int | None = None) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.message = message
        self.status = status


def check_url(url: str) -> str:
    """The URL, stripped, if it is an absolute http(s) URL; else a FetchError."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        scheme = parts.scheme or "no scheme"
        raise FetchError(url, f"only http and https URLs are fetched (got {scheme})")
    if not parts.netloc:
        raise FetchError(url, "no host in the URL")
    return url


class Fetcher:
    """One HTTP client reused across requests (connection pooling); close it when done."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        import httpx

        self.settings = settings or FetchSettings()
        self.requests = 0  # requests actually sent, retries included (robots.txt apart)
        self.robots_requests = 0
        self._last_by_host: dict[str, float] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=True,
            max_redirects=self.settings.max_redirects,
            headers={"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            event_hooks={"request": [self._check_request]},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Response:
        """GET with validators; a 304 comes back as a Response whose `not_modified` is true."""
        url = check_url(url)
        if self.settings.obey_robots and not self._robots_allow(url):
            host = urlsplit(url).netloc
            raise FetchError(url, f"disallowed for this user agent by {host}/robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        attempt = 0
        while True:
            try:
                return self._get_once(url, headers)
            except _Retryable as exc:
                attempt += 1
                if attempt > self.settings.retries:
                    tries = f" (gave up after {attempt} attempts)" if attempt > 1 else ""
                    raise FetchError(url, exc.message + tries, status=exc.status) from None
                time.sleep(self._delay(attempt, exc.retry_after))

    def _robots_allow(self, url: str) -> bool:
        """Whether the host's robots.txt lets this user agent fetch `url`. Read once a day per
        host (RFC 9309's cache limit), so an unchanged feed still costs one request a run; a
        missing robots.txt (4xx) allows everything, and so, leniently, does one that cannot be
        read (5xx, timeout): a failing robots.txt must not stop a refresh."""
        import httpx

        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc.lower()}"
        with _ROBOTS_LOCK:
            cached = _ROBOTS.get(key)
        if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL:
            parser: RobotFileParser | None = None
            self._wait_for_host(url)
            self.robots_requests += 1
            try:
                resp = self._client.get(f"{key}/robots.txt", timeout=min(self.settings.timeout, 10))
                if resp.status_code == 200 and len(resp.content) <= 500_000:
                    parser = RobotFileParser()
                    parser.parse(resp.text.splitlines())
            except httpx.HTTPError:
                parser = None
            cached = (time.monotonic(), parser)
            with _ROBOTS_LOCK:
                _ROBOTS[key] = cached
        parser = cached[1]
        return parser is None or parser.can_fetch(_agent_token(self.settings.user_agent), url)

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        delay = self.settings.backoff * 2 ** (attempt - 1)
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, self.settings.max_backoff)

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        import httpx

        self._wait_for_host(url)
        self.requests += 1
        try:
            with self._client.stream("GET", url, headers=headers) as resp:
                status = resp.status_code
                if status == 304:
                    return self._response(url, resp, b"")
                if status in RETRY_STATUSES:
                    retry_after = _retry_after(resp.headers.get("Retry-After"))
                    raise _Retryable(f"HTTP {status} {resp.reason_phrase}", status, retry_after)
                if status >= 400:
                    raise FetchError(url, f"HTTP {status} {resp.reason_phrase}", status=status)
                declared = resp.headers.get("Content-Length")
                cap = self.settings.max_bytes
                if declared and declared.isdigit() and int(declared) > cap:
                    raise FetchError(url, f"too large: {int(declared)} bytes (cap {cap} bytes)")
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body.extend(chunk)
                    if len(body) > cap:
                        raise FetchError(url, f"too large: more than the {cap}-byte cap")
                return self._response(url, resp, bytes(body))
        except FetchError:
            raise
        except _Retryable:
            raise
        except httpx.TooManyRedirects:
            raise FetchError(url, f"more than {self.settings.max_redirects} redirects") from None
        except httpx.UnsupportedProtocol as exc:
            raise FetchError(url, f"redirected to a URL that is not http(s): {exc}") from None
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {self.settings.timeout:g}s", None, None) from None
        except httpx.TransportError as exc:
            reason = str(exc) or type(exc).__name__
            raise _Retryable(f"connection failed ({reason})", None, None) from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"HTTP error ({type(exc).__name__}: {exc})") from None

    def _response(self, url: str, resp: httpx.Response, body: bytes) -> Response:
        content_type, _, params = resp.headers.get("Content-Type", "").partition(";")
        charset = None
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.lower() == "charset" and value:
                charset = value.strip("\"' ")
        return Response(
            url=url,
            final_url=str(resp.url),
            status=resp.status_code,
            content=body,
            content_type=content_type.strip().lower(),
            charset=charset,
            etag=resp.headers.get("ETag"),
            last_modified=resp.headers.get("Last-Modified"),
        )

    def _check_request(self, request: httpx.Request) -> None:
        # Every hop of a redirect chain passes here: refuse anything but http(s).
        if request.url.scheme not in ALLOWED_SCHEMES:
            raise FetchError(str(request.url), "only http and https URLs are fetched")

    def _wait_for_host(self, url: str) -> None:
        interval = self.settings.per_host_interval
        if interval <= 0:
            return
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = time.monotonic()
            ready = self._last_by_host.get(host, 0.0) + interval
            self._last_by_host[host] = max(now, ready)
        if ready > now:
            time.sleep(ready - now)


ROBOTS_TTL = 24 * 3600.0
_ROBOTS: dict[str, tuple[float, RobotFileParser | None]] = {}
_ROBOTS_LOCK = threading.Lock()


def forget_robots() -> None:
    """Drop every cached robots.txt (they are otherwise kept a day per host)."""
    with _ROBOTS_LOCK:
        _ROBOTS.clear()


def _agent_token(user_agent: str) -> str:
    """The product token robots.txt groups name: "figures" in "figures/0.1 (...)"."""
    return user_agent.split("/", 1)[0].split()[0] if user_agent.strip() else "*"


class _Retryable(Exception):
    def __init__(self, message: str, status: int | None, retry_after: float | None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def is_html(resp: Response) -> bool:
    return resp.content_type in {"text/html", "application/xhtml+xml"} or (
        not resp.content_type
        and resp.content.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))
    )


def is_plain_text(resp: Response) -> bool:
    return resp.content_type in {"text/plain", "text/markdown"}


def decode_body(resp: Response) -> str:
    """Text of a text response: its declared charset, else UTF-8 (BOM-aware), else latin-1."""
    if resp.charset:
        try:
            return resp.content.decode(resp.charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return resp.content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return resp.content.decode("latin-1")
