"""The quantity scanner: values in base units, units, qualifiers, ranges and non-figures."""

from __future__ import annotations

import pytest

from extract import extract_figures
from extract.quantities import DocHints, document_hints, find_quantities, scan


def only(text: str, **hints: object):
    """The single mention a short text holds."""
    found = find_quantities(text, hints=DocHints(**hints))
    assert len(found) == 1, [m.surface for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("a record $28.2 billion", "$28.2 billion", 28.2e9, "USD"),
        ("raised US$ 1.5bn in bonds", "US$ 1.5bn", 1.5e9, "USD"),
        ("a budget of RUB 5 trillion", "RUB 5 trillion", 5e12, "RUB"),
        ("a budget of 5 trillion rubles", "5 trillion rubles", 5e12, "RUB"),
        ("it costs 3,000 tenge", "3,000 tenge", 3000, "KZT"),
        ("profit rose to EUR 13.1 mn", "EUR 13.1 mn", 13.1e6, "EUR"),
        ("a deficit of 1.2 billion dlrs", "1.2 billion dlrs", 1.2e9, "USD"),
        ("a loan of stg 400 mln", "stg 400 mln", 400e6, "GBP"),
        ("a surplus of 400 mln stg", "400 mln stg", 400e6, "GBP"),
        ("spending of ¥2.3tn", "¥2.3tn", 2.3e12, "JPY"),
        ("a dividend of 25 cts", "25 cts", 0.25, "USD"),
        ("shares closed at 40 pence", "40 pence", 0.40, "GBP"),
        ("sales of C$5 million", "C$5 million", 5e6, "CAD"),
        ("1.2 billion Canadian dlrs", "1.2 billion Canadian dlrs", 1.2e9, "CAD"),
        ("a charge of 155.1 mln guilders", "155.1 mln guilders", 155.1e6, "NLG"),
        ("exports worth 8.2 billion Swiss francs", "8.2 billion Swiss francs", 8.2e9, "CHF"),
        ("a 500 million euro loan", "500 million euro", 500e6, "EUR"),
        ("raised €13.1m from investors", "€13.1m", 13.1e6, "EUR"),
        ("£400m of bonds", "£400m", 400e6, "GBP"),
        ("a fund of $50k", "$50k", 50e3, "USD"),
        ("revenue of $3.2b", "$3.2b", 3.2e9, "USD"),
        ("Rs 500 crore was approved", "Rs 500 crore", 5e9, "INR"),
        ("profit of $US5.9 billion", "$US5.9 billion", 5.9e9, "USD"),
        ("a fee of $A5", "$A5", 5, "AUD"),
        ("capex of Rs 11.1 lakh crore", "Rs 11.1 lakh crore", 11.1e12, "INR"),
        ("a Rs 2,000 crore order", "Rs 2,000 crore", 2e10, "INR"),
        ("revenue of ₹1,62,990 crore", "₹1,62,990 crore", 1.6299e12, "INR"),
    ],
)
def test_money(text: str, surface: str, value: float, unit: str) -> None:
    m = only(text)
    assert (m.surface, m.unit, m.unit_kind) == (surface, unit, "currency")
    assert m.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("about two billion dollars", 2e9, "USD", "currency"),
        ("some 1.5 thousand workers", 1500, "worker", "count"),
        ("a third of the budget", 1 / 3, "", "other"),
        ("half of the exports", 0.5, "", "other"),
        ("two-thirds of the workforce", 2 / 3, "", "other"),
        ("growth of 10.2%", 10.2, "%", "percent"),
        ("inflation of 7.5 per cent", 7.5, "%", "percent"),
        ("a rise of 0.4 pct", 0.4, "%", "percent"),
        ("up 0.5 percentage point", 0.5, "pp", "percentage_point"),
        ("a cut of 25 basis points", 25, "bp", "basis_point"),
        ("to send 100 million tons of oil", 100e6, "t", "mass"),
        ("output of 2.5 mln tonnes", 2.5e6, "t", "mass"),
        ("reserves of 30 billion barrels", 30e9, "bbl", "volume"),
        ("pumping 300,000 barrels per day", 300e3, "bbl/d", "volume"),
        ("exports of 15 bcm of gas", 15e9, "m3", "volume"),
        ("output of 9.8 mbpd next year", 9.8e6, "bbl/d", "volume"),
        ("spare capacity of 2.1 mb/d", 2.1e6, "bbl/d", "volume"),
        ("a cut of 300 kb/d", 300e3, "bbl/d", "volume"),
        ("a 200,000 bpcd refinery", 200e3, "bbl/d", "volume"),
        ("reserves of 450 mmbbl", 450e6, "bbl", "volume"),
        ("demand of 120 PJ", 120, "PJ", "energy"),
        ("a 5 GJ boiler", 5, "GJ", "energy"),
        ("operating at 2,100 MHz", 2100, "MHz", "other"),
        ("to add 6 million tonnes per annum of capacity", 6e6, "t/y", "mass"),
        ("a 5 mtpa LNG plant", 5e6, "t/y", "mass"),
        ("flows of 330 million cubic metres per day", 330e6, "m3/d", "volume"),
        ("pipeline capacity of 12 bcm/y", 12e9, "m3/y", "volume"),
        ("812,000 barrels of oil equivalent per day", 812e3, "boe/d", "volume"),
        ("mined 27.3 million carats", 27.3e6, "carat", "mass"),
        ("1.045 million decaliters of beer", 1.045e6, "dal", "volume"),
        ("12 billion cubic metres of gas", 12e9, "m3", "volume"),
        ("a 1,200 MW plant", 1200, "MW", "power"),
        ("capacity of 5 GW", 5, "GW", "power"),
        ("generated 30 TWh", 30, "TWh", "energy"),
        ("uses 450 kWh a year", 450, "kWh", "energy"),
        ("about 6,000 enterprises operate", 6000, "enterprise", "count"),
        ("exports rose to 36.7Mt", 36.7e6, "t", "mass"),
        # a noun modifier stays, an adjective goes; "joint venture" is a noun of its own
        ("it built 12 log houses", 12, "log house", "count"),
        ("he sold 240 mln common shares", 240e6, "share", "count"),
        ("the 25 largest participants", 25, "participant", "count"),
        ("two low-end systems", 2, "system", "count"),
        ("it formed two joint ventures", 2, "joint venture", "count"),
        ("it signed 143 joint projects", 143, "project", "count"),
        ("a 300 km pipeline", 300, "km", "length"),
        ("5,000 hectares of wheat", 5000, "ha", "area"),
        ("limited to 90 km/h", 90, "km/h", "other"),
        ("temperatures of 35 degrees Celsius", 35, "°C", "other"),
        ("a phone with 64 GB of storage", 64, "GB", "other"),
        ("a contract for three years", 3, "year", "time"),
        ("a 25-year-old trader", 25, "year", "time"),
        ("the Dow rose 58.06 points", 58.06, "point", "index_point"),
        ("2.27 times New York May", 2.27, "x", "other"),
    ],
)
def test_units_and_scales(text: str, value: float, unit: str, kind: str) -> None:
    m = only(text)
    assert (m.unit, m.unit_kind) == (unit, kind)
    assert m.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("about $17 billion", "approx"),
        ("nearly 5 pct", "approx"),
        ("some 6,000 enterprises", "approx"),
        ("around 300 mln dlrs", "approx"),
        ("roughly 1.2 mln tonnes", "approx"),
        ("more than 350 documents", "more_than"),
        ("over 15,000 jobs", "more_than"),
        ("at least 40 projects", "at_least"),
        ("less than 2 pct", "less_than"),
        ("under 10 billion yen", "less_than"),
        ("at most 3 pct", "at_most"),
        ("no more than 3 pct", "at_most"),
        ("up to 10 e-mail accounts", "up_to"),
        ("as much as 5 billion dlrs", "up_to"),
        ("5,000 jobs or more", "at_least"),
        ("3.2 pct", "exact"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    m = only(text)
    assert m.qualifier == qualifier
    assert m.surface == text


def test_net_profit_went_up_to_is_not_a_bound() -> None:
    assert only("net profit went up to 8.6 mln euro").qualifier == "exact"


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("$2-3 billion", 2e9, 3e9, "USD"),
        ("between 5 and 6 percent", 5, 6, "%"),
        ("15-20 mln dlrs", 15e6, 20e6, "USD"),
        ("1,750 to 1,780 dlrs per tonne", 1750, 1780, "USD"),
        ("a range of four to six pct", 4, 6, "%"),
        ("between 46 and 50 cents a share", 0.46, 0.50, "USD"),
        ("a rise of 0.4 - 0.5 pct", 0.4, 0.5, "%"),
        ("revenue of €4.1bn-€4.3bn", 4.1e9, 4.3e9, "EUR"),
        ("between CHF 4.1bn and CHF 4.3bn", 4.1e9, 4.3e9, "CHF"),
        ("$5 to $6 a share", 5, 6, "USD"),
        ("M0 fell an adjusted 3/4 to one pct", 0.75, 1, "%"),
        ("arranging 1.5 to two billion dlrs", 1.5e9, 2e9, "USD"),
        ("earnings of 40 cts to 45 cts per share", 0.40, 0.45, "USD"),
        ("agreed to cut output by 5% to 10%", 5, 10, "%"),
    ],
)
def test_ranges(text: str, low: float, high: float, unit: str) -> None:
    m = only(text)
    assert (m.value_low, m.value_high, m.unit) == (
        pytest.approx(low),
        pytest.approx(high),
        unit,
    )
    assert m.value == pytest.approx((low + high) / 2)


