"""The measure a figure belongs to: a short noun phrase taken from the sentence.

No tagger is loaded (nothing may be downloaded): noun phrases are read with word lists. The
order of preference follows how news states figures: an earnings-table label ("Net 12.5 mln vs
10.3 mln"), a counted noun ("6,000 enterprises"), "X worth $Y" (the value of X), a figure that
continues the one before it ("to 6.05 billion dlrs from 1.97 billion"), "a trade deficit of $Y",
"$Y in loans", "7.7 % of net sales", the object of a transitive verb ("raised their prime rate
one-half point"), and the subject of the verb that governs the figure ("Mutual trade turnover
... increased by 10.2%").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from extract.patterns import guarded
from extract.patterns import rx as _rx
from extract.quantities import Mention
from extract.semantics import GAPPED_ITEM, clause_bounds

_TOKEN = re.compile(
    r"\d+(?:\.\d+)?-[A-Za-z][\w-]*|[A-Za-z][\w'’.&-]*\w|[A-Za-z]|\d[\d.,]*%?|[^\sA-Za-z\d]"
)
_FUNCTION = frozenset(
    """a an the this that these those its their his her our your my which who whom whose what
    is are was were be been being am has have had having do does did will would shall should
    can could may might must not no nor and or but if then than so as at by for from in into of
    off on onto out over to up down with without within via per about around after before
    against among between during since until while when where whereas although though because
    also only just even still yet already again both either neither each every all any some
    such same other another more most less least many much few several it they them we us he
    she him i you there here said says say saying told according added noted stressed
    emphasized pointed called reported announced compared versus vs whilst amid
    despite under above below near nearly almost roughly approximately record
    new total overall plus minus due""".split()
)
_VERBS = frozenset(
    """rose risen rising increased increasing grew grow grows growing gained climbed jumped
    surged soared advanced added adds improved expanded boosted accelerated rebounded
    recovered widened firmed strengthened fell fallen falling dropped declined decreased
    decreases lost loses slipped slid eased plunged plummeted tumbled sank shrank contracted
    reduced lowered narrowed dipped slumped retreated shed weakened amounted amount amounts
    totalled totaled reached reaches stood stands stand hit hits came comes come equalled
    equaled represented represents accounted accounts made makes make posted posts recorded
    reported showed earned earns paid pays invested invests spent spends sold sells bought
    buys received receives generated generates raised raises set sets expected expects
    estimated predicted predicts planned operate operates operating participate participates
    choose chooses developing develop develops implemented implement created create creates
    send sends exported imported produced produces valued worth costing ended ending closed
    closing opened opening traded trading went goes go moved moves edged inched ticked crept
    picked revised adjusted compared is are was were unchanged steady flat stable doubled
    tripled halved quadrupled remained remains employs employed employing had has have left
    put puts forecast forecasts projected sees saw booked proposed approved announced
    lowering raising cutting reducing held holds hold stayed stays higher lower""".split()
)
_AUX = frozenset(
    """have has had been be being is are was were will would shall should can could may might
    must already also still not just further did does do to""".split()
)
_MODALS = frozenset("""will would shall should can could may might must did does do to""".split())
_TIME_WORDS = guarded(
    r"\b(?:last|this|next|previous|past|coming|current|same|first|second|third|fourth|"
    r"year|years|quarter|quarters|month|months|week|weeks|day|days|half|today|yesterday|tomorrow|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|period|fiscal|annual|ago|earlier|"
    r"q[1-4]|h[12]|ytd|year-on-year|year-earlier|year-ago|full-year|half-year|"
    r"(?:\d+|one|two|three|four|six|nine|twelve)-(?:month|week|year|quarter))\b",
    re.I,
)
_TIME_PHRASE_WORDS = frozenset(
    """the a this that last next first second third fourth final past previous same period
    ended ending to end of year years month months week weeks quarter quarters half day days
    fiscal calendar full whole current coming so far date through until one two three four
    five six seven eight nine ten eleven twelve""".split()
)
_NP_PREPOSITIONS = frozenset(
    {"of", "in", "for", "on", "to", "from", "with", "per", "before", "after"}
)
# "before"/"after" join a noun phrase only before accounting items ("profit before taxes").
_ACCOUNTING_ITEMS = frozenset(
    """tax taxes taxation interest depreciation amortisation amortization items extraordinary
    provisions minorities""".split()
)
# "to"/"from" join a noun phrase only after nouns of flows ("exports to Japan").
_FLOW_NOUNS = frozenset(
    """exports imports shipments sales deliveries aid loans credits credit investment
    investments flows inflows outflows remittances transfers trade lending spending""".split()
)
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this"})
_UNIT_WORDS = guarded(
    r"(?:mln|bln|billion|million|trillion|thousand|dlrs?|dollars?|pct|percent|cts|cents|stg|"
    r"yen|marks|francs|tonnes|tons|barrels|bn|mn|m|tn|trn|tln|trln|crore|lakh|pc|ppt|pp|bp|"
    r"bps|eur|euros?|usd|gbp|sek|nok|dkk|chf|jpy|rub|yuan|rupees?|rubles?|roubles?)\Z",
    re.I,
)
_PRONOUNS = frozenset({"it", "they", "this", "that", "which", "these", "those", "he", "she", "we"})
_GENERIC_HEADS = frozenset(
    """total number group some most all maximum minimum range series couple lot majority
    average sum amount level figure one""".split()
)
_PLACEHOLDER_HEADS = frozenset(
    """peak high low level record total average figure sum amount trough""".split()
)
_CHANGE_HEADS = frozenset(
    """rise increase gain growth jump climb drop decline fall decrease reduction cut loss
    improvement contraction slowdown change""".split()
)
_TABLE_LABELS = {
    "shr": "earnings per share",
    "shr loss": "loss per share",
    "shr profit": "earnings per share",
    "oper shr": "operating earnings per share",
    "oper shr loss": "operating loss per share",
    "oper shr profit": "operating earnings per share",
    "primary shr": "primary earnings per share",
    "diluted shr": "diluted earnings per share",
    "fully diluted shr": "fully diluted earnings per share",
    "net": "net profit",
    "oper net": "operating net profit",
    "revs": "revenues",
    "rev": "revenues",
    "avg shrs": "average shares outstanding",
    "shrs": "shares outstanding",
    "qtly div": "quarterly dividend",
    "div": "dividend",
    "pretax": "pretax profit",
    "pre-tax": "pretax profit",
    "loss": "net loss",
    "net loss": "net loss",
    "oper net loss": "operating net loss",
}
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z .'&-]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,12})?,\s+"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s+-\s+"
)
_LABEL = re.compile(
    r"^(?P<label>[A-Za-z][A-Za-z .,'&/()-]*?)\s*(?=[\d$€£¥(]|nil\b|\Z|(?:one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|a\s+half)\b)",
    re.I,
)
_OF_BEFORE = re.compile(r"\bof\s+\Z", re.I)
_WORTH_BEFORE = guarded(
    r"\b(?:worth|valued\s+at|totall?ing|costing|amounting\s+to|with\s+a\s+(?:total\s+)?value\s+of|"
    r"with\s+a\s+capacity\s+of|with\s+a\s+budget\s+of|at\s+a\s+cost\s+of)\s+\Z",
    re.I,
)
_IN_AFTER = re.compile(
    r"^\s+(?:in|of|worth\s+of)\s+(?P<np>(?:(?:\d+-)?[A-Za-z][\w'’-]*\s+){0,4}?[A-Za-z][\w'’-]*)"
    r"(?=\s*(?:[,.;:)]|$|\s+(?:and|or|to|from|in|at|for|by|on|with|was|were|is|are|has|have|"
    r"will|would|that|which|last|this|next|during|since|compared|against|versus|vs)\b))",
    re.I,
)
_SHARE_OF_AFTER = re.compile(r"^\s+of\s+(?P<np>(?:[A-Za-z][\w'’-]*\s+){0,4}[A-Za-z][\w'’-]*)", re.I)
_TRANSITIVE = guarded(
    r"\b(?:raised|raises|raising|raise|cut|cuts|cutting|lowered|lowering|lowers|lower|reduced|"
    r"reducing|reduces|reduce|increased|increasing|increase|boosted|boosting|lifted|lifting|"
    r"trimmed|slashed|hiked|set|sets|fixed|fixes|put|puts|estimated|estimates|estimate|"
    r"forecast|forecasts|forecasting|expects|expected|expect|projected|projects|predicted|"
    r"predicts|sees|saw|see|posted|posts|reported|reports|recorded|records|booked|proposed|"
    r"proposes|approved|announced|targets|targeted|seeks|plans|planned)\s+",
    re.I,
)
_APPOSITIVE = re.compile(
    r",\s*(?:including|excluding|which|who|whose|not|or|seasonally|adjusted|after|before|"
    r"unadjusted|net\s+of|before|the\s+[A-Z])\b[^,]{0,80},",
    re.I,
)
_EMPLOY_BEFORE = re.compile(r"\bemploy(?:s|ed|ing)?\s+\Z", re.I)
_LINK_ONLY = re.compile(
    r"^[\s,;(]*(?:(?:and|or|but|while|compared\s+with|compared\s+to|against|versus|vs\.?|from|"
    r"after|to|with|a|an|the|revised|previous|year-earlier|provisional|preliminary|confirmed|"
    r"y/y|yoy|q/q|m/m|year-on-year|on\s+the\s+year|"
    r"downwardly|upwardly|originally|reported|in|on|for|at|of|last|this|same|period|prior|"
    r"year|years|month|months|week|weeks|quarter|earlier|ago|before|\d[\d,.]*|"
    r"january|february|march|april|may|june|july|august|september|october|november|"
    r"december|or\s+so|respectively|equivalent\s+to|about|around|roughly|some|nearly|"
    r"approximately|or\s+about|or\s+around)\b[\s,;(]*)*\Z",
    re.I,
)


def tenor(sentence_raw: str, mention: Mention) -> str | None:
    """The instrument whose maturity a figure like "10-year" in "the 10-year Treasury note
    yield" is ("Treasury note"): a property of the instrument, with no period of its own."""
    if mention.unit_kind != "time" or "-" not in sentence_raw[mention.start : mention.end]:
        return None
    found = _TENOR_AFTER.match(sentence_raw, mention.end)
    return " ".join(found.group("np").split()) if found else None


