"""Text in, figure rows out: the stages glued together.

Pure: no I/O and nothing loaded at import time beyond what the stages cache on first use.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace

import pandas as pd

from extract import entities, measures, periods, quantities, semantics, tables
from extract.context import DocContext, build_context
from extract.documents import Document
from extract.schema import Figure, figure_id_for, text_sha, to_frame
from extract.series import series_key
from extract.units import lexicon

# Bump whenever the figures produced for an unchanged text may differ, so stores re-extract.
EXTRACTION_VERSION = "0.6.4"


def extract_document(doc: Document) -> list[Figure]:
    ctx = build_context(doc.text, title=doc.title, published=doc.published)
    return list(_figures(doc, ctx))


def _figures(doc: Document, ctx: DocContext) -> Iterator[Figure]:
    sha = text_sha(doc.text)
    year = doc.published.year if doc.published else None
    hints = quantities.document_hints(doc.text, year)
    scanned = [
        quantities.scan(s.raw, excluded=periods.date_spans(s.raw))
        if quantities.may_hold_figure(s.raw)
        else []
        for s in ctx.sentences
    ]
    hints = quantities.with_currency(hints, [m for ms in scanned for m in ms])
    table_heads = quantities.table_units([s.raw for s in ctx.sentences])
    grids = [
        tables.table_cells(s.raw) if ms else {}
        for s, ms in zip(ctx.sentences, scanned, strict=True)
    ]
    found = [
        quantities.apply_table_unit(
            s.raw, quantities.finalize(s.raw, ms, hints), table, hints, cells
        )
        for s, ms, table, cells in zip(ctx.sentences, scanned, table_heads, grids, strict=True)
    ]
    previous_measure = ""
    for index, (sentence, mentions, cells) in enumerate(
        zip(ctx.sentences, found, grids, strict=True)
    ):
        raw = sentence.raw
        done: list[tuple[quantities.Mention, str, int]] = []
        modes: list[str] = []  # the modality of each figure in `done`
        sentence_measures: list[str] = []
        periods_done: list[periods.Period] = []  # the period of each figure in `done`
        for mention in mentions:
            cell = cells.get(mention.start) or cells.get(mention.num_start)
            measure = (
                cell.label
                if cell is not None and cell.label
                else measures.measure_for(
                    raw,
                    mention,
                    mentions=[m for m, _, _ in done],
                    measures=sentence_measures,
                    previous_measure=previous_measure,
                )
            )
            mention = _unit_from_context(raw, mention, measure, hints)  # may grow its span
            start, end = sentence.start + mention.start, sentence.start + mention.end
            span = (mention.start, mention.end)
            # "$58.24 per barrel", "5 mln tonnes a year": the unit stays plain and the rate's
            # denominator goes to the measure ("price per bbl").
            if mention.per_unit and mention.per_unit not in measure:
                measure = f"{measure} per {mention.per_unit}".strip()
            kind, sign = semantics.kind_and_sign(raw, mention, measure=measure, previous=done)
            if cell is not None and cell.change and mention.unit_kind in _RELATIVE:
                kind, sign = "change", -1 if mention.sign < 0 else 1
            elif cell is not None and cell.header:
                kind, sign = "level", 1
            mode = semantics.modality(raw, mention)
            if (
                mode == "actual"
                and done
                and modes[-1] == "projected"
                and semantics.gapped_item(raw, done[-1][0], mention)
            ):
                mode = "projected"  # "is expected to grow 4.1 percent ..., and India 6.8 percent"
            period = _column_period(ctx, cell, cells) if cell is not None else None
            if period is None and measures.tenor(raw, mention):
                period = periods.UNKNOWN  # "the 10-year Treasury": a maturity, not a time
            elif period is None and measures.age_bracket(raw, mention):
                period = periods.UNKNOWN  # "youth aged 15 to 24": who is counted
            elif period is None and doc.published is not None and semantics.polled(raw, mention):
                # "forecast by only 4 of 26 economists in a Reuters poll": as of the poll
                period = periods.Period(None, doc.published, "", "publication")
            elif period is None and mention.family == "age" and doc.published is not None:
                # "Henske, 53, has served as CEO since 1978": his age now, not in 1978
                period = periods.Period(None, doc.published, "", "publication")
            if period is None:
                period = periods.period_for(ctx, index, span, modality=mode, kind=kind)
            if (
                mode == "actual"
                and doc.published is not None
                and period.start is not None
                and period.start > doc.published
                and not semantics.reports_past(raw, mention)
            ):
                mode = "projected"  # a figure for a period still to come ("5 mln tonnes in 2025")
            if mention.prior and done:
                # "SEK 4,812 m (5,119)": the comparative, the span before the figure's
                period = _prior_period(periods_done[-1])
            if period.start is None and period.end is None and periods_done:
                period = _parallel_of(raw, mention, periods_done[-1]) or period
            if period.start is None and period.end is None:
                period = _base_of(raw, mention, done, periods_done) or period
            names = ";".join(entities.entities_for(ctx, index, span))
            done.append((mention, kind, sign))
            periods_done.append(period)
            modes.append(mode)
            if measure:
                sentence_measures.append(measure)
                previous_measure = measure
            value, low, high = mention.value, mention.value_low, mention.value_high
            if sign < 0:
                value = -abs(value)
                if low is not None and high is not None:
                    low, high = -abs(high), -abs(low)
            yield Figure(
                figure_id=figure_id_for(doc.doc_id, sha, start, end),
                doc_id=doc.doc_id,
                source=doc.source,
                title=doc.title,
                published=doc.published,
                sentence=sentence.text,
                char_start=start,
                char_end=end,
                surface=doc.text[start:end],
                value=value,
                value_low=low,
                value_high=high,
                unit=mention.unit,
                unit_kind=mention.unit_kind,
                qualifier=mention.qualifier,
                kind=kind,
                modality=mode,
                period_start=period.start,
                period_end=period.end,
                period_label=period.label,
                period_basis=period.basis,
                measure=measure,
                entities=names,
                series_key=series_key(measure, names, mention.unit, kind),
            )


_RELATIVE = frozenset({"percent", "percentage_point", "basis_point"})
_FROM_BEFORE = re.compile(r"\b(?:up|down)?\s*from\s+\Z", re.I)


def _prior_period(current: periods.Period) -> periods.Period:
    """The comparative period of a figure's bracketed prior value: a report period a year
    earlier, a week or day the one before; unknown for a quote as of a day."""
    start, end = current.start, current.end
    if start is None or end is None:
        return periods.UNKNOWN  # a quote's previous one: the week or day before, not said
    days = (end - start).days + 1
    if days >= 28:
        return periods.months_earlier(start, end, 12)
    shift = dt.timedelta(days=days)
    return periods.Period(start - shift, end - shift, "", "relative")


_COMPARED_WITH_A = re.compile(r"(?i)\bcompared\s+(?:with|to)\s+an?\s+\Z|\bversus\s+an?\s+\Z")
_CHANGE_NOUN_AFTER = re.compile(
    r"(?i)\s+(?:rise|gain|increase|jump|climb|advance|fall|drop|decline|decrease|slide|loss)\b"
)


def _parallel_of(
    raw: str, mention: quantities.Mention, previous: periods.Period
) -> periods.Period | None:
    """ "gained 24% over the past 12 months, compared with a 21% rise in the Sensex": another
    subject's change over the same span."""
    if previous.end is None or not _COMPARED_WITH_A.search(
        raw, max(0, mention.start - 20), mention.start
    ):
        return None
    return previous if _CHANGE_NOUN_AFTER.match(raw, mention.end) else None