def test_a_change_then_a_level_is_not_a_range() -> None:
    found = scan("loans fell 618 mln dlrs to 278.88 billion dlrs")
    assert [(m.value, m.value_low) for m in found] == [(618e6, None), (278.88e9, None)]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a bare number continuing a money figure takes its unit
        ("rose to 6.05 billion dlrs from 1.97 billion", [("USD", 6.05e9), ("USD", 1.97e9)]),
        ("Net 12.5 mln vs 10.3 mln", [("USD", 12.5e6), ("USD", 10.3e6)]),
        ("sold at 1,850 and 1,880 dlrs", [("USD", 1850), ("USD", 1880)]),
        ("rose from 5.2 to 6.1 pct", [("%", 5.2), ("%", 6.1)]),
        ("one, two and three-month certificates", [("month", 1), ("month", 2), ("month", 3)]),
        # a compared amount is in the unit it is compared with
        ("fell to 1.25 mln tonnes raw value from 1.4 mln", [("t", 1.25e6), ("t", 1.4e6)]),
        (
            "imported 7.73 mln tonnes in 1986, up from 5.97 mln in 1985 but down from a record "
            "16.15 mln in 1982",
            [("t", 7.73e6), ("t", 5.97e6), ("t", 16.15e6)],
        ),
        # a bare amount in a sentence without money takes the physical unit named before it
        (
            "production at 297,000 tonnes and for West Malaysia 2.75 mln",
            [("t", 297000), ("t", 2.75e6)],
        ),
        # a year is never given the unit of the amount after it
        ("the first two months of 1987 to 6.67 billion rand", [("ZAR", 6.67e9)]),
    ],
)
def test_units_shared_by_neighbours(text: str, values: list[tuple[str, float]]) -> None:
    found = find_quantities(text)
    assert [(m.unit, pytest.approx(m.value)) for m in found] == values


