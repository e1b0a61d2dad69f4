"""`figures refresh` end to end: feeds, URL lists and folders against a real HTTP server and a
real SQLite store; re-extraction, the lock, and a Dask LocalCluster."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract.cli import build_app
from extract.documents import Document
from extract.pipeline import EXTRACTION_VERSION, extract_document
from extract.refresh import refresh, url_doc_id
from extract.schema import normalise_frame, to_frame
from extract.sources import load_sources
from extract.store import RefreshLocked, Store, documents_table

DATA = Path(__file__).parent / "data"
FETCH = "[fetch]\ntimeout = 1.0\nretries = 1\nbackoff = 0.01\nper_host_interval = 0.0\n\n"

REUTERS = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="{n}">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>trade</D></TOPICS>
<PLACES><D>usa</D></PLACES>
<TEXT>&#2;
<TITLE>TRADE DEFICIT NARROWS {n}</TITLE>
<DATELINE>    WASHINGTON, Feb 26 - </DATELINE><BODY>The U.S. trade deficit narrowed to {n}.5
billion dlrs in January from 14.9 billion dlrs in December, the Commerce Department said.
Exports rose 3.1 pct to 19.2 billion dlrs.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"""


def write_config(path: Path, body: str) -> Path:
    path.write_text(FETCH + body)
    return path


