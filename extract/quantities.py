"""Quantity mentions in a sentence: first cut, replaced by the full scanner."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    surface: str
    value: float
    value_low: float | None
    value_high: float | None
    unit: str
    unit_kind: str
    qualifier: str


_SCALE = {"billion": 1e9, "bn": 1e9, "million": 1e6, "mln": 1e6, "mn": 1e6, "trillion": 1e12}
_Q = re.compile(
    r"(?P<cur>\$)?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>billion|bn|million|mln|mn|trillion)?"
    r"\s*(?P<unit>%|pct|dlrs)?"
)


def find_quantities(sentence_raw: str, *, excluded: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for m in _Q.finditer(sentence_raw):
        if any(s <= m.start() < e for s, e in excluded):
            continue
        value = float(m.group("num").replace(",", "")) * _SCALE.get(m.group("scale") or "", 1)
        unit, kind = "", "count"
        if m.group("cur") or m.group("unit") == "dlrs":
            unit, kind = "USD", "currency"
        elif m.group("unit"):
            unit, kind = "%", "percent"
        end = m.end()
        while sentence_raw[end - 1].isspace():
            end -= 1
        out.append(
            Mention(
                m.start(),
                end,
                sentence_raw[m.start() : end],
                value,
                None,
                None,
                unit,
                kind,
                "exact",
            )
        )
    return out