@pytest.mark.parametrize(
    "text",
    [
        "The meeting is on November 9.",
        "From January 1, 2024, Russia will chair the CIS.",
        "The agreement was signed on November 1 in Astana.",
        "By 2033 they plan to cooperate.",
        "[ad_1]",
        "The third quarter was weak.",
        "U.S. M-1 money supply was revised.",
        "It ordered Boeing 747 jets under Section 301.",
        "Trading opens at 10:30 GMT.",
        "the 22nd amendment",
        "the Group of Seven and G-7 talks",
        "covering the period March 2 to 9",
        "SANTIAGO, march 6 - the bank said",
        "(December, 1978 equals 100)",
        "3M and 5G phones",
        "the two countries agreed",
        "Perry Unit 1 was shut; Building 3 was sold.",
    ],
)
def test_never_figures(text: str) -> None:
    frame = extract_figures(text, published="1987-03-06")
    assert frame.empty, frame[["surface", "value", "unit"]].to_dict("records")


def test_wire_fractions_and_tokenised_decimals() -> None:
    assert only("the stock fell to 11-1/2").value == pytest.approx(11.5)
    assert only("rates of 7-3/4 pct").value == pytest.approx(7.75)
    assert only("net profit of EUR18 .9 m").value == pytest.approx(18.9e6)
    assert only("its net loss narrowed to EUR500 ,000").value == pytest.approx(500_000)
    assert only("the capital , EUR422 ,754 , has been paid").value == pytest.approx(422_754)


