"""Places and organisations a figure is about.

Two layers. `find_entities` is lexical: every country, region, organisation and company named in a
text, from the gazetteer in `extract/data/` (one trie-shaped regex built at first use) plus company
names recognised by form (a legal suffix, a Reuters ticker `<BAC>`, an unlisted `<Name Ltd>`).
`entities_for` is grammatical: of those mentions, the ones the figure at a span is about.

Decisions `entities_for` makes, in order (the first rule that yields names wins):

1. The figure's clause (the sentence cut at `,` `;` dashes and `while`): names that are subjects,
   possessors, modifiers ("Russian oil") or prepositional partners ("exports to the U.S."). When
   every name there is a partner ("to", "from", "with", "through", "into"; "in" for a company),
   the document's subject is put first: "exports to the U.S." in a Japanese story is
   Japan;United States. References count as names: "the two countries", "both countries",
   "bilateral", "mutual trade" are the pair of countries the document is about; "the country",
   "the republic" the most recently named country not already in the clause; "the company" the
   document's company.
2. The rest of the sentence, the same way ("..., up from 2.9 pct in December" keeps "Japan's").
3. A country or company that only speaks in another clause ("..., the Kazakh leader added").
4. The country a source organisation speaks for ("the Federal Reserve said" gives United States).
5. The topic of the previous sentence in the same paragraph ("Also, 30 projects worth ...").
6. The document's subject: its company (the one in a Reuters title "COBANCO INC <CBCO> YEAR NET"),
   else the pair of countries it is about, else its main country.

Sources are not subjects: an organisation that reports a figure ("the Federal Reserve said",
"Istat said", "according to the IMF") is never an entity of it, and neither is the employer of a
quoted person ("an analyst at Merrill Lynch said"). A capital is an actor ("Moscow and Astana")
unless it is where something happens ("the meeting in Astana"). A place that qualifies a currency
("U.S. dlrs") or a company ("Finnish Talentum"), and the dateline ("NEW YORK, Feb 26 -"), are not
entities. A count of countries ("26 countries participate") is about no particular one: it keeps
only names in its own clause.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.context import DocContext
from extract.patterns import guarded, trie

_DATA = Path(__file__).parent / "data"

COUNTRY, REGION, ORGANISATION, COMPANY = "country", "region", "organisation", "company"


@dataclass(frozen=True, slots=True)
class EntityMention:
    start: int
    end: int  # within the text given
    name: str  # canonical
    type: str  # country | region | organisation | company


# ---------------------------------------------------------------------------------------------
# The gazetteer


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    type: str
    form: str  # name | demonym | capital | metonym | company
    country: str | None = None  # the country an organisation speaks for
    kind: str = ""  # organisations: central_bank, statistics, government, international
    # Before `until`, this surface reads as `alias` (None: not an entity then).
    until: dt.date | None = None
    alias: str | None = None


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    exact: dict[str, _Entry]
    folded: dict[str, _Entry]  # for ALL-CAPS text (Reuters titles)
    pattern: re.Pattern[str]
    folded_pattern: re.Pattern[str]
    historical: dict[str, tuple[dt.date, str]]
    dateline: dict[str, str]  # lower-case city, state or province -> country
    currency_words: frozenset[str]
    company_stems: dict[str, str]  # casefolded company name or stem -> canonical
    demonyms: frozenset[str]


def _trie_regex(words: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """A gazetteer's names as one trie-shaped alternation, matched as whole names."""
    return re.compile(r"(?<![\w&])" + trie(words) + r"(?![\w$&]|\.\w)", flags)


def _plurals(demonym: str) -> list[str]:
    if demonym.endswith(("s", "sh", "ch", "ese", "x", "z")):
        return [demonym]
    return [demonym, demonym + "s"]


# Short all-caps words that read as English in a headline, never as the entity there.
_FOLDED_STOP = frozenset({"who", "aid", "mas", "bis", "ida", "ge", "sa", "be"})


@cache
def _gazetteer() -> _Gazetteer:
    places = json.loads((_DATA / "places.json").read_text(encoding="utf-8"))
    orgs = json.loads((_DATA / "orgs.json").read_text(encoding="utf-8"))
    exact: dict[str, _Entry] = {}

    def add(surface: str, entry: _Entry) -> None:
        exact.setdefault(surface, entry)

    demonyms: set[str] = set()
    for c in places["countries"]:
        name = c["name"]
        for s in [name, *c["variants"]]:
            add(s, _Entry(name, COUNTRY, "name"))
        for d in c["demonyms"]:
            demonyms.add(d)
            for s in _plurals(d):
                add(s, _Entry(name, COUNTRY, "demonym"))
    for c in places["countries"]:  # capitals after names: "Singapore" is the country first
        for s in c["capitals"]:
            add(s, _Entry(c["name"], COUNTRY, "capital"))
    for r in places["regions"]:
        for s in [r["name"], *r["variants"]]:
            add(s, _Entry(r["name"], REGION, "name"))
    for m in places["metonyms"]:
        add(m["surface"], _Entry(m["country"], COUNTRY, "metonym"))
    for o in orgs["organisations"]:
        for s in [o["name"], *o["variants"]]:
            add(
                s,
                _Entry(o["name"], ORGANISATION, "name", country=o.get("country"), kind=o["kind"]),
            )
    stems: dict[str, str] = {}
    for c in orgs["companies"]:
        for s in [c["name"], *c["variants"]]:
            add(s, _Entry(c["name"], COMPANY, "company"))
            stems.setdefault(s.casefold(), c["name"])
    for m in places["metonym_until"]:
        base = exact.get(m["surface"])
        if base is not None:
            until = dt.date.fromisoformat(m["until"])
            exact[m["surface"]] = _Entry(
                base.name, base.type, base.form, base.country, base.kind, until, m["as"]
            )
    historical = {
        h["name"]: (dt.date.fromisoformat(h["until"]), h["as"]) for h in places["historical"]
    }
    folded: dict[str, _Entry] = {}
    for surface, entry in exact.items():
        key = surface.casefold()
        if key not in _FOLDED_STOP:
            folded.setdefault(key, entry)
    dateline: dict[str, str] = {}
    for country, cities in places["dateline_cities"].items():
        for city in cities:
            dateline.setdefault(city.casefold(), country)
    for abbrev in places["us_state_abbreviations"]:
        dateline.setdefault(abbrev.casefold(), "United States")
    for prov in places["canada_provinces"]:
        dateline.setdefault(prov.casefold(), "Canada")
    for surface, entry in exact.items():
        if entry.type == COUNTRY and entry.form in ("name", "capital"):
            dateline.setdefault(surface.casefold(), entry.name)
    return _Gazetteer(
        exact=exact,
        folded=folded,
        pattern=_trie_regex(exact),
        folded_pattern=_trie_regex(folded, re.IGNORECASE),
        historical=historical,
        dateline=dateline,
        currency_words=frozenset(w.casefold() for w in places["currency_words"]),
        company_stems=stems,
        demonyms=frozenset(demonyms),
    )


