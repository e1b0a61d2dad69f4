"""Scoring extracted figures against hand-annotated gold sets, as the CQE paper scores NewsQuant.

A gold set is a pair of files, `<name>.documents.jsonl` (the source texts) and `<name>.figures.csv`
(one row per figure, see docs/evaluation.md). A prediction matches a gold figure when their values
agree (`np.isclose`, rtol 1e-5; ranges as (low, high) pairs), inside the same document, each gold
figure and each prediction used at most once, preferring a prediction whose span overlaps the gold
surface. Every field is scored on the matched pairs only, so precision = correct / predicted and
recall = correct / gold for each of them, exactly as CQE reports value, value+unit and value+change.

Values are matched on magnitude: a sign error ("fell 3%" read as +3) is a kind/sign error, scored in
`value+kind/qualifier`, not a missed figure, as CQE keeps direction in its separate "change" field.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from extract.context import build_context
from extract.documents import Document
from extract.schema import (
    KINDS,
    MODALITIES,
    PERIOD_BASES,
    QUALIFIERS,
    UNIT_KINDS,
    Figure,
    as_date,
    figure_id_for,
    text_sha,
    to_frame,
)

GOLD_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "surface",
    "occurrence",
    "value",
    "value_low",
    "value_high",
    "unit",
    "unit_kind",
    "qualifier",
    "kind",
    "modality",
    "period_start",
    "period_end",
    "period_label",
    "period_basis",
    "measure",
    "measure_keyword",
    "entities",
    "sentence_snippet",
    "note",
)
DOCUMENT_KEYS: tuple[str, ...] = ("id", "text", "title", "url", "published", "corpus", "topics")
FIGURES_SUFFIX = ".figures.csv"
DOCUMENTS_SUFFIX = ".documents.jsonl"

FIELDS: tuple[str, ...] = (
    "value",
    "value+unit",
    "value+kind/qualifier",
    "period",
    "measure",
    "entities",
)
SYSTEMS: tuple[str, ...] = ("figures", "quantulum3")
RTOL, ATOL = 1e-5, 1e-8  # as CQE_Evaluation's values_match

# quantulum3 unit names -> (our unit, factor to base units). Currencies with an ISO code are
# taken from quantulum's own `currency_code`; everything else keeps its quantulum name.
QUANTULUM_UNITS: dict[str, tuple[str, float]] = {
    "percentage": ("%", 1.0),
    "dimensionless": ("", 1.0),
    "percentage point": ("pp", 1.0),
    "basis point": ("bp", 1.0),
    "cent": ("USD", 0.01),
    "penny": ("GBP", 0.01),
    "dollar": ("USD", 1.0),
    "united states dollar": ("USD", 1.0),
    "pound sterling": ("GBP", 1.0),
    "tonne": ("t", 1.0),
    "metric ton": ("t", 1.0),
    "kilogram": ("kg", 1.0),
    "gram": ("g", 1.0),
    "barrel": ("bbl", 1.0),
    "barrel per day": ("bbl/d", 1.0),
    "kilowatt hour": ("kWh", 1.0),
    "megawatt hour": ("MWh", 1.0),
    "kilowatt": ("kW", 1.0),
    "megawatt": ("MW", 1.0),
    "gigawatt": ("GW", 1.0),
    "cubic metre": ("m3", 1.0),
    "litre": ("l", 1.0),
    "kilometre": ("km", 1.0),
    "metre": ("m", 1.0),
    "square kilometre": ("km2", 1.0),
    "square metre": ("m2", 1.0),
    "hectare": ("ha", 1.0),
    "year": ("year", 1.0),
    "month": ("month", 1.0),
    "week": ("week", 1.0),
    "day": ("day", 1.0),
    "hour": ("h", 1.0),
    "point": ("point", 1.0),
}
# quantulum3 entity names -> our unit_kind; anything else is "other".
QUANTULUM_KINDS: dict[str, str] = {
    "currency": "currency",
    "mass": "mass",
    "volume": "volume",
    "energy": "energy",
    "power": "power",
    "length": "length",
    "area": "area",
    "time": "time",
}


class GoldError(ValueError):
    """A gold file that cannot be used; the message names the file, line and problem."""


# --------------------------------------------------------------------------------------------
# Locating a surface in its document


def surface_pattern(surface: str) -> re.Pattern[str]:
    """The surface with each run of whitespace matching any whitespace run, so a surface written
    on one line finds its figure across the hard line wraps of wire copy."""
    return re.compile(r"\s+".join(re.escape(token) for token in surface.split()))


def count_occurrences(text: str, surface: str) -> int:
    if not surface.strip():
        return 0
    return sum(1 for _ in surface_pattern(surface).finditer(text))


def locate(text: str, surface: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Span of the `occurrence`-th (1-based, non-overlapping, left to right) match of `surface`."""
    if occurrence < 1 or not surface.strip():
        return None
    for n, m in enumerate(surface_pattern(surface).finditer(text), start=1):
        if n == occurrence:
            return m.start(), m.end()
    return None