def age_bracket(sentence_raw: str, mention: Mention) -> bool:
    """Is the figure an age bracket ("youth aged 15 to 24", "those aged 65 and over"): who is
    counted, with no period of its own?"""
    return _AGED_BEFORE.search(sentence_raw, max(0, mention.start - 16), mention.start) is not None


_AGED_BEFORE = re.compile(r"(?i)\b(?:aged|ages|age\s+group|between\s+the\s+ages\s+of)\s+\Z")
_TENOR_NOUNS = (
    r"treasur(?:y|ies)|notes?|bonds?|yields?|gilts?|bunds?|debentures?|paper|bills?|deposits?"
    r"|loans?|mortgages?|leases?|repos?|lpr|rates?|certificates?|advances|swaps?|jgbs?|libor"
    r"|hibor|euribor|sofr|securities|borrowings?|facility|facilities|credits?|eurobonds?|issues?"
    # a metal exchange's forward contract: "three-month copper on the London Metal Exchange"
    r"|copper|alumini?um|nickel|zinc|tin"
)
_TENOR_AFTER = re.compile(
    rf"\s+(?P<np>(?:(?!(?:{_TENOR_NOUNS})\b)[A-Za-z][\w.'&-]*\s+){{0,3}}?(?:{_TENOR_NOUNS})"
    rf"(?:\s+(?:{_TENOR_NOUNS}))*)\b",
    re.I,
)


