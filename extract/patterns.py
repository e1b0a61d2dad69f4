"""Compiled regular expressions, cached without limit.

The stages use many small inline patterns; `re`'s own cache holds 512 and was evicting them
on long runs (with the periods and entities patterns on top), recompiling in the hot path.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


# three prices (or "---") right before a position on its line: a futures or price table row
_NUMBER_ROW = re.compile(
    r"(?:^|\n)[^\n]*?(?:\s+(?:\d+[.,/]\d+|---))\s+(?:\d+[.,/]\d+|---)\s+(?:\d+[.,/]\d+|---)\s+\Z"
)


def after_price_row(text: str, start: int) -> bool:
    """Does `start` follow three prices on its line ("May 147.75 147.50 148.00 146.25 2000")?
    There a four-digit number is the row's volume, not a year."""
    return _NUMBER_ROW.search(text, max(0, start - 80), start) is not None
