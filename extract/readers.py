"""Documents from what users hold: files, folders, JSON lines, HTML pages, Reuters SGML, stdin.

Reading is the edge where bad input arrives, so every problem becomes a `ReadError` naming the
input instead of an exception: one bad file never stops a folder. The parsers that turn bytes
into documents (`document_from_html`, `document_from_json`, `parse_published`) are pure and raise
`ValueError` with a message fit to show a user; the file-walking functions wrap them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from extract.documents import Document, normalise_text

STDIN = "-"
STDIN_SOURCE = "<stdin>"
SIDECAR_SUFFIX = ".meta.json"

# What each file extension holds; anything else is refused by name.
FORMATS: Mapping[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".sgm": "reuters",
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(FORMATS)

# Metadata fields read from a sidecar or a JSON line, and the record key each fills.
_META_FIELDS: Mapping[str, str] = {
    "id": "doc_id",
    "doc_id": "doc_id",
    "title": "title",
    "url": "url",
    "published": "published",
}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SNIFF_BYTES = 8192
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input that gave no document, with a message a user can act on."""

    input: str
    message: str

    def __str__(self) -> str:
        return f"{self.input}: {self.message}"


ReadResult = Document | ReadError


# --- pure parsers -------------------------------------------------------------------------------


def _has_text(text: str) -> bool:
    """Anything left once the stored form drops a BOM and whitespace?"""
    return bool(normalise_text(text).strip())


def parse_published(value: str) -> dt.date:
    """A publication date: YYYY-MM-DD, or an ISO datetime whose date part is taken as written
    (the local day of publication, not converted to UTC). Anything looser is refused, because a
    wrong date silently shifts every relative period ("last year") in the document."""
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r} (want YYYY-MM-DD)")
    text = value.strip()
    if not _ISO_DATE.fullmatch(text[:10]) or (len(text) > 10 and text[10] not in "T "):
        raise ValueError(f"not a date: {value!r} (want YYYY-MM-DD)")
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    except ValueError as exc:
        raise ValueError(f"not a valid date: {value!r} ({exc})") from exc


