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
# properties: never raises, spans valid

TEXT = st.lists(
    st.sampled_from(
        [*"abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.;:-/'$%\n",
           "January ", "March ", "May ", "1986", "1987/88", "fiscal ", "Q3 ", "week ", "ended ",
           "last ", "year ", "vs ", "from ", "in ", "by ", "2033", "Nine mths\n", "Year\n",
           "4TH QTR ", "the ", "previous ", " pct", " mln", "10:30 ", "0930 GMT"]
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
