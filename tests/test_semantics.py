"""Kind, sign, modality and measure of figures, read from real news phrasing."""

from __future__ import annotations

import pytest

from extract import extract_figures


def figures(text: str, published: str | None = "2023-11-08") -> dict[str, dict]:
    frame = extract_figures(text, published=published)
    return {row["surface"]: row for row in frame.to_dict("records")}


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value"),
    [
        (
            "Mutual trade turnover increased by 10.2% to a record $28.2 billion.",
            "10.2%",
            "change",
            10.2,
        ),
        (
            "Mutual trade turnover increased by 10.2% to a record $28.2 billion.",
            "$28.2 billion",
            "level",
            28.2e9,
        ),
        ("Exports fell 3% in March.", "3%", "change", -3),
        (
            "In January-August it added another 7.6% and amounted to $18.9 billion.",
            "7.6%",
            "change",
            7.6,
        ),
        (
            "M-1 money supply rose 2.1 billion dlrs to 736.7 billion dlrs.",
            "2.1 billion dlrs",
            "change",
            2.1e9,
        ),
        (
            "M-1 money supply rose 2.1 billion dlrs to 736.7 billion dlrs.",
            "736.7 billion dlrs",
            "level",
            736.7e9,
        ),
        ("The trade deficit narrowed to 1.91 billion Taka.", "1.91 billion Taka", "level", 1.91e9),
        ("Loans fell 618 mln dlrs to 278.88 billion dlrs.", "618 mln dlrs", "change", -618e6),
        ("The crude contract was up 19 cents at US$58.24 per barrel.", "19 cents", "change", 0.19),
        (
            "The crude contract was up 19 cents at US$58.24 per barrel.",
            "US$58.24 per barrel",
            "level",
            58.24,
        ),
        ("GDP grew 3.4% last year.", "3.4%", "change", 3.4),
        ("Inflation of 3.2% was reported.", "3.2%", "change", 3.2),
        ("The unemployment rate rose to a record 3.0 pct.", "3.0 pct", "level", 3.0),
        (
            "The bank cut its base lending rate 0.5 percentage points to 10.5 pct.",
            "0.5 percentage points",
            "change",
            -0.5,
        ),
        ("Sales were +10.2% y/y.", "+10.2%", "change", 10.2),
        ("Prices showed a 0.3 pct decline in February.", "0.3 pct", "change", -0.3),
        ("The company posted a net loss of 5 mln dlrs.", "5 mln dlrs", "level", 5e6),
        (
            "It raised 177.5 mln Swiss francs at an issue price of 98.4 pct.",
            "177.5 mln Swiss francs",
            "level",
            177.5e6,
        ),
        (
            "GDP rose 0.1 pct in January after falling 0.1 pct and 0.3 pct in November and October.",
            "0.3 pct",
            "change",
            -0.3,
        ),
        (
            "Inflation rose to 17.5 pct compared with 16.6 pct last month.",
            "16.6 pct",
            "change",
            16.6,
        ),
        # "make up" a share is no rise
        ("Online sales jumped 29% and now make up 3.8% of the total.", "3.8%", "level", 3.8),
        # a named level after a change is not a gapped item of it
        (
            "Passengers rose 19 per cent, with a seat factor of 79.9 per cent.",
            "79.9 per cent",
            "level",
            79.9,
        ),
        (
            "Payments will rise by €12 a week, and an energy credit of €250 will be paid.",
            "€250",
            "level",
            250,
        ),
        (
            "Production of capital goods fell 2.2% and production of intermediate goods 0.7%.",
            "0.7%",
            "change",
            -0.7,
        ),
        # a gapped item after a year: "... 4.1 percent in 2025, and India 6.8 percent"
        (
            "China will grow 4.6 percent in 2024 and 4.1 percent in 2025, and India 6.8 percent.",
            "6.8 percent",
            "change",
            6.8,
        ),
        (
            "The highest annual rates are expected in Belgium (4.9%) and Spain (3.8%).",
            "3.8%",
            "change",
            3.8,
        ),
        # "added a 1.6 pct fall": the noun the figure modifies is the change, not the verb
        (
            "Eurostat added a 1.6 pct fall in prices was offset by a 3.1 pct increase.",
            "1.6 pct",
            "change",
            -1.6,
        ),
        ("The sales force will be 20 pct larger in 1987.", "20 pct", "change", 20),
        # an "anti-inflation" shield is not a rate of change
        ("The anti-inflation shield cut VAT on food to 0% from 5%.", "0%", "level", 0),
        # a fund's return is the change of its value; a decline "was" a negative change
        ("The fund returned 8.6% in the first half.", "8.6%", "change", 8.6),
        ("In November 2023, the decline from October 2023 was 0.2%.", "0.2%", "change", -0.2),
        ("Return on equity was 17.1%.", "17.1%", "level", 17.1),
        ("The BoE expects inflation to decline to 5.2% by the end of 2023.", "5.2%", "change", 5.2),
        # counted jobs added or lost are a change of employment
        ("Health care led the gains, with 67,000 added jobs.", "67,000 added jobs", "change",
         67000),
        ("The sector saw 5,000 lost jobs.", "5,000 lost jobs", "change", -5000),
        # a change noun with "totalling"; an earlier estimate of a change is a change too
        ("OPEC+ producers announced output cuts totalling around 1.16 million barrels per day.",
         "around 1.16 million barrels per day", "change", -1.16e6),
        ("Sales were revised to show a 1.1% drop in September, from an initial estimate of 0.9%.",
         "0.9%", "change", -0.9),
        # "and 3.8% m/m" goes on with the fall; growth "flat at 0.0%" is a change, a rate a level
        ("Fuel prices fell 7.2% y/y and 3.8% m/m.", "3.8%", "change", -3.8),
        ("Capital expenditure was flat at 0.0%.", "0.0%", "change", 0),
        ("The jobless rate was unchanged at 3.9%.", "3.9%", "level", 3.9),
    ],
)  # fmt: skip
def test_kind_and_sign(text: str, surface: str, kind: str, value: float) -> None:
    row = figures(text)[surface]
    assert row["kind"] == kind
    assert row["value"] == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "modality"),
    [
        (
            "As part of their implementation, more than 15,000 jobs will be created.",
            "more than 15,000 jobs",
            "projected",
        ),
        (
            "By 2033 they plan to send more than 100 million tons of Russian oil.",
            "more than 100 million tons",
            "projected",
        ),
        ("Conab sees soy exports at 92.4 million tons.", "92.4 million tons", "projected"),
        ("Output is expected to reach 5 mln tonnes.", "5 mln tonnes", "projected"),
        # an item that leaves the forecast's verb out is forecast too
        (
            "China is expected to grow 4.6 percent in 2024 and 4.1 percent in 2025, and India "
            "6.8 percent in fiscal 2024/25.",
            "6.8 percent",
            "projected",
        ),
        ("The ministry forecast growth of 2.5 pct.", "2.5 pct", "projected"),
        ("The group guided for revenue of €4.1bn in 2025.", "€4.1bn", "projected"),
        ("Growth is seen at 2.1% this year.", "2.1%", "projected"),
        ("Inflation eased to 61.4% in May from 69.8% in April.", "61.4%", "actual"),
        ("Output may rise 5% this year.", "5%", "projected"),
        ("Profit rose 5 pct, more than expected.", "5 pct", "actual"),
        (
            "Russia's investments in Kazakhstan amount to about $17 billion.",
            "about $17 billion",
            "actual",
        ),
        ("Economists said M-1 should be up 2.3 billion dlrs.", "2.3 billion dlrs", "projected"),
    ],
)
def test_modality(text: str, surface: str, modality: str) -> None:
    assert figures(text)[surface]["modality"] == modality


