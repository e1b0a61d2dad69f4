"""`figures extract`, called for real: typer's CliRunner on the app and the installed script."""

from __future__ import annotations

import datetime as dt
import fcntl
import io
import json
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from extract.cli import build_app
from extract.cli_extract import run_extract
from extract.documents import Document
from extract.export import read_export, to_csv_bytes, to_jsonl_bytes
from extract.pipeline import EXTRACTION_VERSION, extract_document
from extract.readers import read_file
from extract.schema import COLUMNS, normalise_frame, to_frame

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ROOT / "tests" / "data" / "inputs"
SEED = ROOT / "seeds" / "000_ae976960708b5109.txt"
SEED_META = SEED.with_name("000_ae976960708b5109.meta.json")
ARTICLE = INPUTS / "article.html"
JSONL = INPUTS / "articles.jsonl"
REUTERS = INPUTS / "reuters-sample.sgm"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
GOOD_JSONL_IDS = {"kz-cpi-2023-10", "ru-budget-2024", "uz-gold", "no-date"}


def run(*args: str, stdin: str | bytes | None = None):
    result = CliRunner().invoke(build_app(), ["extract", *args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def rows_of(stdout: str) -> list[dict]:
    rows = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    for row in rows:
        assert list(row) == list(COLUMNS)
    return rows


def errors_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def assert_rows_cite_their_documents(rows: list[dict], docs: list[Document]) -> None:
    """Every row's span is the surface in the stored text of its document."""
    by_id = {d.doc_id: d for d in docs}
    for row in rows:
        doc = by_id[row["doc_id"]]
        assert doc.text[row["char_start"] : row["char_end"]] == row["surface"]
        assert row["source"] == doc.source
        assert row["title"] == doc.title


def seed_copy(folder: Path, stem: str = "seed") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, folder / f"{stem}.txt")
    shutil.copy(SEED_META, folder / f"{stem}.meta.json")
    return folder / f"{stem}.txt"


# --- inputs --------------------------------------------------------------------------------------


def test_seed_article_dated_by_its_sidecar() -> None:
    result = run(str(SEED))
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result.stdout)
    assert rows
    assert {r["published"] for r in rows} == {"2023-11-08"}
    assert {r["source"] for r in rows} == {str(SEED)}
    assert_rows_cite_their_documents(rows, [d for d in read_file(SEED)])  # type: ignore[misc]
    assert len({r["figure_id"] for r in rows}) == len(rows)
    for row in rows:
        for col in ("period_start", "period_end"):
            assert row[col] is None or ISO_DATE.fullmatch(row[col])
        assert (row["value_low"] is None) == (row["value_high"] is None)
        assert isinstance(row["value"], float | int)
    assert errors_of(result.stderr) == []


def test_same_input_gives_the_same_rows_every_run() -> None:
    assert run(str(SEED)).stdout == run(str(SEED)).stdout


def test_jsonl_with_bad_lines_reports_them_and_keeps_the_rest() -> None:
    result = run(str(JSONL), "--published", "2020-01-01")
    assert result.exit_code == 1
    errors = errors_of(result.stderr)
    assert len(errors) == 2
    assert errors[0].startswith(f"error: {JSONL}:4: invalid JSON")
    assert (
        errors[1] == f"error: {JSONL}:5: \"published\": not a date: '15/08/2023' (want YYYY-MM-DD)"
    )
    rows = rows_of(result.stdout)
    ids = {r["doc_id"] for r in rows}
    assert ids <= GOOD_JSONL_IDS
    assert len(ids) >= 3
    docs = [d for d in read_file(JSONL, published=dt.date(2020, 1, 1)) if isinstance(d, Document)]
    assert_rows_cite_their_documents(rows, docs)
    published = {r["doc_id"]: r["published"] for r in rows}
    expected = {"kz-cpi-2023-10": "2023-11-01", "ru-budget-2024": "2023-09-22"}
    expected |= {"uz-gold": "2023-08-15", "no-date": "2020-01-01"}
    assert all(published[i] == expected[i] for i in published)


