"""PostgreSQL specifics, against the real server named by FIGURES_TEST_PG_URL (CI sets it):
concurrent first opens, the advisory refresh lock across processes, a killed refresh, and
SQLite and PostgreSQL giving the same store and the same export."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pandas.testing as pdt
import pytest
import sqlalchemy as sa
from test_kill import assert_whole, kill_midway, reference, write_batch
from typer.testing import CliRunner

from extract.cli import build_app
from extract.export import to_csv_bytes
from extract.schema import normalise_frame
from extract.store import Store

pytestmark = pytest.mark.postgres


def folder_config(tmp_path: Path, docs: int = 120) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(0, docs, 60):
        write_batch(folder, f"part-{i}.jsonl", i, min(60, docs - i))
    config = tmp_path / "sources.toml"
    config.write_text(f'[sources.news]\nkind = "folder"\npath = "{folder}"\n')
    return config


def test_concurrent_first_opens_migrate_once(pg_url: str) -> None:
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Store.open(pg_url).close()
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store.open(pg_url) as store, store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar() == 1


def test_postgres_and_sqlite_hold_the_same(pg_url: str, tmp_path: Path) -> None:
    config = folder_config(tmp_path)
    lite = f"sqlite:///{tmp_path / 'f.db'}"
    app, runner = build_app(), CliRunner()
    for db in (pg_url, lite):
        result = runner.invoke(app, ["refresh", "--db", db, "--config", str(config)])
        assert result.exit_code == 0, result.output
    with Store.open(pg_url) as pg, Store.open(lite) as sq:
        pdt.assert_frame_equal(pg.figures(), sq.figures())
        pdt.assert_frame_equal(pg.series_summary(), sq.series_summary())
        pdt.assert_frame_equal(
            pg.documents().drop(columns="fetched_at"), sq.documents().drop(columns="fetched_at")
        )
        key = sq.figures().series_key.iloc[0]
        assert to_csv_bytes(pg.figures(series_key=key)) == to_csv_bytes(sq.figures(series_key=key))
        search = sq.figures(search="DEFICIT")
        pdt.assert_frame_equal(pg.figures(search="DEFICIT"), search)
        assert not search.empty
    out_pg, out_lite = tmp_path / "pg.csv", tmp_path / "lite.csv"
    runner.invoke(app, ["export", "--db", pg_url, "-o", str(out_pg)])
    runner.invoke(app, ["export", "--db", lite, "-o", str(out_lite)])
    assert out_pg.read_bytes() == out_lite.read_bytes()


def test_advisory_lock_across_processes(pg_url: str, tmp_path: Path) -> None:
    config = folder_config(tmp_path, docs=10)
    code = (
        "import sys\n"
        "from extract.store import Store\n"
        f"s = Store.open({pg_url!r})\n"
        "with s.refresh_lock():\n"
        "    print('locked', flush=True)\n"
        "    sys.stdin.readline()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        refresh = [sys.executable, "-m", "extract.cli", "refresh", "--db", pg_url]
        busy = subprocess.run(
            [*refresh, "--config", str(config)], capture_output=True, text=True, timeout=120
        )
        assert busy.returncode == 75 and "another refresh is running" in busy.stderr
        holder.kill()  # the server drops the session lock with the connection
        holder.wait(30)
        done = subprocess.run(
            [*refresh, "--config", str(config)], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_killed_refresh_on_postgres(pg_url: str, tmp_path: Path) -> None:
    config = folder_config(tmp_path, docs=360)
    kill_midway(pg_url, config, after=60, batch_size=10)
    with Store.open(pg_url) as store:
        assert_whole(store)
        assert 0 < store.counts()[0] < 360
    done = subprocess.run(
        [sys.executable, "-m", "extract.cli", "refresh", "--db", pg_url, "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    ids, expected = reference(tmp_path / "news")
    with Store.open(pg_url) as store:
        assert_whole(store)
        assert set(store.documents().doc_id) == ids
        pdt.assert_frame_equal(normalise_frame(store.figures().sort_values("figure_id")), expected)


def test_readers_see_committed_data_during_a_write(pg_url: str) -> None:
    from test_store import make_docs

    with Store.open(pg_url) as writer, Store.open(pg_url) as reader:
        writer.ingest(make_docs(4))
        before = reader.figures()
        with writer._write() as conn:
            conn.execute(sa.text("DELETE FROM figure_entities"))
            conn.execute(sa.text("DELETE FROM figures"))
            pdt.assert_frame_equal(reader.figures(), before)
            conn.rollback()
        pdt.assert_frame_equal(reader.figures(), before)
