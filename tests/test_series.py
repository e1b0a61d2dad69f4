"""Series building: measure normalisation, keys, periods, derived points, several sources."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.schema import Figure, figure_id_for, text_sha, to_frame
from extract.series import (
    MEASURE_SYNONYMS,
    build_points,
    derive_points,
    describe_period,
    format_value,
    normalise_entities,
    normalise_measure,
    percent_change,
    period_class,
    publisher_of,
    series_key,
    split_series_key,
)

D = dt.date
YEAR_2022 = (D(2022, 1, 1), D(2022, 12, 31))
JAN_AUG_2023 = (D(2023, 1, 1), D(2023, 8, 31))


def fig(
    sentence: str,
    surface: str,
    value: float,
    unit: str,
    kind: str,
    period: tuple[dt.date | None, dt.date | None] = (None, None),
    *,
    doc_id: str = "doc-a",
    source: str = "https://www.example.com/news/1",
    measure: str = "mutual trade turnover",
    entities: str = "Russia;Kazakhstan",
    modality: str = "actual",
    offset: int = 100,
) -> Figure:
    """A figure as the pipeline would give it, its span found from its surface in the sentence."""
    at = sentence.index(surface)
    start, end = offset + at, offset + at + len(surface)
    unit_kind = {"USD": "currency", "%": "percent", "pp": "percentage_point"}.get(unit, "count")
    return Figure(
        figure_id=figure_id_for(doc_id, text_sha(sentence), start, end),
        doc_id=doc_id,
        source=source,
        title="Trade news",
        published=D(2023, 11, 8),
        sentence=sentence,
        char_start=start,
        char_end=end,
        surface=surface,
        value=value,
        value_low=None,
        value_high=None,
        unit=unit,
        unit_kind=unit_kind,
        qualifier="exact",
        kind=kind,
        modality=modality,
        period_start=period[0],
        period_end=period[1],
        period_label="",
        period_basis="relative" if period[1] else "unknown",
        measure=measure,
        entities=entities,
        series_key=series_key(measure, entities, unit, kind),
    )


SEED_SENTENCE = (
    "Mutual trade turnover last year increased by 10.2% to a record $28.2 billion, and in "
    "January-August of this year it added another 7.6% and amounted to $18.9 billion."
)


def seed_figures() -> list[Figure]:
    s = SEED_SENTENCE
    return [
        fig(s, "10.2%", 10.2, "%", "change", YEAR_2022),
        fig(s, "$28.2 billion", 28.2e9, "USD", "level", YEAR_2022),
        fig(s, "7.6%", 7.6, "%", "change", JAN_AUG_2023),
        fig(s, "$18.9 billion", 18.9e9, "USD", "level", JAN_AUG_2023),
    ]


# --- measure names and keys -------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "Mutual trade turnover",
        "bilateral trade",
        "mutual trade",
        "the trade volume",
        "trade between",
    ],
)
def test_trade_synonyms_share_one_measure(variant: str) -> None:
    assert normalise_measure(variant) == normalise_measure("trade turnover")


def test_lemmas_determiners_and_edge_words() -> None:
    assert normalise_measure("investments in") == normalise_measure("investment")
    assert normalise_measure("The investments") == normalise_measure("investment")
    assert normalise_measure("Russia's investments") == "russia investment"
    assert normalise_measure("Russia’s investments") == "russia investment"
    assert normalise_measure("companies") == normalise_measure("company")
    assert normalise_measure("net sales") == "net sales"  # a plural that keeps its meaning
    assert normalise_measure("jobless rates") == normalise_measure("unemployment rate")


def test_every_synonym_maps_to_its_canonical_name() -> None:
    for variant, canonical in MEASURE_SYNONYMS.items():
        assert normalise_measure(variant) == normalise_measure(canonical), variant


def test_series_key_is_order_free_over_entities_and_reconciles_units() -> None:
    a = series_key("Mutual trade turnover", "Russia;Kazakhstan", "USD", "level")
    b = series_key("bilateral trade", "Kazakhstan; Russia;Russia", "dlrs", "level")
    assert a == b
    assert series_key("exports", "", "%", "change") == series_key("export", "", "pct", "change")
    assert series_key("trade", "A", "USD", "level") != series_key("trade", "A", "USD", "change")
    assert normalise_entities(";B;A;;A") == "A;B"


def test_split_series_key_round_trips() -> None:
    key = series_key("gdp", "Japan", "%", "change")
    measure, entities, unit, kind = split_series_key(key)
    assert series_key(measure, entities, unit, kind) == key


words = st.sampled_from(
    ["trade", "mutual", "turnover", "the", "of", "in", "bilateral", "investments", "record", "gdp"]
)


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_normalise_measure_never_raises_on_any_text(text: str) -> None:
    out = normalise_measure(text)
    assert out == out.strip()
    assert "|" not in out and ";" not in out  # cannot break the key's separators


@given(st.lists(words, max_size=8).map(" ".join) | st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_normalise_measure_is_idempotent(text: str) -> None:
    once = normalise_measure(text)
    assert normalise_measure(once) == once


# --- periods ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "cls", "text"),
    [
        (D(2022, 1, 1), D(2022, 12, 31), "year", "2022"),
        (D(2023, 7, 1), D(2023, 9, 30), "quarter", "Q3 2023"),
        (D(2023, 1, 1), D(2023, 8, 31), "8 months", "Jan–Aug 2023"),
        (D(2023, 3, 1), D(2023, 3, 31), "month", "Mar 2023"),
        (D(2023, 1, 1), D(2023, 6, 30), "half-year", "H1 2023"),
        (D(2022, 4, 1), D(2023, 3, 31), "year", "Apr 2022–Mar 2023"),
        (None, D(2023, 11, 8), "instant", "as of 2023-11-08"),
        (None, None, "unknown", "period unknown"),
    ],
)
def test_period_class_and_description(
    start: dt.date | None, end: dt.date | None, cls: str, text: str
) -> None:
    assert period_class(start, end) == cls
    assert describe_period(start, end) == text


def test_points_are_placed_on_their_period_and_partial_periods_say_so() -> None:
    points = build_points(to_frame(seed_figures()), derive=False)
    level = points[points["unit"] == "USD"].set_index("surface")
    assert level.at["$28.2 billion", "x"] == pd.Timestamp(YEAR_2022[1])
    assert level.at["$28.2 billion", "period_class"] == "year"
    assert level.at["$18.9 billion", "period_class"] == "8 months"
    assert level.at["$18.9 billion", "period_text"] == "Jan–Aug 2023"


def test_figures_without_period_sit_at_publication_and_say_so() -> None:
    f = fig("Investments amount to about $17 billion.", "$17 billion", 17e9, "USD", "level")
    point = build_points(to_frame([f])).iloc[0]
    assert point["x"] == pd.Timestamp(f.published)
    assert "period unknown" in point["placement"]


# --- derived points ----------------------------------------------------------------------------


def test_growth_to_a_level_implies_the_level_a_year_earlier() -> None:
    points = build_points(to_frame(seed_figures()))
    derived = points[points["derived"]].set_index("period_text")
    assert set(derived.index) == {"2021", "Jan–Aug 2022"}
    assert derived.at["2021", "value"] == pytest.approx(28.2e9 / (1 + 10.2 / 100))
    assert derived.at["Jan–Aug 2022", "value"] == pytest.approx(18.9e9 / (1 + 7.6 / 100))
    row = derived.loc["2021"]
    assert row["sentence"] == SEED_SENTENCE  # cites the sentence that implies it
    assert set(row["derived_from"].split(";")) == {
        f.figure_id for f in seed_figures() if f.surface in ("10.2%", "$28.2 billion")
    }
    assert row["series_key"] == seed_figures()[1].series_key
    assert row["period_class"] == "year"
    assert row["x"] == pd.Timestamp(D(2021, 12, 31))
    assert "10.2%" in row["derivation"] and "$28.2 billion" in row["highlights"]


def test_level_then_change_and_falls_and_points() -> None:
    s1 = "Exports reached $30 billion in 2022, down 25% on the year before."
    s2 = "The unemployment rate rose 0.3 percentage points to 5.2% in 2022."
    figures = [
        fig(s1, "$30 billion", 30e9, "USD", "level", YEAR_2022, measure="exports"),
        fig(s1, "25%", -25.0, "%", "change", YEAR_2022, measure="exports"),
        fig(s2, "0.3 percentage points", 0.3, "pp", "change", YEAR_2022, measure="unemployment"),
        fig(s2, "5.2%", 5.2, "%", "level", YEAR_2022, measure="unemployment rate"),
    ]
    derived = pd.DataFrame(derive_points(to_frame(figures))).set_index("unit")
    assert derived.at["USD", "value"] == pytest.approx(30e9 / 0.75)
    assert derived.at["%", "value"] == pytest.approx(5.2 - 0.3)


def test_sequential_wording_steps_back_one_period_not_one_year() -> None:
    q3 = (D(2023, 7, 1), D(2023, 9, 30))
    s = "GDP rose 2% from the previous quarter to $500 billion in the third quarter."
    figures = [
        fig(s, "2%", 2.0, "%", "change", q3, measure="gdp"),
        fig(s, "$500 billion", 500e9, "USD", "level", q3, measure="gdp"),
    ]
    (point,) = derive_points(to_frame(figures))
    assert (point["period_start"], point["period_end"]) == (D(2023, 4, 1), D(2023, 6, 30))


@pytest.mark.parametrize(
    ("sentence", "change", "level", "periods"),
    [
        # a stock stated as of today has no 'a year earlier' to place
        ("Investments grew 5% to $17 billion.", "5%", "$17 billion", (None, None)),
        # the level is not what the change reached
        ("Trade grew 5% while debt was $17 billion.", "5%", "$17 billion", (YEAR_2022, YEAR_2022)),
        # the change and the level refer to different periods
        ("Trade grew 5% to $17 billion.", "5%", "$17 billion", (JAN_AUG_2023, YEAR_2022)),
    ],
)
def test_no_derivation_where_the_text_does_not_imply_one(
    sentence: str, change: str, level: str, periods: tuple
) -> None:
    cp, lp = periods if periods != (None, None) else ((None, D(2023, 11, 8)),) * 2
    figures = [
        fig(sentence, change, 5.0, "%", "change", cp),
        fig(sentence, level, 17e9, "USD", "level", lp),
    ]
    assert derive_points(to_frame(figures)) == []


# --- several sources ----------------------------------------------------------------------------


def test_every_report_of_a_period_is_kept_and_distinguishable() -> None:
    a = fig("Trade reached $28.2 billion in 2022.", "$28.2 billion", 28.2e9, "USD", "level")
    b = fig(
        "Bilateral trade was $28.4 billion in 2022.",
        "$28.4 billion",
        28.4e9,
        "USD",
        "level",
        doc_id="doc-b",
        source="https://kazinform.example.kz/a",
        measure="bilateral trade",
        entities="Kazakhstan;Russia",
    )
    a = Figure(**{**a.to_row(), "period_start": YEAR_2022[0], "period_end": YEAR_2022[1]})
    b = Figure(**{**b.to_row(), "period_start": YEAR_2022[0], "period_end": YEAR_2022[1]})
    points = build_points(to_frame([a, b]))
    assert len(points) == 2 and points["series_key"].nunique() == 1
    assert set(points["publisher"]) == {"example.com", "kazinform.example.kz"}
    assert set(points["x"]) == {pd.Timestamp(YEAR_2022[1])}


def test_percent_change_uses_the_mean_of_reports_of_the_previous_period() -> None:
    y21 = (D(2021, 1, 1), D(2021, 12, 31))
    rows = [
        fig("T was $10 billion in 2021.", "$10 billion", 10e9, "USD", "level", y21, doc_id="a"),
        fig("T was $12 billion in 2021.", "$12 billion", 12e9, "USD", "level", y21, doc_id="b"),
        fig("T was $22 billion in 2022.", "$22 billion", 22e9, "USD", "level", YEAR_2022),
    ]
    out = percent_change(build_points(to_frame(rows), derive=False))
    later = out[out["x"] == pd.Timestamp(YEAR_2022[1])].iloc[0]
    assert later["value"] == pytest.approx((22 / 11 - 1) * 100)
    assert out[out["x"] == pd.Timestamp(y21[1])]["value"].isna().all()


# --- helpers and properties ---------------------------------------------------------------------


def test_format_value_and_publisher() -> None:
    assert format_value(28.2e9, "USD") == "28.2 billion USD"
    assert format_value(10.2, "%") == "10.2%"
    assert format_value(6000, "enterprise") == "6,000 enterprise"
    assert format_value(float("nan"), "USD") == ""
    assert publisher_of("https://www.reuters.com/x") == "reuters.com"
    assert publisher_of("feeds/interfax/2023.txt") == "interfax"
    assert publisher_of("", "http://tass.com/a") == "tass.com"


sentences = st.text(min_size=1, max_size=80).filter(lambda s: s.strip() != "")
dates = st.none() | st.dates(min_value=D(1950, 1, 1), max_value=D(2100, 12, 31))


@st.composite
def random_figures(draw: st.DrawFn) -> Figure:
    sentence = draw(sentences)
    i = draw(st.integers(0, len(sentence) - 1))
    j = draw(st.integers(i + 1, len(sentence)))
    start, end = draw(dates), draw(dates)
    if start and end and start > end:
        start, end = end, start
    value = draw(st.floats(allow_nan=False, allow_infinity=False, width=32))
    unit = draw(st.sampled_from(["USD", "%", "pp", "bp", "t", "job", ""]))
    kind = draw(st.sampled_from(["level", "change"]))
    f = fig(
        sentence, sentence[i:j], value, unit, kind, (start, end), doc_id=draw(st.sampled_from("ab"))
    )
    return Figure(**{**f.to_row(), "char_start": i, "char_end": j})


@given(st.lists(random_figures(), max_size=6))
@settings(max_examples=150, deadline=None)
def test_build_points_never_raises_and_drops_nothing(figures: list[Figure]) -> None:
    frame = to_frame(figures)
    points = build_points(frame)
    reported = points[~points["derived"]] if not points.empty else points
    assert sorted(reported["figure_id"]) == sorted(frame["figure_id"])
    for value in points["value"] if not points.empty else []:
        assert not math.isinf(value)
    percent_change(points)
