"""The unit lexicon: scales, currencies, percent words, physical units and qualifiers.

The knowledge lives in `extract/data/units.json`; quantulum3's unit catalogue fills in the long
tail of physical units by name ("nautical miles", "pascals"). Everything is compiled once, on
first use, into dictionaries and a few regular expressions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extract.patterns import guarded


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """What a unit surface means: our unit symbol and kind, a scale it implies ("bcm" = 1e9 m3),
    and, for words shared by currencies of several countries, the family to resolve later."""

    unit: str
    kind: str
    scale: float = 1.0
    family: str | None = None
    minor: bool = False  # cents, pence: value is in hundredths of `unit`


# Words whose bare use after a number is too often something else to take as a currency.
_RISKY_CURRENCY_WORDS = frozenset(
    {
        "sum",
        "som",
        "real",
        "lev",
        "lei",
        "dram",
        "dong",
        "mark",
        "punt",
        "buck",
        "c",
        "p",
        "sen",
        "fen",
    }
)
# Names in quantulum3's catalogue that are ordinary words or people in news text.
_QUANTULUM_BLOCKED = frozenset(
    """drop drops span spans pond ponds quad quads quartet quartets league leagues franklin
    franklins faraday faradays dalton daltons barn barns nucleotide nucleotides peck pecks foots
    celsiuses fahrenheits centigrades nibble nibbles tetrad tetrads tetrade tetrades rutherford
    rutherfords hartree hartrees kelvins pferdestarke pferdestarkes""".split()
)
_ENTITY_KINDS = {
    "length": "length",
    "area": "area",
    "volume": "volume",
    "mass": "mass",
    "energy": "energy",
    "power": "power",
    "time": "time",
}
_QUANTULUM_ENTITIES = frozenset(
    {
        "length",
        "area",
        "volume",
        "mass",
        "energy",
        "power",
        "speed",
        "temperature",
        "data storage",
        "pressure",
        "force",
        "frequency",
        "data transfer rate",
        "volumetric flow",
        "radioactivity",
        "current",
        "electric potential",
        "charge",
        "torque",
        "sound level",
        "angle",
    }
)


def _plurals(word: str) -> list[str]:
    """Forms of a unit word: as given, plus the regular plurals of its last word."""
    out = [word]
    head, _, last = word.rpartition(" ")
    pre = f"{head} " if head else ""
    if last.endswith("y") and not last.endswith(("ay", "ey", "oy")):
        out.append(f"{pre}{last[:-1]}ies")
    elif last.endswith(("s", "x", "ch", "sh")):
        out.append(f"{pre}{last}es")
    else:
        out.append(f"{pre}{last}s")
    return out


def norm(surface: str) -> str:
    """Lookup key of a surface: lower case, single spaces, no dots or hyphens between words."""
    s = surface.lower().replace("-", " ").replace(".", " ")
    return " ".join(s.split())


@dataclass(frozen=True, slots=True)
class Lexicon:
    scales: dict[str, float]
    ambiguous_scales: frozenset[str]
    prefix_currencies: dict[str, str]  # exact symbol/code -> ISO
    words: dict[str, UnitInfo]  # norm(surface) -> info, case-insensitive surfaces
    symbols: dict[str, UnitInfo]  # exact surface -> info, case-sensitive
    families: dict[str, dict]
    per_units: dict[str, str]
    qualifiers: dict[str, str]  # norm(phrase) -> qualifier
    prefix_re: re.Pattern[str]
    scale_re: re.Pattern[str]
    qualifier_re: re.Pattern[str]


def _alternation(surfaces: list[str]) -> str:
    parts = []
    for s in sorted(set(surfaces), key=len, reverse=True):
        words = [re.escape(w) for w in s.split()]
        parts.append(r"[\s-]+".join(words) if len(words) > 1 else words[0])
    return "|".join(parts)


def _quantulum_units() -> dict[str, UnitInfo]:
    """Word surfaces of quantulum3's unit catalogue, minus common English words."""
    base = resources.files("quantulum3")
    try:
        units = json.loads((base / "units.json").read_text(encoding="utf-8"))
        common = set(
            json.loads((base / "_lang" / "en_US" / "common-words.json").read_text("utf-8"))
        )
    except (FileNotFoundError, ValueError):  # pragma: no cover - packaging variant
        return {}
    out: dict[str, UnitInfo] = {}
    for name, spec in units.items():
        entity = spec.get("entity")
        if entity not in _QUANTULUM_ENTITIES:
            continue
        kind = _ENTITY_KINDS.get(entity, "other")
        symbols = [s for s in spec.get("symbols", []) if s]
        symbol = symbols[0] if symbols else name
        for surface in [name, *spec.get("surfaces", [])]:
            if len(surface) < 4 or surface.lower() in common:
                continue
            for form in _plurals(surface.lower()):
                if form not in _QUANTULUM_BLOCKED:
                    out.setdefault(norm(form), UnitInfo(symbol, kind))
    return out