_NAME_BEFORE = re.compile(r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*),?\s*\Z")


_LINK_TAIL = re.compile(r"\s(?:by|at|were|was|of)\s+\Z")


def measure_for(
    sentence_raw: str,
    mention: Mention,
    *,
    mentions: Sequence[Mention] = (),
    measures: Sequence[str] = (),
    previous_measure: str = "",
) -> str:
    """The measure of `mention`; `mentions`/`measures` are the sentence's earlier figures and
    their measures (for "it added another 7.6%"), `previous_measure` the last one before the
    sentence (for table lines that continue)."""
    if mention.family == "age":  # "Henske, 53, has ..."
        name = _NAME_BEFORE.search(sentence_raw[: mention.start])
        return f"age of {name.group(1)}" if name else "age"
    instrument = tenor(sentence_raw, mention)
    if instrument:
        return f"{instrument} maturity"

    c_start, c_end = clause_bounds(sentence_raw, mention.start, mention.end)
    before = sentence_raw[c_start : mention.start]
    after = sentence_raw[mention.end : c_end]

    table = _table_measure(sentence_raw, mention, previous_measure)
    if table:
        return table

    if mention.unit_kind == "count" and mention.counted:
        if _EMPLOY_BEFORE.search(before):
            return "employees"
        if _OF_BEFORE.search(before):
            owner = _np_before(_OF_BEFORE.sub("", before))
            if owner and _head(owner).lower() not in _GENERIC_HEADS | _CHANGE_HEADS:
                return owner  # "a fleet of 63 aircraft"
        return _strip_np(mention.counted)

    # "143 joint projects worth $33.5 billion": the value of the counted things.
    if _WORTH_BEFORE.search(before):
        head = _WORTH_BEFORE.sub("", before)
        owner = _count_owner(mentions, mention)
        if owner:
            return f"value of {owner}"
        np = _np_before(head)
        if np:
            return f"value of {np}"

    # "Food prices rose 6.4%, non-food goods 8.5% and paid services 13.6%": a gapped list item
    if mentions and mentions[-1].end <= mention.start:
        gapped = GAPPED_ITEM.fullmatch(sentence_raw, mentions[-1].end, mention.start)
        same_kind = mentions[-1].unit_kind == mention.unit_kind
        words = list(_tokens(gapped.group("np"))) if gapped and same_kind else []
        if (
            words
            and words[-1].lower() not in _VERBS
            and not words[0].lower().endswith("ing")
            and not any(t.lower() in _FUNCTION - {"and"} for t in words)
        ):
            return _strip_np(gapped.group("np"))
    # "... to 6.05 billion dlrs from 1.97 billion": the figure continues the one before it.
    if measures and mentions:
        prev = mentions[-1]
        linked = _LINK_ONLY.match(sentence_raw[prev.end : mention.start])
        if prev.end <= mention.start and prev.start >= c_start and linked:
            return measures[-1]

    # "a trade deficit of 1.2 billion dlrs", "inflation of 3.2%".
    if _OF_BEFORE.search(before):
        np = _np_before(_OF_BEFORE.sub("", before))
        if np and np.lower() not in _PRONOUNS:
            heads = _PLACEHOLDER_HEADS | (
                _CHANGE_HEADS - {"loss", "gain"}
                if mention.unit_kind == "currency"
                else _CHANGE_HEADS
            )
            if _head(np).lower() not in heads:
                return np
            subject = _subject(sentence_raw[:c_start] + before[: -len(np) - 4])
            if subject and subject.lower() not in _PRONOUNS:
                return subject  # "..., reversing the cumulative drop of 5.8 pct"
            return np

    # "2.70 billion dlrs in Brazilian loans".
    if mention.unit_kind in ("currency", "mass", "volume", "energy"):
        m = _IN_AFTER.match(after)
        if m and not _TIME_WORDS.fullmatch(m.group("np").split()[-1]):
            words = m.group("np").split()
            cut = next((i for i, w in enumerate(words) if i and w.lower() in _VERBS), len(words))
            np = _strip_np(" ".join(words[:cut]))
            if np and np.split()[0].lower() not in _FUNCTION:
                return np
    # "7.7 % of net sales".
    if mention.unit_kind == "percent":
        m = _SHARE_OF_AFTER.match(after)
        if m:
            np = _strip_np(_cut_np(m.group("np")))
            if np:
                return f"share of {np}"

    # "a two billion shilling balance of payments surplus", "a 300 mln dlr M-1 rise".
    if (
        mention.unit_kind in ("currency", "percent", "mass", "volume", "area", "length", "power")
        and mention.explicit_unit
    ):
        np = _np_after(after)
        if np and _head(np).lower() not in _CHANGE_HEADS:
            return np

    # "priced at 101-3/4 pct": the issue price.
    if _rx(r"\bpriced\s+at\s+\Z", re.I).search(before):
        return "issue price"

    # "raised their prime rate one-half point", "put GDP growth at 7.9 pct".
    obj = _object_before(before)
    if obj:
        return obj

    # "..., and operating profit by 34.9 %", "with imports at 1.55 billion dlrs".
    link = (
        _rx(r"(?P<np>[A-Za-z][\w'’ -]*?)\s+(?:by|at|were|was|of)\s+\Z").search(before)
        if _LINK_TAIL.search(before, max(0, len(before.rstrip()) - 5))
        else None  # the tail test first: the full pattern tries every start in the sentence
    )
    if link and not any(t.lower() in _VERBS for t in _tokens(link.group("np"))):
        np = _np_before(link.group("np"))
        if np and np.lower() not in _PRONOUNS:
            return np

    subject = _subject(before)
    relative = _rx(r",\s*(?:which|who)\s*\Z", re.I).search(
        sentence_raw, max(0, c_start - 12), c_start
    )
    close = before.find(", ") if relative else -1
    if relative and close >= 0:
        # "Core inflation, which excludes food and energy prices, is estimated to have
        # accelerated to 12.3%": the subject stands before the relative clause
        outer = _subject(sentence_raw[: relative.start()] + " " + before[close + 2 :])
        if outer and outer.lower() not in _PRONOUNS:
            return outer
    if subject:
        if subject.lower() in ("which", "that"):
            antecedent = _np_before(_rx(r",\s*\Z").sub("", sentence_raw[:c_start]))
            if antecedent:
                return antecedent
        if subject.lower() in _PRONOUNS:
            return measures[-1] if measures else previous_measure
        return subject
    if measures and _rx(r"^\s*(?:and\s+)?[a-z]").match(before):
        return measures[-1]
    whole = _subject(sentence_raw[: mention.start])
    if whole and whole.lower() not in _PRONOUNS:
        return whole
    if mention.unit_kind in ("mass", "volume") and after:
        m = _rx(r"^\s+of\s+(?P<np>(?:[A-Za-z][\w'’-]*\s+){0,3}[A-Za-z][\w'’-]*)").match(after)
        if m:
            return _strip_np(_cut_np(m.group("np")))
    return measures[-1] if measures else previous_measure


