"""Series: figures of the same measure, entities, unit and kind across documents.

`normalise_measure` and `series_key` run for every extracted figure, so they are pure and cached.
`build_points` turns a figure frame into chart points: each placed on its period with the period's
length named (so eight months are never drawn as if they were a year), points the text implies
(a level and its growth imply the level a year before) added and marked derived, and every report
of the same period kept, never averaged away.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from extract.patterns import guarded

# --- knowledge tables ---------------------------------------------------------------------------

# Plural nouns that stay as they are (singularising them would change their meaning or look wrong).
_KEEP_PLURAL = frozenset(
    {
        "arrears",
        "earnings",
        "economics",
        "gas",
        "goods",
        "headquarters",
        "means",
        "news",
        "proceeds",
        "sales",
        "savings",
        "series",
        "species",
        "statistics",
        "us",
    }
)
_IRREGULAR = MappingProxyType(
    {"people": "person", "children": "child", "indices": "index", "data": "data", "men": "man"}
)
# Words that say nothing about what is measured: articles, possessives, emphasis.
_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"}
)
_FILLERS = frozenset(
    {"record", "another", "some", "about", "nearly", "almost", "around", "roughly", "only", "just"}
)
# Words that cannot begin or end a measure name ("investments in" -> "investment").
_EDGE_WORDS = frozenset({"in", "of", "to", "for", "by", "with", "at", "on", "from", "and", "as"})
# Synonymous measure names (lemmatised), longest match first; the value is the canonical name.
MEASURE_SYNONYMS = MappingProxyType(
    {
        "mutual trade turnover": "trade turnover",
        "bilateral trade turnover": "trade turnover",
        "foreign trade turnover": "trade turnover",
        "mutual trade": "trade turnover",
        "bilateral trade": "trade turnover",
        "two way trade": "trade turnover",
        "trade volume": "trade turnover",
        "volume of trade": "trade turnover",
        "total trade": "trade turnover",
        "trade between": "trade turnover",
        "gross domestic product": "gdp",
        "gross national product": "gnp",
        "consumer price index": "cpi",
        "inflation rate": "inflation",
        "annual inflation": "inflation",
        "rate of inflation": "inflation",
        "jobless rate": "unemployment rate",
        "rate of unemployment": "unemployment rate",
        "trade gap": "trade deficit",
        "trade shortfall": "trade deficit",
        "net income": "net profit",
        "net earnings": "net profit",
        "oil output": "oil production",
        "crude output": "oil production",
        "crude oil production": "oil production",
        "foreign direct investment": "fdi",
    }
)
_SYNONYM_TOKENS = tuple(
    sorted(
        ((tuple(k.split()), tuple(v.split())) for k, v in MEASURE_SYNONYMS.items()),
        key=lambda kv: -len(kv[0]),
    )
)
# Spellings of the same unit; the extractor already emits ISO codes and symbols, this only
# reconciles the stragglers so compatible figures share one series.
UNIT_ALIASES = MappingProxyType(
    {
        "$": "USD",
        "us$": "USD",
        "dlr": "USD",
        "dlrs": "USD",
        "usd": "USD",
        "eur": "EUR",
        "rub": "RUB",
        "kzt": "KZT",
        "percent": "%",
        "per cent": "%",
        "pct": "%",
        "percentage point": "pp",
        "percentage points": "pp",
        "basis point": "bp",
        "basis points": "bp",
        "tonne": "t",
        "tonnes": "t",
        "ton": "t",
        "tons": "t",
        "barrel": "bbl",
        "barrels": "bbl",
    }
)
# Wording that says a change is against the previous period rather than a year earlier.
_SEQUENTIAL_CUES = guarded(
    r"\b(?:month[- ]on[- ]month|quarter[- ]on[- ]quarter|sequential(?:ly)?|"
    r"(?:previous|preceding|prior) (?:month|quarter|period)"
    r"|a (?:month|quarter) (?:earlier|ago))\b",
    re.I,
)
# Text between a change and the level it reached ("by 10.2% to a record $28.2 billion").
_CHANGE_THEN_LEVEL = re.compile(r"^[^\d]{0,40}?\bto\b[^\d]{0,20}$", re.I)
# Text between a level and its change ("$28.2 billion, up 10.2%").
_LEVEL_THEN_CHANGE = re.compile(
    r"^(?:\s+(?:in|during|for|last|this|over)\b[^,;]{0,30})?[\s,;(]*"
    r"(?:up|down|rising|falling|increasing|decreasing|growing|declining|"
    r"an? (?:increase|rise|decline|drop|fall|gain) of|(?:which|that) (?:is|was))\b[^\d]{0,12}$",
    re.I,
)

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_POSSESSIVE = guarded(r"(?<=\w)['’]s\b")


# --- series keys ----------------------------------------------------------------------------------


def _lemma(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _KEEP_PLURAL or len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def _apply_synonyms(tokens: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for phrase, canonical in _SYNONYM_TOKENS:
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                out.extend(canonical)
                i += len(phrase)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


@lru_cache(maxsize=65536)
def normalise_measure(measure: str) -> str:
    """Lemmatised, synonym-mapped measure name: 'Mutual trade turnover' -> 'trade turnover'."""
    text = _POSSESSIVE.sub("", measure.lower())  # "Russia's investments": no stray "s"
    words = [_lemma(t) for t in _TOKEN.findall(text)]
    words = _dedupe([t for t in words if t not in _DETERMINERS and t not in _FILLERS])
    for _ in range(len(words)):  # until no synonym applies ('mutual bilateral trade')
        mapped = _dedupe(_apply_synonyms(words))
        if mapped == words:
            break
        words = mapped
    while words and words[0] in _EDGE_WORDS:
        words.pop(0)
    while words and words[-1] in _EDGE_WORDS:
        words.pop()
    return " ".join(words)


def _dedupe(words: list[str]) -> list[str]:
    """'trade trade turnover' -> 'trade turnover' (extractor stutter, repeated headline words)."""
    return [t for i, t in enumerate(words) if i == 0 or t != words[i - 1]]


def normalise_unit(unit: str) -> str:
    """One spelling per unit, so '%' and 'pct' or 'dlrs' and 'USD' share a series."""
    text = unit.strip()
    alias = UNIT_ALIASES.get(text.lower())
    if alias:
        return alias
    if text.isalpha() and text.islower() and len(text) > 3:
        return _lemma(text)  # counted nouns: 'enterprises' and 'enterprise' are one unit
    return text


def normalise_entities(entities: str) -> str:
    """Order-free entity set: 'Russia;Kazakhstan' and 'Kazakhstan;Russia' are the same series."""
    return ";".join(sorted({e.strip() for e in entities.split(";") if e.strip()}))


def series_key(measure: str, entities: str, unit: str, kind: str) -> str:
    return (
        f"{normalise_measure(measure)}|{normalise_entities(entities)}|{normalise_unit(unit)}|{kind}"
    )


def split_series_key(key: str) -> tuple[str, str, str, str]:
    """(measure, entities, unit, kind) of a key; keys from elsewhere may lack trailing parts."""
    parts = [*key.split("|", 3), "", "", ""][:4]
    return parts[0], parts[1], parts[2], parts[3]


def series_label(key: str, measure: str | None = None) -> str:
    """Readable series name: 'trade turnover: Kazakhstan–Russia, USD, level'."""
    norm, entities, unit, kind = split_series_key(key)
    name = (measure or norm or "(no measure)").strip()
    places = "–".join(e for e in entities.split(";") if e)
    details = ", ".join(p for p in (places, unit or "no unit", kind) if p)
    return f"{name}: {details}"


# --- periods --------------------------------------------------------------------------------------

PERIOD_CLASSES = ("day", "week", "month", "quarter", "half-year", "year", "instant", "unknown")
_MONTH_ABBR = tuple(calendar.month_abbr)


def _months_between(start: dt.date, end: dt.date) -> int | None:
    """Whole calendar months covered, when the period runs from a first to a last day of a month."""
    last = calendar.monthrange(end.year, end.month)[1]
    if start.day != 1 or end.day != last:
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def period_class(start: dt.date | None, end: dt.date | None) -> str:
    """What kind of period a figure covers; an 'N months' class for non-standard lengths."""
    if end is None:
        return "unknown"
    if start is None or start == end:
        return "instant"
    months = _months_between(start, end)
    if months is None:
        days = (end - start).days + 1
        if days <= 1:
            return "day"
        if days == 7:
            return "week"
        return f"{days} days"
    named = {1: "month", 3: "quarter", 6: "half-year", 12: "year"}  # fiscal ones too
    return named.get(months, f"{months} months")


def describe_period(start: dt.date | None, end: dt.date | None) -> str:
    """The period in words: '2022', 'Q3 2023', 'Jan–Aug 2023', 'as of 2023-11-08'."""
    if end is None:
        return "period unknown"
    if start is None or start == end:
        return f"as of {end.isoformat()}"
    cls = period_class(start, end)
    if cls == "year" and start.month == 1:
        return str(start.year)
    if cls == "quarter" and start.month % 3 == 1:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if cls == "half-year" and start.month in (1, 7):
        return f"H{(start.month - 1) // 6 + 1} {start.year}"
    if cls == "month":
        return f"{_MONTH_ABBR[start.month]} {start.year}"
    if _months_between(start, end) is not None:
        if start.year == end.year:
            return f"{_MONTH_ABBR[start.month]}–{_MONTH_ABBR[end.month]} {end.year}"
        return f"{_MONTH_ABBR[start.month]} {start.year}–{_MONTH_ABBR[end.month]} {end.year}"
    return f"{start.isoformat()} to {end.isoformat()}"


def _shift_years(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return dt.date(year, day.month, last)  # month ends stay month ends
    return dt.date(year, day.month, min(day.day, last))


def _shift_back(start: dt.date, end: dt.date, sequential: bool) -> tuple[dt.date, dt.date]:
    if not sequential:
        return _shift_years(start, -1), _shift_years(end, -1)
    months = _months_between(start, end)
    if months is None:
        length = end - start + dt.timedelta(days=1)
        return start - length, end - length
    first = (start.year * 12 + start.month - 1) - months
    new_start = dt.date(first // 12, first % 12 + 1, 1)
    last_index = (end.year * 12 + end.month - 1) - months
    y, m = last_index // 12, last_index % 12 + 1
    return new_start, dt.date(y, m, calendar.monthrange(y, m)[1])


# --- presentation helpers ---------------------------------------------------------------------

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_value(value: float, unit: str) -> str:
    """'28.2 billion USD', '10.2%', '6,000 enterprise', for hover text and citations."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if unit in ("%", "pp", "bp"):
        sep = "" if unit == "%" else " "
        return f"{value:,.4g}{sep}{unit}"
    magnitude = abs(value)
    for scale, word in _SCALES:
        if magnitude >= scale:
            return f"{value / scale:,.4g} {word} {unit}".strip()
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if magnitude < 1000 else f"{value:,.0f}"
    return f"{text} {unit}".strip()