def _base_of(
    raw: str,
    mention: quantities.Mention,
    done: list[tuple[quantities.Mention, str, int]],
    periods_done: list[periods.Period],
) -> periods.Period | None:
    """ "jumped to $612 million from $288 million" in a quarter: the base is the same quarter a
    year earlier; "accelerated to 12.3% from 12.0%" in March: a monthly rate's base is February.
    The figure compared with is the last one before it that has a whole span."""
    if not _FROM_BEFORE.search(raw, max(0, mention.start - 12), mention.start):
        return None
    spans = (
        (m.unit_kind, p)
        for (m, _, _), p in zip(reversed(done), reversed(periods_done), strict=True)
        if p.start is not None and p.end is not None
    )
    kind, last = next(spans, ("", periods.UNKNOWN))
    if kind != mention.unit_kind or last.start is None or last.end is None:
        return None
    days = (last.end - last.start).days
    months = 1 if 27 <= days <= 31 else 12
    if days < 27:
        return None
    return periods.months_earlier(last.start, last.end, months)


def _column_period(
    ctx: DocContext, cell: tables.Cell, cells: dict[int, tables.Cell]
) -> periods.Period | None:
    """A table cell's period is its column's; a change column's is that of the first column
    (the period the change runs to)."""
    if not cell.change:
        return periods.period_of_heading(ctx, cell.header)
    row = [c for c in cells.values() if c.label == cell.label and not c.change]
    return periods.period_of_heading(ctx, row[0].header) if row else None


