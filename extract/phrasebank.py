"""Reader for the Financial PhraseBank (Malo et al. 2014): one labelled sentence a line.

Files are `sentence@label` lines in latin-1. Each sentence becomes its own document with no
publication date (the corpus has none) and an id derived from the sentence alone, so the same
sentence gets the same id in every agreement file (AllAgree is a subset of 75Agree, and so on).
The sentiment label is handed back beside the document for evaluations that want it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from extract.documents import Document

LABELS = frozenset({"positive", "neutral", "negative"})
ENCODING = "latin-1"
ID_PREFIX = "fpb-"


def phrasebank_id(sentence: str) -> str:
    """Stable id: `fpb-` and the first 10 hex digits of the sentence's SHA-1, the ids the gold
    sets in tests/data use, so extractions and gold join on doc_id."""
    return ID_PREFIX + hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:10]


def parse_line(line: str, *, where: str = "") -> tuple[str, str]:
    """`sentence@label` to (sentence, label); the label is after the last `@`, since sentences
    may hold one themselves."""
    sentence, sep, label = line.rstrip("\r\n").rpartition("@")
    label = label.strip().lower()
    prefix = f"{where}: " if where else ""
    if not sep or label not in LABELS:
        raise ValueError(
            f"{prefix}not a PhraseBank line (want 'sentence@positive|neutral|negative'): "
            f"{line.strip()[:80]!r}"
        )
    sentence = sentence.strip()
    if not sentence:
        raise ValueError(f"{prefix}empty sentence")
    return sentence, label


def iter_phrasebank(path: str | Path) -> Iterator[tuple[Document, str]]:
    """Every (document, label) in a PhraseBank file, in file order, blank lines skipped.

    Repeated sentences are yielded each time (the 50Agree file repeats a few, twice with
    different labels); they share one doc_id, so a store keeps one copy. A malformed line
    raises ValueError naming `file:line`.
    """
    path = Path(path)
    with path.open(encoding=ENCODING, newline="") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            sentence, label = parse_line(line, where=f"{path}:{number}")
            doc = Document.make(sentence, source=f"{path}:{number}", doc_id=phrasebank_id(sentence))
            yield doc, label


def phrasebank_documents(path: str | Path) -> Iterator[Document]:
    """The documents of a PhraseBank file without labels, each distinct sentence once."""
    seen: set[str] = set()
    for doc, _label in iter_phrasebank(path):
        if doc.doc_id not in seen:
            seen.add(doc.doc_id)
            yield doc
