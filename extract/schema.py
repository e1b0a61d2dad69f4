"""The figure record: one frozen dataclass and the tidy frame built from it.

The column names, order and meanings are the contract in docs/figures.md; every output (frame,
JSON lines, CSV, Parquet, database, dashboard) goes through `COLUMNS` and the converters here so
they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

import pandas as pd

UNIT_KINDS = frozenset(
    {
        "currency",
        "percent",
        "percentage_point",
        "basis_point",
        "mass",
        "volume",
        "energy",
        "power",
        "length",
        "area",
        "time",
        "count",
        "index_point",
        "other",
    }
)
QUALIFIERS = frozenset(
    {"exact", "approx", "more_than", "at_least", "less_than", "at_most", "up_to"}
)
KINDS = frozenset({"level", "change"})
MODALITIES = frozenset({"actual", "projected"})
PERIOD_BASES = frozenset({"explicit", "relative", "publication", "unknown"})

DATE_COLUMNS = ("published", "period_start", "period_end")
FLOAT_COLUMNS = ("value", "value_low", "value_high")
INT_COLUMNS = ("char_start", "char_end")


def figure_id_for(doc_id: str, text_sha: str, char_start: int, char_end: int) -> str:
    """Same document text and span give the same id on every run and every machine."""
    key = f"{doc_id}\x1f{text_sha}\x1f{char_start}\x1f{char_end}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Figure:
    """One economic figure with its citation (see docs/figures.md for each field)."""

    figure_id: str
    doc_id: str
    source: str
    title: str | None
    published: dt.date | None
    sentence: str
    char_start: int
    char_end: int
    surface: str
    value: float
    value_low: float | None
    value_high: float | None
    unit: str
    unit_kind: str
    qualifier: str
    kind: str
    modality: str
    period_start: dt.date | None
    period_end: dt.date | None
    period_label: str
    period_basis: str
    measure: str
    entities: str
    series_key: str

    def __post_init__(self) -> None:
        if self.unit_kind not in UNIT_KINDS:
            raise ValueError(f"unknown unit_kind {self.unit_kind!r} for {self.surface!r}")
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r} for {self.surface!r}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} for {self.surface!r}")
        if self.modality not in MODALITIES:
            raise ValueError(f"unknown modality {self.modality!r} for {self.surface!r}")
        if self.period_basis not in PERIOD_BASES:
            raise ValueError(f"unknown period_basis {self.period_basis!r} for {self.surface!r}")
        if not 0 <= self.char_start < self.char_end:
            raise ValueError(f"bad span {self.char_start}..{self.char_end} for {self.surface!r}")
        if (self.value_low is None) != (self.value_high is None):
            raise ValueError(f"a range needs both bounds: {self.surface!r}")

    def to_row(self) -> dict[str, Any]:
        return asdict(self)

    def to_json_row(self) -> dict[str, Any]:
        """Plain JSON types: ISO dates, None for missing numbers."""
        return {name: _json_value(value) for name, value in self.to_row().items()}


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Figure))


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def empty_frame() -> pd.DataFrame:
    return to_frame([])


def to_frame(figures: Iterable[Figure]) -> pd.DataFrame:
    """The tidy frame: exactly `COLUMNS`, dates as datetime.date (None when unknown)."""
    rows = [f.to_row() for f in figures]
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    return normalise_frame(frame)


def normalise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Coerce a frame holding the schema (read back from CSV, Parquet, SQL) to its dtypes."""
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"not a figure frame: missing columns {', '.join(missing)}")
    out = frame.loc[:, list(COLUMNS)].copy()
    for col in FLOAT_COLUMNS:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in INT_COLUMNS:
        out[col] = pd.to_numeric(out[col]).astype("int64")
    for col in DATE_COLUMNS:
        out[col] = date_column(out[col])
    for col in COLUMNS:
        if col in FLOAT_COLUMNS or col in INT_COLUMNS or col in DATE_COLUMNS:
            continue
        series = out[col].astype(object)
        if col == "title":
            out[col] = pd.Series(
                [_text_or_none(v) for v in series.tolist()], index=out.index, dtype=object
            )
        else:
            out[col] = series.where(series.notna(), "").map(str).astype(object)
    return out.reset_index(drop=True)


def date_column(series: pd.Series) -> pd.Series:
    """Dates as datetime.date or None, converting values by kind once rather than one by one
    (a 100,000-row frame read back from a store or CSV would otherwise take seconds)."""
    if pd.api.types.is_datetime64_any_dtype(series):
        dates = series.dt.date.astype(object)
        return dates.where(series.notna(), None)
    cache: dict[Any, dt.date | None] = {}
    values = []
    for v in series.tolist():
        try:
            values.append(cache[v])
        except KeyError:
            cache[v] = as_date(v)
            values.append(cache[v])
        except TypeError:  # unhashable
            values.append(as_date(v))
    return pd.Series(values, index=series.index, dtype=object)


def _text_or_none(value: Any) -> str | None:
    return None if _missing(value) else str(value)


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready rows of a figure frame, in column order."""
    return [
        {col: _json_value(_none_if_missing(row[col])) for col in COLUMNS}
        for row in frame.to_dict(orient="records")
    ]


def figures_from_frame(frame: pd.DataFrame) -> list[Figure]:
    out = []
    for row in normalise_frame(frame).to_dict(orient="records"):
        for col in ("value_low", "value_high"):
            row[col] = _none_if_missing(row[col])
        out.append(Figure(**row))
    return out


def as_date(value: Any) -> dt.date | None:
    """Accept date, datetime, Timestamp, ISO string or missing; anything else is an error."""
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError as exc:
            raise ValueError(f"not a date (want YYYY-MM-DD): {value!r}") from exc
    raise ValueError(f"not a date (want YYYY-MM-DD): {value!r}")


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is pd.NaT or (not isinstance(value, str | dt.date) and bool(pd.isna(value)))


def _none_if_missing(value: Any) -> Any:
    return None if _missing(value) else value
