"""Reader for the Reuters-21578 SGML distribution (a real archive users hold).

The files are latin-1, not well-formed XML, and carry control-character entities, so they are
read with regular expressions over each <REUTERS> element rather than with an XML parser.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.documents import Document

_STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CONTROL_ENTITY = re.compile(r"&#(?:[0-9]|[12][0-9]|3[01]|127);")
_TRAILER = re.compile(r"\s*\bReut(?:er|e)s?\s*$", re.S)


def _field(block: str, tag: str) -> str | None:
    m = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
    return m.group(1) if m else None


def _clean(raw: str | None) -> str:
    if raw is None:
        return ""
    return html.unescape(_CONTROL_ENTITY.sub("", raw))


def _codes(block: str, tag: str) -> tuple[str, ...]:
    inner = _field(block, tag) or ""
    return tuple(d.strip() for d in re.findall(r"<D>(.*?)</D>", inner, re.S))


def parse_reuters_date(raw: str) -> dt.datetime | None:
    """`26-FEB-1987 15:01:01.79`; tolerates the corpus' malformed times by keeping the day."""
    text = " ".join(raw.split())
    m = re.match(r"(\d{1,2}-[A-Za-z]{3}-\d{4})", text)
    if not m:
        return None
    day = dt.datetime.strptime(m.group(1), "%d-%b-%Y")
    t = re.match(r"\S+ (\d{1,2}):(\d{2}):(\d{2})", text)
    if t and int(t.group(1)) < 24:
        return day.replace(hour=int(t.group(1)), minute=int(t.group(2)), second=int(t.group(3)))
    return day


@dataclass(frozen=True, slots=True)
class ReutersStory:
    newid: int
    date: dt.datetime | None
    topics: tuple[str, ...]
    places: tuple[str, ...]
    orgs: tuple[str, ...]
    title: str
    dateline: str
    body: str
    lewis_split: str

    @property
    def text(self) -> str:
        """Dateline then body: the text whose spans figures cite (the title is metadata)."""
        dateline = " ".join(self.dateline.split())
        return f"{dateline} {self.body}" if dateline else self.body

    def to_document(self, source: str = "") -> Document:
        where = f"{source}#NEWID={self.newid}" if source else f"reuters21578#NEWID={self.newid}"
        return Document.make(
            self.text,
            source=where,
            doc_id=f"reuters-{self.newid}",
            title=" ".join(self.title.split()) or None,
            published=self.date.date() if self.date else None,
        )


def parse_reuters(sgml: str) -> Iterator[ReutersStory]:
    for m in _STORY.finditer(sgml):
        attrs = dict(_ATTR.findall(m.group(1)))
        block = m.group(2)
        body = _clean(_field(block, "BODY"))
        body = _TRAILER.sub("", body.rstrip()).rstrip()
        raw_date = _field(block, "DATE")
        yield ReutersStory(
            newid=int(attrs.get("NEWID", "0")),
            date=parse_reuters_date(raw_date) if raw_date else None,
            topics=_codes(block, "TOPICS"),
            places=_codes(block, "PLACES"),
            orgs=_codes(block, "ORGS"),
            title=_clean(_field(block, "TITLE")).strip(),
            dateline=_clean(_field(block, "DATELINE")).strip(),
            body=body,
            lewis_split=attrs.get("LEWISSPLIT", ""),
        )


def read_reuters_file(path: str | Path) -> Iterator[ReutersStory]:
    """One .sgm file; latin-1 because the distribution holds one stray non-ASCII byte."""
    path = Path(path)
    yield from parse_reuters(path.read_text(encoding="latin-1"))


def is_reuters_sgml(path: str | Path) -> bool:
    path = Path(path)
    if path.suffix.lower() != ".sgm":
        return False
    with path.open("rb") as fh:
        head = fh.read(4096)
    return b"<REUTERS" in head
