"""Properties of extraction on any text: it never raises, spans cite their surface, ids are
stable, and relative periods are never resolved without a publication date."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import COLUMNS, Document, extract_document, extract_documents, extract_figures

# Text that looks like news: numbers, units, currency signs, dates and punctuation mixed in.
_PIECES = st.sampled_from(
    [
        "rose",
        "fell",
        "by",
        "to",
        "from",
        "about",
        "more than",
        "between",
        "and",
        "pct",
        "%",
        "$",
        "US$",
        "billion",
        "mln",
        "dlrs",
        "stg",
        "yen",
        "tonnes",
        "barrels per day",
        "vs",
        "Net",
        "Shr",
        "last year",
        "in January-August of this year",
        "by 2033",
        "Q3",
        "H1",
        "the third quarter",
        "1987",
        "November 9",
        ",",
        ".",
        ";",
        "\n",
        "\n\n    ",
        "-",
        "/",
        "1/2",
        "7-1/2",
        "½",
        "two",
        "a third of",
        "half",
        "[ad_1]",
        "Source link",
        "€",
        "£",
        "¥",
        "Rs",
        "crore",
        "bn",
        "m",
        "k",
        "per",
        "a share",
        "cents",
        "will",
        "expected",
        "Russia",
        "Kazakhstan",
        "the two countries",
        "(",
        ")",
        "10:30",
        "M-1",
        "EUR18 .9 m",
    ]
)
_NUMBERS = st.one_of(
    st.integers(min_value=-(10**7), max_value=10**10).map(str),
    st.floats(min_value=0, max_value=1e9, allow_nan=False).map(lambda f: f"{f:,.2f}"),
    st.decimals(min_value=0, max_value=1000, places=3).map(str),
)
_NEWSLIKE = st.lists(st.one_of(_PIECES, _NUMBERS, st.text(max_size=8)), max_size=40).map(" ".join)
_DATES = st.one_of(
    st.none(), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=400), _NEWSLIKE), published=_DATES)
def test_never_raises_and_spans_cite_the_surface(text: str, published: dt.date | None) -> None:
    frame = extract_figures(text, published=published, source="prop")
    assert tuple(frame.columns) == COLUMNS
    stored = Document.make(text, source="prop").text
    for row in frame.to_dict("records"):
        assert stored[row["char_start"] : row["char_end"]] == row["surface"]
        assert row["surface"].strip() == row["surface"] and row["surface"]
        if row["value_low"] == row["value_low"]:  # not NaN: a range
            assert row["value_low"] <= row["value"] <= row["value_high"]
        if published is None:
            assert row["period_basis"] in ("explicit", "unknown")


@settings(max_examples=50, deadline=None)
@given(text=_NEWSLIKE)
def test_ids_are_stable_and_unique(text: str) -> None:
    doc = Document.make(text, source="a.txt", published="2023-11-08")
    first = [f.figure_id for f in extract_document(doc)]
    again = [f.figure_id for f in extract_document(Document.make(text, source="a.txt"))]
    assert first == again
    assert len(set(first)) == len(first)


def test_many_documents_at_once() -> None:
    docs = [
        Document.make(
            "Exports rose 5 pct to 1.2 billion dlrs.", source="a", published="1987-03-02"
        ),
        Document.make("Net 12.5 mln vs 10.3 mln", source="b", published="1987-03-02"),
        Document.make("No numbers here.", source="c"),
    ]
    frame = extract_documents(docs)
    assert tuple(frame.columns) == COLUMNS
    assert frame.groupby("source").size().to_dict() == {"a": 2, "b": 2}
    assert set(frame["doc_id"]) == {docs[0].doc_id, docs[1].doc_id}


def test_relative_periods_stay_unresolved_without_a_date() -> None:
    frame = extract_figures("Mutual trade turnover last year increased by 10.2% to $28.2 billion.")
    assert set(frame["period_basis"]) == {"unknown"}
    assert frame["period_start"].isna().all() and frame["period_end"].isna().all()
    assert set(frame["period_label"]) == {"last year"}
