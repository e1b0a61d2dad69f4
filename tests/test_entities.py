"""The entities stage: gazetteer lookups, companies by form, and what a figure is about.

Sentences are real: the seed article (gold in tests/data/seed_figures.csv) and Reuters-21578
stories copied below as the reader produces them (dateline, then body; title as metadata).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_figures
from extract.context import DocContext, build_context
from extract.entities import EntityMention, entities_for, find_entities

ROOT = Path(__file__).resolve().parents[1]
TYPES = {"country", "region", "organisation", "company"}

# Reuters-21578, Distribution 1.0 (research use): NEWID -> (title, date, text).
REUTERS = {
    11: (
        "COBANCO INC <CBCO> YEAR NET",
        "1987-02-26",
        (
            "SANTA CRUZ, Calif., Feb 26 - Shr 34 cts vs 1.19 dlrs\n"
            "    Net 807,000 vs 2,858,000\n"
            "    Assets 510.2 mln vs 479.7 mln\n"
            "    Deposits 472.3 mln vs 440.3 mln\n"
            "    Loans 299.2 mln vs 327.2 mln\n"
            "    Note: 4th qtr not available. Year includes 1985\n"
            "extraordinary gain from tax carry forward of 132,000 dlrs, or\n"
            "five cts per shr."
        ),
    ),
    47: (
        "BRAZIL ANTI-INFLATION PLAN LIMPS TO ANNIVERSARY",
        "1987-02-26",
        (
            'RIO DE JANEIRO, Feb 26 - Brazil\'s "Cruzado" anti- inflation\n'
            "plan, initially hailed at home and abroad as the saviour of the\n"
            "economy, is limping towards its first anniversary amid soaring\n"
            "prices, widespread shortages and a foreign payments crisis.\n"
            "    Announced last February 28 the plan froze prices, fixed the\n"
            "value of the new Cruzado currency and ended widespread\n"
            "indexation of the economy in a bid to halt the country's 250\n"
            "pct inflation rate.\n"
            "    But within a year the plan has all but collapsed.\n"
            '    "The situation now is worse than it was. Although there was\n'
            'inflation, at least the economy worked," a leading bank\n'
            "economist said.\n"
            "    The crumbling of the plan has been accompanied by a\n"
            "dramatic reversal in the foreign trade account. In 1984 and\n"
            "1985 Brazil's annual trade surpluses had been sufficient to\n"
            "cover the 12 billion dlrs needed to service its 109 billion dlr\n"
            "foreign debt.\n"
            "    For the first nine months of 1986 all seemed to be on\n"
            "target for a repeat, with monthly surpluses averaging one\n"
            "billion dlrs. But as exports were diverted and imports\n"
            "increased to avoid further domestic shortages the trade surplus\n"
            "plunged to 211 mln dlrs in October and since then has averaged\n"
            "under 150 mln."
        ),
    ),
    111: (
        "U.S. M-1 MONEY SUPPLY ROSE 2.1 BILLION DLRS",
        "1987-02-26",
        (
            "NEW YORK, Feb 26 - U.S. M-1 money supply rose 2.1 billion\n"
            "dlrs to a seasonally adjusted 736.7 billion dlrs in the\n"
            "February 16 week, the Federal Reserve said.\n"
            "    The previous week's M-1 level was revised to 734.6 billion\n"
            "dlrs from 734.2 billion dlrs, while the four-week moving\n"
            "average of M-1 rose to 735.0 billion dlrs from 733.5 billion.\n"
            "    Economists polled by Reuters said that M-1 should be\n"
            "anywhere from down four billion dlrs to up 2.3 billion dlrs.\n"
            "The average forecast called for a 300 mln dlr M-1 rise."
        ),
    ),
    867: (
        "JAPAN UNEMPLOYMNENT RISES TO RECORD IN JANUARY",
        "1987-03-02",
        (
            "TOKYO, March 3 - Japan's seasonally adjusted unemployment\n"
            "rate rose to a record 3.0 pct in January, the worst since the\n"
            "Government started compiling unemployment statistics under its\n"
            "current system in 1953, up from the previous record 2.9 pct in\n"
            "December, the government's Management and Coordination Agency\n"
            "said.\n"
            "    Unemployment was up from 2.8 pct a year earlier.\n"
            "    Unadjusted January unemployment totalled 1.82 mln people,\n"
            "up from 1.61 mln in December and 1.65 mln a year earlier.\n"
            "    Male unemployment in January remained at 2.9 pct, equal to\n"
            "the second-worst level set last December. Record male\n"
            "unemployement of 3.1 pct was set in July 1986.\n"
            "    Female unemployment in January remained at 3.0 pct, equal\n"
            "to the record level marked in April, August, September and\n"
            "December last year.\n"
            "    January's record 3.0 pct unemployment rate mainly stemmed\n"
            "from loss of jobs in manufacturing industries, particularly in\n"
            "export-related firms, due to the yen's continuing appreciation\n"
            "against the dollar, officials said."
        ),
    ),
    929: (
        "ITALY CONSUMER PRICES RISE 0.4 PCT IN FEBRUARY",
        "1987-03-03",
        (
            "ROME, March 3 - Italy's consumer price index rose 0.4 pct\n"
            "in February compared with January after rising 0.6 pct in\n"
            "January over December, the national statistics institute\n"
            "(Istat) said.\n"
            "    The year-on-year rise in February was 4.2 pct down from 4.5\n"
            "pct in January and compared with 7.6 pct in February 1986.\n"
            "    Istat said its consumer prices index for the families of\n"
            "workers and employees (base 1985) was 109.1 in February against\n"
            "108.7 in January and 104.7 in February 1986.\n"
            " REUTER"
        ),
    ),
    1936: (
        "JAPANESE MINISTRY DENIES EXPORT QUOTA FOR DAIHATSU",
        "1987-03-05",
        (
            "TOKYO, March 5 - The Ministry of International Trade and\n"
            "Industry has not yet set a car export quota for <Daihatsu Motor\n"
            "Co Ltd> which is scheduled to start exports to the U.S. Later\n"
            "this year, a ministry official said.\n"
            "    Several local newspapers said the ministry had set a quota\n"
            "of about 10,000 cars.\n"
            "    Daihatsu is owned 15.1 pct by Toyota Motor Corp <TOYO.T>."
        ),
    ),
    2985: (
        "BANGLADESH TRADE DEFICIT NARROWS IN OCTOBER 1986",
        "1987-03-09",
        (
            "DHAKA, March 9 - The Bangladesh trade deficit narrowed to\n"
            "1.91 billion Taka in October from 5.64 billion in September and\n"
            "2.43 billion in October 1985, the Central Bank said.\n"
            "    Imports dropped to 4.31 billion Taka in October from 8.22\n"
            "billion in September and 4.72 billion in October 1985.\n"
            "    Exports totalled 2.4 billion Taka in October, as against\n"
            "2.58 billion in September and 2.29 billion in October 1985.\n"
            " REUTER"
        ),
    ),
    16775: (
        "CHINA TRADE DEFICIT FALLS SHARPLY, RESERVES RISE",
        "1987-04-17",
        (
            "PEKING, April 17 - China's trade deficit in the first\n"
            "quarter fell to 1.05 billion dlrs from 3.04 billion in the same\n"
            "1986 period, customs figures show.\n"
            "    Zhang Zhongji, spokesman of the State Statistical Bureau,\n"
            "quoted the figures as showing exports rose 27 pct to 7.28\n"
            "billion dlrs and imports fell 5.1 pct to 8.33 billion.\n"
            "    He said if imports of gifts, foreign aid items and\n"
            "materials for joint ventures are excluded, the deficit was only\n"
            "350 mln dlrs, and the surplus on invisibles was 700 mln. As a\n"
            "result, foreign exchange reserves increased somewhat from their\n"
            "level at end-1986, he said, but gave no figure.\n"
            "    Official figures show the reserves at 10.514 billion dlrs\n"
            "at end-1986, down from 11.9 billion at end-1985.\n"
            "    Zhang said one reason for the rise in exports was improved\n"
            "incentives to export firms, which are being allowed to retain\n"
            "more foreign exchange from the goods they sell.\n"
            "    He said first quarter exports to Hong Kong and Macao rose\n"
            "35.5 pct to 2.48 billion dlrs and imports rose 55.3 pct to 1.46\n"
            "billion. Exports to Japan fell 2.3 pct to 1.28 billion and\n"
            "imports 24.4 pct to 2.14 billion.\n"
            "    Exports to the U.S. Rose 23 pct to 640 mln dlrs and imports\n"
            "fell 26.7 pct to 840 mln. Exports to the EEC rose 35.1 pct to\n"
            "770 mln dlrs and imports fell 3.8 pct to 1.5 billion, he said.\n"
            " REUTER"
        ),
    ),
}


def _ctx(newid: int) -> DocContext:
    title, published, text = REUTERS[newid]
    return build_context(text, title=title, published=dt.date.fromisoformat(published))


def _about(ctx: DocContext, needle: str, surface: str, nth: int = 0) -> list[str]:
    """Entities of the figure `surface` (the nth one) in the first sentence containing `needle`."""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in surface.split()))
    for index, sentence in enumerate(ctx.sentences):
        if needle in sentence.text:
            spans = [m.span() for m in pattern.finditer(sentence.raw)]
            assert len(spans) > nth, f"{surface!r} not in {sentence.text!r}"
            return entities_for(ctx, index, spans[nth])
    raise AssertionError(f"no sentence contains {needle!r}")


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.name, m.type) for m in find_entities(text)]


# --- gazetteer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "name", "type_"),
    [
        ("Russia's investments in Kazakhstan", "Russia", "Russia", "country"),
        (
            "The President of the Russian Federation spoke",
            "Russian Federation",
            "Russia",
            "country",
        ),
        ("76 Russian regions are developing partnerships", "Russian", "Russia", "country"),
        ("Russia’s investments in Kazakhstan", "Russia", "Russia", "country"),
        ("U.S. M-1 money supply rose", "U.S.", "United States", "country"),
        ("US imports of steel fell", "US", "United States", "country"),
        ("exports to the USA rose", "USA", "United States", "country"),
        ("American exports rose", "American", "United States", "country"),
        ("Britain's trade gap narrowed", "Britain", "United Kingdom", "country"),
        ("the U.K. money supply", "U.K.", "United Kingdom", "country"),
        ("UK retail sales rose", "UK", "United Kingdom", "country"),
        ("British exports rose", "British", "United Kingdom", "country"),
        ("more than 60,000 Kazakh students", "Kazakh", "Kazakhstan", "country"),
        ("Kazakhstani exports rose", "Kazakhstani", "Kazakhstan", "country"),
        ("West German exports rose", "West German", "West Germany", "country"),
        ("West Germany's trade surplus", "West Germany", "West Germany", "country"),
        ("the Soviet Union bought grain", "Soviet Union", "Soviet Union", "country"),
        ("USSR grain imports", "USSR", "Soviet Union", "country"),
        ("Soviet grain imports", "Soviet", "Soviet Union", "country"),
        ("South Korea's current account", "South Korea", "South Korea", "country"),
        ("Korea's exports rose", "Korea", "South Korea", "country"),
        ("Korean car makers", "Korean", "South Korea", "country"),
        ("North Korean exports", "North Korean", "North Korea", "country"),
        ("Taiwan's foreign exchange reserves", "Taiwan", "Taiwan", "country"),
        ("Hong Kong's exports", "Hong Kong", "Hong Kong", "country"),
        ("EC farm ministers agreed", "EC", "European Community", "region"),
        ("the European Community's budget", "European Community", "European Community", "region"),
        ("EU gas imports", "EU", "European Union", "region"),
        ("inflation in the euro zone", "euro zone", "Euro area", "region"),
        ("the Federal Reserve said", "Federal Reserve", "Federal Reserve", "organisation"),
        ("the Fed added reserves", "Fed", "Federal Reserve", "organisation"),
        ("the Bundesbank left rates", "Bundesbank", "Bundesbank", "organisation"),
        ("the Bank of Japan intervened", "Bank of Japan", "Bank of Japan", "organisation"),
        ("the Bank of England said", "Bank of England", "Bank of England", "organisation"),
        ("the IMF loan", "IMF", "International Monetary Fund", "organisation"),
        ("a World Bank report", "World Bank", "World Bank", "organisation"),
        ("OPEC output rose", "OPEC", "OPEC", "organisation"),
        ("together with their OPEC+ partners", "OPEC+", "OPEC+", "organisation"),
        ("under GATT rules", "GATT", "GATT", "organisation"),
        ("the SCO platform", "SCO", "SCO", "organisation"),
        ("chairman of the CIS", "CIS", "CIS", "organisation"),
        ("the head of Gazprom, Alexey Miller", "Gazprom", "Gazprom", "company"),
        ("Putin also indicated Rosatom’s readiness", "Rosatom", "Rosatom", "company"),
        ("according to Eurostat", "Eurostat", "Eurostat", "organisation"),
        ("the national statistics institute (Istat) said", "Istat", "Istat", "organisation"),
        ("relations between Moscow and Astana", "Moscow", "Russia", "country"),
        ("relations between Moscow and Astana", "Astana", "Kazakhstan", "country"),
        ("Washington wants Tokyo to open its markets", "Washington", "United States", "country"),
        ("Washington wants Tokyo to open its markets", "Tokyo", "Japan", "country"),
        ("Beijing cut tariffs", "Beijing", "China", "country"),
        # Hard-wrapped wire copy breaks names across lines.
        (
            "The Ministry of International Trade and\nIndustry has not",
            "Ministry of International Trade and\nIndustry",
            "Ministry of International Trade and Industry",
            "organisation",
        ),
        # Financial PhraseBank is tokenised: "Nokia 's".
        ("Nokia 's net sales rose", "Nokia", "Nokia", "company"),
    ],
)
def test_gazetteer_lookup(text: str, surface: str, name: str, type_: str) -> None:
    assert (surface, name, type_) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "the company told us that sales rose",  # the pronoun, not the country
        "Total exports rose 5 pct",
        "Male unemployment in January remained at 2.9 pct",
        "money market mutual funds increased 720.4 mln dlrs",
        "the turkey and china clay markets",
        "a 25 basis point cut",
    ],
)
def test_no_entity_in_ordinary_words(text: str) -> None:
    assert find_entities(text) == []


def test_currency_amount_is_not_a_place() -> None:
    assert find_entities("exports worth US$5 mln") == []


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("BankAmerica Corp <BAC> said its net fell", "BankAmerica Corp", "BankAmerica Corp"),
        ("Champion Products Inc said its board", "Champion Products Inc", "Champion Products Inc"),
        ("Shares of Dean Foods Co rose", "Dean Foods Co", "Dean Foods Co"),
        ("sale to Dominion Resources Inc <D>.", "Dominion Resources Inc", "Dominion Resources Inc"),
        (
            "a quota for <Daihatsu Motor\nCo Ltd> which",
            "Daihatsu Motor\nCo Ltd",
            "Daihatsu Motor Co Ltd",
        ),
        ("COBANCO INC <CBCO> YEAR NET", "COBANCO INC", "Cobanco Inc"),
        (
            "NATIONAL WESTMINSTER BANK <NWBL.L> 1986 NET",
            "NATIONAL WESTMINSTER BANK",
            "National Westminster Bank",
        ),
        ("<CINRAM LTD> 4TH QTR NET", "CINRAM LTD", "Cinram Ltd"),
        (
            "Full name Philippine Long Distance Telephone Co.",
            "Philippine Long Distance Telephone Co",
            "Philippine Long Distance Telephone Co",
        ),
        ("American Express Co said", "American Express Co", "American Express Co"),
        ("Finnish Talentum Oyj reports its operating profit", "Talentum Oyj", "Talentum Oyj"),
        ("Stora Enso Oyj said", "Stora Enso Oyj", "Stora Enso Oyj"),
        ("Componenta 's net sales", "Componenta", "Componenta"),
        ("Nordea Bank AB said", "Nordea Bank AB", "Nordea Bank AB"),
    ],
)
def test_company_lookup(text: str, surface: str, name: str) -> None:
    assert (surface, name, "company") in _found(text)


def test_institution_named_like_a_company_is_not_one() -> None:
    text = "to 236.90 billion dlrs, the Investment Company Institute said."
    assert all(t != "company" for _, _, t in _found(text))


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        # Financial PhraseBank sentences: a nationality describing the company is not an entity.
        (
            "Finnish telecoms software developer Tecnomen Oyj said on December 5 , 2006 it won a "
            "$ 3.3 mln ( 2.5 mln euro ) order .",
            "$ 3.3 mln",
            ["Tecnomen Oyj"],
        ),
        (
            "Finnish plumbing and heating systems supplier Uponor 's net sales from continuing "
            "operations decreased by 9.4 % .",
            "9.4 %",
            ["Uponor"],
        ),
        (
            "In Lithuania , operating profit rose to EUR 190,000 from EUR 70,000 in the "
            "corresponding period in 2005 .",
            "EUR 190,000",
            ["Lithuania"],
        ),
        # A count of countries, in words, named or not, is about none of them.
        (
            "The bill would require teams within six months to visit seven countries: Mexico, "
            "Philippines, Indonesia, India, Bangladesh, Senegal and Nigeria.",
            "seven countries",
            [],
        ),
    ],
)
def test_single_sentences(sentence: str, surface: str, expected: list[str]) -> None:
    assert _about(build_context(sentence), sentence[:20], surface) == expected


def test_finnish_company_keeps_its_nationality_out() -> None:
    ctx = build_context("Finnish Talentum reports its operating profit increased to EUR 20.5 mn .")
    assert _about(ctx, "Talentum", "EUR 20.5 mn") == ["Talentum"]


# --- the seed article against its gold --------------------------------------------------------


def _seed() -> DocContext:
    text = (ROOT / "seeds" / "000_ae976960708b5109.txt").read_text(encoding="utf-8")
    meta = json.loads((ROOT / "seeds" / "000_ae976960708b5109.meta.json").read_text())
    return build_context(
        text, title=meta["title"], published=dt.date.fromisoformat(meta["published"])
    )


SEED_GOLD = list(csv.DictReader((ROOT / "tests" / "data" / "seed_figures.csv").open()))


@pytest.mark.parametrize("row", SEED_GOLD, ids=[r["surface"] for r in SEED_GOLD])
def test_seed_gold_entities(row: dict[str, str]) -> None:
    got = _about(_seed(), row["sentence_snippet"], row["surface"])
    assert ";".join(got) == row["entities"]


@pytest.mark.parametrize(
    ("needle", "surface", "expected"),
    [
        # The quantity scanner may give the bare number: the counted noun still follows.
        ("in which 26 countries participate", "26", []),
        ("more than 60,000 Kazakh students", "60,000", ["Kazakhstan", "Russia"]),
        ("about 6,000 enterprises with Russian", "6,000", ["Russia", "Kazakhstan"]),
    ],
)
def test_seed_with_bare_numbers(needle: str, surface: str, expected: list[str]) -> None:
    assert _about(_seed(), needle, surface) == expected


# --- Reuters-21578 ----------------------------------------------------------------------------

REUTERS_CASES = [
    # The source ("the Federal Reserve said") is not what M-1 is about: the U.S. is.
    (111, "U.S. M-1 money supply rose", "2.1 billion dlrs", ["United States"]),
    (111, "U.S. M-1 money supply rose", "736.7 billion dlrs", ["United States"]),
    (111, "previous week's M-1 level", "734.6 billion dlrs", ["United States"]),
    (111, "Economists polled by Reuters", "2.3 billion dlrs", ["United States"]),
    (867, "seasonally adjusted unemployment", "3.0 pct", ["Japan"]),
    (867, "seasonally adjusted unemployment", "2.9 pct", ["Japan"]),
    (867, "Unemployment was up from", "2.8 pct", ["Japan"]),
    (929, "Italy's consumer price index", "0.4 pct", ["Italy"]),
    (929, "Italy's consumer price index", "0.6 pct", ["Italy"]),
    (929, "Istat said its consumer prices index", "109.1", ["Italy"]),
    (2985, "Bangladesh trade deficit", "1.91 billion Taka", ["Bangladesh"]),
    (2985, "Imports dropped to", "4.31 billion Taka", ["Bangladesh"]),
    # An earnings table is about the company of its title.
    (11, "Shr 34 cts", "34 cts", ["Cobanco Inc"]),
    (11, "Net 807,000", "2,858,000", ["Cobanco Inc"]),
    (11, "extraordinary gain", "132,000 dlrs", ["Cobanco Inc"]),
    # Exports to a partner: the reporting country first, then the partner.
    (16775, "China's trade deficit", "1.05 billion dlrs", ["China"]),
    (16775, "Exports to Japan fell", "2.3 pct", ["China", "Japan"]),
    (16775, "Exports to the U.S.", "640 mln dlrs", ["China", "United States"]),
    (16775, "exports to Hong Kong and Macao", "35.5 pct", ["China", "Hong Kong", "Macau"]),
    (16775, "Official figures show the reserves", "10.514 billion dlrs", ["China"]),
    # "the country's" is the country named before it.
    (47, "to halt the country's", "250", ["Brazil"]),
    (47, "Brazil's annual trade surpluses", "12 billion dlrs", ["Brazil"]),
    (1936, "Daihatsu is owned", "15.1 pct", ["Daihatsu Motor Co Ltd", "Toyota Motor Corp"]),
]


@pytest.mark.parametrize(("newid", "needle", "surface", "expected"), REUTERS_CASES)
def test_reuters_entities(newid: int, needle: str, surface: str, expected: list[str]) -> None:
    assert _about(_ctx(newid), needle, surface) == expected


def test_dateline_is_not_an_entity() -> None:
    ctx = _ctx(111)  # "NEW YORK, Feb 26 - U.S. M-1 ..."
    assert "New York" not in ";".join(_about(ctx, "U.S. M-1", "2.1 billion dlrs"))
    ctx = build_context(
        "WASHINGTON, March 3 - Commercial paper outstanding dropped 375 mln dlrs.",
        title="COMMERCIAL PAPER FALLS",
        published=dt.date(1987, 3, 3),
    )
    # Washington as a dateline is where the story was filed; it still tells the country.
    assert _about(ctx, "Commercial paper", "375 mln dlrs") == ["United States"]


def test_the_company_is_the_story_company() -> None:
    text = (
        "LOUISVILLE, Ky., Feb 26 - Brown-Forman Inc said its board has approved a three-for-two "
        "stock split and a 35 pct increase in the company cash dividend.\n"
        "    The company cited its improved earnings outlook.\n"
        "    Brown-Forman today reported a 37 pct increase in third quarter profits to 21.6 mln "
        "dlrs."
    )
    ctx = build_context(
        text,
        title="BROWN-FORMAN <BFDB> SETS STOCK SPLIT, UPS PAYOUT",
        published=dt.date(1987, 2, 26),
    )
    assert _about(ctx, "three-for-two", "35 pct") == ["Brown-Forman Inc"]
    assert _about(ctx, "third quarter profits", "21.6 mln dlrs") == ["Brown-Forman Inc"]


BANK_OF_ENGLAND = (
    "LONDON, March 12 - The Bank of England said it provided the\n"
    "market with a further 442 mln stg assistance during the morning\n"
    "to offset a liquidity shortage it estimated at 1.60 billion\n"
    "stg, revised up from 1.55 billion\n"
    "    The bank bought outright eight mln stg of band one treasury\n"
    "bills and five mln stg of band one bank bills at 10-3/8 pct.\n"
    "    It bought a further 429 mln stg of bills for resale to the\n"
    "discount houses on April 2 at an interest rate of 10-7/16 pct."
)
BANK_OF_KOREA = (
    "SEOUL, March 5 - South Korea's M-2 money supply rose 0.39\n"
    "pct to 33,992.0 billion won in February from 33,858.4 billion\n"
    "in January, when it fell a revised 0.04 pct from December,\n"
    "provisional Bank of Korea figures show.\n"
    "    The February figure was up 18.89 pct from a year earlier.\n"
    "    M-1 money supply rose 4.13 pct to 8,492.1 billion won in\n"
    "February from January, when it fell 7.82 pct from December. The\n"
    "February figure marked a year-on-year rise of 18.45 pct.\n"
    "    The bank previously said M-2 fell 0.06 pct in January."
)


def test_a_central_bank_acting_is_the_entity() -> None:
    ctx = build_context(
        BANK_OF_ENGLAND,
        title="U.K. MONEY MARKET GIVEN FURTHER 442 MLN STG HELP",
        published=dt.date(1987, 3, 12),
    )
    assert _about(ctx, "it provided the market", "442 mln stg") == ["Bank of England"]
    assert _about(ctx, "The bank bought outright", "eight mln stg") == ["Bank of England"]
    assert _about(ctx, "It bought a further", "429 mln stg") == ["Bank of England"]


def test_a_central_bank_reporting_is_a_source() -> None:
    ctx = build_context(
        BANK_OF_KOREA,
        title="SOUTH KOREAN MONEY SUPPLY RISES IN FEBRUARY",
        published=dt.date(1987, 3, 5),
    )
    assert _about(ctx, "M-2 money supply rose", "0.04 pct") == ["South Korea"]
    assert _about(ctx, "The February figure", "18.89 pct") == ["South Korea"]
    assert _about(ctx, "The bank previously said", "0.06 pct") == ["South Korea"]


def test_an_acronym_in_parentheses_names_the_same_company() -> None:
    text = (
        "TOKYO, March 2 - <Nippon Telegraph and Telephone Corp>\n"
        "(NTT) expects its profits to fall to 328 billion yen in the\n"
        "year ending March 31, 1988 from a projected 348 billion this\n"
        "year, the company said.\n"
        "    NTT said it plans to make capital investments of 1,770\n"
        "billion yen in 1987/88."
    )
    ctx = build_context(
        text, title="JAPAN'S NTT FORECASTS PROFITS FALL IN 1987/88", published=dt.date(1987, 3, 2)
    )
    full = ["Nippon Telegraph and Telephone Corp"]
    assert _about(ctx, "expects its profits", "328 billion yen") == full
    assert _about(ctx, "capital investments", "1,770") == full


def test_employer_of_a_quoted_analyst_is_not_an_entity() -> None:
    text = (
        "TOKYO, March 3 - Japan's exports rose 5.1 pct in February, said John Smith, an analyst "
        "at Merrill Lynch Japan Inc.\n    Imports rose 3.2 pct, a Merrill Lynch analyst said."
    )
    ctx = build_context(text, title="JAPAN EXPORTS RISE", published=dt.date(1987, 3, 3))
    assert _about(ctx, "Japan's exports", "5.1 pct") == ["Japan"]
    assert _about(ctx, "Imports rose", "3.2 pct") == ["Japan"]


def test_two_countries_and_bilateral_are_the_document_pair() -> None:
    text = (
        "Japan and the United States held talks in Tokyo on Monday. Bilateral trade rose "
        "to 80 billion dlrs last year. Trade between the two countries grew 5 pct. "
        "The U.S. deficit with Japan was 58 billion dlrs."
    )
    ctx = build_context(text, published=dt.date(1987, 3, 3))
    assert _about(ctx, "Bilateral trade", "80 billion dlrs") == ["Japan", "United States"]
    assert _about(ctx, "the two countries", "5 pct") == ["Japan", "United States"]
    assert _about(ctx, "The U.S. deficit", "58 billion dlrs") == ["United States", "Japan"]


def test_capital_as_venue_is_not_an_actor() -> None:
    text = "Ministers met in Astana on Monday. The budget deficit was 2.1 pct of GDP."
    ctx = build_context(text, published=dt.date(2023, 11, 8))
    assert _about(ctx, "Ministers met", "Monday") == []


def test_readings_follow_the_publication_date() -> None:
    text = "Moscow bought 2.5 mln tonnes of grain. Germany's exports rose 3 pct."
    old = build_context(text, published=dt.date(1987, 3, 3))
    new = build_context(text, published=dt.date(2023, 3, 3))
    assert _about(old, "Moscow bought", "2.5 mln tonnes") == ["Soviet Union"]
    assert _about(new, "Moscow bought", "2.5 mln tonnes") == ["Russia"]
    assert _about(old, "Germany's exports", "3 pct") == ["West Germany"]
    assert _about(new, "Germany's exports", "3 pct") == ["Germany"]


def test_order_of_mention_and_no_duplicates() -> None:
    text = (
        "Kazakh students in Russia number 60,000, and Russian universities host most Kazakh ones."
    )
    ctx = build_context(text)
    got = _about(ctx, "Kazakh students", "60,000")
    assert got == ["Kazakhstan", "Russia"]
    assert len(got) == len(set(got))


def test_context_cache_is_per_document() -> None:
    a = build_context("Japan's exports rose 5 pct.", title=None)
    b = build_context("Italy's exports rose 5 pct.", title=None)
    assert _about(a, "exports", "5 pct") == ["Japan"]
    assert _about(b, "exports", "5 pct") == ["Italy"]
    assert _about(a, "exports", "5 pct") == ["Japan"]


def test_gazetteer_is_built_at_first_use_not_at_import() -> None:
    code = (
        "import extract.entities as e; assert e._gazetteer.cache_info().currsize == 0; "
        "e.find_entities('Japan'); assert e._gazetteer.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# --- never raises -----------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "Russia", "Russia's", "U.S.", "US$", "Kazakh", "the two countries", "mutual trade",
        "the republic", "the company", "Corp", "Inc", "<BAC>", "<", ">", "Co", "said", ",", ";",
        "NEW YORK, Feb 26 -", "in", "to", "Fed", "OPEC+", "\n", "\n\n", "    ", "5 pct", "26",
        "countries", "Moscow", "ABC Ltd", "'s", "’", "-", ".", "according to",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_find_entities_never_raises_and_spans_are_valid(text: str) -> None:
    found = find_entities(text)
    last_end = 0
    for m in found:
        assert isinstance(m, EntityMention)
        assert last_end <= m.start < m.end <= len(text)
        assert m.name and m.type in TYPES
        last_end = m.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    TEXTS,
    st.one_of(st.none(), TEXTS),
    st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))),
    st.integers(-3, 60),
    st.integers(-20, 400),
    st.integers(-20, 400),
)
def test_entities_for_never_raises(
    text: str, title: str | None, published: dt.date | None, index: int, a: int, b: int
) -> None:
    ctx = build_context(text, title=title, published=published)
    names = entities_for(ctx, index, (a, b))
    assert isinstance(names, list)
    assert all(isinstance(n, str) and n for n in names)
    assert len(names) == len(set(names))
    for i in range(len(ctx.sentences)):
        n = len(ctx.sentences[i].raw)
        assert entities_for(ctx, i, (0, n)) == entities_for(ctx, i, (0, n))


# --- agreement with the shared gold sets ------------------------------------------------------

GOLD_FLOORS = {"reuters-a": 0.9, "reuters-b": 0.8, "phrasebank": 0.7}


@pytest.mark.parametrize(("name", "floor"), sorted(GOLD_FLOORS.items()))
def test_agreement_with_gold_entities(name: str, floor: float) -> None:
    """Exact agreement (names and order) with the hand-annotated gold, located by surface."""
    from extract.evaluate import load_gold, locate

    path = ROOT / "tests" / "data" / "gold" / f"{name}.figures.csv"
    if not path.exists():
        pytest.skip(f"{path.name} not in this checkout")
    documents, gold = load_gold(path)
    by_id = {d.doc_id: d for d in documents}
    contexts: dict[str, DocContext] = {}
    agree = total = 0
    for row in gold.to_dict("records"):
        doc = by_id[row["doc_id"]]
        if doc.doc_id not in contexts:
            contexts[doc.doc_id] = build_context(doc.text, title=doc.title, published=doc.published)
        ctx = contexts[doc.doc_id]
        span = locate(doc.text, row["surface"], int(row.get("occurrence") or 1))
        index = ctx.sentence_at(span[0]) if span else None
        if span is None or index is None:
            continue
        start = ctx.sentences[index].start
        got = entities_for(ctx, index, (span[0] - start, span[1] - start))
        expected = [n for n in str(row["entities"] or "").split(";") if n and n != "nan"]
        total += 1
        agree += got == expected
    assert total > 0
    assert agree / total >= floor, f"{name}: {agree}/{total} figures agree"


def test_a_country_mentioned_in_passing_is_not_the_story_subject() -> None:
    text = (
        "LONDON, Sept 28 (Reuters) - Oil prices rose on Thursday, with Brent heading towards "
        "$100 a barrel.\nU.S. crude inventories fell by 2.2 million barrels, the EIA said.\n"
        "Brent crude futures were up $1.12 at $97.67 a barrel."
    )
    frame = extract_figures(text, published="2023-09-28")
    row = frame[frame.surface == "$97.67 a barrel"].iloc[0]
    assert "United States" not in row["entities"]


def test_the_company_a_modern_story_leads_with() -> None:
    text = (
        "Infoteq Systems on Thursday reported a 6.4% year-on-year decline in net profit.\n"
        "Revenue grew 4.2% to Rs 40,000 crore."
    )
    frame = extract_figures(text, published="2025-04-17")
    assert frame[frame.surface == "4.2%"].iloc[0]["entities"] == "Infoteq Systems"
    person = "WASHINGTON, March 25 - Treasury Secretary James Baker said the deficit fell 5 pct."
    assert "James Baker" not in extract_figures(person, published="1987-03-25").iloc[0]["entities"]
