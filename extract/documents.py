"""The document record: the text whose spans figures cite, with its metadata."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace

from extract.schema import as_date


def make_doc_id(source: str, text: str) -> str:
    """Documents without a given id are named by their source and text, so re-reads agree."""
    digest = hashlib.sha256(f"{source}\x1f{text}".encode()).hexdigest()
    return digest[:16]


def normalise_text(text: str) -> str:
    """The stored text: newlines unified and a leading BOM dropped; nothing else is touched,
    so spans cite exactly what the reader sees."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str
    source: str = ""
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None

    @classmethod
    def make(
        cls,
        text: str,
        *,
        source: str = "",
        doc_id: str | None = None,
        title: str | None = None,
        url: str | None = None,
        published: dt.date | dt.datetime | str | None = None,
    ) -> Document:
        text = normalise_text(text)
        source = source or url or ""
        return cls(
            doc_id=doc_id or make_doc_id(source, text),
            text=text,
            source=source,
            title=title.strip() if title and title.strip() else None,
            url=url or None,
            published=as_date(published),
        )

    def with_published(self, published: dt.date | None) -> Document:
        return replace(self, published=published)