def test_a_figure_in_a_future_period_is_projected() -> None:
    row = figures("Exports of 5 mln tonnes in 2025.", published="2023-11-08")["5 mln tonnes"]
    assert row["modality"] == "projected"


@pytest.mark.parametrize(
    ("text", "surface", "keyword"),
    [
        (
            "Mutual trade turnover last year increased by 10.2% to a record $28.2 billion.",
            "10.2%",
            "mutual trade turnover",
        ),
        (
            "Russia's investments in Kazakhstan amount to about $17 billion.",
            "about $17 billion",
            "investments in kazakhstan",
        ),
        (
            "Russia and Kazakhstan are working on 143 joint projects worth $33.5 billion.",
            "$33.5 billion",
            "value of joint projects",
        ),
        (
            "The Bangladesh trade deficit narrowed to 1.91 billion Taka.",
            "1.91 billion Taka",
            "trade deficit",
        ),
        (
            "BankAmerica holds about 2.70 billion dlrs in Brazilian loans.",
            "about 2.70 billion dlrs",
            "brazilian loans",
        ),
        (
            "Operating profit was EUR 13.1 mn, representing 7.7 % of net sales.",
            "7.7 %",
            "share of net sales",
        ),
        (
            "Banks raised their prime rate one-half point to 6.5 pct.",
            "one-half point",
            "prime rate",
        ),
        (
            "Accumulated inflation for the first three months of 1987 was 18.5 pct.",
            "18.5 pct",
            "accumulated inflation",
        ),
        ("Shr profit four cts vs loss 13 cts", "13 cts", "loss per share"),
        ("Shr profit four cts vs loss 13 cts", "four cts", "earnings per share"),
        ("Net 12.5 mln vs 10.3 mln", "10.3 mln", "net profit"),
        ("The crude contract was up 19 cents at US$58.24 per barrel.", "US$58.24", "per bbl"),
        (
            "Cost savings will then rise to some 20 mln eur a year.",
            "some 20 mln eur",
            "cost savings",
        ),
        ("The S&P 500 rose 1.2% to 4,783.45.", "1.2%", "s&p 500"),
        (
            "Core inflation, which excludes food and energy prices, is estimated to have "
            "accelerated to 12.3%.",
            "12.3%",
            "core inflation",
        ),
        ("The 100 mln dlrs of 26-week notes went at 15.414 pct.", "100 mln dlrs", "26-week notes"),
        ("Samsung expects KRW 10.4tn operating profit for Q2.", "KRW 10.4tn", "operating profit"),
        ("Sales for the nine months to September rose 8% to €3.1bn.", "€3.1bn", "sales"),
        ("Emirates posted a profit of AED 17.2bn ($4.7bn) for 2023-24.", "$4.7bn", "profit"),
        ("Shares closed 3.4% higher at 212.5p.", "212.5p", "shares"),
        ("The FTSE 100 closed down 35 points at 7,412.", "7,412", "ftse 100"),
    ],
)
def test_measure(text: str, surface: str, keyword: str) -> None:
    rows = figures(text, published="1987-03-02")
    match = [r for s, r in rows.items() if surface in s]
    assert match, list(rows)
    assert keyword in match[0]["measure"].lower()


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        (
            "Moody's said it may upgrade Fleet Financial Group's 1.1 billion dlrs of debt.",
            "1.1 billion dlrs",
        ),
        (
            "The current borrowing limit of 30 billion dlrs will constrain the fund.",
            "30 billion dlrs",
        ),
        (
            "It is lowering the rate to 15.9 pct from 18.0 pct, effective with June billing.",
            "18.0 pct",
        ),
        (
            "Emery, which has launched a 40 dlr a share tender offer, said it would sell assets.",
            "40 dlr",
        ),
    ],
)
def test_stocks_named_under_a_modal_verb_are_actual(text: str, surface: str) -> None:
    rows = figures(text, published="1987-04-01")
    match = [r for s, r in rows.items() if s.startswith(surface)]
    assert match and match[0]["modality"] == "actual"


