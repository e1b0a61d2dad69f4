"""Crash safety: refreshes SIGKILLed midway leave the store whole, and later runs finish the work
with nothing lost and nothing duplicated, also across ten refreshes with faults injected."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas.testing as pdt
import pytest

from extract.pipeline import extract_document
from extract.readers import iter_documents
from extract.refresh import refresh, url_doc_id
from extract.schema import normalise_frame, to_frame
from extract.sources import load_sources
from extract.store import Store

DATA = Path(__file__).parent / "data"
FETCH = "[fetch]\ntimeout = 1.0\nretries = 0\nbackoff = 0.01\nper_host_interval = 0.0\n\n"
TEMPLATES = [
    "Exports rose {a}.{b} pct to {c}.{d} billion dlrs in {month}, the ministry said.",
    "The trade deficit narrowed to {c}.{b} billion dlrs from {a}.{d} billion a year earlier.",
    "Company {n} reported net profit of {c} mln dlrs, up {a}% from {b}.{d} mln dlrs.",
    "Inflation slowed to {a}.{d}% in {month} from {b}.{a}% in the previous month.",
]
MONTHS = ["January", "February", "March", "April", "May", "June"]


def write_batch(folder: Path, name: str, start: int, count: int) -> None:
    """A JSON lines file of `count` small dated news items with figures."""
    lines = []
    for n in range(start, start + count):
        parts = [
            TEMPLATES[(n + k) % len(TEMPLATES)].format(
                a=n % 9 + 1, b=n % 7, c=n % 50 + 3, d=n % 10, n=n, month=MONTHS[n % 6]
            )
            for k in range(3)
        ]
        record = {
            "id": f"item-{n}",
            "text": " ".join(parts),
            "title": f"Item {n}",
            "published": f"2023-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
        }
        lines.append(json.dumps(record))
    (folder / name).write_text("\n".join(lines) + "\n")


def cli(db: str, config: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "extract.cli",
        "refresh",
        "--db",
        db,
        "--config",
        str(config),
        *extra,
    ]


def kill_midway(db: str, config: Path, *, after: int, batch_size: int = 20) -> None:
    """Start a refresh in a subprocess and SIGKILL it once `after` more documents are stored."""
    with Store.open(db) as watcher:
        start = watcher.counts()[0]
        proc = subprocess.Popen(
            cli(db, config, "--batch-size", str(batch_size)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 120
            while watcher.counts()[0] < start + after:
                assert proc.poll() is None, f"refresh ended before the kill: {proc.stderr.read()}"
                assert time.monotonic() < deadline, "the refresh made no progress"
                time.sleep(0.01)
            assert proc.poll() is None, "the refresh finished before it could be killed"
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(30)
            if proc.stderr is not None:
                proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


def assert_whole(store: Store) -> None:
    assert store.check_consistency() == []
    frame = store.figures()
    assert frame.figure_id.is_unique
    docs = store.documents()
    assert docs.doc_id.is_unique
    assert set(frame.doc_id) <= set(docs.doc_id)


def reference(folder: Path) -> tuple[set[str], object]:
    docs = [d for d in iter_documents([folder]) if not hasattr(d, "message")]
    frame = to_frame(f for d in docs for f in extract_document(d))
    return {d.doc_id for d in docs}, normalise_frame(frame.sort_values("figure_id"))


def test_killed_refreshes_are_completed_by_the_next(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(6):
        write_batch(folder, f"part-{i}.jsonl", i * 100, 100)
    config = tmp_path / "sources.toml"
    config.write_text(f'[sources.news]\nkind = "folder"\npath = "{folder}"\n')
    db = f"sqlite:///{tmp_path / 'figures.db'}"

    kill_midway(db, config, after=100)
    with Store.open(db) as store:
        assert_whole(store)
        first = store.counts()[0]
        assert 0 < first < 600
        assert store.status().running_since is not None  # the killed run is visible
    kill_midway(db, config, after=(600 - first) // 3)
    with Store.open(db) as store:
        assert_whole(store)
        assert store.counts()[0] > first

    done = subprocess.run(cli(db, config), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    ids, expected = reference(folder)
    with Store.open(db) as store:
        assert_whole(store)
        assert set(store.documents().doc_id) == ids
        pdt.assert_frame_equal(normalise_frame(store.figures().sort_values("figure_id")), expected)
        assert list(store.runs().status) == ["ok", "interrupted", "interrupted"]
        assert store.status().running_since is None


@pytest.mark.slow
def test_ten_refreshes_with_faults(site, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    write_batch(folder, "base.jsonl", 0, 300)
    pages = [site.url("articles/b1.html"), site.url("articles/b2.html")]
    config = tmp_path / "sources.toml"
    config.write_text(
        FETCH
        + f'[sources.news]\nkind = "folder"\npath = "{folder}"\n\n'
        + f'[sources.rss]\nkind = "feed"\nurl = "{site.url("rss.xml")}"\n\n'
        + f'[sources.pages]\nkind = "urls"\nurls = {json.dumps(pages)}\n'
    )
    db = f"sqlite:///{tmp_path / 'figures.db'}"
    rss = (DATA / "site" / "rss.xml").read_text().replace("{base}", site.base)
    a1 = (DATA / "site" / "articles" / "a1.html").read_text()
    b2 = (DATA / "site" / "articles" / "b2.html").read_text()
    stored: set[str] = set()
    next_item = 300
    for cycle in range(10):
        if cycle in (1, 5, 8):  # a run killed midway, with new files to work on
            write_batch(folder, f"new-{cycle}.jsonl", next_item, 250)
            next_item += 250
            kill_midway(db, config, after=60, batch_size=10)
        else:
            if cycle in (2, 6):  # the feed is down for this run
                site.fail("rss.xml", status=500, times=1)
            if cycle == 3:  # an article changes, and the feed says so
                site.override("articles/a1.html", a1.replace("10.2%", "11.4%"))
                site.override("rss.xml", rss.replace("09:00:00 GMT", "18:00:00 GMT"))
            if cycle == 7:  # a page of the URL list changes
                site.override("articles/b2.html", b2.replace("2.3 pct", "2.2 pct"))
            with Store.open(db) as store:
                report = refresh(store, load_sources(config))
            errors = {s.name: s.error for s in report.sources}
            if cycle in (2, 6):
                assert "HTTP 500" in (errors["rss"] or "")
                assert errors["news"] is None and errors["pages"] is None
            else:
                assert errors == {"news": None, "rss": None, "pages": None}
        with Store.open(db) as store:
            assert_whole(store)
            now = set(store.documents().doc_id)
            assert stored <= now, f"cycle {cycle} lost {sorted(stored - now)[:5]}"
            stored = now

    # The store now equals one clean refresh of the final state of every source.
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    with Store.open(clean) as fresh:
        refresh(fresh, load_sources(config))
        with Store.open(db) as store:
            pdt.assert_frame_equal(
                store.documents().drop(columns="fetched_at"),
                fresh.documents().drop(columns="fetched_at"),
            )
            pdt.assert_frame_equal(store.figures(), fresh.figures())
            a1_text = store.document_text(url_doc_id(site.url("articles/a1.html"))) or ""
            assert "11.4%" in a1_text and "10.2%" not in a1_text
