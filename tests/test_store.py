"""The store against real databases: SQLite in tmp_path always, PostgreSQL when configured."""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator

import pandas as pd
import pandas.testing as pdt
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.documents import Document
from extract.pipeline import EXTRACTION_VERSION, extract_document
from extract.schema import COLUMNS, normalise_frame, to_frame
from extract.store import (
    SUMMARY_COLUMNS,
    RefreshLocked,
    Store,
    documents_table,
    metadata,
    resolve_db_url,
)

SENTENCES = [
    "Mutual trade turnover last year increased by 10.2% to a record $28.2 billion.",
    "Exports rose 5.1 pct to 12.4 billion dlrs in January, the ministry said.",
    "The trade deficit narrowed to 1.91 billion dlrs in October from 5.64 billion in September.",
    "Russia's investments in Kazakhstan amount to about $17 billion.",
    "Inflation slowed to 8.4% in February from 9.5% in January.",
    "Oil output was steady at 1.8 million barrels per day in February.",
]


def make_docs(n: int, *, prefix: str = "doc", published: str = "2023-11-08") -> list[Document]:
    out = []
    for i in range(n):
        text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))
        text = f"Report {i}. {text} Another {i + 3} companies said output rose {i % 7 + 1}%."
        out.append(
            Document.make(
                text,
                doc_id=f"{prefix}-{i}",
                source=f"test/{prefix}-{i}.txt",
                title=f"Title {i}",
                published=published,
            )
        )
    return out


def expected_frame(docs: Iterable[Document]) -> pd.DataFrame:
    return to_frame(fig for doc in docs for fig in extract_document(doc))


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return normalise_frame(frame.sort_values("figure_id"))


# --- schema and migrations ---------------------------------------------------------------------


def test_migrations_match_tables(any_store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from extract.migrations import current_revisions, head_revisions

    assert current_revisions(any_store.engine) == head_revisions()
    with any_store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, metadata) == []


def test_reopen_keeps_data_and_is_cheap_to_migrate(any_url: str) -> None:
    docs = make_docs(3)
    with Store.open(any_url) as first:
        first.ingest(docs)
        version = first.data_version()
    with Store.open(any_url) as second:
        assert second.data_version() == version
        assert second.counts()[0] == 3


def test_downgrade_and_upgrade_round_trip(sqlite_url: str) -> None:
    from extract.migrations import current_revisions, downgrade, upgrade

    with Store.open(sqlite_url) as s:
        downgrade(s.engine, "base")
        assert current_revisions(s.engine) == set()
        assert "figures" not in sa.inspect(s.engine).get_table_names()
        upgrade(s.engine)
        assert "figures" in sa.inspect(s.engine).get_table_names()


