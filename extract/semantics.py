"""Kind (level or change), sign and modality of a figure, read from the words around it.

"increased by 10.2% to a record $28.2 billion": the verb directly governing a number makes it a
change ("by 10.2%", signed by the verb's direction), "to"/"from"/"at" make it a level. Growth and
inflation rates are changes; interest, unemployment and other rates, shares and ratios are
levels. Modality looks for plans, forecasts and targets in the figure's own clause only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from extract.patterns import guarded
from extract.patterns import rx as _rx
from extract.quantities import Mention

_UP = (
    r"rose|rise|rises|risen|rising|increased|increase|increases|increasing|grew|grow|grows|"
    r"growing|grown|gained|gain|gains|gaining|climbed|climb|climbs|climbing|jumped|jump|jumps|"
    r"jumping|surged|surge|surges|surging|soared|soar|soars|soaring|advanced|advance|advances|"
    r"advancing|added|add|adds|adding|up|higher|improved|improve|improves|improving|expanded|"
    r"expand|expands|expanding|boosted|boost|boosts|accelerated|accelerate|accelerates|"
    r"rebounded|rebound|rebounds|recovered|recover|recovers|widened|widen|widens|widening|"
    r"firmed|firm|firms|strengthened|appreciated|appreciate|raised|raise|raises|raising|hiked|"
    r"hike|hikes|lifted|lift|lifts|picked\s+up|went\s+up|moved\s+up|edged\s+up|inched\s+up|"
    r"ticked\s+up|crept\s+up|edged\s+higher|moved\s+higher|more|revalued|topped\s+up|swelled|"
    r"swell|multiplied|spiked|spiked\s+up|leapt|leaped|rallied|rally|rallies|outperformed"
)
_DOWN = (
    r"fell|fall|falls|fallen|falling|dropped|drop|drops|dropping|declined|decline|declines|"
    r"declining|decreased|decrease|decreases|decreasing|lost|lose|loses|losing|slipped|slip|"
    r"slips|slipping|slid|slide|slides|sliding|eased|ease|eases|easing|plunged|plunge|plunges|"
    r"plunging|plummeted|plummet|plummets|tumbled|tumble|tumbles|tumbling|sank|sink|sinks|"
    r"sinking|sunk|shrank|shrink|shrinks|shrinking|shrunk|contracted|contract|contracts|"
    r"contracting|cut|cuts|cutting|reduced|reduce|reduces|reducing|lowered|lower|lowers|"
    r"lowering|down|narrowed|narrow|narrows|narrowing|dipped|dip|dips|dipping|slumped|slump|"
    r"slumps|slumping|retreated|retreat|retreats|shed|sheds|shedding|weakened|weaken|weakens|"
    r"depreciated|depreciate|devalued|devalue|trimmed|trim|trims|slashed|slash|slashes|less|"
    r"went\s+down|edged\s+down|edged\s+lower|ticked\s+down|moved\s+down|inched\s+down|"
    r"moved\s+lower|came\s+down|dived|dove|dive|slowed|slow|slows|slowing|deteriorated|"
    r"worsened|lagged|underperformed|tanked|crashed|collapsed|halved|dilute|dilutes|diluted|"
    r"diluting|lay\s+off|lays\s+off|laid\s+off|laying\s+off|axed|axe|axes|eliminate|eliminated|"
    r"shave|shaves|shaved|shaving|knock|knocks|knocked|knocking|wipe|wipes|wiped|wiping|"
    r"subtract|subtracts|subtracted|subtracting|curb|curbs|curbed|curbing|scale\s+back|"
    r"scaled\s+back|scaling\s+back|pare|pared|paring|undershot|undershoot"
)
_FILLER = (
    r"(?:\s+(?:by|another|an\s+additional|a\s+further|a|an|some|just|only|nearly|almost|about|"
    r"roughly|around|sharply|slightly|marginally|strongly|modestly|steeply|substantially|"
    r"significantly|considerably|further|again|also|still|even|as\s+much\s+as|as\s+many\s+as|"
    r"more\s+than|less\s+than|over|under|close\s+to|an\s+estimated|an?\s+(?:seasonally\s+)?"
    r"adjusted|seasonally\s+adjusted|seasonally-adjusted|an?\s+(?:revised|provisional|preliminary|"
    r"confirmed|estimated|unrevised|record|further|net|real|nominal|annual|annualised|"
    r"annualized|seasonally\s+adjusted|seasonally-adjusted)(?:\s+(?:seasonally\s+adjusted|"
    r"seasonally-adjusted|annual|net))?|a\s+net|provisional|preliminary|"
    r"net|a\s+total\s+of|in\s+(?:real|nominal)\s+terms|an?\s+(?:robust|solid|strong|weak|modest|"
    r"healthy|meagre|meager|paltry|whopping|hefty|massive|sharp|steep|surprising|surprise|"
    r"bigger-than-expected|smaller-than-expected|better-than-expected|worse-than-expected|"
    r"stronger-than-expected|weaker-than-expected|larger-than-expected|higher-than-expected|"
    r"lower-than-expected|sizeable|sizable|significant|marginal|slight|small|big|large|"
    r"further|additional|cumulative|combined|total|record|net|average)|year[\s-]on[\s-]year|on\s+the\s+year|"
    r"on\s+the\s+month|from\s+a\s+year\s+(?:earlier|ago)|this\s+year|last\s+year|"
    r"in\s+\w+|so\s+far|overall|annually|a\s+year|per\s+year))*"
)
_VERB_BEFORE = guarded(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN})){_FILLER}\s*$", re.I)
_VERB_OBJECT_BEFORE = guarded(
    r"\b(?:(?P<up>raised|raises|raising|hiked|hikes|lifted|lifts|increased|increases|boosted|"
    r"grew|grows|expanded|expands)|"
    r"(?P<down>cut|cuts|cutting|lowered|lowers|reduced|reduces|trimmed|trims|slashed|eased))"
    r"\s+(?:(?!to\b|from\b|at\b|by\b|of\b)[A-Za-z'’-]+\s+){1,6}\Z",
    re.I,
)
_BY_BEFORE = re.compile(
    r"\bby\s+(?:(?:about|some|around|nearly|almost|roughly|a\s+further|another|an\s+additional|"
    r"only|just|a\s+total\s+of|an?\s+(?:provisional|revised|preliminary|seasonally\s+adjusted|"
    r"cumulative|combined|total|record|further|net|larger-than-expected|bigger-than-expected|"
    r"smaller-than-expected|steeper-than-expected|sharp|steep|modest|marginal|slight|surprise|"
    r"surprising|hefty|whopping|massive|average))\s+)?\Z",
    re.I,
)
_POLARITY = guarded(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b", re.I)
_GROWTH_AT = guarded(
    rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\s+at\s+(?:an?\s+)?(?:[\w-]+\s+){{0,4}}?"
    rf"(?:rate\s+of\s+)?\Z",
    re.I,
)
_CONTINUES = guarded(
    r"(?:\b(?:compared\s+with|compared\s+to|against|versus|vs\.?|from|after|and|or|but|"
    r"instead\s+of)|,)\s+"
    r"(?:(?:a|an|the)\s+)?(?:(?:revised|previous|year-earlier|provisional|preliminary|"
    r"confirmed|downwardly\s+revised|upwardly\s+revised|originally\s+reported|"
    r"previously\s+reported|initial\s+estimate\s+of|earlier\s+estimate\s+of|"
    r"(?:initially|originally|previously)\s+estimated)\s+)?\Z",
    re.I,
)
_COMPARED = guarded(
    r"\b(?:compared\s+with|compared\s+to|against|versus|vs\.?)\s+(?:\S+\s+)?\Z", re.I
)
_CHANGE_NOUNS_UP = (
    r"inflation|rise|rises|increase|increases|gain|gains|growth|jump|jumps|climb|surge|advance|hike|hikes|"
    r"rebound|improvement|expansion|upturn|appreciation|acceleration|pick-?up|uptick|"
    r"revaluation|recovery|boost|increment"
)
_CHANGE_NOUNS_DOWN = (
    r"dilution|negative\s+impact|adverse\s+impact|layoffs?|job\s+cuts?|decline|declines|drop|drops|fall|falls|decrease|decreases|reduction|reductions|cut|cuts|"
    r"contraction|slowdown|deterioration|downturn|depreciation|devaluation|slump|dip|plunge|"
    r"slide|shrinkage|retreat|erosion|loss"
)
_NOUN_BEFORE = guarded(
    rf"\b(?:(?P<up>{_CHANGE_NOUNS_UP})|(?P<down>{_CHANGE_NOUNS_DOWN}))\s+(?:of|by|was|is|"
    rf"were|amounted\s+to|came\s+to|totall?ed|totall?ing|amounting\s+to)(?:\s+(?:a|an|some|about"
    rf"|around|nearly|almost|"
    rf"more\s+than|less\s+than|just|only|over|under|roughly|up\s+to|at\s+least))*\s*$",
    re.I,
)
_NOUN_AFTER = re.compile(
    rf"^\s*(?:(?!(?:of|the|to|from|in|and|or|a|an|for|on|at|by|with|than|as|is|was|were|"
    rf"are|compared|against|versus|vs)\b)[A-Za-z][\w.'’-]*\s+){{0,2}}?"
    rf"(?:(?:year[\s-]on[\s-]year|annual|annualised|annualized|yearly|monthly|quarterly|"
    rf"weekly|daily|seasonally[\s-]adjusted|real|nominal|overall|average|sharp|steep|modest|"
    rf"slight|small|big|large|further|record|net|cumulative|combined|total|underlying|"
    rf"price|sales|volume|organic)\s+)*(?:(?P<up>{_CHANGE_NOUNS_UP}|(?:higher|up|more|larger"
    rf"|bigger|greater|wider)(?!\s+from))|(?P<down>{_CHANGE_NOUNS_DOWN}|(?:lower|down|less|smaller"
    rf"|narrower)(?!\s+from)))\b",
    re.I,
)
# "is customarily set 0.9 percentage point above the coupon": a spread, which is a level
_SPREAD_BEFORE = guarded(
    r"\b(?:set|priced|fixed|pegged|yield|yields|yielding|spread\s+of|margin\s+of)\s+(?:at\s+)?\Z",
    re.I,
)
_GAP_AFTER = re.compile(
    r"^\s+(?:(?P<down>below|under|lower\s+than|less\s+than|short\s+of)|"
    r"(?P<up>above|higher\s+than|more\s+than|greater\s+than|ahead\s+of))\s+(?:the|its|their|"
    r"a|an|last|this|that|year-ago|pre-pandemic|pre-crisis|[A-Z]\w*|\w+['’]s|\d{4})\b",
    re.I,
)
_RELATIVE_AFTER = re.compile(
    r"^\s*(?:\)?\s*)(?:y/y|yoy|y-o-y|q/q|qoq|m/m|mom|w/w|year[\s-]on[\s-]year|"
    r"month[\s-]on[\s-]month|quarter[\s-]on[\s-]quarter|on\s+the\s+(?:year|month|quarter|week)|"
    r"from\s+(?:a|the)\s+(?:year|month|quarter|week)\s+(?:earlier|ago|before)|"
    r"(?:on|over|from|compared\s+with|compared\s+to|versus|against)\s+(?:a\s+year\s+(?:earlier|ago)|"
    r"the\s+(?:previous|prior|same|preceding|year-earlier|year-ago)\b|last\s+year|the\s+year\s+"
    r"before)|annualised|annualized|at\s+an?\s+annual(?:ised|ized)?\s+rate|"
    r"at\s+an?\s+(?:seasonally\s+adjusted\s+)?annual\s+rate|"
    # "slowed from a 4.9% pace", "contributed 0.2 percentage points to growth"
    r"(?:annual(?:ised|ized)?\s+)?(?:pace|growth\s+rate|rate\s+of\s+(?:growth|increase))\b|"
    r"(?:to|from|off)\s+(?:economic\s+|gdp\s+|annual\s+)?(?:growth|gdp|inflation)\b)",
    re.I,
)
_CHANGE_MEASURE = guarded(
    r"\b(?:growth|inflation|increase|rise|gain|decline|change|drop|fall|appreciation|"
    r"depreciation|devaluation|deflation|expansion|contraction|cut|hike|reduction|"
    r"slowdown|acceleration)\b",
    re.I,
)
# The nouns whose percent is itself a change (spec: "growth and inflation rates are changes").
_RATE_OF_CHANGE = guarded(
    r"(?<!anti-)(?<!anti\s)\b(?:inflation|(?:economic\s+|gdp\s+|sales\s+|wage\s+|earnings\s+|output\s+|credit\s+|"
    r"loan\s+|deposit\s+|money\s+supply\s+|price\s+|rent\s+|revenue\s+|volume\s+)growth|"
    r"cpi|cpif|cpih|hicp|ppi|pce|consumer\s+prices?|producer\s+prices?|deflation|annual\s+rates|"
    r"disinflation)\b",
    re.I,
)
# "rose 6.4% year-on-year, non-food goods 8.5% and paid services 13.6%": a list whose later
# items leave the verb out; `np` is the item's name (its measure, for the measures stage)
GAPPED_ITEM = re.compile(
    r"(?:\s+(?:year[\s-]on[\s-]year|y/y|on\s+the\s+year|month[\s-]on[\s-]month|m/m"
    # "grow 4.6 percent in 2024 and 4.1 percent in 2025, and India 6.8 percent"
    r"|(?:in|for)\s+(?:fiscal\s+)?(?:19|20)\d\d(?:[/-]\d\d)?))?"
    r"\s*(?:,|;|,?\s+and|,?\s+while)\s+(?:the\s+)?(?P<np>(?:[A-Za-z][\w'’&.-]*\s+){1,5})",
    re.I,
)
_LEVEL_VERBS = frozenset("was were is are stood stands totalled totaled reached at".split())
# "..., with a seat factor of 79.9 per cent", "and an energy credit of €250": a named level
_NAMED_LEVEL = re.compile(r"\bof\s*\Z|\bwith\b", re.I)
_SUBJECT_BEFORE_WHICH = re.compile(r"\s*(?P<subject>[^,]{3,60}),\s+(?:which|who|that)\b", re.I)
_LEVEL_MEASURE = guarded(
    r"\b(?:unemployment|jobless|interest|discount|prime|lending|deposit|mortgage|yield|"
    r"share|stake|margin|ratio|rate\s+of\s+return|tax\s+rate|tariff|duty|coupon|"
    r"participation|occupancy|utilisation|utilization|capacity|penetration|market\s+share)\b",
    re.I,
)
_LEVEL_RATE = guarded(
    r"(?i)\b(?:unemployment|jobless|interest|policy|bank|deposit|lending|repo|cash|mortgage"
    r"|participation|vacancy|savings?|base|prime|discount|key|benchmark|tax)\s+rates?\b"
    r"|\bratio\b|\byields?\b|\bshare\b|\bmargin\b"
)
_CHANGED_COUNT = guarded(r"(?i)(?:added|created|(?P<down>lost|eliminated|axed|shed))\s+[a-z]")
_GROWTH_BEFORE = guarded(
    r"\b(?:growth|inflation|(?P<neg>deflation|contraction|decline)(?=(?:\s+[\w-]+){0,4}\s+"
    r"(?:of|was|is)\s)|deflation|contraction|decline|expansion|increase)\s+"
    r"(?:(?:from|in|since|over)\s+(?:[\w-]+\s+){1,3}(?=was\b|is\b))?"
    r"(?:rate\s+)?(?:of|at|was|is|to|from|reached|hit|slowed\s+to|accelerated\s+to|"
    r"picked\s+up\s+to|eased\s+to|stood\s+at|came\s+in\s+at)"
    r"(?:\s+(?:a|an|some|about|around|nearly|almost|just|only|an\s+annual|annual|"
    r"annualised|annualized|seasonally\s+adjusted|record|estimated))*\s*$",
    re.I,
)
_CLAUSE_BREAK = re.compile(
    r";|:\s|,\s+(?:and|but|while|whereas|although|though|which|when|after|as|with)\b|"
    r"\s(?:while|whereas|although|but)\s|\s+-{1,2}\s+|\s+–\s+|\s+—\s+",
    re.I,
)
_PROJECTED = guarded(
    r"\b(?:will|won't|'ll|would|wouldn't|shall|going\s+to|expects?|expected\s+to|"
    r"are\s+expected|is\s+expected|was\s+expected|were\s+expected|be\s+expected|"
    r"forecasts?|forecasted|forecasting|projects?\s+(?:that|a|an|to)|projected|projecting|"
    r"predicts?|predicted|predicting|plans?\s+to|planned|planning\s+to|plan\s+for|"
    r"aims?\s+(?:to|for|at)|aiming|targets?|targeted|targeting|seeks?\s+to|intends?\s+to|"
    r"should|could|may|might|can\s+expect|budgets?(?:ed)?\s+(?:for|at)|outlook|guidance|"
    r"guid(?:es|ed|ing)\s+(?:for|to|at|towards?)|(?:is|are|was|were|be)\s+seen\s+(?:at|between|"
    r"rising|falling|growing|reaching|hitting|near|around)|"
    r"anticipates?|anticipated|envisages?|envisaged|foresees?|foreseen|scheduled\s+to|"
    # "Conab sees soy exports at 92.4 million tons", "analysts see inflation at 4%"
    r"sees?\s+(?:[\w'-]+\s+){1,5}?at|"
    r"set\s+to|due\s+to\s+(?:be|reach|rise|fall)|proposed|proposes?|proposal|would\s+be|"
    r"estimates?\s+(?:that|it\s+will)|stands?\s+to|likely\s+to|unlikely\s+to|"
    r"on\s+track\s+to|if|goal|objective|pledged?|promised?|commit(?:s|ted)?\s+to|"
    r"to\s+be\s+(?:created|built|invested|spent|raised|completed))\b",
    re.I,
)
_NOT_PROJECTED = re.compile(
    r"\b(?:than|as)\s+(?:had\s+been\s+|was\s+|were\s+|analysts\s+|economists\s+|many\s+|"
    r"most\s+|the\s+market\s+|markets\s+)?(?:expected|forecast|predicted|projected|anticipated|"
    r"estimated)\b|\bexpectations?\b|\bforecasts?\s+(?:of|for)\s+\w+\s+(?:were|was)\b",
    re.I,
)


_IRREGULAR_PAST = frozenset(
    """was were had rose fell grew bought sold took made gave won lost paid spent sank shrank
    stood came went saw set cut hit ran held kept brought sought drew fought met""".split()
)
# "-ed" words that name a plan or a state rather than something done.
_NOT_DONE = frozenset(
    """expected planned scheduled proposed estimated projected forecasted targeted intended
    anticipated budgeted based owned listed combined adjusted unchanged need seed red shed
    bed fed led wed hundred""".split()
)


def reports_past(sentence_raw: str, mention: Mention) -> bool:
    """Does the figure's clause report something done ("For May shipment, it accepted offers
    for 50,000 tonnes")? Such a figure is actual even when its period lies ahead."""
    c_start, c_end = clause_bounds(sentence_raw, mention.start, mention.end)
    for word in _WORD_RE.findall(sentence_raw[c_start:c_end].lower()):
        if word in _IRREGULAR_PAST or (word.endswith("ed") and word not in _NOT_DONE):
            return True
    return False


