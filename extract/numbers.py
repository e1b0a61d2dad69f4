"""Numbers as written in news: digits with separators, wire fractions and spelled-out words."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Multipliers that can follow a spelled or digit number ("two billion", "1.5 million").
WORD_SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
# "a third", "two-thirds", "three quarters": denominators of spelled fractions.
FRACTION_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}
UNICODE_FRACTIONS = {
    "½": 0.5,
    "¼": 0.25,
    "¾": 0.75,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "⅛": 0.125,
    "⅜": 0.375,
    "⅝": 0.625,
    "⅞": 0.875,
}
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | frozenset(WORD_SCALES) | {"dozen"}

_DIGITS = re.compile(
    r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?$|^\d+(?:\.\d+)?$|"
    r"^\d+,\d{1,2}$"
)


def parse_digits(text: str) -> float | None:
    """'1,234.5' -> 1234.5; '1,62,990' (Indian grouping) -> 162990; '13,1' (decimal comma) ->
    13.1; anything else -> None."""
    if not _DIGITS.match(text):
        return None
    if re.match(r"^\d+,\d{1,2}$", text):
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def word_value(word: str) -> int | None:
    """Value of a single spelled number word below a hundred ('seven', 'forty')."""
    w = word.lower()
    if w in _UNITS:
        return _UNITS[w]
    if w in _TENS:
        return _TENS[w]
    return None


def is_tens(word: str) -> bool:
    return word.lower() in _TENS


def combine_words(words: list[str]) -> float | None:
    """['two', 'hundred', 'and', 'five'] -> 205; ['a', 'million'] -> 1e6."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = raw.lower()
        if w in ("and", "-"):
            continue
        if w in ("a", "an"):
            current = max(current, 1.0)
            seen = True
            continue
        if w == "dozen":
            current = (current or 1.0) * 12
            seen = True
            continue
        v = word_value(w)
        if v is not None:
            current += v
            seen = True
            continue
        if w == "hundred":
            current = (current or 1.0) * 100
            seen = True
            continue
        if w in WORD_SCALES:
            total += (current or 1.0) * WORD_SCALES[w]
            current = 0.0
            seen = True
            continue
        return None
    return total + current if seen else None