def test_sqlite_is_in_wal_mode(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_db_url_resolution(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIGURES_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert resolve_db_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_db_url(str(tmp_path / "bare.db")) == f"sqlite:///{tmp_path / 'bare.db'}"
    monkeypatch.delenv("FIGURES_DB")
    assert resolve_db_url(None).endswith("/data/figures.db")
    with Store.open(str(tmp_path / "deep" / "dir" / "x.db")) as s:  # folders are created
        assert s.counts() == (0, 0)


# --- writes --------------------------------------------------------------------------------------


def test_ingest_stores_exactly_what_extraction_gives(any_store: Store) -> None:
    docs = make_docs(12)
    report = any_store.ingest(docs, source_id="unit")
    assert (report.new, report.changed, report.unchanged, report.failed) == (12, 0, 0, 0)
    expected = expected_frame(docs)
    assert report.figures_added == len(expected) > 0
    pdt.assert_frame_equal(by_id(any_store.figures()), by_id(expected))
    assert any_store.check_consistency() == []


def test_reingesting_unchanged_documents_changes_nothing(any_store: Store) -> None:
    docs = make_docs(10)
    any_store.ingest(docs)
    before = (any_store.data_version(), any_store.figures(), any_store.documents())
    report = any_store.ingest(docs)
    assert (report.new, report.changed, report.unchanged) == (0, 0, 10)
    assert (report.figures_added, report.figures_removed) == (0, 0)
    assert any_store.data_version() == before[0]
    pdt.assert_frame_equal(any_store.figures(), before[1])
    pdt.assert_frame_equal(any_store.documents(), before[2])


def test_changed_document_replaces_its_figures(any_store: Store) -> None:
    docs = make_docs(4)
    any_store.ingest(docs)
    old = any_store.figures(doc_ids=["doc-1"])
    changed = Document.make(
        "Exports fell 3.5% to 7.25 billion dlrs in March.",
        doc_id="doc-1",
        source=docs[1].source,
        title=docs[1].title,
        published=docs[1].published,
    )
    report = any_store.ingest([changed, *docs[2:]])
    assert (report.new, report.changed, report.unchanged) == (0, 1, 2)
    new = any_store.figures(doc_ids=["doc-1"])
    pdt.assert_frame_equal(by_id(new), by_id(expected_frame([changed])))
    assert report.figures_removed == len(set(old.figure_id) - set(new.figure_id))
    assert report.figures_added == len(set(new.figure_id) - set(old.figure_id))
    assert any_store.document_text("doc-1") == changed.text
    # The other documents are untouched.
    others = any_store.figures(doc_ids=["doc-0", "doc-2", "doc-3"])
    pdt.assert_frame_equal(by_id(others), by_id(expected_frame([docs[0], docs[2], docs[3]])))


def test_metadata_change_rewrites_figures(any_store: Store) -> None:
    doc = make_docs(1)[0]
    any_store.ingest([doc])
    later = doc.with_published(dt.date(2024, 1, 31))
    report = any_store.ingest([later])
    assert report.changed == 1
    assert set(any_store.figures().published) == {dt.date(2024, 1, 31)}


def test_a_failing_document_keeps_its_stored_version(any_store: Store) -> None:
    docs = make_docs(3)
    any_store.ingest(docs)
    before = any_store.figures(doc_ids=["doc-1"])
    changed = [Document.make(d.text + " Imports rose 2%.", doc_id=d.doc_id) for d in docs]

    def flaky(batches: Iterable[list[Document]]) -> Iterator[tuple[list[Document], list]]:
        # A real extraction, except that document 1 raises (as a buggy extractor would).
        for batch in batches:
            yield (
                batch,
                [ValueError("boom") if d.doc_id == "doc-1" else extract_document(d) for d in batch],
            )

    report = any_store.ingest(changed, extractor=flaky)
    assert (report.changed, report.failed) == (2, 1)
    assert report.failed_ids == {"doc-1"}
    assert "boom" in report.errors[0][1]
    pdt.assert_frame_equal(any_store.figures(doc_ids=["doc-1"]), before)
    assert any_store.check_consistency() == []


def test_duplicate_documents_in_one_run_are_stored_once(any_store: Store) -> None:
    docs = make_docs(3)
    report = any_store.ingest([*docs, *docs], batch_size=2)
    assert report.new == 3
    assert any_store.counts()[0] == 3
    assert not any_store.figures().figure_id.duplicated().any()


def test_reextract_uses_stored_text_for_old_versions_only(any_store: Store) -> None:
    docs = make_docs(6)
    any_store.ingest(docs, source_id="folder-a")
    expected = any_store.figures()
    d = documents_table.c
    with any_store.engine.begin() as conn:
        conn.execute(
            documents_table.update()
            .where(d.doc_id.in_(["doc-0", "doc-3"]))
            .values(extraction_version="0.0.0-old")
        )
        conn.execute(sa.text("DELETE FROM figure_entities WHERE doc_id = 'doc-3'"))
        conn.execute(sa.text("DELETE FROM figures WHERE doc_id = 'doc-3'"))
        conn.execute(sa.text("UPDATE documents SET n_figures = 0 WHERE doc_id = 'doc-3'"))
    report = any_store.reextract()
    assert (report.changed, report.unchanged, report.failed) == (2, 0, 0)
    pdt.assert_frame_equal(by_id(any_store.figures()), by_id(expected))
    docs_frame = any_store.documents()
    assert set(docs_frame.extraction_version) == {EXTRACTION_VERSION}
    with any_store.engine.connect() as conn:
        owners = conn.execute(sa.select(d.source_id).distinct()).scalars().all()
    assert owners == ["folder-a"]  # re-extraction keeps each document's source
    assert any_store.reextract().documents == 0
    assert any_store.reextract(all_documents=True).changed == 6


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(
        st.text(
            alphabet=st.sampled_from(list("0123456789 .,%$abcdefgh\n-"))
            | st.characters(blacklist_categories=["Cs"]),
            max_size=120,
        ).filter(str.strip),
        min_size=1,
        max_size=4,
    )
)
def test_round_trip_property(store: Store, texts: list[str]) -> None:
    """Whatever the text, what is read back equals what extraction produced."""
    docs = {}
    for i, text in enumerate(texts):
        doc = Document.make(text, source=f"prop/{i}")
        docs[doc.doc_id] = doc
    store.ingest(docs.values())
    got = store.figures(doc_ids=list(docs))
    pdt.assert_frame_equal(by_id(got), by_id(expected_frame(docs.values())))
    for doc_id, doc in docs.items():
        assert store.document_text(doc_id) == doc.text


# --- reads ---------------------------------------------------------------------------------------


@pytest.fixture
def filled(any_store: Store) -> tuple[Store, pd.DataFrame]:
    docs = make_docs(15, published="2023-11-08") + make_docs(
        10, prefix="old", published="1987-03-02"
    )
    any_store.ingest(docs[:15], source_id="news")
    any_store.ingest(docs[15:], source_id="wire")
    return any_store, any_store.figures()


def test_fast_frame_equals_normalised_frame(filled: tuple[Store, pd.DataFrame]) -> None:
    _, frame = filled
    assert list(frame.columns) == list(COLUMNS)
    pdt.assert_frame_equal(frame, normalise_frame(frame))


def test_every_figure_cites_its_stored_text(filled: tuple[Store, pd.DataFrame]) -> None:
    store, frame = filled
    texts = {doc_id: store.document_text(doc_id) for doc_id in set(frame.doc_id)}
    for row in frame.itertuples():
        assert texts[row.doc_id][row.char_start : row.char_end] == row.surface


def test_filters_match_the_same_filters_in_pandas(filled: tuple[Store, pd.DataFrame]) -> None:
    store, frame = filled
    keys = frame.series_key.value_counts().index[:2].tolist()
    got = store.figures(series_key=keys[0])
    assert len(got) == (frame.series_key == keys[0]).sum() > 0
    assert set(store.figures(series_key=keys).series_key) == set(keys)

    cut = dt.date(2000, 1, 1)
    date_to = frame.period_end.where(frame.period_end.notna(), frame.period_start)
    date_to = date_to.where(date_to.notna(), frame.published)
    since = store.figures(since=cut)
    assert set(since.figure_id) == set(
        frame.figure_id[[d is not None and d >= cut for d in date_to]]
    )
    until = store.figures(until=dt.date(1999, 12, 31))
    assert set(until.figure_id) | set(since.figure_id) == set(frame.figure_id)

    word = "deficit"
    searched = store.figures(search=word.upper())
    assert set(searched.figure_id) == set(
        frame.figure_id[
            frame.sentence.str.lower().str.contains(word)
            | frame.measure.str.lower().str.contains(word)
            | frame.entities.str.lower().str.contains(word)
            | frame.title.fillna("").str.lower().str.contains(word)
        ]
    )
    assert store.figures(search="%_no such text_%").empty

    ids = ["doc-2", "old-4"]
    assert set(store.figures(doc_ids=ids).doc_id) == set(ids)
    many = [f"nothing-{i}" for i in range(1200)] + ["doc-3"]  # more ids than one IN clause
    assert set(store.figures(doc_ids=many).doc_id) == {"doc-3"}
    assert store.figures(doc_ids=[]).empty
    assert len(store.figures(limit=5)) == 5

    # a cited figure by its stable id, alone, among many ids, and with its document
    wanted = frame.figure_id.iloc[[0, 3]].tolist()
    assert sorted(store.figures(figure_ids=wanted).figure_id) == sorted(wanted)
    lots = [f"nothing-{i}" for i in range(1200)] + wanted
    assert sorted(store.figures(figure_ids=lots).figure_id) == sorted(wanted)
    first_doc = frame.doc_id.iloc[0]
    both = store.figures(figure_ids=lots, doc_ids=[first_doc])
    assert set(both.figure_id) == set(frame[frame.doc_id == first_doc].figure_id) & set(wanted)
    both_long = store.figures(figure_ids=wanted, doc_ids=[*many, first_doc])
    assert set(both_long.figure_id) == set(both.figure_id)
    assert store.figures(figure_ids=[]).empty


def test_entity_filter_matches_any_entity_ignoring_case(filled: tuple[Store, pd.DataFrame]) -> None:
    store, frame = filled
    entities = sorted({e for value in frame.entities for e in value.split(";") if e})
    if not entities:
        pytest.skip("the current extractor found no entities in the test text")
    name = entities[0]
    expected = set(frame.figure_id[[name in value.split(";") for value in frame.entities]])
    assert set(store.figures(entity=name.upper()).figure_id) == expected
    assert store.figures(entity="Atlantis-Nowhere").empty


def test_series_summary_matches_a_pandas_groupby(filled: tuple[Store, pd.DataFrame]) -> None:
    store, frame = filled
    summary = store.series_summary()
    assert list(summary.columns) == list(SUMMARY_COLUMNS)
    assert summary.series_key.is_unique
    # n_sources counts the sources.toml names the documents came from.
    owner = frame.doc_id.str.startswith("doc-").map({True: "news", False: "wire"})
    counts = (
        frame.assign(owner=owner)
        .groupby("series_key")
        .agg(
            n_figures=("figure_id", "size"),
            n_documents=("doc_id", "nunique"),
            n_sources=("owner", "nunique"),
        )
    )
    got = summary.set_index("series_key")[["n_figures", "n_documents", "n_sources"]]
    pdt.assert_frame_equal(
        got.sort_index(), counts.sort_index(), check_names=False, check_index_type=False
    )
    # Cached until the data changes, then recomputed.
    assert store.series_summary().equals(summary)
    store.ingest(make_docs(2, prefix="late"))
    assert store.series_summary().n_figures.sum() == len(store.figures())


def test_documents_frame_and_status(filled: tuple[Store, pd.DataFrame]) -> None:
    store, frame = filled
    docs = store.documents()
    assert list(docs.columns) == [
        "doc_id", "source", "url", "title", "published", "fetched_at", "content_sha",
        "extraction_version",
    ]  # fmt: skip
    assert len(docs) == 25 and docs.doc_id.is_unique
    assert set(store.documents(["doc-1", "nope"]).doc_id) == {"doc-1"}
    assert store.document_text("nope") is None
    status = store.status()
    assert (status.n_documents, status.n_figures) == (25, len(frame))
    assert status.last_refresh_at is None and status.failed_sources == []


# --- concurrency ---------------------------------------------------------------------------------


def test_readers_keep_working_during_a_write_transaction(sqlite_url: str) -> None:
    writer = Store.open(sqlite_url)
    reader = Store.open(sqlite_url)
    writer.ingest(make_docs(5))
    before = reader.figures()
    holding, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with contextlib.suppress(RuntimeError), writer._write() as conn:  # a refresh's transaction
            conn.execute(sa.text("DELETE FROM figure_entities"))
            conn.execute(sa.text("DELETE FROM figures"))
            holding.set()
            release.wait(30)
            raise RuntimeError("rolled back on purpose")

    thread = threading.Thread(target=long_write)
    thread.start()
    assert holding.wait(30)
    try:
        pdt.assert_frame_equal(reader.figures(), before)  # the old data, not blocked
        assert not reader.series_summary().empty
    finally:
        release.set()
        thread.join()
    pdt.assert_frame_equal(reader.figures(), before)
    writer.close()
    reader.close()


def test_refresh_lock_excludes_a_second_refresh(any_url: str) -> None:
    first, second = Store.open(any_url), Store.open(any_url)
    busy = pytest.raises(RefreshLocked, match="another refresh is running")
    with first.refresh_lock(), busy, second.refresh_lock():
        pass
    with second.refresh_lock():  # released
        pass
    first.close()
    second.close()


def test_refresh_lock_is_released_when_its_process_dies(sqlite_url: str) -> None:
    code = (
        "import os, sys\n"
        "from extract.store import Store\n"
        f"s = Store.open({sqlite_url!r})\n"
        "with s.refresh_lock():\n"
        "    print('locked', flush=True)\n"
        "    sys.stdin.readline()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        with Store.open(sqlite_url) as s:
            with pytest.raises(RefreshLocked), s.refresh_lock():
                pass
            proc.kill()
            proc.wait(30)
            with s.refresh_lock():
                pass
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_concurrent_first_opens_of_a_new_sqlite_file(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    code = f"from extract.store import Store\nStore.open({url!r}).ingest([])\n"
    procs = [
        subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE) for _ in range(3)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    with Store.open(url) as s, s.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar() == 1


def test_series_migration_rebuilds_from_stored_figures(any_store: Store) -> None:
    from extract.migrations import downgrade, upgrade

    any_store.ingest(make_docs(8))
    before = any_store.series_summary()
    downgrade(any_store.engine, "0001")
    assert "series" not in sa.inspect(any_store.engine).get_table_names()
    upgrade(any_store.engine)
    assert any_store.check_consistency() == []
    any_store._summary_cache = None
    pdt.assert_frame_equal(any_store.series_summary(), before)


def test_a_store_from_a_newer_version_is_refused_clearly(sqlite_url: str) -> None:
    from extract.store import StoreError

    with Store.open(sqlite_url) as s, s.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match=r"revision 9999.*newer figures"):
        Store.open(sqlite_url)
