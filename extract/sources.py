"""`sources.toml`: where the news comes from, and the fetch settings used to get it.

```toml
[fetch]                      # optional; these are the defaults
timeout = 20                 # seconds per request
max_bytes = 10_000_000       # pages larger than this are refused
retries = 3                  # on timeouts, connection errors, 429 and 5xx, with back-off

[sources.reuters]
kind = "folder"              # .txt/.md/.html/.jsonl (+ .meta.json sidecars) and Reuters .sgm
path = "/data/reuters21578"

[sources.central-bank]
kind = "feed"                # RSS or Atom; the article behind each entry is fetched
url = "https://example.org/press/rss.xml"

[sources.watchlist]
kind = "urls"                # pages fetched one by one
urls = ["https://example.org/a.html", "https://example.org/b.html"]
```

`figures sources add/remove` edit the file as text, so comments and layout written by hand stay.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.fetch import FetchError, FetchSettings, check_url
from extract.schema import as_date

DEFAULT_CONFIG = "sources.toml"
KINDS = ("folder", "urls", "feed")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
# Options each kind accepts beside `kind`; anything else is a typo the user should hear about.
_OPTIONS: Mapping[str, frozenset[str]] = {
    "folder": frozenset({"path", "published", "enabled"}),
    "urls": frozenset({"urls", "file", "enabled"}),
    "feed": frozenset({"url", "fetch_articles", "max_entries", "revalidate_articles", "enabled"}),
}


class SourcesError(ValueError):
    """A sources.toml that cannot be used, with the file and the problem named."""


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    path: str | None = None  # folder
    url: str | None = None  # feed
    urls: tuple[str, ...] = ()  # urls
    file: str | None = None  # urls: a file of URLs, one a line
    published: dt.date | None = None  # folder: date for documents that carry none
    fetch_articles: bool = True  # feed: fetch each entry's link (else use its summary)
    max_entries: int | None = None  # feed: newest N entries only
    # feed: ask for every stored article again (conditionally: 304 when unchanged), not only
    # those whose feed entry changed, to catch pages corrected without a new entry date
    revalidate_articles: bool = False
    enabled: bool = True

    @property
    def location(self) -> str:
        if self.kind == "folder":
            return self.path or ""
        if self.kind == "feed":
            return self.url or ""
        return self.file or ", ".join(self.urls)

    def url_list(self, base: Path | None = None) -> list[str]:
        """The URLs of a `urls` source: inline ones, then those in its file."""
        urls = list(self.urls)
        if self.file:
            path = Path(self.file)
            if base is not None and not path.is_absolute():
                path = base / path
            try:
                lines = path.read_text(encoding="utf-8-sig").splitlines()
            except OSError as exc:
                raise SourcesError(
                    f"source {self.name!r}: cannot read URL file {path}: {exc.strerror}"
                ) from exc
            urls.extend(s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#"))
        return list(dict.fromkeys(urls))

    def to_toml(self) -> str:
        values: dict[str, Any] = {"kind": self.kind}
        for name in ("path", "url", "file", "published", "max_entries"):
            value = getattr(self, name)
            if value is not None:
                values[name] = value
        if self.urls:
            values["urls"] = list(self.urls)
        if not self.fetch_articles:
            values["fetch_articles"] = False
        if self.revalidate_articles:
            values["revalidate_articles"] = True
        if not self.enabled:
            values["enabled"] = False
        key = self.name if re.fullmatch(r"[A-Za-z0-9_-]+", self.name) else json.dumps(self.name)
        lines = [f"[sources.{key}]"]
        lines.extend(f"{key} = {_toml_value(value)}" for key, value in values.items())
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class SourcesConfig:
    path: Path
    sources: tuple[Source, ...] = ()
    fetch: FetchSettings = field(default_factory=FetchSettings)

    def get(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)

    @property
    def base(self) -> Path:
        """Relative paths in the file are relative to the file's folder."""
        return self.path.parent


def config_path(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get("FIGURES_CONFIG") or DEFAULT_CONFIG).expanduser()


def load_sources(path: str | Path | None = None) -> SourcesConfig:
    """The configuration at `path`; a missing file is an empty configuration."""
    path = config_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return SourcesConfig(path=path)
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read ({exc.strerror})") from exc
    return parse_sources(text, path)


def parse_sources(text: str, path: Path) -> SourcesConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML ({exc})") from exc
    unknown = set(data) - {"sources", "fetch"}
    if unknown:
        raise SourcesError(f"{path}: unknown table(s) {', '.join(sorted(unknown))}")
    table = data.get("sources", {})
    if not isinstance(table, dict):
        raise SourcesError(f"{path}: `sources` must be a table of [sources.NAME] tables")
    sources = tuple(_source(name, spec, path) for name, spec in table.items())
    return SourcesConfig(path=path, sources=sources, fetch=_fetch_settings(data.get("fetch"), path))