def dateline_country(city: str) -> str | None:
    """The country of a dateline's city, state or province ("HANOI": Vietnam), if known."""
    return _gazetteer().dateline.get(" ".join(city.split()).casefold())


def _resolve(entry: _Entry, published: dt.date | None) -> str | None:
    """The canonical name as of the publication date (1987 "Moscow" is the Soviet Union)."""
    name: str | None = entry.name
    if entry.until is not None and published is not None and published < entry.until:
        name = entry.alias
    if name is not None and published is not None:
        hist = _gazetteer().historical.get(name)
        if hist is not None and published < hist[0]:
            name = hist[1]
    return name


# ---------------------------------------------------------------------------------------------
# Companies by form

_SUFFIX = (
    r"(?:Corp(?:oration)?|Inc(?:orporated)?|Cos?|Company|Companies|Ltd|Limited|Plc|PLC|plc|"
    r"AG|SA|S\.A|NV|N\.V|Oyj|OYJ|Oy|Abp|AB|ASA|A/S|SpA|S\.p\.A|GmbH|KK|K\.K|Group|Holdings?|"
    r"LLC|L\.L\.C|LP|L\.P|Bhd|Berhad|Pty|BV|B\.V|CORP|INC|CO|LTD|GROUP)"
)
_WORD = r"(?:[A-Z0-9][A-Za-z0-9&.\-]*(?:['’][A-Za-z]{2,}[A-Za-z0-9&.\-]*)?|&)"
_CONNECT = r"(?:and|of|de|du|des|la|le|van|von|der|del|y|et)"
# "Investment Company Institute": the suffix word is part of a longer institution's name.
_INSTITUTION = (
    r"(?:Institute|Association|Foundation|Fund|Council|Commission|Exchange|Board|Authority|"
    r"Agency|Union|Federation|Society|League|Club|Cent(?:er|re)|Committee|Index)\b"
)
_LETTERS = re.compile(r"[^\W\d_]")
_NONSPACE = re.compile(r"\S+")
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_NUMBER_WORD = re.compile(r"[\d.,]+(?:st|nd|rd|th|s)?", re.I)
_ONLY_LINKS = re.compile(r"[\s,;:'’s.\-–—]*(?:(?:and|or|the)[\s,]*)*")
_NEXT_WORD = re.compile(r"[\s'’]*(?:s\s+)?([A-Za-z]+)")
_PARAGRAPH_GAP = re.compile(r"\n[ \t]*\n|\n[ \t]+$")
_SP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # wire copy wraps names across lines
_COMPANY = re.compile(
    rf"(?<![\w&])({_WORD}(?:{_SP}(?:{_CONNECT}{_SP})?{_WORD}){{0,6}}?)"
    rf"{_SP}({_SUFFIX}(?:\.?{_SP}{_SUFFIX})?(?<=\.[A-Z])\.?|{_SUFFIX}(?:\.?{_SP}{_SUFFIX})?)"
    rf"(?!\.?(?:[\w\-/]|\s+of\b|\s+{_INSTITUTION}))"
)
_COMPANY_HINT = guarded(rf"<|\b{_SUFFIX}\b")  # cheap test before the costly patterns
_TICKER = re.compile(r"<([A-Z][A-Z0-9.\-]{0,9})>")
_BRACKETED = re.compile(r"<([A-Z][^<>]{1,80}?)>")
# Capitalised words that start sentences or headlines, not company names.
_LEAD_STOP = frozenset(
    """the a an in on at for from by with also but and or its his her their our both unit units
    subsidiary shares stock analysts officials under after before when while since although
    meanwhile however earlier last this that these those net sales revenue revenues profit
    note full name of to said says sees sets buys sells buy sell set see say get gets has have
    raise raises cut cuts agrees plans as is was will would new u.s.-based parent operating
    holding finance group company""".split()
)
# First words of company names too common to stand for the company alone.
_GENERIC_NAME_WORDS = frozenset(
    """american general national first united international federal standard continental
    pacific atlantic western eastern northern southern central new great royal union security
    citizens home commercial financial mutual capital consolidated allied associated industrial
    southwest northwest southeast northeast midwest texas ohio california florida century data
    global world universal community savings trust bank banco banque metropolitan energy oil gas
    petroleum chemical steel motor motors air american-israel investors equity state public
    city county old peoples people's north south east west san santa saint st. fort mount""".split()
)
_SUFFIX_WORDS = frozenset(
    """corp corporation inc incorporated co cos company companies ltd limited plc ag sa s.a nv
    n.v oyj oy abp ab asa a/s spa s.p.a gmbh kk k.k group holding holdings llc l.l.c lp l.p bhd
    berhad pty bv b.v""".split()
)