def feed_source(name: str, url: str, **extra: str) -> str:
    lines = [f"[sources.{name}]", 'kind = "feed"', f'url = "{url}"']
    lines += [f"{k} = {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n\n"


def run(store: Store, config: Path, **kw):
    return refresh(store, load_sources(config), **kw)


def stored_vs_extracted(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stored figures, and what extracting the stored documents gives now."""
    docs = store.documents()
    expected = []
    for row in docs.itertuples():
        doc = Document(
            doc_id=row.doc_id,
            text=store.document_text(row.doc_id) or "",
            source=row.source,
            title=row.title,
            url=row.url,
            published=row.published,
        )
        expected.extend(extract_document(doc))
    key = ["figure_id"]
    got = normalise_frame(store.figures().sort_values(key))
    want = normalise_frame(to_frame(expected).sort_values(key))
    return got, want


# --- feeds ---------------------------------------------------------------------------------------


def test_rss_feed_entries_and_articles(site, store: Store, tmp_path: Path) -> None:
    config = write_config(tmp_path / "s.toml", feed_source("news", site.url("rss.xml")))
    report = run(store, config)
    (src,) = report.sources
    assert src.error is None, src.error
    assert (src.report.new, src.report.failed) == (3, 0)
    assert src.requests == 4  # the feed and its three articles
    docs = store.documents().set_index("doc_id")
    a1 = docs.loc[url_doc_id(site.url("articles/a1.html"))]
    assert a1.title == "Kazakhstan trade with Russia hits record"
    assert a1.url == site.url("articles/a1.html")
    assert str(a1.published) == "2024-03-04"
    assert "28.2 billion" in store.document_text(a1.name)
    assert "All rights reserved" not in store.document_text(a1.name)  # page furniture dropped
    got, want = stored_vs_extracted(store)
    assert len(got) > 0
    pdt.assert_frame_equal(got, want)
    assert set(store.source_states().name) == {"news"}


def test_unchanged_feed_costs_one_request(site, store: Store, tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "s.toml",
        feed_source("rss", site.url("rss.xml")) + feed_source("atom", site.url("atom.xml")),
    )
    first = run(store, config)
    assert [s.report.new for s in first.sources] == [3, 2]
    before = store.figures()
    site.clear_log()
    second = run(store, config)
    assert [s.requests for s in second.sources] == [1, 1]
    assert [path for _, path, _ in site.log if path != "/robots.txt"] == ["/rss.xml", "/atom.xml"]
    assert [s.report.unchanged for s in second.sources] == [3, 2]
    assert second.total.new == second.total.changed == 0
    pdt.assert_frame_equal(store.figures(), before)


def test_changed_feed_entry_refetches_only_that_article(site, store: Store, tmp_path: Path) -> None:
    config = write_config(tmp_path / "s.toml", feed_source("atom", site.url("atom.xml")))
    run(store, config)
    b2 = url_doc_id(site.url("articles/b2.html"))
    old_ids = set(store.figures(doc_ids=[b2]).figure_id)
    feed = (DATA / "site" / "atom.xml").read_text().replace("{base}", site.base)
    feed = feed.replace(
        "<updated>2024-03-11T07:00:00Z</updated>", "<updated>2024-03-12T07:00:00Z</updated>"
    )
    site.override("atom.xml", feed)
    page = (DATA / "site" / "articles" / "b2.html").read_text()
    site.override("articles/b2.html", page.replace("2.3 pct", "2.1 pct").replace("14%", "16%"))
    site.clear_log()
    report = run(store, config)
    (src,) = report.sources
    assert (src.report.new, src.report.changed, src.report.unchanged) == (0, 1, 1)
    assert [p for _, p, _ in site.log if p != "/robots.txt"] == ["/atom.xml", "/articles/b2.html"]
    new_ids = set(store.figures(doc_ids=[b2]).figure_id)
    assert src.report.figures_removed == len(old_ids - new_ids) > 0
    assert "2.1 pct" in (store.document_text(b2) or "")
    got, want = stored_vs_extracted(store)
    pdt.assert_frame_equal(got, want)


def test_failing_sources_are_recorded_and_do_not_stop_others(
    site, store: Store, tmp_path: Path
) -> None:
    broken = feed_source("gone", site.url("missing.xml")) + feed_source(
        "notfeed", site.url("report.pdf")
    )
    config = write_config(tmp_path / "s.toml", broken + feed_source("rss", site.url("rss.xml")))
    report = run(store, config)
    errors = {s.name: s.error for s in report.sources}
    assert "HTTP 404" in errors["gone"] and site.url("missing.xml") in errors["gone"]
    assert "not an RSS or Atom feed" in errors["notfeed"]
    assert errors["rss"] is None and report.sources[2].report.new == 3
    failed = {name: error for name, error, _ in store.status().failed_sources}
    assert set(failed) == {"gone", "notfeed"}
    assert store.status().last_refresh_report["total"]["new"] == 3
    # Once the feed works its error is cleared.
    site.override(
        "missing.xml", (DATA / "site" / "atom.xml").read_text().replace("{base}", site.base)
    )
    run(store, config, only=["gone"])
    assert {name for name, _, _ in store.status().failed_sources} == {"notfeed"}


def test_a_failed_article_is_retried_until_stored(site, store: Store, tmp_path: Path) -> None:
    feed = (DATA / "site" / "rss.xml").read_text().replace("{base}", site.base)
    feed = feed.replace("articles/a3.html", "articles/late.html")
    site.override("rss.xml", feed)
    config = write_config(tmp_path / "s.toml", feed_source("rss", site.url("rss.xml")))
    first = run(store, config).sources[0]
    assert (first.report.new, first.report.failed) == (2, 1)
    assert "late.html" in first.report.errors[0][0] and "404" in first.report.errors[0][1]
    assert {n for n, _, _ in store.status().failed_sources} == {"rss"}
    site.override("articles/late.html", (DATA / "site" / "articles" / "a3.html").read_text())
    second = run(store, config).sources[0]
    # The feed itself was not marked as seen, so the missing article is fetched again.
    assert (second.report.new, second.report.unchanged, second.report.failed) == (1, 2, 0)
    assert store.status().failed_sources == []


def test_feed_with_summaries_only(site, store: Store, tmp_path: Path) -> None:
    config = write_config(
        tmp_path / "s.toml",
        feed_source("sums", site.url("summaries.xml"), fetch_articles="false"),
    )
    report = run(store, config)
    assert report.sources[0].report.new == 1
    (doc_id,) = store.documents().doc_id
    assert store.document_text(doc_id).startswith("Exports rose 7 pct")
    assert [p for _, p, _ in site.log if p != "/robots.txt"] == ["/summaries.xml"]


# --- URL lists -----------------------------------------------------------------------------------


def test_url_list_with_faulty_pages(site, store: Store, tmp_path: Path) -> None:
    site.slow_seconds = 2.5
    urls = [
        site.url(p)
        for p in (
            "articles/a1.html",
            "articles/note.txt",
            "report.pdf",
            "missing.html",
            "slow.html",
            "big.html",
        )
    ]
    body = (
        '[sources.pages]\nkind = "urls"\nurls = [' + ", ".join(json.dumps(u) for u in urls) + "]\n"
    )
    config = tmp_path / "s.toml"
    config.write_text(
        "[fetch]\ntimeout = 0.5\nretries = 0\nmax_bytes = 500000\nper_host_interval = 0.0\n\n"
        + body
    )
    report = run(store, config)
    src = report.sources[0]
    assert (src.report.new, src.report.failed) == (2, 4)
    reasons = dict(src.report.errors)
    assert "not an HTML or text page (application/pdf)" in reasons[urls[2]]
    assert "HTTP 404" in reasons[urls[3]]
    assert "timed out" in reasons[urls[4]]
    assert "too large" in reasons[urls[5]]
    note = store.document_text(url_doc_id(urls[1])) or ""
    assert note.startswith("Wheat harvest estimate raised")
    # Pages are fetched conditionally: unchanged pages answer 304 and cost nothing else.
    site.clear_log()
    again = run(store, config).sources[0]
    assert again.report.unchanged == 2 and again.report.new == 0
    assert site.requests_to("articles/a1.html")[0]["If-None-Match"]


def test_changed_page_replaces_its_figures(site, store: Store, tmp_path: Path) -> None:
    url = site.url("articles/a2.html")
    config = write_config(tmp_path / "s.toml", f'[sources.p]\nkind = "urls"\nurls = ["{url}"]\n')
    run(store, config)
    page = (DATA / "site" / "articles" / "a2.html").read_text()
    site.override("articles/a2.html", page.replace("15.75 pct", "16.25 pct"))
    report = run(store, config).sources[0].report
    assert (report.new, report.changed) == (0, 1)
    assert store.counts()[0] == 1  # the same document, not a second one
    assert "16.25 pct" in (store.document_text(url_doc_id(url)) or "")
    got, want = stored_vs_extracted(store)
    pdt.assert_frame_equal(got, want)


# --- folders -------------------------------------------------------------------------------------


def make_folder(root: Path) -> Path:
    folder = root / "news"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(DATA / "site" / "articles" / "note.txt", folder / "note.txt")
    (folder / "note.meta.json").write_text(
        json.dumps({"title": "Wheat", "published": "2024-03-01", "url": "https://x.org/n"})
    )
    shutil.copy(DATA / "site" / "articles" / "b1.html", folder / "sub" / "b1.html")
    lines = [
        {"id": "j1", "text": "Imports fell 4.5% to 3.2 billion dlrs.", "published": "1987-03-02"},
        {"id": "j2", "text": "Output grew 2.5% in February.", "title": "Output"},
    ]
    (folder / "lines.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    (folder / "wire.sgm").write_text("".join(REUTERS.format(n=n) for n in (11, 12)), "latin-1")
    (folder / ".hidden.txt").write_text("Exports rose 99% in secret.")
    return folder


def test_folder_source_is_incremental(store: Store, tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    config = write_config(tmp_path / "s.toml", '[sources.f]\nkind = "folder"\npath = "news"\n')
    first = run(store, config).sources[0]
    assert (first.report.new, first.report.failed) == (6, 0), first.report.errors
    docs = store.documents().set_index("doc_id")
    assert docs.loc["reuters-11"].title == "TRADE DEFICIT NARROWS 11"
    assert str(docs.loc["j1"].published) == "1987-03-02"
    note = docs[docs.source.str.endswith("note.txt")].iloc[0]
    assert (note.title, str(note.published), note.url) == ("Wheat", "2024-03-01", "https://x.org/n")
    assert not any("secret" in (store.document_text(i) or "") for i in docs.index)

    second = run(store, config).sources[0]
    assert (second.report.new, second.report.changed, second.report.unchanged) == (0, 0, 6)

    (folder / "lines.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Imports fell 5.5% to 3.1 billion dlrs."})
        + "\n"
        + json.dumps({"id": "j2", "text": "Output grew 2.5% in February.", "title": "Output"})
        + "\n"
    )
    (folder / "sub" / "extra.txt").write_text("Unemployment rose to 3.2 pct in January.")
    os.utime(folder / "lines.jsonl", ns=(1, 1))
    third = run(store, config).sources[0]
    assert (third.report.new, third.report.changed, third.report.unchanged) == (1, 1, 5)
    got, want = stored_vs_extracted(store)
    pdt.assert_frame_equal(got, want)


def test_unreadable_file_is_reported_and_retried(store: Store, tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "empty.txt").write_text("")
    config = write_config(tmp_path / "s.toml", f'[sources.f]\nkind = "folder"\npath = "{folder}"\n')
    first = run(store, config).sources[0]
    assert first.report.failed == 1 and "empty" in first.report.errors[0][1]
    (folder / "empty.txt").write_text("Exports rose 4% in March.")
    second = run(store, config).sources[0]
    assert (second.report.new, second.report.failed) == (1, 0)


def test_missing_folder_is_a_source_error(store: Store, tmp_path: Path) -> None:
    config = write_config(tmp_path / "s.toml", '[sources.f]\nkind = "folder"\npath = "nowhere"\n')
    report = run(store, config)
    assert "no such folder" in (report.sources[0].error or "")


# --- re-extraction, lock, CLI --------------------------------------------------------------------


def test_reextract_fetches_nothing(site, store: Store, tmp_path: Path) -> None:
    config = write_config(tmp_path / "s.toml", feed_source("rss", site.url("rss.xml")))
    run(store, config)
    expected = store.figures()
    with store.engine.begin() as conn:
        conn.execute(documents_table.update().values(extraction_version="0.0.1"))
    site.clear_log()
    result = CliRunner().invoke(
        build_app(), ["refresh", "--reextract", "--db", store.url, "--config", str(config)]
    )
    assert result.exit_code == 0, result.output
    assert "re-extracted: 3 documents" in result.output
    assert site.log == []
    assert set(store.documents().extraction_version) == {EXTRACTION_VERSION}
    pdt.assert_frame_equal(store.figures(), expected)


def test_cli_refresh_reports_and_exit_codes(site, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'f.db'}"
    config = write_config(
        tmp_path / "s.toml",
        feed_source("rss", site.url("rss.xml")) + feed_source("bad", site.url("nope.xml")),
    )
    app, runner = build_app(), CliRunner()
    result = runner.invoke(app, ["refresh", "--db", db, "--config", str(config), "--json"])
    assert result.exit_code == 1  # a source failed
    report = json.loads(result.stdout)
    assert report["total"]["new"] == 3 and report["total"]["failed"] == 0
    assert [s["name"] for s in report["sources"]] == ["rss", "bad"]
    result = runner.invoke(app, ["refresh", "--db", db, "--config", str(config), "--source", "rss"])
    assert result.exit_code == 0
    assert "rss (feed): 0 new, 0 changed, 3 unchanged" in result.output
    result = runner.invoke(app, ["refresh", "--db", db, "--config", str(config), "--source", "x"])
    assert result.exit_code == 2 and "no source named x" in result.output
    with Store.open(db) as s, s.refresh_lock():
        result = runner.invoke(app, ["refresh", "--db", db, "--config", str(config)])
        assert result.exit_code == 75 and "another refresh is running" in result.output
    status = runner.invoke(app, ["status", "--db", db, "--json"])
    assert json.loads(status.stdout)["documents"] == 3
    bad = runner.invoke(app, ["refresh", "--db", "nosuchdialect://x", "--config", str(config)])
    assert bad.exit_code == 2 and "cannot open the store" in bad.output


def test_refresh_under_lock_raises(store: Store, tmp_path: Path) -> None:
    config = write_config(tmp_path / "s.toml", "")
    with store.refresh_lock(), pytest.raises(RefreshLocked):
        run(store, config)


def test_interrupted_runs_are_closed_by_the_next(store: Store, tmp_path: Path) -> None:
    config = write_config(tmp_path / "s.toml", "")
    store.start_run()  # as a killed refresh leaves it
    assert store.status().running_since is not None
    run(store, config)
    runs = store.runs()
    assert list(runs.status) == ["ok", "interrupted"]
    assert store.status().running_since is None


# --- Dask ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_dask_gives_the_same_store(tmp_path: Path) -> None:
    """`--workers N` (a local cluster of its own) and `--dask ADDRESS` (an existing cluster)."""
    from distributed import LocalCluster

    folder = make_folder(tmp_path)
    (folder / "more.sgm").write_text("".join(REUTERS.format(n=n) for n in range(20, 60)), "latin-1")
    config = write_config(tmp_path / "s.toml", f'[sources.f]\nkind = "folder"\npath = "{folder}"\n')
    plain = f"sqlite:///{tmp_path / 'plain.db'}"
    runner, app = CliRunner(), build_app()
    result = runner.invoke(app, ["refresh", "--db", plain, "--config", str(config)])
    assert result.exit_code == 0, result.output
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster:
        runs = {
            "workers": ["--workers", "2", "--batch-size", "7"],
            "address": ["--dask", cluster.scheduler_address, "--batch-size", "5"],
        }
        for name, extra in runs.items():
            db = f"sqlite:///{tmp_path / f'{name}.db'}"
            result = runner.invoke(app, ["refresh", "--db", db, "--config", str(config), *extra])
            assert result.exit_code == 0, result.output
            with Store.open(plain) as a, Store.open(db) as b:
                assert a.counts() == b.counts() and a.counts()[0] == 46
                pdt.assert_frame_equal(a.figures(), b.figures())
                pdt.assert_frame_equal(a.series_summary(), b.series_summary())
                assert b.check_consistency() == []
                with b.engine.connect() as conn:
                    owners = conn.execute(sa.text("SELECT DISTINCT source_id FROM documents")).all()
                assert owners == [("f",)]


# --- never raises --------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    body=st.binary(max_size=400)
    | st.text(max_size=400).map(
        lambda t: f"<rss><channel><item>{t}</item></channel></rss>".encode()
    ),
    content_type=st.sampled_from(["text/html", "text/plain", "application/pdf", "", "text/xml"]),
)
def test_feeds_and_pages_fail_only_with_value_errors(body: bytes, content_type: str) -> None:
    from extract.fetch import Response
    from extract.refresh import document_from_response, parse_feed

    with contextlib.suppress(ValueError):
        parse_feed(body, "http://127.0.0.1/feed.xml")
    resp = Response(
        "http://127.0.0.1/p", "http://127.0.0.1/p", 200, body, content_type, None, None, None
    )
    with contextlib.suppress(ValueError):
        doc = document_from_response(resp)
        assert doc.doc_id == url_doc_id("http://127.0.0.1/p") and doc.text.strip()


def test_revalidated_feed_catches_a_page_corrected_without_a_new_entry_date(
    site, store: Store, tmp_path: Path
) -> None:
    plain = write_config(tmp_path / "p.toml", feed_source("atom", site.url("atom.xml")))
    checked = write_config(
        tmp_path / "c.toml",
        feed_source("atom", site.url("atom.xml"), revalidate_articles="true"),
    )
    run(store, plain)
    b2 = url_doc_id(site.url("articles/b2.html"))
    page = (DATA / "site" / "articles" / "b2.html").read_text()
    site.override("articles/b2.html", page.replace("2.3 pct", "2.1 pct"))
    # the feed's entries are as they were: a plain refresh trusts them and fetches no article
    site.clear_log()
    (src,) = run(store, plain).sources
    assert [p for _, p, _ in site.log if p != "/robots.txt"] == ["/atom.xml"]
    assert "2.3 pct" in (store.document_text(b2) or "")
    # revalidating asks for every article again; the unchanged one answers 304
    site.clear_log()
    (src,) = run(store, checked).sources
    assert (src.report.new, src.report.changed, src.report.unchanged) == (0, 1, 1)
    assert "2.1 pct" in (store.document_text(b2) or "")
    got, want = stored_vs_extracted(store)
    pdt.assert_frame_equal(got, want)
    # and a second revalidating run finds nothing new
    (src,) = run(store, checked).sources
    assert (src.report.new, src.report.changed) == (0, 0)
