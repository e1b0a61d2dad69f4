"""The gold-set scorer, its loader's validation and `figures evaluate` end to end.

Scorer tests use tiny hand-made frames whose precision, recall and F1 were worked out by hand;
the end-to-end tests run the real CLI on the real gold directory and check structure only, since
the extractor's accuracy changes while it is being developed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract.cli import build_app
from extract.evaluate import (
    FIELDS,
    GOLD_COLUMNS,
    GoldError,
    count_occurrences,
    load_gold,
    locate,
    match_figures,
    quantulum_unit,
    read_gold,
    score,
    write_gold,
)

GOLD_DIR = Path(__file__).parent / "data" / "gold"
D = dt.date


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame.from_records(rows)


def g(doc, value, start, end, **kw):
    """A gold row: value, span and whatever fields the test exercises."""
    return {"doc_id": doc, "value": value, "char_start": start, "char_end": end, **kw}


p = g  # predictions carry the same columns


# --------------------------------------------------------------------------------------------
# Scorer: exact numbers computed by hand


@pytest.fixture
def worked_example():
    """Four gold figures, five predictions (see the per-field counts in the test)."""
    gold = frame(
        [
            g("d1", 2.1e9, 10, 26, unit="USD", kind="change", qualifier="exact",
              period_start=D(1987, 2, 10), period_end=D(1987, 2, 16),
              measure_keyword="m-1", entities="United States"),
            g("d1", -0.4, 40, 47, unit="%", kind="change", qualifier="exact",
              period_start=D(1987, 1, 1), period_end=D(1987, 1, 31),
              measure_keyword="price", entities="Japan"),
            g("d1", 99.7, 51, 55, unit="point", kind="level", qualifier="exact",
              period_start=D(1987, 1, 1), period_end=D(1987, 1, 31),
              measure_keyword="price|index", entities="Japan"),
            g("d1", 1.0, 60, 80, value_low=0.5, value_high=1.5, unit="%", kind="change",
              qualifier="exact", period_start=D(1987, 1, 1), period_end=D(1987, 12, 31),
              measure_keyword="gdp", entities="Austria"),
        ]
    )  # fmt: skip
    preds = frame(
        [
            # all six fields right
            p("d1", 2.1e9, 10, 26, unit="USD", kind="change", qualifier="exact",
              period_start=D(1987, 2, 10), period_end=D(1987, 2, 16),
              measure="M-1 money supply", entities="United States"),
            # sign wrong ("fell" read as a rise) and entities missing
            p("d1", 0.4, 40, 47, unit="%", kind="change", qualifier="exact",
              period_start=D(1987, 1, 1), period_end=D(1987, 1, 31),
              measure="consumer price index", entities=""),
            # unit, period and measure wrong; entities differ only in case
            p("d1", 99.7, 51, 55, unit="", kind="level", qualifier="exact",
              period_start=None, period_end=D(1987, 2, 26), measure="", entities="japan"),
            # a single number where the gold is a range: no match
            p("d1", 1.0, 60, 80, unit="%", kind="change", qualifier="exact"),
            # not a figure at all
            p("d1", 5.0, 90, 91, unit="", kind="level", qualifier="exact"),
        ]
    )  # fmt: skip
    return gold, preds


def test_worked_example_precision_recall_f1(worked_example):
    gold, preds = worked_example
    result = score(gold, preds)
    # 5 predictions, 4 gold figures. Matched pairs: (0,0), (1,1), (2,2); the range is missed.
    expected_correct = {
        "value": 3,
        "value+unit": 2,  # prediction 2 has no unit
        "value+kind/qualifier": 2,  # prediction 1 has the wrong sign
        "period": 2,  # prediction 2's period is wrong
        "measure": 2,  # prediction 2 has no measure
        "entities": 2,  # prediction 1 misses Japan
    }
    for name, correct in expected_correct.items():
        fs = result.fields[name]
        assert (fs.correct, fs.predicted, fs.gold) == (correct, 5, 4), name
    value = result.fields["value"]
    assert value.precision == pytest.approx(3 / 5)
    assert value.recall == pytest.approx(3 / 4)
    assert value.f1 == pytest.approx(2 / 3)  # 2 * 0.6 * 0.75 / 1.35
    unit = result.fields["value+unit"]
    assert unit.precision == pytest.approx(0.4)
    assert unit.recall == pytest.approx(0.5)
    assert unit.f1 == pytest.approx(4 / 9)  # 2 * 0.4 * 0.5 / 0.9
    # all four gold figures have a period; two are matched with the right one
    assert (result.period_right, result.period_total) == (2, 4)
    assert result.period_share == pytest.approx(0.5)


def test_pairs_are_reported_with_their_field_checks(worked_example):
    gold, preds = worked_example
    result = score(gold, preds)
    pairs = result.pairs.set_index("gold")
    assert list(pairs.index) == [0, 1, 2]
    assert list(pairs["pred"]) == [0, 1, 2]
    assert pairs.loc[1, "value+kind/qualifier"] == False  # noqa: E712 (numpy bool)
    assert pairs.loc[2].to_dict() == {
        "pred": 2,
        "value": True,
        "value+unit": False,
        "value+kind/qualifier": True,
        "period": False,
        "measure": False,
        "entities": True,
    }


def test_overlapping_prediction_is_preferred_over_an_equal_value_elsewhere():
    gold = frame(
        [
            g("d", 0.4, 0, 7, period_start=D(1987, 2, 1), period_end=D(1987, 2, 28)),
            g("d", 0.4, 50, 57, period_start=D(1987, 1, 1), period_end=D(1987, 1, 31)),
        ]
    )
    preds = frame(  # listed in the opposite order to the gold
        [
            p("d", 0.4, 50, 57, period_start=D(1987, 1, 1), period_end=D(1987, 1, 31)),
            p("d", 0.4, 0, 7, period_start=D(1987, 2, 1), period_end=D(1987, 2, 28)),
        ]
    )
    assert match_figures(gold, preds) == [(0, 1), (1, 0)]
    assert score(gold, preds).fields["period"].correct == 2


def test_a_prediction_counts_once():
    gold = frame([g("d", 3.0, 0, 5), g("d", 3.0, 20, 25)])
    preds = frame([p("d", 3.0, 0, 5)])
    fs = score(gold, preds).fields["value"]
    assert (fs.correct, fs.precision, fs.recall) == (1, 1.0, 0.5)
    assert fs.f1 == pytest.approx(2 / 3)


def test_predictions_only_match_inside_their_document():
    gold = frame([g("a", 7.0, 0, 3)])
    preds = frame([p("b", 7.0, 0, 3)])
    fs = score(gold, preds).fields["value"]
    assert (fs.correct, fs.precision, fs.recall, fs.f1) == (0, 0.0, 0.0, 0.0)


def test_values_match_with_cqe_tolerance_on_magnitude():
    gold = frame([g("d", -3.0, 0, 4, kind="change"), g("d", 2.1e9, 10, 20)])
    preds = frame(
        [
            p("d", 3.0, 0, 4, kind="change"),  # sign error: value right, kind/sign wrong
            p("d", 2.10001e9, 10, 20),  # relative error 4.8e-6 < 1e-5
        ]
    )
    result = score(gold, preds)
    assert result.fields["value"].correct == 2
    assert result.fields["value+kind/qualifier"].correct == 1
    too_far = score(gold, frame([p("d", 2.1001e9, 10, 20)]))  # 4.8e-5 > 1e-5
    assert too_far.fields["value"].correct == 0


def test_ranges_match_ranges_bound_by_bound():
    gold = frame(
        [
            g("d", 5.0, 0, 9, value_low=4.0, value_high=6.0),
            g("d", -17.5e9, 20, 40, value_low=-20e9, value_high=-15e9, kind="change"),
        ]
    )
    preds = frame(
        [
            p("d", 5.0, 0, 9),  # midpoint only: no match
            p("d", -17.5e9, 20, 40, value_low=-20e9, value_high=-15e9, kind="change"),
        ]
    )
    result = score(gold, preds)
    assert result.fields["value"].correct == 1
    assert result.fields["value+kind/qualifier"].correct == 1
    assert result.pairs["gold"].tolist() == [1]


def test_qualifier_and_kind_are_part_of_the_change_field():
    gold = frame([g("d", 6.0, 0, 9, qualifier="more_than", kind="level")])
    right = score(gold, frame([p("d", 6.0, 0, 9, qualifier="more_than", kind="level")]))
    wrong_q = score(gold, frame([p("d", 6.0, 0, 9, qualifier="exact", kind="level")]))
    wrong_k = score(gold, frame([p("d", 6.0, 0, 9, qualifier="more_than", kind="change")]))
    assert right.fields["value+kind/qualifier"].correct == 1
    assert wrong_q.fields["value+kind/qualifier"].correct == 0
    assert wrong_k.fields["value+kind/qualifier"].correct == 0


def test_measure_keyword_alternatives_and_case():
    gold = frame([g("d", 1.1, 0, 7, measure_keyword="domestic product|gdp")])
    hit = score(gold, frame([p("d", 1.1, 0, 7, measure="Real Gross Domestic Product")]))
    alt = score(gold, frame([p("d", 1.1, 0, 7, measure="GDP")]))
    miss = score(gold, frame([p("d", 1.1, 0, 7, measure="growth")]))
    assert [r.fields["measure"].correct for r in (hit, alt, miss)] == [1, 1, 0]


def test_empty_period_equals_empty_period():
    gold = frame([g("d", 15.0, 0, 9, period_start=None, period_end=None)])
    assert score(gold, frame([p("d", 15.0, 0, 9)])).fields["period"].correct == 1
    late = frame([p("d", 15.0, 0, 9, period_end=D(2020, 1, 1))])
    result = score(gold, late)
    assert result.fields["period"].correct == 0
    assert (result.period_right, result.period_total) == (0, 0)


def test_nothing_predicted_scores_zero_without_dividing_by_zero():
    gold = frame([g("d", 1.0, 0, 1)])
    empty = frame([]).reindex(columns=["doc_id", "value", "char_start", "char_end"])
    result = score(gold, empty)
    for name in FIELDS:
        fs = result.fields[name]
        assert (fs.predicted, fs.gold, fs.precision, fs.recall, fs.f1) == (0, 1, 0.0, 0.0, 0.0)


def test_quantulum_units_map_to_ours():
    from extract.evaluate import quantulum_parser

    parse = quantulum_parser()
    got = {}
    for text in ("It rose 3.5 pct.", "It cost 5 million euros.", "They sold 3 tonnes.", "25 cts"):
        q = parse(text)[0]
        got[text] = (*quantulum_unit(q.unit), q.value)
    assert got["It rose 3.5 pct."][:2] == ("%", "percent")
    assert got["It cost 5 million euros."][:2] == ("EUR", "currency")
    assert got["They sold 3 tonnes."][:2] == ("t", "mass")
    assert got["25 cts"][:3] == ("USD", "currency", 0.01)


# --------------------------------------------------------------------------------------------
# Properties


_WORDS = st.sampled_from(["rose", "1.5", "pct", "to", "$2", "billion", "in", "March", "1.5 pct"])


@settings(max_examples=120, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=30), st.data())
def test_locate_finds_every_occurrence_across_line_wraps(words, data):
    separators = data.draw(st.lists(st.sampled_from([" ", "\n", "  ", "\n    "]),
                                    min_size=len(words), max_size=len(words)))  # fmt: skip
    text = "".join(w + s for w, s in zip(words, separators, strict=True))
    surface = data.draw(_WORDS)
    n = count_occurrences(text, surface)
    spans = [locate(text, surface, k) for k in range(1, n + 2)]
    assert spans[-1] is None
    found = spans[:-1]
    assert all(s is not None and " ".join(text[s[0] : s[1]].split()) == surface for s in found)
    assert [s[0] for s in found] == sorted({s[0] for s in found})  # distinct, left to right


_value = st.one_of(st.floats(-1e12, 1e12, allow_nan=False), st.sampled_from([0.0, 1.0, -3.0]))
_row = st.fixed_dictionaries(
    {
        "doc_id": st.sampled_from(["a", "b"]),
        "value": _value,
        "char_start": st.integers(0, 50),
        "unit": st.sampled_from(["", "USD", "%", "t"]),
        "kind": st.sampled_from(["level", "change"]),
        "qualifier": st.sampled_from(["exact", "approx"]),
        "period_end": st.sampled_from([None, D(1987, 1, 31), "1987-02-28"]),
        "measure": st.sampled_from(["", "trade deficit", "money supply"]),
        "measure_keyword": st.sampled_from(["", "deficit", "money|m-1"]),
        "entities": st.sampled_from(["", "Japan", "Japan;United States"]),
    }
)


_ROW_COLUMNS = [
    "doc_id", "value", "char_start", "char_end", "unit", "kind", "qualifier", "period_end",
    "measure", "measure_keyword", "entities",
]  # fmt: skip


def _spanned(rows: list[dict]) -> pd.DataFrame:
    spanned = [{**r, "char_end": r["char_start"] + 3} for r in rows]
    return frame(spanned).reindex(columns=_ROW_COLUMNS)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_row, max_size=12), st.lists(_row, max_size=12))
def test_scoring_never_raises_and_stays_in_bounds(gold_rows, pred_rows):
    result = score(_spanned(gold_rows), _spanned(pred_rows))
    pairs = result.pairs
    assert pairs["gold"].is_unique and pairs["pred"].is_unique
    for fs in result.fields.values():
        assert 0 <= fs.correct <= min(fs.predicted, fs.gold)
        assert 0.0 <= fs.precision <= 1.0 and 0.0 <= fs.recall <= 1.0 and 0.0 <= fs.f1 <= 1.0
    values = result.fields["value"].correct
    assert all(fs.correct <= values for fs in result.fields.values())


@settings(max_examples=60, deadline=None)
@given(st.lists(_row, min_size=1, max_size=12))
def test_gold_scored_against_itself_is_perfect(rows):
    gold = _spanned(rows)
    preds = gold.copy()
    preds["measure"] = preds["measure_keyword"].str.replace("|", " ")
    result = score(gold, preds)
    for name, fs in result.fields.items():
        assert (fs.precision, fs.recall, fs.f1) == (1.0, 1.0, 1.0), name


_figure_values = st.one_of(
    st.floats(-1e13, 1e13, allow_nan=False, allow_infinity=False), st.integers(-(10**12), 10**12)
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_figure_values, st.booleans()), min_size=1, max_size=8))
def test_write_then_read_gold_round_trips(tmp_path_factory, items):
    directory = tmp_path_factory.mktemp("gold")
    text = "Exports rose 5 pct to 12 billion dlrs.\nImports fell 5 pct."
    doc = {
        "id": "doc-1", "text": text, "title": "T", "url": None, "published": "1987-03-02",
        "corpus": "test", "topics": ["trade"],
    }  # fmt: skip
    rows = []
    for k, (value, ranged) in enumerate(items):
        value = float(value)
        low, high = (value - 1.5, value + 1.5) if ranged else (None, None)
        rows.append(
            _gold_row(surface="5 pct", occurrence=1 + k % 2, value=value, value_low=low,
                      value_high=high, note=f"row {k}, with a comma")
        )  # fmt: skip
    rows = list({(r["occurrence"]): r for r in rows}.values())  # one row per occurrence
    write_gold(directory, "t", [doc], rows)
    documents, gold = load_gold(directory)
    assert [d.text for d in documents] == [text]
    assert len(gold) == len(rows)
    for row, back in zip(rows, gold.to_dict(orient="records"), strict=True):
        assert back["value"] == row["value"]
        for col in ("value_low", "value_high"):
            assert (pd.isna(back[col]) and row[col] is None) or back[col] == row[col]
        assert back["note"] == row["note"]
        assert text[back["char_start"] : back["char_end"]] == "5 pct"


# --------------------------------------------------------------------------------------------
# Loader: validation errors name the file, line and problem


def _gold_row(**overrides) -> dict:
    row = {
        "doc_id": "doc-1",
        "surface": "5 pct",
        "occurrence": 1,
        "value": 5.0,
        "value_low": None,
        "value_high": None,
        "unit": "%",
        "unit_kind": "percent",
        "qualifier": "exact",
        "kind": "change",
        "modality": "actual",
        "period_start": "1987-02-01",
        "period_end": "1987-02-28",
        "period_label": "in February",
        "period_basis": "explicit",
        "measure": "exports",
        "measure_keyword": "export",
        "entities": "",
        "sentence_snippet": "Exports rose 5 pct",
        "note": "",
    }
    row.update(overrides)
    return row


def _write_pair(directory: Path, rows: list[dict], *, name="t", doc_id="doc-1", text=None):
    doc = {
        "id": doc_id,
        "text": text or "Exports rose 5 pct to 12 billion\ndlrs in February.",
        "title": None,
        "url": None,
        "published": "1987-03-02",
        "corpus": "test",
        "topics": [],
    }
    return write_gold(directory, name, [doc], rows)


def test_loads_a_single_pair_and_finds_surfaces_across_line_wraps(tmp_path):
    _, figs = _write_pair(
        tmp_path,
        [_gold_row(), _gold_row(surface="12 billion dlrs", value=12e9, unit="USD",
                                unit_kind="currency", kind="level",
                                sentence_snippet="to 12 billion dlrs")],
    )  # fmt: skip
    documents, gold = load_gold(figs)
    assert [d.doc_id for d in documents] == ["doc-1"]
    assert documents[0].published == D(1987, 3, 2)
    spans = list(zip(gold["char_start"], gold["char_end"], strict=True))
    text = documents[0].text
    assert [text[s:e] for s, e in spans] == ["5 pct", "12 billion\ndlrs"]
    assert set(gold.columns) >= {*GOLD_COLUMNS, "corpus", "char_start", "char_end", "sentence"}
    assert gold["period_start"].tolist() == [D(1987, 2, 1), D(1987, 2, 1)]
    assert gold["value_low"].tolist() == [None, None]
    assert gold["sentence"].iloc[0].startswith("Exports rose 5 pct")


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"surface": "6 pct"}, "surface '6 pct' occurs 0 time(s) in doc-1"),
        ({"occurrence": 2}, "so occurrence 2 cannot be found"),
        ({"occurrence": "first"}, "occurrence 'first' is not a whole number"),
        ({"kind": "growth"}, "kind 'growth' is not one of change, level"),
        ({"qualifier": "about"}, "qualifier 'about' is not one of"),
        ({"unit_kind": "money"}, "unit_kind 'money' is not one of"),
        ({"modality": "forecast"}, "modality 'forecast' is not one of"),
        ({"period_basis": "guess"}, "period_basis 'guess' is not one of"),
        ({"period_end": "28/02/1987"}, "period_end '28/02/1987' is not a date YYYY-MM-DD"),
        ({"period_start": "1987-03-01"}, "period_start 1987-03-01 is after period_end"),
        ({"value": "five"}, "value 'five' is not a number"),
        ({"value": None}, "value is empty"),
        ({"value_low": 4.0}, "a range needs both value_low and value_high"),
        ({"value": 5.0, "value_low": 4.0, "value_high": 7.0}, "must be the midpoint 5.5"),
        ({"value_low": 6.0, "value_high": 4.0}, "value_low 6.0 is above value_high 4.0"),
        ({"measure_keyword": ""}, "measure_keyword is empty"),
        ({"measure_keyword": "Export"}, "must be lower case"),
        ({"doc_id": "doc-9"}, "doc_id 'doc-9' is not in t.documents.jsonl"),
        ({"sentence_snippet": "Imports fell"}, "sentence_snippet 'Imports fell' is not in"),
    ],
)
def test_invalid_rows_are_reported_with_file_and_line(tmp_path, override, message):
    second = {"surface": "12 billion dlrs", "value": 12e9, "unit": "USD", "unit_kind": "currency",
              "kind": "level", "sentence_snippet": "to 12 billion dlrs"}  # fmt: skip
    _, figs = _write_pair(tmp_path, [_gold_row(), _gold_row(**{**second, **override})])
    with pytest.raises(GoldError) as err:
        load_gold(tmp_path)
    assert message in str(err.value)
    assert f"{figs}:3:" in str(err.value)  # the header is line 1, the bad row line 3


def test_every_problem_is_listed_at_once(tmp_path):
    _write_pair(
        tmp_path,
        [
            _gold_row(kind="growth"),
            _gold_row(occurrence=3),
            _gold_row(occurrence=2, modality="maybe"),
        ],
    )
    with pytest.raises(GoldError) as err:
        load_gold(tmp_path)
    text = str(err.value)
    assert "3 problems" in text
    assert "kind 'growth'" in text and "occurrence 3" in text and "modality 'maybe'" in text


def test_duplicate_annotation_is_rejected(tmp_path):
    _write_pair(tmp_path, [_gold_row(), _gold_row(note="again")])
    with pytest.raises(GoldError, match=r"annotated twice \(also line 2\)"):
        load_gold(tmp_path)


def test_header_must_be_the_shared_columns_in_order(tmp_path):
    _, figs = _write_pair(tmp_path, [_gold_row()])
    lines = figs.read_text(encoding="utf-8").splitlines()
    figs.write_text(lines[0].replace(",note", "") + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r":1: header must be .*missing note"):
        load_gold(figs)
    swapped = lines[0].replace("value_low,value_high", "value_high,value_low")
    figs.write_text(swapped + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match="columns out of order"):
        load_gold(figs)


def test_documents_file_problems(tmp_path):
    docs, _ = _write_pair(tmp_path, [_gold_row()])
    good = docs.read_text(encoding="utf-8")
    docs.write_text(good + "{not json\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"documents.jsonl:2: not valid JSON"):
        load_gold(tmp_path)
    docs.write_text(good.replace('"published": "1987-03-02"', '"published": "March 2"'))
    with pytest.raises(GoldError, match=r"'published' 'March 2' is not YYYY-MM-DD"):
        load_gold(tmp_path)
    docs.write_text(json.dumps({"id": "x", "text": "1"}) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match="missing keys title, url, published, corpus, topics"):
        load_gold(tmp_path)


def test_missing_files_and_paths(tmp_path):
    with pytest.raises(GoldError, match="no such file or directory"):
        load_gold(tmp_path / "nowhere")
    with pytest.raises(GoldError, match=r"no \*\.figures\.csv files"):
        load_gold(tmp_path)
    docs, figs = _write_pair(tmp_path, [_gold_row()])
    docs.unlink()
    with pytest.raises(GoldError, match=r"its documents file t\.documents\.jsonl is missing"):
        load_gold(figs)
    other = tmp_path / "notes.txt"
    other.write_text("not gold", encoding="utf-8")
    with pytest.raises(GoldError, match="not a gold directory"):
        load_gold(other)


def test_a_document_belongs_to_one_gold_set(tmp_path):
    _write_pair(tmp_path, [_gold_row()], name="a")
    _write_pair(tmp_path, [_gold_row()], name="b")
    with pytest.raises(GoldError, match=r"document 'doc-1' is also in a\.documents\.jsonl"):
        read_gold(tmp_path)


# --------------------------------------------------------------------------------------------
# `figures evaluate` end to end, on the real gold directory


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("evaluate") / "report.json"
    result = CliRunner().invoke(
        build_app(),
        ["evaluate", str(GOLD_DIR), "--per-corpus", "--errors", "2", "--json", str(out)],
    )
    return result, json.loads(out.read_text(encoding="utf-8")) if out.exists() else None


def _gold_row_count() -> int:
    return sum(len(pd.read_csv(f)) for f in GOLD_DIR.glob("*.figures.csv"))


def test_evaluate_scores_both_systems_on_every_field(full_run):
    result, data = full_run
    assert result.exit_code == 0, result.output
    out = result.output
    for name in FIELDS:
        assert name in out
    assert "figures" in out and "quantulum3" in out
    assert "period right among gold figures with a period" in out
    assert data is not None
    assert set(data["systems"]) == {"figures", "quantulum3"}
    n_gold = _gold_row_count()
    assert data["gold"]["figures"] == n_gold
    for system in data["systems"].values():
        assert set(system["fields"]) == set(FIELDS)
        assert system["gold"] == n_gold
        assert system["predicted"] > 0  # both systems really ran on the documents
        for fs in system["fields"].values():
            assert 0.0 <= fs["precision"] <= 1.0 and 0.0 <= fs["recall"] <= 1.0
            assert fs["correct"] <= min(fs["predicted"], fs["gold"])
            p_, r_ = fs["precision"], fs["recall"]
            assert math.isclose(fs["f1"], 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0)
        assert 0 <= system["period"]["right"] <= system["period"]["with_period"]
    # quantulum3 has no periods or measures: it cannot be right on them
    assert data["systems"]["quantulum3"]["fields"]["measure"]["correct"] == 0


def test_evaluate_reports_per_corpus_and_errors(full_run):
    result, data = full_run
    assert result.exit_code == 0, result.output
    corpora = set(data["gold"]["corpora"])
    assert {"reuters21578", "seed"} <= corpora
    assert set(data["per_corpus"]) == corpora
    assert sum(c["figures"]["gold"] for c in data["per_corpus"].values()) == data["gold"]["figures"]
    for corpus in corpora:
        assert f"Corpus: {corpus}" in result.output
    for system in ("figures", "quantulum3"):
        report = data["errors"][system]
        assert set(report) == {"missed", "false_positives", "wrong_fields"}
        assert all(len(items) <= 2 for items in report.values())
        assert f"Errors of {system}" in result.output


def test_evaluate_one_system_on_one_file(tmp_path):
    out = tmp_path / "q.json"
    result = CliRunner().invoke(
        build_app(),
        ["evaluate", str(GOLD_DIR / "seed.figures.csv"), "--system", "quantulum3",
         "--json", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data["systems"]) == ["quantulum3"]
    assert data["gold"]["figures"] == 18
    assert data["systems"]["quantulum3"]["fields"]["value"]["correct"] > 0


def test_evaluate_rejects_bad_gold_with_a_clear_message(tmp_path):
    _write_pair(tmp_path, [_gold_row(kind="growth")])
    result = CliRunner().invoke(build_app(), ["evaluate", str(tmp_path)])
    assert result.exit_code == 2
    assert "kind 'growth' is not one of change, level" in result.output
    missing = CliRunner().invoke(build_app(), ["evaluate", str(tmp_path / "none")])
    assert missing.exit_code == 2
    assert "none: no such file or directory" in missing.output


def test_evaluate_runs_as_a_module_command(tmp_path):
    out = tmp_path / "f.json"
    proc = subprocess.run(
        [sys.executable, "-m", "extract.cli", "evaluate", str(GOLD_DIR / "seed.figures.csv"),
         "--system", "figures", "--json", str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "value+kind/qualifier" in proc.stdout
    assert list(json.loads(out.read_text(encoding="utf-8"))["systems"]) == ["figures"]


# --------------------------------------------------------------------------------------------
# The throughput benchmark runs (its numbers are printed, never asserted)

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "throughput.py"
REUTERS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578"


def test_benchmark_without_the_corpus_says_so_and_exits_cleanly(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(BENCHMARK), "--corpus", str(tmp_path), "--limit", "2"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0
    assert f"no reut2-000.sgm in {tmp_path}" in proc.stderr
    assert proc.stdout == ""


@pytest.mark.slow
@pytest.mark.skipif(not (REUTERS / "reut2-000.sgm").is_file(), reason="needs ../shared/corpora")
def test_benchmark_reports_both_systems_side_by_side():
    proc = subprocess.run(
        [sys.executable, str(BENCHMARK), "--corpus", str(REUTERS), "--limit", "3", "--json"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data["systems"]) == {"figures", "quantulum3"}
    runs = list(data["systems"].values())
    assert runs[0]["sentences"] == runs[1]["sentences"] > 0  # the same sentences for both
    for run in runs:
        assert run["documents"] == 3
        assert run["peak_rss_mib"] >= run["data_rss_mib"] > 0
        # one-time set-up (quantulum3's first parse, figures' first compile) is out of the rate
        assert run["warm_up_seconds"] > 0
    assert set(data["ratio"]) == {
        "sentences_per_second",
        "sentences_per_cpu_second",
        "peak_rss_mib",
    }


def test_entity_names_match_without_a_closing_dot_or_case() -> None:
    from extract.evaluate import _entity_set

    assert _entity_set("Keystone Financial Corp.;Japan") == _entity_set(
        "japan; Keystone Financial Corp"
    )
    assert _entity_set("Heineken N.V.") == _entity_set("Heineken N.V")
    assert _entity_set("Japan") != _entity_set("Japan;China")
