"""Period expressions: placeholder until the periods stage lands (owned by the periods helper)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extract.context import DocContext

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    label: str
    basis: str


def date_spans(sentence_raw: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _YEAR.finditer(sentence_raw)]


def period_for(
    ctx: DocContext, sent_index: int, span: tuple[int, int], *, modality: str, kind: str
) -> Period:
    if modality == "actual" and ctx.published is not None:
        return Period(None, ctx.published, "", "publication")
    return Period(None, None, "", "unknown")