def test_html_page_rows_carry_its_title_and_date_and_no_junk() -> None:
    result = run(str(ARTICLE))
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result.stdout)
    assert rows
    assert {r["title"] for r in rows} == {"Kazakhstan's trade surplus widens to $12.4 billion"}
    assert {r["published"] for r in rows} == {"2023-10-17"}
    docs = [d for d in read_file(ARTICLE) if isinstance(d, Document)]
    assert_rows_cite_their_documents(rows, docs)
    junk = ("Bank Nomad", "gold bars", "Subscribe", "salaries are down", "USD/KZT", "Tenge slides")
    for row in rows:
        assert not any(j in row["sentence"] for j in junk), row["sentence"]
    assert any("52.7 billion" in r["sentence"] for r in rows)


def test_reuters_sgml_stories() -> None:
    result = run(str(REUTERS))
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result.stdout)
    assert {r["doc_id"] for r in rows} <= {"reuters-11", "reuters-22", "reuters-29"}
    assert len({r["doc_id"] for r in rows}) >= 2
    assert {r["published"] for r in rows} == {"1987-02-26"}
    docs = [d for d in read_file(REUTERS) if isinstance(d, Document)]
    assert_rows_cite_their_documents(rows, docs)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary file"),
        ("latin.txt", "Umsatz stieg um 5 % in Zürich".encode("latin-1"), "not valid UTF-8"),
        ("empty.txt", b"", "empty file"),
        ("scan.pdf", b"%PDF-1.7", "unsupported file type '.pdf'"),
    ],
)
def test_bad_file_is_reported_and_the_others_still_processed(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    good = seed_copy(tmp_path / "ok")
    result = run(str(bad), str(good))
    assert result.exit_code == 1
    [error] = errors_of(result.stderr)
    assert error.startswith(f"error: {bad}: ")
    assert reason in error
    rows = rows_of(result.stdout)
    assert rows
    assert {r["source"] for r in rows} == {str(good)}


def test_missing_path_exit_status_1(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "story.txt"
    result = run(str(missing), str(SEED))
    assert result.exit_code == 1
    assert errors_of(result.stderr) == [f"error: {missing}: no such file or folder"]
    assert rows_of(result.stdout)


def test_bad_date_in_a_sidecar(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Exports rose 12% to $4.1 billion last year.", encoding="utf-8")
    (tmp_path / "story.meta.json").write_text('{"published": "last Tuesday"}', encoding="utf-8")
    result = run(str(story))
    assert result.exit_code == 1
    [error] = errors_of(result.stderr)
    assert error.startswith(f"error: {story}: sidecar story.meta.json:")
    assert "'last Tuesday'" in error
    assert result.stdout == ""


def test_folder_is_read_recursively(tmp_path: Path) -> None:
    root = tmp_path / "news"
    seed_copy(root / "2023" / "11")
    shutil.copy(ARTICLE, root / "2023" / "10-article.html")
    shutil.copy(REUTERS, root / "wire.sgm")
    (root / ".drafts").mkdir()
    seed_copy(root / ".drafts", "draft")
    result = run(str(root))
    assert result.exit_code == 0, result.stderr
    sources = {r["source"].split("#")[0] for r in rows_of(result.stdout)}
    assert sources == {
        str(root / "2023" / "11" / "seed.txt"),
        str(root / "2023" / "10-article.html"),
        str(root / "wire.sgm"),
    }


def test_stdin_with_published() -> None:
    text = SEED.read_text(encoding="utf-8")
    result = run("-", "--published", "2023-11-08", stdin=text)
    assert result.exit_code == 0, result.stderr
    rows = rows_of(result.stdout)
    assert rows
    assert {r["source"] for r in rows} == {"<stdin>"}
    assert {r["published"] for r in rows} == {"2023-11-08"}
    assert {r["title"] for r in rows} == {None}
    # Same text, same figures as from the file (only metadata differs).
    from_file = rows_of(run(str(SEED)).stdout)
    assert [r["surface"] for r in rows] == [r["surface"] for r in from_file]


def test_empty_stdin_is_an_error() -> None:
    result = run("-", stdin="")
    assert result.exit_code == 1
    assert errors_of(result.stderr) == ["error: -: standard input is empty"]


# --- outputs -------------------------------------------------------------------------------------


def test_csv_output_reads_back_as_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "figures.csv"
    result = run(str(SEED), str(ARTICLE), "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    plain = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(plain.columns) == list(COLUMNS)
    frame = read_export(out)  # undoes the formula guard on cells like "-3%"
    expected = rows_of(run(str(SEED), str(ARTICLE)).stdout)
    assert len(plain) == len(frame) == len(expected)
    assert list(frame["figure_id"]) == [r["figure_id"] for r in expected]
    assert list(frame["surface"]) == [r["surface"] for r in expected]
    assert list(frame["sentence"]) == [r["sentence"] for r in expected]
    assert list(frame["value"]) == [r["value"] for r in expected]
    assert set(frame["published"]) == {dt.date(2023, 11, 8), dt.date(2023, 10, 17)}


def test_csv_is_what_figures_export_writes(tmp_path: Path) -> None:
    """Streamed per document, the CSV still equals the shared export of the same figures."""
    out = tmp_path / "figures.csv"
    assert run(str(SEED), str(REUTERS), "-f", "csv", "-o", str(out)).exit_code == 0
    docs = [d for d in read_file(SEED) + read_file(REUTERS) if isinstance(d, Document)]
    frame = to_frame(f for d in docs for f in extract_document(d))
    assert out.read_bytes() == to_csv_bytes(frame)


def test_jsonl_is_what_figures_export_writes() -> None:
    result = run(str(SEED), str(REUTERS))
    docs = [d for d in read_file(SEED) + read_file(REUTERS) if isinstance(d, Document)]
    frame = to_frame(f for d in docs for f in extract_document(d))
    assert result.stdout_bytes == to_jsonl_bytes(frame)


def test_csv_to_stdout() -> None:
    result = run(str(SEED), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) > 1


def test_parquet_output_reads_back_as_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "figures.parquet"
    result = run(str(REUTERS), str(SEED), "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    frame = pd.read_parquet(out)
    assert list(frame.columns) == list(COLUMNS)
    frame = normalise_frame(frame)
    expected = rows_of(run(str(REUTERS), str(SEED)).stdout)
    assert list(frame["figure_id"]) == [r["figure_id"] for r in expected]
    assert [d.isoformat() if d else None for d in frame["published"]] == [
        r["published"] for r in expected
    ]
    assert list(frame["char_start"]) == [r["char_start"] for r in expected]
    metadata = pq.read_schema(out).metadata
    assert metadata[b"figures.extraction_version"].decode() == EXTRACTION_VERSION
    assert json.loads(metadata[b"figures.inputs"]) == [str(REUTERS), str(SEED)]


def test_jsonl_output_file(tmp_path: Path) -> None:
    out = tmp_path / "figures.jsonl"
    result = run(str(SEED), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == run(str(SEED)).stdout
    assert f"wrote {out}" in result.stderr


def test_existing_output_is_kept_when_nothing_could_be_read(tmp_path: Path) -> None:
    out = tmp_path / "figures.csv"
    out.write_text("previous results\n", encoding="utf-8")
    result = run(str(tmp_path / "missing.txt"), "-f", "csv", "-o", str(out))
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "previous results\n"
    assert "left unchanged" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["figures.csv"]


# --- usage errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "08/11/2023"], "not a date: '08/11/2023'"),
        (["--published", "2023-02-30"], "not a valid date"),
        (["--format", "xlsx"], "xlsx"),
        (["--format", "parquet"], "-o PATH"),
        (["-o", "/nonexistent-folder/out.jsonl"], "does not exist"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run(str(SEED), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_no_inputs_shows_help() -> None:
    result = run()
    assert result.exit_code in (0, 2)
    assert "INPUT" in result.stdout + result.stderr


def test_help_has_examples() -> None:
    result = CliRunner().invoke(build_app(), ["extract", "--help"], terminal_width=120)
    assert result.exit_code == 0
    text = result.stdout
    for needle in ("--published", "--format", "--output", "Examples", "figures extract news/"):
        assert needle in text
    for suffix in (".txt", ".md", ".html", ".jsonl", ".sgm", "meta.json"):
        assert suffix in text


# --- the installed console script ----------------------------------------------------------------


def figures_script() -> str:
    beside = Path(sys.executable).with_name("figures")
    found = str(beside) if beside.exists() else shutil.which("figures")
    if found is None:
        pytest.fail("the `figures` console script is not installed (pip install -e .)")
    return found


def test_console_script_end_to_end(tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    proc = subprocess.run(
        [figures_script(), "extract", str(SEED), str(missing), "-", "--published", "2024-03-01"],
        input=b"Unemployment fell to 4.1% in February from 4.4% in January.\n",
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    stderr = proc.stderr.decode()
    assert f"error: {missing}: no such file or folder" in stderr
    assert "Traceback" not in stderr
    rows = rows_of(proc.stdout.decode("utf-8"))
    sources = {r["source"] for r in rows}
    assert str(SEED) in sources
    assert {r["published"] for r in rows if r["source"] == str(SEED)} == {"2023-11-08"}
    assert {r["published"] for r in rows if r["source"] == "<stdin>"} <= {"2024-03-01"}


def test_console_script_streams_rows_before_all_inputs_are_read(tmp_path: Path) -> None:
    """The first document's rows arrive while standard input (the next input) is still open."""
    proc = subprocess.Popen(
        [figures_script(), "extract", str(SEED), "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first: list[bytes] = []
    reader = threading.Thread(target=lambda: first.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=240)  # a guard against a hang, not a speed check
    try:
        assert first and first[0], "no row was written before standard input closed"
        row = json.loads(first[0])
        assert row["source"] == str(SEED)
    finally:
        proc.stdin.write(b"Wages rose 6%.\n")
        proc.stdin.close()
        proc.wait(timeout=240)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == 0


def test_console_script_survives_a_closed_pipe(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for i in range(30):
        seed_copy(folder, f"copy{i:02d}")
    proc = subprocess.Popen(
        [figures_script(), "extract", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    line = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=300)
    proc.stderr.close()
    assert json.loads(line)["doc_id"]
    assert "Traceback" not in stderr
    assert proc.returncode == 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_console_script_reports_a_full_disk() -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [figures_script(), "extract", str(SEED)],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=300,
            check=False,
        )
    stderr = proc.stderr.decode()
    assert proc.returncode == 1
    assert "error: standard output: cannot write (No space left on device)" in stderr
    assert "Traceback" not in stderr


# --- progress bar --------------------------------------------------------------------------------


def _terminal() -> tuple[int, io.TextIOWrapper]:
    """A real pseudo-terminal 100 columns wide: the reading end and a text file on the other."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    return master, io.TextIOWrapper(os.fdopen(slave, "wb"), encoding="utf-8", write_through=True)


def _drain(master: int) -> str:
    chunks = []
    while select.select([master], [], [], 0)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", errors="replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("on_terminal", [True, False])
def test_progress_bar_only_on_a_terminal(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    on_terminal: bool,
) -> None:
    folder = tmp_path / "many"
    for i in range(5):
        seed_copy(folder, f"copy{i}")
    master, terminal = _terminal()
    err = terminal if on_terminal else io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    try:
        status = run_extract([str(folder)], output=tmp_path / "out.jsonl", progress_delay=0)
        shown = _drain(master) if on_terminal else err.getvalue()
    finally:
        terminal.close()
        os.close(master)
    assert status == 0
    assert ("doc [" in shown) is on_terminal  # tqdm's bar: "3doc [00:00, 9.1doc/s]"
    assert "figures from 5 documents" in shown
