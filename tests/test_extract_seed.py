"""The seed article gives all 18 gold figures, right in every field the gold states, and none of
the things that must not come out as figures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from extract import COLUMNS, extract_figures

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_ae976960708b5109.txt"
GOLD = ROOT / "tests" / "data" / "seed_figures.csv"
NOT_FIGURES = ROOT / "tests" / "data" / "seed_not_figures.csv"


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    meta = json.loads(SEED.with_suffix(".meta.json").read_text(encoding="utf-8"))
    return extract_figures(
        SEED.read_text(encoding="utf-8"),
        published=meta["published"],
        source=str(SEED.relative_to(ROOT)),
        title=meta["title"],
    )


def _gold() -> list[dict]:
    return pd.read_csv(GOLD, dtype=str).fillna("").to_dict("records")


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def test_frame_has_exactly_the_schema_columns(seed: pd.DataFrame) -> None:
    assert tuple(seed.columns) == COLUMNS


@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["surface"])
def test_gold_figure(seed: pd.DataFrame, gold: dict) -> None:
    rows = seed[seed["surface"] == gold["surface"]]
    assert len(rows) == 1, f"{gold['surface']!r} not extracted exactly once"
    row = rows.iloc[0]
    assert row["value"] == pytest.approx(float(gold["value"]))
    assert row["unit"] == gold["unit"]
    assert row["kind"] == gold["kind"]
    assert row["qualifier"] == gold["qualifier"]
    assert row["modality"] == gold["modality"]
    assert row["period_start"] == _date(gold["period_start"])
    assert row["period_end"] == _date(gold["period_end"])
    assert gold["measure_keyword"].lower() in row["measure"].lower()
    assert row["entities"] == gold["entities"]
    assert gold["sentence_snippet"] in row["sentence"]


def test_no_figure_is_a_date_or_residue(seed: pd.DataFrame) -> None:
    not_figures = pd.read_csv(NOT_FIGURES, dtype=str)["surface"]
    surfaces = seed["surface"].tolist()
    for bad in not_figures:
        assert not any(bad in surface for surface in surfaces), bad


def test_citations_point_at_the_stored_text(seed: pd.DataFrame) -> None:
    text = SEED.read_text(encoding="utf-8")
    for row in seed.to_dict("records"):
        assert text[row["char_start"] : row["char_end"]] == row["surface"]
        assert " ".join(row["surface"].split()) in row["sentence"]