def collapse(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------
# Reading, validating and writing gold sets


@dataclass(frozen=True)
class GoldSet:
    documents: list[Document]
    gold: pd.DataFrame
    corpus_of: dict[str, str]
    names: tuple[str, ...]

    def summary(self) -> dict[str, Any]:
        with_period = int(_has_period(self.gold).sum())
        return {
            "sets": list(self.names),
            "documents": len(self.documents),
            "figures": len(self.gold),
            "figures_with_period": with_period,
            "corpora": sorted(set(self.corpus_of.values())),
        }


def gold_pairs(path: str | Path) -> list[tuple[Path, Path]]:
    """(documents, figures) file pairs of a gold directory, or of one `.figures.csv` file."""
    path = Path(path)
    if path.is_dir():
        figures = sorted(path.glob(f"*{FIGURES_SUFFIX}"))
        if not figures:
            raise GoldError(f"{path}: no *{FIGURES_SUFFIX} files in this directory")
    elif path.is_file() and path.name.endswith(FIGURES_SUFFIX):
        figures = [path]
    elif path.exists():
        raise GoldError(f"{path}: not a gold directory or a *{FIGURES_SUFFIX} file")
    else:
        raise GoldError(f"{path}: no such file or directory")
    pairs = []
    for fig in figures:
        docs = fig.with_name(fig.name[: -len(FIGURES_SUFFIX)] + DOCUMENTS_SUFFIX)
        if not docs.is_file():
            raise GoldError(f"{fig}: its documents file {docs.name} is missing beside it")
        pairs.append((docs, fig))
    return pairs


def read_gold(path: str | Path) -> GoldSet:
    """Every gold pair under `path`, validated; raises GoldError listing every problem found."""
    documents: dict[str, Document] = {}
    corpus_of: dict[str, str] = {}
    home: dict[str, str] = {}
    frames: list[pd.DataFrame] = []
    names: list[str] = []
    problems: list[str] = []
    for docs_path, figs_path in gold_pairs(path):
        name = figs_path.name[: -len(FIGURES_SUFFIX)]
        names.append(name)
        docs, corpora, doc_problems = _read_documents(docs_path)
        problems += doc_problems
        for doc_id, doc in docs.items():
            if doc_id in documents:
                problems.append(
                    f"{docs_path}: document {doc_id!r} is also in {home[doc_id]}; "
                    "each document belongs to exactly one gold set"
                )
                continue
            documents[doc_id] = doc
            corpus_of[doc_id] = corpora[doc_id]
            home[doc_id] = docs_path.name
        frame, fig_problems = _read_figures(figs_path, docs, corpora, name)
        problems += fig_problems
        frames.append(frame)
    if problems:
        shown = "\n  ".join(problems[:30])
        more = f"\n  ... and {len(problems) - 30} more" if len(problems) > 30 else ""
        raise GoldError(f"invalid gold data ({len(problems)} problems):\n  {shown}{more}")
    gold = pd.concat(frames, ignore_index=True) if frames else _empty_gold()
    return GoldSet(list(documents.values()), gold, corpus_of, tuple(names))


def load_gold(path: str | Path) -> tuple[list[Document], pd.DataFrame]:
    """Documents and gold figures of a gold directory or a single `.figures.csv` file.

    The gold frame has the CSV columns (numbers as floats, dates as `datetime.date`) plus
    `corpus`, `gold_set`, `published`, `char_start`, `char_end` and `sentence`.
    """
    gs = read_gold(path)
    return gs.documents, gs.gold


def _read_documents(
    path: Path,
) -> tuple[dict[str, Document], dict[str, str], list[str]]:
    docs: dict[str, Document] = {}
    corpora: dict[str, str] = {}
    problems: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return docs, corpora, [f"{path}: cannot read as UTF-8 text ({exc})"]
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            problems.append(f"{where}: each line must be a JSON object")
            continue
        missing = [k for k in DOCUMENT_KEYS if k not in obj]
        if missing:
            problems.append(f"{where}: missing keys {', '.join(missing)}")
            continue
        doc_id, text = obj["id"], obj["text"]
        if not isinstance(doc_id, str) or not doc_id.strip():
            problems.append(f"{where}: 'id' must be a non-empty string")
            continue
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: document {doc_id!r} has no text")
            continue
        if doc_id in docs:
            problems.append(f"{where}: document id {doc_id!r} appears twice")
            continue
        if not isinstance(obj["topics"], list):
            problems.append(f"{where}: 'topics' must be a list")
        try:
            published = _iso_date(obj["published"])
        except ValueError:
            problems.append(f"{where}: 'published' {obj['published']!r} is not YYYY-MM-DD or null")
            published = None
        docs[doc_id] = Document.make(
            text,
            source=obj["url"] or f"{path.name}#{doc_id}",
            doc_id=doc_id,
            title=obj["title"],
            url=obj["url"],
            published=published,
        )
        corpora[doc_id] = str(obj["corpus"] or "")
    return docs, corpora, problems


def _read_figures(
    path: Path, docs: dict[str, Document], corpora: dict[str, str], name: str
) -> tuple[pd.DataFrame, list[str]]:
    problems: list[str] = []
    rows: list[dict[str, Any]] = []
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        return _empty_gold(), [f"{path}: cannot open ({exc})"]
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            return _empty_gold(), [f"{path}: cannot read as UTF-8 CSV ({exc})"]
        if header is None:
            return _empty_gold(), [f"{path}: empty file, expected the header row"]
        if tuple(header) != GOLD_COLUMNS:
            missing = [c for c in GOLD_COLUMNS if c not in header]
            extra = [c for c in header if c not in GOLD_COLUMNS]
            detail = []
            if missing:
                detail.append(f"missing {', '.join(missing)}")
            if extra:
                detail.append(f"unexpected {', '.join(extra)}")
            if not detail:
                detail.append("columns out of order")
            return _empty_gold(), [
                f"{path}:1: header must be {','.join(GOLD_COLUMNS)} ({'; '.join(detail)})"
            ]
        seen: dict[tuple[str, str, int], int] = {}
        contexts: dict[str, Any] = {}
        try:
            records = [(reader.line_num, values) for values in reader]
        except (csv.Error, UnicodeDecodeError) as exc:
            return _empty_gold(), [f"{path}: cannot read as UTF-8 CSV ({exc})"]
    for lineno, values in records:
        where = f"{path}:{lineno}"
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(GOLD_COLUMNS):
            problems.append(f"{where}: {len(values)} fields, expected {len(GOLD_COLUMNS)}")
            continue
        raw = dict(zip(GOLD_COLUMNS, values, strict=True))
        row, row_problems = _parse_gold_row(raw)
        problems += [f"{where}: {p}" for p in row_problems]
        if row is None:
            continue
        doc = docs.get(row["doc_id"])
        if doc is None:
            problems.append(f"{where}: doc_id {row['doc_id']!r} is not in {name}{DOCUMENTS_SUFFIX}")
            continue
        key = (row["doc_id"], row["surface"], row["occurrence"])
        if key in seen:
            problems.append(
                f"{where}: {row['surface']!r} occurrence {row['occurrence']} in {row['doc_id']} "
                f"is annotated twice (also line {seen[key]})"
            )
            continue
        seen[key] = lineno
        span = locate(doc.text, row["surface"], row["occurrence"])
        if span is None:
            found = count_occurrences(doc.text, row["surface"])
            problems.append(
                f"{where}: surface {row['surface']!r} occurs {found} time(s) in {row['doc_id']}, "
                f"so occurrence {row['occurrence']} cannot be found"
            )
            continue
        snippet = row["sentence_snippet"]
        if snippet and collapse(snippet) not in collapse(doc.text):
            problems.append(
                f"{where}: sentence_snippet {snippet!r} is not in the text of {row['doc_id']}"
            )
            continue
        if row["doc_id"] not in contexts:
            contexts[row["doc_id"]] = build_context(doc.text, published=doc.published)
        row["corpus"] = corpora.get(row["doc_id"], "")
        row["gold_set"] = name
        row["published"] = doc.published
        row["char_start"], row["char_end"] = span
        row["sentence"] = _sentence_at(contexts[row["doc_id"]], doc.text, span)
        rows.append(row)
    return pd.DataFrame.from_records(rows, columns=_GOLD_FRAME_COLUMNS), problems


_GOLD_FRAME_COLUMNS = (
    *GOLD_COLUMNS,
    "corpus",
    "gold_set",
    "published",
    "char_start",
    "char_end",
    "sentence",
)


def _empty_gold() -> pd.DataFrame:
    return pd.DataFrame(columns=list(_GOLD_FRAME_COLUMNS))


def _parse_gold_row(raw: dict[str, str]) -> tuple[dict[str, Any] | None, list[str]]:
    """Typed row and the problems of one CSV row (enums, numbers, dates, ranges)."""
    problems: list[str] = []
    row: dict[str, Any] = {k: v.strip() if k != "surface" else v for k, v in raw.items()}
    row["surface"] = " ".join(raw["surface"].split())
    for col in ("doc_id", "surface", "unit_kind", "qualifier", "kind", "modality"):
        if not row[col]:
            problems.append(f"{col} is empty")
    if not row["measure_keyword"]:
        problems.append("measure_keyword is empty (a word or stem a correct measure contains)")
    elif row["measure_keyword"] != row["measure_keyword"].lower():
        problems.append(f"measure_keyword {row['measure_keyword']!r} must be lower case")
    try:
        row["occurrence"] = int(row["occurrence"])
        if row["occurrence"] < 1:
            raise ValueError
    except ValueError:
        problems.append(f"occurrence {raw['occurrence']!r} is not a whole number >= 1")
    for col in ("value", "value_low", "value_high"):
        text = row[col]
        if not text:
            row[col] = None
            continue
        try:
            number = float(text)
        except ValueError:
            problems.append(f"{col} {text!r} is not a number")
            continue
        if not math.isfinite(number):
            problems.append(f"{col} {text!r} is not a finite number")
            continue
        row[col] = number
    if not raw["value"].strip():
        problems.append("value is empty")
    for col, allowed in (
        ("unit_kind", UNIT_KINDS),
        ("qualifier", QUALIFIERS),
        ("kind", KINDS),
        ("modality", MODALITIES),
    ):
        if row[col] and row[col] not in allowed:
            problems.append(f"{col} {row[col]!r} is not one of {', '.join(sorted(allowed))}")
    basis = row["period_basis"] or "unknown"
    if basis not in PERIOD_BASES:
        problems.append(f"period_basis {basis!r} is not one of {', '.join(sorted(PERIOD_BASES))}")
    row["period_basis"] = basis
    for col in ("period_start", "period_end"):
        try:
            row[col] = _iso_date(row[col])
        except ValueError:
            problems.append(f"{col} {raw[col]!r} is not a date YYYY-MM-DD")
            row[col] = None
    start, end = row["period_start"], row["period_end"]
    if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
        problems.append(f"period_start {start} is after period_end {end}")
    low, high, value = row["value_low"], row["value_high"], row["value"]
    if isinstance(value, float) and (
        isinstance(low, float) or isinstance(high, float) or raw["value_low"] or raw["value_high"]
    ):
        if not (isinstance(low, float) and isinstance(high, float)):
            problems.append("a range needs both value_low and value_high")
        elif not low <= high:
            problems.append(f"value_low {low} is above value_high {high}")
        elif not math.isclose(value, (low + high) / 2, rel_tol=1e-6, abs_tol=1e-9):
            problems.append(f"value {value} of a range must be the midpoint {(low + high) / 2}")
    return (None if problems else row), problems


def _iso_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError(f"not a date: {value!r}")
    return dt.date.fromisoformat(value.strip())


def _sentence_at(ctx: Any, text: str, span: tuple[int, int]) -> str:
    for sentence in ctx.sentences:
        if sentence.start <= span[0] < sentence.end:
            return sentence.text
    return collapse(text[max(0, span[0] - 120) : span[1] + 120])


def write_gold(
    directory: str | Path,
    name: str,
    documents: Sequence[dict[str, Any]],
    figures: Iterable[dict[str, Any]],
) -> tuple[Path, Path]:
    """Write one gold pair in the exact shared format (documents as dicts with DOCUMENT_KEYS)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    docs_path = directory / f"{name}{DOCUMENTS_SUFFIX}"
    figs_path = directory / f"{name}{FIGURES_SUFFIX}"
    with docs_path.open("w", encoding="utf-8", newline="\n") as fh:
        for doc in documents:
            fh.write(json.dumps({k: doc[k] for k in DOCUMENT_KEYS}, ensure_ascii=False) + "\n")
    with figs_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(GOLD_COLUMNS)
        for fig in figures:
            writer.writerow([_csv_cell(fig.get(col)) for col in GOLD_COLUMNS])
    return docs_path, figs_path


def _csv_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)


# --------------------------------------------------------------------------------------------
# Matching and scoring


@dataclass(frozen=True, slots=True)
class FieldScore:
    field: str
    correct: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True)
class SystemScore:
    system: str
    fields: dict[str, FieldScore]
    period_right: int
    period_total: int
    pairs: pd.DataFrame  # gold, pred (positional indices) and one bool column per field
    gold: pd.DataFrame
    predictions: pd.DataFrame
    notes: tuple[str, ...] = ()

    @property
    def period_share(self) -> float:
        return self.period_right / self.period_total if self.period_total else 0.0


def _value_key(value: Any, low: Any, high: Any) -> tuple[float, ...] | None:
    """Magnitudes compared by value matching: (v,) or (low, high) of a range."""
    if _missing(value):
        return None
    if not _missing(low) and not _missing(high):
        a, b = sorted((abs(float(low)), abs(float(high))))
        return (a, b)
    return (abs(float(value)),)


def values_match(gold_key: tuple[float, ...] | None, pred_key: tuple[float, ...] | None) -> bool:
    """CQE's rule: numbers within rtol 1e-5; a range only matches a range, bound by bound."""
    if gold_key is None or pred_key is None or len(gold_key) != len(pred_key):
        return False
    pairs = zip(gold_key, pred_key, strict=True)
    return all(bool(np.isclose(g, p, rtol=RTOL, atol=ATOL)) for g, p in pairs)


def match_figures(gold: pd.DataFrame, predictions: pd.DataFrame) -> list[tuple[int, int]]:
    """One-to-one (gold position, prediction position) pairs with matching values per document.

    Candidates are taken greedily: a prediction overlapping the gold span first, then the
    nearest one. Equal values form complete bipartite groups, so greedy also maximises the
    number of pairs.
    """
    gold = _with_defaults(gold.reset_index(drop=True))
    predictions = _with_defaults(predictions.reset_index(drop=True))
    pred_by_doc: dict[str, list[int]] = {}
    for pos, doc_id in enumerate(predictions["doc_id"]):
        pred_by_doc.setdefault(str(doc_id), []).append(pos)
    gold_keys = [
        _value_key(v, lo, hi)
        for v, lo, hi in zip(gold["value"], gold["value_low"], gold["value_high"], strict=True)
    ]
    pred_keys = [
        _value_key(v, lo, hi)
        for v, lo, hi in zip(
            predictions["value"], predictions["value_low"], predictions["value_high"], strict=True
        )
    ]
    g_span = _spans(gold)
    p_span = _spans(predictions)
    candidates: list[tuple[int, int, int, int]] = []
    for gi, doc_id in enumerate(gold["doc_id"]):
        for pi in pred_by_doc.get(str(doc_id), ()):
            if not values_match(gold_keys[gi], pred_keys[pi]):
                continue
            (gs, ge), (ps, pe) = g_span[gi], p_span[pi]
            overlap = gs >= 0 and ps >= 0 and gs < pe and ps < ge
            distance = abs(gs - ps) if gs >= 0 and ps >= 0 else 0
            candidates.append((0 if overlap else 1, distance, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    pairs.sort()
    return pairs


def _spans(frame: pd.DataFrame) -> list[tuple[int, int]]:
    if "char_start" not in frame.columns or "char_end" not in frame.columns:
        return [(-1, -1)] * len(frame)
    out = []
    for s, e in zip(frame["char_start"], frame["char_end"], strict=True):
        out.append((-1, -1) if _missing(s) or _missing(e) else (int(s), int(e)))
    return out


def field_checks(gold_row: dict[str, Any], pred_row: dict[str, Any]) -> dict[str, bool]:
    """Which fields of a value-matched pair are right (each field includes the value match)."""
    unit_ok = _text(gold_row.get("unit")).casefold() == _text(pred_row.get("unit")).casefold()
    kind_ok = (
        _text(gold_row.get("kind")) == _text(pred_row.get("kind"))
        and _sign(gold_row.get("value")) == _sign(pred_row.get("value"))
        and _text(gold_row.get("qualifier")) == _text(pred_row.get("qualifier"))
    )
    period_ok = as_date(gold_row.get("period_start")) == as_date(pred_row.get("period_start")) and (
        as_date(gold_row.get("period_end")) == as_date(pred_row.get("period_end"))
    )
    keywords = [k.strip() for k in _text(gold_row.get("measure_keyword")).casefold().split("|")]
    keywords = [k for k in keywords if k]
    measure = _text(pred_row.get("measure")).casefold()
    measure_ok = any(k in measure for k in keywords) if keywords else True
    entities_ok = _entity_set(gold_row.get("entities")) == _entity_set(pred_row.get("entities"))
    return {
        "value": True,
        "value+unit": unit_ok,
        "value+kind/qualifier": kind_ok,
        "period": period_ok,
        "measure": measure_ok,
        "entities": entities_ok,
    }


def score(gold: pd.DataFrame, predictions: pd.DataFrame, *, system: str = "figures") -> SystemScore:
    """Precision, recall and F1 per field of `predictions` against `gold` (see module doc)."""
    gold = _with_defaults(gold.reset_index(drop=True))
    predictions = _with_defaults(predictions.reset_index(drop=True))
    pairs = match_figures(gold, predictions)
    gold_rows = gold.to_dict(orient="records")
    pred_rows = predictions.to_dict(orient="records")
    records = []
    for gi, pi in pairs:
        checks = field_checks(gold_rows[gi], pred_rows[pi])
        records.append({"gold": gi, "pred": pi, **checks})
    pair_frame = pd.DataFrame.from_records(records, columns=["gold", "pred", *FIELDS])
    fields = {
        name: FieldScore(
            name,
            int(pair_frame[name].astype(bool).sum()) if len(pair_frame) else 0,
            len(predictions),
            len(gold),
        )
        for name in FIELDS
    }
    has_period = _has_period(gold)
    right = pair_frame.loc[pair_frame["period"].astype(bool), "gold"] if len(pair_frame) else []
    period_right = int(sum(bool(has_period.iloc[int(g)]) for g in right))
    return SystemScore(
        system=system,
        fields=fields,
        period_right=period_right,
        period_total=int(has_period.sum()),
        pairs=pair_frame,
        gold=gold,
        predictions=predictions,
    )


_DEFAULTS: dict[str, Any] = {
    "value_low": None,
    "value_high": None,
    "unit": "",
    "qualifier": "exact",
    "kind": "level",
    "period_start": None,
    "period_end": None,
    "measure": "",
    "measure_keyword": "",
    "entities": "",
    "surface": "",
    "sentence": "",
}


def _with_defaults(frame: pd.DataFrame) -> pd.DataFrame:
    """Hand-made frames may leave out fields they do not exercise."""
    for col in ("doc_id", "value"):
        if col not in frame.columns:
            raise ValueError(f"a figure frame needs a {col!r} column")
    out = frame.copy()
    for col, default in _DEFAULTS.items():
        if col not in out.columns:
            out[col] = pd.Series([default] * len(out), index=out.index, dtype=object)
    return out


def _has_period(gold: pd.DataFrame) -> pd.Series:
    if not len(gold):
        return pd.Series([], dtype=bool)
    return pd.Series(
        [
            as_date(s) is not None or as_date(e) is not None
            for s, e in zip(gold["period_start"], gold["period_end"], strict=True)
        ],
        index=gold.index,
    )


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value).strip()


def _sign(value: Any) -> int:
    if _missing(value):
        return 0
    number = float(value)
    return (number > 0) - (number < 0)


def _entity_set(value: Any) -> frozenset[str]:
    """Names compared case-insensitively and without a legal form's closing dot ("Keystone
    Financial Corp." is "Keystone Financial Corp"): the dot is the abbreviation's or the
    sentence's, never a different entity."""
    return frozenset(e.strip().rstrip(".").casefold() for e in _text(value).split(";") if e.strip())


# --------------------------------------------------------------------------------------------
# Systems under evaluation


def predict_figures(documents: Iterable[Document]) -> pd.DataFrame:
    """This extractor's figures for every document, as the schema frame."""
    from extract.pipeline import extract_document

    figures: list[Figure] = []
    for doc in documents:
        try:
            figures.extend(extract_document(doc))
        except Exception as exc:  # name the document the extractor failed on
            raise RuntimeError(f"the extractor failed on document {doc.doc_id}: {exc}") from exc
    return to_frame(figures)


def quantulum_parser() -> Callable[[str], list[Any]]:
    """quantulum3's `parser.parse`, imported on first use without its classifier warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser

    return parser.parse


def quantulum_unit(unit: Any) -> tuple[str, str, float]:
    """(our unit, our unit_kind, factor to base units) for a quantulum3 unit."""
    name = str(getattr(unit, "name", "") or "").strip().lower()
    entity = str(getattr(getattr(unit, "entity", None), "name", "") or "").strip().lower()
    code = getattr(unit, "currency_code", None)
    if name in QUANTULUM_UNITS:
        ours, factor = QUANTULUM_UNITS[name]
    elif code:
        ours, factor = str(code).upper(), 1.0
    else:
        ours, factor = name, 1.0
    if ours == "%":
        kind = "percent"
    elif ours == "pp":
        kind = "percentage_point"
    elif ours == "bp":
        kind = "basis_point"
    elif ours == "point":
        kind = "index_point"
    elif entity == "dimensionless":
        kind = "count"
    else:
        kind = QUANTULUM_KINDS.get(entity, "other")
    return ours, kind, factor


def predict_quantulum(
    documents: Iterable[Document], *, failures: list[str] | None = None
) -> pd.DataFrame:
    """quantulum3 on the same sentences our pipeline sees, mapped to the figure schema.

    It has no kind, period, measure or entities: every figure is an exact level. A sentence it
    fails on is skipped and named in `failures`, so a baseline bug cannot stop the evaluation.
    """
    parse = quantulum_parser()
    figures: list[Figure] = []
    for doc in documents:
        sha = text_sha(doc.text)
        ctx = build_context(doc.text, title=doc.title, published=doc.published)
        for sentence in ctx.sentences:
            try:
                quantities = parse(sentence.raw.replace("\n", " "))
            except Exception as exc:  # the baseline's own failure, recorded not raised
                if failures is not None:
                    failures.append(f"{doc.doc_id}@{sentence.start}: {type(exc).__name__}: {exc}")
                continue
            for q in quantities:
                figure = _quantulum_figure(doc, sha, sentence, q)
                if figure is not None:
                    figures.append(figure)
    return to_frame(figures)


def _quantulum_figure(doc: Document, sha: str, sentence: Any, q: Any) -> Figure | None:
    span = getattr(q, "span", None)
    value = getattr(q, "value", None)
    if not span or value is None:
        return None
    start, end = sentence.start + int(span[0]), sentence.start + int(span[1])
    if not sentence.start <= start < end <= sentence.end:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    unit, unit_kind, factor = quantulum_unit(q.unit)
    low = high = None
    spread = getattr(q, "uncertainty", None)
    if spread:
        low, high = (number - float(spread)) * factor, (number + float(spread)) * factor
    return Figure(
        figure_id=figure_id_for(doc.doc_id, sha, start, end),
        doc_id=doc.doc_id,
        source=doc.source,
        title=doc.title,
        published=doc.published,
        sentence=sentence.text,
        char_start=start,
        char_end=end,
        surface=doc.text[start:end],
        value=number * factor,
        value_low=low,
        value_high=high,
        unit=unit,
        unit_kind=unit_kind,
        qualifier="exact",
        kind="level",
        modality="actual",
        period_start=None,
        period_end=None,
        period_label="",
        period_basis="unknown",
        measure="",
        entities="",
        series_key="",
    )


def predict(documents: Sequence[Document], system: str) -> tuple[pd.DataFrame, list[str]]:
    """Predictions of one named system and notes on anything skipped."""
    notes: list[str] = []
    if system == "figures":
        return predict_figures(documents), notes
    if system == "quantulum3":
        failures: list[str] = []
        frame = predict_quantulum(documents, failures=failures)
        if failures:
            notes.append(
                f"quantulum3 failed on {len(failures)} sentence(s), skipped: {failures[0]}"
            )
        return frame, notes
    raise ValueError(f"unknown system {system!r}: choose from {', '.join(SYSTEMS)}")


# --------------------------------------------------------------------------------------------
# A whole evaluation: both systems, overall and per corpus


@dataclass(frozen=True)
class Evaluation:
    source: str
    gold_summary: dict[str, Any]
    scores: dict[str, SystemScore]
    per_corpus: dict[str, dict[str, SystemScore]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)


def evaluate(
    gold_set: GoldSet,
    systems: Sequence[str] = SYSTEMS,
    *,
    per_corpus: bool = False,
    source: str = "",
) -> Evaluation:
    """Score each system on the gold set's documents; optionally per corpus as well."""
    scores: dict[str, SystemScore] = {}
    by_corpus: dict[str, dict[str, SystemScore]] = {}
    corpora = sorted(set(gold_set.corpus_of.values()))
    for system in systems:
        predictions, notes = predict(gold_set.documents, system)
        overall = score(gold_set.gold, predictions, system=system)
        scores[system] = replace(overall, notes=tuple(notes))
        if per_corpus:
            pred_corpus = predictions["doc_id"].map(gold_set.corpus_of)
            for corpus in corpora:
                by_corpus.setdefault(corpus, {})[system] = score(
                    gold_set.gold[gold_set.gold["corpus"] == corpus],
                    predictions[pred_corpus == corpus],
                    system=system,
                )
    return Evaluation(
        source=source,
        gold_summary=gold_set.summary(),
        scores=scores,
        per_corpus=by_corpus,
        versions=_versions(systems),
    )


def _versions(systems: Sequence[str]) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    from extract.pipeline import EXTRACTION_VERSION

    out = {}
    for system in systems:
        if system == "figures":
            out[system] = f"extraction {EXTRACTION_VERSION}"
        else:
            try:
                out[system] = version(system)
            except PackageNotFoundError:
                out[system] = "unknown"
    return out


# --------------------------------------------------------------------------------------------
# Error listing for development


def error_report(result: SystemScore, n: int) -> dict[str, list[dict[str, Any]]]:
    """Up to `n` missed gold figures, false positives and matched figures with wrong fields.

    Misses and false positives that overlap a figure of the other side come first (the value was
    read wrongly); matches are ranked by how many fields are wrong.
    """
    gold, pred, pairs = result.gold, result.predictions, result.pairs
    matched_gold = set(int(g) for g in pairs["gold"]) if len(pairs) else set()
    matched_pred = set(int(p) for p in pairs["pred"]) if len(pairs) else set()
    g_span, p_span = _spans(gold), _spans(pred)

    def unmatched(
        side: pd.DataFrame,
        spans: list[tuple[int, int]],
        matched: set[int],
        other: pd.DataFrame,
        other_spans: list[tuple[int, int]],
        own_key: str,
        none_text: str,
    ) -> list[tuple]:
        """Rows of one side with no partner, each with the other side's overlapping rows: a
        miss (gold side) or a false positive (prediction side); overlaps first."""
        by_doc: dict[str, list[int]] = {}
        for i, doc_id in enumerate(other["doc_id"]):
            by_doc.setdefault(str(doc_id), []).append(i)
        other_key = "got" if own_key == "expected" else "expected"
        out = []
        for i in range(len(side)):
            if i in matched:
                continue
            row = side.iloc[i]
            span = spans[i]
            near = [
                o
                for o in by_doc.get(str(row["doc_id"]), [])
                if other_spans[o][0] < span[1] and span[0] < other_spans[o][1]
            ]
            record = {
                "doc_id": str(row["doc_id"]),
                "surface": collapse(_text(row["surface"])),
                own_key: _describe(row),
                other_key: "; ".join(_describe(other.iloc[o]) for o in near) or none_text,
                "sentence": _text(row.get("sentence")),
            }
            out.append((0 if near else 1, str(row["doc_id"]), span[0], record))
        return out

    missed = unmatched(gold, g_span, matched_gold, pred, p_span, "expected", "nothing")
    false_pos = unmatched(pred, p_span, matched_pred, gold, g_span, "got", "not a figure")
    wrong = []
    for rec in pairs.to_dict(orient="records") if len(pairs) else []:
        bad = [f for f in FIELDS if not rec[f]]
        if not bad:
            continue
        g, p = gold.iloc[int(rec["gold"])], pred.iloc[int(rec["pred"])]
        wrong.append(
            (
                -len(bad),
                str(g["doc_id"]),
                g_span[int(rec["gold"])][0],
                {
                    "doc_id": str(g["doc_id"]),
                    "surface": collapse(_text(g["surface"])),
                    "wrong": bad,
                    "expected": _describe(g, bad),
                    "got": _describe(p, bad),
                    "sentence": _text(g.get("sentence")),
                },
            )
        )
    return {
        "missed": [item for *_, item in sorted(missed, key=lambda t: t[:3])[:n]],
        "false_positives": [item for *_, item in sorted(false_pos, key=lambda t: t[:3])[:n]],
        "wrong_fields": [item for *_, item in sorted(wrong, key=lambda t: t[:3])[:n]],
    }


_FIELD_COLUMNS = {
    "value": ("value", "value_low", "value_high"),
    "value+unit": ("unit",),
    "value+kind/qualifier": ("kind", "qualifier"),
    "period": ("period_start", "period_end"),
    "measure": ("measure", "measure_keyword"),
    "entities": ("entities",),
}


def _describe(row: pd.Series, fields: Sequence[str] | None = None) -> str:
    """A compact one-line view of a figure; only the named fields when given."""
    cols: list[str] = []
    for name in fields or FIELDS:
        cols += [c for c in _FIELD_COLUMNS[name] if c not in cols]
    if fields and "value" not in cols:
        cols = ["value", *cols]
    parts = []
    for col in cols:
        if col not in row.index:
            continue
        value = row[col]
        if _missing(value) or value is pd.NaT:
            if col in ("value_low", "value_high", "measure_keyword"):
                continue
            value = "-"
        elif isinstance(value, float):
            value = f"{value:g}"
        parts.append(f"{col}={value}")
    return " ".join(parts)


# --------------------------------------------------------------------------------------------
# Output


def format_report(result: Evaluation, *, errors: int = 0) -> str:
    """The readable table printed by `figures evaluate`."""
    summary = result.gold_summary
    systems = list(result.scores)
    lines = [
        f"Gold: {result.source or '(in memory)'}: {len(summary['sets'])} set(s) "
        f"({', '.join(summary['sets'])}), {summary['documents']} documents, "
        f"{summary['figures']} figures ({summary['figures_with_period']} with a period)",
        "Matching: CQE-style, value np.isclose(rtol=1e-5) on magnitudes, ranges as (low, high), "
        "one-to-one per document, overlapping span preferred",
        "Systems: " + ", ".join(f"{s} ({result.versions.get(s, '?')})" for s in systems),
        "",
    ]
    lines += _table(result.scores)
    for corpus, scores in sorted(result.per_corpus.items()):
        lines += ["", f"Corpus: {corpus or '(none)'}"]
        lines += _table(scores)
    for system, s in result.scores.items():
        for note in s.notes:
            lines.append(f"note ({system}): {note}")
    if errors > 0:
        for system, s in result.scores.items():
            lines += ["", *_error_lines(system, error_report(s, errors))]
    return "\n".join(lines).rstrip() + "\n"


def _table(scores: dict[str, SystemScore]) -> list[str]:
    systems = list(scores)
    head = f"{'field':<22}" + "".join(f" | {s:^26}" for s in systems)
    sub = f"{'':<22}" + "".join(f" | {'P':>6} {'R':>6} {'F1':>6} {'n':>5}" for _ in systems)
    lines = [head, sub, "-" * len(sub)]
    for name in FIELDS:
        cells = []
        for system in systems:
            fs = scores[system].fields[name]
            cells.append(
                f" | {100 * fs.precision:6.1f} {100 * fs.recall:6.1f} {100 * fs.f1:6.1f} "
                f"{fs.correct:>5}"
            )
        lines.append(f"{name:<22}" + "".join(cells))
    first = scores[systems[0]] if systems else None
    if first is not None:
        lines.append(
            "predicted: "
            + ", ".join(f"{s} {scores[s].fields['value'].predicted}" for s in systems)
            + f"; gold: {first.fields['value'].gold}"
        )
        lines.append(
            "period right among gold figures with a period: "
            + ", ".join(
                f"{s} {scores[s].period_right}/{scores[s].period_total} "
                f"({100 * scores[s].period_share:.1f}%)"
                for s in systems
            )
        )
    return lines


def _error_lines(system: str, report: dict[str, list[dict[str, Any]]]) -> list[str]:
    lines = [f"Errors of {system}"]
    titles = {
        "missed": "missed (gold figure with no matching prediction)",
        "false_positives": "false positives (prediction with no matching gold figure)",
        "wrong_fields": "matched, but some fields wrong",
    }
    for key, title in titles.items():
        items = report[key]
        lines.append(f"  {title}: {len(items)} shown")
        for item in items:
            lines.append(f"    [{item['doc_id']}] {item['surface']!r}")
            if "wrong" in item:
                lines.append(f"      wrong:    {', '.join(item['wrong'])}")
            lines.append(f"      expected: {item['expected']}")
            lines.append(f"      got:      {item['got']}")
            lines.append(f"      sentence: {item['sentence']}")
    return lines


def evaluation_json(result: Evaluation, *, errors: int = 0) -> dict[str, Any]:
    """Everything in the report, for machines (fractions, not percentages)."""

    def system_dict(s: SystemScore) -> dict[str, Any]:
        out: dict[str, Any] = {
            "fields": {name: fs.as_dict() for name, fs in s.fields.items()},
            "period": {
                "right": s.period_right,
                "with_period": s.period_total,
                "share": s.period_share,
            },
            "predicted": s.fields["value"].predicted,
            "gold": s.fields["value"].gold,
            "notes": list(s.notes),
        }
        return out

    data: dict[str, Any] = {
        "gold": {"source": result.source, **result.gold_summary},
        "matching": {"rtol": RTOL, "atol": ATOL, "scope": "document", "fields": list(FIELDS)},
        "versions": result.versions,
        "systems": {name: system_dict(s) for name, s in result.scores.items()},
    }
    if result.per_corpus:
        data["per_corpus"] = {
            corpus: {name: system_dict(s) for name, s in scores.items()}
            for corpus, scores in sorted(result.per_corpus.items())
        }
    if errors > 0:
        data["errors"] = {name: error_report(s, errors) for name, s in result.scores.items()}
    return data