def _is_caps(text: str) -> bool:
    """A headline in capitals ("COBANCO INC <CBCO> YEAR NET"), where names are matched folded."""
    return text.isupper() and len(_LETTERS.findall(text)) >= 4


_SUFFIX_CASE = {
    "ag": "AG", "sa": "SA", "nv": "NV", "ab": "AB", "asa": "ASA", "plc": "PLC", "spa": "SpA",
    "ltd": "Ltd", "corp": "Corp", "inc": "Inc", "co": "Co", "cos": "Cos", "oyj": "Oyj",
    "llc": "LLC",
    "gmbh": "GmbH", "bhd": "Bhd", "pty": "Pty", "kk": "KK", "bv": "BV", "lp": "LP",
}  # fmt: skip


def _smart_title(name: str) -> str:
    """Headline capitals to a readable name: COBANCO INC -> Cobanco Inc, keeping acronyms."""
    out = []
    for w in name.split():
        low = w.lower()
        if low in {"of", "and", "de", "the", "for", "und", "et", "du", "des"} and out:
            out.append(low)
        elif low in _SUFFIX_CASE:
            out.append(_SUFFIX_CASE[low])
        elif "." in w or not re.search(r"[AEIOUY]", w) or len(w) <= 2:
            out.append(w)
        else:
            out.append("-".join(p.capitalize() for p in w.split("-")))
    return " ".join(out)


def _strip_suffix(name: str) -> str:
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in _SUFFIX_WORDS:
        words.pop()
    return " ".join(words)


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _NONSPACE.finditer(text)]


def _company_matches(text: str, caps: bool) -> list[tuple[int, int, str]]:
    """(start, end, name) for company names recognised by form, name as written (headline
    capitals made readable)."""
    out: list[tuple[int, int, str]] = []
    gaz = _gazetteer()
    for m in _COMPANY.finditer(text):
        spans = _word_spans(m.group(1))
        words = [m.group(1)[a:b] for a, b in spans]
        keep = _trim_lead(words)
        # A leading demonym describes a known company ("Finnish Talentum Oyj"); otherwise it is
        # part of the name ("American Express Co").
        if (
            keep > 1
            and words[-keep] in gaz.demonyms
            and " ".join(words[-keep + 1 :]).casefold() in gaz.company_stems
        ):
            keep -= 1
        if not keep:
            continue
        stem = " ".join(words[-keep:])
        if not _TWO_LETTERS.search(stem):
            continue
        suffix = " ".join(m.group(2).split())
        name = f"{stem} {suffix}"
        out.append((m.start(1) + spans[-keep][0], m.end(2), _smart_title(name) if caps else name))
    for m in _BRACKETED.finditer(text):
        inner = m.group(1).strip()
        if "\n\n" in inner:
            continue
        if " " in inner or "\n" in inner or re.search(r"[a-z]", inner):
            inner_name = " ".join(inner.split())
            name = _smart_title(inner_name) if _is_caps(inner_name) else inner_name
            out.append((m.start(1), m.start(1) + len(inner), name))
    for m in _TICKER.finditer(text):
        # The name is the run of capitalised words just before the ticker.
        line_start = max(0, m.start() - 100)
        blank = text.rfind("\n\n", line_start, m.start())
        line_start = blank + 2 if blank >= 0 else line_start
        head = text[line_start : m.start()]
        spans = _word_spans(head)
        if line_start > 0 and spans and spans[0][0] == 0 and blank < 0:
            spans = spans[1:]
        spans = spans[-7:]
        words = [head[a:b] for a, b in spans]
        run = 0
        for w in reversed(words):
            low = w.lower()
            if caps and low in _LEAD_STOP and low not in {"and", "of"}:
                break
            if not caps and not (w[0].isupper() or w[0].isdigit() or low in {"and", "of", "&"}):
                break
            if not re.fullmatch(_WORD, w) and low not in {"and", "of"}:
                break
            run += 1
        if not run:
            continue
        words, spans = words[-run:], spans[-run:]
        keep = _trim_lead(words)
        if not keep:
            continue
        name = " ".join(words[-keep:])
        if not _TWO_LETTERS.search(name):
            continue
        out.append(
            (
                line_start + spans[-keep][0],
                line_start + spans[-1][1],
                _smart_title(name) if caps else name,
            )
        )
    return out


def _trim_lead(words: Sequence[str]) -> int:
    """How many trailing words of a capitalised run are the name: sentence starters, headline
    verbs and dangling connectors at its head are not."""
    i = 0
    while i < len(words) and (
        words[i].lower() in _LEAD_STOP
        or words[i].lower() in {"&", "du", "la", "le", "de"}
        or _NUMBER_WORD.fullmatch(words[i])
    ):
        i += 1
    return len(words) - i


def _canonical_company(name: str) -> str:
    """A company is named as written, ticker left out ("BankAmerica Corp"); a dotted legal form
    keeps its last dot ("Heineken N.V.")."""
    name = " ".join(name.split())
    last = name.rsplit(" ", 1)[-1]
    if name.endswith(".") and last.count(".") < 2:
        name = name.rstrip(".")
    return name


# ---------------------------------------------------------------------------------------------
# Lexical scan


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    name: str
    type: str
    form: str
    country: str | None = None
    kind: str = ""