def head_noun(measure: str) -> str:
    """The head of a measure phrase: 'new applications for benefits' -> 'applications'."""
    return _head(measure)


def _head(phrase: str) -> str:
    words = _rx(r"[A-Za-z][\w'’-]*").findall(phrase)
    for i, w in enumerate(words):
        if w.lower() in ("of", "for", "in", "on", "at", "to", "from", "with", "by", "under", "per"):
            words = words[:i]
            break
    return words[-1] if words else ""


def _table_measure(sentence_raw: str, mention: Mention, previous_measure: str) -> str:
    """Earnings-table lines: 'Shr profit four cts vs loss 13 cts', 'Other income 30 mln vs 41'."""
    text = _DATELINE.sub("", sentence_raw)
    offset = len(sentence_raw) - len(text)
    m = _LABEL.match(text)
    label = " ".join(m.group("label").split()).strip(" ,") if m else ""
    # A row of a numeric table ("Redeemed 64.1 3.1 1.7", "20.0 0.4 9.9"): a label, then numbers.
    row = _TABLE_ROW.fullmatch(text[m.end() if m else 0 :])
    if not row and not _rx(r"\bvs\.?\b").search(text):
        return ""
    if not label or offset > mention.start:
        return previous_measure if not label else ""
    if len(label.split()) > 8:
        return ""
    measure = _TABLE_LABELS.get(label.lower(), label[0].lower() + label[1:])
    near = sentence_raw[max(0, mention.start - 12) : mention.start].lower()
    if _rx(r"\bloss\s*\Z").search(near) and "loss" not in measure:
        measure = (
            _rx(r"\b(?:profit|earnings)\b").sub("loss", measure)
            if _rx(r"\b(?:profit|earnings)\b").search(measure)
            else f"{measure} loss"
        )
    elif _rx(r"\b(?:profit|income)\s*\Z").search(near) and "loss" in measure:
        measure = measure.replace("loss", "profit")
    return measure