def publisher_of(source: str | None, url: str | None = None) -> str:
    """Who published a document: the URL's host, else the folder or file the source names."""
    for candidate in (url, source):
        if candidate and re.match(r"https?://", candidate, re.I):
            host = urlsplit(candidate).hostname or ""
            return host.removeprefix("www.")
    if not source:
        return ""
    source = re.split(r"[#?]", source, maxsplit=1)[0]  # 'reut2-000.sgm#NEWID=5': the file
    parts = [p for p in re.split(r"[\\/]", source) if p and p != "."]
    if len(parts) >= 2:
        return parts[-2]
    return parts[0] if parts else source


# --- points ---------------------------------------------------------------------------------------

POINT_COLUMNS = (
    "figure_id",
    "series_key",
    "x",
    "period_start",
    "period_end",
    "period_class",
    "period_text",
    "placement",
    "value",
    "value_low",
    "value_high",
    "unit",
    "unit_kind",
    "kind",
    "modality",
    "qualifier",
    "derived",
    "derived_from",
    "derivation",
    "doc_id",
    "source",
    "title",
    "published",
    "publisher",
    "sentence",
    "surface",
    "highlights",
)


def _point(row: dict, **overrides: object) -> dict:
    start, end = row["period_start"], row["period_end"]
    point = {
        "figure_id": row["figure_id"],
        "series_key": row["series_key"],
        "period_start": start,
        "period_end": end,
        "value": row["value"],
        "value_low": row["value_low"],
        "value_high": row["value_high"],
        "unit": row["unit"],
        "unit_kind": row["unit_kind"],
        "kind": row["kind"],
        "modality": row["modality"],
        "qualifier": row["qualifier"],
        "derived": False,
        "derived_from": "",
        "derivation": "",
        "doc_id": row["doc_id"],
        "source": row["source"],
        "title": row["title"],
        "published": row["published"],
        "sentence": row["sentence"],
        "surface": row["surface"],
        "highlights": [row["surface"]],
    }
    point.update(overrides)
    start, end = point["period_start"], point["period_end"]
    point["period_class"] = period_class(start, end)  # type: ignore[arg-type]
    point["period_text"] = describe_period(start, end)  # type: ignore[arg-type]
    if end is not None:
        point["x"], point["placement"] = end, "period end"
    elif point["published"] is not None:
        point["x"], point["placement"] = point["published"], "publication date (period unknown)"
    else:
        point["x"], point["placement"] = None, "not placed (no period, no date)"
    point["publisher"] = publisher_of(point["source"])  # type: ignore[arg-type]
    return point


