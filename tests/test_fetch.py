"""The fetcher against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract.fetch import (
    USER_AGENT,
    Fetcher,
    FetchError,
    FetchSettings,
    check_url,
    forget_robots,
)


@pytest.fixture
def fetcher(fast_fetch: FetchSettings):
    with Fetcher(fast_fetch) as f:
        yield f


def test_page_with_validators_and_user_agent(site, fetcher: Fetcher) -> None:
    resp = fetcher.get(site.url("articles/a1.html"))
    assert resp.status == 200 and not resp.not_modified
    assert resp.content_type == "text/html" and resp.charset == "utf-8"
    assert b"28.2 billion" in resp.content
    assert resp.etag and resp.last_modified
    (headers,) = site.requests_to("articles/a1.html")
    assert headers["User-Agent"] == USER_AGENT


def test_conditional_request_costs_one_304(site, fetcher: Fetcher) -> None:
    first = fetcher.get(site.url("rss.xml"))
    again = fetcher.get(site.url("rss.xml"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""
    sent = site.requests_to("rss.xml")
    assert len(sent) == 2 and sent[1]["If-None-Match"] == first.etag
    assert sent[1]["If-Modified-Since"] == first.last_modified
    site.override("rss.xml", "<rss version='2.0'><channel><title>new</title></channel></rss>")
    changed = fetcher.get(site.url("rss.xml"), etag=first.etag)
    assert changed.status == 200 and changed.etag != first.etag


def test_404_is_not_retried(site, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="HTTP 404") as err:
        fetcher.get(site.url("missing.html"))
    assert err.value.status == 404 and err.value.url.endswith("/missing.html")
    assert len(site.requests_to("missing.html")) == 1


def test_transient_errors_are_retried_with_back_off(site, fetcher: Fetcher) -> None:
    site.fail("articles/a2.html", status=503, times=2)
    resp = fetcher.get(site.url("articles/a2.html"))
    assert resp.status == 200
    assert len(site.requests_to("articles/a2.html")) == 3


def test_persistent_errors_give_up_with_the_reason(site, fetcher: Fetcher) -> None:
    site.fail("articles/a3.html", status=500, times=10)
    with pytest.raises(FetchError, match=r"HTTP 500 .*gave up after 3 attempts"):
        fetcher.get(site.url("articles/a3.html"))
    assert len(site.requests_to("articles/a3.html")) == 3


def test_slow_page_times_out(site, fast_fetch: FetchSettings) -> None:
    site.slow_seconds = 2.0
    slow = Fetcher(replace(fast_fetch, timeout=0.3, retries=0))
    with slow, pytest.raises(FetchError, match=r"timed out after 0\.3s"):
        slow.get(site.url("slow.html"))


@pytest.mark.parametrize("path", ["big.html", "big-declared.html"])
def test_size_cap(site, fast_fetch: FetchSettings, path: str) -> None:
    capped = Fetcher(replace(fast_fetch, max_bytes=1_000_000))
    with capped, pytest.raises(FetchError, match="too large"):
        capped.get(site.url(path))


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/x",
        "javascript:alert(1)",
        "example.org/page",
        "http://",
    ],
)
def test_only_http_and_https(url: str, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError):
        check_url(url)
    with pytest.raises(FetchError):
        fetcher.get(url)
    assert fetcher.requests == 0


def test_redirect_to_another_scheme_is_refused(site, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="http"):
        fetcher.get(site.url("redirect-to-file"))


def test_unreachable_host_is_one_clear_error(fast_fetch: FetchSettings) -> None:
    import socket

    with socket.socket() as s:  # a port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    f = Fetcher(replace(fast_fetch, retries=1))
    with f, pytest.raises(FetchError, match="connection failed") as err:
        f.get(f"http://127.0.0.1:{port}/feed.xml")
    assert f"127.0.0.1:{port}" in str(err.value)
    assert f.requests == 2


def test_robots_txt_is_read_once_and_obeyed(site, fetcher: Fetcher) -> None:
    forget_robots()
    site.override("robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    try:
        assert fetcher.get(site.url("articles/a1.html")).status == 200
        with pytest.raises(FetchError, match=r"robots\.txt"):
            fetcher.get(site.url("private/page.html"))
        assert len(site.requests_to("robots.txt")) == 1  # cached for the host
        assert site.requests_to("private/page.html") == []  # never requested
    finally:
        site.overrides.pop("/robots.txt", None)
        forget_robots()


def test_robots_can_be_switched_off(site, fast_fetch: FetchSettings) -> None:
    forget_robots()
    site.override("robots.txt", "User-agent: figures\nDisallow: /\n", "text/plain")
    try:
        off = replace(fast_fetch, obey_robots=False)
        with Fetcher(off) as f:
            assert f.get(site.url("articles/a1.html")).status == 200
        with Fetcher(fast_fetch) as f, pytest.raises(FetchError, match=r"robots\.txt"):
            f.get(site.url("articles/a1.html"))
    finally:
        site.overrides.pop("/robots.txt", None)
        forget_robots()
