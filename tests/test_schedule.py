"""`figures schedule`: interval parsing, runs recorded in a real store, the lock respected."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from extract.refresh import run_refresh
from extract.schedule import parse_every, run_schedule, scheduled_refresh
from extract.store import Store


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("30m", 1800), ("6h", 21600), ("1d", 86400), ("1h30m", 5400), ("2w", 1209600),
     ("45", 45), (" 1.5h ", 5400)],
)  # fmt: skip
def test_parse_every(text: str, seconds: int) -> None:
    assert parse_every(text) == dt.timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "soon", "6x", "h", "0s", "1h 2", "-5m"])
def test_parse_every_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="interval"):
        parse_every(text)


def folder_config(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Exports rose 4.5% to 12 billion dlrs in March.")
    config = tmp_path / "sources.toml"
    config.write_text(f'[sources.news]\nkind = "folder"\npath = "{folder}"\n')
    return config


def test_schedule_runs_refresh_and_logs_each_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = folder_config(tmp_path)
    db = f"sqlite:///{tmp_path / 'f.db'}"
    job = scheduled_refresh(lambda: run_refresh(db, config))
    with caplog.at_level(logging.INFO, logger="figures"):
        runs = run_schedule(job, every=dt.timedelta(seconds=1), max_runs=2)
    assert runs == 2
    with Store.open(db) as store:
        assert list(store.runs().status) == ["ok", "ok"]
        assert store.counts()[0] == 1
    totals = [r.getMessage() for r in caplog.records if r.getMessage().startswith("total:")]
    assert len(totals) == 2 and "1 new" in totals[0] and "1 unchanged" in totals[1]


def test_a_locked_store_skips_the_run(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = folder_config(tmp_path)
    db = f"sqlite:///{tmp_path / 'f.db'}"
    job = scheduled_refresh(lambda: run_refresh(db, config))
    with Store.open(db) as store, store.refresh_lock(), caplog.at_level(logging.INFO):
        assert run_schedule(job, every=dt.timedelta(seconds=1), max_runs=1) == 1
        assert store.runs().empty
    assert any(
        "refresh skipped: another refresh is running" in r.getMessage() for r in caplog.records
    )


def test_a_failing_run_does_not_stop_the_schedule(caplog: pytest.LogCaptureFixture) -> None:
    calls = []

    def job() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("feed exploded")

    with caplog.at_level(logging.ERROR):
        assert run_schedule(job, every=dt.timedelta(seconds=1), max_runs=2) == 2
    assert len(calls) == 2
    assert any("feed exploded" in r.getMessage() for r in caplog.records)


def test_cli_schedule_in_a_subprocess(tmp_path: Path) -> None:
    config = folder_config(tmp_path)
    db = f"sqlite:///{tmp_path / 'f.db'}"
    args = ["schedule", "--every", "1s", "--max-runs", "2", "--db", db, "--config", str(config)]
    done = subprocess.run(
        [sys.executable, "-m", "extract.cli", *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "refreshing every 0:00:01" in done.stderr
    assert done.stderr.count("total: documents") == 2
    assert "schedule stopped after 2 run(s)" in done.stderr
    with Store.open(db) as store:
        assert len(store.runs()) == 2
    bad = subprocess.run(
        [sys.executable, "-m", "extract.cli", "schedule", "--every", "often"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "cannot read the interval 'often'" in bad.stderr