_TABLE_ROW = re.compile(
    r"\s*(?:(?:nil|n\.?a\.?|--?|[-+]?[\d.,/]+%?|up|down|unch)\s+){1,}"
    r"(?:nil|n\.?a\.?|--?|[-+]?[\d.,/]+%?|up|down|unch)\s*",
    re.I,
)


def _count_owner(mentions: Sequence[Mention], mention: Mention) -> str:
    for other in reversed(mentions):
        if other.end <= mention.start and other.unit_kind == "count" and other.counted:
            return _strip_np(other.counted)
    return ""


@lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text))


def _object_before(before: str) -> str:
    """The object of a transitive verb right before the figure: 'raised their prime rate'."""
    last = None
    for m in _TRANSITIVE.finditer(before):
        last = m
    if last is None:
        return ""
    obj = before[last.end() :]
    obj = _rx(r"\s*\b(?:at|to|from|by|of)\s+(?:between\s+)?\Z", re.I).sub("", obj)
    obj = _rx(r"\s+to\s+[a-z]+\b|,").split(obj, maxsplit=1)[0]
    toks = [t for t in _tokens(obj) if _rx(r"[A-Za-z]").match(t)]
    if not toks or toks[0].lower() in ("by", "to", "from", "at", "about", "some", "around"):
        return ""
    if any(t.lower() in _VERBS for t in toks) or _rx(r"\d").search(obj):
        return ""
    np = _strip_np(" ".join(_strip_time_phrases(list(_tokens(obj)))))
    return np if np and np.lower() not in _PRONOUNS else ""


