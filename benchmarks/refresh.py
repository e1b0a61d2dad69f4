"""Incremental refresh: the first run over a corpus, then an unchanged run, then a run with one
changed file and one changed article, side by side in one process, printing the ratios.

The bar (issue 3): an unchanged corpus refreshes in under 5% of the first run's time.

    python benchmarks/refresh.py                      # Reuters-21578 from ../shared/corpora
    python benchmarks/refresh.py --files 4 --articles 50
    python benchmarks/refresh.py --corpus /path/to/reuters21578

The corpus is served twice: its .sgm files as a folder source, and the first `--articles`
stories as HTML pages behind an RSS feed on a local HTTP server (127.0.0.1), so feeds and
conditional requests are part of the measurement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import shutil
import sys
import tempfile
import threading
import time
from email.utils import format_datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from extract.refresh import refresh
from extract.reuters import read_reuters_file
from extract.sources import load_sources
from extract.store import Store

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "reuters21578"


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files with Last-Modified / If-Modified-Since (304) from the standard library."""

    def log_message(self, format: str, *args: object) -> None:
        pass


def build_site(site: Path, sgm: list[Path], articles: int, base: str) -> None:
    (site / "a").mkdir(parents=True)
    items = []
    stories = (s for path in sgm for s in read_reuters_file(path) if s.body.strip())
    for n, story in zip(range(articles), stories, strict=False):
        title = html.escape(" ".join(story.title.split()) or f"Story {story.newid}")
        paragraphs = "".join(
            f"<p>{html.escape(' '.join(p.split()))}</p>\n"
            for p in story.text.split("\n     ")
            if p.strip()
        )
        page = (
            f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\n"
            f"{paragraphs}</article></body></html>"
        )
        (site / "a" / f"{n}.html").write_text(page, encoding="utf-8")
        when = (story.date or dt.datetime(1987, 1, 1)).replace(tzinfo=dt.UTC)
        date = format_datetime(when, usegmt=True)
        items.append(
            f"<item><title>{title}</title><link>{base}/a/{n}.html</link>"
            f"<guid>{base}/a/{n}.html</guid><pubDate>{date}</pubDate></item>"
        )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bench</title>'
        f"<link>{base}/</link><description>bench</description>{''.join(items)}</channel></rss>"
    )
    (site / "feed.xml").write_text(feed, encoding="utf-8")


def timed(label: str, store: Store, config_path: Path) -> float:
    started = time.perf_counter()
    report = refresh(store, load_sources(config_path))
    seconds = time.perf_counter() - started
    total = report.total
    print(
        f"{label:<28} {seconds:8.2f}s  new {total.new:6d}  changed {total.changed:4d}  "
        f"unchanged {total.unchanged:6d}  failed {total.failed:3d}  "
        f"requests {sum(s.requests for s in report.sources):4d}"
    )
    for source in report.sources:
        if source.error:
            print(f"  source {source.name} failed: {source.error}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--files", type=int, default=22, help="Reuters .sgm files to use")
    parser.add_argument("--articles", type=int, default=100, help="stories behind the feed")
    args = parser.parse_args()
    sgm = sorted(args.corpus.glob("reut2-*.sgm"))[: args.files]
    if not sgm:
        print(f"no reut2-*.sgm files in {args.corpus}; give --corpus", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="figures-bench-refresh-"))
    try:
        folder = work / "corpus"
        folder.mkdir()
        for path in sgm:
            shutil.copy(path, folder / path.name)
        site = work / "site"
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
        base = f"http://127.0.0.1:{server.server_address[1]}"
        build_site(site, sgm, args.articles, base)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        config = work / "sources.toml"
        config.write_text(
            "[fetch]\nper_host_interval = 0.0\n\n"
            f'[sources.reuters]\nkind = "folder"\npath = "{folder}"\n\n'
            f'[sources.feed]\nkind = "feed"\nurl = "{base}/feed.xml"\n'
        )
        print(f"corpus: {len(sgm)} Reuters files + a feed of {args.articles} articles")
        with Store.open(f"sqlite:///{work / 'figures.db'}") as store:
            first = timed("first run", store, config)
            unchanged = timed("unchanged corpus", store, config)
            # One file touched (read again, nothing re-extracted), and one article changed
            # behind a feed entry whose date says so.
            os.utime(folder / sgm[0].name, ns=(1, 1))
            page = site / "a" / "0.html"
            page.write_text(
                page.read_text().replace("</article>", "<p>Exports rose 1 pct.</p></article>")
            )
            feed = site / "feed.xml"
            text = feed.read_text()
            start = text.index("<pubDate>") + len("<pubDate>")
            end = text.index("</pubDate>", start)
            feed.write_text(text[:start] + "Sat, 31 Oct 1987 12:00:00 GMT" + text[end:])
            later = time.time() + 5  # Last-Modified has one-second resolution
            for path in (feed, page):
                os.utime(path, (later, later))
            changed = timed("one file + one article", store, config)
            n_docs, n_figs = store.counts()
        print(f"store: {n_docs} documents, {n_figs} figures")
        ratio = unchanged / first
        verdict = "PASS" if ratio < 0.05 else "FAIL"
        print(f"unchanged / first run  = {ratio:.2%}  (bar: under 5%) -> {verdict}")
        print(f"small change / first   = {changed / first:.2%}")
        server.shutdown()
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
