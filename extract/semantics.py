"""Kind (level or change), sign and modality of a figure: first cut."""

from __future__ import annotations

import re

from extract.quantities import Mention

_CHANGE = re.compile(r"\b(?:rose|fell|increased|decreased|added|grew|up|down)\s+(?:by\s+)?$", re.I)
_FALL = re.compile(r"\b(?:fell|decreased|down)\b", re.I)
_PROJECTED = re.compile(r"\b(?:will|plan|plans|expected|forecast|target)\b", re.I)


def kind_and_sign(sentence_raw: str, mention: Mention) -> tuple[str, int]:
    before = sentence_raw[max(0, mention.start - 40) : mention.start]
    if _CHANGE.search(before):
        return "change", -1 if _FALL.search(before) else 1
    return "level", 1


def modality(sentence_raw: str, mention: Mention) -> str:
    return "projected" if _PROJECTED.search(sentence_raw) else "actual"
