"""Periods stage: date spans that are never figures, period expressions, their resolution
against the publication date, attachment to the right figure, and document context.

Sentences are real: the seed article and Reuters-21578 stories (reut2-000..015), copied here
as literals so the tests run without ../shared.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import extract_figures
from extract.context import build_context
from extract.periods import Period, date_spans, period_for

D = dt.date


def period_of(
    text: str,
    surface: str,
    *,
    published: dt.date | None,
    title: str | None = None,
    modality: str = "actual",
    kind: str = "level",
    occurrence: int = 1,
) -> Period:
    """The period of the `occurrence`-th `surface` in `text`, as the pipeline asks for it."""
    ctx = build_context(text, title=title, published=published)
    at = -1
    for _ in range(occurrence):
        at = text.index(surface, at + 1)
    index = ctx.sentence_at(at)
    assert index is not None, f"{surface!r} is in no sentence"
    sentence = ctx.sentences[index]
    span = (at - sentence.start, at - sentence.start + len(surface))
    return period_for(ctx, index, span, modality=modality, kind=kind)


# ----------------------------------------------------------------------------------------------
# date_spans

DATES = [
    ("ahead of the meeting in Astana on November 9.", "November 9"),
    ("The summit opens on 9 November in Astana.", "9 November"),
    ("The meeting is set for Nov. 9 in Astana.", "Nov. 9"),
    ("From January 1, 2024, Russia will be the chairman of the CIS.", "January 1, 2024"),
    ("The notes were issued on 5/14/82 at par.", "5/14/82"),
    ("Published 2023-11-08 by the agency.", "2023-11-08"),
    ("Output will double in 2033.", "2033"),
    ("by 2033 they plan to send more than 100 million tons of Russian oil", "2033"),
    ("Sales rose 12 pct in 1986, the company said.", "1986"),
    ("The company expects a loss in fiscal 1987.", "fiscal 1987"),
    ("sales are estimated at 6.13 mln bags against the 1986/87 crop", "1986/87"),
    ("Prices rose sharply in the 1990s.", "1990s"),
    ("Revenue for FY2023 was 4.1 billion dollars.", "FY2023"),
    ("The market closed at 10:30 after a quiet session.", "10:30"),
    ("The Bank of England said at 0930 GMT it would provide help.", "0930 GMT"),
    ("Earnings rose 8 pct in Q3 on higher volumes.", "Q3"),
    ("3Q earnings rose 8 pct.", "3Q"),
    ("H1 revenue rose 5 pct.", "H1"),
    ("Shr 1.25 dlrs vs 1.10 dlrs in the 1st qtr", "1st qtr"),
    ("to a seasonally adjusted 736.7 billion dlrs in the February 16 week", "February 16 week"),
    ("NEW YORK, March 5 - U.S. M-1 money supply rose 2.1 billion dlrs", "March 5"),
    ("Record April 10", "April 10"),
    ("the four weeks ended March 2 rose 2.5 pct", "weeks ended March 2"),
    ("SALVADOR, Feb 26 - Showers continued throughout the week", "Feb 26"),
    ("Santiago, march 6 - chile's gross domestic product rose 5.7 pct", "march 6"),
]


@pytest.mark.parametrize(("sentence", "date"), DATES)
def test_date_spans_cover_dates(sentence: str, date: str) -> None:
    start = sentence.index(date)
    spans = date_spans(sentence)
    assert any(s <= start and start + len(date) <= e for s, e in spans), (date, spans)


FIGURES = [
    ("The stake was bought for $2000 last week.", "$2000"),
    ("The plant will create 2,033 jobs.", "2,033 jobs"),
    ("Exports were 1,987 tonnes.", "1,987 tonnes"),
    ("The mill produced 2000 tonnes of sugar.", "2000 tonnes"),
    ("Its 1986 net profit of 5 mln dlrs was a record.", "5 mln"),
    ("Its 1986 net profit of 5 mln dlrs was a record.", "net profit"),
    ("Exports were up 1.5 pct in 1986.", "1.5 pct"),
    ("Stocks stood at 1000-2000 bags.", "1000-2000"),
    ("The index rose 2.3 points to 2010.5.", "2010.5"),
    ("Dividends of 2000 dlrs were paid.", "2000 dlrs"),
    ("The Dow rose to 2,250 from 2,200.", "2,250"),
    ("Inflation eased to 3.2 pct in May from 3.5 pct.", "3.5 pct"),
    ("Shr 1.25 dlrs vs 1.10 dlrs", "1.10 dlrs"),
]


@pytest.mark.parametrize(("sentence", "figure"), FIGURES)
def test_date_spans_keep_figures(sentence: str, figure: str) -> None:
    start = sentence.index(figure)
    end = start + len(figure)
    assert not [(s, e) for s, e in date_spans(sentence) if s < end and start < e]


def test_date_span_of_year_before_a_measure_is_the_year_alone() -> None:
    sentence = "Its 1986 net profit of 5 mln dlrs was a record, up 1.5 pct in 1986."
    assert [sentence[s:e] for s, e in date_spans(sentence)] == ["1986", "1986"]


def test_date_spans_of_the_seed_dates() -> None:
    text = (
        "“From January 1, 2024, Russia will be the chairman of the CIS. Our main priorities "
        "include deepening economic interaction,” the president said."
    )
    assert [text[s:e] for s, e in date_spans(text)] == ["January 1, 2024"]


# ----------------------------------------------------------------------------------------------
# the seed article (published 2023-11-08)

SEED_PUBLISHED = D(2023, 11, 8)
SEED_TRADE = (
    "Putin pointed to the “good pace” of trade development with Kazakhstan. Mutual trade "
    "turnover last year increased by 10.2% to a record $28.2 billion, and in January-August of "
    "this year it added another 7.6% and amounted to $18.9 billion.  "
    "Russia’s investments in Kazakhstan amount to about $17 billion; about 6,000 enterprises "
    "with Russian participation operate in the republic."
)
SEED_PLANS = (
    "He clarified that now in key sectors of the economy, including mechanical engineering, "
    "metallurgy and chemical industry, work is underway on 40 projects worth $16.6 billion. As "
    "part of their implementation, more than 15,000 jobs will be created, the Kazakh leader "
    "added.  In particular, by 2033 they plan to send more than 100 million tons of Russian "
    "oil through Kazakhstan, Tokayev said."
)

SEED_CASES = [
    (SEED_TRADE, "10.2%", "change", "actual", D(2022, 1, 1), D(2022, 12, 31), "last year",
     "relative"),
    (SEED_TRADE, "$28.2 billion", "level", "actual", D(2022, 1, 1), D(2022, 12, 31),
     "last year", "relative"),
    (SEED_TRADE, "7.6%", "change", "actual", D(2023, 1, 1), D(2023, 8, 31),
     "in January-August of this year", "relative"),
    (SEED_TRADE, "$18.9 billion", "level", "actual", D(2023, 1, 1), D(2023, 8, 31),
     "in January-August of this year", "relative"),
    (SEED_TRADE, "about $17 billion", "level", "actual", None, SEED_PUBLISHED, "",
     "publication"),
    (SEED_TRADE, "about 6,000 enterprises", "level", "actual", None, SEED_PUBLISHED, "",
     "publication"),
    (SEED_PLANS, "$16.6 billion", "level", "actual", None, SEED_PUBLISHED, "", "publication"),
    (SEED_PLANS, "more than 15,000 jobs", "level", "projected", None, None, "", "unknown"),
    (SEED_PLANS, "more than 100 million tons", "level", "projected", None, D(2033, 12, 31),
     "by 2033", "explicit"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "surface", "kind", "modality", "start", "end", "label", "basis"), SEED_CASES
)
def test_seed_periods(
    text: str,
    surface: str,
    kind: str,
    modality: str,
    start: dt.date | None,
    end: dt.date | None,
    label: str,
    basis: str,
) -> None:
    got = period_of(text, surface, published=SEED_PUBLISHED, kind=kind, modality=modality)
    assert got == Period(start, end, label, basis)


# ----------------------------------------------------------------------------------------------
# forms and attachment within a sentence (Reuters-21578 sentences unless noted)

M1 = (
    "NEW YORK, Feb 26 - U.S. M-1 money supply rose 2.1 billion dlrs to a seasonally adjusted "
    "736.7 billion dlrs in the February 16 week, the Federal Reserve said.\n    The previous "
    "week's M-1 level was revised to 734.6 billion dlrs from 734.2 billion dlrs, while the "
    "four-week moving average of M-1 rose to 735.0 billion dlrs from 733.5 billion."
)
FED = (
    "The Fed said M-1 rose 1.9 billion dlrs in the week ended March 2 to 737.8 billion dlrs "
    "from 735.9 billion in the previous week."
)
PORTUGAL = (
    "LISBON, March 13 - Portugal's consumer prices rose one pct last month after a 1.2 pct "
    "increase in January and a 1.3 pct rise in February 1986, the National Statistics "
    "Institute said.\n    The consumer price index (base 1976) rose to 761.3 from 753.7 in "
    "January and compared with 695.4 in February 1986."
)
JAPAN_JOBS = (
    "TOKYO, March 3 - Japan's seasonally adjusted unemployment rate rose to a record 3.0 pct "
    "in January, the worst since the Government started compiling unemployment statistics "
    "under its current system in 1953, up from the previous record 2.9 pct in December, the "
    "government's Management and Coordination Agency said.\n    Unemployment was up from 2.8 "
    "pct a year earlier."
)
SNC = (
    "MONTREAL, March 25 - <SNC Group Inc> expects 1987 earnings to rise to 1.20-1.40 dlrs a "
    "share from 91 cts a share last year, with revenues climbing to about 430 mln dlrs from "
    "last year's 350 mln dlrs, president Alex Taylor said before the annual meeting."
)
DUTCH = (
    "AMSTERDAM, March 30 - Dutch seasonally adjusted M2 money supply was hardly changed at "
    "169.49 billion guilders in December from 169.56 billion in November, Central Bank data "
    "show.\n    The figure was 2.6 pct higher than in December 1985.\n    It was up 9.4 pct "
    "on its level a year before."
)

SENTENCE_CASES = [
    # (text, published, surface, kind, modality, start, end, label, basis)
    (M1, D(1987, 2, 26), "2.1 billion", "change", "actual", D(1987, 2, 10), D(1987, 2, 16),
     "in the February 16 week", "relative"),
    (M1, D(1987, 2, 26), "736.7 billion", "level", "actual", D(1987, 2, 10), D(1987, 2, 16),
     "in the February 16 week", "relative"),
    (M1, D(1987, 2, 26), "734.6 billion", "level", "actual", D(1987, 2, 3), D(1987, 2, 9),
     "The previous week's", "relative"),
    (M1, D(1987, 2, 26), "734.2 billion", "level", "actual", D(1987, 2, 3), D(1987, 2, 9),
     "The previous week's", "relative"),
    (M1, D(1987, 2, 26), "735.0 billion", "level", "actual", D(1987, 1, 20), D(1987, 2, 16),
     "the four-week moving average", "relative"),
    (FED, D(1987, 3, 12), "1.9 billion", "change", "actual", D(1987, 2, 24), D(1987, 3, 2),
     "in the week ended March 2", "relative"),
    (FED, D(1987, 3, 12), "737.8 billion", "level", "actual", D(1987, 2, 24), D(1987, 3, 2),
     "in the week ended March 2", "relative"),
    (FED, D(1987, 3, 12), "735.9 billion", "level", "actual", D(1987, 2, 17), D(1987, 2, 23),
     "in the previous week", "relative"),
    ("Industrial output rose 0.4 pct in February compared with January after rising 0.6 pct "
     "in January over December.", D(1987, 3, 16), "0.4 pct", "change", "actual",
     D(1987, 2, 1), D(1987, 2, 28), "in February", "relative"),
    ("Industrial output rose 0.4 pct in February compared with January after rising 0.6 pct "
     "in January over December.", D(1987, 3, 16), "0.6 pct", "change", "actual",
     D(1987, 1, 1), D(1987, 1, 31), "in January", "relative"),
    ("The trade deficit widened to 6.05 billion dlrs from 1.97 billion in 1986.",
     D(1987, 3, 10), "1.97 billion", "level", "actual", D(1986, 1, 1), D(1986, 12, 31),
     "in 1986", "explicit"),
    ("The trade deficit widened to 6.05 billion dlrs from 1.97 billion in 1986.",
     D(1987, 3, 10), "6.05 billion", "level", "actual", None, D(1987, 3, 10), "",
     "publication"),
    (JAPAN_JOBS, D(1987, 3, 3), "3.0 pct", "level", "actual", D(1987, 1, 1), D(1987, 1, 31),
     "in January", "relative"),
    (JAPAN_JOBS, D(1987, 3, 3), "2.9 pct", "level", "actual", D(1986, 12, 1),
     D(1986, 12, 31), "in December", "relative"),
    (JAPAN_JOBS, D(1987, 3, 3), "2.8 pct", "level", "actual", D(1986, 1, 1), D(1986, 1, 31),
     "a year earlier", "relative"),
    (PORTUGAL, D(1987, 3, 13), "one pct", "change", "actual", D(1987, 2, 1), D(1987, 2, 28),
     "last month", "relative"),
    (PORTUGAL, D(1987, 3, 13), "1.2 pct", "change", "actual", D(1987, 1, 1), D(1987, 1, 31),
     "in January", "relative"),
    (PORTUGAL, D(1987, 3, 13), "1.3 pct", "change", "actual", D(1986, 2, 1), D(1986, 2, 28),
     "in February 1986", "explicit"),
    (PORTUGAL, D(1987, 3, 13), "761.3", "level", "actual", D(1987, 2, 1), D(1987, 2, 28),
     "last month", "relative"),
    (PORTUGAL, D(1987, 3, 13), "695.4", "level", "actual", D(1986, 2, 1), D(1986, 2, 28),
     "in February 1986", "explicit"),
    (SNC, D(1987, 3, 25), "91 cts", "level", "actual", D(1986, 1, 1), D(1986, 12, 31),
     "last year", "relative"),
    (SNC, D(1987, 3, 25), "350 mln dlrs", "level", "actual", D(1986, 1, 1), D(1986, 12, 31),
     "last year's", "relative"),
    (SNC, D(1987, 3, 25), "1.20-1.40 dlrs", "level", "projected", D(1987, 1, 1),
     D(1987, 12, 31), "1987", "explicit"),
    (DUTCH, D(1987, 3, 30), "169.49 billion", "level", "actual", D(1986, 12, 1),
     D(1986, 12, 31), "in December", "relative"),
    (DUTCH, D(1987, 3, 30), "169.56 billion", "level", "actual", D(1986, 11, 1),
     D(1986, 11, 30), "in November", "relative"),
    (DUTCH, D(1987, 3, 30), "2.6 pct", "change", "actual", D(1986, 12, 1), D(1986, 12, 31),
     "in December", "relative"),
    (DUTCH, D(1987, 3, 30), "9.4 pct", "change", "actual", D(1985, 12, 1), D(1985, 12, 31),
     "a year before", "relative"),
    # quarters, halves and month spans without a year: the latest one begun by publication
    ("GNP grew 1.1 pct in the fourth quarter.", D(1987, 3, 5), "1.1 pct", "change", "actual",
     D(1986, 10, 1), D(1986, 12, 31), "in the fourth quarter", "relative"),
    ("First-quarter sales rose 4.5 pct to 2.3 billion dlrs.", D(1987, 4, 20), "4.5 pct",
     "change", "actual", D(1987, 1, 1), D(1987, 3, 31), "First-quarter", "relative"),
    ("Third-quarter net income rose to 12 mln dlrs.", D(1987, 3, 5), "12 mln", "level",
     "actual", D(1986, 7, 1), D(1986, 9, 30), "Third-quarter", "relative"),
    ("Earnings rose 8 pct in Q3 on higher volumes.", D(1987, 3, 5), "8 pct", "change",
     "actual", D(1986, 7, 1), D(1986, 9, 30), "in Q3", "relative"),
    ("3Q86 earnings rose 8 pct.", D(1987, 3, 5), "8 pct", "change", "actual", D(1986, 7, 1),
     D(1986, 9, 30), "3Q86", "explicit"),
    ("Sales rose 6 pct in the first half.", D(1987, 8, 20), "6 pct", "change", "actual",
     D(1987, 1, 1), D(1987, 6, 30), "in the first half", "relative"),
    ("H1 1986 revenue rose 5 pct.", D(1987, 8, 20), "5 pct", "change", "actual",
     D(1986, 1, 1), D(1986, 6, 30), "H1 1986", "explicit"),
    ("Exports rose 5.2 pct year-on-year in February.", D(1987, 3, 13), "5.2 pct", "change",
     "actual", D(1987, 2, 1), D(1987, 2, 28), "in February", "relative"),
    ("Exports fell 3.1 pct in December.", D(1987, 3, 13), "3.1 pct", "change", "actual",
     D(1986, 12, 1), D(1986, 12, 31), "in December", "relative"),
    ("Sales rose 11 pct in the first nine months of 1986.", D(1987, 3, 5), "11 pct", "change",
     "actual", D(1986, 1, 1), D(1986, 9, 30), "in the first nine months of 1986", "explicit"),
    ("Japan's customs-cleared trade surplus in the first 20 days of February jumped to 3.58 "
     "billion dlrs.", D(1987, 3, 2), "3.58 billion", "level", "actual", D(1987, 2, 1),
     D(1987, 2, 20), "in the first 20 days of February", "relative"),
    ("Sales for the 34 weeks ended February 21 totaled 323.2 mln dlrs.", D(1987, 3, 2),
     "323.2 mln", "level", "actual", D(1986, 6, 29), D(1987, 2, 21),
     "for the 34 weeks ended February 21", "relative"),
    ("Inflation rose to 17.5 pct over the 12 months to the end of February.", D(1987, 3, 3),
     "17.5 pct", "change", "actual", D(1986, 3, 1), D(1987, 2, 28),
     "over the 12 months to the end of February", "relative"),
    ("Exports so far this year rose 5 pct.", D(1987, 3, 10), "5 pct", "change", "actual",
     D(1987, 1, 1), D(1987, 3, 10), "so far this year", "relative"),
    ("Growth is forecast at 2.5 pct next year.", D(1987, 3, 10), "2.5 pct", "change",
     "projected", D(1988, 1, 1), D(1988, 12, 31), "next year", "relative"),
    ("The economy grew 3.4 pct in 2022.", D(2023, 3, 1), "3.4 pct", "change", "actual",
     D(2022, 1, 1), D(2022, 12, 31), "in 2022", "explicit"),
    ("Prices have risen 20 pct since January.", D(1987, 3, 10), "20 pct", "change", "actual",
     D(1987, 1, 1), D(1987, 3, 10), "since January", "relative"),
    ("Reserves stood at 3.2 billion dlrs at the end of February.", D(1987, 3, 10),
     "3.2 billion", "level", "actual", None, D(1987, 2, 28), "at the end of February",
     "relative"),
    ("Inflation averaged 7 pct a year in the 1970s.", D(1987, 3, 10), "7 pct", "change",
     "actual", D(1970, 1, 1), D(1979, 12, 31), "in the 1970s", "explicit"),
    ("Output will reach 5 mln tonnes by 1990.", D(1987, 3, 10), "5 mln tonnes", "level",
     "projected", None, D(1990, 12, 31), "by 1990", "explicit"),
    ("Last February's figure had also been hit by the import of two passenger aircraft.",
     D(1987, 3, 10), "two passenger aircraft", "level", "actual", D(1986, 2, 1),
     D(1986, 2, 28), "Last February's", "relative"),
    ("It was at a peak of 11.7 pct last summer.", D(1987, 3, 13), "11.7 pct", "level",
     "actual", D(1986, 6, 1), D(1986, 8, 31), "last summer", "relative"),
    ("The bank accepted bids of 4.8 billion guilders covering the period March 2 to 9.",
     D(1987, 3, 2), "4.8 billion", "level", "actual", D(1987, 3, 2), D(1987, 3, 9),
     "March 2 to 9", "relative"),
    ("The agreement worth 2 billion dlrs was signed on November 1.", D(2023, 11, 8),
     "2 billion", "level", "actual", D(2023, 11, 1), D(2023, 11, 1), "on November 1",
     "relative"),
    ("Total deposits rose 2.6 pct in the year to March 31, 1987.", D(1987, 5, 1), "2.6 pct",
     "change", "actual", D(1986, 4, 1), D(1987, 3, 31), "in the year to March 31, 1987",
     "explicit"),
    # a year before "to" and an amount is the year of the period, not the start of a range
    ("This brought exports for the first two months of 1987 to 6.67 billion rand.",
     D(1987, 3, 27), "6.67 billion rand", "level", "actual", D(1987, 1, 1), D(1987, 2, 28),
     "for the first two months of 1987", "explicit"),
    ("Sales in the first three quarters of 2008 rose 5%.", D(2008, 11, 1), "5%", "change",
     "actual", D(2008, 1, 1), D(2008, 9, 30), "in the first three quarters of 2008", "explicit"),
    ("The board proposed a 1.00 eur dividend for the full-year 2007.", D(2008, 2, 1),
     "1.00 eur", "level", "projected", D(2007, 1, 1), D(2007, 12, 31), "for the full-year 2007",
     "explicit"),
    ("From January to August, NEV retail sales totaled 6.02 million units.", D(2024, 9, 9),
     "6.02 million units", "level", "actual", D(2024, 1, 1), D(2024, 8, 31),
     "From January to August", "relative"),
    ("Transits fell 39% in the first half of January.", D(2024, 1, 20), "39%", "change",
     "actual", D(2024, 1, 1), D(2024, 1, 15), "in the first half of January", "relative"),
    ("Sales were 7.0 per cent in Q2, Q3 at 7.4 per cent and Q4 at 7.9 per cent.",
     D(2024, 12, 20), "7.4 per cent", "level", "actual", D(2024, 7, 1), D(2024, 9, 30), "Q3",
     "relative"),
    ("NEW DELHI - Real GDP grew by 6.7 per cent in Q1:2024-25, the RBI said.", D(2024, 10, 9),
     "6.7 per cent", "change", "actual", D(2024, 4, 1), D(2024, 6, 30), "in Q1:2024-25",
     "explicit"),
    ("Cardinal restated earnings for the first nine months of 1986 to 235,000 dlrs.",
     D(1987, 4, 7), "235,000 dlrs", "level", "actual", D(1986, 1, 1), D(1986, 9, 30),
     "for the first nine months of 1986", "explicit"),
    ("Sight deposits rose 743.7 mln Swiss francs in the second 10 days of March.",
     D(1987, 3, 23), "743.7 mln Swiss francs", "change", "actual", D(1987, 3, 11),
     D(1987, 3, 20), "in the second 10 days of March", "relative"),
    # a month as a modifier of the measure
    ("Japan's March exports rose 5% and September sales fell.", D(2024, 5, 15), "5%",
     "change", "actual", D(2024, 3, 1), D(2024, 3, 31), "March", "relative"),
    ("Its May sales rose 5 pct.", D(1987, 6, 10), "5 pct", "change", "actual",
     D(1987, 5, 1), D(1987, 5, 31), "May", "relative"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "surface", "kind", "modality", "start", "end", "label", "basis"),
    SENTENCE_CASES,
)
def test_sentence_periods(
    text: str,
    published: dt.date,
    surface: str,
    kind: str,
    modality: str,
    start: dt.date | None,
    end: dt.date | None,
    label: str,
    basis: str,
) -> None:
    got = period_of(text, surface, published=published, kind=kind, modality=modality)
    assert got == Period(start, end, label, basis)


# ----------------------------------------------------------------------------------------------
# fiscal years follow the country or the company

FISCAL_CASES = [
    ("TOKYO, March 2 - Japan's current account surplus will reach 80 billion dlrs in fiscal "
     "1987, the Finance Ministry said.", D(1987, 3, 2), "80 billion", "projected",
     D(1987, 4, 1), D(1988, 3, 31), "in fiscal 1987"),
    ("WASHINGTON, March 2 - The Congressional Budget Office said the federal budget deficit "
     "would be 170 billion dlrs in fiscal 1988.", D(1987, 3, 2), "170 billion", "projected",
     D(1987, 10, 1), D(1988, 9, 30), "in fiscal 1988"),
    ("TOKYO, March 11 - Nippon Oil Co Ltd said its dividend would be six yen for 1986/87, "
     "Japan's oil industry said.", D(1987, 3, 11), "six yen", "actual", D(1986, 4, 1),
     D(1987, 3, 31), "for 1986/87"),
    ("Brazil's coffee exports in the 1986/87 season were 9.5 mln bags.", D(1987, 3, 11),
     "9.5 mln", "actual", D(1986, 10, 1), D(1987, 9, 30), "in the 1986/87 season"),
    ("Australian growth in fiscal 1986/87, ending June 30, will be 2.5 pct, Canberra said.",
     D(1987, 2, 26), "2.5 pct", "projected", D(1986, 7, 1), D(1987, 6, 30),
     "in fiscal 1986/87, ending June 30"),
    ("Revenue for FY2023 was 4.1 billion dollars.", D(2023, 3, 1), "4.1 billion", "actual",
     D(2023, 1, 1), D(2023, 12, 31), "for FY2023"),
    ("NEW DELHI - India added a record 18.48 GW of solar capacity in FY24, Sitharaman said.",
     D(2024, 4, 10), "18.48 GW", "actual", D(2023, 4, 1), D(2024, 3, 31), "in FY24"),
    ("LONDON - Borrowing is forecast at £127.5bn in 2024-25, the OBR said, and the Budget "
     "adds to the Treasury's federal-style spending.", D(2024, 10, 30), "£127.5bn",
     "projected", D(2024, 4, 1), D(2025, 3, 31), "in 2024-25"),
    ("HONG KONG, April 1 - Hong Kong's budget surplus for the 1986/1987 fiscal year has been "
     "revised to 3.7 billion H.K. Dlrs.", D(1987, 4, 1), "3.7 billion", "actual", D(1986, 4, 1),
     D(1987, 3, 31), "for the 1986/1987 fiscal year"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "surface", "modality", "start", "end", "label"), FISCAL_CASES
)
def test_fiscal_years(
    text: str,
    published: dt.date,
    surface: str,
    modality: str,
    start: dt.date,
    end: dt.date,
    label: str,
) -> None:
    got = period_of(text, surface, published=published, modality=modality)
    assert (got.start, got.end, got.label, got.basis) == (start, end, label, "explicit")


# ----------------------------------------------------------------------------------------------
# earnings tables

AEQUITRON = (
    "MINNEAPOLIS, March 5 - Period ended January 31\n"
    "    Shr loss five cts vs profit eight cts\n"
    "    Net loss 247,100 vs profit 345,300\n"
    "    Sales 4,529,300 vs 3,482,800\n"
    "    Nine mths\n"
    "    Shr profit six cts vs profit 18 cts\n"
    "    Net profit 261,300 vs profit 793,700\n"
    "    Sales 12.3 mln vs 9,957,200"
)
MARGAUX = (
    "FREMONT, Calif., March 3 - Shr loss 1.60 dlrs vs loss 45 cts\n"
    "    Net loss 9,883,000 vs loss 2,744,000\n"
    "    Revs 1,309,000 vs 3,289,000\n"
    "    Nine mths\n"
    "    Shr loss 2.29 dlrs vs loss 98 cts\n"
    "    Net loss 14.1 mln vs loss 6,008,000\n"
    "    Revs 4,577,000 vs 11.9 mln"
)
FOURTH = (
    "CHICAGO, March 2 - Shr 51 cts vs 42 cts\n"
    "    Net 4,210,000 vs 3,456,000\n"
    "    Revs 61.2 mln vs 55.8 mln\n"
    "    Year\n"
    "    Shr 1.84 dlrs vs 1.51 dlrs\n"
    "    Net 15.2 mln vs 12.4 mln\n"
    "    Revs 231.4 mln vs 210.9 mln"
)
FIRST = "BOSTON, April 20 - Shr 31 cts vs 22 cts\n    Net 2,100,000 vs 1,500,000"
SUMITOMO = (
    "OSAKA, March 31 - Group shr 4.91 yen vs 6.59\n"
    "    Net 7.72 billion vs 10.38 billion\n"
    "    Sales 734.50 billion vs 996.15 billion"
)
JAPAN_YEAR = "TOKYO, May 20 - Shr 12.50 yen vs 10.20 yen\n    Net 4.51 billion vs 3.67 billion"

TABLE_CASES = [
    # (text, title, published, surface, occurrence, start, end, label)
    (AEQUITRON, "AEQUITRON MEDICAL INC <AQTN> 3RD QTR LOSS", D(1987, 3, 5), "five cts", 1,
     D(1986, 11, 1), D(1987, 1, 31), "Period ended January 31"),
    (AEQUITRON, "AEQUITRON MEDICAL INC <AQTN> 3RD QTR LOSS", D(1987, 3, 5), "eight cts", 1,
     D(1985, 11, 1), D(1986, 1, 31), "Period ended January 31 (year earlier)"),
    (AEQUITRON, "AEQUITRON MEDICAL INC <AQTN> 3RD QTR LOSS", D(1987, 3, 5), "12.3 mln", 1,
     D(1986, 5, 1), D(1987, 1, 31), "Nine mths"),
    (AEQUITRON, "AEQUITRON MEDICAL INC <AQTN> 3RD QTR LOSS", D(1987, 3, 5), "9,957,200", 1,
     D(1985, 5, 1), D(1986, 1, 31), "Nine mths (year earlier)"),
    (MARGAUX, "MARGAUX CONTROLS INC <MARGX> 3RD QTR DEC 28 LOSS", D(1987, 3, 3), "1.60 dlrs",
     1, D(1986, 9, 29), D(1986, 12, 28), "3RD QTR DEC 28"),
    (MARGAUX, "MARGAUX CONTROLS INC <MARGX> 3RD QTR DEC 28 LOSS", D(1987, 3, 3), "14.1 mln",
     1, D(1986, 3, 29), D(1986, 12, 28), "Nine mths"),
    (FOURTH, "ACME CORP <ACME> 4TH QTR NET", D(1987, 3, 2), "51 cts", 1, D(1986, 10, 1),
     D(1986, 12, 31), "4TH QTR"),
    (FOURTH, "ACME CORP <ACME> 4TH QTR NET", D(1987, 3, 2), "42 cts", 1, D(1985, 10, 1),
     D(1985, 12, 31), "4TH QTR (year earlier)"),
    (FOURTH, "ACME CORP <ACME> 4TH QTR NET", D(1987, 3, 2), "15.2 mln", 1, D(1986, 1, 1),
     D(1986, 12, 31), "Year"),
    (FOURTH, "ACME CORP <ACME> 4TH QTR NET", D(1987, 3, 2), "12.4 mln", 1, D(1985, 1, 1),
     D(1985, 12, 31), "Year (year earlier)"),
    (FIRST, "BAYBANKS INC <BBNK> 1ST QTR NET", D(1987, 4, 20), "31 cts", 1, D(1987, 1, 1),
     D(1987, 3, 31), "1ST QTR"),
    (SUMITOMO, "SUMITOMO CHEMICAL CO LTD <SUCH.T> YEAR TO DEC 31", D(1987, 3, 31), "4.91 yen",
     1, D(1986, 1, 1), D(1986, 12, 31), "YEAR TO DEC 31"),
    (SUMITOMO, "SUMITOMO CHEMICAL CO LTD <SUCH.T> YEAR TO DEC 31", D(1987, 3, 31),
     "10.38 billion", 1, D(1985, 1, 1), D(1985, 12, 31), "YEAR TO DEC 31 (year earlier)"),
    (JAPAN_YEAR, "TOKYO ELECTRIC CO <TOEL.T> YEAR NET", D(1987, 5, 20), "4.51 billion", 1,
     D(1986, 4, 1), D(1987, 3, 31), "YEAR"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "title", "published", "surface", "occurrence", "start", "end", "label"),
    TABLE_CASES,
)
def test_earnings_tables(
    text: str,
    title: str,
    published: dt.date,
    surface: str,
    occurrence: int,
    start: dt.date,
    end: dt.date,
    label: str,
) -> None:
    got = period_of(text, surface, published=published, title=title, occurrence=occurrence)
    assert (got.start, got.end, got.label, got.basis) == (start, end, label, "relative")


def test_dividend_vs_prior_has_no_period() -> None:
    text = "MINNEAPOLIS, March 5 - Qtly div 22 cts vs 22 cts prior\n    Pay April 30"
    title = "MEDTRONIC INC <MDT> SETS QUARTERLY"
    current = period_of(text, "22 cts", published=D(1987, 3, 5), title=title)
    prior = period_of(text, "22 cts", published=D(1987, 3, 5), title=title, occurrence=2)
    assert current == Period(None, D(1987, 3, 5), "", "publication")
    assert prior == Period(None, None, "prior", "unknown")


def test_notes_under_a_table_take_its_period() -> None:
    text = (
        "TOKYO, March 5 - Group shr 18.34 yen vs 58.72\n"
        "    Net 10.73 billion yen vs 37.06 billion\n"
        "    Note - The company attributed the profit fall largely to the yen's appreciation. "
        "Domestic sales rose 0.4 pct to 274.17 billion yen from a year earlier."
    )
    got = period_of(
        text, "0.4 pct", published=D(1987, 3, 5), title="CANON INC <CANN.T> YEAR TO DECEMBER 31"
    )
    assert (got.start, got.end) == (D(1986, 1, 1), D(1986, 12, 31))


# ----------------------------------------------------------------------------------------------
# document context: carried periods, datelines, titles


def test_period_carries_to_a_continuing_sentence() -> None:
    text = (
        "WELLINGTON, Feb 27 - Exports rose 5.2 pct in January, the statistics department "
        "said.\n    Imports fell 3.1 pct to 1.2 billion dlrs."
    )
    got = period_of(text, "3.1 pct", published=D(1987, 2, 27), kind="change")
    assert got == Period(D(1987, 1, 1), D(1987, 1, 31), "in January", "relative")


def test_present_tense_stock_does_not_inherit() -> None:
    got = period_of(SEED_TRADE, "about $17 billion", published=SEED_PUBLISHED)
    assert got.basis == "publication"


def test_plan_does_not_inherit_a_past_period() -> None:
    text = (
        "The company earned 5.1 mln dlrs in 1986.\n    It expects to earn 7.2 mln dlrs, the "
        "chairman told shareholders."
    )
    got = period_of(text, "7.2 mln", published=D(1987, 3, 10), modality="projected")
    assert got == Period(None, None, "", "unknown")


def test_dateline_is_not_a_period() -> None:
    text = "NEW YORK, March 5 - The company said it had 250 employees."
    got = period_of(text, "250 employees", published=D(1987, 3, 5))
    assert got == Period(None, D(1987, 3, 5), "", "publication")


def test_title_names_the_period() -> None:
    text = "WASHINGTON, Feb 27 - The trade deficit was 12.3 billion dlrs, the Commerce Department."
    title = "U.S. JANUARY TRADE DEFICIT 12.3 BILLION DLRS"
    got = period_of(text, "12.3 billion", published=D(1987, 2, 27), title=title)
    assert (got.start, got.end, got.label) == (D(1987, 1, 1), D(1987, 1, 31), "JANUARY")


def test_attributive_year_is_not_carried() -> None:
    text = (
        "Pryor said there was great reluctance to reopen the 1985 farm bill.\n    The loan "
        "allowed farmers to repay 72 pct of the loan rate."
    )
    got = period_of(text, "72 pct", published=D(1987, 3, 23))
    assert got.basis == "publication"


# ----------------------------------------------------------------------------------------------
# without a publication date: relative periods stay unresolved, explicit ones resolve


def test_unresolved_without_published() -> None:
    got = period_of(SEED_TRADE, "10.2%", published=None, kind="change")
    assert got == Period(None, None, "last year", "unknown")
    got = period_of(SEED_TRADE, "7.6%", published=None, kind="change")
    assert got == Period(None, None, "in January-August of this year", "unknown")


def test_explicit_periods_resolve_without_published() -> None:
    got = period_of("Sales rose 12 pct in 1986.", "12 pct", published=None)
    assert got == Period(D(1986, 1, 1), D(1986, 12, 31), "in 1986", "explicit")
    got = period_of(SEED_PLANS, "more than 100 million tons", published=None,
                    modality="projected")  # fmt: skip
    assert got == Period(None, D(2033, 12, 31), "by 2033", "explicit")


def test_no_published_and_no_period_is_unknown() -> None:
    got = period_of(SEED_TRADE, "about $17 billion", published=None)
    assert got == Period(None, None, "", "unknown")


def test_table_without_published_keeps_its_label() -> None:
    got = period_of(FOURTH, "15.2 mln", published=None, title="ACME CORP <ACME> 4TH QTR NET")
    assert got == Period(None, None, "4TH QTR", "unknown") or got.label == "Year"
    assert got.start is None and got.end is None and got.basis == "unknown"


def test_never_resolves_against_today() -> None:
    for surface in ("10.2%", "7.6%", "about $17 billion"):
        got = period_of(SEED_TRADE, surface, published=None)
        assert got.start is None and got.end is None


# ----------------------------------------------------------------------------------------------
# Round 2: forms and document context added to reach the issue's 90% bar on unseen news. Each
# case is a real sentence (Financial PhraseBank, no publication date) or a Reuters story
# (reut2-000..015); the expected period is the one a reader gives it under docs/figures.md.

COMPONENTA = (
    "For the last quarter of 2010 , Componenta 's net sales doubled to EUR131m from EUR76m for "
    "the same period a year earlier , while it moved to a zero pre-tax profit from a pre-tax loss "
    "of EUR7m ."
)
FISKARS = (
    "Finnish cutlery and hand tools maker Fiskars Oyj Abp ( HEL : FISAS ) said today its net "
    "profit rose to EUR 24.1 million ( USD 33.6 m ) in the third quarter of 2010 from EUR 17.9 "
    "million a year earlier ."
)
SATAMA = (
    "Satama 's net profit for the third quarter of 2007 rose to 275,000 euro ( $ 395,000 ) from "
    "270,000 euro ( $ 388,000 ) for the same period of 2006 ."
)
PANOSTAJA = (
    "Finnish investment group Panostaja Oyj said its net profit went up to 8.6 mln euro $ 11.4 "
    "mln in fiscal 2005-06 , ended October 31 , 2006 , from 2.8 mln euro $ 3.7 mln in the same "
    "period of fiscal 2004-05 ."
)
ORDER_BOOK = (
    "The company 's order book stood at 1.5 bln euro $ 2.2 bln on September 30 , 2007 , up by "
    "24.2 pct on the year , with international orders amounting to 365 mln euro $ 534.3 mln ."
)

PHRASEBANK_CASES = [
    # (sentence, surface, kind, modality, start, end)
    (COMPONENTA, "EUR131m", "level", "actual", D(2010, 10, 1), D(2010, 12, 31)),
    (COMPONENTA, "EUR76m", "level", "actual", D(2009, 10, 1), D(2009, 12, 31)),
    (COMPONENTA, "EUR7m", "level", "actual", D(2009, 10, 1), D(2009, 12, 31)),
    (FISKARS, "EUR 24.1 million", "level", "actual", D(2010, 7, 1), D(2010, 9, 30)),
    (FISKARS, "USD 33.6 m", "level", "actual", D(2010, 7, 1), D(2010, 9, 30)),
    (FISKARS, "EUR 17.9 million", "level", "actual", D(2009, 7, 1), D(2009, 9, 30)),
    (SATAMA, "270,000 euro", "level", "actual", D(2006, 7, 1), D(2006, 9, 30)),
    (SATAMA, "$ 388,000", "level", "actual", D(2006, 7, 1), D(2006, 9, 30)),
    (SATAMA, "$ 395,000", "level", "actual", D(2007, 7, 1), D(2007, 9, 30)),
    (PANOSTAJA, "8.6 mln euro", "level", "actual", D(2005, 11, 1), D(2006, 10, 31)),
    (PANOSTAJA, "2.8 mln euro", "level", "actual", D(2004, 11, 1), D(2005, 10, 31)),
    (PANOSTAJA, "$ 3.7 mln", "level", "actual", D(2004, 11, 1), D(2005, 10, 31)),
    (ORDER_BOOK, "1.5 bln euro", "level", "actual", None, D(2007, 9, 30)),
    (ORDER_BOOK, "24.2 pct", "change", "actual", None, D(2007, 9, 30)),
    ("Profit before taxes decreased by 9 % to EUR 187.8 mn in the first nine months of 2008 , "
     "compared to EUR 207.1 mn a year earlier .", "EUR 207.1 mn", "level", "actual",
     D(2007, 1, 1), D(2007, 9, 30)),
    ("In its financial report , published on Friday , SEB said its net profit soared to SEK6 "
     ".745 bn in 2010 from a year-earlier SEK1 .114 bn and proposed a 50 % dividend increase to "
     "SEK1 .50 per share .", "SEK1 .114 bn", "level", "actual", D(2009, 1, 1), D(2009, 12, 31)),
    ("Finnish KCI Konecranes has raised its net sales growth estimate for 2006 from over 25 % to "
     "over 35 % .", "over 25 %", "change", "projected", D(2006, 1, 1), D(2006, 12, 31)),
    ("Cost savings will then rise to some 20 mln eur a year from 2007 , OKO said .",
     "some 20 mln eur", "level", "projected", D(2007, 1, 1), D(2007, 12, 31)),
    ("The financial impact is estimated to be some 1.5 MEUR annual improvement in the division "
     "'s result , starting from fiscal year 2007 .", "some 1.5 MEUR", "change", "projected",
     D(2007, 1, 1), D(2007, 12, 31)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "surface", "kind", "modality", "start", "end"), PHRASEBANK_CASES
)
def test_periods_without_publication_date(
    sentence: str,
    surface: str,
    kind: str,
    modality: str,
    start: dt.date | None,
    end: dt.date | None,
) -> None:
    got = period_of(sentence, surface, published=None, kind=kind, modality=modality)
    assert (got.start, got.end) == (start, end)
    assert got.basis in ("explicit", "relative")


def test_a_figure_that_swallowed_a_period_ends_where_the_period_begins() -> None:
    # the quantity scanner may read "EUR 207.1 mn a year" as a rate; the period still follows
    text = (
        "Profit before taxes decreased by 9 % to EUR 187.8 mn in the first nine months of 2008 , "
        "compared to EUR 207.1 mn a year earlier ."
    )
    got = period_of(text, "EUR 207.1 mn a year", published=None)
    assert (got.start, got.end, got.label) == (D(2007, 1, 1), D(2007, 9, 30), "a year earlier")


WIRE_CASES = [
    # (text, published, surface, occurrence, kind, modality, start, end)
    ("Statistics Canada said final domestic demand rose 0.6 pct in the final three months of "
     "the year after a 1.0 pct gain in the third quarter.", D(1987, 3, 3), "0.6 pct", 1,
     "change", "actual", D(1986, 10, 1), D(1986, 12, 31)),
    ("Business investment in plant and equipment rose 0.8 pct in the fourth quarter, partly "
     "reversing the cumulative drop of 5.8 pct in the two previous quarters.", D(1987, 3, 3),
     "5.8 pct", 1, "change", "actual", D(1986, 4, 1), D(1986, 9, 30)),
    ("Calculated on a three-month moving average basis, M-3 rose 4.4 pct year-on-year in the "
     "quarter based on December after rising 5.4 pct in the quarter centred on September.",
     D(1987, 3, 9), "4.4 pct", 1, "change", "actual", D(1986, 11, 1), D(1987, 1, 31)),
    ("Calculated on a three-month moving average basis, M-3 rose 4.4 pct year-on-year in the "
     "quarter based on December after rising 5.4 pct in the quarter centred on September.",
     D(1987, 3, 9), "5.4 pct", 1, "change", "actual", D(1986, 8, 1), D(1986, 10, 31)),
    ("M-1 rose 2.5 pct after a 1.1 pct fall in December.", D(1987, 3, 9), "2.5 pct", 1,
     "change", "actual", D(1987, 1, 1), D(1987, 1, 31)),
    ("The final fourth quarter revision, however, left unchanged the previous estimate of a 2.5 "
     "pct increase in GNP for all of 1986 over 1985.", D(1987, 3, 18), "2.5 pct", 1, "change",
     "actual", D(1986, 1, 1), D(1986, 12, 31)),
    ("Inflation for the 12-month period ending march 1987 was 67.4 pct compared to 120.8 pct "
     "for the 12-month period ending march 1986.", D(1987, 4, 3), "67.4 pct", 1, "change",
     "actual", D(1986, 4, 1), D(1987, 3, 31)),
    ("Inflation for the 12-month period ending march 1987 was 67.4 pct compared to 120.8 pct "
     "for the 12-month period ending march 1986.", D(1987, 4, 3), "120.8 pct", 1, "change",
     "actual", D(1985, 4, 1), D(1986, 3, 31)),
    ("The report reviewing the country's economy in the first three months of this year said "
     "year-on-year gnp was provisionally estimated to have grown by about 12 pct in the period, "
     "against a 10.5 pct growth in the same 1986 period.", D(1987, 4, 5), "10.5 pct", 1,
     "change", "actual", D(1986, 1, 1), D(1986, 3, 31)),
    ("It had remained unchanged at 6.7 pct for three straight months before the March decline.",
     D(1987, 4, 3), "6.7 pct", 1, "level", "actual", D(1986, 12, 1), D(1987, 2, 28)),
    ("The Department, citing the Household Labour Force Survey, said in a statement the number "
     "of unemployed in October- December 1986 was 61,500 against 60,500 in the September "
     "quarter and 60,500 a year earlier.", D(1987, 4, 7), "60,500", 1, "level", "actual",
     D(1986, 7, 1), D(1986, 9, 30)),
    ("Seasonally adjusted employment in February was 11,777,000, compared with 11,747,000 in "
     "January, while unemployment slipped to 1,252,000 from 1,255,000.", D(1987, 3, 13),
     "1,255,000", 1, "level", "actual", D(1987, 1, 1), D(1987, 1, 31)),
    ("He said imports fell last year to 3,061.8 billion francs from 3,304.1 in 1985 while "
     "exports were also lower at 3,066.6 billion francs against 3,163.7 billion.",
     D(1987, 3, 5), "3,163.7 billion", 1, "level", "actual", D(1985, 1, 1), D(1985, 12, 31)),
    ("Today, the Canadian bank rate fell to 7.28 pct from 7.54 pct last week and the Canadian "
     "Imperial Bank of Commerce cut its prime rate, effective tomorrow, to 8.75 pct from 9.25 "
     "pct.", D(1987, 3, 12), "9.25 pct", 1, "level", "actual", None, None),
    ("TOKYO, March 23 - Japan's long-term banks will soon cut their prime rate, now at a record "
     "low 5.5 pct, by 0.2 or 0.3 percentage point in response to falling secondary market "
     "yields on their five-year debentures, long-term bankers said.", D(1987, 3, 22), "5.5 pct",
     1, "level", "projected", None, D(1987, 3, 22)),
    ("HONG KONG, April 4 - Hongkong and Shanghai Banking Corp and Standard Chartered Bank raised "
     "their prime rate one-half point to 6.5 pct, effective Tuesday, the Association of Banks "
     "said.", D(1987, 4, 3), "one-half point", 1, "change", "actual", D(1987, 4, 7),
     D(1987, 4, 7)),
    ("HONG KONG, April 4 - Hongkong and Shanghai Banking Corp and Standard Chartered Bank raised "
     "their prime rate one-half point to 6.5 pct, effective Tuesday, the Association of Banks "
     "said.", D(1987, 4, 3), "6.5 pct", 1, "level", "actual", D(1987, 4, 7), D(1987, 4, 7)),
    ("MONTREAL, April 7 - (La Confederation des Caisses Populaires et d'Economie Desjardins), the "
     "Quebec credit union group, said it is lowering the interest rate on unpaid balances on its "
     "Visa credit card to 15.9 pct from 18.0 pct, effective with June billing statements.",
     D(1987, 4, 7), "15.9 pct", 1, "level", "projected", D(1987, 6, 1), None),
    ("CHICAGO, March 19 - Chicago Mercantile Exchange floor traders and commission house "
     "representatives are guesstimating today's hog slaughter at about 295,000 to 305,000 head "
     "versus 307,000 week ago and 311,000 a year ago.", D(1987, 3, 19), "307,000 week", 1,
     "level", "actual", D(1987, 3, 12), D(1987, 3, 12)),
    ("CHICAGO, March 19 - Chicago Mercantile Exchange floor traders and commission house "
     "representatives are guesstimating today's hog slaughter at about 295,000 to 305,000 head "
     "versus 307,000 week ago and 311,000 a year ago.", D(1987, 3, 19), "311,000", 1,
     "level", "actual", D(1986, 3, 19), D(1986, 3, 19)),
    # a year written before a comparison base; a range "the 1981 through 1985 period"
    ("He projected a capital expenditure budget of 730 mln dlrs, up from the 1986 expenditure "
     "of 655 mln dlrs.", D(1987, 3, 12), "655 mln dlrs", 1, "level", "projected", D(1986, 1, 1),
     D(1986, 12, 31)),
    ("Newmont said Magma has pre-tax losses of 290 mln dlrs during the 1981 through 1985 "
     "period, noting the five major U.S. primary copper producers reported aggregate pre-tax "
     "losses of 1.9 billion dlrs during five year period.", D(1987, 3, 12), "290 mln dlrs", 1,
     "level", "actual", D(1981, 1, 1), D(1985, 12, 31)),
    # "last year" against a fiscal year just ended is the fiscal year before it
    ("MIAMI, March 31 - Sun City Industries Inc said preliminary unaudited results of ongoing "
     "operations for the fiscal year ended January 31, 1987 are expected to rise over 580 pct to "
     "700,000 dlrs or 70 cts per share from the 125,313 dlrs or 12 cts reported last year.",
     D(1987, 3, 31), "125,313 dlrs", 1, "level", "projected", D(1985, 2, 1), D(1986, 1, 31)),
    # "since" a month more than a reading ago, with no report of the same length: up to now
    ("The Taiwan dollar has risen by about 16 pct against the U.S. Dollar since September "
     "1985.", D(1987, 3, 31), "about 16 pct", 1, "change", "actual", D(1985, 9, 1),
     D(1987, 3, 31)),
    # two figures, two periods, in order
    ("OTTAWA, March 30 - Canada's gross domestic product rose 0.1 pct, seasonally adjusted, in "
     "January after gaining 1.0 pct in December but falling 0.1 pct and 0.3 pct in November and "
     "October, Statistics Canada said.", D(1987, 3, 30), "0.1 pct", 2, "change", "actual",
     D(1986, 11, 1), D(1986, 11, 30)),
    ("OTTAWA, March 30 - Canada's gross domestic product rose 0.1 pct, seasonally adjusted, in "
     "January after gaining 1.0 pct in December but falling 0.1 pct and 0.3 pct in November and "
     "October, Statistics Canada said.", D(1987, 3, 30), "0.3 pct", 1, "change", "actual",
     D(1986, 10, 1), D(1986, 10, 31)),
    # a month naming a figure, then its year
    ("The January surplus last year was 1.19 billion dlrs.", D(1987, 3, 12), "1.19 billion", 1,
     "level", "actual", D(1986, 1, 1), D(1986, 1, 31)),
    # a span from a day; "the previous year's" before it
    ("Oki is studying ways to increase imports by 10 pct in the fiscal year beginning April 1 "
     "from the previous year's total of more than five billion yen, a company official said.",
     D(1987, 3, 31), "more than five billion yen", 1, "level", "projected", D(1986, 4, 1),
     D(1987, 3, 31)),
    # "the comparable period" of a year-to-date figure is the year-to-date a year earlier
    ("Jeep sales in early March rose 18 pct to 4,500 vehicles from 3,800 vehicles at the same "
     "time last year, and for the year-to-date declined two pct to 35,523 from 36,050 vehicles "
     "in the comparable period, American Motors said.", D(1987, 3, 12), "36,050 vehicles", 1,
     "level", "actual", D(1986, 1, 1), D(1986, 3, 12)),
    # an apposed figure of a base is a base too; "the year before"
    ("1986 oper earnings excludes loss from discontinued operations of 62.5 mln dlrs, or 4.41 "
     "dlrs a share, versus a loss of 166.8 mln dlrs, or 12.24 dlrs a share, in 1985.",
     D(1987, 3, 13), "12.24 dlrs", 1, "level", "actual", D(1985, 1, 1), D(1985, 12, 31)),
    ("More than half of Texas Commerce's nonperforming loans, which totaled 968 mln dlrs at "
     "yearend 1986, up from 840 mln dlrs the year before, were in real estate.", D(1987, 3, 19),
     "840 mln dlrs", 1, "level", "actual", None, D(1985, 12, 31)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "surface", "occurrence", "kind", "modality", "start", "end"),
    WIRE_CASES,
)
def test_wire_forms(
    text: str,
    published: dt.date,
    surface: str,
    occurrence: int,
    kind: str,
    modality: str,
    start: dt.date | None,
    end: dt.date | None,
) -> None:
    got = period_of(
        text, surface, published=published, kind=kind, modality=modality, occurrence=occurrence
    )
    assert (got.start, got.end) == (start, end)


# Reuters stories (reut2-000..015), as `ReutersStory.text` builds them

D5215 = (  # reuters-5215: SWISS UNEMPLOYMENT FALLS TO 0.9 PCT IN FEBRUARY
    "BERNE, March 16 - Swiss unemployment edged down to 0.9 pct\n"
    "of the working population from one pct in January and in\n"
    "February 1986, the Federal Office of Industry, Trade and Labour\n"
    "said.\n"
    "    Seasonally adjusted, however, there was a slight rise in\n"
    "unemployment.\n"
    "    The number out of work fell to 28,439, down 1,142 compared\n"
    "with the previous month. The number of vacant positions\n"
    "registered with employment offices stood at 11,968 against\n"
    "10,694 in January.\n"
    " REUTER"
)
D6951 = (  # reuters-6951: NEW ZEALAND UNEMPLOYMENT FALLS IN FEBRUARY
    "WELLINGTON, March 19 - New Zealand's unemployment rate fell\n"
    "to 6.0 pct of the workforce at the end of February from 6.1 pct\n"
    "in January but was above the 4.3 pct level of February 1986,\n"
    "the labour department said.\n"
    "    It said the number of unemployed fell to 78,711 from 81,558\n"
    "in January, and compared with 57,103 in February 1986.\n"
    " REUTER"
)
D7013 = (  # reuters-7013: U.K. UNEMPLOYMENT FALLS IN FEBRUARY
    "LONDON, March 19 - Unemployment in the U.K. Fell a\n"
    "provisional seasonally-adjusted 44,100 in February, to total\n"
    "3.07 mln or 11.1 pct of the workforce, the Employment\n"
    "Department said.\n"
    "    In January, seasonally adjusted unemployment fell by a\n"
    "revised 1,100 to 11.3 pct, it said. Initially the January\n"
    "position was reported as flat.\n"
    "    The unadjusted jobless total, including school leavers,\n"
    "fell to 3.23 mln, or 11.7 pct, from 3.30 mln, 11.9 pct, in\n"
    "January.\n"
    "    February was the seventh successive month that seasonally\n"
    "adjusted unemployment registered a fall.\n"
)
D11160 = (  # reuters-11160: JAPAN UNEMPLOYMENT FALLS IN FEBRUARY
    "TOKYO, March 31 - Japan's seasonally adjusted unemployment\n"
    "rate fell to 2.9 pct in February from the record 3.0 pct in\n"
    "January, the government's Management and Coordination Agency\n"
    "said.\n"
    "    The January level was the worst since the Goverment started\n"
    "compiling unemployment statistics under the current system in\n"
    "1953.\n"
    "    Unemployment was up from 2.8 pct a year earlier.\n"
)
D10372 = (  # reuters-10372: S. AFRICAN TRADE SURPLUS RISES SHARPLY IN FEBRUARY
    "JOHANNESBURG, March 27 - South Africa's trade surplus rose\n"
    "to 1.62 billion rand in February after falling to 906.2 mln in\n"
    "January, Customs and Excise figures show.\n"
    "    This compares with a year earlier surplus of 958.9 mln\n"
    "rand.\n"
    "    Exports rose slightly to 3.36 billion rand in February from\n"
    "3.31 billion in January but imports fell to 1.74 billion from\n"
    "2.41 billion.\n"
    "    This brought total exports for the first two months of 1987\n"
    "to 6.67 billion rand and imports to 4.15 billion for a total\n"
    "surplus of 2.52 billion rand against 1.71 billion a year\n"
    "earlier.\n"
    " REUTER"
)
D14771 = (  # reuters-14771: N.Z. UNEMPLOYMENT RATE 3.9 PCT IN DECEMBER QUARTER
    "WELLINGTON, April 8 - New Zealand's unemployment rate was\n"
    "3.9 pct of the workforce in the quarter ended December 31,\n"
    "unchanged from a revised 3.9 pct (preliminary 3.8 pct) in the\n"
    "previous quarter but slightly above 3.8 pct in the year-earlier\n"
    "quarter, the Statistics Department said.\n"
    "    The Department, citing the Household Labour Force Survey,\n"
    "said in a statement the number of unemployed in October-\n"
    "December 1986 was 61,500 against 60,500 in the September\n"
    "quarter and 60,500 a year earlier.\n"
    " REUTER"
)
D4131 = (  # reuters-4131: U.K. MONEY MARKET GIVEN FURTHER 442 MLN STG HELP
    "LONDON, March 12 - The Bank of England said it provided the\n"
    "market with a further 442 mln stg assistance during the morning\n"
    "to offset a liquidity shortage it estimated at 1.60 billion\n"
    "stg, revised up from 1.55 billion\n"
    "    The bank bought outright eight mln stg of band one treasury\n"
    "bills and five mln stg of band one bank bills at 10-3/8 pct.\n"
    "    It bought a further 429 mln stg of bills for resale to the\n"
    "discount houses on April 2 at an interest rate of 10-7/16 pct.\n"
    "    So far today, the bank has given the market assistance\n"
    "worth a total of 1.501 billion stg.\n"
    " REUTER"
)
D9675 = (  # reuters-9675: AUSTRALIAN RESERVE BANK CUTS REDISCOUNT RATE
    "SYDNEY, Mar 26 - The Reserve Bank of Australia this morning\n"
    "cut the rediscount rate from 17.30 pct to 17.00 pct.\n"
    "    The rediscount is the rate at which the bank buys back\n"
    "treasury notes.\n"
    "    Market sources said the cut reflected the recent easing in\n"
    "market interest rates. They also pointed to yesterday's\n"
    "treasury note tender where the 400 mln dlrs of 13-week notes\n"
    "went at an average yield of 15.473 pct, down from 15.870 last\n"
    "week. The 100 mln dlrs of 26-week notes went at an average\n"
    "15.414 from 15.790 last week."
)
D524 = (  # reuters-524: JAPAN'S NTT FORECASTS PROFITS FALL IN 1987/88
    "TOKYO, March 2 - <Nippon Telegraph and Telephone Corp>\n"
    "(NTT) expects its profits to fall to 328 billion yen in the\n"
    "year ending March 31, 1988 from a projected 348 billion this\n"
    "year, the company said.\n"
    "    Total sales for the same period are expected to rise to\n"
    "5,506 billion yen from a projected 5,328 billion this year, NTT\n"
    "said in a business operations plan submitted to the Post and\n"
    "Telecommunications Ministry.\n"
    "    NTT said it plans to make capital investments of 1,770\n"
    "billion yen in 1987/88, including 109 billion for research and\n"
    "development, as against a total of 1,600 billion this year."
)
D1040 = (  # reuters-1040: BELGIAN UNEMPLOYMENT FALLS IN FEBRUARY
    "BRUSSELS, March 3 - Belgian unemployment, based on the\n"
    "number of jobless drawing unemployment benefit, fell to 12.1\n"
    "pct of the working population at the end of February from 12.6\n"
    "pct at the end of January, the National Statistics Office said.\n"
    "    The rate compares with 12.4 pct at the end of February\n"
    "1986.\n"
    "    The total number of jobless stood at 508,392, compared with\n"
    "530,587 at the end of January and 521,219 at the end of\n"
    "February 1986, the Statistics Office said.\n"
    " REUTER"
)
D12758 = (  # reuters-12758: SOUTH KOREAN MONEY SUPPLY FALLS IN MARCH
    "SEOUL, April 3 - South Korea's M-2 money supply fell two\n"
    "pct to 33,463.4 billion won in March from 34,030.3 billion in\n"
    "February, provisional Bank of Korea figures show.\n"
    "    It rose a revised 0.5 pct in February and was up 14.7 pct\n"
    "from a year earlier.\n"
    "    M-1 money supply fell 8.7 pct to 7,767.8 billion won in\n"
    "March against a revised rise of 4.3 pct in February. It has\n"
    "increased 8.3 pct since March last year.\n"
    "    Bank officials said the March falls were due mainly to\n"
    "various measures by the bank to absorb excess money.\n"
    " REUTER"
)
D9178 = (  # reuters-9178: TAIWAN MONEY SUPPLY RISES 48.22 PCT IN YEAR
    "TAIPEI, March 25 - Taiwan's M-1B money supply rose a\n"
    "seasonally adjusted 48.22 pct in the year to end-February,\n"
    "after rising 54.96 pct in the year to January, a central bank\n"
    "spokesman said.\n"
    "    Month on month, M1-B fell 5.19 pct from January.\n"
    "    Unadjusted February M1-B was 1,168 billion dlrs against\n"
    "1,232 billion in January and 788 billion in February 1986.\n"
)
D271 = (  # reuters-271: JAPAN FEBRUARY INTERIM TRADE SURPLUS JUMPS
    "TOKYO, March 2 - Japan's customs-cleared trade surplus in\n"
    "the first 20 days of February jumped to 3.58 billion dlrs from\n"
    "1.94 billion a year earlier, the Finance Ministry said.\n"
    "    The February interim surplus was sharply up from a 965.04\n"
    "mln dlr surplus in the same January period.\n"
    "    FOB exports rose 14.6 pct from a year earlier in the first\n"
    "20 days of February to 10.91 billion, while CIF imports fell\n"
    "3.2 pct to 7.33 billion.\n"
    "    The average dollar/yen rates were 152.32 for exports and\n"
    "152.31 for imports against 196.61 for exports and 196.27 for\n"
    "imports a year earlier.\n"
    " REUTER"
)
D6466 = (  # reuters-6466: FEDERAL EXPRESS CORP <FDX> 3RD QTR FEB 28 NET
    "MEMPHIS, Tenn., March 18 - Oper shr 69 cts vs 83 cts\n"
    "    Oper net 35.9 mln vs 42.4 mln\n"
    "    Revs 798.9 mln vs 659.2 mln\n"
    "    Avg shrs 52.0 mln vs 50.9 mln\n"
    "    Nine mths\n"
    "    Oper shr 2.38 dlrs vs 2.75 dlrs\n"
    "    Oper net 123.3 mln vs 135.6 mln\n"
    "    Revs 2.31 billion vs 1.86 billion\n"
    "    Avg shrs 51.8 mln vs 49.3 mln\n"
    "    NOTE: Net excludes losses from discontinued operations of\n"
    "nil vs 16.1 mln dlrs in quarter and 227.5 mln dlrs vs 42.7 mln\n"
    "dlrs in nine mths.\n"
    "    Quarter net includes gains from sale of aircraft of two mln\n"
    "dlrs vs 6,200,000 dlrs."
)
D9807 = (  # reuters-9807: MICKELBERRY CORP <MBC> 4TH QTR NET
    "NEW YORK, March 26 - Shr profit 61 cts vs loss 45 cts\n"
    "    Net profit 3,568,000 vs loss 2,598,000\n"
    "    Revs 34.6 mln vs 31.6 mln\n"
    "    Avg shrs 5,861,000 vs 5,776,000\n"
    "    Year\n"
    "    Shr profit 56 cts vs loss 32 cts\n"
    "    Net profit 3,374,000 vs loss 1,759,000\n"
    "    Revs 132.0 mln vs 131.6 mln\n"
    "    NOTE: 1985 quarter net includes 665,000 dlr tax credit."
)
D10046 = (  # reuters-10046: GOLDFIELD CORP <GV> 4TH QTR NET LOSS
    "MELBOURNE, Fla., March 26 - Shr loss four cts vs loss five cts\n"
    "    Net loss 527,065 vs loss 1,204,080\n"
    "    Revs 622,470 vs 613,205\n"
    "    Year\n"
    "    Shr profit four cts vs loss 13 cts\n"
    "    Net profit 1,099,778 vs loss 3,282,478\n"
    "    Revs 7,579,547 vs 6,068,254\n"
    "    NOTE: 1985 excludes loss from discontinued operations of\n"
    "four cts per share in the quarter and loss 10 cts in the year.\n"
    "1986 year excludes extraordinary gain of two cts a share."
)
D296 = (  # reuters-296: NEW DUTCH ADVANCES TOTAL 4.8 BILLION GUILDERS
    "AMSTERDAM, 2 March - The Dutch Central Bank said it has\n"
    "accepted bids totalling 4.8 billion guilders at tender for new\n"
    "seven-day special advances at 5.3 pct covering the period March\n"
    "2 to 9 aimed at relieving money market tightness.\n"
    "    Subscriptions to 300 mln guilders were met in full, amounts\n"
    "above 300 mln at 50 pct.\n"
    "    The new facility replaces old five-day advances worth 8.0\n"
)
D2966 = (  # reuters-2966: YIELD FALLS ON 30-DAY SAMA DEPOSITS
    "BAHRAIN, March 7 - The yield on 30-day bankers security\n"
    "deposit accounts issued this week by the Saudi Arabian Monetary\n"
    "Agency (SAMA) fell to 5.84073 pct from 6.21950 last Saturday,\n"
    "bankers said.\n"
    "    SAMA increased the offer price on the 900 mln riyal issue\n"
    "to 99.51563 from 99.48438. One-month interbank riyal deposits\n"
    "were quoted today at 6-1/4, six pct.\n"
)
D1912 = (  # reuters-1912: SOUTH KOREAN MONEY SUPPLY RISES IN FEBRUARY
    "SEOUL, March 5 - South Korea's M-2 money supply rose 0.39\n"
    "pct to 33,992.0 billion won in February from 33,858.4 billion\n"
    "in January, when it fell a revised 0.04 pct from December,\n"
    "provisional Bank of Korea figures show.\n"
    "    The February figure was up 18.89 pct from a year earlier.\n"
    "    M-1 money supply rose 4.13 pct to 8,492.1 billion won in\n"
    "February from January, when it fell 7.82 pct from December. The\n"
    "February figure marked a year-on-year rise of 18.45 pct.\n"
    "    The bank previously said M-2 fell 0.06 pct in January.\n"
    " REUTER"
)
D1147 = (  # reuters-1147: CHILEAN CONSUMER PRICES RISE 1.7 PCT IN FEBRUARY
    "SANTIAGO, March 3 - Chile's consumer price index rose 1.7\n"
    "pct in February to 562.01 (December, 1978 equals 100) after\n"
    "increases of 2.0 pct in January and 0.9 pct in February 1986,\n"
    "the government's National Statistics Institute said.\n"
    "    Inflation as measured by the index rose to 17.5 pct over\n"
    "the 12 months to the end of February, compared with 16.6 pct\n"
    "last month and 24.5 pct to the end of February, 1986.\n"
    "    In the first two months of the year, inflation was 3.8 pct,\n"
    "against 3.6 pct in the same period of 1986.\n"
    " REUTER"
)
D13172 = (  # reuters-13172: PERU CONSUMER PRICES RISE 5.3 PCT IN MARCH
    "Lima, april 3 - peru's consuemr price index rose 5.3 pct\n"
    "last month to 13,914.4 (base 100) following a 5.3 pct increase\n"
    "in february and 5.3 pct rise in march 1986, the national\n"
    "statistics institute said.\n"
    "    It said that the accumulated inflation for the first three\n"
    "months of 1987 was 18.5 pct compared to 15.4 pct for the same\n"
    "period last year.\n"
    "    Inflation for the 12-month period ending march 1987 was\n"
    "67.4 pct compared to 120.8 pct for the 12-month period ending\n"
    "march 1986."
)


MARKETS = (
    "WASHINGTON, April 10 - U.S. consumer prices increased 0.4% in March, the Labor Department "
    "said on Wednesday. The yield on the benchmark 10-year Treasury note jumped 18 basis points "
    "to 4.54%."
)
BASES = (
    "The bank reported first-quarter net profit of $251.7 million. The provision for credit "
    "losses jumped to $612 million in the quarter from $288 million."
)
MONTHLY = (
    "WARSAW - Inflation rose to 16.1% in March. Core inflation accelerated to 12.3% in March "
    "from 12.0%, ING said."
)
BUDGET = (
    "ASTANA - The government approved the budget for 2026, with revenues of 25.4 trillion "
    "tenge. Nominal GDP is projected to reach 181.5 trillion tenge."
)
INTERFAX = (
    "MOSCOW.\nNov 12 (Interfax) - Russia's federal budget deficit in January-October 2024 "
    "amounted to 0.52 trillion rubles, the Finance Ministry said.\nOil and gas revenues "
    "increased 32.1% to 9.72 trillion rubles."
)
XINHUA = (
    "BEIJING, Jan. 12 (Xinhua) -- China's foreign trade of goods hit a record 41.76 trillion yuan "
    "in 2023, official data showed Friday. Exports rose 0.6 percent to 23.77 trillion yuan."
)
CLOSE = (
    "NEW YORK, Dec 13 - Wall Street rallied on Wednesday after the Fed signalled rate cuts. "
    "The Dow jumped 512.30 points to 37,090.24."
)

DOC_CASES = [
    # (text, title, published, surface, occurrence, kind, modality, start, end)
    # a base list "from one pct in January and in February 1986" leaves the title's February
    (D5215, "SWISS UNEMPLOYMENT FALLS TO 0.9 PCT IN FEBRUARY", D(1987, 3, 16), "0.9 pct", 1,
     "level", "actual", D(1987, 2, 1), D(1987, 2, 28)),
    (D5215, "SWISS UNEMPLOYMENT FALLS TO 0.9 PCT IN FEBRUARY", D(1987, 3, 16), "28,439", 1,
     "level", "actual", D(1987, 2, 1), D(1987, 2, 28)),
    (D5215, "SWISS UNEMPLOYMENT FALLS TO 0.9 PCT IN FEBRUARY", D(1987, 3, 16), "11,968", 1,
     "level", "actual", D(1987, 2, 1), D(1987, 2, 28)),
    # "at the end of February" is carried as an instant; bases do not carry
    (D6951, "NEW ZEALAND UNEMPLOYMENT FALLS IN FEBRUARY", D(1987, 3, 19), "78,711", 1,
     "level", "actual", None, D(1987, 2, 28)),
    (D1040, "BELGIAN UNEMPLOYMENT FALLS IN FEBRUARY", D(1987, 3, 3), "508,392", 1, "level",
     "actual", None, D(1987, 2, 28)),
    # compared with January after a sentence on January: the story's own February
    (D7013, "U.K. UNEMPLOYMENT FALLS IN FEBRUARY", D(1987, 3, 19), "3.23 mln", 1, "level",
     "actual", D(1987, 2, 1), D(1987, 2, 28)),
    (D7013, "U.K. UNEMPLOYMENT FALLS IN FEBRUARY", D(1987, 3, 19), "3.30 mln", 1, "level",
     "actual", D(1987, 1, 1), D(1987, 1, 31)),
    (D7013, "U.K. UNEMPLOYMENT FALLS IN FEBRUARY", D(1987, 3, 19), "11.9 pct", 1, "level",
     "actual", D(1987, 1, 1), D(1987, 1, 31)),
    # "The January level was the worst since 1953" is an aside: "a year earlier" is February's
    (D11160, "JAPAN UNEMPLOYMENT FALLS IN FEBRUARY", D(1987, 3, 30), "2.8 pct", 1, "level",
     "actual", D(1986, 2, 1), D(1986, 2, 28)),
    # "This compares with a year earlier surplus": shifted from the story's February
    (D10372, "S. AFRICAN TRADE SURPLUS RISES SHARPLY IN FEBRUARY", D(1987, 3, 27),
     "958.9 mln", 1, "level", "actual", D(1986, 2, 1), D(1986, 2, 28)),
    (D10372, "S. AFRICAN TRADE SURPLUS RISES SHARPLY IN FEBRUARY", D(1987, 3, 27),
     "2.41 billion", 1, "level", "actual", D(1987, 1, 1), D(1987, 1, 31)),
    # a revised level and the preliminary one in parentheses: both the previous quarter
    (D14771, "N.Z. UNEMPLOYMENT RATE 3.9 PCT IN DECEMBER QUARTER", D(1987, 4, 7), "3.9 pct", 2,
     "level", "actual", D(1986, 7, 1), D(1986, 9, 30)),
    (D14771, "N.Z. UNEMPLOYMENT RATE 3.9 PCT IN DECEMBER QUARTER", D(1987, 4, 7), "3.8 pct", 1,
     "level", "actual", D(1986, 7, 1), D(1986, 9, 30)),
    # money-market operations "during the morning"; a resale date ahead is not the deal's day
    (D4131, "U.K. MONEY MARKET GIVEN FURTHER 442 MLN STG HELP", D(1987, 3, 12),
     "eight mln stg", 1, "level", "actual", D(1987, 3, 12), D(1987, 3, 12)),
    (D4131, "U.K. MONEY MARKET GIVEN FURTHER 442 MLN STG HELP", D(1987, 3, 12), "429 mln stg",
     1, "level", "actual", D(1987, 3, 12), D(1987, 3, 12)),
    # "yesterday's treasury note tender", then the next sentence on the same tender
    (D9675, "AUSTRALIAN RESERVE BANK CUTS REDISCOUNT RATE", D(1987, 3, 25), "400 mln dlrs", 1,
     "level", "actual", D(1987, 3, 24), D(1987, 3, 24)),
    (D9675, "AUSTRALIAN RESERVE BANK CUTS REDISCOUNT RATE", D(1987, 3, 25), "15.414", 1,
     "level", "actual", D(1987, 3, 24), D(1987, 3, 24)),
    # Japanese fiscal years: "this year" against the year ending March 31, 1988
    (D524, "JAPAN'S NTT FORECASTS PROFITS FALL IN 1987/88", D(1987, 3, 2), "348 billion", 1,
     "level", "projected", D(1986, 4, 1), D(1987, 3, 31)),
    (D524, "JAPAN'S NTT FORECASTS PROFITS FALL IN 1987/88", D(1987, 3, 2), "5,506 billion yen",
     1, "level", "projected", D(1987, 4, 1), D(1988, 3, 31)),
    (D524, "JAPAN'S NTT FORECASTS PROFITS FALL IN 1987/88", D(1987, 3, 2), "1,600 billion", 1,
     "level", "actual", D(1986, 4, 1), D(1987, 3, 31)),
    # a change since (or from) a reading, in a story on the latest one
    (D12758, "SOUTH KOREAN MONEY SUPPLY FALLS IN MARCH", D(1987, 4, 3), "8.3 pct", 1, "change",
     "actual", D(1986, 4, 1), D(1987, 3, 31)),
    (D9178, "TAIWAN MONEY SUPPLY RISES 48.22 PCT IN YEAR", D(1987, 3, 25), "5.19 pct", 1,
     "change", "actual", D(1987, 2, 1), D(1987, 2, 28)),
    # "the same January period" of a 20-day interim figure; a base list "a year earlier"
    (D271, "JAPAN FEBRUARY INTERIM TRADE SURPLUS JUMPS", D(1987, 3, 2), "965.04", 1, "level",
     "actual", D(1987, 1, 1), D(1987, 1, 20)),
    (D271, "JAPAN FEBRUARY INTERIM TRADE SURPLUS JUMPS", D(1987, 3, 2), "196.61", 1, "level",
     "actual", D(1986, 2, 1), D(1986, 2, 20)),
    # ", when": the period just named
    (D1912, "SOUTH KOREAN MONEY SUPPLY RISES IN FEBRUARY", D(1987, 3, 5), "0.04 pct", 1,
     "change", "actual", D(1987, 1, 1), D(1987, 1, 31)),
    (D1912, "SOUTH KOREAN MONEY SUPPLY RISES IN FEBRUARY", D(1987, 3, 5), "7.82 pct", 1,
     "change", "actual", D(1987, 1, 1), D(1987, 1, 31)),
    # "compared with 16.6 pct last month": last month's 12-month reading
    (D1147, "CHILEAN CONSUMER PRICES RISE 1.7 PCT IN FEBRUARY", D(1987, 3, 3), "16.6 pct", 1,
     "change", "actual", D(1986, 2, 1), D(1987, 1, 31)),
    (D1147, "CHILEAN CONSUMER PRICES RISE 1.7 PCT IN FEBRUARY", D(1987, 3, 3), "24.5 pct", 1,
     "change", "actual", D(1985, 3, 1), D(1986, 2, 28)),
    # earnings notes name the table's periods
    (D6466, "FEDERAL EXPRESS CORP <FDX> 3RD QTR FEB 28 NET", D(1987, 3, 18), "nil", 1, "level",
     "actual", D(1986, 12, 1), D(1987, 2, 28)),
    (D6466, "FEDERAL EXPRESS CORP <FDX> 3RD QTR FEB 28 NET", D(1987, 3, 18), "16.1 mln", 1,
     "level", "actual", D(1985, 12, 1), D(1986, 2, 28)),
    (D6466, "FEDERAL EXPRESS CORP <FDX> 3RD QTR FEB 28 NET", D(1987, 3, 18), "227.5 mln", 1,
     "level", "actual", D(1986, 6, 1), D(1987, 2, 28)),
    (D6466, "FEDERAL EXPRESS CORP <FDX> 3RD QTR FEB 28 NET", D(1987, 3, 18), "6,200,000", 1,
     "level", "actual", D(1985, 12, 1), D(1986, 2, 28)),
    (D9807, "MICKELBERRY CORP <MBC> 4TH QTR NET", D(1987, 3, 26), "665,000", 1, "level",
     "actual", D(1985, 10, 1), D(1985, 12, 31)),
    (D10046, "GOLDFIELD CORP <GV> 4TH QTR NET LOSS", D(1987, 3, 26), "four cts per share", 1,
     "level", "actual", D(1985, 10, 1), D(1985, 12, 31)),
    (D10046, "GOLDFIELD CORP <GV> 4TH QTR NET LOSS", D(1987, 3, 26), "10 cts", 1, "level",
     "actual", D(1985, 1, 1), D(1985, 12, 31)),
    # "covering the period March 2 to 9", "issued this week": they date a thing, not the story
    (D296, "NEW DUTCH ADVANCES TOTAL 4.8 BILLION GUILDERS", D(1987, 3, 2), "4.8 billion", 1,
     "level", "actual", D(1987, 3, 2), D(1987, 3, 9)),
    (D296, "NEW DUTCH ADVANCES TOTAL 4.8 BILLION GUILDERS", D(1987, 3, 2), "300 mln guilders", 1,
     "level", "actual", None, D(1987, 3, 2)),
    (D2966, "YIELD FALLS ON 30-DAY SAMA DEPOSITS", D(1987, 3, 7), "900 mln riyal", 1, "level",
     "actual", None, D(1987, 3, 7)),
    # markets quoted in a story about a report move on the story's day, not over its period
    (MARKETS, "U.S. CONSUMER PRICES RISE", D(2024, 4, 10), "0.4%", 1, "change", "actual",
     D(2024, 3, 1), D(2024, 3, 31)),
    (MARKETS, "U.S. CONSUMER PRICES RISE", D(2024, 4, 10), "4.54%", 1, "level", "actual",
     None, D(2024, 4, 10)),
    (MARKETS, "U.S. CONSUMER PRICES RISE", D(2024, 4, 10), "18 basis points", 1, "change",
     "actual", None, D(2024, 4, 10)),
    # a projection after a sentence on a year still to come takes that year
    (BUDGET, "KAZAKH BUDGET", D(2025, 9, 1), "181.5 trillion tenge", 1, "level", "projected",
     D(2026, 1, 1), D(2026, 12, 31)),
    # a date and agency on their own line under the city is a dateline too
    (INTERFAX, "RUSSIA BUDGET", D(2024, 11, 12), "9.72 trillion rubles", 1, "level", "actual",
     D(2024, 1, 1), D(2024, 10, 31)),
    # a dateline with the agency's name is no period; the lead's year carries on
    (XINHUA, "CHINA TRADE", D(2024, 1, 12), "23.77 trillion yuan", 1, "level", "actual",
     D(2023, 1, 1), D(2023, 12, 31)),
    # a quote on the story's day told in an earlier sentence is as of that day; a move is
    # over the day
    (CLOSE, "STOCKS RALLY", D(2023, 12, 13), "37,090.24", 1, "level", "actual",
     None, D(2023, 12, 13)),
    (CLOSE, "STOCKS RALLY", D(2023, 12, 13), "512.30 points", 1, "change", "actual",
     D(2023, 12, 13), D(2023, 12, 13)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "title", "published", "surface", "occurrence", "kind", "modality", "start", "end"),
    DOC_CASES,
)
def test_document_context(
    text: str,
    title: str,
    published: dt.date,
    surface: str,
    occurrence: int,
    kind: str,
    modality: str,
    start: dt.date | None,
    end: dt.date | None,
) -> None:
    got = period_of(
        text,
        surface,
        published=published,
        title=title,
        kind=kind,
        modality=modality,
        occurrence=occurrence,
    )
    assert (got.start, got.end) == (start, end)


def test_after_a_clause_without_a_figure_is_no_comparison() -> None:
    # "after the U.S. government last June directed ...": the figure is not July's
    text = (
        "The figures, in USX's just-released 1986 annual report, indicate much of the drop "
        "resulted from the exclusion of 293.7 mln barrels of Libyan reserves, after the U.S. "
        "government last June directed U.S. oil companies to end Libyan operations."
    )
    got = period_of(text, "293.7 mln barrels", published=D(1987, 3, 11))
    assert got == Period(None, D(1987, 3, 11), "", "publication")


# ----------------------------------------------------------------------------------------------
# Round 3: period grammar, attachment and carry-over in general wordings. Stories from
# reut2-000..015 that are in neither gold set, as `ReutersStory.text` builds them.

D109 = (  # reuters-109: U.S. BANK DISCOUNT BORROWINGS 310 MLN DLRS (a Thursday)
    "NEW YORK, Feb 26 - U.S. bank discount window borrowings\n"
    "less extended credits averaged 310 mln dlrs in the week to\n"
    "Wednesday February 25, the Federal Reserve said.\n"
    "    The Fed said that overall borrowings in the week fell 131\n"
    "mln dlrs to 614 mln dlrs, with extended credits up 10 mln dlrs\n"
    "at 304 mln dlrs. The week was the second half of a two-week\n"
    "statement period. Net borrowings in the prior week averaged 451\n"
    "mln dlrs.\n"
    "    Commenting on the two-week statement period ended February\n"
    "25, the Fed said that banks had average net free reserves of\n"
    "644 mln dlrs a day, down from 1.34 billion two weeks earlier.\n"
    "    A Federal Reserve spokesman told a press briefing that\n"
    "there were no large single day net misses in the Fed's reserve\n"
    "projections in the week to Wednesday.\n"
    "    The spokesman said that natural float ranged from under 500\n"
    "mln dlrs on Friday, for which he could give no reason, to\n"
    "nearly one billion dlrs on both Thursday and Wednesday.\n"
)
D726 = (  # reuters-726: PALL CORP <PLL> 2ND QTR SALES RISE 17 PCT
    "CHICAGO, March 2 - Pall Corp said sales in the second\n"
    "quarter rose about 17 pct to 94 mln dlrs from 80 mln dlrs a\n"
    "year ago, bringing sales for the six months to 174.6 mln dlrs,\n"
    "up 16 pct from 150.3 mln dlrs.\n"
    "    Orders in the quarter ended Jan 31 rose about 15 pct to\n"
    "101.1 mln dlrs and 13 pct to 189.6 mln dlrs in the six months.\n"
)
D3029 = (  # reuters-3029: BANKING TRADE GROUP SAYS BANK PROFITS DOWN
    "WASHINGTON, March 9 - The American Bankers Association said\n"
    "the profitability of the nation's commercial banks declined by\n"
    "12 pct during the first three quarters of 1986.\n"
    "    During the first nine months of last year, the industry's\n"
    "annualized rate of return on assets dropped to 0.68 pct from\n"
    "0.77 pct in the same period in 1985, the ABA said.\n"
    "    The industry's provisions for loan losses increased to 0.73\n"
    "pct of assets during the period, up from 0.59 pct of assets\n"
    "during the same period in 1985, the group said.\n"
)
D10089 = (  # reuters-10089: UNIVERSAL HOLDING CORP <UHCO> 4TH QTR LOSS
    "JERICHO, N.Y., March 26 - Shr profit nil vs profit nine cts\n"
    "    Net profit 2,000 vs profit 195,000\n"
    "    Revs 2,623,000 vs 2,577,000\n"
    "    Year\n"
    "    Shr loss 21 cts vs profit 13 cts\n"
    "    Net loss 425,000 vs profit 278,000\n"
    "    Revs 15.4 mln vs 8,637,000\n"
    "    Note: Net includes capital gains of 63,000 vs 211,000 for\n"
    "qtr and 304,000 vs 292,000 for year. Current year net includes\n"
    "charge of 716,000 from contract obligation to former chairman.\n"
)
D7723 = (  # reuters-7723: ICN PHARMACEUTICAL INC <ICN> 1ST QTR FEB 28 NET
    "COSTA MESA, Calif., March 20 - Oper shr 14 cts vs four cts\n"
    "    Oper net 2,959,000 vs 1,103,000\n"
    "    Sales 22.5 mln vs 25.2 mln\n"
    "    Note: oper data does not include extraordinary gains of\n"
    "3,686,000 dlrs, or 17 cts per shr, in current quarter and\n"
    "975,000 dlrs, or eight cts per shr, in year ago quarter from\n"
    "sales of certain marketable securities.\n"
)
D6202 = (  # reuters-6202: REYNOLD METALS <RLM> UP ON FURMAN SELZ REPORT
    "NEW YORK, March 17 - Shares of Reynolds Metals Co rose\n"
    "sharply after Wall Street firm Furman Selz Mager Dietz and\n"
    "Birney issued a report focusing on the strong earnings\n"
    "potential from the company's Australian gold holding, traders\n"
    "familiar with the report said.\n"
    "    Traders said the report notes that earnings from Australian\n"
    "gold holdings could be worth about 35 cts to 55 cts a share\n"
    "this year and 1.40 dlrs to two dlrs a share in 1988.\n"
    "    Reynolds Metals rose three points to 59-5/8 on volume of\n"
    "729,500 shares.\n"
)
D10694 = (  # reuters-10694: WOOLWORTH BIDS 244 MLN STG FOR SUPERDRUG (a Monday)
    "    In the year to end-February, Superdrug reported pretax\n"
    "profits of 12.26 mln after 10.36 mln previously on turnover\n"
    "that rose to 202.9 mln from 164.3 mln. Superdrug shares firmed\n"
    "to 670p from 480p on Friday.\n"
)
D6215 = (  # reuters-6215: H.J. HEINZ <HNZ> POISED FOR RECORD YEAR
    'CHICAGO, March 17 - H.J. Heinz Co is "within sight of our\n'
    '22nd consecutive year of new records in financial growth" for\n'
    "the fiscal year ending April 30, Chairman and Chief Executive\n"
    "Officer Anthony O'Reilly told investment analysts.\n"
    "    He said Heinz Ketchup has its highest market share in\n"
    "history, 55 pct.\n"
    "    O'Reilly said Weight Watchers continues to perform well and\n"
    "will generate revenue in fiscal 1987 of approximately 940 mln\n"
    "dlrs.\n"
)
D8033 = (  # reuters-8033: ALBERTA BUDGET SETS TAX INCREASE, LOWER DEFICIT
    "EDMONTON, Alberta, March 20 - The Alberta provincial\n"
    "government will increase its general corporate tax rate on\n"
    "April 1 to 15 pct from 11 pct under its 1987-88 budget\n"
    "announced today, provincial treasurer Dick Johnston said.\n"
    "    The budget forecasts the 1987-88 provincial deficit to be\n"
    "1.90 billion dlrs, compared to a forecast deficit of 3.30\n"
    "billion dlrs for fiscal 1987, which ends March 31, Johnston\n"
    "said.\n"
)
D5728 = (  # reuters-5728: WANG (WANB) SEES GROWTH IN OFFICE AUTOMATION
    "     However, Wang, who was in Dallas to open the company's new\n"
    "showroom, would not predict what the company would earn in its\n"
    "third fiscal quarter which ends March 31. Wang earned 21 cts a\n"
    "share, or 21.4 mln dlrs, in the same quarter last year.\n"
)
D12174 = (  # reuters-12174: LONDON SUGAR FREIGHTS
    "LONDON, April 1 - ENQUIRIES - Delfzyl/India 14,700 mt\n"
    "bagged sugar about 30 dlrs 750/1,000 ppt a/c Benham.\n"
    "    Antwerp/Lagos 12,000 mt bagged sugar 750/750 try liner\n"
    "discharge 5-20/4 a/c E D and F Man.\n"
    "    Santos/Hodeidah 10,000 mt bagged sugar about 30 dlrs\n"
    "750/750 20-30/4 a/c Dutch charterer.\n"
)
D12161 = (  # reuters-12161: LONDON GRAIN FREIGHT ENQUIRIES
    "LONDON, April 1 - Rio Grande/Azores and Leixoes 26,000 mt\n"
    "hss 14 dlrs basis one to two 4,000/1,500 Azores and 3,500\n"
    "Leixoes 25/4-5/5.\n"
)

D2186 = (  # reuters-2186: ZAMBIAN LATE 1986 COPPER OUTPUT UP, SALES DOWN
    "LUSAKA, March 5 - Zambian copper production rose 3.2 pct to\n"
    "113,275 tonnes in fourth quarter 1986 from 109,767 in the same\n"
    "1985 period but sales fell 18.7 pct to 119,967 tonnes from\n"
    "147,537, Zambia Consolidated Copper Mines, ZCCM, said.\n"
    "    A spokesman for the government-controlled mining company\n"
    "said the country's cobalt production fell 24 pct to 879 tonnes\n"
    "over the same period, while cobalt sales rose 92 pct to 1,734\n"
    "tonnes. He did not give figures for the fourth quarter of 1985.\n"
    "    Lead production fell 22.9 pct to 1,670 tonnes from 2,165\n"
    "and zinc production dropped 14 pct to 4,830 tonnes, he added.\n"
)

STORY_CASES = [
    # a sentence that gives no figures for a period does not move the story's period
    (D2186, "ZAMBIAN LATE 1986 COPPER OUTPUT UP, SALES DOWN", D(1987, 3, 5), "1,670 tonnes", 1,
     "level", "actual", D(1986, 10, 1), D(1986, 12, 31)),
    # (text, title, published, surface, occurrence, kind, modality, start, end)
    # a week to a weekday and date; "the week", "the prior week", the statement period and
    # the one before it; weekdays inside the week reported on
    (D109, None, D(1987, 2, 26), "310 mln dlrs", 1, "level", "actual", D(1987, 2, 19),
     D(1987, 2, 25)),
    (D109, None, D(1987, 2, 26), "131", 1, "change", "actual", D(1987, 2, 19), D(1987, 2, 25)),
    (D109, None, D(1987, 2, 26), "451", 1, "level", "actual", D(1987, 2, 12), D(1987, 2, 18)),
    (D109, None, D(1987, 2, 26), "644 mln", 1, "level", "actual", D(1987, 2, 12),
     D(1987, 2, 25)),
    (D109, None, D(1987, 2, 26), "1.34 billion", 1, "level", "actual", D(1987, 1, 29),
     D(1987, 2, 11)),
    (D109, None, D(1987, 2, 26), "under 500", 1, "level", "actual", D(1987, 2, 20),
     D(1987, 2, 20)),
    # "the six months" of a quarter story: the six months to its end
    (D726, "PALL CORP <PLL> 2ND QTR SALES RISE 17 PCT", D(1987, 3, 2), "101.1 mln", 1, "level",
     "actual", D(1986, 11, 1), D(1987, 1, 31)),
    (D726, "PALL CORP <PLL> 2ND QTR SALES RISE 17 PCT", D(1987, 3, 2), "189.6 mln", 1, "level",
     "actual", D(1986, 8, 1), D(1987, 1, 31)),
    # "during the period": the story's own period
    (D3029, None, D(1987, 3, 9), "0.73\npct", 1, "level", "actual", D(1986, 1, 1),
     D(1986, 9, 30)),
    (D3029, None, D(1987, 3, 9), "0.59 pct", 1, "level", "actual", D(1985, 1, 1),
     D(1985, 9, 30)),
    # notes under an earnings table: "for qtr", "for year", "Current year", "year ago quarter"
    (D10089, "UNIVERSAL HOLDING CORP <UHCO> 4TH QTR LOSS", D(1987, 3, 26), "63,000", 1,
     "level", "actual", D(1986, 10, 1), D(1986, 12, 31)),
    (D10089, "UNIVERSAL HOLDING CORP <UHCO> 4TH QTR LOSS", D(1987, 3, 26), "211,000", 1,
     "level", "actual", D(1985, 10, 1), D(1985, 12, 31)),
    (D10089, "UNIVERSAL HOLDING CORP <UHCO> 4TH QTR LOSS", D(1987, 3, 26), "304,000", 1,
     "level", "actual", D(1986, 1, 1), D(1986, 12, 31)),
    (D10089, "UNIVERSAL HOLDING CORP <UHCO> 4TH QTR LOSS", D(1987, 3, 26), "716,000", 1,
     "level", "actual", D(1986, 1, 1), D(1986, 12, 31)),
    (D7723, "ICN PHARMACEUTICAL INC <ICN> 1ST QTR FEB 28 NET", D(1987, 3, 20), "3,686,000 dlrs",
     1, "level", "actual", D(1986, 12, 1), D(1987, 2, 28)),
    (D7723, "ICN PHARMACEUTICAL INC <ICN> 1ST QTR FEB 28 NET", D(1987, 3, 20), "975,000 dlrs", 1,
     "level", "actual", D(1985, 12, 1), D(1986, 2, 28)),
    # a forecast's "this year" does not carry into what happened: the shares rose today
    (D6202, "REYNOLD METALS <RLM> UP ON FURMAN SELZ REPORT", D(1987, 3, 17), "59-5/8", 1,
     "level", "actual", None, D(1987, 3, 17)),
    # "to 670p from 480p on Friday": the day of the move, for both prices
    (D10694, None, D(1987, 3, 30), "670p", 1, "level", "actual", D(1987, 3, 27),
     D(1987, 3, 27)),
    (D10694, None, D(1987, 3, 30), "202.9 mln", 1, "level", "actual", D(1986, 3, 1),
     D(1987, 2, 28)),
    # a company's fiscal year stated in prose; a present-tense share is as of publication
    (D6215, "H.J. HEINZ <HNZ> POISED FOR RECORD YEAR", D(1987, 3, 17), "55 pct", 1, "level",
     "actual", None, D(1987, 3, 17)),
    (D6215, "H.J. HEINZ <HNZ> POISED FOR RECORD YEAR", D(1987, 3, 17), "approximately 940 mln",
     1, "level", "projected", D(1986, 5, 1), D(1987, 4, 30)),
    # a Canadian province's fiscal years; the base of a planned change is the rate now
    (D8033, "ALBERTA BUDGET SETS TAX INCREASE, LOWER DEFICIT", D(1987, 3, 20), "11 pct", 1,
     "level", "actual", None, D(1987, 3, 20)),
    (D8033, "ALBERTA BUDGET SETS TAX INCREASE, LOWER DEFICIT", D(1987, 3, 20), "1.90 billion",
     1, "level", "projected", D(1987, 4, 1), D(1988, 3, 31)),
    (D8033, "ALBERTA BUDGET SETS TAX INCREASE, LOWER DEFICIT", D(1987, 3, 20), "3.30\nbillion",
     1, "level", "projected", D(1986, 4, 1), D(1987, 3, 31)),
    # "the same quarter last year" of a fiscal quarter "which ends March 31"
    (D5728, None, D(1987, 3, 16), "21 cts", 1, "level", "actual", D(1986, 1, 1),
     D(1986, 3, 31)),
    # shipping laydays: "5-20/4", "20-30/4", "25/4-5/5", always the coming ones
    (D12174, "LONDON SUGAR FREIGHTS", D(1987, 4, 1), "12,000 mt", 1, "level", "projected",
     D(1987, 4, 5), D(1987, 4, 20)),
    (D12174, "LONDON SUGAR FREIGHTS", D(1987, 4, 1), "10,000 mt", 1, "level", "projected",
     D(1987, 4, 20), D(1987, 4, 30)),
    (D12161, "LONDON GRAIN FREIGHT ENQUIRIES", D(1987, 4, 1), "26,000 mt", 1, "level",
     "projected", D(1987, 4, 25), D(1987, 5, 5)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "title", "published", "surface", "occurrence", "kind", "modality", "start", "end"),
    STORY_CASES,
)
def test_story_periods(
    text: str,
    title: str | None,
    published: dt.date,
    surface: str,
    occurrence: int,
    kind: str,
    modality: str,
    start: dt.date | None,
    end: dt.date | None,
) -> None:
    got = period_of(
        text,
        surface,
        published=published,
        title=title,
        kind=kind,
        modality=modality,
        occurrence=occurrence,
    )
    assert (got.start, got.end) == (start, end)


GENERAL_CASES = [
    # (sentence, published, surface, kind, modality, start, end)
    # spans ending on a day, in any wording
    ("Funds averaged 6.12 pct in the week to Wednesday, up from 6.06 pct in the prior week.",
     D(1987, 3, 12), "6.12 pct", "level", "actual", D(1987, 3, 5), D(1987, 3, 11)),
    ("Funds averaged 6.12 pct in the week to Wednesday, up from 6.06 pct in the prior week.",
     D(1987, 3, 12), "6.06 pct", "level", "actual", D(1987, 2, 26), D(1987, 3, 4)),
    ("U.S. oil output was off to 8.4 mln bpd in the week of March 13, down six pct from last "
     "year, the American Petroleum Institute said.", D(1987, 3, 18), "8.4 mln bpd", "level",
     "actual", D(1987, 3, 13), D(1987, 3, 19)),
    ("The Bundesbank's gross currency reserves rose 300 mln marks in the last week of March to "
     "104.9 billion marks, the Bundesbank said in a statement.", D(1987, 4, 3), "300 mln marks",
     "change", "actual", D(1987, 3, 25), D(1987, 3, 31)),
    ("Prices in the year to February rose 31.6 pct, compared with 30.3 pct in the year to "
     "January and 38.8 pct in the 12 months to February 1986.", D(1987, 3, 2), "30.3 pct",
     "change", "actual", D(1986, 2, 1), D(1987, 1, 31)),
    ("The company said sales since the beginning of the year totaled 3,469, down from 3,862 a "
     "year earlier.", D(1987, 3, 4), "3,469", "level", "actual", D(1987, 1, 1), D(1987, 3, 4)),
    # a stock at a date is an instant
    ("Total natural gas reserves fell to 4.82 trillion cubic feet at year-end 1986 from 5.18 "
     "trillion at the end of 1985.", D(1987, 3, 25), "4.82 trillion cubic feet", "level",
     "actual", None, D(1986, 12, 31)),
    ("EC surplus food stocks at January 31 included 1.28 mln tonnes of butter, 520,000 tonnes "
     "of beef and over 10 mln tonnes of cereals.", D(1987, 3, 24), "1.28 mln tonnes", "level",
     "actual", None, D(1987, 1, 31)),
    # the date of another event is not the figure's period
    ("The co-operative organization, which was founded in 1900, said it accounts for 38 pct of "
     "Quebec consumer loans, 50 pct of mortgage loans, and 18 pct of commercial loans in the "
     "province.", D(1987, 3, 16), "38 pct", "level", "actual", None, D(1987, 3, 16)),
    ("Ferruzzi announced last week it had agreed in principle to buy the CPC operation for 630 "
     "mln dlrs.", D(1987, 3, 31), "630 mln dlrs", "level", "actual", None, D(1987, 3, 31)),
    ("Under the merger terms, announced Nov. 17, American will pay 15 dlrs a share for the "
     "outstanding stock of ACI Holdings.", D(1987, 3, 30), "15 dlrs a share", "level",
     "projected", None, None),
    # a payment is dated by "due", a security is not
    ("Enzo Biochem Inc said (Ortho Diagnostic Systems Inc) withheld a payment of 1.5 mln dlrs "
     "due Jan 15, 1987 under a research and development contract.", D(1987, 3, 13),
     "1.5 mln dlrs", "level", "actual", D(1987, 1, 15), D(1987, 1, 15)),
    # a comparison's period belongs to its own figures
    ("Woolworth's 1986 income rose to 214 mln dlrs or 3.25 dlrs per share compared with 1985's "
     "profit of 177 mln or 2.75 dlrs per share.", D(1987, 3, 3), "2.75 dlrs", "level",
     "actual", D(1985, 1, 1), D(1985, 12, 31)),
    ("For the fourth quarter, the company reported profits rose 10 pct to 117 mln dlrs or 1.78 "
     "dlrs per share compared with 1985 fourth quarter results of 106 mln or 1.64 dlrs per "
     "share.", D(1987, 3, 3), "1.64 dlrs", "level", "actual", D(1985, 10, 1), D(1985, 12, 31)),
    ("RIO DE JANEIRO, March 19 - Brazilian consumer prices rose 13.9 pct in February, compared "
     "with January's record rate of 16.8 pct, the Brazilian Geography and Statistics Institute "
     "(IBGE) said in a statement.", D(1987, 3, 19), "16.8 pct", "change", "actual",
     D(1987, 1, 1), D(1987, 1, 31)),
    ("February imports, measured in terms of value, totalled 32.11 billion marks, a decline of "
     "10 pct against February 1986 but a rise of 5.5 pct against January.", D(1987, 3, 26),
     "5.5 pct", "change", "actual", D(1987, 2, 1), D(1987, 2, 28)),
    ("PRESTON, Md., April 8 - Preston corp said it expects to report a loss of about 300,000 "
     "dlrs or five cts per share for the first quarter, compared with a profit of 1,081,000 "
     "dlrs or 19 cts per share a year before.", D(1987, 4, 8), "19 cts", "level", "actual",
     D(1986, 1, 1), D(1986, 3, 31)),
    # a record's threshold is not a period; "when" takes the period just named
    ("The January decline in sales was the largest since last October when sales fell 9.3 pct.",
     D(1987, 3, 3), "9.3 pct", "change", "actual", D(1986, 10, 1), D(1986, 10, 31)),
    ("Out of a total 22,125 tonnes in LME stocks, the lowest level since June 1980, just over "
     "half is in U.K. Warehouses which are not popular with merchants putting together "
     "shipments.", D(1987, 4, 9), "22,125 tonnes", "level", "actual", None, D(1987, 4, 9)),
    # present and perfect tenses do not borrow a past period from another clause
    ("The dollar has eased this week, but remains stable at around 151.50 yen.", D(1987, 3, 16),
     "around 151.50 yen", "level", "actual", None, D(1987, 3, 16)),
    ("Since Poland rejoined the IMF last June, after a 36-year absence, IMF and World Bank "
     "teams have visited Warsaw on fact-finding missions on at least three occasions.",
     D(1987, 3, 1), "at least three occasions", "level", "actual", None, D(1987, 3, 1)),
    # a futures price is quoted on its day; the delivery month names the contract
    ("Cotton for May delivery was up 0.25 cent at 56.05 cents a lb in a 56.30 to 55.80 cent "
     "range.", D(1987, 4, 7), "56.05 cents", "level", "actual", None, D(1987, 4, 7)),
    # shipments and plans look ahead
    ("LONDON, March 31 - China bought 6,000 tonnes of Malaysian refined bleached deodorised palm "
     "stearine today for May shipment at prices equivalent to around 270 to 275 dlrs per tonne "
     "fob, traders said.", D(1987, 3, 31), "around 270 to 275 dlrs", "level", "actual",
     D(1987, 5, 1), D(1987, 5, 31)),
    ("TORONTO, March 26 - <Cineplex Odeon Corp> said it proposed to sell 3,650,000 shares of "
     "common stock in the United States in late April, its first U.S. public stock offering.",
     D(1987, 3, 26), "3,650,000 shares", "level", "projected", D(1987, 4, 21), D(1987, 4, 30)),
    ("NEWINGTON, Conn., April 3 - Loctite Corp said it expects third quarter earnings to be "
     "higher than security analysts' forecasts of 75 to 80 cts a share.", D(1987, 4, 3),
     "75 to 80 cts", "level", "projected", D(1987, 7, 1), D(1987, 9, 30)),
    # a month that names a company is no date
    ("Energy Development said May Petroleum Inc <MAYP>, general partner of May Energy, will "
     "distribute about 35 Energy Development units for each 100 May Energy Partners units to "
     "holders of 100 May Energy Partnners units or more and cash to others.", D(1987, 4, 1),
     "about 35", "level", "projected", None, None),
    ("Production of cocoa in Indonesia increased to 32,378 tonnes in calendar 1985 from 10,284 "
     "tonnes in 1980.", D(1987, 3, 2), "32,378 tonnes", "level", "actual", D(1985, 1, 1),
     D(1985, 12, 31)),
    # months in a row, months sharing a year, a year range, a day in words, a futures month
    ("Production of oil, the country's main export to Western nations, hit 100 mln tonnes in "
     "January and February, up from 97.3 mln a year earlier, and exceeded its target by 0.5 "
     "pct.", D(1987, 3, 15), "100 mln tonnes", "level", "actual", D(1987, 1, 1), D(1987, 2, 28)),
    ("These figures reflect two three-for-two stock splits in March and August 1986.",
     D(1987, 3, 25), "two three-for-two", "level", "actual", D(1986, 3, 1), D(1986, 3, 31)),
    ("Senegal received about 155 mln European Currency Units (176 mln dlrs) between 1975 and "
     "1984 mainly to compensate for a fall in its peanut export earnings.", D(1987, 3, 23),
     "about 155 mln", "level", "actual", D(1975, 1, 1), D(1984, 12, 31)),
    ("WASHINGTON, April 8 - Distillate fuel stocks held in primary storage were unchanged in "
     "the week ended April three at 106.9 mln barrels, the Energy Information Administration "
     "(EIA) said.", D(1987, 4, 8), "106.9 mln barrels", "level", "actual", D(1987, 3, 28),
     D(1987, 4, 3)),
    ("MAY7 285 1/4 UP 1 3/4", D(1987, 4, 7), "285 1/4", "level", "actual", D(1987, 5, 1),
     D(1987, 5, 31)),
    # "the year-ago first quarter"; a difference "below ... a year earlier" is the report's
    ("In the year-ago first quarter the company earned 23.1 mln dlrs or 75 cts a share.",
     D(1987, 4, 7), "23.1 mln dlrs", "level", "actual", D(1986, 1, 1), D(1986, 3, 31)),
    ("Re-exports fell 11.6 pct to 10.62 billion dlrs from 12.0 billion dlrs in January but were "
     "54 pct above February 1986's 6.88 billion dlrs.", D(1987, 3, 26), "6.88 billion",
     "level", "actual", D(1986, 2, 1), D(1986, 2, 28)),
    # a yearless day months ahead in a past sentence is last year's; a past verb's day is
    # not moved ahead by a plan elsewhere in the sentence
    ("July 21, the day after the Colt recapitalization was announced, its common stock rose "
     "almost 27 points.", D(1987, 3, 17), "almost 27 points", "change", "actual",
     D(1986, 7, 21), D(1986, 7, 21)),
    ("Iowa Beef, a susbsidiary of Occidental Petroleum Corp, mailed a letter to members of UFCWU "
     "Local 222 informing them a lockout imposed by the company on December 14 would be lifted "
     "and meatpackers could return to work.", D(1987, 3, 12), "222", "level", "projected",
     D(1986, 12, 14), D(1986, 12, 14)),
    # a start, not a comparison base
    ("From July this year 30 leading stocks will be traded in a pilot of the ASX's screen "
     "trading system, industry sources said.", D(1987, 4, 1), "30 leading stocks", "level",
     "projected", D(1987, 7, 1), None),
    # "the corresponding period in 2007" is a part of 2007 the sentence does not name
    ("Operating profit rose to EUR 13.1 mn from EUR 8.7 mn in the corresponding period in 2007 "
     "representing 7.7 % of net sales .", None, "EUR 8.7 mn", "level", "actual", None, None),
    # the nearest "from" claims "a year ago": "Revenue from operations" is no comparison
    ("Northfield Mills reported second-quarter results on Tuesday. Revenue from operations grew "
     "6.8% to $9.4 billion from $8.8 billion a year ago.", D(2024, 7, 23), "$9.4 billion",
     "level", "actual", D(2024, 4, 1), D(2024, 6, 30)),
    ("Northfield Mills reported second-quarter results on Tuesday. Revenue from operations grew "
     "6.8% to $9.4 billion from $8.8 billion a year ago.", D(2024, 7, 23), "$8.8 billion",
     "level", "actual", D(2023, 4, 1), D(2023, 6, 30)),
    # a move on a day an earlier sentence told is over that day
    ("Freight markets steadied on Monday. The panamax index rose 21 points to 4,114.",
     D(2024, 5, 15), "21 points", "change", "actual", D(2024, 5, 13), D(2024, 5, 13)),
    ("Markets rallied on Wednesday. The Dow jumped 512 points, or 1.4%, to 37,090.24.",
     D(2024, 5, 15), "37,090.24", "level", "actual", None, D(2024, 5, 15)),
    # a contract's month is no period: the quote is the market's on the story's day
    ("Brent crude futures for November were up $1.12, or 1.2%, at $97.67 a barrel.",
     D(2023, 9, 28), "$97.67", "level", "actual", None, D(2023, 9, 28)),
    ("Robusta coffee beans for May delivery ended the day down about 50 sterling at 1,265 "
     "sterling a tonne.", D(1987, 3, 4), "1,265 sterling", "level", "actual", None,
     D(1987, 3, 4)),
    # a physical shipment's month is the tonnage's period
    ("For June shipment, Brazil bought 25,000 tonnes of wheat at 83.49 dlrs a tonne.",
     D(1987, 4, 2), "25,000 tonnes", "level", "actual", D(1987, 6, 1), D(1987, 6, 30)),
    # a proper name is no forecast word: the lead's year carries on
    ("Durban's port handled a record 3.1 million TEUs in 2024 as lines sent ships around the Cape "
     "of Good Hope to avoid the Red Sea, the authority said. Vessel calls grew 4.2 per cent to "
     "5,120.", D(2025, 1, 10), "5,120", "level", "actual", D(2024, 1, 1), D(2024, 12, 31)),
    # the report's quarter, not the later clause's day nor the currency's move in it
    ("Harbor Bank reported a profit of N312.6 billion for the first quarter ended March 31, 2024. "
     "Gross earnings rose 131% to N781.4 billion, driven by foreign exchange gains as the naira "
     "weakened to N1,309 per dollar at the end of March.", D(2024, 4, 30), "N781.4 billion",
     "level", "actual", D(2024, 1, 1), D(2024, 3, 31)),
    # a metal's market move with words between ("Copper on the LME rose"): the market's day
    ("Metals rallied on Wednesday. Copper on the London Metal Exchange rose 1.4% to $9,430 a "
     "ton.", D(2024, 4, 10), "$9,430", "level", "actual", None, D(2024, 4, 10)),
    # year to date runs to the end of the month the story reports, not to publication
    ("Skyline Air said February load factor fell to 34.6 pct from 38.0 pct a year before. For "
     "the year to date, load factor fell to 36.2 pct from 40.3 pct.", D(1987, 3, 9), "36.2 pct",
     "level", "actual", D(1987, 1, 1), D(1987, 2, 28)),
    # what has happened "this year" has happened so far; a forecast for it is the whole year
    ("The central bank has cut rates by a total of 125 basis points this year.", D(2024, 12, 19),
     "125 basis points", "change", "actual", D(2024, 1, 1), D(2024, 12, 19)),
    ("New projections show inflation averaging 5.6% this year.", D(2023, 9, 14), "5.6%",
     "level", "actual", D(2023, 1, 1), D(2023, 12, 31)),
    # one figure for two years in a row is for both; two figures take one year each
    ("The economy is expected to grow 2.7% in both 2025 and 2026, the bank said.",
     D(2025, 1, 16), "2.7%", "change", "projected", D(2025, 1, 1), D(2026, 12, 31)),
    ("Inflation is seen at 3.2% in 2024 and 2.1% in 2025.", D(2024, 1, 16), "2.1%", "level",
     "projected", D(2025, 1, 1), D(2025, 12, 31)),
    # "down 1.6% on the previous month": "on" compares, as "from" does
    ("In December 2023, production in industry was down by 1.6% on the previous month.",
     D(2024, 2, 7), "1.6%", "change", "actual", D(2023, 12, 1), D(2023, 12, 31)),
    ("Take-up totalled 2.6m sq ft in the six months to the end of June, down 33 per cent on the "
     "same period last year.", D(2019, 7, 9), "33 per cent", "change", "actual", D(2019, 1, 1),
     D(2019, 6, 30)),
    # a company whose year runs to June 30: its "full-year" profit is for that year
    ("Harbour Bank's full-year cash profit fell 5pc to $9.84 billion. Net interest margin "
     "narrowed 9 basis points to 1.99pc in the year to June 30.", D(2024, 8, 14),
     "$9.84 billion", "level", "actual", D(2023, 7, 1), D(2024, 6, 30)),
    # a bullet with no verb continues the report
    ("Acme N.V. today reported results for the first half of 2024.\n\nHighlights\n- Order intake "
     "up 12% to €1.38 billion\n- Revenue of €1,291 million, up 4.9%", D(2024, 7, 25),
     "€1.38 billion", "level", "actual", D(2024, 1, 1), D(2024, 6, 30)),
    # a security's maturity year names the security
    ("The debentures were priced at 99.784 to yield 120 basis points over the 9-1/4 pct "
     "Treasury bonds of 2016.", D(1987, 3, 5), "99.784", "level", "actual", None, D(1987, 3, 5)),
    # parallel forecasts share the period one of them names
    ("West Malaysian net exports are expected to drop to 2.54 mln tonnes during Jan/Sept, while "
     "those of East Malaysia are likely to decline 10 pct.", D(1987, 4, 6), "10 pct", "change",
     "projected", D(1987, 1, 1), D(1987, 9, 30)),
    # ... but a plan's horizon is not another plan's
    ("Kalahari Gem will cut capital spending by $300 million over the next three years, and "
     "plans to eliminate about 1,000 jobs.", D(2024, 2, 22), "about 1,000 jobs", "change",
     "projected", None, None),
    # a revision of an earlier month does not move the story off its own
    ("Employers added 275,000 jobs in February. December's total was also cut, by 43,000, to "
     "290,000. Taken together, the revisions lowered job growth in December and January by "
     "167,000. Average hourly pay rose 0.1% to $34.57.", D(2024, 3, 8), "$34.57", "level",
     "actual", D(2024, 2, 1), D(2024, 2, 29)),
    # ", having ..." is a clause of its own: its period is not the main figure's
    ("Shares fell 2.3pc to $122.50 by lunchtime, having gained 18pc this year.", D(2024, 8, 14),
     "$122.50", "level", "actual", None, D(2024, 8, 14)),
    # a retailer's quarter ending mid-month is 13 weeks; a business-wire dateline dates nothing
    ("MINNEAPOLIS--(BUSINESS WIRE)--Nov. 21, 2023-- Harborline Stores today reported results "
     "for the third quarter ended October 28, 2023.\n\n- Comparable sales decreased 2.7%",
     D(2023, 11, 21), "2.7%", "change", "actual", D(2023, 7, 30), D(2023, 10, 28)),
    # "fiscal 2023, which ends February 3, 2024": the company names its years by their start
    ("Harborline Stores reported results for the third quarter ended October 28, 2023. Net sales "
     "in Q3 FY23 were $4,870 million. For fiscal 2023, which ends February 3, 2024, the company "
     "expects sales to decline.", D(2023, 11, 21), "$4,870 million", "level", "actual",
     D(2023, 7, 30), D(2023, 10, 28)),
    # ... on its 52/53-week calendar: the year ends on the Saturday nearest January 31, its
    # quarters are 13 weeks, last year's third quarter too
    ("Harborline Stores reported results for the third quarter ended October 28, 2023. Net sales "
     "were $4,870 million in Q3 FY23 and $5,012 million in Q3 FY22. For fiscal 2023, which ends "
     "February 3, 2024, the company expects capital expenditures of $650 million.",
     D(2023, 11, 21), "$5,012 million", "level", "actual", D(2022, 7, 31), D(2022, 10, 29)),
    ("Harborline Stores reported results for the third quarter ended October 28, 2023. Net sales "
     "were $4,870 million in Q3 FY23 and $5,012 million in Q3 FY22. For fiscal 2023, which ends "
     "February 3, 2024, the company expects capital expenditures of $650 million.",
     D(2023, 11, 21), "$650 million", "level", "projected", D(2023, 1, 29), D(2024, 2, 3)),
    # a year ending on the last Sunday of January (no early-February end told): fiscal 2024's
    # fourth quarter and fiscal 2023 on that calendar, the first half in 26 weeks
    ("Lumen Graphics reported revenue for the third quarter ended October 29, 2023, of $18.1 "
     "billion. For the fourth quarter of fiscal 2024, revenue is expected to be $20.0 billion.",
     D(2023, 11, 21), "$20.0 billion", "level", "projected", D(2023, 10, 30), D(2024, 1, 28)),
    ("Lumen Graphics reported revenue for the third quarter ended October 29, 2023, of $18.1 "
     "billion. Gross margin for fiscal 2023 was 56.9%.", D(2023, 11, 21), "56.9%", "level",
     "actual", D(2022, 1, 31), D(2023, 1, 29)),
    # a calendar month or year of such a company stays a calendar one
    ("Lumen Graphics reported revenue for the third quarter ended October 29, 2023, of $18.1 "
     "billion. Sales in calendar 2022 rose 3%.", D(2023, 11, 21), "3%", "change", "actual",
     D(2022, 1, 1), D(2022, 12, 31)),
    # ", or C$1.18 per share" restates the figure before it: the same clause, the same period
    ("Its second-quarter net earnings rose to C$2.36 billion, or C$1.18 per share, from C$698 "
     "million, or 35 cents per share, a year earlier.", D(2022, 7, 28), "C$1.18 per share",
     "level", "actual", D(2022, 4, 1), D(2022, 6, 30)),
    ("Its second-quarter net earnings rose to C$2.36 billion, or C$1.18 per share, from C$698 "
     "million, or 35 cents per share, a year earlier.", D(2022, 7, 28), "C$698 million",
     "level", "actual", D(2021, 4, 1), D(2021, 6, 30)),
    # years a record leaves out are nobody's period
    ("Employment was little changed in August (+22,000; +0.1%) and the unemployment rate rose "
     "0.2 percentage points to 6.6%, the highest rate since May 2017 (excluding 2020 and 2021).",
     D(2024, 9, 6), "6.6%", "level", "actual", D(2024, 8, 1), D(2024, 8, 31)),
    # "below their pre-pandemic level of February 2020": the base's date, not the change's
    ("Retail sales volumes fell 0.3% in October. They were 2.7% lower than a year earlier and "
     "1.1% below their pre-pandemic level of February 2020.", D(2023, 11, 17), "1.1%", "change",
     "actual", D(2023, 10, 1), D(2023, 10, 31)),
    # "following a 5.2% increase in July" dates the base: the story stays on August
    ("Total hours worked were up 0.3% in August. Average hourly wages rose 4.9% on a "
     "year-over-year basis, following a 5.2% increase in July. Employment rose in Quebec "
     "(+23,000).", D(2024, 9, 6), "+23,000", "change", "actual", D(2024, 8, 1), D(2024, 8, 31)),
    # earlier forecasts listed after this one's years are for those years, in order; the
    # month after them is when they were made
    ("New projections show inflation averaging 5.6% this year, 3.2% in 2024 and 2.1% in 2025, "
     "compared with 5.4%, 3% and 2.2% in June.", D(2023, 9, 14), "3%", "level", "actual",
     D(2024, 1, 1), D(2024, 12, 31)),
    ("The central bank now sees inflation averaging 1.4% in 2024, 1.2% in 2025 and 1.1% in "
     "2026, down from its December forecasts of 1.9%, 1.6% and 1.8%.", D(2024, 3, 7), "1.8%",
     "level", "projected", D(2026, 1, 1), D(2026, 12, 31)),
    ("ECB staff cut their growth forecasts to 1.1% for 2019 and 1.2% for 2020, from 1.2% and "
     "1.4% in June, and now see inflation at 1.0% next year.", D(2019, 9, 12), "1.4%", "level",
     "projected", D(2020, 1, 1), D(2020, 12, 31)),
    # ... not when the list has periods of its own
    ("Exports rose to 5.2 billion in 2023 and 5.6 billion in 2024 from 4.1 billion in 2021 and "
     "4.4 billion in 2022.", D(2024, 3, 7), "4.1 billion", "level", "actual", D(2021, 1, 1),
     D(2021, 12, 31)),
    # a rate raised over a span "to 45%" is the level at its end; "Russell 2000" is no year
    ("The central bank has raised its policy rate from 8.5% to 45% since June 2023.",
     D(2024, 3, 4), "45%", "level", "actual", None, D(2024, 3, 4)),
    ("The central bank has raised its policy rate from 8.5% to 45% since June 2023.",
     D(2024, 3, 4), "8.5%", "level", "actual", D(2023, 6, 1), D(2023, 6, 30)),
    ("The Russell 2000 index of smaller companies surged 3.5%.", D(2023, 12, 13), "3.5%",
     "change", "actual", None, D(2023, 12, 13)),
    # a company named "... Holdings" is no stock
    ("Karoo Retail Holdings grew headline earnings per share 8.4% to 412.6c in the six months to "
     "December 31.", D(2024, 2, 26), "412.6c", "level", "actual", D(2023, 7, 1), D(2023, 12, 31)),
    # the plans after a dated plan share its period
    ("OPEC+ producers announced further output cuts on Monday. Saudi Arabia will cut output by "
     "500,000 bpd from May until the end of 2023. Iraq will cut 211,000 bpd and Kuwait 128,000 "
     "bpd.", D(2023, 4, 3), "211,000 bpd", "change", "projected", D(2023, 5, 1),
     D(2023, 12, 31)),
    # "from May to December 2023" after a figure is the range, not a comparison
    ("Saudi Arabia will cut output by 500,000 bpd from May to December 2023.", D(2023, 4, 3),
     "500,000 bpd", "change", "projected", D(2023, 5, 1), D(2023, 12, 31)),
    # "at the start of" a period is its first day, an instant
    ("Opening stocks at the start of this year were put at only 565,000 tonnes.",
     D(1987, 4, 7), "565,000 tonnes", "level", "actual", None, D(1987, 1, 1)),
    # an appositive's date is its own event's ("acquired ... in September")
    ("Process Chemicals, acquired from Diamond Shamrock Corp in September, makes specialty "
     "chemicals and has annual sales of about 160 mln dlrs.", D(1987, 3, 31),
     "about 160 mln dlrs", "level", "actual", None, D(1987, 3, 31)),
    # a stock reached over a span is as of its end; the change is over the span
    ("Zinc stocks in LME warehouses more than doubled over the past month to 262,100 tons.",
     D(2024, 4, 9), "262,100 tons", "level", "actual", None, D(2024, 4, 9)),
    ("Its workforce grew 17 per cent to 112,406 employees in the year to March 31.",
     D(2024, 5, 13), "17 per cent", "change", "actual", D(2023, 4, 1), D(2024, 3, 31)),
    ("Its workforce grew 17 per cent to 112,406 employees in the year to March 31.",
     D(2024, 5, 13), "112,406 employees", "level", "actual", None, D(2024, 3, 31)),
    # a balance sheet's items in a report carried from the lead are as of the period's close;
    # the flows beside them keep the quarter; a monthly statistic naming its month keeps it
    ("Zenith Bank's first-quarter profit rose 131%. Total assets grew 27.6% to N23.1 trillion, "
     "while customer deposits increased to N15.8 trillion.", D(2024, 4, 30), "N15.8 trillion",
     "level", "actual", None, D(2024, 3, 31)),
    ("Zenith Bank's first-quarter profit rose 131%. Its capital adequacy ratio stood at 21.7%.",
     D(2024, 4, 30), "21.7%", "level", "actual", None, D(2024, 3, 31)),
    ("Zenith Bank's first-quarter profit rose 131%. Fee income grew 12% to N90 billion.",
     D(2024, 4, 30), "N90 billion", "level", "actual", D(2024, 1, 1), D(2024, 3, 31)),
    ("Kazakhstan's economy grew 4.8 pct in January-October 2019. Investment in fixed assets rose "
     "9.1 pct to 8.3 trln tenge.", D(2019, 11, 12), "8.3 trln tenge", "level", "actual",
     D(2019, 1, 1), D(2019, 10, 31)),
    ("Total deposits rose to 17.18 billion N.Z. dlrs in January.", D(1987, 3, 4),
     "17.18 billion N.Z. dlrs", "level", "actual", D(1987, 1, 1), D(1987, 1, 31)),
    # "remained" is a past verb: the report goes on in the next sentences
    ("Trade between China and Brazil reached a record 181.53 billion dollars in 2023. Soybeans "
     "remained the largest item, with China buying a record 70.89 million tonnes from Brazil. "
     "China also imported 245.7 million tonnes of Brazilian iron ore.", D(2024, 1, 20),
     "245.7 million tonnes", "level", "actual", D(2023, 1, 1), D(2023, 12, 31)),
    # a budget for a fiscal year about to start: its figures and those hanging on them ("with")
    ("Iran's budget for the fiscal year starting on Saturday forecasts revenue of 50.3 billion "
     "dlrs. Oil revenue has been set at 11.74 billion dlrs, with average exports of 1.5 mln "
     "barrels per day at 16 dlrs per barrel.", D(1987, 3, 19), "1.5 mln barrels per day",
     "level", "actual", D(1987, 3, 21), D(1988, 3, 20)),
    # "For all of 2023" in a story on its fourth quarter is a summary; "a widely predicted
    # recession" is no forecast: the quarter goes on
    ("The U.S. economy grew at a 3.3% annual rate in the fourth quarter, capping a year in which "
     "a widely predicted recession never arrived. For all of 2023, the economy expanded 3.1%, "
     "up from 0.7% in 2022. Consumer spending rose at a 2.8% rate.", D(2024, 1, 25), "2.8%",
     "change", "actual", D(2023, 10, 1), D(2023, 12, 31)),
    ("The U.S. economy grew at a 3.3% annual rate in the fourth quarter. For all of 2023, the "
     "economy expanded 3.1%.", D(2024, 1, 25), "3.1%", "change", "actual", D(2023, 1, 1),
     D(2023, 12, 31)),
    # "From January to August" put first in a story on August is the year to date, an aside
    ("China's NEV retail sales reached 1.027 million units in August, up 43.2% year-on-year. "
     "From January to August, NEV retail sales totaled 6.02 million units. PHEV sales rose 80% "
     "year-on-year, while battery electric vehicle sales rose 19%.", D(2024, 9, 2), "19%",
     "change", "actual", D(2024, 8, 1), D(2024, 8, 31)),
    # a planned change "from April" and the level it sets take effect on 1 April; a rate per
    # year from a month on keeps its start only
    ("Employers' national insurance contributions will rise by 1.2 percentage points to 15pc "
     "from April.", D(2024, 10, 30), "15pc", "level", "projected", D(2025, 4, 1),
     D(2025, 4, 1)),
    ("Household energy bills will fall by about £426 a year from July.", D(2023, 5, 25),
     "about £426", "change", "projected", D(2023, 7, 1), None),
    ("Prices rose 5% in May from April.", D(2024, 6, 5), "5%", "change", "actual",
     D(2024, 5, 1), D(2024, 5, 31)),
    # "by the end of the year" and "by year-end" looked ahead to are the year under way's end;
    # a reported year-end stays the report's
    ("The governor has said the RRR could be cut by another 25-50bp by the end of the year.",
     D(2024, 10, 21), "25-50bp", "change", "projected", None, D(2024, 12, 31)),
    ("Net debt fell to C$9.4 billion at June 30, and the company targets C$8 billion by "
     "year-end.", D(2022, 7, 28), "C$8 billion", "level", "projected", None, D(2022, 12, 31)),
    ("It said its position of cash increased to 463 mln dlrs at year-end 1986.", D(1987, 3, 5),
     "463 mln dlrs", "level", "actual", None, D(1986, 12, 31)),
    # a present-tense relative clause says what its subject is, as of the story; one on a
    # flow, or on the figure's own parts, keeps the report's period
    ("ZCCM, which monopolises copper mining in Zambia and accounts for about 90 pct of the "
     "country's foreign exchange earnings, made a net loss of 718 mln kwacha in 1986.",
     D(1987, 3, 5), "about 90 pct", "level", "actual", None, D(1987, 3, 5)),
    ("Saudi Aramco, which pumps about 9 million barrels per day, reported a profit of $30 "
     "billion in the first quarter.", D(2024, 5, 7), "about 9 million barrels per day", "level",
     "actual", None, D(2024, 5, 7)),
    ("The company, which is 15%-owned by the government of Botswana, expects to mine 23 million "
     "carats this year.", D(2024, 2, 22), "15%", "level", "actual", None, D(2024, 2, 22)),
    ("Exports, which rose 5% to 3 billion dlrs, were hit in 1986.", D(1987, 3, 5),
     "3 billion dlrs", "level", "actual", D(1986, 1, 1), D(1986, 12, 31)),
    ("Sales in 1986, which include 5 mln dlrs of exports, rose 3 pct.", D(1987, 3, 5),
     "5 mln dlrs", "level", "actual", D(1986, 1, 1), D(1986, 12, 31)),
    ("In the fourth quarter, subscription revenue, which makes up about 94% of the total, "
     "climbed 19% to $1.35 billion.", D(2025, 3, 5), "about 94%", "level", "actual",
     D(2024, 10, 1), D(2024, 12, 31)),
    # a market's price a move reached over the past 24 hours is as of the story; a stock
    # "brought to" a level is as of the period's end; a quote "little changed" is the market's
    ("Ether (ETH) fell 2.4% over the past 24 hours to $3,446.", D(2024, 7, 24), "$3,446",
     "level", "actual", None, D(2024, 7, 24)),
    ("Chinese direct investment in Brazil totaled 1.73 billion dollars in 2023, bringing the "
     "stock to more than 70 billion dollars.", D(2024, 1, 20), "more than 70 billion dollars",
     "level", "actual", None, D(2023, 12, 31)),
    ("The PBOC last month cut the seven-day reverse repo rate by 20bp to 1.5%. The yuan was "
     "little changed at 7.1112 per dollar.", D(2024, 10, 21), "7.1112", "level", "actual", None,
     D(2024, 10, 21)),
    # a present verb joined by "and" says what the company is now; the year is the other verb's
    ("The company had sales of 5 mln dlrs in 1986 and employs 300 people.", D(1987, 3, 1),
     "300 people", "level", "actual", None, D(1987, 3, 1)),
    ("The company had sales of 5 mln dlrs in 1986 and employs 300 people.", D(1987, 3, 1),
     "5 mln dlrs", "level", "actual", D(1986, 1, 1), D(1986, 12, 31)),
    # a "with" phrase after the verb shares its period ("total" and "average" there are
    # nouns, crop yields no market); one describing the subject is as of the story
    ("Coal-fired plants generated about 73% of the country's electricity in 2023, with total "
     "generation at 1,739 billion units.", D(2024, 4, 10), "1,739 billion units", "level",
     "actual", D(2023, 1, 1), D(2023, 12, 31)),
    ("Exports rose in 2023, with average yields of 3,223 kilograms per hectare.", D(2024, 4, 10),
     "3,223 kilograms per hectare", "level", "actual", D(2023, 1, 1), D(2023, 12, 31)),
    ("RepublicBank, with total assets of about 21 billion dlrs, announced in December an "
     "agreement with InterFirst.", D(1987, 4, 7), "about 21 billion dlrs", "level", "actual",
     None, D(1987, 4, 7)),
    ("At the end of 1985 the bank, with 13.8 billion baht of assets, was ranked 12th.",
     D(1987, 3, 20), "13.8 billion baht", "level", "actual", None, D(1985, 12, 31)),
    # "since the end of June" starts on July 1; "the summer of last year" is June-August
    ("The currency has lost 8% since the end of June.", D(2024, 7, 17), "8%", "change",
     "actual", D(2024, 7, 1), D(2024, 7, 17)),
    ("Gas prices peaked at 30 pence in the summer of last year.", D(2024, 7, 17), "30 pence",
     "level", "actual", D(2023, 6, 1), D(2023, 8, 31)),
    # "Q3FY25" and "H1FY25" written as one word are the quarter / half of that fiscal year
    ("Infosys's net profit rose 5% to Rs 6,800 crore in Q3FY25.", D(2025, 1, 16),
     "Rs 6,800 crore", "level", "actual", D(2024, 10, 1), D(2024, 12, 31)),
    # an N-week or N-month average covers N weeks or months to the period's end; an average
    # of the month under way runs to the story's day
    ("Initial jobless claims rose 5,000 to 242,000 in the week ended Dec. 14, and the "
     "four-week moving average rose to 225,000.", D(2024, 12, 19), "225,000", "level", "actual",
     D(2024, 11, 17), D(2024, 12, 14)),
    ("Initial jobless claims rose 5,000 to 242,000 in the week ended Dec. 14, and the "
     "four-week average rose to 225,000.", D(2024, 12, 19), "225,000", "level", "actual",
     D(2024, 11, 17), D(2024, 12, 14)),
    ("The three-month average of payroll gains was 170,000 in November.", D(2024, 12, 6),
     "170,000", "change", "actual", D(2024, 9, 1), D(2024, 11, 30)),
    ("Spot LNG prices have averaged $14 per mmBtu in December.", D(2024, 12, 16),
     "$14 per mmBtu", "level", "actual", D(2024, 12, 1), D(2024, 12, 16)),
    # a season's total "as of" a day runs from the season's start to that day; a stock "as of"
    # a day stays an instant
    ("Ukraine's grain exports in the 2024/25 season reached 16.1 million tonnes as of "
     "December 2.", D(2024, 12, 3), "16.1 million tonnes", "level", "actual", D(2024, 7, 1),
     D(2024, 12, 2)),
    ("Ukraine has exported 16.1 million tonnes of grain so far in the 2024/25 season, as of "
     "December 2.", D(2024, 12, 3), "16.1 million tonnes", "level", "actual", D(2024, 7, 1),
     D(2024, 12, 2)),
    ("India added a record 18.48 GW of solar capacity in FY24, taking its installed solar "
     "capacity to 81.81 GW as of March 31, 2024.", D(2024, 4, 10), "81.81 GW", "level",
     "actual", None, D(2024, 3, 31)),
    # "by the end of the decade" looked ahead to: the end of the decade under way
    ("Global public debt is projected to approach 100 percent of GDP by the end of the decade.",
     D(2024, 4, 17), "100 percent", "level", "projected", None, D(2029, 12, 31)),
    # rates "lifted ... since July 2022" move to this day; "last year" beside "the full fiscal
    # year" is the last fiscal year
    ("Policymakers have lifted rates by a cumulative 450 basis points since July 2022.",
     D(2023, 9, 14), "450 basis points", "change", "actual", D(2022, 7, 1), D(2023, 9, 14)),
    ("NEW DELHI - India's commerce secretary said exports for the full fiscal year are expected "
     "to exceed last year's level of USD 776 billion.", D(2023, 12, 15), "USD 776 billion",
     "level", "actual", D(2022, 4, 1), D(2023, 3, 31)),
    # "five years from now", "in two years' time": the calendar year that many years ahead
    ("The forecast for global growth five years from now, at 3.1 percent, is at its lowest in "
     "decades.", D(2024, 4, 16), "3.1 percent", "change", "projected", D(2029, 1, 1),
     D(2029, 12, 31)),
    ("CPI inflation is projected at 1.7% in two years' time.", D(2024, 8, 1), "1.7%", "change",
     "projected", D(2026, 1, 1), D(2026, 12, 31)),
    # "over three years" in a plan is the calendar years from the current one
    ("One utility said last week it would invest €1.5bn in battery storage over three years.",
     D(2024, 5, 20), "€1.5bn", "level", "projected", D(2024, 1, 1), D(2026, 12, 31)),
    # what is usual, or what a thing can hold, has no time
    ("Rates to charter a very large crude carrier, which can hold 2 million barrels, have "
     "jumped above $200,000 a day.", D(2020, 4, 21), "2 million barrels", "level", "actual",
     None, None),
    ("Average daily earnings for capesizes, which typically transport 150,000-tonne cargoes "
     "such as iron ore and coal, climbed $2,007 to $75,836.", D(2021, 10, 7), "150,000-tonne",
     "level", "actual", None, None),
    # the day data were released is not the period of the figures they give
    ("India's merchandise exports rose 1 per cent to USD 38.45 billion in December 2023, while "
     "imports dipped 4.85 per cent to USD 58.25 billion, according to data released by the "
     "commerce ministry on Monday.", D(2024, 1, 16), "USD 58.25 billion", "level", "actual",
     D(2023, 12, 1), D(2023, 12, 31)),
    # a share's whole ("of building put in place") may stand between a figure and its year;
    # a cargo "for arrival in June" arrives in the coming June
    ("The value of all new construction in 1986 was 376.9 billion dlrs, or six pct more than "
     "the 355.6 billion dlrs of building put in place in 1985.", D(1987, 3, 2),
     "355.6 billion dlrs", "level", "actual", D(1985, 1, 1), D(1985, 12, 31)),
    ("North Yemen has called a buying tender for Saturday for the purchase of 30,000 tonnes of "
     "white sugar for arrival in June, traders said.", D(1987, 4, 8), "30,000 tonnes", "level",
     "projected", D(1987, 6, 1), D(1987, 6, 30)),
    # a leading comparison names the base, not the figure's period; a dividend's payment day
    # is not its period
    ("Compared with December 2022, production in December 2023 was 3.0% lower on a "
     "calendar-adjusted basis.", D(2024, 2, 7), "3.0%", "change", "actual", D(2023, 12, 1),
     D(2023, 12, 31)),
    ("Karoo grew earnings 8.4% in the 26 weeks to 31 December 2023. The board declared an "
     "interim dividend of 247c a share, up 9.3%, payable on 8 April.", D(2024, 3, 5),
     "247c a share", "level", "actual", D(2023, 7, 3), D(2023, 12, 31)),
    # "8M FY25", "9MFY24": the first eight (nine) months of that fiscal year
    ("In the April-November period (8M FY25), cumulative sales stood at 14.6 lakh units, up "
     "3.4% from 14.12 lakh units a year earlier.", D(2024, 12, 5), "14.12 lakh units", "level",
     "actual", D(2023, 4, 1), D(2023, 11, 30)),
    # a price set "for the April-September mid-crop" is for the coming crop; a crop reported on
    # is the latest one
    ("Ivory Coast's government raised the farmgate price for the April-September mid-crop by 50 "
     "pct to 1,500 CFA francs per kg.", D(2024, 3, 26), "50 pct", "change", "actual",
     D(2024, 4, 1), D(2024, 9, 30)),
    ("Arrivals in the October-March main crop were 1.2 mln tonnes.", D(2024, 3, 26),
     "1.2 mln tonnes", "level", "actual", D(2023, 10, 1), D(2024, 3, 31)),
    # Bangladesh keeps a July-June fiscal year, South Africa's government April-March; "in FY25
    # so far" runs to the story's day
    ("DHAKA - Bangladesh's economy is projected to grow 5.2% in FY25.", D(2025, 2, 10), "5.2%",
     "change", "projected", D(2024, 7, 1), D(2025, 6, 30)),
    ("South Africa's budget deficit is projected at 5% of GDP in 2024/25, the Treasury said.",
     D(2025, 2, 10), "5%", "level", "projected", D(2024, 4, 1), D(2025, 3, 31)),
    ("ISLAMABAD - Pakistan's current account posted a surplus of $119 million in FY25 so far.",
     D(2024, 10, 25), "$119 million", "level", "actual", D(2024, 7, 1), D(2024, 10, 25)),
    # a budget for the year the lead names: its day is the announcement's
    ("India's finance minister on Tuesday pegged the fiscal deficit at 4.9 per cent of GDP for "
     "2024-25. Total expenditure is pegged at Rs 48.21 trillion.", D(2024, 7, 23),
     "Rs 48.21 trillion", "level", "actual", D(2024, 4, 1), D(2025, 3, 31)),
    # quarters listed after a fiscal year are that year's
    ("The Reserve Bank of India projected real GDP growth for 2024-25 at 7.2 per cent, with Q2 at "
     "7.0 per cent and Q3 at 7.4 per cent.", D(2024, 10, 9), "7.0 per cent", "change",
     "projected", D(2024, 7, 1), D(2024, 9, 30)),
    # "respectively" pairs figures and months also for "per cent"
    ("Headline CPI inflation fell to 3.6 per cent and 3.7 per cent in July and August, "
     "respectively.", D(2024, 10, 9), "3.7 per cent", "level", "actual", D(2024, 8, 1),
     D(2024, 8, 31)),
    ("In the January-May period of this year, bilateral trade climbed 8.1% to $2.75 billion.",
     D(2023, 6, 20), "$2.75 billion", "level", "actual", D(2023, 1, 1), D(2023, 5, 31)),
    # a summary of the whole year is an aside in a story on its December
    ("In December 2023, production in industry was down by 1.6% on the previous month. For 2023 "
     "as a whole, production fell by 1.5% compared with 2022. Construction output declined "
     "3.9%.", D(2024, 2, 7), "3.9%", "change", "actual", D(2023, 12, 1), D(2023, 12, 31)),
    # a month-on-month change is a month's, the story's month
    ("Production rose in December 2023. Output for the year 2023 fell 1.5%. Production of "
     "capital goods was down 2.2% month on month.", D(2024, 2, 7), "2.2%", "change", "actual",
     D(2023, 12, 1), D(2023, 12, 31)),
    # a restatement's base is the same period ("restated ... to X from Y")
    ("Cardinal Industries said it restated earnings for the first nine months of 1986 to 235,000 "
     "dlrs from 485,000 dlrs.", D(1987, 4, 7), "485,000 dlrs", "level", "actual", D(1986, 1, 1),
     D(1986, 9, 30)),
    # "the period" after a forecast that named one is that one
    ("Palm oil production is likely to drop sharply this year. The publication expects total "
     "Malaysian output during Jan/Sept 1987 to decline by eight pct. For East Malaysia, it put "
     "production during the period at 297,000 tonnes.", D(1987, 4, 7), "297,000 tonnes",
     "level", "projected", D(1987, 1, 1), D(1987, 9, 30)),
    # a standing policy target has no period; a dated one keeps its own
    ("Consumer prices rose 5.3% in August from a year earlier, well above the 2% goal.",
     D(2023, 9, 1), "2%", "level", "projected", None, None),
    ("Swiss inflation eased to 1.2% in February, within the SNB's 0-2% target range.",
     D(2024, 3, 4), "0-2%", "level", "projected", None, None),
    ("Inflation remains above the central bank's target of 7% plus or minus 2 percentage points "
     "for the fourth quarter of 2024.", D(2024, 2, 10), "7%", "level", "projected",
     D(2024, 10, 1), D(2024, 12, 31)),
    ("Petrolina kept its 2026 production target of 800,000 to 840,000 boed.", D(2025, 8, 1),
     "800,000 to 840,000 boed", "level", "projected", D(2026, 1, 1), D(2026, 12, 31)),
    # "the second fiscal quarter last year": the company's quarter, a year back
    ("Tandem Computers said it expects higher earnings in its second fiscal quarter ending March "
     "31. In the second fiscal quarter last year, Tandem earned 9,950,000 dlrs.", D(1987, 3, 5),
     "9,950,000 dlrs", "level", "actual", D(1986, 1, 1), D(1986, 3, 31)),
    # "this year" beside "fiscal 1986" is a fiscal year too
    ("Tandem said its second fiscal quarter ends March 31. It will increase research spending to "
     "about 100 mln dlrs this year from 87 mln dlrs in fiscal 1986.", D(1987, 3, 5),
     "about 100 mln dlrs", "level", "projected", D(1986, 10, 1), D(1987, 9, 30)),
    # a flow on that day keeps the day
    ("Spot bitcoin funds drew big sums on Monday. BlackRock's fund alone drew $562.9 million.",
     D(2024, 5, 15), "$562.9 million", "level", "actual", D(2024, 5, 13), D(2024, 5, 13)),
    # a base after an adjective ("an annual average of", "a 34-year low of") keeps its year
    ("Global inflation is projected to fall from an annual average of 6.8 percent in 2023 to "
     "5.9 percent in 2024.", D(2023, 10, 10), "6.8 percent", "change", "projected",
     D(2023, 1, 1), D(2023, 12, 31)),
    ("EDF expects output of 315-345 TWh this year, up from a 34-year low of 279 TWh in 2022.",
     D(2023, 11, 2), "279 TWh", "level", "actual", D(2022, 1, 1), D(2022, 12, 31)),
    # "since May" is the last May, even in a sentence that forecasts
    ("The Reserve Bank, which has kept its benchmark rate at 8.25% since May, forecasts growth "
     "of 0.8% for the full year.", D(2023, 12, 5), "8.25%", "level", "actual", D(2023, 5, 1),
     D(2023, 12, 5)),
    # "overnight" naming a rate is no period
    ("The central bank lifted its overnight deposit rate to 27.25%.", D(2024, 3, 6), "27.25%",
     "level", "actual", None, D(2024, 3, 6)),
    # "calendar 2024" after a half
    ("China's steel output, which fell 1.7pc in the first half of calendar 2024, would remain "
     "the key driver.", D(2024, 8, 20), "1.7pc", "change", "actual", D(2024, 1, 1),
     D(2024, 6, 30)),
    # the elliptic "next" after "this year"
    ("Inflation is expected to average 2.5pc this year and 2.6pc next, about 0.5 ppt higher "
     "than previously forecast.", D(2024, 10, 31), "2.6pc", "change", "projected",
     D(2025, 1, 1), D(2025, 12, 31)),
    # the period of a base "recorded in" a month is the base's, not the comparison's
    ("The headline rate was 9.79 percentage points higher than the 21.91 per cent recorded in "
     "February 2023.", D(2024, 3, 15), "21.91 per cent", "level", "actual", D(2023, 2, 1),
     D(2023, 2, 28)),
    ("The headline rate was 9.79 percentage points higher than the 21.91 per cent recorded in "
     "February 2023.", D(2024, 3, 15), "9.79 percentage points", "change", "actual", None,
     D(2024, 3, 15)),
    ("The price of a typical home fell to £257,808, around £14,000 below the peak reached in "
     "August last year.", D(2023, 10, 3), "£257,808", "level", "actual", None, D(2023, 10, 3)),
    # a currency's loss since a month runs to this day, even in a monthly story
    ("Inflation rose to 31.7% in February. The naira has lost about 70 per cent of its value "
     "against the dollar since June last year.", D(2024, 3, 15), "about 70 per cent", "change",
     "actual", D(2023, 6, 1), D(2024, 3, 15)),
    # "late October" is its last eleven days, "early April" its first ten
    ("The average rate fell to 6.6% this week from 7.79% in late October.", D(2023, 11, 8),
     "7.79%", "level", "actual", D(2023, 10, 21), D(2023, 10, 31)),
    ("Exports rose 5% in early-April 2023.", D(2023, 11, 8), "5%", "change", "actual",
     D(2023, 4, 1), D(2023, 4, 10)),
    ("Both benchmarks have gained nearly 30% since late June.", D(2023, 9, 28), "nearly 30%",
     "change", "actual", D(2023, 6, 21), D(2023, 9, 28)),
    # "so far in" a period: from its start to the story's day
    ("Agencies have procured 262.48 lakh tonnes of wheat so far in the 2024-25 rabi marketing "
     "season.", D(2024, 5, 14), "262.48 lakh tonnes", "level", "actual", D(2024, 4, 1),
     D(2024, 5, 14)),
    ("The stock has gained about 9% so far in 2024.", D(2024, 5, 14), "about 9%", "change",
     "actual", D(2024, 1, 1), D(2024, 5, 14)),
    # the year to a quarter named by its last month
    ("CPI inflation was 5.4 per cent over the year to the September quarter.", D(2023, 10, 25),
     "5.4 per cent", "change", "actual", D(2022, 10, 1), D(2023, 9, 30)),
    # a policy rate raised since a month: to this day, not from the month's reading on
    ("Inflation was 5.4% in September. Since May 2022, the cash rate has been increased by 4.25 "
     "percentage points.", D(2023, 11, 8), "4.25 percentage points", "change", "actual",
     D(2022, 5, 1), D(2023, 11, 8)),
    ("Spot bitcoin ETFs have drawn net inflows of $17.5 billion since their January launch.",
     D(2024, 7, 24), "$17.5 billion", "level", "actual", D(2024, 1, 1), D(2024, 7, 24)),
    # a crop's season follows the crop, not the fiscal year of a government the story names
    ("LONDON, March 26 - Ivory Coast's government raised the farmgate price. The ICCO forecasts "
     "a global cocoa deficit of 374,000 tonnes in the 2023/24 season.", D(2024, 3, 26),
     "374,000 tonnes", "level", "projected", D(2023, 10, 1), D(2024, 9, 30)),
    ("NEW DELHI, May 14 - The farm ministry has estimated wheat production at a record 112 "
     "million tonnes for the 2023-24 crop year.", D(2024, 5, 14), "112 million tonnes", "level",
     "actual", D(2023, 7, 1), D(2024, 6, 30)),
    ("NEW DELHI, Feb 1 - India's government expects its fiscal deficit at 5.1% of GDP in "
     "2024-25.", D(2024, 2, 1), "5.1%", "level", "projected", D(2024, 4, 1), D(2025, 3, 31)),
    # two or more years ahead or back are whole calendar years
    ("Kalahari Gem will cut capital spending by $300 million over the next three years.",
     D(2024, 2, 23), "$300 million", "change", "projected", D(2024, 1, 1), D(2026, 12, 31)),
    ("Over the past five years the company has had average net income growth of 32 pct "
     "annually.", D(1987, 3, 3), "32 pct", "change", "actual", D(1982, 1, 1), D(1986, 12, 31)),
    ("Analysts expect inflows of $5 billion over the next 12 months.", D(2024, 7, 24),
     "$5 billion", "level", "projected", D(2024, 7, 24), D(2025, 7, 23)),
    ("The krona has weakened by around 5 per cent against the euro since the turn of the year.",
     D(2024, 5, 8), "around 5 per cent", "change", "actual", D(2024, 1, 1), D(2024, 5, 8)),
    # the first weeks of a fiscal year in a story on weeks ended a day: the weeks ending then
    ("Ames said sales for the five weeks ended April Four were up 15 pct. The company said for "
     "the first nine weeks of its fiscal year, sales were up 16.3 pct to 277.6 mln dlrs.",
     D(1987, 4, 9), "277.6 mln dlrs", "level", "actual", D(1987, 2, 1), D(1987, 4, 4)),
    # the twelve months to the story's month are that month's yearly rate, not the story's period
    ("U.S. consumer prices rose 0.4% in March. In the 12 months through March, the CPI increased "
     "3.5%. Food prices edged up 0.1%.", D(2024, 4, 10), "0.1%", "change", "actual",
     D(2024, 3, 1), D(2024, 3, 31)),
    ("U.S. consumer prices rose 0.4% in March. In the 12 months through March, the CPI increased "
     "3.5%. Food prices edged up 0.1%.", D(2024, 4, 10), "3.5%", "change", "actual",
     D(2023, 4, 1), D(2024, 3, 31)),
    # "early 2025" is its first quarter, "late-2023" its last; "over 2024" in a forecast is 2024
    ("The bank expects the Reserve Bank to keep the cash rate at 4.35pc until early 2025.",
     D(2024, 8, 14), "4.35pc", "level", "projected", None, D(2025, 3, 31)),
    ("Sales fell 2% in late-2023.", D(2024, 8, 14), "2%", "change", "actual", D(2023, 10, 1),
     D(2023, 12, 31)),
    ("GDP growth is expected to be around 1¾ per cent over 2024.", D(2023, 11, 7),
     "around 1¾ per cent", "change", "projected", D(2024, 1, 1), D(2024, 12, 31)),
    ("Sales are expected to rise 5% over 2022 levels.", D(2023, 11, 7), "5%", "change",
     "projected", None, None),
    # a payment scheduled for the next quarter is no period of the report, nor of "the quarter"
    ("Gulf Petroleum reported a 14 per cent drop in first-quarter net income. The company declared "
     "a dividend of $10.8 billion, to be paid in the second quarter. Its gearing ratio was 4.1 "
     "per cent at the end of March. Crude output averaged about 9 million barrels per day during "
     "the quarter.", D(2024, 5, 7), "about 9 million barrels per day", "level", "actual",
     D(2024, 1, 1), D(2024, 3, 31)),
    # an average after an instant is over the report's span
    ("Gulf Petroleum reported a 14 per cent drop in first-quarter net income. Its gearing ratio "
     "was 4.1 per cent at the end of March. Its average realised crude price was $83.0 per "
     "barrel.", D(2024, 5, 7), "$83.0 per barrel", "level", "actual", D(2024, 1, 1),
     D(2024, 3, 31)),
    # a summary of the year to date put first does not move the story's month
    ("Hong Kong retail sales for October 2024 fell 18.1%. For the first 10 months of 2024, the "
     "value of total retail sales decreased by 7.5%. Sales of jewellery fell 15.4% to HK$4.3bn.",
     D(2024, 12, 2), "HK$4.3bn", "level", "actual", D(2024, 10, 1), D(2024, 10, 31)),
    # "the full-year payout" in a dividend to be paid is the year reported, not the next one
    ("Southern Cross Banking Group's full-year cash profit fell 5pc to $9.84 billion in the year "
     "to June 30. The bank will pay a final dividend of $2.50 a share, taking the full-year "
     "payout to $4.65.", D(2024, 8, 14), "$4.65", "level", "projected", D(2023, 7, 1),
     D(2024, 6, 30)),
    # a base written with a letter or prefixed currency ("R356m", "US$66.07", "C$698 million")
    # is a base: its "a year earlier" is not the main figure's
    ("Karoo Retail grew earnings 8.4% in the 26 weeks to 31 December 2023. The group spent R214m "
     "on diesel, down from R356m a year earlier.", D(2024, 3, 5), "R214m", "level", "actual",
     D(2023, 7, 3), D(2023, 12, 31)),
    ("Second-quarter profit rose. West Texas Intermediate averaged US$108.41 a barrel in the "
     "quarter, up from US$66.07 a year earlier, while the discount on Western Canadian Select "
     "widened to US$12.90.", D(2022, 7, 28), "US$12.90", "level", "actual", D(2022, 4, 1),
     D(2022, 6, 30)),
    ("Non-oil revenue in 2024 is estimated at SR502 billion, compared with just SR166 billion in "
     "2015.", D(2024, 1, 1), "SR166 billion", "level", "actual", D(2015, 1, 1), D(2015, 12, 31)),
    # "more indebted than at any time since 2006": a record's threshold, no period
    ("Some 26 of the world's poorest countries are more indebted than at any time since 2006, "
     "the report noted.", D(2025, 1, 16), "Some 26", "level", "actual", None, D(2025, 1, 16)),
    # common regular past verbs keep a report going ("covered", "produced")
    ("OSLO, Jan 8 - Norway exported a record 117.6 bcm of gas in 2024. Norwegian gas covered "
     "around 30 percent of demand in Europe. The Troll field produced 40.1 bcm.", D(2025, 1, 8),
     "40.1 bcm", "level", "actual", D(2024, 1, 1), D(2024, 12, 31)),
    # a report that goes on in the past tense keeps its period past six sentences
    ("Employers added 275,000 jobs in February. Hiring was up from 229,000. The total was cut by "
     "43,000. Revisions lowered growth by 167,000. The jobless rate rose to 3.9%. Pay rose 0.1% "
     "to $34.57. Wages were up 4.3%. Health care led the gains, with 67,000 added jobs.",
     D(2024, 3, 8), "67,000 added jobs", "level", "actual", D(2024, 2, 1), D(2024, 2, 29)),
    # an index named by its exchange moves on the day, not over the story's year to date
    ("Australian shares have risen 3% so far this year. The ASX 200 gained 0.5 per cent to "
     "7,761.2 points.", D(2024, 6, 5), "0.5 per cent", "change", "actual", None, D(2024, 6, 5)),
    # hours: "in the past 24 hours" runs from yesterday; "2 hours ago" on a byline is no figure
    ("Bitcoin was recently trading at $71,950, up 1.8% in the past 24 hours.", D(2024, 3, 12),
     "1.8%", "change", "actual", D(2024, 3, 11), D(2024, 3, 12)),
    # a record since a decade is no period of the story
    ("Employers added 275,000 jobs in February. The jobless rate has remained below 4% for 25 "
     "months, the longest such stretch since the 1960s. Average hourly pay rose 0.1% to $34.57.",
     D(2024, 3, 8), "$34.57", "level", "actual", D(2024, 2, 1), D(2024, 2, 29)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "surface", "kind", "modality", "start", "end"), GENERAL_CASES
)
def test_general_wordings(
    text: str,
    published: dt.date | None,
    surface: str,
    kind: str,
    modality: str,
    start: dt.date | None,
    end: dt.date | None,
) -> None:
    got = period_of(text, surface, published=published, kind=kind, modality=modality)
    assert (got.start, got.end) == (start, end)


def test_corresponding_period_without_main_period_keeps_its_label() -> None:
    text = (
        "Operating profit rose to EUR 13.1 mn from EUR 8.7 mn in the corresponding period in "
        "2007 representing 7.7 % of net sales ."
    )
    got = period_of(text, "EUR 8.7 mn", published=None)
    assert got == Period(None, None, "in the corresponding period in 2007", "unknown")


def test_a_week_to_a_weekday_and_laydays_are_never_figures() -> None:
    for sentence, date in (
        ("Funds averaged 6.12 pct in the week to Wednesday, up from 6.06 pct.", "week to Wednesday"),
        ("Santos/Hodeidah 10,000 mt bagged sugar about 30 dlrs 750/750 20-30/4 a/c Dutch "
         "charterer.", "20-30/4"),
        ("Rio Grande/Azores and Leixoes 26,000 mt hss 14 dlrs basis one to two 4,000/1,500 "
         "Azores and 3,500 Leixoes 25/4-5/5.", "25/4-5/5"),
    ):  # fmt: skip
        start = sentence.index(date)
        assert any(s <= start and start + len(date) <= e for s, e in date_spans(sentence))


def test_prices_written_as_fractions_are_no_laydays() -> None:
    # "rose 1-3/4 to 45-1/2": share prices, not days of April
    sentence = "Shares of ChemLawn shot up 11-5/8 to 29-3/8 in over-the-counter trading."
    assert date_spans(sentence) == []


# ----------------------------------------------------------------------------------------------
# properties: never raises, spans valid

TEXT = st.lists(
    st.sampled_from(
        [*"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.;:-/'$%\n",
           "January ", "March ", "May ", "1986", "1987/88", "fiscal ", "Q3 ", "week ", "ended ",
           "last ", "year ", "vs ", "from ", "in ", "by ", "2033", "Nine mths\n", "Year\n",
           "4TH QTR ", "the ", "previous ", " pct", " mln", "10:30 ", "0930 GMT", "in quarter ",
           "the same ", "period ", "beginning ", "effective ", "now ", "( ", ") ", " and ",
           ", when ", "week ago ", "the year before ", "a year-earlier ", "since ", "after a ",
           "stood at ", "Quarter net ", "NOTE: ", "centred on ", "ending march ", "two previous ",
           "quarters ", " or ", "Shr 1.25 dlrs vs 1.10 dlrs\n", "$ 3.7 mln ", "EUR ",
           "week to ", "Wednesday, ", "Thursday ", " and Tuesday ", "weeks of ", "four-week ",
           "statement period ", "that ended on ", "the week's ", "the first week of the period ",
           "Current periods ", "for qtr ", "current year ", "year-ago ", "12 mths ", "1-10/5 ",
           "25/4-5/5 ", "said on ", "announced ", "Founded in ", "compared with ", " when ",
           "has since ", "will ", "shipment ", "due ", "year-end ", "the full year in ",
           "which ends ", "the latest two weeks ", "the last week of ", "mid-", "today "]
    ),
    max_size=60,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_date_spans_are_valid_sorted_and_disjoint(text: str) -> None:
    spans = date_spans(text)
    for s, e in spans:
        assert 0 <= s < e <= len(text)
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        assert e1 <= s2


def test_an_unresolvable_anaphor_before_when_is_passed_over_once() -> None:
    # "period ... , when": the anaphor the ", when" clause points back to cannot be resolved;
    # it was chosen again and again (found by the property test below)
    text = "Quarter net Yperiod from by , when cafter a SY12 mths %pyear-end 91mid-shipment S"
    ctx = build_context(text, published=D(1987, 3, 3))
    for start in range(0, len(text), 3):
        got = period_for(ctx, 0, (start, start + 5), modality="actual", kind="level")
        assert isinstance(got, Period)


@settings(max_examples=200, deadline=None)
@given(
    TEXT,
    st.one_of(st.none(), st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))),
    st.one_of(st.none(), st.text(max_size=40)),
    st.integers(-3, 40),
    st.integers(-5, 200),
    st.integers(-5, 200),
    st.sampled_from(["actual", "projected", "other"]),
    st.sampled_from(["level", "change", ""]),
)
def test_period_for_never_raises(
    text: str,
    published: dt.date | None,
    title: str | None,
    index: int,
    start: int,
    end: int,
    modality: str,
    kind: str,
) -> None:
    ctx = build_context(text, title=title, published=published)
    got = period_for(ctx, index, (start, end), modality=modality, kind=kind)
    assert isinstance(got, Period)
    assert got.basis in ("explicit", "relative", "publication", "unknown")
    if got.start is not None and got.end is not None:
        assert got.start <= got.end
    if published is None:
        assert got.basis != "publication"


@pytest.mark.parametrize(
    ("text", "published", "surface", "start", "end"),
    [
        (BASES, "2024-04-30", "$288 million", D(2023, 1, 1), D(2023, 3, 31)),
        (MONTHLY, "2023-04-01", "12.0%", D(2023, 2, 1), D(2023, 2, 28)),
    ],
)
def test_the_base_of_to_x_from_y(
    text: str, published: str, surface: str, start: dt.date, end: dt.date
) -> None:
    """A quarter's base is the same quarter a year earlier, a month's the month before."""
    row = extract_figures(text, published=published).set_index("surface").loc[surface]
    assert (row["period_start"], row["period_end"]) == (start, end)


def test_from_a_day_range_is_the_range_and_its_base_the_week_before() -> None:
    """ "from July 3 to 9" is the whole range (not a comparison's "from"); "a week earlier"
    shifts that range by a week."""
    text = (
        "The export duty on wheat will be 3,062.7 rubles per tonne from July 3 to 9, down from "
        "3,310.5 rubles a week earlier, the ministry said."
    )
    rows = extract_figures(text, published="2024-06-28").set_index("surface")
    assert tuple(rows.loc["3,062.7 rubles", ["period_start", "period_end"]]) == (
        D(2024, 7, 3),
        D(2024, 7, 9),
    )
    assert tuple(rows.loc["3,310.5 rubles", ["period_start", "period_end"]]) == (
        D(2024, 6, 26),
        D(2024, 7, 2),
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # joined by "to": the range itself
        ("The duty will be 3,062.7 rubles per tonne in the week of July 3 to 9.", 3, 9),
        # joined by "and": from the first week's start to the last week's end
        ("Sales were 5 mln dlrs in the weeks of July 3 and July 10.", 3, 16),
    ],
)
def test_weeks_of_two_days(text: str, start: int, end: int) -> None:
    row = extract_figures(text, published="2024-06-28").iloc[0]
    assert (row["period_start"], row["period_end"]) == (D(2024, 7, start), D(2024, 7, end))


def test_a_balance_at_the_period_close_does_not_end_the_report() -> None:
    """ "at the end of March" inside a first-quarter report dates that sentence's balance; the
    next sentences still report on the quarter."""
    text = (
        "Gulf Petroleum reported a 14 per cent drop in first-quarter net income to $27.3 "
        "billion. Its gearing ratio was 4.1 per cent at the end of March, compared with 6.3 per "
        "cent at the end of 2023. Capital expenditure rose 36 per cent to $12.4 billion."
    )
    rows = extract_figures(text, published="2024-05-07").set_index("surface")
    assert (rows.loc["4.1 per cent", "period_start"], rows.loc["4.1 per cent", "period_end"]) == (
        None,
        D(2024, 3, 31),
    )
    spending = rows.loc["$12.4 billion"]
    assert (spending["period_start"], spending["period_end"]) == (D(2024, 1, 1), D(2024, 3, 31))


def test_a_reported_year_end_is_not_the_coming_one() -> None:
    text = "CRA said it held forward contracts at year-end to buy 985 mln U.S. Dlrs."
    row = extract_figures(text, published="1987-03-03").iloc[0]
    assert row["period_end"] != dt.date(1987, 12, 31)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Employment increased among youth aged 15 to 24 in August.", "15 to 24"),
        (
            "Of 2.77 million people seeking work in October, 73 pct were aged between 14 and 29.",
            "between 14 and 29",
        ),
    ],
)
def test_an_age_bracket_has_no_period(text: str, surface: str) -> None:
    rows = extract_figures(text, published="2024-09-06")
    row = rows[rows["surface"] == surface].iloc[0]
    assert (row["period_start"], row["period_end"], row["period_basis"]) == (None, None, "unknown")


def test_a_bracketed_comparative_is_the_same_span_a_year_earlier() -> None:
    text = "In the third quarter, net sales rose 3% to SEK 5,206 m (5,054)."
    rows = extract_figures(text, published="2024-10-24")
    row = rows[rows["surface"] == "5,054"].iloc[0]
    assert (row["value"], row["unit"]) == (5.054e9, "SEK")
    assert (row["period_start"], row["period_end"]) == (dt.date(2023, 7, 1), dt.date(2023, 9, 30))


def test_a_metal_contracts_three_months_is_a_tenor() -> None:
    text = "Three-month copper on the London Metal Exchange rose as much as 3.1% to $11,104.50."
    rows = extract_figures(text, published="2024-05-20")
    row = rows[rows["surface"] == "Three-month"].iloc[0]
    assert (row["period_start"], row["period_end"], row["period_basis"]) == (None, None, "unknown")


def test_a_parallel_change_shares_the_span_a_base_does_not() -> None:
    text = (
        "The stock has gained nearly 24% over the past 12 months, compared with a 21% rise in "
        "the Sensex. Net profit rose to 5 mln dlrs in 1986, compared with 3 mln dlrs."
    )
    rows = extract_figures(text, published="2024-07-19").set_index("surface")
    assert (rows.loc["21%", "period_start"], rows.loc["21%", "period_end"]) == (
        dt.date(2023, 7, 20),
        dt.date(2024, 7, 19),
    )
    assert rows.loc["3 mln dlrs", "period_end"] is None
