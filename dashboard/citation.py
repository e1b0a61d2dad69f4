"""The citation panel: the quote with the figure highlighted, its source, and the full record.

Everything from articles goes into Dash components as text children (React escapes it), never as
HTML; links are made only for http(s) URLs.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from dash import html

from extract.context import build_context
from extract.schema import COLUMNS
from extract.series import format_value

Segment = tuple[str, bool]  # (text, highlighted)


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def offset_in_quote(sentence: str, record: dict[str, Any], doc_text: str | None) -> int | None:
    """Where a figure's surface starts in its (whitespace-collapsed) quote, from char offsets.

    The quote collapses the document's whitespace, so the offset is recomputed from the document
    text when it is at hand; otherwise the surface is looked up in the quote.
    """
    surface = _collapsed(str(record.get("surface") or ""))
    if not surface:
        return None
    start = record.get("char_start")
    if doc_text and isinstance(start, int) and 0 <= start < len(doc_text):
        ctx = build_context(doc_text)
        index = ctx.sentence_at(start)
        if index is not None:
            sent = ctx.sentences[index]
            if sent.text == sentence:
                prefix = doc_text[sent.start : start]
                offset = len(_collapsed(prefix))
                if prefix.strip() and prefix[-1].isspace():
                    offset += 1
                if sentence[offset : offset + len(surface)] == surface:
                    return offset
    at = sentence.find(surface)
    return at if at >= 0 else None


def quote_segments(
    sentence: str, records: Sequence[dict[str, Any]], doc_text: str | None = None
) -> list[Segment]:
    """The quote cut into plain and highlighted pieces, one highlight per cited figure."""
    spans: list[tuple[int, int]] = []
    for record in records:
        at = offset_in_quote(sentence, record, doc_text)
        if at is not None:
            spans.append((at, at + len(_collapsed(str(record["surface"])))))
    spans.sort()
    out: list[Segment] = []
    pos = 0
    for start, end in spans:
        if start < pos:
            continue  # overlapping spans: keep the first
        if start > pos:
            out.append((sentence[pos:start], False))
        out.append((sentence[start:end], True))
        pos = end
    if pos < len(sentence):
        out.append((sentence[pos:], False))
    return out


def _show(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def safe_href(url: str | None) -> str | None:
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def citation_panel(point: dict[str, Any] | None) -> html.Div:
    if point is None:
        return html.Div(
            "That point is no longer in the store (a refresh replaced it). Pick it again.",
            className="citation-empty",
        )
    records = point.get("records") or []
    segments = quote_segments(str(point["sentence"]), records, point.get("document_text"))
    quote = [html.Mark(text) if marked else text for text, marked in segments]
    url = point.get("url")
    href = safe_href(url) or safe_href(str(point.get("source") or ""))
    where = [
        html.Span(point.get("publisher") or "", className="citation-publisher"),
        " · ",
        html.Span(_show(point.get("published")) or "no date", className="citation-date"),
    ]
    if href:
        where += [" · ", html.A(href, href=href, target="_blank", rel="noopener noreferrer")]
    else:
        where += [" · ", html.Span(str(point.get("source") or ""), className="citation-source")]
    summary = (
        f"{format_value(point['value'], point['unit'])} · {point['kind']} · "
        f"{point['period_text']} ({point['period_class']} period)"
    )
    children: list[Any] = [
        html.H4(point.get("title") or "(untitled)", id="citation-title"),
        html.Div(where, className="citation-where"),
        html.Blockquote(quote, id="citation-quote"),
        html.Div(summary, id="citation-summary", className="citation-summary"),
    ]
    if point.get("derived"):
        children.append(
            html.Div(
                f"Derived point, not stated in the text: {point['derivation']}.",
                className="citation-derived",
            )
        )
    for record in records:
        children.append(
            html.Details(
                [
                    html.Summary(f"Full record: {record.get('surface', '')}"),
                    html.Table(
                        html.Tbody(
                            [
                                html.Tr([html.Th(col), html.Td(_show(record.get(col)))])
                                for col in COLUMNS
                            ]
                        ),
                        className="record",
                    ),
                ],
                open=len(records) == 1,
            )
        )
    return html.Div(
        children,
        className="citation",
        id="citation-point",
        **{"data-figure": str(point["figure_id"]), "data-doc": str(point["doc_id"])},
    )