@pytest.mark.parametrize(
    ("text", "surface", "unit", "kind"),
    [
        ("The S&P 500 rose 1.2% to 4,783.45.", "4,783.45", "point", "index_point"),
        ("Japan's Nikkei fell 2% to 38,000.", "38,000", "point", "index_point"),
        ("Brazil's real weakened 1.1% to 5.25 per dollar.", "5.25", "BRL", "currency"),
        ("The rupee closed at 83.45 to the dollar.", "83.45", "INR", "currency"),
        ("The ruble firmed to 90.1 per U.S. dollar and 98.3 per euro.", "98.3", "RUB", "currency"),
        # a field labelled with its currency, and the scale after the number
        (
            "Buyer : YIT Oyj Deal size in USD : 90.3 m Type : acquisition",
            "90.3 m",
            "USD",
            "currency",
        ),
    ],
)
def test_bare_levels_take_the_unit_their_subject_implies(
    text: str, surface: str, unit: str, kind: str
) -> None:
    row = figures(text, published="2024-05-15")[surface]
    assert (row["unit"], row["unit_kind"]) == (unit, kind)
    if surface == "90.3 m":
        assert row["value"] == pytest.approx(90.3e6)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Food inflation, which accounts for half of the basket, climbed to 37.92 per cent.",
         "37.92 per cent"),
        ("Euro area annual inflation up to 2.6%", "2.6%"),
        ("Annual inflation in Turkey eased to 61.4% in May.", "61.4%"),
    ],
)  # fmt: skip
def test_an_inflation_rate_is_a_change(text: str, surface: str) -> None:
    row = figures(text, published="2024-06-15")[surface]
    assert (row["kind"], row["qualifier"]) == ("change", "exact")


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value"),
    [
        ("The estimate is 4.5% below last season's record crop.", "4.5%", "change", -4.5),
        ("The home price was around £14,000 below the peak.", "around £14,000", "change", -14000),
        ("The prime rate is set 0.9 percentage point above the coupon.", "0.9 percentage point",
         "level", 0.9),
        ("The Selic rate has been lowered by a cumulative 300 basis points.", "300 basis points",
         "change", -300),
        ("Russia is also curbing exports by 300,000 bpd.", "300,000 bpd", "change", -300000),
        ("A trade war would shave 0.3 percentage point off U.S. growth.", "0.3 percentage point",
         "change", -0.3),
    ],
)  # fmt: skip
def test_differences_cuts_and_spreads(text: str, surface: str, kind: str, value: float) -> None:
    row = figures(text, published="2024-06-15")[surface]
    assert (row["kind"], row["value"]) == (kind, value)


