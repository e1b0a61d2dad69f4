"""Exports: exact CSV bytes, injection safety, Excel options, and round trips through the store."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract.cli import build_app
from extract.documents import Document
from extract.export import (
    ExportError,
    neutralise_cell,
    read_export,
    restore_cell,
    to_csv_bytes,
    write_export,
)
from extract.schema import COLUMNS, Figure, to_frame
from extract.store import Store


def figure(**changes: object) -> Figure:
    base = {
        "figure_id": "f1",
        "doc_id": "d1",
        "source": "news/a.txt",
        "title": 'Trade, "record" year',
        "published": dt.date(2023, 11, 8),
        "sentence": "Turnover rose by 10.2% to a record $28.2 billion.",
        "char_start": 29,
        "char_end": 42,
        "surface": "$28.2 billion",
        "value": 28.2e9,
        "value_low": None,
        "value_high": None,
        "unit": "USD",
        "unit_kind": "currency",
        "qualifier": "exact",
        "kind": "level",
        "modality": "actual",
        "period_start": dt.date(2022, 1, 1),
        "period_end": dt.date(2022, 12, 31),
        "period_label": "last year",
        "period_basis": "relative",
        "measure": "turnover",
        "entities": "Russia;Kazakhstan",
        "series_key": "turnover|Kazakhstan;Russia|USD|level",
    }
    base.update(changes)
    return Figure(**base)  # type: ignore[arg-type]


SMALL = to_frame(
    [
        figure(),
        figure(
            figure_id="f2",
            title=None,
            published=None,
            sentence='=HYPERLINK("http://evil") fell -3.5%',
            surface="-3.5%",
            char_start=0,
            char_end=5,
            value=-3.5,
            value_low=-4.25,
            value_high=-2.75,
            unit="%",
            unit_kind="percent",
            kind="change",
            period_start=None,
            period_end=None,
            period_label="",
            period_basis="unknown",
            measure="@cmd",
            entities="",
            series_key="+x",
        ),
    ]
)

EXPECTED_CSV = (
    ",".join(COLUMNS) + "\r\n"
    'f1,d1,news/a.txt,"Trade, ""record"" year",2023-11-08,'
    "Turnover rose by 10.2% to a record $28.2 billion.,29,42,$28.2 billion,28200000000,,,"
    "USD,currency,exact,level,actual,2022-01-01,2022-12-31,last year,relative,turnover,"
    "Russia;Kazakhstan,turnover|Kazakhstan;Russia|USD|level\r\n"
    'f2,d1,news/a.txt,,,"\'=HYPERLINK(""http://evil"") fell -3.5%",0,5,\'-3.5%,-3.5,-4.25,-2.75,'
    "%,percent,exact,change,actual,,,,unknown,'@cmd,,'+x\r\n"
)


def test_exact_csv_bytes() -> None:
    assert to_csv_bytes(SMALL).decode("utf-8") == EXPECTED_CSV


def test_bom_and_excel_european_options() -> None:
    data = to_csv_bytes(SMALL, bom=True, sep=";", decimal=",")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0] == ";".join(COLUMNS)
    assert ";-3,5;-4,25;-2,75;" in lines[2]
    assert ";28200000000;" in lines[1]
    assert "10.2%" in lines[1]  # text keeps its own decimal point
    assert "2023-11-08" in lines[1]  # ISO dates whatever the locale


@pytest.mark.parametrize(("sep", "decimal"), [(",", ","), ("x", "."), (";", "·")])
def test_bad_csv_options(sep: str, decimal: str) -> None:
    with pytest.raises(ExportError):
        to_csv_bytes(SMALL, sep=sep, decimal=decimal)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_injection_trigger_is_neutralised(start: str) -> None:
    frame = to_frame([figure(measure=f"{start}SUM(A1:A9)", title=f"{start}cmd|' /C calc'!A0")])
    for cell in (f"{start}SUM(A1:A9)", f"{start}cmd|' /C calc'!A0"):
        assert neutralise_cell(cell) == "'" + cell
    data = to_csv_bytes(frame).decode("utf-8")
    for field in pd.read_csv(pd.io.common.StringIO(data), dtype=str, keep_default_na=False).iloc[0]:
        assert not field.startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.text())
def test_neutralise_round_trips(text: str) -> None:
    safe = neutralise_cell(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore_cell(safe) == text


cells = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)


@settings(max_examples=40, deadline=None)
@given(
    sentence=cells,
    measure=cells,
    title=st.none() | cells.filter(bool),
    value=st.floats(allow_nan=False, allow_infinity=False),
    sep_decimal=st.sampled_from([(",", "."), (";", ","), ("\t", "."), ("|", ",")]),
)
def test_csv_round_trip_property(
    tmp_path_factory: pytest.TempPathFactory,
    sentence: str,
    measure: str,
    title: str | None,
    value: float,
    sep_decimal: tuple[str, str],
) -> None:
    sep, decimal = sep_decimal
    frame = to_frame([figure(sentence=sentence, measure=measure, title=title, value=value)])
    path = tmp_path_factory.mktemp("csv") / "x.csv"
    write_export(frame, path, bom=True, sep=sep, decimal=decimal)
    pdt.assert_frame_equal(read_export(path, sep=sep, decimal=decimal), frame)


# --- through the store ---------------------------------------------------------------------------


@pytest.fixture
def stored(store: Store) -> Store:
    texts = [
        "Mutual trade turnover last year increased by 10.2% to a record $28.2 billion.",
        "The trade deficit narrowed to 1.91 billion dlrs in October from 5.64 billion.",
        "Russia's investments in Kazakhstan amount to about $17 billion, – officials said.",
        "Inflation slowed to 8.4% in February; exports rose 3.5 pct to 12.25 billion dlrs.",
    ]
    docs = [
        Document.make(t, doc_id=f"d{i}", source=f"s/{i}", title=f"Ünïcode «{i}»", published=p)
        for i, (t, p) in enumerate(
            zip(texts, ["2023-11-08", None, "1987-03-02", "2024-02-29"], strict=True)
        )
    ]
    store.ingest(docs)
    assert len(store.figures()) > 0
    return store


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("out.csv", {}),
        ("out.csv", {"bom": True, "sep": ";", "decimal": ","}),
        ("out.parquet", {}),
        ("out.jsonl", {}),
    ],
)
def test_round_trip_equals_the_store(
    stored: Store, tmp_path: Path, name: str, options: dict
) -> None:
    frame = stored.figures()
    path = tmp_path / name
    write_export(frame, path, **options)
    read_options = {k: v for k, v in options.items() if k != "bom"}
    pdt.assert_frame_equal(read_export(path, **read_options), frame)


def test_plain_pandas_reads_the_csv(stored: Store, tmp_path: Path) -> None:
    frame = stored.figures()
    path = tmp_path / "x.csv"
    write_export(frame, path, bom=True)
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype={"doc_id": str})
    assert list(back.columns) == list(COLUMNS)
    assert back.value.tolist() == frame.value.tolist()
    assert back.figure_id.tolist() == frame.figure_id.tolist()
    assert back.title.tolist() == frame.title.tolist()  # UTF-8 survives


def test_parquet_is_typed(stored: Store, tmp_path: Path) -> None:
    path = tmp_path / "x.parquet"
    write_export(stored.figures(), path, metadata={"figures.filters": "{}"})
    schema = pq.read_schema(path)
    assert str(schema.field("published").type) == "date32[day]"
    assert str(schema.field("value").type) == "double"
    assert str(schema.field("char_start").type) == "int64"
    assert schema.metadata[b"figures.filters"] == b"{}"


def test_cli_export_matches_store_filters(stored: Store, tmp_path: Path) -> None:
    app, runner = build_app(), CliRunner()
    frame = stored.figures()
    key = frame.series_key.iloc[0]
    out = tmp_path / "series.csv"
    args = ["export", "--db", stored.url, "--series", key, "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == to_csv_bytes(stored.figures(series_key=key))

    out = tmp_path / "eu.csv"
    since = ["--since", "2000-01-01", "--excel-eu", "-o", str(out)]
    result = runner.invoke(app, ["export", "--db", stored.url, *since])
    assert result.exit_code == 0, result.output
    expected = stored.figures(since=dt.date(2000, 1, 1))
    assert out.read_bytes() == to_csv_bytes(expected, bom=True, sep=";", decimal=",")

    result = runner.invoke(app, ["export", "--db", stored.url, "--format", "jsonl", "-o", "-"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["figure_id"] for r in rows] == frame.figure_id.tolist()

    out = tmp_path / "all.parquet"
    assert runner.invoke(app, ["export", "--db", stored.url, "-o", str(out)]).exit_code == 0
    pdt.assert_frame_equal(read_export(out), frame)


def test_cli_export_errors_keep_existing_files(stored: Store, tmp_path: Path) -> None:
    app, runner = build_app(), CliRunner()
    out = tmp_path / "keep.csv"
    out.write_text("precious")
    for args, message in [
        (["--since", "yesterday"], "not a date 'yesterday'"),
        (["--sep", ",", "--decimal", ","], "decimal comma needs another separator"),
        (["--format", "xlsx"], "unknown format 'xlsx'"),
    ]:
        result = runner.invoke(app, ["export", "--db", stored.url, "-o", str(out), *args])
        assert result.exit_code == 2 and message in result.output
        assert out.read_text() == "precious"
    result = runner.invoke(app, ["export", "--db", stored.url, "-o", str(tmp_path / "x.bin")])
    assert result.exit_code == 2 and "cannot tell the format" in result.output
    missing = tmp_path / "no" / "x.csv"
    result = runner.invoke(app, ["export", "--db", stored.url, "-o", str(missing)])
    assert result.exit_code == 2 and "does not exist" in result.output