def _ordered_in_sentence(rows: list[dict]) -> list[tuple[dict, int, int]]:
    """Each figure's span inside its collapsed sentence, found from its surface in text order."""
    placed: list[tuple[dict, int, int]] = []
    cursor = 0
    for row in sorted(rows, key=lambda r: r["char_start"]):
        surface = " ".join(str(row["surface"]).split())
        at = row["sentence"].find(surface, cursor) if surface else -1
        if at < 0:
            return []  # the quote does not contain the figures in order: derive nothing
        placed.append((row, at, at + len(surface)))
        cursor = at + len(surface)
    return placed


def _prior_value(change: dict, level: dict) -> tuple[float, str] | None:
    """The level before the change, and how it was computed; None when the text does not say."""
    c, v = float(change["value"]), float(level["value"])
    cu, lu = change["unit"], level["unit"]
    if not (math.isfinite(c) and math.isfinite(v)):
        return None
    shown = format_value(v, lu)
    if cu == "%" and level["unit_kind"] != "percent" and c > -100 and v > 0:
        return v / (1 + c / 100), f"{shown} ÷ (1 {'+' if c >= 0 else '−'} {abs(c):g}%)"
    if cu == "pp" and lu == "%":
        return v - c, f"{shown} − ({c:g} pp)"
    if cu == "bp" and lu == "%":
        return v - c / 100, f"{shown} − ({c:g} bp)"
    if cu == lu and cu not in ("%", "pp", "bp") and level["unit_kind"] == change["unit_kind"]:
        return v - c, f"{shown} − {format_value(c, cu)}"
    return None