def _np_after(after: str) -> str:
    """A noun phrase the figure modifies: 'dlr M-1 rise' after '300 mln dlr'."""
    m = _ATTRIBUTIVE.match(after)
    if not m:
        return ""
    toks = [t for t in _tokens(m.group("np")) if _rx(r"[A-Za-z]").match(t)]
    if not toks or toks[0].lower() in {"including", "excluding"}:
        return ""
    kept: list[str] = []
    for i, t in enumerate(toks):
        low = t.lower()
        modifier = (
            low in _MODIFIER_VERBS
            and i + 1 < len(toks)
            and toks[i + 1].lower() not in (_FUNCTION | _VERBS)
        )
        if (low in _FUNCTION or low in _VERBS or low.endswith("ly")) and not modifier:
            break
        kept.append(t)
    if kept and kept[-1].lower() in ("of", "and"):
        kept.pop()
    return _strip_np(" ".join(kept)) if len(kept) >= 1 else ""


# Participles that modify an accounting noun after a figure: "KRW 10.4tn operating profit".
_MODIFIER_VERBS = frozenset(
    "operating trading adjusted reported expected estimated projected planned recorded".split()
)
_ATTRIBUTIVE = re.compile(r"^[ \t]+(?P<np>(?:[A-Za-z][\w'’-]*(?:[ \t]+|$)){1,6})", re.I)


def _np_before(text: str) -> str:
    """The noun phrase that ends `text`: '... sales of the Machine Shop division'."""
    toks = _strip_time_phrases(_drop_parentheticals(list(_tokens(text))))
    words: list[str] = []
    while toks:
        t = toks.pop()
        if t in ("'s", "’s"):
            words.insert(0, t)
            continue
        if not _rx(r"[A-Za-z]").match(t):
            if t in ("-", "&", "/") and words:
                words.insert(0, t)
                continue
            if toks and _name_number(toks[-1], t):
                words.insert(0, t)  # "the S&P 500", "the FTSE 100 index"
                continue
            break
        low = t.lower()
        if low == "and" and words and words[0][0].isupper() and toks and toks[-1][:1].isupper():
            words.insert(0, t)  # "Organisation for Economic Cooperation and Development"
            continue
        if low == "out" and words and words[0].lower() == "of":
            words.insert(0, t)  # "the number out of work"
            continue
        if low in _DETERMINERS and words and toks and toks[-1].lower() in _NP_PREPOSITIONS:
            words.insert(0, t)  # "of the Machine Shop division"
            continue
        if low in _FUNCTION or low in _VERBS or low.endswith("ly") or _UNIT_WORDS.match(t):
            if (
                low in _NP_PREPOSITIONS
                and (low not in ("to", "from") or (toks and toks[-1].lower() in _FLOW_NOUNS))
                and (
                    low not in ("before", "after")
                    or (words and words[0].lower() in _ACCOUNTING_ITEMS)
                )
                and words
                and toks
                and _rx(r"[A-Za-z]").match(toks[-1])
                and toks[-1].lower() not in _FUNCTION
                and toks[-1].lower() not in _VERBS
                and not _TIME_WORDS.fullmatch(words[0])
            ):
                words.insert(0, t)
                continue
            break
        words.insert(0, t)
        if len(words) >= 9:
            break
    while words and (words[0].lower() in ("of", "-", "&", "/") or words[0].lower() in _FUNCTION):
        words.pop(0)
    return _strip_np(" ".join(words).replace(" 's", "'s").replace(" ’s", "’s"))


