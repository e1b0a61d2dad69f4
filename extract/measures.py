"""The measure a figure belongs to: first cut."""

from __future__ import annotations

import re

from extract.quantities import Mention


def measure_for(sentence_raw: str, mention: Mention) -> str:
    before = sentence_raw[: mention.start]
    words = re.findall(r"[A-Za-z][A-Za-z-]+", before)
    return " ".join(words[-3:]).lower()