_PEOPLE_CONTEXT = re.compile(
    r"\b(?:unemploy\w*|jobless|employ\w*|workers?|work\s*force|labou?r\s+force|staff|"
    r"out\s+of\s+work|personnel|employees|headcount|"
    r"people|persons|claimants|payrolls?|jobs?|hiring|hires|redundanc\w+|layoffs?|population)\b",
    re.I,
)
_INDEX_CONTEXT = re.compile(
    r"\b(?:index|indices|indexes|barometer|dow|nasdaq|s&p|ftse|nikkei|dax|cac|hang\s+seng|"
    r"sensex|nifty|kospi|stoxx|topix|ibex|ftse\s+mib|asx|tsx|bovespa|ibovespa|moex|rts|kase|"
    r"shanghai\s+composite|straits\s+times|psei|klci|bist|merval)\b",
    re.I,
)


_ELECTRICITY = re.compile(
    r"(?i)\b(?:electricity|power\s+(?:generation|demand|consumption|supply|output)|generation"
    r"|energy\s+(?:consumption|demand|supply))\b"
)


def _unit_from_context(
    raw: str, mention: quantities.Mention, measure: str, hints: quantities.DocHints
) -> quantities.Mention:
    """A bare number takes the unit its measure implies: jobless totals count people, an index
    level is in points, tax credits are money, a closing share price is in the local dollar."""
    if mention.unit == "unit" and _ELECTRICITY.search(raw):
        # India's "1,739 billion units" of electricity: a unit is a kilowatt-hour
        return replace(mention, unit="kWh", unit_kind="energy")
    if mention.unit or mention.unit_kind not in ("", "other"):
        return mention
    labelled = _CURRENCY_LABEL.search(raw, max(0, mention.start - 20), mention.start)
    code = lexicon().prefix_currencies.get(labelled.group(1)) if labelled else None
    if code is not None:
        # "Deal size in USD : 90.3 m": a field labelled with its currency
        money = replace(mention, unit=code, unit_kind="currency")
        scale = _SCALE_AFTER.match(raw, mention.end)
        if scale is None:
            return money
        scaled = quantities.times(money, lexicon().scales[scale.group(1)])
        return replace(scaled, end=scale.end(), surface=raw[mention.start : scale.end()])
    traffic = _TRAFFIC_MEASURE.search(measure)
    if traffic:  # "revenue passenger miles rose 9.5 pct to 10.9 mln"
        unit = f"{traffic.group(1).lower()} {traffic.group(2).lower().rstrip('s')}"
        return replace(mention, unit=unit, unit_kind="count")
    money = replace(mention, unit=hints.currency or hints.dollar, unit_kind="currency")
    if _SHARE_PRICE_BEFORE.search(raw[: mention.start]):
        return money
    whole = mention.value == int(mention.value)
    if whole and _EMPLOYS_BEFORE.search(raw[: mention.start]):
        return replace(mention, unit="employee", unit_kind="count")
    head = measures.head_noun(measure)
    known = quantities.unit_for_word(head) if head else None
    if known is not None and known.kind not in ("currency", "percent"):
        return replace(mention, unit=known.unit, unit_kind=known.kind)
    if head and _MONEY_HEADS.fullmatch(head) and mention.value >= 100:
        return money
    if _PEOPLE_CONTEXT.search(measure) and (whole or mention.value >= 100):
        unit = (
            "job" if re.search(r"\b(?:jobs?|payrolls?|hiring|hires)\b", measure, re.I) else "person"
        )
        if head and quantities.is_plural_noun(head) and head.lower() not in _GENERIC_PLURALS:
            unit = quantities.singular(head)
        return replace(mention, unit=unit, unit_kind="count")
    if _INDEX_CONTEXT.search(measure):
        return replace(mention, unit="point", unit_kind="index_point")
    if whole and head and quantities.is_plural_noun(head) and head.lower() not in _GENERIC_PLURALS:
        return replace(mention, unit=quantities.singular(head), unit_kind="count")
    return mention