def test_dateline_dollars_and_era_currencies() -> None:
    ottawa = DocHints(dollar="CAD")
    assert only("a surplus of 965 mln dlrs", dollar="CAD").unit == "CAD"
    assert find_quantities("a surplus of 965 mln U.S. dlrs", hints=ottawa)[0].unit == "USD"
    assert only("trade of 2.7 billion roubles", year=1987).unit == "SUR"
    assert only("trade of 2.7 billion roubles", year=2023).unit == "RUB"
    assert only("a deficit of 140 billion francs", year=1987).unit == "FRF"
    assert only("a deficit of 140 billion francs", year=2020).unit == "CHF"
    belgian = DocHints(countries=frozenset({"Belgium", "Luxembourg"}))
    assert find_quantities("a surplus of 4.7 billion francs", hints=belgian)[0].unit == "BEF"


@pytest.mark.parametrize(
    "text",
    [
        "Itea/Dunkirk 20,000 mt bauxite 10-13/4.",  # laydays: days 10 to 13 of April
        "The products are Gynex 1-35E and Gynex 0.5-35E.",
        "its two-week statement period and a three-day rise",
        "the first three months of 1987",
    ],
)
def test_spans_codes_and_laydays_are_not_figures(text: str) -> None:
    values = [m.value for m in find_quantities(text)]
    assert 13 not in values and 35 not in values and 3 not in values and 2 not in values


def test_words_that_start_like_months_are_not_dates() -> None:
    # "decrease" starts with "dec": the 26 is still a figure
    assert only("Hobby Hall 's sales decrease 26 pct due to a new system .").value == 26


def test_maturities_and_durations_are_figures() -> None:
    assert [(m.value, m.unit) for m in find_quantities("yields on 13-week notes")] == [(13, "week")]
    assert only("the standstill will be extended for three years to June 30").unit == "year"


def test_a_year_earlier_is_not_a_rate() -> None:
    m = only("compared to EUR 207.1 mn a year earlier")
    assert (m.unit, m.value, m.per_unit) == ("EUR", pytest.approx(207.1e6), "")


def test_a_trade_term_before_the_denominator_keeps_the_price() -> None:
    m = only("wheat at 83.49 dlrs Fob per tonne")
    assert (m.surface, m.unit, m.per_unit) == ("83.49 dlrs Fob per tonne", "USD", "t")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("imports fell by a third", 100 / 3),
        ("the dividend was cut in half", 50),
        ("costs rose by a quarter", 25),
        ("prices were one-third lower", 100 / 3),
    ],
)
def test_a_fraction_as_a_change_is_a_percent(text: str, value: float) -> None:
    m = only(text)
    assert (m.unit, m.unit_kind) == ("%", "percent")
    assert m.value == pytest.approx(value)


def test_a_fraction_alone_is_no_figure() -> None:
    assert find_quantities("the first half and the second half were weak") == []


def test_a_group_of_is_a_count_but_the_group_of_20_is_a_name() -> None:
    assert only("a group of 120 volunteers").unit == "volunteer"
    assert find_quantities("the Group of 20 met in Paris") == []


def test_a_hyphenated_half_point() -> None:
    m = only("expected to shed another half-point")
    assert (m.surface, m.value) == ("half-point", 0.5)


def test_a_change_then_a_distant_level_is_still_no_range() -> None:
    found = find_quantities("the rate fell 0.4 to 6.2 pct")
    assert [(m.value, m.value_low) for m in found] == [(0.4, None), (6.2, None)]


def test_a_story_that_marks_us_dollars_means_local_dollars_by_a_bare_dollar_sign() -> None:
    text = "Pilbara Ridge posted profit of $US5.9 billion and paid $2.04 a share on the ASX."
    hints = document_hints(text, 2024)
    found = find_quantities(text, hints=hints)
    assert [(m.surface, m.unit) for m in found] == [("$US5.9 billion", "USD"), ("$2.04", "AUD")]