def _source(name: str, spec: Any, path: Path) -> Source:
    where = f"{path}: source {name!r}"
    if not _NAME.match(name):
        raise SourcesError(f"{where}: names are letters, digits, '.', '_' and '-'")
    if not isinstance(spec, dict):
        raise SourcesError(f"{where}: must be a table")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise SourcesError(f"{where}: kind must be one of {', '.join(KINDS)} (got {kind!r})")
    unknown = set(spec) - _OPTIONS[kind] - {"kind"}
    if unknown:
        allowed = ", ".join(sorted(_OPTIONS[kind]))
        raise SourcesError(
            f"{where}: unknown option(s) {', '.join(sorted(unknown))} for a {kind} (use {allowed})"
        )
    enabled = spec.get("enabled", True)
    if not isinstance(enabled, bool):
        raise SourcesError(f"{where}: enabled must be true or false")
    if kind == "folder":
        folder = spec.get("path")
        if not isinstance(folder, str) or not folder.strip():
            raise SourcesError(f'{where}: a folder needs path = "..."')
        try:
            published = as_date(spec.get("published"))
        except ValueError as exc:
            raise SourcesError(f"{where}: published: {exc}") from exc
        return Source(name, kind, path=folder, published=published, enabled=enabled)
    if kind == "feed":
        url = spec.get("url")
        if not isinstance(url, str):
            raise SourcesError(f'{where}: a feed needs url = "https://..."')
        _check(url, where)
        fetch_articles = spec.get("fetch_articles", True)
        revalidate = spec.get("revalidate_articles", False)
        max_entries = spec.get("max_entries")
        if not isinstance(fetch_articles, bool):
            raise SourcesError(f"{where}: fetch_articles must be true or false")
        if not isinstance(revalidate, bool):
            raise SourcesError(f"{where}: revalidate_articles must be true or false")
        if max_entries is not None and (not isinstance(max_entries, int) or max_entries < 1):
            raise SourcesError(f"{where}: max_entries must be a positive integer")
        return Source(
            name,
            kind,
            url=url.strip(),
            fetch_articles=fetch_articles,
            max_entries=max_entries,
            revalidate_articles=revalidate,
            enabled=enabled,
        )
    urls = spec.get("urls", [])
    file = spec.get("file")
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise SourcesError(f"{where}: urls must be a list of strings")
    if file is not None and not isinstance(file, str):
        raise SourcesError(f"{where}: file must be a path")
    if not urls and not file:
        raise SourcesError(f'{where}: a urls source needs urls = [...] or file = "..."')
    for url in urls:
        _check(url, where)
    return Source(name, kind, urls=tuple(u.strip() for u in urls), file=file, enabled=enabled)


def _check(url: str, where: str) -> None:
    try:
        check_url(url)
    except FetchError as exc:
        raise SourcesError(f"{where}: {exc}") from exc


def _fetch_settings(spec: Any, path: Path) -> FetchSettings:
    if spec is None:
        return FetchSettings()
    if not isinstance(spec, dict):
        raise SourcesError(f"{path}: [fetch] must be a table")
    known = {f.name: f for f in dataclasses.fields(FetchSettings)}
    unknown = set(spec) - set(known)
    if unknown:
        raise SourcesError(
            f"{path}: unknown [fetch] option(s) {', '.join(sorted(unknown))} "
            f"(use {', '.join(sorted(known))})"
        )
    defaults = FetchSettings()
    values: dict[str, Any] = {}
    for key, value in spec.items():
        want = type(getattr(defaults, key))
        if want is bool:
            if not isinstance(value, bool):
                raise SourcesError(f"{path}: [fetch] {key} must be true or false")
            values[key] = value
            continue
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, want) or isinstance(value, bool):
            raise SourcesError(f"{path}: [fetch] {key} must be a {want.__name__}")
        if want is not str and value < 0:
            raise SourcesError(f"{path}: [fetch] {key} must not be negative")
        values[key] = value
    return FetchSettings(**values)


# --- editing the file ------------------------------------------------------------------------


def add_source(path: str | Path | None, source: Source) -> SourcesConfig:
    """Append `source` to the file (created if missing); the name must be new."""
    path = config_path(path)
    config = load_sources(path)
    if config.get(source.name) is not None:
        raise SourcesError(f"{path}: a source named {source.name!r} already exists")
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    text += ("\n" if text.strip() else "") + source.to_toml()
    new = parse_sources(text, path)  # refuse to write anything that would not load back
    if new.get(source.name) != source:
        raise SourcesError(f"{path}: source {source.name!r} does not round-trip; not written")
    _write_atomic(path, text)
    return new


def remove_source(path: str | Path | None, name: str) -> SourcesConfig:
    """Delete the `[sources.NAME]` table (and its sub-tables) from the file, keeping the rest."""
    path = config_path(path)
    config = load_sources(path)
    if config.get(name) is None:
        known = ", ".join(s.name for s in config.sources) or "none"
        raise SourcesError(f"{path}: no source named {name!r} (sources: {known})")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out: list[str] = []
    skipping = False
    for line in lines:
        header = _TABLE_HEADER.match(line)
        if header:
            skipping = _header_names_source(header.group(1), name)
        if not skipping:
            out.append(line)
    text = "".join(out)
    new = parse_sources(text, path)
    if new.get(name) is not None or len(new.sources) != len(config.sources) - 1:
        raise SourcesError(f"{path}: could not remove {name!r} cleanly; edit the file by hand")
    _write_atomic(path, text)
    return new


_HEADER = (
    "# Sources for `figures refresh` (see docs/store.md). Edit freely or use `figures sources`.\n"
)
_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _header_names_source(key: str, name: str) -> bool:
    parts = [
        p.strip().strip("\"'")
        for p in re.split(r"\.(?=(?:[^\"']*[\"'][^\"']*[\"'])*[^\"']*$)", key)
    ]
    return len(parts) >= 2 and parts[0] == "sources" and parts[1] == name


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string
    if isinstance(value, Sequence):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} to TOML")


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
