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


def trie(words: Iterable[str], space: str = r"\s+") -> str:
    """One alternation shaped as a trie, so each position costs one branch per first character
    (Python's `re` tries a flat alternation word by word); greedy optional tails make the
    longest word win, as in a longest-first alternation. Spaces in words match `space` (any
    whitespace unless told)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [
            (space if ch == " " else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return "(?:" + build(root) + ")"


SPACE = r"\s"  # stands for any whitespace among the characters `first_chars` finds


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """The characters a match of `pattern` (compiled with `flags`) can begin with (`SPACE` for
    any whitespace); None when any (or not worked out)."""
    try:
        from re import _constants as sre
        from re import _parser as parser

        def seq(items: list, flags: int) -> tuple[set[str] | None, bool]:
            out: set[str] = set()
            for op, av in items:
                chars, nullable = item(op, av, flags)
                if chars is None:
                    return None, False
                out |= chars
                if not nullable:
                    return out, False
            return out, True

        def item(op: object, av: object, flags: int) -> tuple[set[str] | None, bool]:
            fold = bool(flags & re.I)
            if op is sre.LITERAL:
                c = chr(av)  # type: ignore[arg-type]
                return ({c.lower(), c.upper()} if fold else {c}), False
            if op is sre.IN:
                chars: set[str] = set()
                for o, a in av:  # type: ignore[union-attr]
                    if o is sre.LITERAL:
                        chars.add(chr(a))
                    elif o is sre.RANGE:
                        chars |= {chr(c) for c in range(a[0], a[1] + 1)}
                    elif o is sre.CATEGORY and a is sre.CATEGORY_DIGIT:
                        chars |= set("0123456789")
                    elif o is sre.CATEGORY and a is sre.CATEGORY_SPACE:
                        chars.add(SPACE)
                    else:
                        return None, False
                if fold:
                    chars |= {f(c) for c in chars - {SPACE} for f in (str.lower, str.upper)}
                return chars, False
            if op is sre.BRANCH:
                union: set[str] = set()
                nullable = False
                for alt in av[1]:  # type: ignore[index]
                    chars_alt, n = seq(list(alt), flags)
                    if chars_alt is None:
                        return None, False
                    union |= chars_alt
                    nullable = nullable or n
                return union, nullable
            if op is sre.SUBPATTERN:
                _, add, drop, sub = av  # type: ignore[misc]
                return seq(list(sub), (flags | add) & ~drop)
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                low, _, sub = av  # type: ignore[misc]
                chars_sub, n = seq(list(sub), flags)
                return chars_sub, chars_sub is not None and (low == 0 or n)
            if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
                return set(), True
            return None, False

        chars, nullable = seq(list(parser.parse(pattern, flags)), flags)
        return None if nullable else chars
    except (AttributeError, ImportError, TypeError, ValueError, re.error):
        return None


_GLOBAL_FLAGS = re.compile(r"\A\(\?[aiLmsux]+\)")


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled behind a lookahead on the characters its matches can begin with.

    Python's `re` tries a pattern at every position of a search; one character-class test
    rejects most positions at once, before lookbehinds and long alternations run (five times
    faster for the number scanner). The matches are the same. Patterns whose first character is
    not worked out (a leading \\w, say) are compiled as they are. Each is compiled once: these
    are module constants, compiled at import."""
    guard = first_char_guard(pattern, flags)
    if not guard:
        return re.compile(pattern, flags)
    inline = _GLOBAL_FLAGS.match(pattern)
    source = pattern[inline.end() :] if inline else pattern
    head = inline.group() if inline else ""  # global flags must stay first
    return re.compile(f"{head}{guard}(?:{source})", flags)


def first_char_guard(pattern: str, flags: int = 0) -> str:
    """The lookahead on `first_chars` of `pattern`, or "" where they are not worked out."""
    chars = first_chars(pattern, flags)
    if not chars:
        return ""
    return "(?=[" + "".join(sorted(c if c == SPACE else re.escape(c) for c in chars)) + "])"


# three prices (or "---") right before a position on its line: a futures or price table row
_NUMBER_ROW = re.compile(
    r"(?:^|\n)[^\n]*?(?:\s+(?:\d+[.,/]\d+|---))\s+(?:\d+[.,/]\d+|---)\s+(?:\d+[.,/]\d+|---)\s+\Z"
)


def after_price_row(text: str, start: int) -> bool:
    """Does `start` follow three prices on its line ("May 147.75 147.50 148.00 146.25 2000")?
    There a four-digit number is the row's volume, not a year."""
    return _NUMBER_ROW.search(text, max(0, start - 80), start) is not None