def test_a_modern_dateline_names_the_local_dollar() -> None:
    assert document_hints("SYDNEY, Aug 27 (Reuters) - BHP said.", 2024).dollar == "AUD"
    assert document_hints("TORONTO (Reuters) - Shares rose.", 2024).dollar == "CAD"


def test_a_letter_is_a_currency_only_in_a_story_about_its_country() -> None:
    text = "Lagos Continental Bank posted profit of N312.6 billion in Nigeria."
    hints = document_hints(text, 2024)
    assert [(m.surface, m.unit) for m in find_quantities(text, hints=hints)] == [
        ("N312.6 billion", "NGN")
    ]
    assert find_quantities("The N95 mask and the R2 droid.", hints=DocHints()) == []


def test_a_signed_change_then_a_level_is_no_range() -> None:
    found = find_quantities("wages rose 4.9% (+$1.65 to $35.45)")
    assert [(m.surface, m.value_low) for m in found] == [
        ("4.9%", None),
        ("+$1.65", None),
        ("$35.45", None),
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Norway's $1.7 Trillion Wealth Fund", 1.7e12, "USD"),
        ("a 20-25bp cut", 22.5, "bp"),
        ("Punjab contributed 120.6 LMT", 1.206e7, "t"),
    ],
)
def test_headline_scales_unit_ranges_and_lakh_tonnes(text: str, value: float, unit: str) -> None:
    m = only(text)
    assert (m.unit, m.value) == (unit, pytest.approx(value))


def test_the_story_dollar_and_world_prices() -> None:
    lead = "OTTAWA - Canada's average hourly wages rose to $35.45."
    assert document_hints(lead, 2024).dollar == "CAD"
    us = "MELBOURNE, Fla., March 26 - Goldfield Corp said its loss was four cts a share."
    assert document_hints(us, 1987).dollar == "USD"
    text = "SYDNEY, Aug 27 (Reuters) - Iron ore fetched $108.50 a tonne; profit was $4.1 billion."
    found = find_quantities(text, hints=document_hints(text, 2024))
    assert [m.unit for m in found] == ["USD", "AUD"]
    # Canada in the lead of a currency story about "the dollar" does not make it Canadian
    story = (
        "FRANKFURT, March 24 - The drop in the value of the dollar against the yen is the first "
        "test of last month's Group of Five plus Canada agreement. The Bank of Japan bought "
        "some 1.5 billion dlrs."
    )
    assert document_hints(story, 1987).dollar == "USD"
    assert document_hints("Canada's exports rose to 5 billion dlrs in March.", 1987).dollar == "CAD"


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("completed within three years", "at_most"),
        ("trees older than 25 years", "more_than"),
        ("the population crossed 3.8 million", "more_than"),
        ("a fine of EUR 800,000 at most.", "at_most"),
        ("output of 5,000 tonnes at least, the ministry said", "at_least"),
    ],
)
def test_more_qualifiers(text: str, qualifier: str) -> None:
    assert find_quantities(text)[0].qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Dow Chemical said it will issue 200 mln dlrs of bonds.", "200 mln dlrs"),
        ("The House voted to block 40 mln dlrs in funds.", "40 mln dlrs"),
        ("Ottawa has set a goal of building 3.87 million homes by 2031.", "3.87 million homes"),
    ],
)
def test_a_label_word_used_as_a_verb_labels_nothing(text: str, surface: str) -> None:
    assert [m.surface for m in find_quantities(text)] == [surface]


def test_a_qualified_single_span_of_time_is_a_duration() -> None:
    found = extract_figures(
        "It was the weakest outlook in more than a decade.", published="2024-05-15"
    )
    assert found[["surface", "value", "unit", "qualifier"]].values.tolist() == [
        ["more than a decade", 1.0, "decade", "more_than"]
    ]
    assert extract_figures("Prices rose nearly a year ago.", published="2024-05-15").empty


def test_a_compared_amount_takes_the_scale_of_what_it_is_compared_with() -> None:
    text = "the order book stood at EUR 8.77 mn compared to EUR 7.04 in 2005"
    assert [m.value for m in find_quantities(text)] == [8.77e6, 7.04e6]
    text = "sales were EUR 5 mn compared with EUR 3 a share"
    assert [m.value for m in find_quantities(text)] == [5e6, 3]