def decode_text(data: bytes) -> str:
    """Text bytes to str: UTF-8 (a BOM is fine) or UTF-16 with a BOM. Never guesses or replaces:
    a wrong byte is an error, so a cited span always matches the file."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"not valid UTF-16 despite its byte-order mark ({exc.reason})"
            ) from exc
    if b"\x00" in data:
        raise ValueError("binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start : exc.start + 1].hex()
        raise ValueError(
            f"not valid UTF-8 (byte 0x{byte} at offset {exc.start}); save the file as UTF-8"
        ) from exc


def _meta_value(record: Mapping[str, Any], key: str) -> Any:
    """One metadata field, type-checked; empty strings count as missing."""
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    target = _META_FIELDS[key]
    if target == "published":
        if not isinstance(value, str):
            raise ValueError(f'"{key}" must be a date string YYYY-MM-DD, not {value!r}')
        try:
            return parse_published(value)
        except ValueError as exc:
            raise ValueError(f'"{key}": {exc}') from exc
    if target == "doc_id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be a string, not {type(value).__name__}')
    return value.strip()


def _metadata(record: Mapping[str, Any]) -> dict[str, Any]:
    """The document fields a sidecar or JSON record sets (absent keys are left out)."""
    out: dict[str, Any] = {}
    for key, target in _META_FIELDS.items():
        value = _meta_value(record, key)
        if value is not None:
            out.setdefault(target, value)
    return out


def document_from_json(
    record: Mapping[str, Any], *, source: str, line: int | None = None
) -> Document:
    """One JSON-lines record {"id", "text", "title", "url", "published"} as a document.

    `source` names the file; the document's own source is its URL when it has one (that is what
    a citation should link to), else the file and the record's id or line.
    """
    if not isinstance(record, Mapping):
        raise ValueError(f"a record must be a JSON object, not {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise ValueError('missing "text"')
    if not isinstance(text, str):
        raise ValueError(f'"text" must be a string, not {type(text).__name__}')
    if not _has_text(text):
        raise ValueError('"text" is empty')
    meta = _metadata(record)
    doc_id = meta.get("doc_id")
    if meta.get("url"):
        where = meta["url"]
    elif doc_id:
        where = f"{source}#{doc_id}"
    elif line is not None:
        where = f"{source}:{line}"
    else:
        where = source
    return Document.make(
        text,
        source=where,
        doc_id=doc_id,
        title=meta.get("title"),
        url=meta.get("url"),
        published=meta.get("published"),
    )


def document_from_html(
    html: str | bytes,
    *,
    url: str | None = None,
    source: str | None = None,
    published: dt.date | None = None,
) -> Document:
    """The article in an HTML page, by trafilatura, with its title and date from the markup.

    Comments, tables and page furniture are dropped; paragraphs stay one a line. The stored text
    is exactly `trafilatura.extract(html, include_comments=False, include_tables=False)`, so
    figures' spans cite what trafilatura returns. The date comes from markup only (meta tags,
    <time>, JSON-LD), never guessed from the prose; `published` fills in when there is none.
    Nothing is fetched: `url` is only recorded.
    """
    if isinstance(html, bytes) and b"\x00" in html and not html.startswith(_UTF16_BOMS):
        raise ValueError("binary file, not HTML (it contains NUL bytes)")
    if not html.strip():
        raise ValueError("empty HTML")
    import trafilatura  # heavy: loaded on first use only

    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as exc:  # trafilatura and lxml raise many types on broken markup
        raise ValueError(f"could not parse the HTML ({type(exc).__name__}: {exc})") from exc
    text = getattr(result, "text", None) if result is not None else None
    if not text or not _has_text(text):
        raise ValueError("no article text found in the HTML")
    text = unicodedata.normalize("NFC", text)
    date: dt.date | None = None
    raw_date = getattr(result, "date", None)
    if raw_date:
        try:
            date = parse_published(raw_date)
        except ValueError:
            date = None
    return Document.make(
        text,
        source=source or url or "",
        title=getattr(result, "title", None),
        url=url or getattr(result, "url", None),
        published=date or published,
    )


# --- files --------------------------------------------------------------------------------------


def sidecar_path(path: Path) -> Path:
    """`NAME.meta.json` beside `NAME.txt` (or `NAME.html`, `NAME.md`)."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def _read_sidecar(path: Path) -> dict[str, Any]:
    """Metadata from the sidecar beside `path`, or {} when there is none."""
    car = sidecar_path(path)
    if not car.is_file():
        return {}
    try:
        data = car.read_bytes()
    except OSError as exc:
        raise ValueError(f"sidecar {car.name}: {_os_reason(exc)}") from exc
    try:
        record = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"sidecar {car.name}: not valid UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"sidecar {car.name}: invalid JSON ({exc})") from exc
    if not isinstance(record, dict):
        raise ValueError(f"sidecar {car.name}: must be a JSON object")
    try:
        return _metadata(record)
    except ValueError as exc:
        raise ValueError(f"sidecar {car.name}: {exc}") from exc


def _os_reason(exc: OSError) -> str:
    reasons = {
        FileNotFoundError: "no such file or folder",
        PermissionError: "permission denied",
        IsADirectoryError: "is a folder",
    }
    for kind, reason in reasons.items():
        if isinstance(exc, kind):
            return reason
    return exc.strerror or str(exc)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValueError(_os_reason(exc)) from exc


def _nonempty(data: bytes, what: str = "file") -> None:
    if not data:
        raise ValueError(f"empty {what}")


