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