def test_a_part_of_a_counted_whole_counts_the_same_thing() -> None:
    found = find_quantities("The decision was backed by seven of the nine board members.")
    assert [(m.surface, m.value, m.unit) for m in found] == [
        ("seven", 7, "member"),
        ("nine board members", 9, "member"),
    ]
    # "one of the two groups" refers to a group; "the two countries" refers to both
    assert [m.surface for m in find_quantities("He leads one of the two groups.")] == []


def test_a_share_restating_an_amount_shares_its_qualifier() -> None:
    text = "it will buy back up to 120 million shares, equal to 2.9% of shares outstanding"
    assert [m.qualifier for m in find_quantities(text)] == ["up_to", "up_to"]
    text = "it cut about 2,400 jobs, or 4% of its workforce"
    assert [m.qualifier for m in find_quantities(text)] == ["approx", "approx"]


def test_by_a_change_to_a_level_is_no_range() -> None:
    found = find_quantities("taxes will decrease by five pct to 31 pct")
    assert [(m.surface, m.value_low) for m in found] == [("five pct", None), ("31 pct", None)]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Of those returned, about half are written off.", "about half", 0.5),
        ("equivalent to nearly half Guyana's annual exports", "nearly half", 0.5),
    ],
)
def test_a_qualified_half_stands_alone(text: str, surface: str, value: float) -> None:
    m = find_quantities(text)[0]
    assert (m.surface, m.value, m.unit) == (surface, value, "")


def test_kwacha_ages_and_union_locals() -> None:
    old = find_quantities("paid 426 mln kwacha", hints=DocHints(year=1987))[0]
    assert old.unit == "ZMK"
    age = find_quantities("Henske, 53, has served as chief executive since 1978.")[0]
    assert (age.value, age.unit) == (53, "year")
    assert find_quantities("members of Local 222 are affected") == []


def test_an_age_is_measured_as_the_age_of_the_person_named() -> None:
    frame = extract_figures("The company said John Smith, 61, will retire in June.")
    assert frame[["value", "unit", "measure"]].values.tolist() == [
        [61, "year", "age of John Smith"]
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The United States and China, the world's two largest economies, agreed.",
        "The ASX 200 gained ground.",
        "Press release 8 May 2024 Number: 12",
    ],
)
def test_references_and_names_are_no_figures(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The yen traded near a 34-year low.", "34-year"),
        ("It was unanimous among the bank's nine board members.", "nine board members"),
        ("A contract for three years was signed.", "three years"),
    ],
)
def test_lookbacks_and_counts_are_figures(text: str, figure: str) -> None:
    assert [m.surface for m in find_quantities(text)] == [figure]


@pytest.mark.parametrize(
    "text",
    [
        "CPI inflation is seen in two years' time.",
        "Growth five years from now is weak.",
        "It will invest in battery storage over three years.",
    ],
)
def test_spans_that_date_something_are_no_figures(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("The detailed 25-page report was released.", "25-page", "page"),
        ("It chairs the 12-bank advisory committee.", "12-bank", "bank"),
        ("The 300-bed hospital opened.", "300-bed", "bed"),
    ],
)
def test_a_count_glued_to_its_noun(text: str, surface: str, unit: str) -> None:
    m = only(text)
    assert (m.surface, m.unit, m.unit_kind) == (surface, unit, "count")


def test_classifiers_are_not_counts() -> None:
    for text in ("used as one-family houses", "a five-star hotel", "a three-way link"):
        assert all(m.unit_kind != "count" for m in find_quantities(text)), text


def test_a_maturity_is_a_time_without_a_period() -> None:
    frame = extract_figures(
        "The yield on the benchmark 10-year Treasury note jumped 18 basis points to 4.54%. "
        "India imposed a two-month moratorium on rough diamond imports.",
        published="2024-04-10",
    )
    rows = {r["surface"]: r for r in frame.to_dict("records")}
    tenor = rows["10-year"]
    assert (tenor["value"], tenor["unit"], tenor["measure"]) == (
        10,
        "year",
        "Treasury note maturity",
    )
    assert (tenor["period_start"], tenor["period_end"], tenor["period_basis"]) == (
        None,
        None,
        "unknown",
    )
    assert rows["4.54%"]["period_end"] is not None  # the yield itself is today's
    assert rows["two-month"]["period_end"] is not None  # a moratorium is no instrument