def test_a_gapped_list_keeps_the_verb_and_names_each_item() -> None:
    got = figures(
        "Food prices rose 6.4% year-on-year, non-food goods 8.5% and paid services 13.6%.",
        published="2024-06-15",
    )
    assert [(got[s]["kind"], got[s]["measure"]) for s in ("6.4%", "8.5%", "13.6%")] == [
        ("change", "Food prices"),
        ("change", "non-food goods"),
        ("change", "paid services"),
    ]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("GDP slowed from a 4.9% pace in the third quarter.", "4.9%"),
        ("Government spending contributed 0.2 percentage points to growth.",
         "0.2 percentage points"),
        ("CPIF excluding energy was 2.9 per cent.", "2.9 per cent"),
    ],
)  # fmt: skip
def test_paces_and_contributions_are_changes(text: str, surface: str) -> None:
    assert figures(text, published="2024-06-15")[surface]["kind"] == "change"


@pytest.mark.parametrize(
    ("text", "surface", "kind", "value"),
    [
        ("The overall index rose 93 points, or 1.7%, to 5,526.", "5,526", "level", 5526),
        ("The bank has cut rates by a total of 125 basis points.", "125 basis points", "change",
         -125),
        ("China cut its lending rates by a larger-than-expected 25 basis points.",
         "25 basis points", "change", -25),
        ("Residential prices rose an average 19 per cent last year.", "19 per cent", "change", 19),
        ("Real turnover was 2.4% below December 2022.", "2.4%", "change", -2.4),
        ("Employment fell in New Brunswick (-3,800).", "-3,800", "change", -3800),
        ("Employers' national insurance contributions will rise by 1.2 percentage points to "
         "15pc.", "15pc", "level", 15),
        ("Annual trimmed mean inflation was 4.0% in the March quarter.", "4.0%", "change", 4),
    ],
)  # fmt: skip
def test_more_changes_and_levels(text: str, surface: str, kind: str, value: float) -> None:
    row = figures(text, published="2024-06-15")[surface]
    assert (row["kind"], row["value"]) == (kind, value)


def test_a_restated_move_shares_its_bound() -> None:
    got = figures("Brent rose as much as $5.52, or 6.9%, to $85.41 a barrel.", "2024-06-15")
    assert got["6.9%"]["qualifier"] == "up_to"
    assert got["5,526" if "5,526" in got else "$85.41 a barrel"]["qualifier"] == "exact"


def test_airline_traffic_counts_miles_not_money() -> None:
    got = figures(
        "Revenue passenger miles rose 9.5 pct to 10.9 mln and available seat miles rose "
        "20.1 pct to 31.5 mln.",
        published="1987-03-09",
    )
    assert (got["10.9 mln"]["unit"], got["31.5 mln"]["unit"]) == ("passenger mile", "seat mile")


def test_grew_with_an_object_is_a_change() -> None:
    frame = extract_figures("Acme grew revenue 8.4% to $5bn.", published="2024-03-05")
    kinds = dict(zip(frame["surface"], frame["kind"], strict=True))
    assert kinds == {"8.4%": "change", "$5bn": "level"}


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        (
            "The SNB lowered its policy rate by 25 basis points to 1.50%, a move forecast by "
            "only 4 of 26 economists in a Reuters poll.",
            "4",
        ),
        (
            "The SNB lowered its policy rate by 25 basis points to 1.50%, a move forecast by "
            "only 4 of 26 economists in a Reuters poll.",
            "26 economists",
        ),
        (
            "The median estimate of 12 economists in a Bloomberg survey was for a 0.1% decline.",
            "12 economists",
        ),
    ],
)
def test_a_polls_head_count_is_an_actual_level_as_of_publication(text: str, surface: str) -> None:
    row = figures(text, published="2024-03-21")[surface]
    assert (row["kind"], row["modality"]) == ("level", "actual")
    assert row["value"] > 0
    assert (row["period_start"], str(row["period_end"])) == (None, "2024-03-21")


def test_people_counted_outside_a_poll_are_not_a_poll() -> None:
    row = figures("Some 1,300 participants will attend the summit.", "2024-03-21")
    assert row["Some 1,300 participants"]["modality"] == "projected"
