"""Sentences of a document and the context every later stage reads.

Spans stay in the stored document text: a `Sentence` is a slice of it, never a rewritten copy,
so a figure's span found inside a sentence maps back by adding `Sentence.start`.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass

from extract.patterns import guarded

# Whole lines that are page furniture or scraper residue, never article text.
_RESIDUE_LINE = re.compile(
    r"""^\s*(?:
        (?:\[\s*ad[_ ]?\d*\s*\]\s*)+(?:source\ link)?  # [ad_1], "[ad_2] Source link"
      | source\ link
      | updated\ \d+\ (?:hours?|hrs?|minutes?|mins?|days?)\ ago\b.*
      | \d+\ (?:mins?|minutes?)\ read\b.*
      | (?:by\ [A-Z][\w.'’-]*(?:\ [A-Z][\w.'’-]*){0,3}\s*\|.*)
      | advertisement
      | (?:read|see)\ (?:more|also)\b.*
      | click\ here\b.*
      | share\ (?:this|on)\b.*
      | (?:related|recommended)(?:\ (?:articles?|stories|posts))?:?
      | subscribe\b.*
      | sign\ up\b.*
      | follow\ us\b.*
      | (?:all\ rights\ reserved|copyright\b|©).*
      | cookies?\b.*\b(?:accept|consent|policy)\b.*
      | skip\ to\ (?:main\ )?content
      | (?:previous|next)\ (?:article|post|story)
      | \d+\ (?:comments?|shares?|views?)
      | reuter[s]?
    )\s*$""",
    re.I | re.X,
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]+\S)")
# A full stop that closes these does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt st sr jr inc corp co ltd plc bros mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vs approx est dept univ assn
    av ave fig figs vol e.g i.e etc cf al u.s u.k u.n e.u u.s.s.r n.z s.a n.v a.g h.k""".split()
)
_SENTENCE_STARTERS = frozenset(
    """the a an it he she they we this that these those but and in on at for its his their
    our however meanwhile also analysts officials economists shares prices""".split()
)
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9$€£¥])""")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    raw: str  # exactly document.text[start:end]

    @property
    def text(self) -> str:
        """The citation quote: the raw slice with wrapping whitespace collapsed."""
        return " ".join(self.raw.split())


@dataclass(frozen=True, slots=True)
class DocContext:
    text: str
    title: str | None
    published: dt.date | None
    sentences: tuple[Sentence, ...]

    def sentence_at(self, offset: int) -> int | None:
        for i, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return i
        return None


def build_context(text: str, *, title: str | None = None, published: dt.date | None = None):
    return DocContext(
        text=text, title=title, published=published, sentences=tuple(split_sentences(text))
    )


def is_residue(line: str) -> bool:
    return bool(_RESIDUE_LINE.match(line))


def _hard_wrapped(text: str) -> bool:
    """Wire copy is wrapped at a fixed width: single newlines inside a paragraph are spaces.

    Wire style shows in a dateline ("RIO DE JANEIRO, April 2 - ") or in paragraphs marked by
    indentation; otherwise, text whose lines are of a wrapping width and mostly unterminated."""
    if _WIRE_DATELINE.match(text) or _INDENTED_PARAGRAPH.search(text):
        return True
    lengths = [len(line) for line in text.split("\n") if line.strip()]
    if len(lengths) < 4:
        return False
    median = statistics.median(lengths)
    unterminated = sum(
        1 for line in text.split("\n") if line.strip() and line.rstrip()[-1] not in ".!?:\"”'"
    )
    return 45 <= median <= 90 and unterminated > 0.5 * len(lengths)


_WIRE_DATELINE = re.compile(
    r"\s*[A-Z][A-Za-z .,'&-]{1,40},\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
    r"\s+-\s"
)
_INDENTED_PARAGRAPH = re.compile(r"\n[ \t]{2,}\S")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: blank lines and indented lines always break; single newlines break
    too unless the text is hard-wrapped."""
    wrapped = _hard_wrapped(text)
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    if not wrapped:
        # A line break is a paragraph break unless the next line goes on in lower case
        # ("... of\nfour cts per share in the quarter"): short-line notes and tables wrap too.
        breaks += [(m.start(), m.end()) for m in re.finditer(r"\n(?![ \t]*[a-z])", text)]
        breaks.sort()
    rows = _table_row_breaks(text)
    if rows:
        # a results table stays one block, so each number keeps its row and column
        breaks = [b for b in breaks if b[0] not in rows]
    spans: list[tuple[int, int]] = []
    pos = 0
    for b_start, b_end in breaks:
        if b_start < pos:
            continue
        spans.append((pos, b_start))
        pos = b_end
    spans.append((pos, len(text)))
    return spans