def _scan(text: str, published: dt.date | None = None) -> list[_Hit]:
    """Non-overlapping gazetteer and company hits, leftmost-longest, in text order."""
    gaz = _gazetteer()
    caps = _is_caps(text)
    hits: list[_Hit] = []
    if caps:
        for m in gaz.folded_pattern.finditer(text):
            entry = gaz.folded.get(" ".join(m.group(0).split()).casefold())
            if entry is not None:
                hits.append(_hit(m.start(), m.end(), entry, published, entry.name))
    else:
        for m in gaz.pattern.finditer(text):
            entry = gaz.exact.get(" ".join(m.group(0).split()))
            if entry is not None:
                hits.append(
                    _hit(m.start(), m.end(), entry, published, " ".join(m.group(0).split()))
                )
    if _COMPANY_HINT.search(text):
        for start, end, name in _company_matches(text, caps):
            hits.append(_Hit(start, end, _canonical_company(name), COMPANY, "company"))
    hits = [h for h in hits if h.name]
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.type != COMPANY))
    out: list[_Hit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            if h.end - h.start > out[-1].end - out[-1].start:
                out[-1] = h
            continue
        out.append(h)
    return out


def _hit(start: int, end: int, entry: _Entry, published: dt.date | None, surface: str) -> _Hit:
    name = _resolve(entry, published) or ""
    if entry.type == COMPANY:
        name = surface  # companies are named as written: "Nokia Oyj", "Standard Chartered Bank"
    return _Hit(start, end, name, entry.type, entry.form, entry.country, entry.kind)


def find_entities(text: str) -> list[EntityMention]:
    """Every country, region, organisation and company named in `text`, in order."""
    if not text:
        return []
    return [EntityMention(h.start, h.end, h.name, h.type) for h in _scan(text)]


# ---------------------------------------------------------------------------------------------
# Sentence analysis: roles and clauses

_REPORT = (
    r"(?:said|says|say|added|adds|noted|notes|stated|reported|reports|announced|announces|"
    r"told|tells|estimated|estimates|emphasi[sz]ed|stressed|explained|commented|declared|"
    r"confirmed|indicated|predicted|forecast|showed|shows|show|figures\s+showed|data\s+showed)"
)
_PERSON = (
    r"(?:analysts?|economists?|spokes(?:wo)?man|spokesperson|officials?|chairman|chairwoman|"
    r"president|vice\s+president|director|head|chief|executives?|strategists?|traders?|dealers?|"
    r"managers?|governor|ministers?|minister|secretary|leaders?|sources?|representatives?|"
    r"bankers?|brokers?|experts?|ceo|cfo|delegates?|negotiators?|premier|prime\s+minister|"
    r"chancellor|ambassador|envoy|officer)"
)
_SPEAKS_AFTER = re.compile(
    rf"^(?:['’]s)?[)\s]*(?:[\w.'’-]+\s+){{0,4}}?(?:has\s+|had\s+|also\s+|today\s+)?{_REPORT}\b",
    re.I,
)
_ACTS_AFTER = re.compile(r"\s+(?:that\s+)?(?:it|they)\s+(?!is\b|was\b|expects?\b)\w+", re.I)
_PERSON_BETWEEN = guarded(rf"\b{_PERSON}\b", re.I)
_SPEAKS_BEFORE = guarded(
    rf"(?:\baccording\s+to|\b{_REPORT}(?:\s+(?:by|from))?)\s+(?:the\s+|a\s+)?$", re.I
)
_EMPLOYER_BEFORE = guarded(rf"\b{_PERSON}\s+(?:at|of|with|for|from)\s+(?:the\s+)?$", re.I)
_REPORT_ANY = guarded(rf"\b{_REPORT}\b|\baccording\s+to\b", re.I)
_PARTNER_BEFORE = guarded(
    r"\b(to|from|with|into|through|via|against|in|inside|within|across|throughout|at|for|among"
    r"|outside)\s+(?:the\s+|a\s+)?$",
    re.I,
)
_DESCRIPTOR = re.compile(r"(?:\s+(?:[a-z][\w-]*,?|&))*\s+")
_ACRONYM_AFTER = re.compile(r">?\s*\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")
_DOLLAR_SIGN = re.compile(r"\s*\$")
_FIRM_DESCRIPTOR = re.compile(
    r"(?:\s+[a-z][\w-]*,?){0,5}?\s+(?:company|group|firm|maker|manufacturer|developer|supplier|"
    r"producer|carrier|operator|retailer|insurer|lender|concern|conglomerate|subsidiary)\b"
)
_COORDINATED = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|&)\s+)?(?:the\s+)?", re.I)
_LOCATIVE = frozenset({"in", "at", "inside", "within", "near", "outside"})
_PARTNER = frozenset({"to", "from", "with", "into", "through", "via", "against"})
_POSSESSIVE = re.compile(r"^\s?['’]s\b")
_CLAUSE_BREAK = re.compile(r";|:\s|\s[-–—]+\s|,\s+|\s(?=(?:while|whereas|but)\s)")
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Za-z.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'’\- ]{1,25}?)?),?\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\s*[-–—]",
    re.I,
)
_PAIR_REF = guarded(
    r"\b(?:the\s+two\s+(?:countries|nations|states|sides|neighbou?rs|partners)"
    r"|both\s+(?:countries|nations|sides)|our\s+(?:two\s+)?countries|two\s+countries['’]"
    r"|bilateral"
    r"|mutual(?=\s+(?:[a-z-]+\s+)?(?:trade|turnover|investments?|commerce|exchanges?|"
    r"cooperation|co-operation|relations|projects|supplies|deliveries|payments|settlements|ties"
    r"|flows?)\b))\b",
    re.I,
)
_COUNTRY_REF = re.compile(r"\bthe\s+(?:country|republic|nation|kingdom)\b(?![-\w])", re.I)
_COMPANY_REF = re.compile(r"\bthe\s+(?:company|firm|group|concern|corporation)\b(?![-\w])", re.I)
_BANK_REF = re.compile(r"\bthe\s+(?:central\s+)?bank\b(?![-\w])", re.I)
# A count of countries: "26 countries", "13 OPEC members", "12 member states".
_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?|several|many)(?:-\w+)?"
)
_COUNTS_COUNTRIES = re.compile(
    rf"^(?:[\d.,]+|(?i:{_NUMBER_WORDS}))(?:\s+[a-z]+)?\s+(?:[A-Z][\w+]*\s+)?(?:[a-z-]+\s+)?"
    r"(?:countries|nations|states|economies|members|member\s+(?:countries|states|nations))\b"
)
_MAX_CONTEXT = 60


