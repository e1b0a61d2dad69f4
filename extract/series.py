"""Series keys: figures of the same measure, entities, unit and kind across documents."""

from __future__ import annotations

import re


def normalise_measure(measure: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", measure.lower()))


def series_key(measure: str, entities: str, unit: str, kind: str) -> str:
    ents = ";".join(sorted(e for e in entities.split(";") if e))
    return f"{normalise_measure(measure)}|{ents}|{unit}|{kind}"