def derive_points(frame: pd.DataFrame) -> list[dict]:
    """Levels the text implies: 'increased by 10.2% to $28.2 billion' in 2022 gives 2021's level.

    Only a change and a level side by side in one sentence, over the same stated interval, are
    used; the implied point is the same period a year earlier (or the previous period when the
    sentence says quarter-on-quarter and the like), marked derived, citing that sentence.
    """
    out: list[dict] = []
    if frame.empty:
        return out
    by_sentence: dict[tuple[str, str], list[dict]] = {}
    for row in frame.to_dict(orient="records"):
        by_sentence.setdefault((row["doc_id"], row["sentence"]), []).append(row)
    for (_doc, sentence), group in by_sentence.items():
        if len(group) < 2:
            continue
        placed = _ordered_in_sentence(group)
        sequential = bool(_SEQUENTIAL_CUES.search(str(sentence)))
        for (a, _a0, a1), (b, b0, _b1) in pairwise(placed):
            between = str(sentence)[a1:b0]
            if a["kind"] == "change" and b["kind"] == "level":
                change, level = a, b
                if not _CHANGE_THEN_LEVEL.match(between):
                    continue
            elif a["kind"] == "level" and b["kind"] == "change":
                change, level = b, a
                if not _LEVEL_THEN_CHANGE.match(between):
                    continue
            else:
                continue
            start, end = level["period_start"], level["period_end"]
            if start is None or end is None or start == end:
                continue  # an instant or unknown period has no 'a year earlier' to place
            if change["period_end"] is not None and (
                change["period_start"],
                change["period_end"],
            ) != (start, end):
                continue
            prior = _prior_value(change, level)
            if prior is None:
                continue
            value, how = prior
            new_start, new_end = _shift_back(start, end, sequential)
            digest = hashlib.sha256(f"{change['figure_id']}|{level['figure_id']}".encode())
            out.append(
                _point(
                    level,
                    figure_id="derived-" + digest.hexdigest()[:16],
                    period_start=new_start,
                    period_end=new_end,
                    value=value,
                    value_low=None,
                    value_high=None,
                    qualifier="approx",
                    derived=True,
                    derived_from=f"{level['figure_id']};{change['figure_id']}",
                    derivation=(
                        f"implied: {how} ≈ {format_value(value, level['unit'])} for "
                        f"{describe_period(new_start, new_end)}"
                    ),
                    surface=f"{level['surface']} / {change['surface']}",
                    highlights=[str(change["surface"]), str(level["surface"])],
                )
            )
    return out