def test_an_age_is_as_of_publication() -> None:
    frame = extract_figures(
        "Henske, 53, has served as chief executive since 1978.", published="1987-02-26"
    )
    age = frame[frame["surface"] == "53"].iloc[0]
    assert age["measure"] == "age of Henske"
    assert (age["period_start"], str(age["period_end"]), age["period_basis"]) == (
        None,
        "1987-02-26",
        "publication",
    )


def test_a_price_rows_last_column_is_a_volume_not_a_year() -> None:
    frame = extract_figures(
        "LONDON GASOIL FUTURES CLOSE\nMay 147.75 147.50 147.75 148.00 146.25 2000\n",
        published="1987-04-07",
    )
    assert 2000 in set(frame["value"])  # the volume is a figure
    prices = frame[frame["value"] == 146.25].iloc[0]
    assert prices["period_start"] is None or str(prices["period_start"]) != "2000-01-01"


def test_a_markets_own_words_name_its_dollar() -> None:
    frame = extract_figures(
        "Southern Cross Banking Group's full-year cash profit fell 5pc to $9.84 billion. The bank "
        "will pay a final dividend of $2.50 a share, fully franked.",
        published="2024-08-14",
    )
    assert set(frame[frame["unit_kind"] == "currency"]["unit"]) == {"AUD"}
    us = extract_figures("Wall Street banks earned $9.84 billion.", published="2024-08-14")
    assert set(us["unit"]) == {"USD"}


def test_units_of_electricity_are_kilowatt_hours() -> None:
    frame = extract_figures(
        "Coal-fired plants generated about 73% of the country's electricity in FY24, with total "
        "generation at 1,739 billion units.",
        published="2024-04-10",
    )
    units = frame[frame["surface"] == "1,739 billion units"].iloc[0]
    assert (units["value"], units["unit"], units["unit_kind"]) == (1.739e12, "kWh", "energy")
    cars = extract_figures("The company sold 1.2 million units in March.", published="2024-04-10")
    assert list(cars["unit"]) == ["unit"]


def test_a_scaled_letter_amount_is_money_and_sets_the_cents() -> None:
    frame = extract_figures(
        "Karoo Retail grew headline earnings per share 8.4% to 412.6c. Headline earnings rose "
        "7.9% to R2.07bn.",
        published="2024-03-05",
    )
    rows = {r["surface"]: r for r in frame.to_dict("records")}
    assert rows["R2.07bn"]["value"] == pytest.approx(2.07e9)
    assert rows["R2.07bn"]["unit"] == "ZAR"
    assert (rows["412.6c"]["value"], rows["412.6c"]["unit"]) == (pytest.approx(4.126), "ZAR")
    road = extract_figures("The R2 road was closed for 3 days.", published="2024-03-05")
    assert "R2" not in set(road["surface"])


def test_us_cents_in_a_canadian_story_and_a_rate_to_the_greenback() -> None:
    frame = extract_figures(
        "Statistics Canada said manufacturing sales rose 1.2% to C$71.6 billion in December, while "
        "the Canadian dollar was trading 0.3% higher at 1.3498 to the greenback, or 74.09 U.S. "
        "cents.",
        published="2024-02-15",
    )
    rows = {r["surface"]: r for r in frame.to_dict("records")}
    assert (rows["74.09 U.S. cents"]["value"], rows["74.09 U.S. cents"]["unit"]) == (
        pytest.approx(0.7409),
        "USD",
    )
    assert rows["1.3498"]["unit"] == "CAD"  # Canadian dollars per U.S. dollar
    # the market moves on the story's day, not over the other clause's December
    assert rows["0.3%"]["period_start"] is None
    assert str(rows["0.3%"]["period_end"]) == "2024-02-15"
    assert str(rows["1.2%"]["period_start"]) == "2023-12-01"
    share = extract_figures("Toronto: Magna earned C$1.2 billion, or 45 cents a share.")
    assert set(share["unit"]) == {"CAD"}


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Take-up totalled 2.6m sq ft in the six months.", "2.6m sq ft", 2.6e6, "sq ft"),
        ("Office space of 320,000 square feet was let.", "320,000 square feet", 3.2e5, "sq ft"),
        ("Vessel arrival tonnage rose 9.4% to 3.09bn gross tons.", "3.09bn gross tons", 3.09e9,
         "gross ton"),
        ("It will cut 300 headquarters employees.", "300 headquarters employees", -300,
         "employee"),
        ("He bought 5 log houses.", "5 log houses", 5, "log house"),
        # a table row: the minus sign starts a column of its own, not a range
        ("EPS (€) 1.42 1.58 -10.1% Employees (FTE) 9,840 9,312 5.7%", "-10.1%", -10.1, "%"),
    ],
)  # fmt: skip
def test_units_as_news_writes_them(text: str, surface: str, value: float, unit: str) -> None:
    frame = extract_figures(text, published="2024-05-15")
    row = frame[frame["surface"] == surface].iloc[0]
    assert (row["value"], row["unit"]) == (pytest.approx(value), unit)


