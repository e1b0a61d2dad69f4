"""Exports of the tidy figure frame: CSV (Excel-friendly, injection-safe), Parquet, JSON lines.

`figures export` and the dashboard's download both call `to_csv_bytes`, so the CSV a user
downloads equals what the command writes for the same view.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.schema import COLUMNS, DATE_COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, frame_records

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "parquet", "jsonl")
SEPARATORS = (",", ";", "\t", "|")
DECIMALS = (".", ",")
# OWASP CSV injection: a spreadsheet treats cells starting with these as formulas.
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"
_TEXT_COLUMNS = tuple(
    c for c in COLUMNS if c not in FLOAT_COLUMNS and c not in INT_COLUMNS and c not in DATE_COLUMNS
)


class ExportError(ValueError):
    """An export that cannot be written as asked, with the reason."""


def neutralise_cell(text: str) -> str:
    """Prefix a quote to a cell a spreadsheet would run as a formula; cells already starting
    with a quote get one more, so `restore_cell` can undo it exactly."""
    if text.startswith(_TRIGGERS) or text.startswith(_QUOTE):
        return _QUOTE + text
    return text


def restore_cell(text: str) -> str:
    """The inverse of `neutralise_cell`, for reading an export back."""
    if text.startswith(_QUOTE) and text[1:].startswith((*_TRIGGERS, _QUOTE)):
        return text[1:]
    return text


def check_csv_options(sep: str, decimal: str) -> None:
    if sep not in SEPARATORS:
        raise ExportError(f"separator {sep!r} is not one of {', '.join(map(repr, SEPARATORS))}")
    if decimal not in DECIMALS:
        raise ExportError(f"decimal mark {decimal!r} is not '.' or ','")
    if sep == decimal:
        raise ExportError("a decimal comma needs another separator: use sep=';' with decimal=','")


def to_csv_bytes(
    frame: pd.DataFrame, *, bom: bool = False, sep: str = ",", decimal: str = "."
) -> bytes:
    """The figure frame as CSV: schema columns in order, ISO dates, UTF-8 (optionally with a
    BOM so Excel detects it), CRLF line ends as RFC 4180 says, formulas neutralised."""
    from extract.schema import normalise_frame

    check_csv_options(sep, decimal)
    out = normalise_frame(frame)
    for col in _TEXT_COLUMNS:
        out[col] = [None if v is None else neutralise_cell(v) for v in out[col]]
    for col in DATE_COLUMNS:
        out[col] = [None if v is None else v.isoformat() for v in out[col]]
    for col in FLOAT_COLUMNS:
        out[col] = [_number(v, decimal) for v in out[col]]
    buffer = io.StringIO()
    out.to_csv(buffer, sep=sep, index=False, lineterminator="\r\n")
    data = buffer.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def _number(value: float, decimal: str) -> str | None:
    """Shortest text that reads back to the same float; no exponent for ordinary magnitudes."""
    if value != value:  # NaN
        return None
    if value.is_integer() and abs(value) < 1e16:
        text = str(int(value))
    else:
        text = repr(value)
        if "e" in text and 1e-6 <= abs(value) < 1e16:
            text = format(value, "f").rstrip("0").rstrip(".")
            if float(text) != value:
                text = repr(value)
    return text.replace(".", decimal) if decimal != "." else text


def to_jsonl_bytes(frame: pd.DataFrame) -> bytes:
    from extract.schema import normalise_frame

    lines = (json.dumps(row, ensure_ascii=False) for row in frame_records(normalise_frame(frame)))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def to_parquet_bytes(frame: pd.DataFrame, *, metadata: dict[str, str] | None = None) -> bytes:
    """Typed columns: strings, float64, int64 and date32 for dates (null when unknown)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from extract.schema import normalise_frame

    out = normalise_frame(frame)
    fields = []
    for col in COLUMNS:
        if col in FLOAT_COLUMNS:
            kind = pa.float64()
        elif col in INT_COLUMNS:
            kind = pa.int64()
        elif col in DATE_COLUMNS:
            kind = pa.date32()
        else:
            kind = pa.string()
        fields.append(pa.field(col, kind, nullable=True))
    schema = pa.schema(
        fields, metadata={k.encode(): v.encode() for k, v in (metadata or {}).items()}
    )
    table = pa.Table.from_pydict({col: list(out[col]) for col in COLUMNS}, schema=schema)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def format_for(path: str | Path, format: str | None) -> str:
    """The format asked for, else the one the file name says."""
    if format:
        fmt = format.lower()
    else:
        suffix = Path(str(path)).suffix.lower().lstrip(".")
        fmt = {"pq": "parquet", "json": "jsonl", "ndjson": "jsonl"}.get(suffix, suffix)
        if fmt not in FORMATS:
            raise ExportError(
                f"{path}: cannot tell the format from the name; give --format "
                f"({', '.join(FORMATS)})"
            )
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {format!r} (use {', '.join(FORMATS)})")
    return fmt


def export_bytes(
    frame: pd.DataFrame,
    *,
    format: str,
    bom: bool = False,
    sep: str = ",",
    decimal: str = ".",
    metadata: dict[str, str] | None = None,
) -> bytes:
    if format == "csv":
        return to_csv_bytes(frame, bom=bom, sep=sep, decimal=decimal)
    if format == "jsonl":
        return to_jsonl_bytes(frame)
    if format == "parquet":
        return to_parquet_bytes(frame, metadata=metadata)
    raise ExportError(f"unknown format {format!r} (use {', '.join(FORMATS)})")


def write_export(
    frame: pd.DataFrame,
    path: str | Path,
    *,
    format: str | None = None,
    bom: bool = False,
    sep: str = ",",
    decimal: str = ".",
    metadata: dict[str, str] | None = None,
) -> None:
    """Write atomically: a failed export never leaves a half-written file in place of the old."""
    fmt = format_for(path, format)
    data = export_bytes(frame, format=fmt, bom=bom, sep=sep, decimal=decimal, metadata=metadata)
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from exc


def read_export(
    path: str | Path, *, format: str | None = None, sep: str = ",", decimal: str = "."
) -> pd.DataFrame:
    """Read an export back into the tidy frame (CSV cells un-neutralised)."""
    import pandas as pd

    from extract.schema import normalise_frame

    fmt = format_for(path, format)
    if fmt == "parquet":
        return normalise_frame(pd.read_parquet(path))
    if fmt == "jsonl":
        with open(path, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        return normalise_frame(pd.DataFrame.from_records(rows, columns=list(COLUMNS)))
    frame = pd.read_csv(
        path,
        sep=sep,
        decimal=decimal,
        dtype={c: str for c in (*_TEXT_COLUMNS, *DATE_COLUMNS)},
        keep_default_na=False,
        na_values={c: [""] for c in (*FLOAT_COLUMNS, *DATE_COLUMNS)},
        encoding="utf-8-sig",
    )
    for col in _TEXT_COLUMNS:
        frame[col] = [restore_cell(v) if isinstance(v, str) else v for v in frame[col]]
    frame["title"] = [v if isinstance(v, str) and v else None for v in frame["title"]]
    return normalise_frame(frame)


def export_metadata(filters: dict[str, Any]) -> dict[str, str]:
    """Provenance written into Parquet files: what was asked and by which extractor."""
    from extract.pipeline import EXTRACTION_VERSION
    from extract.store import utcnow

    return {
        "figures.exported_at": utcnow().isoformat(timespec="seconds") + "Z",
        "figures.extraction_version": EXTRACTION_VERSION,
        "figures.filters": json.dumps({k: v for k, v in filters.items() if v is not None}),
    }