def build_points(frame: pd.DataFrame, *, derive: bool = True) -> pd.DataFrame:
    """Chart points for a figure frame: one per figure, plus derived ones; none dropped."""
    rows = [_point(r) for r in frame.to_dict(orient="records")]
    if derive:
        rows.extend(derive_points(frame))
    return points_frame(rows)


def points_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """Point records as the chart's frame: dated, in series and date order."""
    points = pd.DataFrame.from_records(rows, columns=list(POINT_COLUMNS))
    if points.empty:
        return points
    points["x"] = pd.to_datetime(points["x"])
    return points.sort_values(
        ["series_key", "x", "derived", "figure_id"], kind="stable"
    ).reset_index(drop=True)


def comparable_group(point_class: str) -> str:
    """Points that may be joined by a line: the same period length (instants with instants)."""
    return point_class


def percent_change(points: pd.DataFrame) -> pd.DataFrame:
    """Each level point as a change on the previous comparable period of its series.

    Reports of the same period are averaged to form the base, so several sources for the previous
    year give one base while each current report keeps its own point. Percent-unit levels
    (rates, shares) change in percentage points. Change-kind points are already changes and are
    kept as they are. Points with no earlier comparable period get no value (NaN).
    """
    out = points.copy()
    if out.empty:
        out["transformed_unit"] = []
        return out
    out["transformed_unit"] = out["unit"]
    levels = out[(out["kind"] == "level") & out["x"].notna()]
    for (_key, _cls), group in levels.groupby(["series_key", "period_class"], sort=False):
        if _cls in ("unknown",):
            out.loc[group.index, "value"] = float("nan")
            continue
        base_by_x = group.groupby("x")["value"].mean().sort_index()
        previous = base_by_x.shift(1)
        prev_for_row = group["x"].map(previous)
        is_rate = group["unit_kind"].isin(["percent"])
        pct = (group["value"] / prev_for_row - 1.0) * 100.0
        pct = pct.where(prev_for_row > 0)
        diff = group["value"] - prev_for_row
        out.loc[group.index, "value"] = pct.where(~is_rate, diff)
        out.loc[group.index, "transformed_unit"] = ["pp" if r else "%" for r in is_rate]
    return out
