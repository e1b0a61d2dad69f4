"""Results tables in running text: which row label and which column header a number sits under.

Press releases print their key figures as a plain-text grid::

    (in millions, except per share data)      Q3 FY23      Q3 FY22
    Net sales                                  $4,870       $5,012
    Gross margin rate                           31.8%        30.2%

A number in such a grid belongs to its row (the measure) and its column (the period, or a
change column such as "Change" or "y/y"). Columns are cells separated by two or more spaces or a
tab, so prose is never read as a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.patterns import guarded


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a number stands in a table: its row label and its column header (or "")."""

    label: str
    header: str
    change: bool  # the column holds changes ("Change", "% chg", "y/y")


def table_cells(raw: str) -> dict[int, Cell]:
    """Start offset of each numeric cell in the grid rows of `raw` -> its cell."""
    if "\n" not in raw or not (_GAP.search(raw) or "|" in raw):
        return {}
    out: dict[int, Cell] = {}
    header: list[tuple[int, int, str]] = []
    pos = 0
    for line in raw.split("\n"):
        cells = _cells(line, pos)
        pos += len(line) + 1
        if len(cells) < 2:
            continue
        first = cells[0][2]
        numeric = [c for c in cells if _NUMERIC.fullmatch(c[2])]
        if not _NUMERIC.fullmatch(first) and len(numeric) == len(cells) - 1:
            columns = header[-len(numeric) :] if len(header) >= len(numeric) else []
            label = _LABEL_NOISE.sub("", first).strip()
            for k, (start, _, _) in enumerate(numeric):
                head = columns[k][2] if columns else ""
                out[start] = Cell(label, head, bool(_CHANGE_HEADER.search(head)))
        elif not numeric or _HEADER_CELL.search(line):
            header = [c for c in cells if not _UNIT_NOTE.fullmatch(c[2])]
    return out


def _cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of the cells of a line: runs separated by 2+ spaces or a tab, or
    by pipes ("Group sales | 8,420 | 8,175 | +7")."""
    cells = []
    for m in (_PIPE_CELL if "|" in line else _CELL).finditer(line):
        text = m.group().strip()
        if text:
            lead = len(m.group()) - len(m.group().lstrip())
            cells.append((offset + m.start() + lead, offset + m.start() + lead + len(text), text))
    return cells


_GAP = re.compile(r"\S(?: {2,}|\t)\S")
_CELL = re.compile(r"\S(?:[^\t ]| (?! ))*")
_PIPE_CELL = re.compile(r"[^|]+")
_NUMERIC = re.compile(
    r"[-+−(]?\s?(?:[$€£¥]|[A-Z]{1,3}\$)?\s?\d[\d,.]*\)?\s?(?:%|pp|bp|x|pts?)?|n/?a|nm|-+|—"
)
_HEADER_CELL = guarded(
    r"(?i)\b(?:q[1-4]|h[12]|fy\s?'?\d{2,4}|20\d\d|19\d\d|9m|quarter|year|change|chg|y/y|yoy)\b"
)
_CHANGE_HEADER = guarded(r"(?i)\b(?:change|chg|y/y|yoy|q/q|growth|var\.?|diff)\b|%\s*ch")
_UNIT_NOTE = re.compile(r"(?i)\(.*\)")
_LABEL_NOISE = re.compile(r"\s*\((?:[^)]{0,12})\)\s*$")