def _text_document(path: Path, name: str, published: dt.date | None) -> Document:
    data = _read_bytes(path)
    _nonempty(data)
    text = decode_text(data)
    if not _has_text(text):
        raise ValueError("no text: the file holds only whitespace")
    meta = _read_sidecar(path)
    return Document.make(
        text,
        source=name,
        doc_id=meta.get("doc_id"),
        title=meta.get("title"),
        url=meta.get("url"),
        published=meta.get("published") or published,
    )


def _html_document(path: Path, name: str, published: dt.date | None) -> Document:
    data = _read_bytes(path)
    _nonempty(data)
    meta = _read_sidecar(path)
    doc = document_from_html(data, url=meta.get("url"), source=name, published=published)
    return Document.make(
        doc.text,
        source=name,
        doc_id=meta.get("doc_id"),
        title=meta.get("title") or doc.title,
        url=meta.get("url") or doc.url,
        published=meta.get("published") or doc.published,
    )


def _jsonl_documents(path: Path, name: str, published: dt.date | None) -> Iterator[ReadResult]:
    """Streamed line by line: a bad line is reported as `file:line`, the rest still read."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise ValueError(_os_reason(exc)) from exc
    with fh:
        head = fh.read(_SNIFF_BYTES)
        if b"\x00" in head:
            raise ValueError("binary file, not JSON lines (it contains NUL bytes)")
        fh.seek(0)
        seen: dict[str, int] = {}
        any_line = False
        for number, raw in enumerate(fh, start=1):
            where = f"{name}:{number}"
            if not raw.strip():
                continue
            any_line = True
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                yield ReadError(where, "not valid UTF-8")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadError(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            try:
                doc = document_from_json(record, source=name, line=number)
            except ValueError as exc:
                yield ReadError(where, str(exc))
                continue
            if doc.doc_id in seen and (record.get("id") or record.get("doc_id")):
                yield ReadError(
                    where, f"duplicate id {doc.doc_id!r} (first on line {seen[doc.doc_id]})"
                )
                continue
            seen.setdefault(doc.doc_id, number)
            yield doc if doc.published or not published else doc.with_published(published)
        if not any_line:
            raise ValueError("empty file")


def _reuters_documents(path: Path, name: str, published: dt.date | None) -> Iterator[ReadResult]:
    from extract.reuters import is_reuters_sgml, read_reuters_file

    try:
        reuters = is_reuters_sgml(path)
    except OSError as exc:
        raise ValueError(_os_reason(exc)) from exc
    if not reuters:
        raise ValueError("not a Reuters-21578 SGML file (no <REUTERS> element at its start)")
    stories = 0
    with_body = 0
    for story in read_reuters_file(path):
        stories += 1
        if not story.body.strip():
            continue
        with_body += 1
        doc = story.to_document(source=name)
        yield doc if doc.published or not published else doc.with_published(published)
    if not stories:
        raise ValueError("no <REUTERS> stories found")
    if not with_body:
        raise ValueError(f"none of its {stories} stories has a <BODY> (headlines only)")


def _single(
    build: Callable[[Path, str, dt.date | None], Document],
) -> Callable[[Path, str, dt.date | None], Iterator[ReadResult]]:
    def read(path: Path, name: str, published: dt.date | None) -> Iterator[ReadResult]:
        yield build(path, name, published)

    return read


_READERS: Mapping[str, Callable[[Path, str, dt.date | None], Iterator[ReadResult]]] = {
    "text": _single(_text_document),
    "html": _single(_html_document),
    "jsonl": _jsonl_documents,
    "reuters": _reuters_documents,
}


def _unsupported(path: Path) -> str:
    supported = ", ".join(SUPPORTED_SUFFIXES)
    if is_sidecar(path):
        return "is a metadata sidecar; give the document beside it instead"
    if not path.suffix:
        return f"no file extension, so its format is unknown (supported: {supported})"
    return f"unsupported file type {path.suffix!r} (supported: {supported})"


def _iter_file(path: Path, name: str, published: dt.date | None) -> Iterator[ReadResult]:
    """One file's documents; whatever goes wrong ends as a ReadError, after the documents
    already read from it."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None or is_sidecar(path):
        yield ReadError(name, _unsupported(path))
        return
    try:
        yield from _READERS[kind](path, name, published)
    except ValueError as exc:
        yield ReadError(name, str(exc))
    except OSError as exc:
        yield ReadError(name, _os_reason(exc))
    except Exception as exc:  # a reader bug must not stop the other inputs
        yield ReadError(name, f"could not read ({type(exc).__name__}: {exc})")


