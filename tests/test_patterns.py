"""The pattern helpers must never change what a pattern matches, only how fast: a guarded
pattern finds exactly the matches of the original, and a trie the longest word of a
longest-first alternation."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.patterns import first_chars, guarded, trie

# Shapes the stages use: leading lookbehinds, word boundaries, case folding, inline global
# flags, verbose layout, named groups, end anchors.
PATTERNS = [
    re.compile(r"(?<![\d.,/])(?P<sign>[-+](?=\d))?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"),
    re.compile(r"\b(?:(?P<up>rose|rise|up)|(?P<down>fell|fall|down))\s+(?:by\s+)?\Z", re.I),
    re.compile(r"(?i)\b(?:from|against|vs\.?)\s+"),
    re.compile(r"""(?x)
        \b(?:first|second)   # an ordinal
        \s+(?:quarter|half)\b"""),
    re.compile(r"(?<![\w.])[½¼¾]|\bnil\b", re.I),
    re.compile(r"[$€£]\s?\d+|(?:USD|EUR)\b"),
]
TEXT = st.text(
    alphabet=st.sampled_from(list("0123456789 .,-+$€£½abdefhilnoprstuvwxyzFRUSDEQK\u212a")),
    max_size=60,
)


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_a_guarded_pattern_matches_exactly_as_the_original(pattern, text) -> None:
    fast = guarded(pattern.pattern, pattern.flags)
    assert fast.pattern != pattern.pattern  # each of these has a known first character
    assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
        (m.span(), m.groupdict()) for m in pattern.finditer(text)
    ]
    for pos in range(len(text) + 1):
        slow, quick = pattern.match(text, pos), fast.match(text, pos)
        assert (slow and slow.span()) == (quick and quick.span())


def test_first_characters_are_worked_out_or_left_open() -> None:
    assert first_chars(r"\b(?:rose|fell)") == {"r", "f"}
    assert first_chars(r"(?i:up)") == {"u", "U"}
    assert first_chars(r"(?=x)\d") == set("0123456789")
    assert first_chars(r"a?") is None  # may match nothing: every position is a candidate
    assert first_chars(r"\w+") is None  # a category it does not enumerate
    assert guarded(r"\w+ said").pattern == r"\w+ said"  # compiled as it is


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.text(alphabet="abc ", min_size=1, max_size=5), min_size=1, max_size=8),
    text=st.text(alphabet="abc x", max_size=40),
)
def test_a_trie_finds_what_a_longest_first_alternation_finds(words, text) -> None:
    flat = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    slow = re.compile(rf"(?<![a-c])(?:{flat})(?![a-c])")
    fast = re.compile(rf"(?<![a-c]){trie(words, space=' ')}(?![a-c])")
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]


def test_trie_spaces_match_any_whitespace_unless_told() -> None:
    assert re.fullmatch(trie(["bank of england"]), "bank  of\nengland")
    assert not re.fullmatch(trie(["bank of england"], space=" "), "bank  of england")


def test_whitespace_first_is_a_class_not_its_letters() -> None:
    assert first_chars(r"[\sa]x", re.I) == {r"\s", "a", "A"}
    clause = re.compile(r"(?x) ;|:\s|\s--\s|,\s*(?:and|but)\b")
    fast = guarded(clause.pattern)
    assert fast.pattern.startswith(r"(?x)(?=[,:;\s])")  # global flags stay first
    text = "Sales rose; profit fell -- again, and  more : here"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in clause.finditer(text)]
