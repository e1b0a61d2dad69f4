"""The view's state as a URL query, so a copied link reopens the same view.

`?series=KEY&series=KEY2&from=2021-01-01&to=2023-12-31&transform=pct&log=1` (OWID-style: readable,
over-specified on purpose). Anything unreadable in a hand-edited link is ignored, not fatal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from extract.schema import as_date

TRANSFORMS = ("level", "pct")


@dataclass(frozen=True, slots=True)
class ViewState:
    series: tuple[str, ...] = field(default_factory=tuple)
    since: dt.date | None = None
    until: dt.date | None = None
    transform: str = "level"
    log: bool = False


def _date(values: list[str]) -> dt.date | None:
    try:
        return as_date(values[0]) if values else None
    except ValueError:
        return None


def parse_query(search: str | None) -> ViewState:
    params = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    series = tuple(dict.fromkeys(s for s in params.get("series", []) if s.strip()))
    transform = (params.get("transform") or ["level"])[0]
    since, until = _date(params.get("from", [])), _date(params.get("to", []))
    if since and until and since > until:
        since, until = until, since
    return ViewState(
        series=series,
        since=since,
        until=until,
        transform=transform if transform in TRANSFORMS else "level",
        log=(params.get("log") or ["0"])[0].lower() in ("1", "true", "yes"),
    )


def to_query(state: ViewState) -> str:
    pairs: list[tuple[str, str]] = [("series", key) for key in state.series]
    if state.since:
        pairs.append(("from", state.since.isoformat()))
    if state.until:
        pairs.append(("to", state.until.isoformat()))
    if state.transform != "level":
        pairs.append(("transform", state.transform))
    if state.log:
        pairs.append(("log", "1"))
    return "?" + urlencode(pairs) if pairs else ""