def clause_bounds(sentence_raw: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding the span: between the nearest clause breaks around it."""
    return _clause_bounds_cached(sentence_raw, start, end)


@lru_cache(maxsize=8192)
def _breaks(sentence_raw: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(sentence_raw))


@lru_cache(maxsize=32768)
def _clause_bounds_cached(sentence_raw: str, start: int, end: int) -> tuple[int, int]:
    c_start, c_end = 0, len(sentence_raw)
    for b_start, b_end in _breaks(sentence_raw):
        if b_end <= start:
            c_start = b_end
        elif b_start >= end:
            c_end = b_start
            break
    return c_start, c_end


def kind_and_sign(
    sentence_raw: str,
    mention: Mention,
    *,
    measure: str = "",
    previous: Sequence[tuple[Mention, str, int]] = (),
) -> tuple[str, int]:
    """('change', -1) for "fell 3%"; ('level', 1) for "to $28.2 billion".

    `previous` holds the earlier figures of the sentence with their kinds and signs, so
    "compared with 0.6 pct" or "and 0.3 pct" takes the kind of the figure it continues.
    """
    c_start, _ = clause_bounds(sentence_raw, mention.start, mention.end)
    before = sentence_raw[max(c_start, mention.start - 90) : mention.start]
    after = sentence_raw[mention.end : mention.end + 60]
    relative = mention.unit_kind in ("percent", "percentage_point", "basis_point")
    money = mention.unit_kind == "currency"

    if mention.sign and relative:
        return "change", mention.sign
    counted = _CHANGED_COUNT.match(mention.counted or "")
    if mention.unit_kind == "count" and counted is not None:
        return "change", -1 if counted.group("down") else 1  # "with 67,000 added jobs"
    if mention.sign > 0 and _rx(r"\s*\+").match(mention.surface):
        return "change", 1  # "(+$1.65 to $35.45)": a written plus is a rise
    if mention.sign < 0 and mention.unit_kind in ("count", ""):
        return "change", -1  # "fell in New Brunswick (-3,800)": a count is never negative
    if polled(sentence_raw, mention):
        return "level", 1  # "a move forecast by only 4 of 26 economists": a head count
    # A change verb governing the number: "rose 2.1 billion dlrs", "cut its base rate 0.5 points".
    # End-anchored patterns only need the last words: searching a short tail is much cheaper.
    tail = _TRIMMED_MEAN.sub("core mean", before[-70:])  # a measure, not a cut
    # Each cue needs one of its words in the text: a set lookup rules most patterns out at once.
    words = _words(tail)
    after_words = _words(after)
    has_verb = not words.isdisjoint(_VERB_WORDS)
    verb = None
    if has_verb:
        verb = _VERB_BEFORE.search(tail) or (_VERB_OBJECT_BEFORE.search(tail) if relative else None)
        if verb is not None and verb.group("up") == "up" and _MAKE_UP.search(tail, 0, verb.start()):
            verb = None  # "now make up 3.8% of the total": a share, not a rise
    threshold = _rx(r"(?:below|above|beyond|under)\b", re.I).match(mention.surface)
    if verb and _ARTICLE_BEFORE.search(tail) and mention.unit_kind != "count":
        attributive = _NOUN_AFTER.match(after)
        if attributive and not (money and _is_item(attributive)):
            # "Eurostat added a 1.6 pct fall in prices": the noun, not the verb, is the change
            return "change", -1 if attributive.group("down") else 1
    if verb and not (money and _rx(r"rais", re.I).match(verb.group())) and not threshold:
        return "change", -1 if verb.group("down") else 1
    # "... and operating profit by 34.9 %": the verb is further back.
    if "by" in words and _BY_BEFORE.search(tail):
        polarity = _last_polarity(sentence_raw[: mention.start])
        if polarity:
            return "change", polarity
    noun = _NOUN_BEFORE.search(tail) if not words.isdisjoint(_NOUN_WORDS) else None
    if noun and not (money and _is_item(noun)):
        return "change", -1 if noun.group("down") else 1
    gap = _GAP_AFTER.match(after) if not (threshold or _SPREAD_BEFORE.search(tail)) else None
    if gap and mention.unit_kind != "count":
        # "4.5% below last season's crop", "£14,000 below the peak": a difference from a base
        return "change", -1 if gap.group("down") else 1
    if mention.unit_kind != "count" and not after_words.isdisjoint(_AFTER_WORDS):
        noun_after = _NOUN_AFTER.match(after)
        if noun_after and not (money and _is_item(noun_after)):
            return "change", -1 if noun_after.group("down") else 1
    growth = (
        _GROWTH_BEFORE.search(tail) if relative and not words.isdisjoint(_GROWTH_WORDS) else None
    )
    if growth is not None and growth.group("neg") and not mention.sign:
        return "change", -1  # "the decline from October 2023 was 0.2%"
    if relative and (_RELATIVE_AFTER.match(after) or growth is not None):
        if (
            not mention.sign
            and previous
            and previous[-1][1] == "change"
            and previous[-1][0].unit_kind == mention.unit_kind
            and _rx(r"(?:\band|,)\s+\Z", re.I).search(tail)
        ):
            return "change", previous[-1][2]  # "fuel prices fell 7.2% y/y and 3.8% m/m"
        return "change", mention.sign or 1
    if relative and _rx(r"\bflat\s+at\s+\Z", re.I).search(tail) and not _LEVEL_RATE.search(tail):
        return "change", 1  # "capital expenditure was flat at 0.0%"; not "the jobless rate"
    if relative and "returned" in words and _rx(r"\breturned\s+\Z", re.I).search(tail):
        return "change", mention.sign or 1  # "The fund returned 8.6%": its value's change
    grew_at = _GROWTH_AT.search(tail) if has_verb and "at" in words else None
    if relative and grew_at:
        return "change", -1 if grew_at.group("down") else 1
    # "compared with 16.6 pct", "and 0.3 pct in October": the figure it continues.
    # "fell $15.40, or 0.8%": the same change, relative.
    if previous and previous[-1][1] == "change" and _rx(r",\s*or\s+\Z").search(tail):
        return "change", previous[-1][2]
    if previous and _CONTINUES.search(tail):
        for prev, prev_kind, prev_sign in reversed(previous):
            if prev.unit_kind == mention.unit_kind:
                if prev_kind == "change" and _COMPARED.search(tail):
                    return "change", mention.sign or 1
                if _rx(r"\b(?:from|to)\s+\S*\s*\Z", re.I).search(before) and prev_kind == "level":
                    return "level", 1
                return prev_kind, prev_sign if prev_kind == "change" else 1
    if previous and previous[-1][1] == "change":
        prev, _, prev_sign = previous[-1]
        if gapped_item(sentence_raw, prev, mention):
            return "change", prev_sign  # the verb is left out: "..., non-food goods 8.5%"
    if (
        mention.unit_kind == "percent"
        and previous
        and previous[-1][0].unit_kind in ("percentage_point", "basis_point")
        and _rx(r"\bto\s+\Z", re.I).search(tail)
    ):
        return "level", 1  # "will rise by 1.2 percentage points to 15pc": the rate it reaches
    if (
        relative
        and measure
        and _CHANGE_MEASURE.search(measure)
        and not _LEVEL_MEASURE.search(measure)
    ):
        return "change", mention.sign or 1
    # "Food inflation, which ..., climbed to 37.92 per cent": the subject is a rate of change
    # even when the measure read is something else
    if relative and mention.unit_kind == "percent":
        subject = sentence_raw[c_start : mention.start]
        relative_clause = _SUBJECT_BEFORE_WHICH.match(sentence_raw)
        if relative_clause and relative_clause.end() <= mention.start:
            subject = relative_clause.group("subject") + " " + subject
        rate = _RATE_OF_CHANGE.search(subject)
        if rate and not _LEVEL_MEASURE.search(subject, rate.start()):
            return "change", mention.sign or 1
    return "level", -1 if mention.sign < 0 else 1


_TRIMMED_MEAN = re.compile(r"(?i)\btrimmed[- ]mean")
_MAKE_UP = guarded(
    r"(?i)\b(?:make|makes|made|making|take|takes|took|taking|sum|sums|summed|line|lined)\s+\Z"
)


def gapped_item(sentence_raw: str, prev: Mention, mention: Mention) -> bool:
    """Is `mention` an item of a list that leaves out the verb of the figure `prev` before it
    ("rose 6.4%, non-food goods 8.5%", "grow 4.1 percent in 2025, and India 6.8 percent")?"""
    between = sentence_raw[prev.end : mention.start]
    return (
        prev.unit_kind == mention.unit_kind
        and GAPPED_ITEM.fullmatch(between) is not None
        and _words(between).isdisjoint(_VERB_WORDS | _LEVEL_VERBS)
        and not _NAMED_LEVEL.search(between)
    )


_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+\Z", re.I)
_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)?")


@lru_cache(maxsize=16384)
def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD_RE.findall(text.lower()))


def _alternatives(pattern: str) -> frozenset[str]:
    """The words of a `a|b|picked\\s+up` alternation, for the set pre-checks."""
    return frozenset(w for alt in pattern.split("|") for w in _rx(r"\\s\+|\s").split(alt) if w)


_VERB_WORDS = _alternatives(_UP) | _alternatives(_DOWN) | {"raise", "hikes", "lifts", "cutting"}
_NOUN_WORDS = (
    _alternatives(_CHANGE_NOUNS_UP) | _alternatives(_CHANGE_NOUNS_DOWN) | {"pick-up", "pickup"}
)
_AFTER_WORDS = _NOUN_WORDS | {
    "higher",
    "up",
    "more",
    "lower",
    "down",
    "less",
    "increase",
    "decline",
    "drop",
    "larger",
    "bigger",
    "greater",
    "wider",
    "smaller",
    "narrower",
}
_GROWTH_WORDS = frozenset(
    {
        "growth",
        "inflation",
        "deflation",
        "expansion",
        "contraction",
        "increase",
        "decline",
    }
)


_STATIVE_BEFORE = guarded(
    r"(?:['’]s|\b(?:current|existing|outstanding|present|its|their)(?:\s+[\w-]+){0,3}\s+of|"
    r"\bfrom(?:\s+(?:the|its|a|current|present|existing))*)\s+\Z",
    re.I,
)
# Capitalised "May" is the month (or a name), the modal verb is written in lower case.
_MAY_MONTH = guarded(r"\bMay\b")
# Every word that can start a projection cue, for the pre-check in `modality`.
_PROJECTED_WORDS = frozenset(
    """will won't would wouldn't shall going expects expect expected forecast forecasts
    forecasted forecasting projects project projected projecting predicts predict predicted
    predicting plans plan planned planning aims aim aiming targets target targeted targeting
    seeks seek intends intend should could may might can budget budgets budgeted outlook
    guidance anticipates anticipate anticipated envisages envisage envisaged foresees foresee
    foreseen scheduled set due proposed proposes propose proposal estimates estimate stands
    stand likely unlikely track if goal objective pledge pledged pledges promise promised
    promises commits commit committed guides guided guiding seen sees see""".split()
)


def _is_item(match: re.Match[str]) -> bool:
    """'an extraordinary gain of two cts', 'a loss of 5 mln': amounts, not changes."""
    word = (match.group("up") or match.group("down") or "").lower()
    return word.startswith(("gain", "loss"))


@lru_cache(maxsize=8192)
def _last_polarity(text: str) -> int:
    last = None
    for m in _POLARITY.finditer(text):
        last = m
    if last is None:
        return 0
    return -1 if last.group("down") else 1


# the people a poll asked: "35 of 57 economists", "26 economists in a Reuters poll"
_POLLED_NOUNS = (
    r"economists|analysts|forecasters|strategists|traders|dealers|fund\s+managers|respondents"
    r"|market\s+participants"
)
_POLL_CONTEXT = guarded(
    r"(?i)\b(?:poll\w*|survey\w*|forecast\w*|expect\w*|estimate\w*|predict\w*|consensus)\b"
)
_POLLED_COUNTED = re.compile(rf"(?i)\A(?:{_POLLED_NOUNS})\b")
_POLLED_OF = guarded(rf"(?i)\s+of\s+(?:the\s+)?\d[\d,]*\s+(?:{_POLLED_NOUNS})\b")


def polled(sentence_raw: str, mention: Mention) -> bool:
    """Is the figure a count of the people a poll asked ("26 economists", "35 of 57
    economists")? A head count as of the poll, whatever they forecast."""
    if (
        mention.unit_kind not in ("count", "other", "")
        or _POLL_CONTEXT.search(sentence_raw) is None
    ):
        return False
    if _POLLED_COUNTED.match(mention.counted):  # as written: "26 economists"
        return True
    return not mention.unit and _POLLED_OF.match(sentence_raw, mention.end) is not None


def modality(sentence_raw: str, mention: Mention) -> str:
    """'projected' when the figure's clause is a plan, forecast, target or condition."""
    if polled(sentence_raw, mention):
        return "actual"
    c_start, c_end = clause_bounds(sentence_raw, mention.start, mention.end)
    clause = sentence_raw[c_start:c_end]
    rel_start = mention.start - c_start
    rel_end = mention.end - c_start
    before = clause[max(0, rel_start - 160) : rel_start]
    # A stock named in a noun phrase is a fact even under a modal verb: "may upgrade Fleet's
    # 1.1 billion dlrs of debt", "50 pct-owned", "the current limit of 30 billion dlrs", and the
    # level a planned change starts "from".
    if _STATIVE_BEFORE.search(before) or _rx(r"-owned\b").match(clause, rel_end):
        return "actual"
    # Cues after the figure count up to the next comma: "15,000 jobs will be created" but not
    # "a 40 dlr offer for Purolator, said it would sell".
    ahead = clause[rel_start : min(len(clause), rel_start + 90)].split(", ", 1)[0]
    window = _MAY_MONTH.sub("month", before + ahead)
    if not _words(window).isdisjoint(_PROJECTED_WORDS) or "'ll" in window or "to be " in window:
        cleaned = _NOT_PROJECTED.sub(" ", window)
        if _PROJECTED.search(cleaned):
            return "projected"
    # "... 15,000 jobs, the ministry forecast": a forecast verb governing the whole sentence.
    head = _MAY_MONTH.sub("month", sentence_raw[:c_start])
    if c_start and _rx(
        r"\b(?:expects?|forecasts?|predicts?|projects?|estimates?\s+that|sees|plans?)\s+(?:that\s+)?$",
        re.I,
    ).search(head[-40:]):
        return "projected"
    return "actual"