_CURRENCY_LABEL = re.compile(r"\bin\s+([A-Z]{3})\s*:\s*\Z")
_SCALE_AFTER = re.compile(r"\s*(m|mn|bn)\b")
_TRAFFIC_MEASURE = re.compile(
    r"(?i)\b(passenger|seat|ton|tonne|freight)[- ](miles?|kilometres?|kilometers?|km)\b"
)
_SHARE_PRICE_BEFORE = re.compile(
    r"\b(?:shares?|stock)\b[^.;]{0,60}\b(?:closed|traded|ended|finished|opened|was\s+quoted)\b"
    r"[^.;]{0,30}\bat\s+\Z",
    re.I,
)
_MONEY_HEADS = re.compile(
    r"credits?|charges?|gains?|writedowns?|write-?offs?|provisions?|dividends?|income|profits?|"
    r"loss(?:es)?|revenues?|sales|costs?|expenses?|proceeds|payments?|debts?|assets|reserves",
    re.I,
)
_EMPLOYS_BEFORE = re.compile(
    r"\bemploy(?:s|ed|ing)?\s+(?:(?:about|some|around|nearly|almost|over|more\s+than|"
    r"roughly|approximately|a\s+total\s+of)\s+)?\Z",
    re.I,
)
_GENERIC_PLURALS = frozenset(
    """sales exports imports earnings revenues results figures prices costs profits losses
    assets liabilities reserves deposits loans funds savings proceeds shares stocks bonds
    securities payments receipts outlays expenses taxes wages rates yields terms levels
    totals numbers data statistics estimates forecasts orders shipments deliveries
    operations activities holdings investments borrowings""".split()
)


def extract_figures(
    text: str,
    *,
    published: dt.date | dt.datetime | str | None = None,
    source: str | None = None,
    doc_id: str | None = None,
    title: str | None = None,
) -> pd.DataFrame:
    """Every figure in one document, as the tidy frame of docs/figures.md."""
    doc = Document.make(text, source=source or "", doc_id=doc_id, title=title, published=published)
    return to_frame(extract_document(doc))


def iter_figures(docs: Iterable[Document], *, progress: bool = False) -> Iterator[Figure]:
    items: Iterable[Document] = docs
    if progress and sys.stderr.isatty():
        from tqdm import tqdm

        items = tqdm(docs, unit="doc", file=sys.stderr)
    for doc in items:
        yield from extract_document(doc)


def extract_documents(docs: Iterable[Document], *, progress: bool = False) -> pd.DataFrame:
    """Many documents at once; `progress` shows a bar on a terminal's standard error."""
    return to_frame(iter_figures(docs, progress=progress))