def test_which_dollar_under_a_foreign_dateline_and_for_commodity_cents() -> None:
    vietnam = extract_figures(
        "HANOI, June 30 (Xinhua) -- Disbursed FDI in Vietnam reached 11.72 billion U.S. dollars "
        "in the first half. Singapore was the largest investor with 5.45 billion dollars.",
        published="2025-06-30",
    )
    assert set(vietnam["unit"]) == {"USD"}
    asia = extract_figures(
        "HONG KONG, March 10 - Stocks rose. Brent crude futures were up 48 cents at $71.92 a "
        "barrel.",
        published="2025-03-10",
    )
    assert set(asia[asia["unit_kind"] == "currency"]["unit"]) == {"USD"}
    sydney = extract_figures("SYDNEY, March 10 - BHP shares rose 48 cents to $45.10.")
    assert set(sydney["unit"]) == {"AUD"}


def test_a_part_of_a_named_whole_counts_its_noun() -> None:
    frame = extract_figures(
        "Some 26 of the world's poorest countries are more indebted. DH Technology said it has "
        "repurchased 500,000 of its shares. Ivory Coast, one of Africa's showpiece economies, "
        "is going through difficult times.",
        published="2025-01-16",
    )
    units = dict(zip(frame["surface"], frame["unit"], strict=True))
    assert units["Some 26"] == "country"
    assert units["500,000"] == "share"
    assert "one" not in units  # "one of Africa's ...": a reference, not a count


def test_as_much_as_is_a_bound_even_before_from() -> None:
    frame = extract_figures(
        "Eskom implemented rolling blackouts, cutting as much as 6,000 megawatts from the grid. "
        "Net profit went up to 8.6 mln euro from 7.4 mln euro.",
        published="2023-12-05",
    )
    rows = {r["surface"]: r for r in frame.to_dict("records")}
    assert rows["as much as 6,000 megawatts"]["qualifier"] == "up_to"
    assert rows["8.6 mln euro"]["qualifier"] == "exact"  # "went up to ... from": a rise


def test_a_scale_after_a_parenthesis_and_an_updated_line() -> None:
    frame = extract_figures(
        "The fixed acquisition price amounts to NOK 70 ( approximately EUR 8.7 ) million. "
        "OFW remittances hit record $37.2B in 2023 By Maria Santos, Reporter Updated 2 hours ago",
        published="2024-01-20",
    )
    values = dict(zip(frame["surface"], frame["value"], strict=True))
    assert values["NOK 70"] == pytest.approx(7e7)
    assert values["approximately EUR 8.7"] == pytest.approx(8.7e6)
    assert "2 hours" not in values  # page furniture: when the page was updated


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Order intake decreased by 6% to SEK 4,812 m (5,119).", "5,119", 5.119e9, "SEK"),
        ("The operating margin was 13.5% (12.7).", "12.7", 12.7, "%"),
        ("Average CD rates all banks 4.27 pct (4.32)", "4.32", 4.32, "%"),
    ],
)
def test_a_bracketed_comparative_takes_the_figures_unit_and_scale(
    text: str, surface: str, value: float, unit: str
) -> None:
    rows = extract_figures(text, published="2024-10-24")
    row = rows[rows["surface"] == surface].iloc[0]
    assert (row["value"], row["unit"]) == (pytest.approx(value), unit)
