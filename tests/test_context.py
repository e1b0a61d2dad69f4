"""Sentence splitting: spans slice the stored text, residue is skipped, wire copy is unwrapped."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.context import build_context, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_spans_slice_the_stored_text() -> None:
    text = "First one. Second one!\n\nA third? Yes."
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.raw
    assert texts(text) == ["First one.", "Second one!", "A third?", "Yes."]


def test_scraper_residue_is_not_text() -> None:
    text = "[ad_1]\n\nExports rose 5 pct.\n\n[ad_2]\n\nSource link"
    assert texts(text) == ["Exports rose 5 pct."]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Exports to the U.S. rose to 5 mln dlrs. U.S. Steel Corp said J. Smith left."
    assert texts(text) == [
        "Exports to the U.S. rose to 5 mln dlrs.",
        "U.S. Steel Corp said J. Smith left.",
    ]
    # ... but "the U.S." before a sentence starter does
    assert texts("It sold more to the U.S. The deficit fell.") == [
        "It sold more to the U.S.",
        "The deficit fell.",
    ]


def test_wire_copy_lines_are_wrapped_and_indents_start_paragraphs() -> None:
    story = (
        "RIO DE JANEIRO, April 2 - Brazil bought 75,000 tonnes of\n"
        "French wheat at tonight's tender, trade sources said.\n"
        "    Shr 1.25 dlrs vs 1.10 dlrs\n"
        "    Net 12.5 mln vs 10.3 mln"
    )
    assert texts(story) == [
        "RIO DE JANEIRO, April 2 - Brazil bought 75,000 tonnes of French wheat at tonight's "
        "tender, trade sources said.",
        "Shr 1.25 dlrs vs 1.10 dlrs",
        "Net 12.5 mln vs 10.3 mln",
    ]


def test_web_article_lines_are_paragraphs_but_lower_case_goes_on() -> None:
    article = "What Putin said\nPutin assessed the partnership.\nNet loss of\nfour cts a share."
    assert texts(article) == [
        "What Putin said",
        "Putin assessed the partnership.",
        "Net loss of four cts a share.",
    ]


def test_context_finds_the_sentence_of_an_offset() -> None:
    ctx = build_context("One. Two three.")
    assert ctx.sentence_at(6) == 1
    assert ctx.sentence_at(100) is None


@given(st.text(max_size=300))
def test_sentences_are_ordered_non_overlapping_slices(text: str) -> None:
    last = 0
    for s in split_sentences(text):
        assert last <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.raw and s.raw.strip() == s.raw
        last = s.end


def test_a_results_table_with_headings_stays_one_block() -> None:
    text = (
        "Key figures (CHF millions) | H1 2025 | H1 2024 | % change\n"
        "Group sales | 8,420 | 8,175 | +7\n"
        "Net income | 2,214 | 2,390 | -7\n"
    )
    assert len(split_sentences(text)) == 1


def test_a_table_without_headings_keeps_its_lines() -> None:
    text = " May    147.75 147.50 147.75  2000\n Jun    146.75 146.25 146.75   536\n"
    assert len(split_sentences(text)) == 2


def test_modern_page_furniture_is_residue() -> None:
    from extract.context import is_residue

    for line in (
        "[ad_2] Source link",
        "Updated 2 hours ago | New Delhi | PTI",
        "By Chinedu Okafor | April 30, 2024 | 3 mins read",
        "3 mins read",
    ):
        assert is_residue(line), line
    assert not is_residue("By the way, sales rose 5%.")
