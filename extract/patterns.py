"""Compiled regular expressions, cached without limit.

The stages use many small inline patterns; `re`'s own cache holds 512 and was evicting them
on long runs (with the periods and entities patterns on top), recompiling in the hot path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache


@cache
def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def trie(words: Iterable[str]) -> str:
    """One alternation shaped as a trie, so each position costs one branch per first character
    (Python's `re` tries a flat alternation word by word); greedy optional tails make the
    longest word win. Spaces in words match any whitespace."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return "(?:" + build(root) + ")"


# three prices (or "---") right before a position on its line: a futures or price table row
_NUMBER_ROW = re.compile(
    r"(?:^|\n)[^\n]*?(?:\s+(?:\d+[.,/]\d+|---))\s+(?:\d+[.,/]\d+|---)\s+(?:\d+[.,/]\d+|---)\s+\Z"
)


def after_price_row(text: str, start: int) -> bool:
    """Does `start` follow three prices on its line ("May 147.75 147.50 148.00 146.25 2000")?
    There a four-digit number is the row's volume, not a year."""
    return _NUMBER_ROW.search(text, max(0, start - 80), start) is not None