def _subject(text: str) -> str:
    """The subject of the governing verb: the noun phrase before the last verb of `text`."""
    toks = list(_tokens(_APPOSITIVE.sub(" ", text)))
    idx = len(toks) - 1
    verb_at = -1
    while idx >= 0:
        low = toks[idx].lower()
        if low in _VERBS:
            verb_at = idx
            break
        if low in _MODALS and idx + 1 < len(toks) and _rx(r"[a-z]").match(toks[idx + 1]):
            verb_at = idx  # "Cost savings will then rise", "profits to fall"
            break
        idx -= 1
    if verb_at < 0:
        return ""
    idx = verb_at
    while idx > 0 and (toks[idx - 1].lower() in _VERBS or toks[idx - 1].lower() in _AUX):
        idx -= 1
    left = _strip_time_phrases(_drop_parentheticals(toks[:idx]))
    while left and (
        _TIME_WORDS.fullmatch(left[-1])
        or left[-1].lower().endswith("ly")
        or left[-1].lower() in ("in", "on", "during", "of", "the", "this", "last", "-", ",")
        or (
            _rx(r"\d[\d.,]*").fullmatch(left[-1])
            and not (len(left) > 1 and _name_number(left[-2], left[-1]))
        )
    ):
        left.pop()
    if not left:
        return ""
    np = _np_before(" ".join(left))
    if not np:
        return left[-1] if left[-1].lower() in _PRONOUNS else ""
    return np


def _name_number(word: str, number: str) -> bool:
    """'S&P 500', 'FTSE 100', 'Stoxx 600', 'Boeing 747': a number that is part of a name."""
    return bool(
        _rx(r"[1-9]\d{1,3}").fullmatch(number)
        and _rx(r"[A-Z][A-Za-z&]*").fullmatch(word)
        and word.lower() not in _FUNCTION
        and not _TIME_WORDS.fullmatch(word)
        and not _rx(r"(?:1[89]|20)\d\d").fullmatch(number)
    )


def _drop_parentheticals(toks: list[str]) -> list[str]:
    """'consumer price index (base 1985)' -> 'consumer price index'."""
    out: list[str] = []
    depth = 0
    for t in toks:
        if t == "(":
            depth += 1
        elif t == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(t)
    return out


def _strip_time_phrases(toks: list[str]) -> list[str]:
    """'accumulated inflation for the first three months of 1987' -> 'accumulated inflation'."""
    out = list(toks)
    while True:
        cut = None
        for i in range(len(out) - 1, -1, -1):
            low = out[i].lower()
            if low in ("for", "in", "during", "over", "of", "since", "through", "to"):
                tail = out[i + 1 :]
                if tail and all(
                    t.lower() in _TIME_PHRASE_WORDS
                    or _TIME_WORDS.fullmatch(t)
                    or _rx(r"\d[\d.,/-]*").fullmatch(t)
                    or t in (",", "-", "'s")
                    for t in tail
                ):
                    cut = i
                if cut is not None or low in ("for", "in", "during", "over", "since", "through"):
                    break
        if cut is None or cut == 0:
            return out
        out = out[:cut]


def _cut_np(np: str) -> str:
    words = []
    for w in np.split():
        if w.lower() in _FUNCTION and words:
            break
        words.append(w)
    return " ".join(words)


def _strip_np(np: str) -> str:
    """Trim determiners, trailing punctuation and time words off a noun phrase."""
    words = np.replace("\n", " ").split()
    while words and (words[0].lower() in _FUNCTION or _rx(r"\W+").fullmatch(words[0])):
        words.pop(0)
    while words and (
        words[-1].lower() in _FUNCTION
        or _TIME_WORDS.fullmatch(words[-1].strip(".,"))
        or _rx(r"\W+").fullmatch(words[-1])
    ):
        words.pop()
    out = " ".join(words).strip(" ,.;:")
    return out[:80]