@cache
def lexicon() -> Lexicon:
    data = json.loads(
        (resources.files("extract") / "data" / "units.json").read_text(encoding="utf-8")
    )
    words: dict[str, UnitInfo] = {}
    symbols: dict[str, UnitInfo] = {}
    prefix: dict[str, str] = {}

    for unit_key, info in _quantulum_units().items():
        words[unit_key] = info
    for spec in data["units"]:
        info = UnitInfo(spec["symbol"], spec["kind"], float(spec.get("scale", 1.0)))
        for s in spec["symbols"]:
            symbols[s] = info
        for w in spec["words"]:
            for form in _plurals(w):
                words[norm(form)] = info
    for unit, code in data["percent"].items():
        kind = {"%": "percent", "pp": "percentage_point", "bp": "basis_point"}[code]
        info = UnitInfo(code, kind)
        if unit in ("%", "pp", "bp", "bps", "ppt", "ppts", "pps"):
            symbols[unit] = info
        words[norm(unit)] = info
    for cur in data["currencies"]:
        code = cur["code"]
        info = UnitInfo(code, "currency")
        for s in cur["symbols"]:
            prefix[s] = code
            if len(s) > 1 or not s.isalpha():
                symbols[s] = info
        for w in cur["words"]:
            if w.lower() in _RISKY_CURRENCY_WORDS:
                continue
            for form in _plurals(w):
                words[norm(form)] = info
        for m in cur.get("minor", []):
            minor = UnitInfo(
                code, "currency", family="dollar" if code == "USD" else None, minor=True
            )
            if len(m) <= 2:
                symbols[m] = minor  # "25c", "40p": only glued to the number (see quantities)
                if m == "ct":
                    words["ct"] = minor  # "one ct" in earnings tables
            else:
                words[norm(m)] = minor
                words[norm(m + "s")] = minor
    families = data["currency_families"]
    family_words = {
        "dollar": ["dollar", "dollars", "dlr", "dlrs"],
        "pound": ["pound", "pounds"],
        "franc": ["franc", "francs"],
        "crown": ["crown", "crowns", "kronor", "krona", "kronur"],
        "krone": ["krone", "kroner"],
        "peso": ["peso", "pesos"],
        "rupee": ["rupee", "rupees"],
        "dinar": ["dinar", "dinars"],
        "riyal": ["riyal", "riyals", "rial", "rials"],
        "shilling": ["shilling", "shillings"],
        "lira": ["lira", "lire", "liras"],
        "mark": ["marks", "mark"],
        "real": ["reais"],
        "rouble": ["rouble", "roubles", "ruble", "rubles", "rbl", "rbls"],
        "kwacha": ["kwacha", "kwachas"],
    }
    for family, spec in families.items():
        for w in family_words[family]:
            if w in ("mark",):
                continue
            key = norm(w)
            if family != "dollar" or key not in words:
                words[key] = UnitInfo(spec["default"], "currency", family=family)
            for adj, code in spec["adjectives"].items():
                words[norm(f"{adj} {w}")] = UnitInfo(code, "currency")
    # The minor units of dollar-family currencies ("Canadian cents").
    for adj, code in families["dollar"]["adjectives"].items():
        for w in ("cent", "cents", "cts", "ct"):
            words[norm(f"{adj} {w}")] = UnitInfo(code, "currency", minor=True)
    words["dollar"] = words["dollars"] = UnitInfo("USD", "currency", family="dollar")
    words["dlr"] = words["dlrs"] = UnitInfo("USD", "currency", family="dollar")

    qualifiers = {
        norm(p): q
        for q, phrases in data["qualifiers"].items()
        for p in phrases
        if len(norm(p)) > 2 or not norm(p).isalpha()
    }
    scales = dict(data["scales"])
    return Lexicon(
        scales=scales,
        ambiguous_scales=frozenset(data["ambiguous_scales"]),
        prefix_currencies=prefix,
        words=words,
        symbols=symbols,
        families=families,
        per_units=data["per_units"],
        qualifiers=qualifiers,
        prefix_re=guarded(r"(?:(?<=[^A-Za-z0-9])|^)(" + _alternation(list(prefix)) + r")\s?\Z"),
        scale_re=re.compile(r"(" + _alternation(list(scales)) + r")(?![A-Za-z0-9])"),
        qualifier_re=guarded(
            r"(?:^|(?<=[^A-Za-z]))("
            + _alternation([p for p in qualifiers if p not in ("~", "≈", ">", "<", "≥", "≤")])
            + r"|~|≈|>=|<=|>|<|≥|≤)\s*$",
            re.I,
        ),
    )