def read_file(path: Path, *, published: dt.date | None = None) -> list[ReadResult]:
    """Every document in one file (a folder is walked as by `iter_documents`)."""
    return list(iter_documents([path], published=published))


def folder_files(folder: Path, onerror: Callable[[OSError], None] | None = None) -> list[Path]:
    """Supported files under `folder`, sorted by relative path; hidden files and folders and
    sidecars skipped. Refresh uses the same list to know which files a folder source holds."""
    found: list[tuple[tuple[str, ...], Path]] = []
    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(root)
        for file in files:
            candidate = base / file
            if file.startswith(".") or is_sidecar(candidate):
                continue
            if candidate.suffix.lower() in FORMATS:
                found.append((candidate.relative_to(folder).parts, candidate))
    return [path for _, path in sorted(found)]


def _walk(folder: Path, name: str) -> Iterator[tuple[Path, str] | ReadError]:
    errors: list[ReadError] = []

    def onerror(exc: OSError) -> None:
        where = exc.filename or name
        errors.append(ReadError(str(where), _os_reason(exc)))

    found = folder_files(folder, onerror)
    yield from errors
    if not found and not errors:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        yield ReadError(name, f"no documents in this folder (looked for {supported})")
    for candidate in found:
        yield candidate, os.path.join(name, *candidate.relative_to(folder).parts)


def _read_stdin(stdin: TextIO, published: dt.date | None) -> ReadResult:
    buffer = getattr(stdin, "buffer", None)
    try:
        if buffer is not None:
            data = buffer.read()
            if not data:
                raise ValueError("standard input is empty")
            text = decode_text(data)
        else:
            text = stdin.read()
    except (OSError, UnicodeDecodeError) as exc:
        return ReadError(STDIN, f"could not read standard input ({exc})")
    except ValueError as exc:
        return ReadError(STDIN, str(exc))
    if not _has_text(text):
        return ReadError(STDIN, "standard input holds no text")
    return Document.make(text, source=STDIN_SOURCE, published=published)


def _as_published(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    """The caller's fallback date as a plain date (a datetime's day; a string strictly)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_published(value)


def iter_documents(
    inputs: Sequence[str | Path],
    *,
    published: dt.date | None = None,
    stdin: TextIO | None = None,
) -> Iterator[ReadResult]:
    """Documents from files, folders (recursive) and `-` (standard input), in order, streamed.

    Never raises for bad input: each problem is a ReadError naming the file (or `file:line`)
    and the other inputs are still read. `published` fills in documents that carry no date of
    their own; a date from a sidecar, a JSON record or the HTML markup wins over it.
    """
    published = _as_published(published)
    stdin_read = False
    for item in inputs:
        name = str(item)
        if name == STDIN:
            if stdin_read:
                yield ReadError(STDIN, "standard input was already read")
                continue
            stdin_read = True
            yield _read_stdin(stdin if stdin is not None else sys.stdin, published)
            continue
        path = Path(item)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            yield ReadError(name, _os_reason(exc))
            continue
        if not exists:
            yield ReadError(name, "no such file or folder")
        elif is_dir:
            for entry in _walk(path, name):
                if isinstance(entry, ReadError):
                    yield entry
                else:
                    yield from _iter_file(entry[0], entry[1], published)
        else:
            yield from _iter_file(path, name, published)