def _table_row_breaks(text: str) -> frozenset[int]:
    """Offsets of the line breaks between two lines of a plain-text table (cells separated
    by pipes, tabs or runs of spaces)."""
    if "|" not in text and "  " not in text and "\t" not in text:
        return frozenset()
    out: set[int] = set()
    run: list[int] = []  # newlines inside the current run of table lines
    headed = False
    pos = 0
    previous_row = False
    for line in text.split("\n"):
        row = len(_TABLE_GAP.findall(line)) >= 2 or line.count("|") >= 2
        if row and previous_row:
            run.append(pos - 1)  # the newline ending the previous line
        elif not row:
            if headed:
                out.update(run)
            run, headed = [], False
        headed = headed or (row and _is_header(line))
        previous_row = row
        pos += len(line) + 1
    if headed:
        out.update(run)
    return frozenset(out)


_TABLE_GAP = re.compile(r"\S(?: {2,}|\t)(?=\S)")


def _is_header(line: str) -> bool:
    """A table's column headings: cells of words or years, at least one of them a period or a
    change column ("H1 2024 | H1 2023 | Change", "Q3 FY23   Q3 FY22"); no amounts."""
    cells = [c.strip() for c in re.split(r"\||\t| {2,}", line) if c.strip()]
    if len(cells) < 2 or any(_AMOUNT_CELL.search(c) for c in cells):
        return False
    return any(_HEADING_CELL.search(c) for c in cells)


_AMOUNT_CELL = re.compile(r"\d\.\d|\d,\d{3}")
_HEADING_CELL = guarded(
    r"(?i)^(?:q[1-4]|h[12]|fy|9m|6m|3m)\b|\b(?:19|20)\d\d$|^(?:%\s*)?(?:chg|change)\b|^y/?oy$"
)


def _ends_sentence(text: str, dot: int, next_start: int) -> bool:
    """Is the punctuation at `dot` a sentence end? Rejects abbreviations and initials."""
    if text[dot] != ".":
        return True
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[:dot])
    if not m:
        return True
    word = m.group(1).lower()
    next_word = re.match(r"[\"'“‘(\[]?([A-Za-z]+)", text[next_start:])
    starter = bool(next_word and next_word.group(1).lower() in _SENTENCE_STARTERS)
    if word in _ABBREVIATIONS:
        # "... exports to the U.S. The deficit ..." ends; "U.S. Steel" does not.
        return starter and "." in word
    return not (len(word) == 1 and word.isalpha() and text[m.start() - 1 : m.start()] in (" ", ""))


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for p_start, p_end in _paragraphs(text):
        para = text[p_start:p_end]
        if not para.strip() or is_residue(para):
            continue
        pos = 0
        for m in _SENTENCE_END.finditer(para):
            nxt = m.end() + (len(para[m.end() :]) - len(para[m.end() :].lstrip()))
            if not _ends_sentence(para, m.start(), nxt):
                continue
            _append(out, text, p_start + pos, p_start + m.end())
            pos = nxt
        _append(out, text, p_start + pos, p_end)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and not is_residue(text[start:end]):
        out.append(Sentence(start, end, text[start:end]))