@dataclass(slots=True)
class _Mention:
    start: int  # within the sentence
    end: int
    names: tuple[str, ...]
    type: str
    role: str  # core | partner | speaker | source
    clause: int = 0
    preposition: str = ""
    country: str | None = None  # for a source: the country it speaks for
    ref: int = -1  # "the country": document offset it is resolved from


@dataclass(slots=True)
class _Sentence:
    mentions: list[_Mention]
    clauses: list[tuple[int, int]]
    topic: tuple[str, ...] | None = None


def _clauses(raw: str, hits: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clause spans; a piece that is only names ("Russia, Kazakhstan and Belarus") joins the
    next one, so a list stays with its verb."""
    cuts = [0]
    for m in _CLAUSE_BREAK.finditer(raw):
        if m.start() > cuts[-1]:
            cuts.append(m.end())
    cuts.append(len(raw))
    spans = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for a, b in spans:
        if pending is not None:
            a = pending
            pending = None
        rest = raw[a:b]
        for s, e in hits:
            if a <= s and e <= b:
                rest = rest[: s - a] + " " * (e - s) + rest[e - a :]
        only_names = _ONLY_LINKS.fullmatch(rest)
        if only_names and b < len(raw) and any(a <= s < b for s, _ in hits):
            pending = a
            continue
        merged.append((a, b))
    if pending is not None:
        merged.append((pending, len(raw)))
    return merged or [(0, len(raw))]


def _clause_of(clauses: Sequence[tuple[int, int]], offset: int) -> int:
    starts = [a for a, _ in clauses]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _analyse_sentence(
    raw: str,
    hits: list[_Hit],
    skip_until: int,
    doc: _Doc,
    base: int,
) -> _Sentence:
    gaz = _gazetteer()
    reporting = bool(_REPORT_ANY.search(raw))
    company_starts = {h.start for h in hits if h.type == COMPANY}
    mentions: list[_Mention] = []
    for h in hits:
        if h.end <= skip_until:
            continue
        before = raw[max(0, h.start - _MAX_CONTEXT) : h.start]
        after = raw[h.end : h.end + _MAX_CONTEXT]
        if h.type in (COUNTRY, REGION):
            nxt = _NEXT_WORD.match(after)
            if (nxt and nxt.group(1).casefold() in gaz.currency_words) or _DOLLAR_SIGN.match(after):
                continue  # "U.S. dlrs", "U.S. $", "Hong Kong dollars": a currency, not a place
            if h.form == "demonym" and _FIRM_DESCRIPTOR.match(after):
                continue  # "the Finnish metals and technology group": a company's nationality
            if h.form == "demonym" and any(
                0 < c - h.end <= 80 and _DESCRIPTOR.fullmatch(raw, h.end, c) for c in company_starts
            ):
                continue  # "Finnish Talentum", "Japanese car maker Toyota": a company's nationality
        prep_m = _PARTNER_BEFORE.search(before)
        prep = prep_m.group(1).lower() if prep_m else ""
        if not prep and mentions and _COORDINATED.fullmatch(raw[mentions[-1].end : h.start]):
            prep = mentions[-1].preposition  # "exports to Hong Kong and Macao"
        if h.form == "capital" and prep in _LOCATIVE | {"from", "to"}:
            continue  # "the meeting in Astana": a venue, not an actor
        role = "partner" if prep and not _POSSESSIVE.match(after) else "core"
        employed = bool(_EMPLOYER_BEFORE.search(before))
        if employed and h.type in (ORGANISATION, COMPANY):
            continue  # "general director of Creditanstalt-Bankverein": where a person works
        if reporting:
            speaks = _SPEAKS_AFTER.match(after)
            person = bool(speaks and _PERSON_BETWEEN.search(speaks.group(0)))
            if _SPEAKS_BEFORE.search(before) or speaks or employed:
                if h.type == ORGANISATION:
                    # "The Bank of England said it provided ...": it reports its own act.
                    acts = speaks and not person and _ACTS_AFTER.match(after, speaks.end())
                    role = "core" if acts else "source"
                elif h.type == COMPANY and person:
                    continue  # the employer of a quoted person
                else:
                    role = "speaker"
        mentions.append(_Mention(h.start, h.end, (h.name,), h.type, role, 0, prep, h.country))
    refs = ((_PAIR_REF, "pair"), (_COUNTRY_REF, "country"), (_COMPANY_REF, "company"))
    if doc.bank:
        refs += ((_BANK_REF, "bank"),)
    for rx, kind in refs:
        for m in rx.finditer(raw):
            overlaps = any(x.start < m.end() and m.start() < x.end for x in mentions)
            if m.end() <= skip_until or overlaps:
                continue
            before = raw[max(0, m.start() - _MAX_CONTEXT) : m.start()]
            prep_m = _PARTNER_BEFORE.search(before)
            prep = prep_m.group(1).lower() if prep_m else ""
            role = "core"
            if reporting and _SPEAKS_AFTER.match(raw[m.end() : m.end() + _MAX_CONTEXT]):
                role = "speaker"
            mention = _Mention(m.start(), m.end(), (), COUNTRY, role, 0, prep)
            if kind == "pair":
                mention.names = doc.pair
            elif kind == "company":
                mention.names = (doc.company,) if doc.company else ()
                mention.type = COMPANY
            elif kind == "bank":
                # The bank itself in a story about what it does; else the country it reports on.
                acting = doc.subject == (doc.bank,)
                mention.names = ((doc.bank if acting else doc.bank_country) or "",)
                mention.type = ORGANISATION if acting else COUNTRY
            else:
                mention.ref = base + m.start()  # resolved once clauses are known
            if any(mention.names) or mention.ref >= 0:
                mentions.append(mention)
    mentions.sort(key=lambda x: x.start)
    clauses = _clauses(raw, [(x.start, x.end) for x in mentions])
    for x in mentions:
        x.clause = _clause_of(clauses, x.start)
    # "the republic", "the country": the latest country named before it that the clause does
    # not already name.
    for x in mentions:
        if x.ref >= 0:
            taken = {n for y in mentions if y.clause == x.clause and y.ref < 0 for n in y.names}
            name = doc.latest_country(x.ref, taken)
            x.names = (name,) if name else ()
    return _Sentence(mentions=[x for x in mentions if x.names], clauses=clauses)


def _employer(raw: str, h: _Hit) -> bool:
    """Is this company only where a quoted person works ("an analyst at Merrill Lynch")?"""
    if _EMPLOYER_BEFORE.search(raw[max(0, h.start - _MAX_CONTEXT) : h.start]):
        return True
    speaks = _SPEAKS_AFTER.match(raw[h.end : h.end + _MAX_CONTEXT])
    return bool(speaks and _PERSON_BETWEEN.search(speaks.group(0)))


def _names(mentions: Iterable[_Mention]) -> list[str]:
    out: list[str] = []
    for x in mentions:
        for n in x.names:
            if n not in out:
                out.append(n)
    return out


# ---------------------------------------------------------------------------------------------
# Document analysis (once per DocContext)


def _occurrences(text: str, word: str) -> Iterable[int]:
    """Offsets of `word` as a whole word (str.find: no per-document regex to compile)."""
    pos = text.find(word)
    while pos >= 0:
        end = pos + len(word)
        before = text[pos - 1] if pos else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before in "&_") and not (after.isalnum() or after in "&_"):
            yield pos
        pos = text.find(word, end)


def _hard_wrapped(text: str) -> bool:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 4:
        return False
    lengths = sorted(len(ln) for ln in lines)
    median = lengths[len(lengths) // 2]
    open_lines = sum(1 for ln in lines if ln.rstrip()[-1] not in ".!?:\"”'")
    return 45 <= median <= 90 and open_lines > 0.5 * len(lines)


class _Doc:
    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.published = ctx.published
        self.pair: tuple[str, ...] = ()
        self.company: str | None = None
        self.bank: str | None = None  # what "the bank" is: a central bank, else a bank company
        self.bank_country: str | None = None
        self.main_country: str | None = None
        self.subject: tuple[str, ...] = ()
        self._country_pos: list[int] = []
        self._country_names: list[str] = []
        self._sentences: list[_Sentence | None] = [None] * len(ctx.sentences)
        self._hits: list[list[_Hit]] = []
        self._wrapped_value: bool | None = None
        self.skip_until = 0
        self._prepare()

    # -- document level --------------------------------------------------------------------
    def _prepare(self) -> None:
        ctx, gaz = self.ctx, _gazetteer()
        dateline_country = None
        if ctx.sentences:
            m = _DATELINE.match(ctx.sentences[0].raw)
            if m:
                self.skip_until = m.end()
                for part in reversed([p.strip(" .") for p in m.group(1).split(",")]):
                    dateline_country = gaz.dateline.get(part.casefold()) or gaz.dateline.get(
                        part.casefold() + "."
                    )
                    if dateline_country:
                        break
        self._hits = [_scan(s.raw, self.published) for s in ctx.sentences]
        # Companies named with a suffix are also named by their stem later ("Brown-Forman").
        # "<Nippon Telegraph and Telephone Corp> (NTT)": the acronym is the same company.
        stems: dict[str, str] = {}
        for s, hits in zip(ctx.sentences, self._hits, strict=True):
            for h in hits:
                if h.type != COMPANY:
                    continue
                acronym = _ACRONYM_AFTER.match(s.raw, h.end)
                if acronym:
                    stems.setdefault(acronym.group(1), h.name)
                stem = _strip_suffix(h.name)
                head = stem.split()[0]
                for alias in (stem, head):
                    if (
                        alias != h.name
                        and len(alias) >= (3 if alias == stem else 4)
                        and (alias not in gaz.exact or gaz.exact[alias].type == COMPANY)
                        and alias.lower() not in _LEAD_STOP
                        and alias.lower() not in _GENERIC_NAME_WORDS
                    ):
                        stems.setdefault(alias, h.name)
        # A known company named by its stem here takes the full name used in this document.
        for i, s in enumerate(ctx.sentences):
            renamed = []
            for h in self._hits[i]:
                surface = s.raw[h.start : h.end]
                if h.type == COMPANY and surface in stems:
                    h = _Hit(h.start, h.end, stems[surface], COMPANY, h.form)
                renamed.append(h)
            self._hits[i] = renamed
        if stems:
            ordered = sorted(stems, key=len, reverse=True)
            for i, s in enumerate(ctx.sentences):
                extra: list[_Hit] = []
                for stem in ordered:
                    if stem not in s.raw:  # most stems are absent from most sentences
                        continue
                    for a in _occurrences(s.raw, stem):
                        b = a + len(stem)
                        if not any(h.start < b and a < h.end for h in [*self._hits[i], *extra]):
                            extra.append(_Hit(a, b, stems[stem], COMPANY, "company"))
                if extra:
                    self._hits[i] = sorted(self._hits[i] + extra, key=lambda h: h.start)
        title_hits = _scan(ctx.title, self.published) if ctx.title else []
        title_company = self._title_company(title_hits)

        score: dict[str, float] = {}
        first: dict[str, float] = {}
        companies: dict[str, int] = {}
        banks: dict[str, int] = {}
        bank_country: dict[str, str | None] = {}
        for h in title_hits:
            if h.type == COUNTRY:
                score[h.name] = score.get(h.name, 0) + 2
                first.setdefault(h.name, -1)
        if dateline_country:
            dname = _resolve(_Entry(dateline_country, COUNTRY, "name"), self.published)
            if dname:
                dateline_country = dname
                score[dname] = score.get(dname, 0) + 0.5
                first.setdefault(dname, 1e12)
                self._country_pos.append(0)
                self._country_names.append(dname)
        for i, (s, hits) in enumerate(zip(ctx.sentences, self._hits, strict=True)):
            for h in hits:
                if i == 0 and h.end <= self.skip_until:
                    continue
                if h.type == COUNTRY:
                    if h.form == "capital" and _PARTNER_BEFORE.search(
                        s.raw[max(0, h.start - 20) : h.start]
                    ):
                        continue
                    score[h.name] = score.get(h.name, 0) + (2 if i == 0 else 1)
                    first.setdefault(h.name, s.start + h.start)
                    self._country_pos.append(s.start + h.start)
                    self._country_names.append(h.name)
                elif h.type == COMPANY and not _employer(s.raw, h):
                    companies[h.name] = companies.get(h.name, 0) + 1
                elif h.kind == "central_bank":
                    banks[h.name] = banks.get(h.name, 0) + 1
                    bank_country.setdefault(h.name, h.country)
        lead_end = ctx.sentences[1].start if len(ctx.sentences) > 1 else len(ctx.text)
        ranked = sorted(score, key=lambda n: (-score[n], first[n]))
        self.main_country = ranked[0] if ranked else None
        pair_cue = any(_PAIR_REF.search(s.raw) for s in ctx.sentences)
        if len(ranked) >= 2 and (
            pair_cue or (score[ranked[1]] >= 2 and score[ranked[1]] >= 0.5 * score[ranked[0]])
        ):
            self.pair = tuple(sorted(ranked[:2], key=lambda n: first[n]))
        elif ranked:
            self.pair = (ranked[0],)
        if title_company:
            self.company = title_company
        elif companies:
            self.company = max(companies, key=lambda n: companies[n])
        elif ctx.sentences:
            self.company = _reporting_company(ctx.sentences[0].raw, self._hits[0])
        if banks:
            self.bank = max(banks, key=lambda n: banks[n])
            country = bank_country.get(self.bank)
            if country:
                self.bank_country = _resolve(_Entry(country, COUNTRY, "name"), self.published)
        elif self.company and re.search(r"\bBan(?:k|c|king)", self.company):
            self.bank = self.company
        if self.company:
            self.subject = (self.company,)
        elif self.bank and ctx.sentences and self._acts(0, self.bank):
            self.subject = (self.bank,)  # a central bank story: "The Bank of England said it ..."
        elif len(self.pair) == 2 and (pair_cue or score[self.pair[1]] >= 0.5 * score[ranked[0]]):
            self.subject = self.pair
        elif self.main_country and (
            self.main_country == dateline_country or first[self.main_country] < lead_end
        ):
            # only a country the story leads with: a market report from London that mentions
            # U.S. inventories is not about the United States
            self.subject = (self.main_country,)

    def _title_company(self, title_hits: list[_Hit]) -> str | None:
        """The company of a Reuters title, in the spelling the story itself uses."""
        title = self.ctx.title or ""
        if not _TICKER.search(title) and not any(h.type == COMPANY for h in title_hits):
            return None
        names = [h.name for h in title_hits if h.type == COMPANY]
        if not names:
            return None
        name = names[0]
        key = _strip_suffix(name).casefold()
        for hits in self._hits:
            for h in hits:
                if h.type == COMPANY and (
                    h.name.casefold().startswith(key) or _strip_suffix(h.name).casefold() == key
                ):
                    return h.name
        body = self.ctx.text
        m = re.search(r"(?<![\w&])" + re.escape(_strip_suffix(name)) + r"(?![\w&])", body, re.I)
        if m and not _is_caps(m.group(0)):
            return m.group(0)
        return name

    def _acts(self, index: int, name: str) -> bool:
        return any(x.role == "core" and name in x.names for x in self.sentence(index).mentions)

    def latest_country(self, offset: int, taken: set[str]) -> str | None:
        i = bisect.bisect_left(self._country_pos, offset)
        for j in range(i - 1, -1, -1):
            if self._country_names[j] not in taken:
                return self._country_names[j]
        if self.main_country and self.main_country not in taken:
            return self.main_country
        return None

    # -- sentence level ----------------------------------------------------------------------
    def sentence(self, index: int) -> _Sentence:
        s = self._sentences[index]
        if s is None:
            sent = self.ctx.sentences[index]
            s = _analyse_sentence(
                sent.raw,
                self._hits[index],
                self.skip_until if index == 0 else 0,
                self,
                sent.start,
            )
            self._sentences[index] = s
        return s

    def new_paragraph(self, index: int) -> bool:
        if index == 0:
            return True
        gap = self.ctx.text[self.ctx.sentences[index - 1].end : self.ctx.sentences[index].start]
        if "\n" not in gap:
            return False
        if _PARAGRAPH_GAP.search(gap):
            return True
        return not self._wrapped

    @property
    def _wrapped(self) -> bool:
        if self._wrapped_value is None:
            self._wrapped_value = _hard_wrapped(self.ctx.text)
        return self._wrapped_value

    def source_countries(self, s: _Sentence) -> list[str]:
        names = [x.country for x in s.mentions if x.role == "source" and x.country]
        resolved = [_resolve(_Entry(n, COUNTRY, "name"), self.published) or n for n in names]
        return list(dict.fromkeys(resolved))

    def _own_topic(self, index: int) -> tuple[str, ...]:
        s = self.sentence(index)
        own = _names(x for x in s.mentions if x.role in ("core", "partner"))
        own = own or _names(x for x in s.mentions if x.role == "speaker")
        own = own or self.source_countries(s)
        return tuple(own)

    def topic(self, index: int) -> tuple[str, ...]:
        """What a sentence is about as a whole: its own names, else those of the sentences
        before it in its paragraph."""
        s = self.sentence(index)
        if s.topic is None:
            chain = [index]
            found: tuple[str, ...] = ()
            j = index
            while True:
                sj = self.sentence(j)
                if sj.topic is not None:
                    found = sj.topic
                    break
                found = self._own_topic(j)
                if found or self.new_paragraph(j):
                    break
                j -= 1
                chain.append(j)
            for k in chain:
                self.sentence(k).topic = found
        return s.topic or ()


_CACHE: OrderedDict[int, _Doc] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 16


def _doc(ctx: DocContext) -> _Doc:
    key = id(ctx)
    with _CACHE_LOCK:
        doc = _CACHE.get(key)
        if doc is not None and doc.ctx is ctx:
            _CACHE.move_to_end(key)
            return doc
    doc = _Doc(ctx)
    with _CACHE_LOCK:
        _CACHE[key] = doc
        _CACHE.move_to_end(key)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return doc


# ---------------------------------------------------------------------------------------------
# The figure's entities


def _reporting_company(lead: str, hits: list[_Hit]) -> str | None:
    """The company a story leads with when no suffix or ticker marks it: "Infoteq Systems on
    Thursday reported a 6.4% decline", "Shreeram Cement has posted ..."."""
    m = _REPORTING_LEAD.search(lead)
    if m is None:
        return None
    name = m.group("name")
    if any(h.start <= m.start("name") < h.end for h in hits):
        return None  # a country, bank or known organisation
    words = name.split()
    if name.isupper() or not _COMPANY_HEAD.search(words[-1]):
        return None  # "TOKYO", "Treasury Secretary James Baker": no company word ends it
    if words[0].lower() in _LEAD_STOP or any(w.lower() in _GENERIC_NAME_WORDS for w in words[:1]):
        return None
    return name


_COMPANY_HEAD = re.compile(
    r"^(?:Group|Holdings?|Systems|Technolog(?:y|ies)|Tech|Motors?|Cement|Stores|Bank|Bancorp|"
    r"Energy|Energia|Resources|Mining|Minerals|Metals|Steel|Airlines|Airways|Air|Foods?|Pharma|"
    r"Pharmaceuticals|Electronics|Industries|Enterprises|Petroleum|Oil|Gas|Power|Telecom|"
    r"Communications|Media|Capital|Partners|Insurance|Financial|Finance|Realty|Properties|"
    r"Logistics|Shipping|Lines|Retail|Brands|Chemicals|Materials|Semiconductors?|Software|"
    r"Networks|Automotive|Auto|Entertainment|Healthcare|Labs|Solutions|Services|Trading|"
    r"Textiles|Paper|Gem|Gems|Mines|SA|AG|NV|ASA|AB|SpA|plc|Plc|PLC|Inc\.?|Corp\.?|Co\.?|"
    r"Ltd\.?|Limited|Berhad|Bhd|Tbk|Oyj|Oy|GmbH|KK)$"
)
_REPORTING_LEAD = guarded(
    r"(?:^|(?:--?|—|–|:)\s+)(?P<name>[A-Z][\w&.'’-]+(?:\s+[A-Z][\w&.'’-]+){0,3})"
    r"(?:,\s+[^,]{3,60},)?\s+(?:on\s+[A-Z][a-z]+day\s+|has\s+|have\s+)?"
    r"(?:reported|reports|posted|posts|said|says|announced|announces|recorded|swung|booked|"
    r"raised|cut|lifted|lowered|beat|missed)\b"
)


def _with_subject(found: list[_Mention], doc: _Doc) -> list[str]:
    """Names found; a figure whose names are all trading partners ("exports to the U.S.") is
    also about the document's subject, the reporting country or company, put first."""
    names = _names(found)
    if not names or not doc.subject or any(x.role == "core" for x in found):
        return names
    if all(x.preposition in _PARTNER or (x.preposition == "in" and doc.company) for x in found):
        return list(dict.fromkeys([*(n for n in doc.subject if n not in names), *names]))
    return names


def entities_for(ctx: DocContext, sent_index: int, span: tuple[int, int]) -> list[str]:
    """Canonical names of the places and organisations the figure at `span` (offsets within
    `ctx.sentences[sent_index].raw`) is about: in order of mention, then document-level ones."""
    if not 0 <= sent_index < len(ctx.sentences):
        return []
    doc = _doc(ctx)
    sentence = doc.sentence(sent_index)
    raw = ctx.sentences[sent_index].raw
    start = min(max(0, span[0]), len(raw))
    end = min(max(start, span[1]), len(raw))
    clause = _clause_of(sentence.clauses, start)
    # A speaker in the figure's own clause is its subject ("Japan said exports rose 5 pct").
    in_clause = [
        x for x in sentence.mentions if x.clause == clause and x.role in ("core", "partner")
    ] + [
        _Mention(x.start, x.end, x.names, x.type, "core")
        for x in sentence.mentions
        if x.clause == clause and x.role == "speaker"
    ]
    in_clause.sort(key=lambda x: x.start)
    if _COUNTS_COUNTRIES.match(raw[start : end + 40]):
        return _names(in_clause)
    if in_clause:
        return _with_subject(in_clause, doc)
    usable = [x for x in sentence.mentions if x.role in ("core", "partner")]
    if usable:
        return _with_subject(usable, doc)
    speakers = [x for x in sentence.mentions if x.role == "speaker"]
    if speakers:
        return _names(speakers)
    sources = doc.source_countries(sentence)
    if sources:
        return sources
    if not doc.new_paragraph(sent_index):
        topic = doc.topic(sent_index - 1)
        if topic:
            return list(topic)
    return list(doc.subject)
