"""Periods: which stretch of time a figure refers to, and which date-like text is never a figure.

Three layers, each cached so a document costs one pass:

* a scanner finds period expressions in a sentence ("last year", "January-August of this year",
  "the week ended February 22", "fiscal 1986/87", "Q3", "by 2033") and parses each into a
  resolver that needs only the publication date and the document's fiscal conventions;
* per sentence, each figure takes the expression of its own clause (the one right after it,
  else the nearest before it, else one after it), and comparison bases ("from 1.97 billion in
  1986", "vs 1.10 dlrs") take theirs or "the same period a year earlier";
* per document, earnings tables ("4TH QTR NET" / "Year" / "Shr 1.25 dlrs vs 1.10 dlrs") and
  wire stories that state the period once ("... in January. Exports rose 5.2 pct.") lend a
  period to sentences that have none.

Relative expressions resolve against the publication date only, never against today.
Vocabulary and fiscal/marketing-year conventions live in `extract/data/periods.json`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from types import SimpleNamespace

from extract.context import DocContext
from extract.patterns import after_price_row, first_char_guard, guarded, trie


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    label: str  # the period as written, "" if none
    basis: str  # explicit | relative | publication | unknown


UNKNOWN = Period(None, None, "", "unknown")
Interval = tuple[dt.date | None, dt.date | None]

# ----------------------------------------------------------------------------------------------
# Calendar arithmetic


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    if not (1 <= y <= 9998 and 1 <= m <= 12):
        return None
    return dt.date(y, m, min(d, calendar.monthrange(y, m)[1])) if d >= 1 else None


def _ending(end: dt.date, months: int = 0, days: int = 0) -> Interval:
    """An interval of `months` months (or `days` days) that ends on `end` inclusive."""
    if days:
        return end - dt.timedelta(days=days - 1), end
    return _add_months(end + dt.timedelta(days=1), -months), end


def _shift(iv: Interval, months: int = 0, days: int = 0) -> Interval:
    def one(d: dt.date | None) -> dt.date | None:
        if d is None:
            return None
        if days:
            return d + dt.timedelta(days=days)
        moved = _add_months(d, months)
        if d == _month_end(d.year, d.month):
            return _month_end(moved.year, moved.month)
        return moved

    return one(iv[0]), one(iv[1])


# ----------------------------------------------------------------------------------------------
# Vocabulary (data file) and grammar, built on first use


@cache
def _lex() -> SimpleNamespace:
    raw = json.loads(resources.files("extract").joinpath("data/periods.json").read_text("utf-8"))
    return SimpleNamespace(
        months=raw["months"],
        ambiguous=frozenset(raw["months_ambiguous"]),
        weekdays=raw["weekdays"],
        ordinals=raw["ordinals"],
        numbers=raw["numbers"],
        year_nouns=frozenset(raw["year_nouns"]),
        year_attributive=frozenset(raw["year_attributive"]),
        report_nouns=frozenset(raw["report_nouns"]),
        fiscal=raw["fiscal_years"],
        government=tuple(raw["government_cues"]),
        marketing=raw["marketing_years"],
        seasons=raw["marketing_years"] | raw["season_words"],
        event_words=frozenset(raw["event_verbs"]) | frozenset(raw["event_nouns"]),
        speech_set=frozenset(raw["speech_verbs"]),
        securities=frozenset(raw["security_nouns"]),
    )


# Words that end the short object between an event word and its date ("introduced a pay freeze
# in February"): a clause, a verb or another preposition's phrase begins there.
_NOT_OBJECT = frozenset(
    """that to and but which who said says will would could may might should shall can is are
    was were be been has have had after before at in on for from by with since during until
    than as into over under against""".split()
)
_HEAD_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'&-]*|[^\sA-Za-z]")
_SPEECH_ADVERBS = frozenset("early late earlier also again only first".split())


def _said_before(head: str) -> bool:
    """Does `head` end with a verb of saying ("said", "announced also")?"""
    words = _HEAD_TOKEN.findall(head[-40:])[-2:]
    if words and words[-1] in _SPEECH_ADVERBS:
        words = words[:-1]
    return bool(words) and words[-1] in _lex().speech_set


def _event_before(head: str) -> bool:
    """Does `head` end with an event verb or noun and at most five words of its object
    ("introduced a pay freeze", "the acquisition of Scott, Foresman and Co")?"""
    lex = _lex()
    tokens = _HEAD_TOKEN.findall(head)
    objects = 0
    following = ""
    for tok in reversed(tokens):
        if tok == ",":
            continue
        if not tok[0].isalpha():
            return False
        if tok in lex.event_words or (tok[0].isupper() and tok.lower() in lex.event_words):
            return True
        if tok in _NOT_OBJECT and not (tok == "and" and following[:1].isupper()):
            return False
        objects += 1
        if objects > 5:
            return False
        following = tok
    return False


def _guarded(alternation: str) -> str:
    """Each top-level branch of the atom grammar behind a lookahead on the characters it can
    begin with, so a start where a branch cannot match fails it at once instead of trying its
    month and number alternations (about twice as fast; the matches are the same)."""
    branches = re.split(r"\n\s*\| (?=\(\?P<)", alternation.strip())
    out = []
    for branch in branches:
        guard = first_char_guard(branch, re.X)
        out.append(guard + branch)
    return "\n| ".join(out)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _g() -> SimpleNamespace:
    lex = _lex()
    mon_forms: list[str] = []
    for name in lex.months:
        mon_forms += [name.title(), name.upper()]
        if len(name) > 4 and name not in lex.ambiguous:
            mon_forms.append(name)
    mon = rf"(?:{_alt(mon_forms)})(?![A-Za-z])\.?"
    mon_ci = rf"(?:{_alt(list(lex.months))})(?![A-Za-z])\.?"
    mon_lc = rf"(?:{_alt([m for m in lex.months if len(m) > 3])})(?![A-Za-z])"
    numw = rf"(?i:{_alt(list(lex.numbers))})"
    dayw = rf"(?i:{_alt([w for w, n in lex.numbers.items() if n <= 31])})"
    ordw = rf"(?:{_alt(list(lex.ordinals))})"
    wday = rf"(?:{_alt([w.title() for w in lex.weekdays] + [w.upper() for w in lex.weekdays])})"
    span_adj = r"(?:statement|reporting|accounting|reserve|maintenance|settlement|trading)"
    # "the Russell 2000 index" names an index, not a year
    year = r"(?<!Russell\s)(?:1[89]\d\d|20\d\d)(?!\d)(?![.,]\d)"
    day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%])(?![.,]\d)"
    date = rf"(?:{mon}\s*{day}(?:\s?,?\s*{year})?|{day}\s+(?:of\s+)?{mon}(?:\s?,?\s*{year})?)"
    en_date = rf"""(?i:end-|the\s+end\s+of\s+)?(?:{date}|{mon}\s+{dayw}(?![\w-])
        |(?i:the\s+)?{mon}\s+(?i:quarter|qtr)(?:,?\s+{year})?(?![\w-])
        |{mon}(?:,?\s+{year})?|(?i:{mon_ci})(?:,?\s+{year})?)"""
    tz = r"(?:GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|JST|HKT|SGT|UTC|hrs|hours|local\s+time)"
    atoms = rf"""
      (?P<contract>(?<![A-Za-z])(?P<ct_m>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)
          (?P<ct_y>\d)(?![\d/.,]))
    | (?P<numdate>(?<![\d/.,-])(?:\d{{4}}-[01]\d-[0-3]\d|[01]?\d/[0-3]?\d/(?:\d{{4}}|\d\d)
          |[0-3]?\d\.[01]?\d\.\d{{4}})(?![\d/]|[.-]\d))
    | (?P<time>(?<![\d.,:])(?:(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?:[ap]\.?m\b\.?|{tz}))?(?![\d:])
          |(?:[01]?\d|2[0-3])\.[0-5]\d\s*(?:[ap]\.m\.|[ap]m\b|{tz})
          |(?:[01]\d|2[0-3])[0-5]\d\s*{tz}\b
          |(?:1[0-2]|0?[1-9])\s*(?:[ap]\.m\.|[ap]m\b)))
    | (?P<weekmd>(?i:the\s+)?{mon}\s*{day}(?i:\s+week)\b)
    | (?P<weekdate>(?P<wd_n>\d{{1,2}}|{numw})-(?P<wd_u>(?i:weeks?|months?))\s+(?P<wd_date>{date}))
    | (?P<weekof>(?i:(?:the\s+)?weeks?\s+of)\s+(?P<wo_a>{date})(?:\s+(?i:and|to|through)\s+
          (?P<wo_b>{date}|(?i:{mon_ci})\s*{day}|{day}(?![\d,]*\s*(?:[A-Za-z%]))))?)
    | (?P<ended>(?:(?P<en_n>\d{{1,2}}|{numw})[-\s]
          (?P<en_u>(?i:weeks?|wks?|months?|mths?|mos|years)\.?)
          (?:\s+(?i:{span_adj}\s+)?(?i:period))?
          |(?:(?i:{ordw})[-\s])?(?P<en_w>(?i:fiscal\s+years?|financial\s+years?|years?|quarters?|qtrs?|half[-\s]years?
          |half|(?:{span_adj}\s+)?periods?|weeks?|wks?)))
        \s*,?\s+(?:(?i:that|which)\s+)?(?i:ended|ending|ends|to|through|thru|(?P<en_from>beginning|starting|begins|starts))
        (?:\s+(?i:on))?\s+(?:(?P<en_wd>{wday}|(?i:yesterday|today))(?![A-Za-z]),?\s*)?
        (?P<en_date>(?(en_wd)(?:{en_date})?|{en_date})))
    | (?P<fiscal>(?i:fiscal|financial)(?:\s+(?i:years?))?\s+(?P<fi_a>{year}|'\d\d)
          (?:\s*[/-]\s*(?P<fi_b>\d{{4}}|\d\d)(?!\d))?
        |(?<![A-Za-z])(?:(?P<fi_m>\d{{1,2}})M\s?)?FY\s?-?(?P<fi_c>{year}|\d\d(?!\d))
          (?:[/-](?P<fi_d>\d{{4}}|\d\d)(?!\d))?
        |(?P<fi_e>{year})(?:\s*[/-]\s*(?P<fi_f>\d{{4}}|\d\d)(?!\d))?\s+(?i:fiscal|financial)
          (?:\s+(?i:years?))?)
    | (?P<yrange>(?<![\w$€£¥.,/-])(?P<yr_a>{year})\s*[/–-]\s*(?P<yr_b>\d{{4}}|\d\d)(?![\d%]|[.,]\d))
    | (?P<decade>(?<![\w$.,])(?:1[89]\d0|20\d0)'?s\b|'[0-9]0s\b)
    | (?P<qcode>(?<![\w.$])(?:Q(?P<qc_q>[1-4])(?:\s?[/-]?\s?(?P<qc_y>{year}|'\d\d|\d\d(?!\d)))?
          |(?P<qc_q2>[1-4])Q(?P<qc_y2>'?\d\d(?!\d))?)(?:(?![\w$%])|(?=FY\d)))
    | (?P<hcode>(?<![\w.$])(?:H(?P<hc_h>[12])(?:\s?[/-]?\s?(?P<hc_y>{year}|'\d\d))?
          |(?P<hc_h2>[12])H(?P<hc_y2>'?\d\d(?!\d))?)(?:(?![\w$%])|(?=FY\d)))
    | (?P<wkofm>(?i:(?:the\s+)?(?P<wm_o>first|second|third|fourth|last|final)\s+week\s+of\s+)
        (?P<wm_m>{mon}|(?i:{mon_ci}))(?:,?\s+(?P<wm_y>{year}))?)
    | (?P<anaph>(?i:(?:the\s+)?(?P<an_p>first|second|last|final|latest)\s+(?P<an_u>week|half)
          \s+of\s+(?:the|this|that|a)\s+(?:(?P<an_n>\d{{1,2}}|{numw})[-\s]weeks?\s+)?
          (?P<an_s>(?:{span_adj}\s+)?period)
          |(?:the|this|that)\s+(?:(?P<an_n2>\d{{1,2}}|{numw})[-\s]weeks?\s+)?(?P<an_b>(?:{span_adj}\s+)?period)
          |the\s+(?P<an_w>week)
          |(?P<an_c>current|latest)\s+(?P<an_cu>periods?|week)
          |(?:(?P<an_l>latest)|the)\s+(?P<an_ln>\d{{1,2}}|{numw})\s+weeks
          |the\s+(?P<an_mn>\d{{1,2}}|{numw})\s+(?:months|mths))(?:'s)?(?![\w-])
          (?!\s*,?\s*(?i:(?:that|which)\s+)?(?:ended|ending|ends|end|to|through|thru|beginning|starting
          |begins|starts|of|before|earlier|ago|from|since|under|when|in\s+which|a\s+year|last|a\s+week)\b)
          (?!\s+(?:{mon}|(?i:{mon_ci})\s*\d|\d|'\d)))
    | (?P<quarter>(?i:(?P<q_o>{ordw})[-\s](?:fiscal\s+)?(?:quarter|qtr)s?(?:[-\s]year)?)
        (?![A-Za-z])\.?
        |(?i:last\s+(?:quarter|qtr))(?=\s+of\s+(?:the\s+year|fiscal|financial|{year})))
    | (?P<half>(?i:(?P<h_o>first|second|1st|2nd)[-\s](?:fiscal\s+)?(?:half|hlf)(?:[-\s]year)?)
        (?![A-Za-z])
        (?!\s+of\s+(?i:the|a|this|that)\s+(?:[\w-]+\s+){{0,3}}?(?i:period|week)\b))
    | (?P<nmonths>(?i:(?:first|initial)\s+(?P<nm_n>\d{{1,2}}|{numw})[-\s](?:months|mths|mos)\b\.?)
        |(?i:(?:first|initial)\s+(?P<nq_n>two|three|2|3)[-\s](?:quarters|qtrs)\b\.?)
        |(?i:(?:last|final|closing)\s+(?P<nm_l>\d{{1,2}}|{numw})[-\s](?:months|mths|mos)\b\.?)
          (?=\s+of\s+(?:the\s+year|fiscal|financial|{year}))
        |\A\s*(?P<nm_h>\d{{1,2}}|(?i:{numw}))[-\s](?i:months|mths|mos)\.?(?=\s*:?\s*\Z)
        |\A\s*(?P<wk_h>\d{{1,2}}|(?i:{numw}))[-\s]?(?i:weeks|wks)\.?(?=\s*:?\s*\Z))
    | (?P<tref>(?i:(?:in|during)\s+(?:the\s+)?|for\s+(?!the\s+year\b)(?:the\s+)?
          |(?<=\band\s)(?=(?:\d{{1,2}}|{numw})\s+(?:mths|mos)\b))(?:(?i:quarter|qtr|year)
          |(?P<tr_n>\d{{1,2}}|{numw})\s+(?i:mths|mos)\.?)(?![\w-])
          (?!\s+(?i:ago|earlier|ended|ending|to|through|thru|of|based|centred|centered|so\b))
        |\A\s*(?:NOTE:\s*)?(?:Latest\s+|Year-ago\s+)?(?:Quarter|Qtr|Year)(?=\s+[a-z])
          (?!\s+(?:to|ago|earlier|ended|ending|end|on|over)\b))
    | (?P<hyear>\A\s*(?i:(?:full|fiscal)\s+)?(?i:year)(?=\s*:?\s*\Z))
    | (?P<movavg>(?i:(?P<ma_n>\d{{1,2}}|{numw})[-\s](?P<ma_u>week|month|day|quarter)\s+moving
          \s+average))
    | (?P<ndays>(?i:(?:the\s+)?(?P<nd_o>first|second|third|last))\s+
          (?P<nd_n>\d{{1,2}}|(?i:{numw}))\s+(?i:days)\s+(?i:of)\s+
          (?P<nd_m>{mon})(?:,?\s+(?P<nd_y>{year}))?)
    | (?P<firstweeks>(?i:(?:the\s+)?first\s+(?P<fw_n>\d{{1,2}}|{numw})\s+weeks\s+of\s+(?:its|the)
          \s+(?:fiscal\s+|financial\s+)?year)\b)
    | (?P<fullyear>(?i:(?:the\s+)?(?:full|whole|entire)[-\s]year|(?<=for\s)the\s+year
          (?![-\s]+(?:to|ended|ending|through|earlier|ago|before|so\s+far)\b)))
    | (?P<relmon>(?i:(?P<rm_w>last|this|next)\s+)(?P<rm_m>{mon}))
    | (?P<ytd>(?i:year[- ]to[- ]date|so\s+far\s+this\s+year|this\s+year\s+to\s+date
          |(?:(?<=since\s)|(?<=from\s))the\s+(?:beginning|start|turn)\s+of\s+(?:the|this)\s+year
          |(?:in\s+)?the\s+year\s+so\s+far|calendar\s+year[- ]to[- ]date))
    | (?P<yoy>(?i:year[- ]on[- ]year|year[- ]over[- ]year|y/y|yr/yr|on\s+the\s+year
          |on\s+an\s+annual\s+basis|at\s+an\s+annual\s+rate))
    | (?P<reln>(?i:(?P<rn_w>last|past|next|previous|prior|coming|preceding|following)\s+
          (?P<rn_n>\d{{1,2}}|{numw})\s+(?P<rn_u>years|months|quarters|weeks|days|hours))\b
        |(?i:(?P<rn_n2>\d{{1,2}}|{numw})\s+(?P<rn_w2>previous|preceding|prior)\s+
          (?P<rn_u2>years|months|quarters|weeks|days))\b
        |(?i:(?<=over\s)(?P<rn_n3>\d{{1,2}}|{numw})\s+(?P<rn_u3>years))\b)
    | (?P<same>(?i:(?:the\s+)?(?:same|corresponding|comparable|year[- ]earlier|year[- ]ago)\s+
          (?:period|quarter|qtr|month|week|time|year|half|months|(?:\d{{1,2}}|{numw})\s+(?:months|mths|mos))
          (?:\s+(?:a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?last\s+year|(?:of\s+|in\s+)?
          the\s+(?:previous|prior)\s+year|(?:of\s+|in\s+)?(?P<sm_y>{year})))?)
        |(?i:(?:the\s+)?(?:same|corresponding|comparable)\s+)(?P<sm_y2>{year})\s+
          (?i:period|quarter|qtr|half|months)\b
        |(?i:(?:the\s+)?)(?P<sm_y3>{year})\s+(?i:quarter|qtr|half)\b
        |(?i:(?:the\s+)?(?:same|corresponding|comparable)\s+)(?P<sm_m>{mon})\s+
          (?i:period|quarter|qtr|half|week|months)\b
        |(?i:(?:a\s+)?year-(?:earlier|ago))\b(?!\s+(?i:period|quarter|qtr|month|week|time|year
          |half|months)\b))
    | (?P<rel>(?i:(?P<r_w>last|this|next|past|previous|prior|current|coming|latest|preceding
          |following|(?<=end\sof\s)the)\s+(?P<r_f>fiscal\s+|financial\s+|calendar\s+)?
          (?P<r_u>year|month|quarter|qtr|half|half-year|week|weekend|season)s?
          |(?P<r_ye>year[- ]end|end[- ]year)(?![\s-]*(?:19|20)\d\d)
          |(?<=end\sof\s)the\s+(?P<r_dec>decade))\b)
    | (?P<ahead>(?i:(?P<ah_n>a|an|one|\d{{1,2}}|{numw})\s+(?P<ah_u>years?|months?|quarters?)
          (?:\s+from\s+now|\s+hence|['’]s?\s+time))\b)
    | (?P<ago>(?i:(?P<ag_n>a|an|one|\d{{1,2}}|{numw})\s+(?P<ag_u>years?|months?|quarters?|weeks?
          |days?)\s+(?:ago|earlier|before|previously)|(?P<ag_u2>year|month|quarter|week|day)\s+ago
          |the\s+(?P<ag_u3>year|month|quarter|week)\s+(?:before|earlier))
          \b)
    | (?P<daypart>(?i:this\s+(?:morning|afternoon|evening)|(?:during|in)\s+the\s+(?:morning
          |afternoon|session)|earlier\s+today|later\s+today|(?:\d{{1,3}}|an?)\s+(?:hours?|hrs?
          |minutes?|mins?)\s+ago|overnight(?![ -](?:deposit|lending
          |rate|repo|reverse|index|interbank|borrowing|loans?|funds?|money|call|swaps?|bank)))\b)
    | (?P<season>(?i:(?P<se_w>last|this|next|past)\s+(?P<se_a>spring|summer|autumn|fall|winter)
          |(?P<se_b>spring|summer|autumn|winter)\s+(?:of\s+)?(?P<se_y>{year})
          |(?P<se_c>spring|summer|autumn|fall|winter)\s+of\s+(?P<se_r>last|this|next)\s+year))
    | (?P<day>(?i:today|yesterday|tomorrow|tonight)\b
          |(?:(?P<dy_w>(?i:last|next|this))\s+)?{wday}(?![A-Za-z]))
    | (?P<monq>(?i:the\s+)?(?P<mq_m>{mon})(?:\s+(?P<mq_y>{year}))?[-\s](?i:quarter|qtr)\b)
    | (?P<centred>(?i:(?:the\s+)?(?:quarter|three[-\s]month\s+period)\s+(?:based|centred|centered)
          \s+on\s+)(?P<ce_m>{mon}|(?i:{mon_ci})))
    | (?P<dayrange>{mon}\s*(?P<dr_a>{day})\s*(?:[-–]|\s(?i:to|through|until|and)\s)\s*
          (?P<dr_b>{day})(?!\s*(?i:pct|percent|%|mln|billion|dlrs))(?:,?\s*(?P<dr_y>{year}))?)
    | (?P<date>{date}|{mon}\s+(?P<d_w>{dayw})(?=\s*[.,]?\s*\Z)
        |{mon}\s+(?P<d_w2>{dayw}),?\s+(?P<d_wy>{year}))
    | (?P<monrange>{mon}\s*(?:[/–-]|\s(?i:to|through|thru)\s)\s*{mon}
          (?:,?\s+(?P<mr_y>{year}))?)
    | (?P<monyear>(?:(?P<my_mod>(?i:end|mid|early|late))-)?{mon},?\s+(?:of\s+)?
          (?P<my_y>{year}|'\d\d)|(?P<my_lc>{mon_lc})\s+(?P<my_y2>{year}))
    | (?P<month>(?:(?P<mo_mod>(?i:end|mid|early|late))-)?{mon})
    | (?P<layday>(?<![\w/.,$-])(?:(?P<ld_a>[0-3]?\d)-(?P<ld_b>[0-3]?\d)/(?P<ld_m>1[0-2]|0?[1-9])
          |(?P<ld_c>[0-3]?\d)/(?P<ld_cm>1[0-2]|0?[1-9])-(?P<ld_d>[0-3]?\d)/(?P<ld_dm>1[0-2]|0?[1-9]))
          (?![\w/%-]|[.,]\d|\s*(?i:pct|percent|points?|pts|dlrs?|cts|cents|mln|billion)\b))
    | (?P<year>(?<![\w$€£¥.,/+-])(?P<y_ye>{year})\s+(?i:year-?end)\b
        |(?i:year-?end)\s+(?P<y_ye2>{year})
        |(?<![\w$€£¥.,/+-])(?P<y_y>{year})(?!s\b)
        |(?<![\w$.,])(?P<y_mod>(?i:end|mid|pre|post|early|late))-(?P<y_y2>{year})
        |(?<=\s)'(?P<y_s>\d\d)(?![\d'%]))
    """
    pre = r"""(?ix)
      (?:\b(?P<prep>by|from|since|until|till|through|thru|to|before|after|between|as\s+of|as\s+at
        |at|in|during|for|on|over|of|within|throughout|against|versus|vs\.?|compar(?:ed|es|ing)\s+(?:with|to)
        |than(?:\s+in)?|starting|beginning|effective(?:\s+(?:with|from|on))?|ending|due|payable|pay|record|dated|maturing
        |matures|mature|expiring|expires|ahead\s+of|base)\s+)?
      (?:\b(?P<art>the|a)\s+)?
      (?:\b(?P<pos>end|mid|start|beginning|middle|close|early|late|turn|all|whole|rest|remainder
        |balance)(?:-|\s+of\s+(?:the\s+)?(?:business\s+|trading\s+)?|\s+))?
      (?P<art2>the\s+)?
      \Z"""
    clause = r"""(?x)
      ;|:\s|\s--\s|(?<!\d)\s-\s(?!\d)
      |,\s*(?:and|but|while|whereas|although|though|with|when|having)\b|\s+when\b(?=\s+[a-z])|,\s*or\b(?!\s+(?:(?:[A-Za-z]{1,3}\.?\s?)?[$€£¥₹]?\s?\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b))
      |\s(?:while|whereas|although)\b
      |\s(?:and|but)\s+(?=(?:in|during|for|last|this|so\s+far|at|by|the\s+(?:first|second|third
        |fourth|latest|previous|same|week|month|year))\b)
      |,?\s+(?=(?:after|following)\s+(?:\w+ing|a|an)\b)|,\s+(?=after\b)
      |,?\s+(?=as\s+(?!(?:of|at|much|many|well|far|long|soon|high|low|part|such|usual|expected
        |a\s+result|per|if|though|to|for|in|with|a|an)\b)(?:[\w'-]+\s+){1,4}?(?:[a-z]+ed|fell|rose
        |grew|sank|slid|hit|cut|held|kept|began|came|fled|shrank|swung)\b)"""
    month_re = re.compile(mon)
    cmp = r"from|against|versus|vs\.?|compar(?:ed|es|ing)\s+(?:with|to)|contrasted\s+with"
    filler = (
        r"(?:a|an|the|its|their|minus|plus|revised|upwardly|downwardly|previous|prior|previously|reported"
        r"|record|adjusted|unrevised|originally|restated|level|total|figure|peak|high|low|base"
        r"|average|profit|loss|net|of|year-earlier|year-ago|last|this|same|corresponding"
        r"|comparable|upward|downward|rise|increase|gain|growth|fall|decline|drop|surplus"
        r"|deficit|year|earlier|ago|projected|estimated|expected|forecast|provisional"
        r"|preliminary|[a-z]+-[a-z]+|(?:19|20)\d\d|expenditure|spending|\w+'s"
        r"|annual|annualised|annualized|all-time|\d+-(?:year|month)|just|only"
        rf"|{mon_ci})"
    )
    speech = _alt(list(lex.speech_set))
    return SimpleNamespace(
        speech_after=re.compile(
            rf"\s+(?:(?:also|had|has|have|then|later|again|first|formally)\s+)?(?:{speech})\b"
        ),
        event_after=re.compile(
            r"\s+(?:[a-z]+\s+){0,2}?(?:also\s+)?(?:signed|agreed|approved|decided|introduced"
            r"|founded|established|adopted|granted|gave|voted|ruled|imposed|enacted|launched"
            r"|proposed|unveiled|broadcast)\b"
        ),
        after_event_word=re.compile(r"\s+([a-z]+)\b"),
        atoms=re.compile(_guarded(atoms), re.X),
        pre=re.compile(pre),
        clause=guarded(clause),
        month=month_re,
        date=guarded(
            rf"(?:{mon})\s*(?P<d>{day})(?:\s?,?\s*(?P<y>{year}))?|(?P<d2>{day})\s+(?:of\s+)?"
            rf"(?:{mon})(?:\s?,?\s*(?P<y2>{year}))?"
        ),
        year=re.compile(year),
        dateline=re.compile(
            rf"\A\s*(?:(?:[A-Z][A-Za-z.'&]*(?:[ -][A-Z][A-Za-z.'&]*)*,\s+)(?:[A-Z][A-Za-z. ]*,\s+)?"
            rf"(?:[A-Z][a-z]+\s+)?(?P<date>(?i:{mon_ci})\s*\d{{1,2}}|{date}|{mon}\s+{dayw})\s*"
            r"(?:\([A-Za-z .&/-]{1,30}\)\s*)?(?:-+|—|–)\s*"
            # "Nov 12 (Interfax) - ...": the city on a line of its own above
            rf"|(?P<date2>(?i:{mon_ci})\s*\d{{1,2}})\s*\([A-Za-z .&/-]{{1,30}}\)\s*(?:-+|—|–)\s*"
            # a press-release wire: "MINNEAPOLIS--(BUSINESS WIRE)--Nov. 21, 2023-- ..."
            rf"|[A-Z][A-Za-z.' ]*--\([A-Za-z .&/-]{{3,30}}\)--"
            rf"(?P<date3>(?i:{mon_ci})\.?\s*\d{{1,2}},?\s*(?:19|20)\d\d)\s*--\s*)"
        ),
        base=guarded(
            rf"(?i)(?:\b(?P<m>{cmp})\s+(?:{filler}\s+){{0,5}}"
            rf"|\b(?P<m2>{cmp})\s+[^;]*?\d[^;]*?\s+and\s+(?:{filler}\s+){{0,4}}"
            rf"|\b(?P<m3>{cmp})\s+(?:{filler}\s+){{0,3}}(?:[A-Z]{{0,3}}[$€£¥₹])?\d[\d.,/-]*"
            rf"(?:\s+[A-Za-z%]+){{0,2}}"
            rf",\s*(?:or\s+)?)\Z"
        ),
        compare_from=guarded(
            r"(?i)(?:\d|%|\b(?:rose|rise|risen|rising|fell|fall|fallen|falling|up|down|increased?"
            r"|decreased?|increasing|grew|grow|growth|gained?|dropped|declined?|climbed|slipped"
            r"|jumped|narrowed|widened|eased|improved|changed|unchanged|higher|lower|more|less"
            r"|compared|against|pct|percent))\b[^;]*\Z"
        ),
        strong_gap=re.compile(
            r"(?i)[\s,]*(?:(?:dlrs?|pct|percent|a|the|each|only|just|net|"
            r"respectively)[\s,]+)*(?:[a-z$%.-]+)?[\s,]*"
        ),
        word_before=re.compile(r"([A-Za-z']+)\W*\Z"),
        word_after=re.compile(r"\s*([A-Za-z%/]+|%)"),
        past=guarded(
            r"(?i)(?<!been )(?<!being )(?<!be )\b(?:was|were|had|rose|fell|grew|dropped"
            r"|declined|increased|decreased|gained"
            r"|lost|climbed|slipped|jumped|totall?ed|amounted|reached|stood|posted|reported"
            r"|earned|narrowed|widened|eased|edged|surged|plunged|improved|showed|came|ran|went"
            r"|expanded|contracted|shrank|recorded|registered|compared|averaged|added|made|saw"
            r"|bought|lent|borrowed|took|spent|won|raised|lowered|reduced|accepted|allotted"
            r"|absorbed|injected)\b"
        ),
        present=guarded(
            r"(?i)\b(?:is|are|amounts?|stands?|totals?|remains?|has|have|exceeds?|holds?|owns?"
            r"|operates?|employs?|now|currently)\b"
        ),
        future=guarded(
            r"(?i)\b(?:will|would|shall|expects?|expected|expecting|forecasts?|forecast|projects?"
            r"|projected|plans?|planned|planning|targets?|targeted|estimates?|aims?|could|might"
            r"|may|should|likely|predicts?|predicted|sees?|outlook|budgets?|budgeted"
            # "a dividend of $10.8 billion, to be paid in the second quarter"
            r"|to\s+be\s+(?:paid|made|held|completed|built|delivered|launched|issued|sold|signed"
            r"|finali[sz]ed|announced|published|released|implemented|introduced|spent|invested"
            r"|raised|repaid|opened|closed))\b"
        ),
        row=re.compile(
            r"\A\s*[A-Z][A-Za-z.&/'()-]*\s+(?:[A-Za-z.&/'()-]+\s+){0,4}(?:(?i:loss|profit|gain|credit)\s+)?"
            r"(?:[-(]?(?:[$]|[A-Z]{1,3}\$)?\d|(?i:one|two|three|four|five|six|seven|eight|nine|ten"
            r"|eleven|twelve|nil)\b)"
        ),
        title_table=guarded(
            r"(?i)\b(?:NET|LOSS|PROFIT|EARNINGS|RESULTS|OPER|SALES|REVENUES?|DIVIDEND|PAYOUT"
            r"|SHR|QTR|YEAR|MTHS)\b"
        ),
    )


# ----------------------------------------------------------------------------------------------
# Resolution environment and resolvers


@dataclass(frozen=True, slots=True)
class _Env:
    published: dt.date | None
    projected: bool = False
    fiscal: tuple[int, str] | None = None  # explicit "fiscal"/FY forms: (start month, named_by)
    company_start: int | None = None  # the company's fiscal start month for bare quarters
    split_start: int | None = None  # first month of a split year "1986/87" in this document
    anchor: Interval | None = None  # the main period a "previous week"/"a year earlier" shifts
    anchor_explicit: bool = False
    ended: bool = False  # earnings headers: the most recent such period already ended
    forward: bool = False  # a plan or shipment: yearless periods are the coming ones
    fiscal_story: bool = False  # the story reckons in fiscal years: "the current year" is one
    company_named_by: str = "end"  # "start" where "fiscal 2023, which ends February 3, 2024"
    week_end: dt.date | None = None  # a stated end of a 52/53-week fiscal quarter or year
    season_start: int | None = None  # first month of a crop or marketing season ("2023/24 crop")


def _env(
    env: _Env,
    *,
    projected: bool | None = None,
    anchor: Interval | None = None,
    anchor_explicit: bool | None = None,
    forward: bool | None = None,
) -> _Env:
    """`env` with some fields changed (a direct constructor call: `dataclasses.replace` is slow
    on the per-figure path)."""
    return _Env(
        env.published,
        env.projected if projected is None else projected,
        env.fiscal,
        env.company_start,
        env.split_start,
        env.anchor if anchor is None else anchor,
        env.anchor_explicit if anchor_explicit is None else anchor_explicit,
        env.ended,
        env.forward if forward is None else forward,
        env.fiscal_story,
        env.company_named_by,
        env.week_end,
        env.season_start,
    )


# A resolver gives the interval, or None when it cannot be resolved (no publication date).
Resolver = Callable[[_Env], Interval | None]


def _year_start(year: int, env: _Env, fiscal: bool, split: bool = False) -> dt.date:
    """First day of the (fiscal) year named `year`."""
    if split:
        country = env.fiscal[0] if env.fiscal else None
        first = (country if fiscal else None) or env.split_start or country or 7
        return dt.date(year, first, 1)
    if not fiscal:
        return dt.date(year, 1, 1)
    start, named_by = env.fiscal or ((env.company_start or 1), env.company_named_by)
    if env.company_start and env.company_start != start:
        # a company's own year ("year ended Aug 31")
        start, named_by = env.company_start, env.company_named_by
    if start == 1:
        return dt.date(year, 1, 1)
    return dt.date(year if named_by == "start" else year - 1, start, 1)


def _within(sub: tuple, ystart: dt.date) -> Interval:
    """The part `sub` of the twelve months starting at `ystart`."""
    what = sub[0]
    if what == "year":
        return ystart, _add_months(ystart, 12) - dt.timedelta(days=1)
    if what in ("quarter", "half", "first", "last"):
        size = {"quarter": 3, "half": 6, "first": sub[1], "last": sub[1]}[what]
        if what in ("first", "last"):
            s = ystart if what == "first" else _add_months(ystart, 12 - size)
        else:
            s = _add_months(ystart, size * (sub[1] - 1))
        return s, _add_months(s, size) - dt.timedelta(days=1)
    if what == "months":  # named months m1..m2 of the year starting at ystart
        m1, m2 = sub[1], sub[2]
        s = _add_months(ystart, (m1 - ystart.month) % 12)
        e = _add_months(s, (m2 - m1) % 12)
        return s, _month_end(e.year, e.month)
    if what == "mdays":
        s = _add_months(ystart, (sub[1] - ystart.month) % 12)
        last = calendar.monthrange(s.year, s.month)[1]
        return s.replace(day=min(sub[2], last)), s.replace(day=min(sub[3], last))
    if what == "day":
        s = _add_months(ystart, (sub[1] - ystart.month) % 12)
        d = _safe_date(s.year, s.month, sub[2])
        return d, d
    raise ValueError(what)


def _calendar_like(sub: tuple) -> bool:
    return sub[0] in ("months", "day", "mdays")


def _sub_resolver(sub: tuple, year: tuple | None, fiscal: bool = False) -> Resolver:
    """`sub` of a year given as ("abs", Y) / ("rel", k) / ("split", Y) / ("season", Y, month)
    / None (most recent)."""

    def ystart_for(y: int, env: _Env) -> dt.date:
        if year and year[0] == "season" and not fiscal:
            # "the 2024-25 rabi marketing season": its crop's; else the story's commodity's
            first = year[2] or env.season_start or _lex().marketing["default"]
            return dt.date(y, first, 1)
        if fiscal or (year and year[0] == "split"):
            return _year_start(y, env, fiscal, split=bool(year and year[0] == "split"))
        if env.company_start and not _calendar_like(sub) and year is None:
            return dt.date(y, env.company_start, 1)
        return dt.date(y, 1, 1)

    def resolve(env: _Env) -> Interval | None:
        if year is not None and year[0] in ("abs", "split", "season"):
            if _calendar_like(sub) and not fiscal and year[0] == "abs":
                return _within(sub, dt.date(year[1], 1, 1))
            return _within(sub, ystart_for(year[1], env))
        pub = env.published
        if pub is None:
            return None
        if year is not None:  # relative year: "this year", "last fiscal year"
            base = _containing_year(pub, env, fiscal)
            ys = _add_months(base, 12 * year[1])
            if _calendar_like(sub):
                ys = dt.date(ys.year, 1, 1) if not fiscal else ys
            return _within(sub, ys)
        return _most_recent(lambda y: _within(sub, ystart_for(y, env)), env)

    return resolve


def _containing_year(pub: dt.date, env: _Env, fiscal: bool) -> dt.date:
    if not fiscal:
        return dt.date(pub.year, 1, 1)
    start = _year_start(pub.year, env, True)
    while start > pub:
        start = _add_months(start, -12)
    while _add_months(start, 12) <= pub:
        start = _add_months(start, 12)
    return start


def _most_recent(make: Callable[[int], Interval], env: _Env) -> Interval | None:
    """The instance of a yearless period meant at publication: the latest one begun by then,
    or for earnings headers the latest one over."""
    pub = env.published
    if pub is None:
        return None
    if env.forward and not env.ended:
        # a plan's "in October", "the third quarter": the coming one, unless one just ended
        for y in range(pub.year - 1, pub.year + 3):
            s, e = make(y)
            if s is not None and e is not None and e >= pub - _JUST_OVER:
                return s, e
        return None
    for y in range(pub.year + 1, pub.year - 3, -1):
        s, e = make(y)
        if s is None or e is None:
            continue
        if (e < pub) if env.ended else (s <= pub):
            return s, e
    return None


_JUST_OVER = dt.timedelta(days=62)  # a period ended this recently is still reported on


def _rel_unit(unit: str, k: int, fiscal: bool) -> Resolver:
    """ "last month", "this quarter", "next week": the unit containing publication, moved k."""

    def resolve(env: _Env) -> Interval | None:
        pub = env.published
        if pub is None:
            return None
        if unit == "week":
            monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=7 * k)
            return monday, monday + dt.timedelta(days=6)
        if unit == "year":
            ys = _add_months(_containing_year(pub, env, fiscal), 12 * k)
            return _within(("year",), ys)
        size = {"month": 1, "quarter": 3, "half": 6}[unit]
        origin = env.company_start or 1 if unit != "month" else 1
        offset = (pub.month - origin) % 12 // size * size
        s = _add_months(dt.date(pub.year, pub.month, 1), -((pub.month - origin) % 12 - offset))
        s = _add_months(s, size * k)
        return s, _add_months(s, size) - dt.timedelta(days=1)

    return resolve


def _whole_days(hours: int) -> int:
    """The days `hours` hours reach into, at least one ("the past 24 hours": since yesterday)."""
    return max(1, -(-hours // 24))


def _rolling(unit: str, n: int, sign: int) -> Resolver:
    """ "the past two months", "the next 12 months": counted from publication; two or more
    years are whole calendar years."""

    def resolve(env: _Env) -> Interval | None:
        pub = env.published
        if pub is None:
            return None
        if unit == "hours":  # "up 1.8% in the past 24 hours": since yesterday
            days = dt.timedelta(days=_whole_days(n))
            return (pub - days, pub) if sign < 0 else (pub, pub + days)
        if unit == "days" or unit == "weeks":
            days = n * (7 if unit == "weeks" else 1)
            if sign < 0:
                return _ending(pub, days=days)
            return pub, pub + dt.timedelta(days=days - 1)
        if unit == "years" and n >= 2:
            # whole calendar years, as news reads them: "over the next three years" in 2024 is
            # 2024-2026, "over the past five years" in 1987 is 1982-1986
            first = pub.year if sign > 0 else pub.year - n
            return dt.date(first, 1, 1), dt.date(first + n - 1, 12, 31)
        months = n * {"years": 12, "quarters": 3, "months": 1}[unit]
        if sign < 0:
            return _ending(pub, months=months)
        return pub, _add_months(pub, months) - dt.timedelta(days=1)  # from the story's day

    return resolve


def _anchored(months: int = 0, days: int = 0, instant_fallback: bool = False) -> Resolver:
    """Shifted from the main period of the sentence ("the previous week", "a year earlier");
    without one, from publication."""

    def resolve(env: _Env) -> Interval | None:
        anchor = env.anchor
        if anchor is not None and anchor != (None, None):
            s, e = anchor
            if days and s is not None and e is not None and (e - s).days + 1 > max(7, -days):
                anchor = None  # "two days ago" in a story on a year counts from publication
            elif s is None and e is not None and not instant_fallback and months:
                # "the previous year" after "as of March 31": the year before that one's
                size = abs(months) if abs(months) in (1, 3) else 12
                start = _add_months(dt.date(e.year, 1, 1), (e.month - 1) // size * size)
                return _shift((start, _add_months(start, size) - dt.timedelta(days=1)), months)
            else:
                return _shift(anchor, months, days)
        pub = env.published
        if pub is None:
            return None
        if instant_fallback:
            return _shift((None, pub), months, days)
        if days:
            monday = pub - dt.timedelta(days=pub.weekday())
            return _shift((monday, monday + dt.timedelta(days=6)), days=days)
        size = abs(months) if abs(months) in (1, 3) else 12
        unit = {1: "month", 3: "quarter", 12: "year"}[size]
        return _rel_unit(unit, months // size, False)(env)

    return resolve


def _before_anchor(unit: str, n: int) -> Resolver:
    """ "the two previous quarters": the n units just before the main period; without one,
    the n units up to publication."""
    rolling = _rolling(unit, n, -1)

    def resolve(env: _Env) -> Interval | None:
        if env.anchor is None or env.anchor[0] is None:
            return rolling(env)
        end = env.anchor[0] - dt.timedelta(days=1)
        if unit in ("weeks", "days"):
            return _ending(end, days=n * (7 if unit == "weeks" else 1))
        return _ending(end, months=n * {"years": 12, "quarters": 3, "months": 1}[unit])

    return resolve


def _window(months: int = 0, days: int = 0) -> Resolver:
    """A moving average over the months/days that end with the main period."""

    def resolve(env: _Env) -> Interval | None:
        end = env.anchor[1] if env.anchor is not None else env.published
        return None if end is None else _ending(end, months=months, days=days)

    return resolve


def _full_year(env: _Env) -> Interval | None:
    """ "the full year", "for the year": the year of the main period; on its own, the year
    reported on (the last one) or, for a projection, the current one."""
    first = env.company_start or 1
    if env.anchor is not None and env.anchor[1] is not None:
        s, e = env.anchor
        if s is not None and (e - s).days >= 330:
            return s, e  # the main period is a (fiscal) year already
        start = _fiscal_year_start(e, first)
    elif env.published is not None:
        start = _fiscal_year_start(env.published, first)
        if not env.projected:
            start = start.replace(year=start.year - 1)  # the last year ended
    else:
        return None
    return start, _add_months(start, 12) - dt.timedelta(days=1)


def _first_weeks(n: int) -> Resolver:
    """ "the first nine weeks of its fiscal year" in a story on the five weeks ended April 4:
    the nine weeks ending there; without such a story, from the (company's) year start."""

    def resolve(env: _Env) -> Interval | None:
        if env.anchor is not None and env.anchor[1] is not None:
            return _ending(env.anchor[1], days=7 * n)
        if env.published is None:
            return None
        first = env.company_start or 1
        start = _fiscal_year_start(env.published, first)
        return start, start + dt.timedelta(days=7 * n - 1)

    return resolve


def _fiscal_year_start(d: dt.date, first: int) -> dt.date:
    """The first day of the (fiscal) year starting in month `first` that holds `d`."""
    return dt.date(d.year if d.month >= first else d.year - 1, first, 1)


def _fixed(iv: Interval) -> Resolver:
    return lambda env: iv


def _day_resolver(month: int, day: int, year: int | None, recent: bool = False) -> Resolver:
    """A calendar day; without a year, the latest one up to two months after publication ("the
    meeting on November 9"; in March, "July 21" is last July's), the coming one in a plan, or
    with `recent` the latest one not after it ("the quarter ended January 31")."""
    if year is not None:
        d = _safe_date(year, month, day)
        return _fixed((d, d))

    def resolve(env: _Env) -> Interval | None:
        pub = env.published
        if pub is None:
            return None
        days = [_safe_date(y, month, day) for y in (pub.year - 1, pub.year, pub.year + 1)]
        if env.forward:  # a plan, or "revenues for the year ended August 31 will be"
            ahead = [d for d in days if d is not None and d >= pub - _JUST_OVER]
            return (ahead[0], ahead[0]) if ahead else None
        if recent:
            past = [d for d in days if d is not None and d <= pub]
            return (past[-1], past[-1]) if past else None
        near = [d for d in days if d is not None and d <= pub + _JUST_OVER]
        return (near[-1], near[-1]) if near else None

    return resolve


_SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}


def _season(name: str, which: str, year: int | None) -> Resolver:
    """Northern seasons: "last summer" is the latest one over, "this winter" the one under way
    or next, "summer 1986" the one begun that year."""
    first, months = _SEASONS[name]

    def span(y: int) -> Interval:
        s = dt.date(y, first, 1)
        return s, _add_months(s, months) - dt.timedelta(days=1)

    def resolve(env: _Env) -> Interval | None:
        if year is not None:
            return span(year)
        pub = env.published
        if pub is None:
            return None
        spans = [span(y) for y in range(pub.year - 2, pub.year + 2)]
        if which in ("last", "past"):
            done = [iv for iv in spans if iv[1] is not None and iv[1] < pub]
            return done[-1]
        if which == "next":
            return next(iv for iv in spans if iv[0] is not None and iv[0] > pub)
        return next(iv for iv in spans if iv[1] is not None and iv[1] >= pub)

    return resolve


def _season_of_year(name: str, shift: int) -> Resolver:
    """ "the summer of last year": the season begun in the year `shift` years from the story's."""

    def resolve(env: _Env) -> Interval | None:
        if env.published is None:
            return None
        return _season(name, "", env.published.year + shift)(env)

    return resolve


def _day_after(inner: Resolver) -> Resolver:
    """The day after a period ends: where "since the end of June" starts."""

    def resolve(env: _Env) -> Interval | None:
        iv = inner(env)
        if iv is None or iv[1] is None:
            return None
        day = iv[1] + dt.timedelta(days=1)
        return day, day

    return resolve


def _offset(first: Resolver, days: int) -> Resolver:
    def resolve(env: _Env) -> Interval | None:
        iv = first(env)
        if iv is None or iv[0] is None:
            return None
        d = iv[0] + dt.timedelta(days=days)
        return d, d

    return resolve


def _weekday_resolver(word: str, which: str = "") -> Resolver:
    lex = _lex()

    def resolve(env: _Env) -> Interval | None:
        pub = env.published
        if pub is None:
            return None
        w = word.lower()
        offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
        if w in offsets:
            d = pub + dt.timedelta(days=offsets[w])
        else:
            delta = (pub.weekday() - lex.weekdays[w]) % 7
            ahead = (7 - delta) % 7
            if which == "last":
                d = pub - dt.timedelta(days=delta or 7)
            elif which == "next":
                d = pub + dt.timedelta(days=ahead or 7)
            elif which == "coming" or (env.forward and which != "recent"):
                d = pub + dt.timedelta(days=ahead)
            else:
                d = pub - dt.timedelta(days=delta)
                if which != "recent":
                    d = _inside_week(env.anchor, lex.weekdays[w], pub) or d
        return d, d

    return resolve


def _inside_week(anchor: Interval | None, weekday: int, pub: dt.date) -> dt.date | None:
    """In a story on a week ("the week to Wednesday, April 8"), "on Thursday" is the latest
    Thursday of that week: April 2 in a story published on Thursday, April 9."""
    if anchor is None or anchor[0] is None or anchor[1] is None:
        return None
    s, e = anchor
    if not 5 <= (e - s).days <= 15 or e > pub:
        return None
    for k in range((e - s).days + 1):
        d = e - dt.timedelta(days=k)
        if d.weekday() == weekday:
            return d
    return None


def _ending_resolver(inner: Resolver, months: int = 0, days: int = 0) -> Resolver:
    """ "nine months ended January 31", "the week ended February 22": a span ending on a date."""

    def resolve(env: _Env) -> Interval | None:
        iv = inner(env)
        if iv is None or iv[1] is None:
            return None
        return _ending(iv[1], months=months, days=days)

    return resolve


def _ytd(to: Resolver | None = None, calendar_year: bool = False) -> Resolver:
    """ "Year to date": to the end of the month or quarter the story reports, if it ended
    within the last quarter (a February traffic report in March: to February 28), else to
    publication; from the company's fiscal start when it has one, else January 1."""

    def resolve(env: _Env) -> Interval | None:
        end = env.published if to is None else (to(env) or (None, None))[1]
        if end is None:
            return None
        anchor = env.anchor
        if (
            to is None
            and anchor is not None
            and anchor[0] is not None
            and anchor[1] is not None
            and 27 <= (anchor[1] - anchor[0]).days <= 95
            and anchor[1] < end
            and (end - anchor[1]).days <= 95
        ):
            end = anchor[1]
        first = 1 if calendar_year or env.company_start is None else env.company_start
        return _fiscal_year_start(end, first), end

    return resolve


# ----------------------------------------------------------------------------------------------
# Scanning a sentence


@dataclass(frozen=True, slots=True)
class _Expr:
    start: int  # label start: a preposition that changes the meaning ("by", "from") included
    end: int
    core: tuple[int, int]  # the date-like words themselves (never a figure)
    label: str
    when: Resolver
    explicit: bool
    role: str  # main | compare | base | event
    mode: str  # interval | start | end | instant | since | before | after
    anchored: bool  # shifts the sentence's main period ("the previous week", "a year earlier")
    table: str = ""  # a bare table header kind: year | months | weeks | ""
    size: int = 0  # months (or weeks) of a bare table header
    attributive: bool = False  # "the 1985 farm bill": names a thing, does not date a report
    kind: str = ""  # the atom's kind: year, month, date, composite ...
    describes: bool = False  # "deposits issued this week": dates a thing; not carried on
    blocks_after: bool = False  # dates an event ("Founded in 1923"): not the figures after it
    weekday: bool = False  # "on Thursday": inside the week the story reports on, if any
    forward: bool = False  # "For May shipment", a plan's "in October": the coming one
    shift: int = 0  # years from the current one for "last year" / "this year" / "next year"
    own_end: bool = False
    lead_months: int = 0  # "for three straight months before the March decline"


@dataclass(frozen=True, slots=True)
class _Scan:
    """A sentence's period expressions; clauses and tenses are worked out when first asked for
    (most sentences without a period or a figure never need them)."""

    raw: str
    spans: tuple[tuple[int, int], ...]
    exprs: tuple[_Expr, ...]
    dateline_end: int
    segments: tuple[tuple[int, int, int], ...]  # comparisons: (marker start, its end, end)

    @property
    def clauses(self) -> tuple[tuple[int, int], ...]:
        return _clauses(self.raw)

    @property
    def comparative(self) -> frozenset[int]:
        """Starts of clauses that state a comparison ("after a 1.1 pct fall")."""
        return _comparative(self.raw)

    @property
    def past(self) -> bool:
        return _tenses(self.raw)[0]

    @property
    def present(self) -> bool:
        return _tenses(self.raw)[1]

    @property
    def future(self) -> bool:
        return _tenses(self.raw)[2]


def _num(word: str | None) -> int | None:
    if word is None:
        return None
    w = word.strip().lower().rstrip(".")
    if w.isdigit():
        return int(w)
    return _lex().numbers.get(w)


def _yy(text: str | None, ref: int | None = None) -> int | None:
    """A year from '87, 87 or 1987; two digits read near `ref` (else in 1930-2029)."""
    if not text:
        return None
    t = text.strip().lstrip("'")
    if not t.isdigit():
        return None
    if len(t) == 4:
        return int(t)
    v = int(t)
    if ref is not None:
        return (ref // 100) * 100 + v + (100 if v < ref % 100 else 0)
    return 1900 + v if v >= 30 else 2000 + v


def _day_of(d: re.Match[str]) -> int:
    return int(re.sub(r"\D", "", d.group("d") or d.group("d2")))


def _month_no(text: str) -> int | None:
    m = _g().month.search(text)
    if not m:
        return None
    return _lex().months.get(m.group(0).rstrip(".").lower())


def _month_word(text: str) -> int | None:
    """The first month name in any case ("ending march 1987"), where the context is a date."""
    months = _lex().months
    for w in re.findall(r"[A-Za-z]+", text):
        if w.lower() in months:
            return months[w.lower()]
    return None


def _months_in(text: str) -> list[int]:
    lex = _lex()
    return [lex.months[m.group(0).rstrip(".").lower()] for m in _g().month.finditer(text)]


@dataclass(slots=True)
class _Atom:
    kind: str
    start: int
    end: int
    sub: tuple | None = None  # part of a year: ("quarter", 3), ("months", 1, 8) ...
    # ("abs", 1987) | ("rel", -1) | ("split", 1986) | ("season", 1986, first month or None)
    year: tuple | None = None
    fiscal: bool = False
    when: Resolver | None = None  # a complete resolver (dates, weeks, relative words)
    explicit: bool = False
    anchored: bool = False
    mode: str = ""
    table: str = ""
    size: int = 0
    fy_end: tuple[int, int] | None = None
    own_end: bool = False  # "Qtr ended Jan 31": fixes the end of an earnings table's periods
    wday: int = -1  # a bare weekday name: Monday 0 .. Sunday 6
    weekday: bool = False  # a weekday ("on Thursday", "Monday and Tuesday"), resolved in a week
    part: str = ""  # "early"/"late": a month's first or last days, a year's first or last quarter


_YEAR_KINDS = frozenset({"year", "fiscal", "yrange_split", "relyear"})
_SEASON_AFTER = re.compile(
    r"(?i)(?P<w>\s+(?:[a-z]+\s+){0,2}?)(?:season|crop\s+year|marketing\s+year|crop|campaign"
    r"|harvest)\b"
)


def _atom(m: re.Match[str], raw: str) -> _Atom | None:
    """Parse one regex match into an atom; None for matches that are not dates after all."""
    kind = m.lastgroup or ""
    s, e = m.start(kind), m.end(kind)
    text = m.group(kind)
    lex = _lex()
    a = _Atom(kind, s, e)
    if kind in ("numdate", "time", "yoy"):
        if kind == "numdate":
            a.when, a.explicit = _numdate(text), True
        return a
    if kind == "weekmd":
        d = _g().date.search(text)
        mo = _month_no(text)
        if not d or mo is None:
            return None
        day = _day_of(d)
        a.when = _ending_resolver(_day_resolver(mo, day, None), days=7)
        return a
    if kind == "ended":
        a.end = s + len(text.rstrip(" ,\t\n"))
        return _ended_atom(m, a)
    if kind == "weekdate":  # "its four-week March 1 sales": the weeks ending that day
        d = _g().date.search(m.group("wd_date"))
        mo = _month_no(m.group("wd_date"))
        n = _num(m.group("wd_n")) or 0
        if not d or mo is None or not 0 < n <= 53:
            return None
        point = _day_resolver(mo, _day_of(d), _yy(d.group("y") or d.group("y2")), recent=True)
        weeks = m.group("wd_u").lower().startswith("w")
        a.when = _ending_resolver(point, days=7 * n if weeks else 0, months=0 if weeks else n)
        a.explicit = bool(d.group("y") or d.group("y2"))
        return a
    if kind == "weekof":
        # "the weeks of April 13 and April 20": from the first to the last's end; "the week of
        # July 3 to 9": the range itself
        first = _g().date.search(m.group("wo_a"))
        mo = _month_no(m.group("wo_a"))
        if not first or mo is None:
            return None
        year = _yy(first.group("y") or first.group("y2"))
        start = _day_resolver(mo, _day_of(first), year)
        days = 6
        if m.group("wo_b"):
            second = re.search(r"(\d{1,2})", m.group("wo_b"))
            mo2 = _month_word(m.group("wo_b")) or mo
            if second is None:
                return None
            gap = (dt.date(2001, mo2, 1) - dt.date(2001, mo, 1)).days % 365
            ranged = _WEEK_RANGE_JOIN.match(raw, m.end("wo_a")) is not None
            days = gap + int(second.group(1)) - _day_of(first) + (0 if ranged else 6)
            if not (1 if ranged else 6) <= days <= 62:
                return None
        a.when = _starting_resolver(start, 0, days + 1)
        a.explicit = year is not None
        return a
    if kind == "fiscal":
        y1 = m.group("fi_a") or m.group("fi_c") or m.group("fi_e")
        y2 = m.group("fi_b") or m.group("fi_d") or m.group("fi_f")
        year = _yy(y1)
        if year is None:
            return None
        if y2 is not None:
            second = _yy(y2, year)
            if second != year + 1:
                return None
            a.kind, a.year = "yrange_split", ("split", year)
        else:
            a.year = ("abs", year)
        a.fiscal, a.explicit, a.sub = True, True, ("year",)
        months = int(m.group("fi_m") or 0)
        if 0 < months < 12:
            a.sub = ("first", months)  # "8M FY25": the first eight months of FY25
        return a
    if kind == "yrange":
        first = int(m.group("yr_a"))
        second = _yy(m.group("yr_b"), first)
        if second is None or not first < second <= first + 30:
            return None
        if (second == first + 1 and "/" in text) or (
            second == first + 1 and len(m.group("yr_b")) == 2
        ):
            # "the 2023/24 season", "the 2024-25 rabi marketing season": a crop's year, whatever
            # the government's fiscal year
            season = _SEASON_AFTER.match(raw, e)
            year: tuple = ("split", first)
            if season is not None:
                named = [lex.seasons.get(w.lower()) for w in season.group("w").split()]
                year = ("season", first, next((k for k in named if k), None))
            a.kind, a.year, a.sub, a.explicit = "yrange_split", year, ("year",), True
            return a
        a.when = _fixed((dt.date(first, 1, 1), dt.date(second, 12, 31)))
        a.explicit = True
        return a
    if kind == "decade":
        digits = re.sub(r"\D", "", text)
        y = int(digits) if len(digits) == 4 else _yy(digits) or 0
        a.when, a.explicit = _fixed((dt.date(y, 1, 1), dt.date(y + 9, 12, 31))), True
        return a
    if kind in ("qcode", "hcode"):
        if kind == "qcode":
            a.sub = ("quarter", int(m.group("qc_q") or m.group("qc_q2")))
            ytext = m.group("qc_y") or m.group("qc_y2")
        else:
            a.sub = ("half", int(m.group("hc_h") or m.group("hc_h2")))
            ytext = m.group("hc_y") or m.group("hc_y2")
        if ytext:
            a.year, a.explicit = ("abs", _yy(ytext)), True
        return a
    if kind == "anaph":
        return _anaphor_atom(m, a)
    if kind == "contract":  # a futures contract: "MAY7" is May 1987
        mo = lex.months[m.group("ct_m").lower()]
        a.when = _contract_month(mo, int(m.group("ct_y")))
        return a
    if kind == "wkofm":  # "the last week of March": seven days of that month
        mo = _month_word(m.group("wm_m"))
        if mo is None:
            return None
        ytext = m.group("wm_y")
        month = _sub_resolver(("months", mo, mo), ("abs", int(ytext)) if ytext else None)
        a.when = _week_of(month, m.group("wm_o").lower())
        a.explicit = ytext is not None
        return a
    if kind == "quarter":
        a.sub = ("quarter", lex.ordinals[m.group("q_o").lower()] if m.group("q_o") else 4)
        return a
    if kind == "half":
        a.sub = ("half", lex.ordinals[m.group("h_o").lower()])
        return a
    if kind == "nmonths":
        if m.group("wk_h"):
            a.table, a.size = "weeks", _num(m.group("wk_h")) or 0
            return a if 0 < a.size <= 53 else None
        n = _num(m.group("nm_n") or m.group("nm_h") or m.group("nm_l"))
        if m.group("nq_n"):
            n = 3 * (_num(m.group("nq_n")) or 0)  # "the first three quarters": nine months
        if not n or n > 12:
            return None
        a.sub = ("last", n) if m.group("nm_l") else ("first", n)
        if m.group("nm_h"):
            a.table, a.size = "months", n
        return a
    if kind == "tref":
        n = m.group("tr_n")
        low = text.lower()
        a.table = "ref"
        a.size = (_num(n) or 0) if n else 3 if ("quarter" in low or "qtr" in low) else 12
        a.mode = "interval"
        return a if 0 < a.size <= 12 else None
    if kind == "hyear":
        a.sub, a.table, a.size = ("year",), "year", 12
        return a
    if kind in ("monq", "centred"):
        mo = _month_word(m.group("mq_m") or m.group("ce_m") or "")
        if mo is None:
            return None
        ytext = m.group("mq_y") if kind == "monq" else None
        first = _add_months(dt.date(2001, mo, 1), -2 if kind == "monq" else -1)
        a.sub = ("months", first.month, _add_months(first, 2).month)
        if ytext:  # "the December 1986 quarter": the quarter that ends in that month
            end = _month_end(int(ytext), mo)
            a.when, a.explicit = _fixed((_add_months(end + dt.timedelta(days=1), -3), end)), True
        return a
    if kind == "ytd":
        a.when = _ytd(calendar_year="calendar" in m.group(0).lower())
        a.anchored = True
        return a
    if kind == "movavg":
        n = _num(m.group("ma_n")) or 1
        unit = m.group("ma_u").lower()
        a.anchored = True
        if unit in ("week", "day"):
            a.when = _window(days=n * (7 if unit == "week" else 1))
        else:
            a.when = _window(months=n * (3 if unit == "quarter" else 1))
        return a
    if kind == "ndays":
        mo, n = _month_no(m.group("nd_m")), _num(m.group("nd_n"))
        if mo is None or not n or n > 31:
            return None
        which = m.group("nd_o").lower()
        if which != "first" and n != 10:
            return None  # only the dekads are named so: "the second 10 days of March"
        first_day = {"first": 1, "second": 11, "third": 21, "last": 21}[which]
        last_day = n if which == "first" else (20 if which == "second" else 31)
        a.sub = ("mdays", mo, first_day, last_day)
        if m.group("nd_y"):
            a.year, a.explicit = ("abs", int(m.group("nd_y"))), True
        return a
    if kind == "fullyear":
        a.anchored, a.when = True, _full_year
        return a
    if kind == "firstweeks":
        a.anchored, a.when = True, _first_weeks(_num(m.group("fw_n")) or 1)
        return a
    if kind == "relmon":
        mo = _month_no(m.group("rm_m"))
        if mo is None:
            return None
        k = {"last": -1, "this": 0, "next": 1}[m.group("rm_w").lower()]
        a.sub, a.year = ("months", mo, mo), ("rel", k)
        return a
    if kind == "reln" and m.group("rn_n3"):
        if _g().future.search(raw) is None:
            return None  # "sales doubled over three years": a duration, not a period
        # "would invest €1.5bn over three years": the calendar years from the current one
        a.when = _rolling("years", _num(m.group("rn_n3")) or 0, 1)
        return a
    if kind == "reln":
        n = _num(m.group("rn_n") or m.group("rn_n2")) or 0
        word = (m.group("rn_w") or m.group("rn_w2")).lower()
        unit = (m.group("rn_u") or m.group("rn_u2")).lower()
        if word in ("previous", "preceding", "prior"):
            if unit == "hours":
                unit, n = "days", _whole_days(n)
            a.anchored, a.when = True, _before_anchor(unit, n)
            return a
        sign = 1 if word in ("next", "coming", "following") else -1
        a.when = _rolling(unit, n, sign)
        return a
    if kind == "same":
        ytext = m.group("sm_y") or m.group("sm_y2") or m.group("sm_y3")
        if m.group("sm_m"):
            mo = _month_no(m.group("sm_m"))
            if mo is None:
                return None
            a.anchored, a.when = True, _same_month(mo)
        elif ytext:
            a.anchored = True
            a.when = _same_in(int(ytext))
            a.explicit = True
        elif re.search(
            r"(?i)\b(?:ago|earlier|before|last|previous|prior|corresponding|comparable)\b", text
        ):
            a.anchored, a.when = True, _anchored(months=-12, instant_fallback=True)
        else:
            a.anchored, a.when = True, _anchored(instant_fallback=True)
        return a
    if kind == "rel":
        if (
            m.group("r_ye") or m.group("r_dec") or (m.group("r_w") or "").lower() == "the"
        ) and not _year_end_ahead(raw, s):
            return None  # "held forward contracts at year-end": the reported year's, carried
        out = _rel_atom(m, a)
        if (
            out is not None
            and out.kind == "relyear"
            and not out.fiscal
            and _FISCAL_YEAR_NAMED.search(raw)
        ):
            # "to about 100 mln dlrs this year from 87 mln dlrs in fiscal 1986": the same
            # reckoning for both years
            out.fiscal = True
        return out
    if kind == "ahead":
        # "five years from now", "in two years' time": that year (quarter, month) ahead
        count = (m.group("ah_n") or "a").lower()
        n = 1 if count in ("a", "an") else _num(count) or 1
        unit = m.group("ah_u").lower().rstrip("s")
        a.kind = "reln"
        a.when = _ahead(unit, n)
        return a
    if kind == "ago":
        count = (m.group("ag_n") or "a").lower()
        n = 1 if count in ("a", "an") else _num(count) or 1
        unit = (m.group("ag_u") or m.group("ag_u2") or m.group("ag_u3")).lower().rstrip("s")
        months = {"year": 12, "quarter": 3, "month": 1}.get(unit, 0)
        days = {"week": 7, "day": 1}.get(unit, 0)
        a.anchored = True
        a.when = _anchored(months=-months * n, days=-days * n, instant_fallback=True)
        return a
    if kind == "daypart":
        a.when = _weekday_resolver("today")
        return a
    if kind == "day":
        word = text.split()[-1]
        which = (m.group("dy_w") or "").lower()
        if _NAMED_DAY.search(raw, max(0, s - 6), s) and _CAPITAL_NEXT.match(raw, e):
            return None  # "yesterday's Sunday Times": a name
        named = _CAPITAL_BEFORE.search(raw, max(0, s - 20), s) if word[0].isupper() else None
        if named and word.lower() in ("today", "tonight") and named.group(1) not in _LEADS:
            return None  # "USA Today", "Wall Street Today": a name
        a.weekday = word.lower() in lex.weekdays
        if not which and _EFFECTIVE.search(raw, max(0, s - 24), s):
            which = "coming"
        a.when = _weekday_resolver(word, which)
        a.wday = _lex().weekdays.get(word.lower(), -1) if not which else -1
        return a
    if kind == "season":
        name = (m.group("se_a") or m.group("se_b") or m.group("se_c")).lower()
        ytext = m.group("se_y")
        if m.group("se_r"):
            # "the summer of last year": that season of the year named relative to the story
            shift = {"last": -1, "this": 0, "next": 1}[m.group("se_r").lower()]
            a.when = _season_of_year(name, shift)
            return a
        a.when = _season(name, (m.group("se_w") or "").lower(), int(ytext) if ytext else None)
        a.explicit = ytext is not None
        return a
    if kind == "dayrange":
        mo = _month_no(text)
        d1 = int(re.sub(r"\D", "", m.group("dr_a")))
        d2 = int(re.sub(r"\D", "", m.group("dr_b")))
        if mo is None or d2 < d1:
            return None
        ytext = m.group("dr_y")
        first = _day_resolver(mo, d1, int(ytext) if ytext else None)
        a.when = _range_resolver(first, _offset(first, d2 - d1), True, True)
        a.explicit = ytext is not None
        return a
    if kind == "date":
        mo = _month_no(text)
        if mo is None:
            return None
        if m.group("d_w"):
            day, year = _num(m.group("d_w")) or 0, None
        elif m.group("d_w2"):  # "on April three, 1987"
            day, year = _num(m.group("d_w2")) or 0, int(m.group("d_wy"))
        else:
            d = _g().date.match(text)
            if not d:
                return None
            day = _day_of(d)
            year = _yy(d.group("y") or d.group("y2"))
        if not 1 <= day <= 31:
            return None
        a.sub = ("day", mo, day)
        a.when = _day_resolver(mo, day, year)
        a.explicit = year is not None
        return a
    if kind == "monrange":
        months = _months_in(text)
        if len(months) < 2:
            return None
        a.sub = ("months", months[0], months[-1])
        if m.group("mr_y"):
            a.year, a.explicit = ("abs", int(m.group("mr_y"))), True
        return a
    if kind == "monyear":
        mo = _month_no(text) or lex.months.get((m.group("my_lc") or "").lower())
        if mo is None:
            return None
        year = _yy(m.group("my_y") or m.group("my_y2"))
        a.sub, a.year, a.explicit = ("months", mo, mo), ("abs", year), True
        a.mode = _mod_mode(m.group("my_mod"))
        a.part = (m.group("my_mod") or "").lower()
        return a
    if kind == "month":
        mo = _month_no(text)
        if mo is None:
            return None
        word = _g().month.search(text)
        ambiguous = word is not None and word.group(0).rstrip(".").lower() in lex.ambiguous
        if ambiguous and not m.group("mo_mod") and not _month_context(raw, s, e):
            return None
        a.sub = ("months", mo, mo)
        a.mode = _mod_mode(m.group("mo_mod"))
        a.part = (m.group("mo_mod") or "").lower()
        if _EFFECTIVE.search(raw, max(0, s - 24), s):
            # "effective with June billing statements": the June under way or next, all of it
            a.when = _coming_days(mo, 1, 31)
        return a
    if kind == "layday":  # a fixture's laydays "10-13/4", "25/4-5/5": the coming April (May)
        if not _FIXTURE.search(raw, 0, s):
            return None
        if m.group("ld_c"):
            d1, mo, d2, mo2 = (int(m.group(g)) for g in ("ld_c", "ld_cm", "ld_d", "ld_dm"))
            if not (1 <= d1 <= 31 and 1 <= d2 <= 31 and mo2 == mo % 12 + 1):
                return None
            a.when = _coming_days(mo, d1, d2, mo2)
            return a
        d1, d2, mo = int(m.group("ld_a")), int(m.group("ld_b")), int(m.group("ld_m"))
        if not 1 <= d1 < d2 <= 31:
            return None
        a.when = _coming_days(mo, d1, d2)
        return a
    if kind == "year":
        if m.group("y_s"):
            before = raw[max(0, s - 12) : s].lower().split()
            if not before or before[-1] not in (
                "in",
                "since",
                "by",
                "of",
                "for",
                "until",
                "fiscal",
            ):
                return None
            a.year = ("abs", _yy(m.group("y_s")))
        elif m.group("y_y2"):
            a.year = ("abs", int(m.group("y_y2")))
            a.mode = _mod_mode(m.group("y_mod"))
            a.part = m.group("y_mod").lower()
        elif m.group("y_ye") or m.group("y_ye2"):  # "1986 year-end assets": an instant
            a.year, a.mode = ("abs", int(m.group("y_ye") or m.group("y_ye2"))), "instant"
        else:
            y = int(m.group("y_y"))
            if not _is_year_use(raw, s, e, y):
                return None
            a.year = ("abs", y)
        a.sub, a.explicit = ("year",), True
        return a
    return None


_FIXTURE = guarded(
    r"(?i)\b(?:mt|tonnes|tons|dwt|fio|fios|fiost|shinc|shex|sshex|laydays|all\s+purposes"
    r"|days?\s+(?:load|disch))\b"
)


def _coming_days(month: int, d1: int, d2: int, month2: int = 0) -> Resolver:
    """Days d1..d2 of the month under way or next (laydays are never in the past); with
    `month2`, from d1 of `month` to d2 of the month after it."""

    def resolve(env: _Env) -> Interval | None:
        pub = env.published
        if pub is None:
            return None
        y = pub.year if _month_end(pub.year, month) >= pub else pub.year + 1
        if month2:
            y2 = y + 1 if month2 < month else y
            return _safe_date(y, month, d1), _safe_date(y2, month2, d2)
        return _safe_date(y, month, d1), _safe_date(y, month, d2)

    return resolve


_AHEAD_PREPS = frozenset({"until", "till", "due", "effective", "starting", "beginning", "ahead of"})
_SHIPMENT_BEFORE = re.compile(
    r"(?i)\b(?:for|with)\s+(?:shipment|arrival|loading|sailing)\s+\Z"
)  # "30,000 tonnes of white sugar for arrival in June": the coming June
# "raised the farmgate price for the April-September mid-crop": the coming crop
_CROP_AFTER = re.compile(r"(?i)\s+(?:mid-?crop|main\s+crop|crop|harvest|season)\b")
_SHIPMENT = re.compile(
    r"(?i)(?:\s*/\s*[A-Za-z]+)?\s+(?:shipment|shipments|delivery|deliveries|loading|arrival"
    r"|sailing|positions?)\b"
)
_NAMED_DAY = guarded(r"(?:\bthe|'s|\ba)\s+\Z")
_CAPITAL_NEXT = re.compile(r"\s+[A-Z][a-z]")
_CAPITAL_BEFORE = guarded(r"(?<![.!?:\"'])\b([A-Z][A-Za-z.]*)\s+\Z")
_LEADS = frozenset("On In At By For From Since Until And But As Also Earlier Later".split())
_EFFECTIVE = re.compile(r"(?i)\beffective\s+(?:with\s+|from\s+|on\s+)?(?:the\s+)?\Z")


def _mod_mode(mod: str | None) -> str:
    if not mod:
        return ""
    return {"end": "instant", "mid": "mid", "pre": "before", "post": "after"}.get(mod.lower(), "")


def _numdate(text: str) -> Resolver:
    parts = [int(p) for p in re.split(r"[-/.]", text)]
    if "-" in text:
        y, mo, d = parts
    elif "/" in text:
        mo, d, y = parts
        y = _yy(str(y)) or y if y < 100 else y
    else:
        d, mo, y = parts
    day = _safe_date(y, mo, d) if 1 <= d <= 31 else None
    return _fixed((day, day))


def _same_in(year: int) -> Resolver:
    def resolve(env: _Env) -> Interval | None:
        if env.anchor is None or env.anchor[1] is None:
            return None  # "the corresponding period in 2008": a part of 2008 not named
        delta = 12 * (year - env.anchor[1].year)
        return _shift(env.anchor, months=delta)

    return resolve


def _same_month(month: int) -> Resolver:
    """ "the same January period": the main period moved back into that month."""

    def resolve(env: _Env) -> Interval | None:
        if env.anchor is None or env.anchor[1] is None:
            return _sub_resolver(("months", month, month), None)(env)
        delta = -((env.anchor[1].month - month) % 12)
        return _shift(env.anchor, months=delta)

    return resolve


def _same_as(year: Resolver) -> Resolver:
    """ "the same period of fiscal 2004-05": the main period moved into the year named."""

    def resolve(env: _Env) -> Interval | None:
        target = year(env)
        if target is None or target[0] is None or target[1] is None:
            return None
        if env.anchor is None or env.anchor[0] is None or env.anchor[1] is None:
            return target
        s, e = env.anchor
        mid = target[0] + (target[1] - target[0]) / 2
        own = s + (e - s) / 2
        k = min(range(-6, 7), key=lambda k: abs((_add_months(own, 12 * k) - mid).days))
        return _shift(env.anchor, months=12 * k)

    return resolve


def _current_year() -> Resolver:
    """ "the current year": the fiscal year under way in a story that reckons in fiscal years
    ("mid-fiscal 1987", "the 1987/88 fiscal year"), else the calendar year."""
    calendar_year = _sub_resolver(("year",), ("rel", 0))
    fiscal_year = _sub_resolver(("year",), ("rel", 0), True)
    return lambda env: (fiscal_year if env.fiscal_story else calendar_year)(env)


_FISCAL_YEAR_NAMED = re.compile(
    r"(?i)\bfiscal\s+(?:year\s+)?(?:19|20)\d\d\b|\bthe\s+(?:full\s+|current\s+)?fiscal\s+year\b"
)


def _ahead(unit: str, n: int) -> Resolver:
    """The calendar year, quarter or month `n` of them after the one under way."""

    def resolve(env: _Env) -> Interval | None:
        pub = env.published
        if pub is None:
            return None
        if unit == "year":
            return dt.date(pub.year + n, 1, 1), dt.date(pub.year + n, 12, 31)
        size = 3 if unit == "quarter" else 1
        first = dt.date(pub.year, (pub.month - 1) // size * size + 1, 1)
        start = _add_months(first, size * n)
        return start, _add_months(start, size) - dt.timedelta(days=1)

    return resolve


def _this_decade(env: _Env) -> Interval | None:
    if env.published is None:
        return None
    first = env.published.year - env.published.year % 10
    return dt.date(first, 1, 1), dt.date(first + 9, 12, 31)


def _year_end_ahead(raw: str, at: int) -> bool:
    """Is "year-end" / "the end of the year" the end of the year under way, looked ahead to
    ("Gold could hit $2,500 by the end of the year"), not that of a year reported on, nor the
    end of a span whose start is told elsewhere ("extend its cut to the end of the year")?"""
    if _UNTIL_BEFORE.search(raw, max(0, at - 24), at):
        return False
    return _g().future.search(raw) is not None


_UNTIL_BEFORE = guarded(r"(?i)\b(?:to|until|till|through|thru)\s+(?:the\s+)?(?:end\s+of\s+)?\Z")


def _rel_atom(m: re.Match[str], a: _Atom) -> _Atom | None:
    if m.group("r_dec"):
        # "by the end of the decade": the decade under way, to its last year's end
        a.kind, a.when = "decade", _this_decade
        return a
    if m.group("r_ye"):
        # "by year-end", "at end-year": the end of the year under way
        a.kind, a.sub, a.year, a.fiscal, a.mode = "relyear", ("year",), ("rel", 0), False, "instant"
        return a
    word, unit = m.group("r_w").lower(), m.group("r_u").lower().replace("-", "")
    fiscal = bool(m.group("r_f") and m.group("r_f").strip().lower() in ("fiscal", "financial"))
    unit = {"qtr": "quarter", "halfyear": "half", "weekend": "week", "season": "year"}.get(
        unit, unit
    )
    if unit == "period":
        return None
    if word in ("previous", "prior", "preceding"):
        a.anchored = True
        a.when = _anchored(
            months=-{"year": 12, "quarter": 3, "half": 6, "month": 1}.get(unit, 0),
            days=-7 if unit == "week" else 0,
        )
        return a
    if word == "past" and unit != "week":
        a.when = _rolling(
            {"year": "years", "quarter": "quarters", "month": "months"}.get(unit, "months"),
            6 if unit == "half" else 1,
            -1,
        )
        return a
    k = {
        "last": -1,
        "past": -1,
        "latest": -1,
        "this": 0,
        "the": 0,  # "by the end of the year": the one under way
        "current": 0,
        "next": 1,
        "coming": 1,
        "following": 1,
    }[word]
    if unit == "year":
        a.kind, a.sub, a.year, a.fiscal = "relyear", ("year",), ("rel", k), fiscal
        calendar_named = (m.group("r_f") or "").strip().lower() == "calendar"
        if word == "current" and not fiscal and not calendar_named:
            a.when = _current_year()
        return a
    a.when = _rel_unit(unit, k, fiscal)
    return a


def _contract_month(month: int, digit: int) -> Resolver:
    """The month of the year ending in `digit` from a year before publication on."""

    def resolve(env: _Env) -> Interval | None:
        pub = env.published
        if pub is None:
            return None
        y = pub.year - 1 + (digit - (pub.year - 1)) % 10
        return dt.date(y, month, 1), _month_end(y, month)

    return resolve


def _week_of(month: Resolver, which: str) -> Resolver:
    def resolve(env: _Env) -> Interval | None:
        iv = month(env)
        if iv is None or iv[0] is None or iv[1] is None:
            return None
        if which in ("last", "final"):
            return iv[1] - dt.timedelta(days=6), iv[1]
        k = {"first": 0, "second": 1, "third": 2, "fourth": 3}[which]
        s = iv[0] + dt.timedelta(days=7 * k)
        return s, s + dt.timedelta(days=6)

    return resolve


def _anaphor_atom(m: re.Match[str], a: _Atom) -> _Atom | None:
    """ "the week('s)", "the period", "the first week of the period", "the latest two weeks",
    "Current periods": parts of the period the story reports on, never calendar periods."""
    n = _num(m.group("an_n") or m.group("an_n2") or m.group("an_ln"))
    span_days = 7 * n if n else 0
    named = m.group("an_s") or m.group("an_b") or ""
    if not span_days and _STATEMENT_PERIOD.search(named):
        span_days = 14  # a bank reserve statement period
    if m.group("an_p"):
        part, unit, base = m.group("an_p").lower(), m.group("an_u").lower(), "period"
    elif m.group("an_ln"):
        part, unit, base = "all", "", "weeks"
    elif m.group("an_mn"):
        part, unit, base = "all", "", "months"
        span_days = _num(m.group("an_mn")) or 0
    elif m.group("an_w") or (m.group("an_cu") or "").lower() == "week":
        part, unit, base = "all", "", "week"
    else:
        part, unit, base = "all", "", "period"
    fallback = None
    if m.group("an_c") and base == "week":
        fallback = _rel_unit("week", -1, False)  # "the latest week" with no report week
    elif m.group("an_l"):
        fallback = _rolling("weeks", n or 1, -1)
    a.kind, a.anchored = "anaphor", True
    a.when = _anaphor(part, unit, base, span_days, fallback)
    return a


def _anaphor(
    part: str, unit: str, base: str, span_days: int, fallback: Resolver | None
) -> Resolver:
    def resolve(env: _Env) -> Interval | None:
        anchor = env.anchor
        if anchor is None or anchor[0] is None or anchor[1] is None:
            return fallback(env) if fallback is not None else None
        s, e = anchor
        days = (e - s).days + 1
        if base == "week":
            return (e - dt.timedelta(days=6), e) if 6 <= days <= 16 else None
        if base == "weeks":
            return (e - dt.timedelta(days=span_days - 1), e) if 6 <= days <= span_days + 2 else None
        if base == "months":  # "the two months", "the six months": to the story's end
            fits = 0 < span_days <= 24 and _months_of(anchor) <= span_days + 1
            return _ending(e, months=span_days) if fits else None
        if span_days and days < span_days:  # "the two-week statement period" of the week
            s, days = e - dt.timedelta(days=span_days - 1), span_days
        elif unit == "week" and 6 <= days <= 8:
            s, days = e - dt.timedelta(days=13), 14  # a week told as part of a longer period
        if part == "all":
            return s, e
        if days < 13:
            return None
        if unit == "week":
            return (s, s + dt.timedelta(days=6)) if part == "first" else (e - dt.timedelta(6), e)
        half = days // 2
        if part == "first":
            return s, s + dt.timedelta(days=half - 1)
        return s + dt.timedelta(days=half), e

    return resolve


def _ended_atom(m: re.Match[str], a: _Atom) -> _Atom | None:
    date_text = m.group("en_date") or ""
    mo = _month_no(date_text) or _month_word(date_text)
    if mo is None and m.group("en_wd") and not date_text.strip():
        # "the week ended Wednesday": the latest such day (the coming one for "beginning")
        which = "coming" if m.group("en_from") else "recent"
        return _ended_on(m, a, _weekday_resolver(m.group("en_wd"), which), False)
    if mo is None:
        return None
    d = _g().date.search(date_text)
    words = re.findall(r"[A-Za-z]+", date_text)
    in_words = _num(words[-1]) if len(words) > 1 and words[-1].lower() in _lex().numbers else None
    if d:
        day = _day_of(d)
        year = _yy(d.group("y") or d.group("y2"))
    elif in_words is not None and 1 <= in_words <= 31:  # "the week ended April three"
        day, year = in_words, None
    else:
        day = calendar.monthrange(2001, mo)[1] if mo != 2 else 28
        ym = _g().year.search(date_text)
        year = int(ym.group(0)) if ym else None
    if d is None and in_words is None and mo == 2:
        day = 29  # clipped to the month's end by _safe_date
    if m.group("en_from"):  # "the fiscal year beginning April 1": a span from that day
        return _ended_on(m, a, _day_resolver(mo, day if d else 1, year), year is not None)
    recent = bool(re.search(r"(?i)\bended\s", m.group(0)))
    point = _day_resolver(mo, day, year, recent)
    if d is None and in_words is None and year is None:
        point = _month_end_resolver(mo, recent)
    elif d is None and year is not None:
        point = _fixed((_month_end(year, mo), _month_end(year, mo)))
    what = (m.group("en_w") or "").lower()
    if what.startswith(("quarter", "qtr", "year", "fiscal", "financial")):
        a.fy_end = (mo, day)
    out = _ended_on(m, a, point, year is not None)
    months = _span_of(m)[0]
    last = calendar.monthrange(year or 2001, mo)[1]
    if out is not None and d is not None and months in (3, 6, 9) and day < last - (mo == 2):
        # a quarter ending mid-month ("the third quarter ended October 28, 2023") is a
        # retailer's 13 weeks, not three calendar months
        out.when = _ending_resolver(point, days=months // 3 * 91)
    return out


def _ended_on(m: re.Match[str], a: _Atom, point: Resolver, explicit: bool) -> _Atom | None:
    """The span an `ended` match names, ending on the day `point` resolves to."""
    months, days = _span_of(m)
    if not months and not days:
        return None
    a.explicit = explicit
    a.own_end = not m.group("en_from")
    if m.group("en_from"):
        a.when = _starting_resolver(point, months, days)
    else:
        a.when = _ending_resolver(point, months=months, days=days)
    return a


_STATEMENT_PERIOD = guarded(r"(?i)\b(?:statement|reserve|maintenance|settlement)\b")


def _span_of(m: re.Match[str]) -> tuple[int, int]:
    """(months, days) of "nine months", "the week", "the fiscal year" in an `ended` match; a
    bank "statement period" is two weeks."""
    if m.group("en_n"):
        n = _num(m.group("en_n")) or 0
        unit = m.group("en_u").lower()
        return (0, 7 * n) if unit.startswith("w") else (12 * n, 0) if unit[0] == "y" else (n, 0)
    what = re.sub(r"\s+", " ", m.group("en_w").lower())
    if what.startswith(("week", "wk")):
        return 0, 7
    if "period" in what and _STATEMENT_PERIOD.search(what):
        return 0, 14
    if what.startswith(("quarter", "qtr")) or "period" in what:
        return 3, 0
    return (6, 0) if what.startswith("half") else (12, 0)


def _starting_resolver(first: Resolver, months: int, days: int) -> Resolver:
    def resolve(env: _Env) -> Interval | None:
        iv = first(env)
        if iv is None or iv[0] is None:
            return None
        s = iv[0]
        if days:
            return s, s + dt.timedelta(days=days - 1)
        return s, _add_months(s, months) - dt.timedelta(days=1)

    return resolve


def _month_end_resolver(month: int, recent: bool) -> Resolver:
    def resolve(env: _Env) -> Interval | None:
        pub = env.published
        if pub is None:
            return None
        ends = [_month_end(y, month) for y in (pub.year - 1, pub.year, pub.year + 1)]
        if recent and env.forward:
            ahead = [d for d in ends if d >= pub - _JUST_OVER]
            return (ahead[0], ahead[0]) if ahead else None
        if recent:
            past = [d for d in ends if d <= pub]
            return (past[-1], past[-1]) if past else None
        d = min(ends, key=lambda d: abs((d - pub).days))
        return d, d

    return resolve


_NAME_AFTER = re.compile(r"\s+([A-Z][a-z]+)\b(?!\s*\d)")


def _month_context(raw: str, s: int, e: int) -> bool:
    """Is an ambiguous month word ("May", "March") used as a month here? Not in a name
    ("general partner of May Energy", "May Department Stores")."""
    name = _NAME_AFTER.match(raw, e)
    if name is not None and name.group(1).lower() not in _lex().months:
        return False
    before = raw[max(0, s - 14) : s].lower()
    if re.search(
        r"(?:\b(?:in|since|until|till|by|from|through|during|for|of|last|next|this|early|late"
        r"|before|after|between|and|to|or|end|mid|on)\s+(?:the\s+)?)\Z",
        before,
    ):
        return True
    if re.search(
        r"(?:^|[,;(]\s*|\b(?:its|their|the|his|her|our)\s+|['’]s\s+)\Z", raw[:s][-14:], re.I
    ) and (re.match(r"\s+(?!be\b|have\b|not\b|also\b|well\b|we\b|i\b)[a-z]{3,}", raw[e : e + 14])):
        return True  # "March exports rose", "Japan's May trade surplus": a month as a modifier
    return bool(re.match(r"\s*(?:[-–/]|and\b|to\b|through\b)\s*[A-Z][a-z]+", raw[e : e + 14]))


def _is_year_use(raw: str, s: int, e: int, y: int) -> bool:
    """A bare number between 1800 and 2099: a year ("in 1986", "1986 net profit") or a figure
    ("$2000", "2000 tonnes", "1000-2000 bags")?"""
    lex, g = _lex(), _g()
    before = raw[max(0, s - 24) : s]
    if re.search(r"(?:[$€£¥]|\b[A-Z]{1,3}\$|\b(?:Rs|DM|SFr|Y)\.?)\s*\Z", before):
        return False
    if re.search(r"\d\s*(?:[-–]|to|and|or)\s*\Z", before) and not re.search(
        r"(?<![\d.,])(?:1[89]|20)\d\d\s*(?:to|and|or|through)\s*\Z", before
    ):
        return False  # "1000-2000 bags"; but "between 1975 and 1984" are years
    after = raw[e : e + 24]
    if re.match(r"\s*(?:[-–]\s*\d|to\s+\d{3,4}(?![\d,.]))", after):
        return False  # "1000-2000 bags", "1990 to 2010 dlrs"; not "1987 to 6.67 billion rand"
    w_before = g.word_before.search(before)
    prev = w_before.group(1).lower() if w_before and before[w_before.end(1) :].strip() == "" else ""
    if before.endswith("'s "):
        prev = "'s"
    nxt = g.word_after.match(after)
    if nxt and nxt.group(1).lower() in lex.year_nouns:
        return prev in lex.year_attributive and nxt.group(1).lower() not in ("%", "pct", "percent")
    if y < 1900:
        return prev in lex.year_attributive or prev in ("by", "from", "to")
    # not the last column of a price row: "May 147.75 147.50 148.00 146.25 2000"
    return not (after_price_row(raw, s) and not after.strip(" \t\r")[:1].isalnum())


def _merge(atoms: list[_Atom], raw: str) -> list[_Atom]:
    """Join parts written together: "the first quarter of 1987", "fiscal 1986 fourth quarter",
    "from January 1 to March 31", "1986/87, ending June 30"."""
    out: list[_Atom] = []
    for a in atoms:
        if out:
            p = out[-1]
            gap = raw[p.end : a.start]
            joined = _join(p, a, gap, raw)
            if joined is not None:
                out[-1] = joined
                continue
            if (
                p.kind == "month"
                and p.year is None
                and a.kind == "monyear"
                and a.year is not None
                and _LIST_GAP.fullmatch(gap)
            ):  # "in March and August 1986": March 1986
                p.year, p.explicit = a.year, True
        out.append(a)
    return out


_LIST_GAP = re.compile(r"(?i)\s*(?:,\s*and|,|and|or)\s*")


_NOUN_GAP = re.compile(r"\s+[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?\s+")
_NOT_NOUN = re.compile(
    r"\b(?:was|were|is|are|has|had|have|rose|fell|from|to|in|of|for|against|than|and|or|but"
    r"|compared|with|by|since|after|before|on|at|versus|vs)\b"
)
_GAP_OF = re.compile(
    r"(?i)\A(?:\s*[,:])?\s*(?:(?:period|months)\s+)?(?:(?:of|in|for)\s+)?(?:the\s+)?"
    r"(?:calendar\s+)?\Z"
)
_GAP_YEAR_SUB = re.compile(r"(?i)\A(?:'s)?\s+(?:the\s+)?\Z")
_WEEK_RANGE_JOIN = re.compile(r"(?i)\s+(?:to|through)\s")
_RANGE_KINDS = frozenset({"range", "monrange", "yrange", "dayrange"})
_DAY_KINDS = frozenset({"day", "daypart", "date", "numdate"})  # expressions naming one day
_GAP_RANGE_END = re.compile(
    r"(?i)\A\s*(?:to|through|thru|until|till)\s+(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?\Z"
)
_GAP_RANGE = re.compile(r"(?i)\A\s*(?:[-–]|to|through|thru|until|till|and)\s*\Z")
_GAP_ENDING = re.compile(
    r"(?i)\A\s*,?\s*(?:which\s+|that\s+)?(?:ending|ended|ends|end|to)\s+(?:on\s+)?\Z"
)
_GAP_IN = re.compile(r"(?i)\A\s+(?:in|of)\s+\Z")


def _join(p: _Atom, a: _Atom, gap: str, raw: str) -> _Atom | None:
    if len(gap) > 24:
        return None
    # "the first half of January": a half of a month
    if p.kind == "half" and a.kind == "month" and p.sub and _GAP_OF.match(gap):
        r = _Atom("composite", p.start, a.end, explicit=a.explicit)
        r.when = _half_month(_atom_resolver(a), p.sub[1])
        return r
    # sub-year part, then its year
    if (
        p.sub is not None
        and p.year is None
        and p.sub[0] != "year"
        and a.kind in _YEAR_KINDS
        and a.sub == ("year",)
        and _GAP_OF.match(gap)
    ):
        # "the second fiscal quarter last year": a quarter of the company's year
        fiscal = a.fiscal or "fiscal" in raw[p.start : p.end].lower()
        return _Atom(
            "composite",
            p.start,
            a.end,
            p.sub,
            a.year,
            fiscal,
            explicit=a.explicit,
            mode=p.mode or a.mode,
        )
    # year, then the part of it: "1986 fourth quarter", "fiscal 1987 first half"
    if (
        p.kind in _YEAR_KINDS
        and p.sub == ("year",)
        and a.sub is not None
        and a.year is None
        and a.kind in ("quarter", "half", "nmonths", "qcode", "hcode")
        and _GAP_YEAR_SUB.match(gap)
    ):
        return _Atom("composite", p.start, a.end, a.sub, p.year, p.fiscal, explicit=p.explicit)
    # "The January surplus last year": a month naming a figure, then its year
    if (
        p.kind == "month"
        and p.year is None
        and a.kind in ("relyear", "year")
        and _NOUN_GAP.fullmatch(gap)
        and not _NOT_NOUN.search(gap)
        and re.search(r"(?i)\bthe\s+\Z", raw[max(0, p.start - 5) : p.start])
    ):
        return _Atom(
            "composite", p.start, a.end, p.sub, a.year, a.fiscal, explicit=a.explicit, mode=p.mode
        )
    # "the same period" + "of fiscal 2004-05"
    if (
        p.kind == "same"
        and p.anchored
        and not p.explicit
        and a.kind in _YEAR_KINDS
        and a.sub == ("year",)
        and _GAP_OF.match(gap)
    ):
        r = _Atom("same", p.start, a.end, explicit=a.explicit, anchored=True)
        r.when = _same_as(_atom_resolver(a))
        return r
    # "for the full year in 1987": the year named
    if p.kind == "fullyear" and a.kind in _YEAR_KINDS and (_GAP_IN.match(gap) or not gap.strip()):
        return _Atom("composite", p.start, a.end, ("year",), a.year, a.fiscal, explicit=a.explicit)
    # "the current fiscal year, which ends May 31, 1987": the twelve months to that day
    if p.kind == "relyear" and a.kind == "date" and _GAP_ENDING.match(gap):
        r = _Atom("composite", p.start, a.end, explicit=a.explicit)
        r.when = _ending_resolver(_atom_resolver(a), months=12)
        return r
    # a split or fiscal year with its end: "1986/87, ending June 30"
    if p.kind in ("fiscal", "yrange_split") and a.kind == "date" and _GAP_ENDING.match(gap):
        assert a.sub is not None
        if a.explicit:  # "fiscal 2005-06, ended October 31, 2006": the year to that day
            p.when = _ending_resolver(_atom_resolver(a), months=12)
        else:
            p.fy_end = (a.sub[1], a.sub[2])
        p.end = a.end
        return p
    # days of one week: "on Monday and Tuesday", "Monday through Thursday"
    if p.wday >= 0 and a.wday >= 0 and _GAP_RANGE.match(gap):
        days = (a.wday - p.wday) % 7
        if "and" in gap.lower() and days != 1:
            return None
        r = _Atom("range", p.start, a.end)
        r.when = _days_before(a.when, days) if a.when is not None else None
        r.weekday = True
        return r
    # "from May until the end of 2023": to the last day of the second
    if (
        _GAP_RANGE_END.match(gap)
        and _rangeable(p)
        and _rangeable(a)
        and re.search(r"(?i)\bfrom\s+(?:the\s+)?\Z", raw[max(0, p.start - 12) : p.start])
    ):
        r = _Atom("range", p.start, a.end, explicit=p.explicit or a.explicit)
        r.when = _range_resolver(_atom_resolver(p), _atom_resolver(a), a.explicit, p.explicit)
        return r
    # ranges: "from January 1 to March 31", "between 1986 and 1990", "1986 to 1990"
    if _GAP_RANGE.match(gap) and _rangeable(p) and _rangeable(a):
        if "and" in gap.lower() and not re.search(
            r"(?i)\bbetween\s+(?:the\s+)?\Z", raw[max(0, p.start - 12) : p.start]
        ):
            return None
        if (
            gap.strip().lower() == "to"
            and not re.search(
                r"(?i)\b(?:from|period|periods)\s+(?:the\s+)?\Z",
                raw[max(0, p.start - 12) : p.start],
            )
            and not (p.kind == a.kind == "year")
        ):
            return None
        r = _Atom("range", p.start, a.end, explicit=p.explicit or a.explicit)
        r.when = _range_resolver(_atom_resolver(p), _atom_resolver(a), a.explicit, p.explicit)
        return r
    return None


def _half_month(month: Resolver, which: int) -> Resolver:
    """Days 1-15 or 16-end of the month `month` resolves to."""

    def resolve(env: _Env) -> Interval | None:
        iv = month(env)
        if iv is None or iv[0] is None or iv[1] is None:
            return None
        mid = iv[0].replace(day=15)
        return (iv[0], mid) if which == 1 else (mid + dt.timedelta(days=1), iv[1])

    return resolve


_SO_FAR_AFTER = re.compile(r"(?i)\s+(?:so\s+far|to\s+date)\b")
_SO_FAR = re.compile(r"(?i)\bso\s+far\s+(?:in|during|for)\s+(?:the\s+|this\s+|its\s+)?\Z")


def _to_date(inner: Resolver) -> Resolver:
    """A period under way cut at the story's day ("so far in the 2024-25 season")."""

    def resolve(env: _Env) -> Interval | None:
        iv = inner(env)
        if iv is None or env.published is None or iv[0] is None or iv[1] is None:
            return iv
        if iv[0] <= env.published < iv[1]:
            return iv[0], env.published
        return iv

    return resolve


_SINCE_ITS = re.compile(r"(?i)\bsince\s+(?:its|their)\s+\Z")


def _part_of_year(year: Resolver, part: str) -> Resolver:
    """ "early 2025", "late-2023": the year's first or last quarter."""

    def resolve(env: _Env) -> Interval | None:
        iv = year(env)
        if iv is None or iv[0] is None or iv[1] is None or not 360 <= (iv[1] - iv[0]).days <= 366:
            return iv
        if part == "early":
            return iv[0], _add_months(iv[0], 3) - dt.timedelta(days=1)
        return _add_months(iv[0], 9), iv[1]

    return resolve


def _part_of_month(month: Resolver, part: str) -> Resolver:
    """ "late October", "early April": the month's last eleven or first ten days."""

    def resolve(env: _Env) -> Interval | None:
        iv = month(env)
        if iv is None or iv[0] is None or iv[1] is None or (iv[1] - iv[0]).days > 31:
            return iv
        if part == "early":
            return iv[0], iv[0].replace(day=10)
        return iv[0].replace(day=21), iv[1]

    return resolve


def _days_before(last: Resolver, days: int) -> Resolver:
    """From `days` days before the day `last` resolves to, to that day."""

    def resolve(env: _Env) -> Interval | None:
        iv = last(env)
        if iv is None or iv[1] is None:
            return None
        return iv[1] - dt.timedelta(days=days), iv[1]

    return resolve


def _rangeable(a: _Atom) -> bool:
    return a.kind in (
        "date",
        "year",
        "monyear",
        "month",
        "composite",
        "quarter",
        "qcode",
        "fiscal",
        "numdate",
        "relyear",
    )


def _range_resolver(
    first: Resolver, second: Resolver, second_explicit: bool, first_explicit: bool
) -> Resolver:
    def resolve(env: _Env) -> Interval | None:
        b = second(env)
        if b is None:
            return None
        a = first(env)
        if a is None or a[0] is None:
            return None
        if b[1] is not None and a[0] > b[1] and not first_explicit:
            a = _shift(a, months=-12)  # "December to February": December of the year before
        return a[0], b[1]

    return resolve


def _atom_resolver(a: _Atom) -> Resolver:
    if a.when is not None:
        inner = a.when
    elif a.sub is not None:
        inner = _sub_resolver(a.sub, a.year, a.fiscal)
        if a.fy_end is not None:
            inner = _fy_end_resolver(a, inner)
    else:
        return lambda env: None
    if a.mode == "instant":
        return lambda env: _instant(inner(env))
    return inner


def _fy_end_resolver(a: _Atom, inner: Resolver) -> Resolver:
    assert a.fy_end is not None and a.year is not None
    month, day = a.fy_end
    year = a.year[1]

    def resolve(env: _Env) -> Interval | None:
        """The year ending on that day inside the year the convention names ("fiscal 1987,
        which ends March 31" in Canada: April 1986 to March 1987), else in the year named."""
        iv = inner(env)
        years = (
            (year + 1, year) if a.year and a.year[0] in ("split", "season") else (year, year + 1)
        )
        ends = [d for d in (_safe_date(y, month, day) for y in years) if d]
        inside = [d for d in ends if iv is not None and iv[0] and iv[1] and iv[0] <= d <= iv[1]]
        end = (inside or ends or [None])[0]
        return _ending(end, months=12) if end is not None else iv

    return resolve


def _instant(iv: Interval | None) -> Interval | None:
    return None if iv is None else (None, iv[1])


def _mid(iv: Interval | None) -> Interval | None:
    if iv is None or iv[0] is None or iv[1] is None:
        return iv
    mid = iv[0] + (iv[1] - iv[0]) // 2
    return None, mid


@lru_cache(maxsize=16384)
def _scan(raw: str) -> _Scan:
    g = _g()
    # every dateline ends in a dash: most sentences skip the pattern's backtracking
    dateline = g.dateline.match(raw) if ("-" in raw or "—" in raw or "–" in raw) else None
    dl_end = dateline.end() if dateline else 0
    dl_group = (
        next((k for k in ("date", "date2", "date3") if dateline.group(k)), "date")
        if dateline is not None
        else "date"
    )
    atoms: list[_Atom] = []
    pos = 0
    for start in _starts(raw):
        if start < pos:
            continue
        m = g.atoms.match(raw, start)
        if m is None or m.end() == m.start():
            continue
        pos = m.end()
        a = _atom(m, raw)
        if a is not None:
            atoms.append(a)
    if atoms and "next" in raw:
        atoms = _elliptic_next(atoms, raw)
    spans = [(a.start, a.end) for a in atoms if a.kind != "yoy"]
    if dateline:
        spans.append(dateline.span(dl_group))
    atoms = _merge([a for a in atoms if a.kind not in ("time", "yoy")], raw)
    clauses = _clauses(raw) if atoms or _MAY_COMPARE.search(raw) else ()
    exprs: list[_Expr] = []
    for a in atoms:
        ex = _expr(a, raw, dl_end, clauses)
        if ex is None:
            continue
        if (
            ex.role == "main"
            and exprs
            and exprs[-1].role in ("base", "event")
            and _COORDINATED.fullmatch(raw, exprs[-1].end, ex.start)
        ):
            # "from one pct in January and in February 1986", "due in 1987 and 1988"
            ex = replace(ex, role=exprs[-1].role)
        exprs.append(ex)
    if exprs and "," in raw:
        asides = [m.span() for m in _APPOSITIVE.finditer(raw)]
        if asides:
            # "Process Chemicals, acquired from Diamond Shamrock in September, makes ...":
            # the aside's date is the acquisition's, no figure's outside it
            exprs = [
                replace(x, role="event")
                if x.role == "main" and any(s <= x.start and x.end <= e for s, e in asides)
                else x
                for x in exprs
            ]
    segments = _segments(raw, exprs, clauses) if clauses else ()
    if segments:
        exprs = [_in_segment(x, raw, segments) for x in exprs]
    if exprs:
        exprs = _ahead_in_plans(exprs, raw, clauses)
    return _Scan(
        raw=raw,
        spans=tuple(_union(spans)),
        segments=segments,
        exprs=tuple(exprs),
        dateline_end=dl_end,
    )


def _elliptic_next(atoms: list[_Atom], raw: str) -> list[_Atom]:
    """ "2.5pc this year and 2.6pc next": a bare "next" after "this year" is the year after."""
    out = list(atoms)
    for a in atoms:
        if a.kind != "relyear" or a.year != ("rel", 0):
            continue
        m = _NEXT_ALONE.search(raw, a.end)
        if m is None or any(b.start <= m.start() < b.end for b in atoms):
            continue
        out.append(_Atom("relyear", m.start(), m.end(), ("year",), ("rel", 1), a.fiscal))
        break
    return sorted(out, key=lambda b: b.start)


_NEXT_ALONE = re.compile(
    r"(?i)\bnext\b(?=\s*(?:[,.;:)]|\Z|(?:and|but|while|as|before|after|with)\b))"
)


_APPOSITIVE = re.compile(
    r",\s+(?:which\s+was\s+)?(?:acquired|bought|founded|formed|established|purchased|sold|spun\s+off"
    r"|listed|created|set\s+up|launched|incorporated|taken\s+over)\b[^,;]{0,90},"
)
_MAY_COMPARE = guarded(r"(?i)compar|against|contrast")


@lru_cache(maxsize=16384)
def _comparative(raw: str) -> frozenset[int]:
    """Clauses whose periods are their own, never lent to another clause's figures: "after a
    1.1 pct fall in December", "..., having gained 18pc this year"."""
    return frozenset(
        cs
        for cs, _ in _clauses(raw)
        if (_COMPARATIVE_CLAUSE.match(raw, cs) and (cs > 0 or raw[:5].lower() == "since"))
        or _HAVING_BEFORE.search(raw, max(0, cs - 12), cs)
    )


_HAVING_BEFORE = re.compile(r"(?i),\s*having\s*\Z")


_SEGMENT = guarded(
    r"(?i)\b(?:(?:as\s+)?compar(?:ed|es|ing)\s+(?:with|to)|(?:as\s+)?against|contrasted\s+with)\s+"
)
_SEGMENT_FILLER = re.compile(
    r"(?i)(?:(?:a|an|the|its|their|revised|upwardly|downwardly|previous|prior|previously|reported"
    r"|record|adjusted|unrevised|originally|restated|level|total|figure|peak|high|low|average"
    r"|year-earlier|year-ago|same|corresponding|comparable|rise|increase|gain|growth|fall|decline"
    r"|drop|deficit|surplus|earlier|projected|estimated|expected|forecast|provisional|preliminary"
    r"|rate|of|net|income|sales|revenues?|earnings|profits?|loss|losses|output|production"
    r"|exports|imports|[a-z]+-[a-z]+)\s+){0,5}"
)
_SEGMENT_FIGURE = guarded(
    r"(?i)[$€£¥]?\d|\b(?:nil|zero|one|two|three|four|five|six|seven|eight|nine|ten|half)\b"
)


def _parallel(sc: _Scan, raw: str, segment: tuple[int, int, int], fs: int) -> bool:
    """ "imports were 6.00 billion francs against exports of 5.37 billion": another measure
    named in a comparison with no period of its own is of the same period, not a base."""
    if any(segment[1] <= x.core[0] < segment[2] for x in sc.exprs):
        return False
    return _MEASURE_OF.search(raw, segment[1], fs) is not None


_MEASURE_OF = re.compile(r"(?i)\b(?!rate\b|level\b|total\b|figure\b|average\b)[a-z]{4,}\s+of\s+\Z")


# A forecast made before (of a period that may be over): "had expected a rise in February".
_FORECAST_BEFORE = guarded(
    r"(?i)\b(?:had|was|were)\s+(?:\w+\s+)?(?:expected|forecast|projected|predicted|estimated|seen"
    r"|called\s+for)\b"
)
_LEVELS_AFTER = re.compile(r"(?i)(?:'s)?\s+(?:levels?|figures?|totals?|results?)\b")
_PLANS = guarded(
    r"(?i)\b(?:will|shall|would|going\s+to|(?:expects?|expected|plans?|planned|planning|intends?"
    r"|intended|aims?|hopes?|is|are|seeks?|wants?|agreed|proposed?|scheduled)\s+to\s+[a-z]+"
    r"|forecasts?|predicts?|projects?)\b"
)


def _ahead_in_plans(
    exprs: list[_Expr], raw: str, clauses: tuple[tuple[int, int], ...]
) -> list[_Expr]:
    """A period in a clause that plans or forecasts ("will go up ... in October", "is expected
    to be made in late April") looks ahead, unless the forecast itself is past ("had expected
    a rise in February"). "Since May" never does: it starts a state that holds now."""
    out = []
    for x in exprs:
        if not x.forward and x.mode != "since":
            cs, ce = _clause_of(clauses, x.core[0])
            if _PLANS.search(raw, cs, ce) and not _FORECAST_BEFORE.search(raw, cs, ce):
                x = replace(x, forward=True)
        out.append(x)
    return out


def _segments(
    raw: str, exprs: list[_Expr], clauses: tuple[tuple[int, int], ...]
) -> tuple[tuple[int, int, int], ...]:
    """Comparison clauses ("compared with a revised January decline of 7.7 pct", "against nil
    a year earlier"): from the marker to the end of its clause, or to a comma when no figure
    came first ("Compared with last year, ..."). Only where a figure or a period follows the
    marker and a few filler words ("against the mark" is no comparison)."""
    out = []
    by_start = {x.start: x for x in exprs} | {x.core[0]: x for x in exprs}
    for m in _SEGMENT.finditer(raw):
        fill = _SEGMENT_FILLER.match(raw, m.end())
        at = fill.end() if fill else m.end()
        figure = _SEGMENT_FIGURE.match(raw, at)
        if not figure and at not in by_start:
            continue
        cs, end = _clause_of(clauses, m.start())
        preposed = _PREPOSED.search(raw, cs, m.start()) and not _has_digit(raw[cs : m.start()])
        if preposed and at in by_start:
            end = by_start[at].end  # "compared to February 1986 the number ... rose by 222,000"
        for stop in _SEGMENT_END.finditer(raw, m.end(), end):
            if stop.group(0).startswith(",") and not stop.group("more"):
                end = stop.start()
                break
            if stop.group("new") or stop.group("new2"):
                end = stop.start()
                break
        out.append((m.start(), m.end(), end))
    return tuple(out)


_PREPOSED = re.compile(r"(?i)(?:\A|[,;:]|\b(?:that|but|and|however|so|while))\s*\Z")
_SEGMENT_END = re.compile(
    r"(?i),(?P<more>\s*(?:or\s+)?[$€£¥]?\d)?|(?P<new2>\s+but\s+)|\s+and\s+(?:(?P<new>(?!(?:in|for|during|at|on|a|an"
    r"|the|its|nil|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b)[A-Za-z])|[$€£¥\d])"
)


def _in_segment(x: _Expr, raw: str, segments: tuple[tuple[int, int, int], ...]) -> _Expr:
    """A period inside a comparison clause belongs to its bases, never to the main figure."""
    if x.role != "main":
        return x
    for _, body, end in segments:
        if body <= x.core[0] < end:
            figure = _SEGMENT_FIGURE.search(raw, body, x.start)
            return replace(x, role="base" if figure else "compare")
    return x


_PAST_WORDS = frozenset(
    """was were had rose fell grew dropped declined increased decreased gained lost climbed
    slipped jumped totaled totalled amounted reached stood posted reported earned narrowed
    widened eased edged surged plunged improved showed came ran went expanded contracted shrank
    recorded registered compared averaged added made saw bought lent borrowed took spent won
    raised lowered reduced accepted allotted absorbed injected paid sold held kept left met
    set cut put hit led got gave sent began became brought found sought built dealt
    felt fled shed sank struck swept withdrew withheld chose drew drove flew
    froze laid meant overtook rode rang shook shut slid split spread stole stuck swung taught
    threw wrote covered produced exported imported shipped delivered generated attracted
    accounted contributed topped exceeded dipped soared tumbled rebounded recovered doubled
    tripled halved peaked represented processed handled received carried transported consumed
    mined harvested planted invested disbursed approved licensed created employed hired
    trimmed slashed boosted lifted rallied advanced retreated weakened strengthened firmed
    softened accelerated slowed moderated quickened outpaced remained stayed continued hovered
    fluctuated""".split()
)
_PRESENT_WORDS = frozenset(
    """is are amount amounts stand stands total totals remain remains has have exceed exceeds
    hold holds own owns operate operates employ employs now currently""".split()
)
_FUTURE_WORDS = frozenset(
    """will would shall expect expects expected expecting forecast forecasts project projects
    projected plan plans planned planning target targets targeted estimate estimates aim aims
    could might may should likely predict predicts predicted see sees outlook budget budgets
    budgeted""".split()
)
_TENSE_WORD = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=16384)
def _tenses(raw: str) -> tuple[bool, bool, bool]:
    """Which tenses a sentence uses, by word lookup in the three word sets above (a past
    participle after "be/been/being" is not a past). The sets are wider than the grammar's
    `past`, `present` and `future` patterns, which read the tense of one clause."""
    past = present = future = False
    prev = ""
    for m in _TENSE_WORD.finditer(raw):
        w = m.group().lower()
        if w in _PAST_WORDS and prev not in ("be", "been", "being"):
            past = True
        elif w in _PRESENT_WORDS:
            present = True
        if w in _FUTURE_WORDS:
            future = True
        prev = w
    return past, present, future


_ONWARDS = guarded(
    r"(?i)(?:\b(?:a|per|each)\s+(?:year|annum)|\bannual(?:ly)?|\b(?:starting|beginning"
    r"|commencing|effective))\s*,?\s*\Z"
)
_COORDINATED = re.compile(r"(?i)\s+(?:and|or)\s+")
_COMPARATIVE_CLAUSE = re.compile(
    r"(?i)\s*(?:after|following|compared|against|versus|from"
    r"|since(?=\s+(?:[A-Za-z]+\s+){1,3}[a-z]+ed\b))\b"
)


def _starts(raw: str) -> list[int]:
    """Where a date can begin: the start, and words that are digits or date vocabulary. A
    function word ("the", "in", "a") counts only when date vocabulary or a digit follows within
    two words ("in the quarter", "a year earlier"). Trying the grammar only there keeps
    scanning linear and fast."""
    return [0, *(m.start() for m in _start_words().finditer(raw, 1))]


@cache
def _start_words() -> re.Pattern[str]:
    """The words `_starts` keeps, found by one trie-shaped pattern rather than word by word."""
    triggers, function, _ = _triggers()
    triggers = frozenset(w for w in triggers if "-" not in w)  # words are split at hyphens
    follows = _follows().pattern
    return re.compile(
        r"(?<=[QH][1-4])FY(?=\d)"  # "Q3FY25": the fiscal year written on to the quarter
        r"|(?<![A-Za-z0-9'])(?:\d|'|[QHF](?=[1-4Y]|(?![A-Za-z0-9']))"
        rf"|(?i:{trie(sorted(function))})(?![A-Za-z0-9'])(?={follows})"
        rf"|(?i:{trie(sorted(triggers - function))})(?:'s)?(?![A-Za-z0-9']))"
    )


@cache
def _follows() -> re.Pattern[str]:
    """Date vocabulary or a digit within the next two words."""
    words = trie(sorted(_triggers()[2]))
    return re.compile(
        rf"[^A-Za-z0-9']+(?:[A-Za-z0-9']+[^A-Za-z0-9']+)?(?:\d|(?i:{words})(?:'s)?(?![A-Za-z0-9']))"
    )


_WORD = re.compile(r"[A-Za-z0-9']+")


@cache
def _triggers() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(words a date can begin with, the function words among them, the words that must follow
    a function word within two words for a date to begin there)."""
    lex = _lex()
    words = set(lex.months) | set(lex.weekdays) | set(lex.ordinals) | set(lex.numbers)
    words |= {w.split("-")[0] for w in lex.numbers}
    words |= set(
        """the a an in on at for so y yr this last next past previous prior current coming latest
        preceding following same corresponding comparable year years fiscal financial fy
        calendar first initial full whole entire during earlier later overnight today yesterday
        tomorrow tonight end mid pre post early late spring summer autumn fall winter quarter
        quarters qtr qtrs half period periods week weeks wk wks month months mths mos year-on-year
        year-over-year year-to-date yearend statement reporting accounting decade""".split()
    )
    function = frozenset("the a an in on at for during so".split())
    following = (frozenset(words) - function) | {
        "annual",
        "morning",
        "afternoon",
        "session",
        "beginning",
        "start",
        "turn",
    }
    return frozenset(words), function, following


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


@lru_cache(maxsize=16384)
def _clauses(raw: str) -> tuple[tuple[int, int], ...]:
    out, pos = [], 0
    for m in _g().clause.finditer(raw):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(raw)))
    return tuple(out)


_MEANINGFUL = {
    "by": "end",
    "until": "end",
    "till": "end",
    "through": "end",
    "thru": "end",
    "ending": "end",
    "ahead of": "end",
    "from": "start",
    "since": "since",
    "starting": "start",
    "beginning": "start",
    "effective": "start",
    "before": "before",
    "after": "after",
    "as of": "instant",
    "as at": "instant",
}
_LABEL_TAIL = re.compile(
    r"(?:'s\b|\s+(season|crop\s+year|marketing\s+year|crop|campaign|harvest|budget\s+year)\b"
    r"|\s+of\s+the\s+(?:fiscal\s+|financial\s+)?year\b)",
    re.I,
)
_CONSTANT = re.compile(r"(?i)\s*(?:=\s*100|base\b|prices\b|dollars\b|dlrs\b)")
_OVER_COMPARES = frozenset({"month", "monyear", "year", "date", "quarter", "composite"})
_COMPARE = frozenset(
    {"against", "versus", "vs", "vs.", "compared with", "compared to", "than", "than in"}
)
_EVENT = frozenset(
    {
        "due",
        "payable",
        "pay",
        "record",
        "dated",
        "maturing",
        "matures",
        "mature",
        "expiring",
        "expires",
        "base",
    }
)


_WORD_START = re.compile(r"\b\w")
# "an interim dividend of 247c a share, payable on 8 April": when it is paid, not its period
_PAYABLE_ON = re.compile(r"(?i)\b(?:payable|paid|record)\s+\Z")


def _pre(pattern: re.Pattern[str], raw: str, start: int, end: int) -> re.Match[str] | None:
    """`pattern.search(raw, start, end)` for a pattern anchored at `end` that can only begin at
    a word: tried at word starts only (a search tries every character)."""
    for w in _WORD_START.finditer(raw, start, end):
        m = pattern.match(raw, w.start(), end)
        if m is not None:
            return m
    return pattern.match(raw, end, end)


_BELOW = guarded(
    r"(?i)\d[\d.,]*\s*(?:pct|percent|%|points?|mln|billion)?\s+(?:below|above|higher\s+than"
    r"|lower\s+than|more\s+than|less\s+than)\s+(?:[a-z]+\s+){0,2}\Z"
    r"|\d[\d.,]*\s*(?:pct|percent|%|points?)?\s+(?:below|above)\s+(?:its|their|the)\s+"
    r"(?:[a-z][a-z-]*\s+){0,2}(?:level|peak|high|low)\s+(?:(?:of|in)\s+)?\Z"
    # "higher than the 21.91 per cent recorded in February 2023", "below the peak reached in"
    r"|\b(?:below|above|higher\s+than|lower\s+than)\s+(?:the|its|their|a|an)\s+"
    r"(?:[\w.,%$£€-]+\s+){0,5}?(?:recorded|reached|seen|hit|posted|registered|reported)\s+\Z"
)
_EXCLUDING = guarded(
    r"(?i)\b(?:excluding|except(?:\s+for)?|apart\s+from|other\s+than)\s+"
    r"(?:[\w-]+(?:,\s*|\s+and\s+|\s+or\s+))*\Z"
)
_AHEAD_LABELS = tuple(_AHEAD_PREPS)
_DONE_BEFORE = re.compile(
    r"(?i)(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)\b[a-z]+ed\s+(?:by\s+(?:[\w.'-]+\s+){1,3})?"
    r"(?:on|in|at)?\s*\Z"
)
_YEAR_AGO = guarded(r"(?i)\b(?:year[- ]ago|year[- ]earlier|prior[- ]year)\s+\Z")


def _shifted(inner: Resolver, months: int) -> Resolver:
    def resolve(env: _Env) -> Interval | None:
        iv = inner(env)
        return None if iv is None else _shift(iv, months=months)

    return resolve


def _expr(a: _Atom, raw: str, dl_end: int, clauses: tuple[tuple[int, int], ...]) -> _Expr | None:
    g = _g()
    window_start = max(0, a.start - 48)
    pre = _pre(g.pre, raw, window_start, a.start) if a.start > 0 else None
    prep = ""
    label_start = a.start
    pos = ""
    art_start = pos_start = art2_start = -1
    if pre is not None:
        prep = " ".join((pre.group("prep") or "").lower().split())
        prep = re.sub(r"\Acompar(?:es|ing)\b", "compared", prep)
        prep = re.sub(r"\Aeffective\b.*", "effective", prep)
        pos = (pre.group("pos") or "").lower()
        art_start = pre.start("art") if pre.group("art") else -1
        pos_start = pre.start("pos") if pre.group("pos") else -1
        art2_start = pre.start("art2") if pre.group("art2") else -1
        candidates = [x for x in (art_start, pos_start, art2_start) if x >= 0]
        label_start = min(candidates) if candidates else a.start
        if pre.group("prep"):
            label_start = pre.start("prep")
    when = _atom_resolver(a)
    part = a.part or pos
    if part in ("early", "late") and a.kind in ("month", "monyear"):
        when = _part_of_month(when, part)  # "from 7.79% in late October": October 21-31
    elif part in ("early", "late") and a.kind == "year" and not a.fiscal:
        when = _part_of_year(when, part)  # "until early 2025": its first quarter
    if (prep in ("in", "during", "for") and _SO_FAR.search(raw, max(0, a.start - 24), a.start)) or (
        a.kind in _YEAR_KINDS and _SO_FAR_AFTER.match(raw, a.end)
    ):
        # "procured 262 LMT so far in the 2024-25 marketing season", "in FY25 so far"
        when = _to_date(when)
    if (
        a.year is None
        and a.kind in ("quarter", "half", "nmonths")
        and _YEAR_AGO.search(raw, max(0, a.start - 16), a.start)
    ):  # "In the year-ago first quarter": that quarter a year back
        when = _shifted(when, -12)
    mode = a.mode or "interval"
    if (
        not prep
        and a.kind in ("month", "monyear")
        and _SINCE_ITS.search(raw, max(0, a.start - 16), a.start)
    ):
        mode = "since"  # "net inflows of $17.5 billion since their January launch"
    if pos in ("end", "close") and prep == "since":
        when = _day_after(when)  # "since the end of June": from July 1
    elif pos in ("end", "close"):
        mode = "instant"
    elif pos in ("start", "beginning", "turn") and prep in ("", "at", "as of", "as at"):
        mode = "begin"  # "opening stocks at the start of this year": as of its first day
    elif pos in ("mid", "middle"):
        mode = "mid"
    if prep == "at" and a.kind in ("date", "numdate"):
        mode = "instant"  # "stocks at January 31": a stock as of that day
    if prep in _MEANINGFUL and not (a.kind in _RANGE_KINDS and _MEANINGFUL[prep] == "start"):
        # ("from January to August" is the range itself, not a start)
        kind = _MEANINGFUL[prep]
        if mode == "instant" and kind == "end":
            mode = "end"
        elif mode == "mid" and kind == "end":
            mode = "endmid"
        else:
            mode = kind
    role = "main"
    after = raw[a.end : a.end + 16]
    blocks_after = False
    if prep in ("", "on", "in", "at") and a.kind not in ("tref", "anaphor") and not a.table:
        head = raw[max(0, label_start - 64) : label_start]
        names_report = re.match(r"'s\b|\s+([a-z]+)", raw[a.end : a.end + 20])
        report = names_report is not None and (
            names_report.group(1) is None or names_report.group(1) in _lex().report_nouns
        )
        said_after = prep in ("", "on") and g.speech_after.match(raw, a.end)
        nxt = g.after_event_word.match(raw, a.end)
        adverbial = nxt is None or nxt.group(1) in _CLAUSE_WORDS  # not "said the April package"
        if not report and ((adverbial and _said_before(head)) or said_after):
            # "said on October 5, 2007 it will deliver", "early this week also announced"
            role = "event"
        elif _event_before(head) or g.event_after.match(raw, a.end):
            # "Founded in 1923, ...", "an agreement reached last year allowed ..."
            blocks_after = True
    if (
        a.kind == "date"
        and a.start < 100
        and re.match(r"\s+-{1,2}\s+[A-Z]", raw[a.end : a.end + 6])
    ):
        role = "event"  # a dateline in any corpus: "... stores 16 March 2010 - Tiimari said"
    if a.kind == "year" and prep == "of" and _security_before(raw, label_start):
        role = "event"  # a security's maturity: "the 9-1/4 pct Treasury bonds of 2016"
    if a.kind in ("month", "monyear") and (
        _CONTRACT_AFTER.match(raw, a.end)
        or _CONTRACT_BEFORE.search(raw, max(0, label_start - 30), label_start)
    ):
        role = "event"  # a contract's month: "Brent futures for November were up $1.12"
    head40 = raw[max(0, label_start - 40) : label_start]
    due = (
        _DUE.search(raw, max(0, label_start - 40), label_start)
        if "due" in head40 or "matur" in head40 or "expir" in head40 or "repay" in head40
        else None
    )
    if due is not None and _security_due(raw, due.start()):
        role = "event"  # "debts due for repayment in 1987 and 1988": a maturity
    if (
        a.start < dl_end
        or (prep in _EVENT and not (prep == "due" and not _security_due(raw, label_start)))
        or (prep == "on" and _PAYABLE_ON.search(raw, max(0, label_start - 16), label_start))
        or (a.kind in ("day", "daypart") and _said_when(raw, label_start, a.end))
        or (
            _ESTIMATED.search(raw, max(0, label_start - 24), label_start)
            and not _NOUN_AFTER.match(raw, a.end)  # not "estimated the 1985/86 cotton crop"
        )
        or re.search(
            r"(?i)\b(?:of\s+record\s+(?:on\s+)?|base(?:\s+year)?:?\s+|constant\s+)\Z",
            raw[window_start : a.start],
        )
        or (a.kind == "year" and _CONSTANT.match(after))
        or re.match(r"(?i),?\s*(?:=|equals?)\s*100\b", after)
    ):
        role = "event"
    elif prep in _COMPARE or (
        prep == "over"
        and a.kind in _OVER_COMPARES
        # "GDP growth is expected to be around 1¾ per cent over 2024": the year forecast
        and not (
            a.kind == "year"
            and _PLANS.search(raw, max(0, label_start - 80), label_start)
            and not _LEVELS_AFTER.match(raw, a.end)  # "rise 5% over 2022 levels"
        )
    ):
        role = "compare"
    elif (
        prep == "on"
        and a.kind not in _DAY_KINDS
        and _CHANGE_ON.search(raw, max(0, label_start - 40), label_start)
    ):
        role = "compare"  # "down 1.6% on the previous month", "down 9pc on FY23"
    elif _BELOW.search(raw, max(0, label_start - 72), label_start):
        role = "compare"  # "41.0 pct below prices a year earlier", "54 pct above February 1986's"
    elif _EXCLUDING.search(raw, max(0, label_start - 40), label_start):
        role = "compare"  # "the highest since May 2017 (excluding 2020 and 2021)": left out
    elif (prep == "since" and _RECORD.search(raw, max(0, label_start - 64), label_start)) or (
        prep in ("in", "during", "of")
        and "since" in raw[max(0, label_start - 180) : label_start]
        and _RECORD_SINCE.search(raw, max(0, label_start - 180), label_start)
    ):
        role = "compare"  # "the highest since 1980", "the worst since ... began in 1953"
    elif prep == "from" and a.kind not in _RANGE_KINDS:
        clause_start = next((s for s, e in clauses if s <= a.start <= e), 0)
        head = raw[clause_start : pre.start("prep")] if pre is not None else ""
        onwards = _ONWARDS.search(head)  # "20 mln a year from 2007", "starting from 2007"
        # "a rise of 10 pct in the cost of meat from April 1": a day a change takes effect
        # "will rise by 1.2 percentage points to 15pc from April": a month a planned change
        # takes effect
        effective = (
            (a.kind in ("date", "numdate") or (a.kind == "month" and _WILL.search(head)))
            and not _GAP_RANGE_AFTER.match(raw, a.end)
            and _TAKES_EFFECT.search(head) is not None
        )
        if g.compare_from.search(head) and onwards is None and not effective:
            role, mode = "compare", "interval"
    if (
        role == "main"
        and a.table != "ref"
        and _MEANINGFUL.get(prep) not in ("start", "since", "end")
        and _base_claimed(raw, label_start if prep else a.start, clauses)
    ):
        role = "base"
    if role in ("compare", "base") and prep in _MEANINGFUL and pre is not None:
        # the comparison word is not part of the period: "from last year" reads "last year"
        after_prep = [x for x in (art_start, pos_start, art2_start) if x >= 0]
        label_start = min(after_prep) if after_prep else a.start
    label_end = a.end
    tail = _LABEL_TAIL.match(raw, a.end)
    if tail and (tail.group(1) is None or a.kind in ("yrange_split", "fiscal")):
        label_end = tail.end()
    label = " ".join(raw[label_start:label_end].split()).rstrip(",;:.")
    lead = 0
    if mode == "before" and pre is not None and pre.group("prep"):
        d = _LEAD.search(raw, max(0, label_start - 40), label_start)
        if d is not None:
            n = _num(d.group("n")) or 0
            lead = n * {"month": 1, "quarter": 3, "year": 12}[d.group("u").lower()]
    # "the 1985 farm bill", "within a 1987 target range", "the January position": names a thing
    article = (pre.group("art") or "").lower() if pre is not None else ""
    noun = re.match(r"\s+([a-z][a-z-]*)", after)
    if noun is not None and noun.group(1) in _CLAUSE_WORDS:
        noun = None  # "in calendar 1987 from 123,000 tonnes": no noun follows
    if noun is None and a.kind == "month":  # "June T-bonds", "the March Eurodollar contract"
        noun = re.match(r"\s+([A-Z][A-Za-z]*-?[A-Za-z]+)\b(?!\s*\d)", after)
        if noun is not None and (
            noun.group(1).lower() in _lex().months or noun.group(1).lower() in _lex().weekdays
        ):
            noun = None
    attributive = (
        a.kind in ("year", "month")
        and not a.mode
        and noun is not None
        and noun.group(1) not in _lex().report_nouns
        and (
            not prep
            or prep == "within"
            or article == "a"
            or (prep in ("in", "under", "of", "for") and article == "the" and a.kind == "year")
        )
    )
    return _Expr(
        start=label_start,
        end=a.end,
        core=(a.start, a.end),
        label=label,
        when=when,
        explicit=a.explicit,
        role=role,
        mode=mode,
        anchored=a.anchored,
        table=a.table,
        size=a.size,
        attributive=attributive,
        kind=a.kind,
        describes=bool(_DESCRIBES.search(raw, max(0, label_start - 24), label_start)),
        blocks_after=blocks_after,
        weekday=a.weekday,
        forward=prep in _AHEAD_PREPS
        or bool(_SHIPMENT.match(raw, a.end))
        or bool(_SHIPMENT_BEFORE.search(raw, max(0, label_start - 30), label_start))
        or (a.kind == "monrange" and bool(_CROP_AFTER.match(raw, a.end)) and prep == "for"),
        shift=a.year[1] if a.kind == "relyear" and a.year else 0,
        own_end=a.own_end,
        lead_months=lead,
    )


_CLAUSE_WORDS = frozenset(
    """that it its the a an he she they we there this these his her their in on at to for with
    by from and but of was were is are had has have would will could may might should can
    did does do""".split()
)


_DUE = guarded(
    r"(?i)\b(?:due|maturing|matures|mature|expiring|expires|repayable)(?:\s+for\s+(?:re)?payment)?"
    r"\s+\Z"
)


def _security_due(raw: str, start: int) -> bool:
    """Is "due <date>" a security's maturity ("notes due 1997") rather than a payment's date?"""
    words = re.findall(r"[A-Za-z]+", raw[max(0, start - 48) : start].lower())
    return any(w in _lex().securities for w in words[-4:]) or not words


_SUPERLATIVES = (
    "highest|lowest|largest|biggest|smallest|strongest|weakest|best|worst|first|most|least|"
    "sharpest|steepest|fastest|slowest|greatest|deepest|longest|shortest|heaviest|lightest|"
    "hottest|coldest|wettest|driest|busiest|quietest|tightest|widest|narrowest|softest|firmest"
)
_RECORD = guarded(
    rf"(?i)\b(?:{_SUPERLATIVES}|record|any\s+(?:time|point|year|month))\b[^;:.]{{0,50}}\Z"
)
_TAKES_EFFECT = guarded(
    r"(?i)\b(?:rise|rises|increase|increases|cut|cuts|reduction|raise|raises|hike|hikes|go\s+up"
    r"|go\s+down|take\s+effect|effective|apply|applies|applied|change|changes|new\s+rate)\b"
)
_WILL = guarded(r"(?i)\b(?:will|shall|would|is\s+to|are\s+to)\b")
_GAP_RANGE_AFTER = re.compile(r"(?i)\s*(?:[-–]|to|through|thru|until|till|and)\s+\w")
_RECORD_SINCE = guarded(rf"(?i)\b(?:{_SUPERLATIVES})\b[^;:.]{{0,40}}\bsince\b[^;:,.]{{0,120}}\s\Z")
_NOUN_AFTER = re.compile(r"\s+(?!(?:" + "|".join(sorted(_CLAUSE_WORDS)) + r")\b)[A-Za-z]")
_SAID_BEFORE = guarded(
    r"(?i)\b(?:said|says|announced|announces|reported|told|stated|disclosed|added|confirmed)"
    r"(?:\s+\w+){0,1}?\s+(?:on\s+)?\Z"
)
_RELEASED_BY = guarded(
    r"(?i)\b(?:released|published|issued|announced|reported)\s+(?:by\s+(?:the\s+)?[\w&.'-]+"
    r"(?:\s+[\w&.'-]+){0,3}\s+)?(?:on\s+)?\Z"
)
_SAID_AFTER = re.compile(r"(?i)\s*,?\s*(?:said|announced|reported|told|disclosed|confirmed)\b")


_ESTIMATED = guarded(
    r"(?i)(?:\b(?:estimated|published|released|compiled)|\b(?:estimate|forecast|projection"
    r"|prediction)s?\s+made)\s+\Z"
)
_DESCRIBES = guarded(
    r"(?i)\b(?:issued|covering|launched|offered|maturing)\s+(?:the\s+)?(?:period\s+)?\Z"
)


def _said_when(raw: str, start: int, end: int) -> bool:
    """ "said today", "announced on Monday", "Tuesday reported": the day something was said,
    not the period of the figures said."""
    if _SAID_AFTER.match(raw, end):
        return True
    if raw.startswith("'s", end):
        return False  # "said Monday's float included 500 mln dlrs": that day's figure
    head = raw[max(0, start - 40) : start]
    said = _SAID_BEFORE.search(head)
    if said is None:
        # "according to data released by the commerce ministry on Monday"
        head = raw[max(0, start - 70) : start]
        said = _RELEASED_BY.search(head)
    return said is not None and not re.search(
        r"\d[\d.,]*\s+(?:[A-Za-z]+\s+){0,2}\Z", head[: said.start()]
    )


_LEAD = guarded(
    r"(?i)\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:straight\s+|consecutive\s+|successive\s+|full\s+)?(?P<u>month|quarter|year)s?\s+\Z"
)


def _security_before(raw: str, start: int) -> bool:
    """Does a security noun end the text before `start` ("Treasury bonds [of 2016]")?"""
    word = _LAST_WORD.search(raw, max(0, start - 30), start)
    return word is not None and word.group(1).lower() in _lex().securities


_LAST_WORD = re.compile(r"([A-Za-z]+)\s*\Z")
_CHANGE_ON = guarded(
    r"(?i)(?:\d\s*(?:%|pc|pct|per\s*cent|percent|bps?|basis\s+points?)|\b(?:up|down|higher|lower"
    r"|rise|fall|increase|decrease|gain|drop|decline|growth))\s+\Z"
)
_CONTRACT_AFTER = re.compile(r"(?i)\s+(?:delivery|futures|contracts?|options?|forwards?)\b")
_CONTRACT_BEFORE = guarded(
    r"(?i)\b(?:(?:futures|contracts?|allowances?|baseload|peakload|forwards?|options?|swaps?)"
    r"(?:\s+for(?:\s+the)?)?|nearby|front|prompt)\s+\Z"
)


def _base_claimed(raw: str, start: int, clauses: tuple[tuple[int, int], ...]) -> bool:
    """Does this period belong to a comparison base: "... from 1.97 billion in 1986"? The
    nearest marker decides: "Revenue from operations grew 6.8% to 9,412 crore from 8,813 crore
    a year ago" is the second "from"'s."""
    clause_start = next((s for s, e in clauses if s <= start <= e), 0)
    head = raw[max(clause_start, start - 70) : start]
    for marker in reversed(list(_BASE_WORD.finditer(head))):
        m = _BASE_TAIL.match(head, marker.end())
        if m:
            lead = not raw[: max(clause_start, start - 70) + marker.start()].strip()
            if lead and re.search(r",\s+[^\d,]*\Z", m.group("tail")):
                return False  # "Compared with December 2022, production in December 2023"
            return not re.search(r"(?i)\b(?:to|but|while)\s+[^;]*\d", m.group("tail"))
    return False


_BASE_WORD = guarded(r"(?i)\b(?:from|against|versus|vs\.?|compar(?:ed|es|ing)\s+(?:with|to))\s+")
_BASE_TAIL = re.compile(
    r"(?i)(?P<tail>(?:[^\s;\d]+\s+){0,4}(?:(?-i:[A-Z]{0,3})[$€£¥₹]\s*|[A-Z]{3}\s?"
    r"|(?-i:[A-Z]{1,2})(?=\d)|Rs\.?\s*)?"
    r"(?:\d|\b(?:one|two|three|four"
    r"|five|six|seven|eight|nine|ten|half|nil|zero)\b(?!-))[^;]*?"
    r"(?:\s+(?:in|during|for|at|on|over|of))?\s*(?:the\s+)?)\Z"
)


# ----------------------------------------------------------------------------------------------
# Date spans: what is never a figure


def date_spans(sentence_raw: str) -> list[tuple[int, int]]:
    """Spans of dates, years used as periods, times, quarter/half names and datelines: the
    quantity scanner must never read these as figures."""
    if not isinstance(sentence_raw, str) or not sentence_raw:
        return []
    return list(_scan(sentence_raw).spans)


# ----------------------------------------------------------------------------------------------
# Document analysis: fiscal conventions, earnings tables, periods carried over


@dataclass(frozen=True, slots=True)
class _Carry:
    period: Period
    interval: Interval
    explicit: bool
    forecast: bool = False  # stated in a plan or forecast ("predicted ... in the year ending")
    table: bool = False  # an earnings table's period: its notes carry it whatever their verbs


@dataclass(frozen=True, slots=True)
class _Doc:
    env: _Env
    carried: tuple[_Carry | None, ...]  # per sentence: the period a figure without one takes
    table: tuple[_Carry | None, ...]  # per sentence: the earnings-table period of a row
    rows: frozenset[int]
    prior: tuple[_Carry | None, ...]  # per sentence: the report's period so far, any tense
    spans: tuple[_Carry | None, ...]  # per sentence: the last span (a week or more) stated
    lead: _Carry | None  # the period the story reports on: its title's, else its first
    sections: dict[int, _Carry]  # an earnings table's periods, by their length in months
    plans: tuple[_Carry | None, ...]  # per sentence: the period the last forecast named


_DOCS: OrderedDict[int, tuple[DocContext, _Doc]] = OrderedDict()
_DOCS_MAX = 8


def _doc(ctx: DocContext) -> _Doc:
    key = id(ctx)
    hit = _DOCS.get(key)
    if hit is not None and hit[0] is ctx:
        _DOCS.move_to_end(key)
        return hit[1]
    info = _analyse(ctx)
    _DOCS[key] = (ctx, info)
    if len(_DOCS) > _DOCS_MAX:
        _DOCS.popitem(last=False)
    return info


def _published(ctx: DocContext) -> dt.date | None:
    p = ctx.published
    if isinstance(p, dt.datetime):
        return p.date()
    return p if isinstance(p, dt.date) else None


def _conventions(
    ctx: DocContext,
) -> tuple[tuple[int, str] | None, int | None, int | None, int | None]:
    """(country fiscal convention, company fiscal start month, split-year start month, the
    first month of the season of the commodity the story is about)."""
    lex = _lex()
    title = ctx.title or ""
    text = ctx.text[:6000]
    head = text[:60]
    government = any(c in text or c in title for c in lex.government)
    best, best_score, company_country = None, 0, None
    found = _cue_counts(text, title)
    for k, (conv, tickers) in enumerate(_ticker_patterns()):
        if conv.get("scope") == "government" and not government:
            continue
        score = found[k]
        if head[:1].isupper():  # a dateline in capitals: "TOKYO, March 3 - ..."
            score += 5 * sum(1 for cue in conv["cues"] if cue.isupper() and head.startswith(cue))
        if tickers is not None and tickers.search(title):
            score += 10
            company_country = conv
        if score > best_score:
            best, best_score = conv, score
    country = (best["start_month"], best["named_by"]) if best is not None else None
    low = text.lower()
    company = _company_start(title, text, low)
    if company is None and company_country is not None and company_country["companies_follow"]:
        company = company_country["start_month"]
    split = None
    counts: dict[str, int] = {}
    for m in _commodities().finditer(low):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    if counts:
        split = lex.marketing[max(counts, key=lambda w: counts[w])]
    season = split
    if government and country is not None:
        split = country[0]
    return country, company, split, season


def _week_anchor(text: str, first: int) -> dt.date | None:
    """The stated end of a fiscal quarter or year that is a weekday near a month's end, not the
    month's last day ("the third quarter ended October 28, 2023"): a 52/53-week calendar, when
    the month it closes fits the company's fiscal start month `first`. One that falls just
    after a month's end is preferred: it tells the calendar ends on the weekday nearest the
    month's end, not on its last in the month."""
    lex = _lex()
    found = None
    for m in _WEEK_END.finditer(text):
        month = lex.months.get(m.group("mon").lower().rstrip("."))
        if not month:
            continue
        end = _safe_date(int(m.group("y")), month, int(m.group("d")))
        if end is None:
            continue
        last = calendar.monthrange(end.year, month)[1]
        spills = end.day <= _WEEK_SPILL
        if not spills and not last - _WEEK_SPILL <= end.day < last:
            continue  # a month's last day, or mid-month: no 52/53-week calendar told
        nominal = _closed_month(month, m.group("d"))
        if nominal is not None and (nominal + 1 - first) % 3 == 0:
            if spills:
                return end
            found = found or end
    return found


# how far a 52/53-week period may run past its nominal month's end ("February 3" ends January)
_WEEK_SPILL = 6
_WEEK_END = guarded(
    r"(?i)\b(?:quarter|qtr|year|weeks|fiscal\s+(?:year\s+)?(?:19|20)\d\d)[\"”']?,?\s+"
    r"(?:which\s+|that\s+)?(?:ends|ending|ended|will\s+end)\s+(?:on\s+)?"
    r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>(?:19|20)\d\d)\b"
)


def _named_by(text: str) -> str:
    """Whether the company names its fiscal year by the calendar year it starts in ("fiscal
    2023, which ends February 3, 2024": retailers) or, as most do, ends in."""
    m = _FY_NAMED.search(text)
    if m and int(m.group("y2")) == int(m.group("y")) + 1:
        return "start"
    return "end"


_FY_NAMED = re.compile(
    r"(?i)\bfiscal\s+(?:year\s+)?(?P<y>(?:19|20)\d\d),?\s+(?:which|that)\s+(?:ends|ended|ending"
    r"|will\s+end)\s+(?:on\s+)?[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+(?P<y2>(?:19|20)\d\d)\b"
)


def _cue_counts(text: str, title: str) -> list[int]:
    """Per fiscal convention, how often its cues occur (title counting three times): one pass
    over the text for all of them."""
    union, owners = _cue_union()
    counts = [0] * len(_lex().fiscal)
    for source, weight in ((text, 1), (title, 3)):
        for m in union.finditer(source):
            for k in owners[m.group()]:
                counts[k] += weight
    return counts


@cache
def _cue_union() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    owners: dict[str, list[int]] = {}
    for k, conv in enumerate(_lex().fiscal):
        for cue in conv["cues"]:
            owners.setdefault(cue, []).append(k)
    union = re.compile(rf"(?<![\w.]){trie(sorted(owners), space=' ')}(?!\w)")
    return union, {cue: tuple(ks) for cue, ks in owners.items()}


@cache
def _ticker_patterns() -> tuple[tuple[dict, re.Pattern[str] | None], ...]:
    """Each fiscal convention with the pattern of its exchange's tickers ("<BHP.AX>"), if any."""
    return tuple(
        (conv, re.compile(rf"<[A-Z0-9]+(?:{_alt(conv['tickers'])})>") if conv["tickers"] else None)
        for conv in _lex().fiscal
    )


_QTR_TITLE = guarded(
    r"\b(?P<q>1ST|2ND|3RD|4TH|FIRST|SECOND|THIRD|FOURTH)\s+(?:QTR|QUARTER)\s+(?:TO\s+|END(?:ED|ING)?"
    r"\s+)?(?P<mon>[A-Z]{3,9})\.?\s+(?P<day>\d{1,2})\b"
)
_FY_TEXT = re.compile(
    r"(?i)\b(?:fiscal|financial)\s+year,?\s+(?:which\s+|that\s+)?(?:ends|ending|ended|end|to)\s+"
    r"(?:on\s+)?(?P<mon>[A-Za-z]{3,9})\.?(?:\s+(?P<d>\d{1,2})\b)?"
    r"|\byear,?\s+(?:which\s+|that\s+)?(?:ends|ending|ended|to)\s+(?:on\s+)?(?P<mon2>[A-Za-z]{3,9})\.?"
    r"\s+(?P<d2>\d{1,2})\b"
)
_QTR_TEXT = guarded(
    r"(?i)\b(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[-\s](?:fiscal\s+)?(?:quarter|qtr)[\"”']?,?\s+"
    r"(?:which\s+|that\s+)?(?:ends|ending|ended|to)\s+(?:on\s+)?(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})\b"
)


@cache
def _commodities() -> re.Pattern[str]:
    return re.compile(rf"\b{trie(sorted(w for w in _lex().marketing if w != 'default'))}\b")


def _company_start(title: str, text: str, low: str) -> int | None:
    """The company's fiscal start month: "4TH QTR JAN 31 NET", "fiscal year ending June 30"."""
    lex = _lex()
    m = _QTR_TITLE.search(title.upper())
    if m:
        month = lex.months.get(m.group("mon").lower())
        if month:
            q = lex.ordinals[m.group("q").lower()]
            return (month + 3 * (4 - q)) % 12 + 1
    # in prose: "the fourth quarter ended February 28", "fiscal year, which ends May 31"
    if "end" not in low and " to " not in low:
        return None
    for m in _QTR_TEXT.finditer(text) if ("quarter" in low or "qtr" in low) else ():
        month = _closed_month(lex.months.get(m.group("mon").lower().rstrip(".")), m.group("d"))
        if month:
            q = lex.ordinals[m.group("q").lower()]
            return (month + 3 * (4 - q)) % 12 + 1
    for m in _FY_TEXT.finditer(text):
        month = lex.months.get((m.group("mon") or m.group("mon2")).lower().rstrip("."))
        month = _closed_month(month, m.group("d") or m.group("d2"))
        if month:
            return month % 12 + 1
    return None


def _closed_month(month: int | None, day: str | None) -> int | None:
    """The month a period ending on `day` of `month` closes: a 52/53-week year ending
    "February 3" closes January."""
    if month and day and int(day) <= _WEEK_SPILL:
        return month - 1 or 12
    return month


def _resolve(ex: _Expr, env: _Env) -> tuple[Interval | None, bool]:
    if ex.forward and not env.forward:
        env = _env(env, forward=True)
    elif ex.mode == "since" and env.forward:
        env = _env(env, forward=False)  # "since May" in a forecast: the last May, to now
    iv = ex.when(env)
    if iv is None:
        return None, False
    explicit = ex.explicit or (ex.anchored and env.anchor_explicit)
    s, e = iv
    mode = ex.mode
    if mode in ("end", "instant"):
        s = None
    elif mode == "begin":
        s, e = None, s
    elif mode == "endmid":
        s, e = None, _mid(iv)[1] if iv[0] else e
    elif mode == "start":
        e = None
    elif mode == "since":
        e = env.published if env.published and s and env.published >= s else None
    elif mode == "before":
        e = (s - dt.timedelta(days=1)) if s else None
        s = _add_months(e + dt.timedelta(days=1), -ex.lead_months) if e and ex.lead_months else None
    elif mode == "after":
        s, e = (e + dt.timedelta(days=1)) if e else None, None
    if s is None and e is None:
        return None, False
    if env.week_end is not None and s is not None and e is not None:
        s, e = _snap_weeks(s, e, env.week_end, env.company_start or 1)
    return (s, e), explicit


def _snap_weeks(s: dt.date, e: dt.date, anchor: dt.date, first: int) -> Interval:
    """A fiscal quarter, half, nine months or year of a company that keeps a 52/53-week
    calendar (it told one period's end: "the third quarter ended October 28, 2023"), on that
    calendar: the year ends on the anchor's weekday at its last month's end, its quarters are
    13 weeks ("Q3 FY23" is July 30 to October 28, not August 1 to October 31)."""
    start = _nearest_month_start(s)
    last = _nearest_month_start(e + dt.timedelta(days=1))
    if start is None or last is None:
        return s, e
    months = (last.year - start.year) * 12 + last.month - start.month
    if months not in (3, 6, 9, 12) or (start.month - first) % 3:
        return s, e
    if months == 12 and start.month != first:
        return s, e
    year_start = _fiscal_year_start(start, first)
    k0 = ((start.year - year_start.year) * 12 + start.month - year_start.month) // 3
    k1 = k0 + months // 3
    if k1 > 4:
        return s, e
    begin = _week_close(year_start - dt.timedelta(days=1), anchor) + dt.timedelta(days=1)
    end = (
        _week_close(_add_months(year_start, 12) - dt.timedelta(days=1), anchor)
        if k1 == 4
        else begin + dt.timedelta(days=91 * k1 - 1)
    )
    return begin + dt.timedelta(days=91 * k0), end


def _nearest_month_start(d: dt.date) -> dt.date | None:
    """The first of the month within six days of `d` (July 30 is about August 1), if any."""
    ahead = _add_months(d.replace(day=1), 1)
    if (ahead - d).days <= 6:
        return ahead
    return d.replace(day=1) if d.day <= 7 else None


def _week_close(month_end: dt.date, anchor: dt.date) -> dt.date:
    """The day a 52/53-week period nominally ending on `month_end` ends: the anchor's weekday
    nearest the month's end when the anchor fell just after one (February 3 for January),
    else its last one in the month."""
    back = (month_end.weekday() - anchor.weekday()) % 7
    last = month_end - dt.timedelta(days=back)
    if anchor.day <= _WEEK_SPILL and back > 3:
        return last + dt.timedelta(days=7)
    return last


def months_earlier(start: dt.date, end: dt.date, months: int) -> Period:
    """The whole months from `start` to `end`, `months` earlier: the base a change is measured
    from ("to 12.3% from 12.0%" in March is from February's rate)."""
    first = _add_months(start.replace(day=1), -months)
    last = _add_months(end.replace(day=1), -months)
    return Period(first, _month_end(last.year, last.month), "", "relative")


def period_of_heading(ctx: DocContext, heading: str) -> Period | None:
    """The period a table's column heading names ("H1 2024", "Q3 FY23"), under the
    document's fiscal conventions; None when it names none."""
    if not heading:
        return None
    sc = _scan(heading)
    if not sc.exprs:
        return None
    got = _period(sc.exprs[0], _doc(ctx).env)
    return got if got.end is not None else None


def _period(ex: _Expr, env: _Env) -> Period:
    iv, explicit = _resolve(ex, env)
    if iv is None:
        return Period(None, None, ex.label, "unknown")
    return Period(iv[0], iv[1], ex.label, "explicit" if explicit else "relative")


def _analyse(ctx: DocContext) -> _Doc:
    published = _published(ctx)
    country, company, split, season = _conventions(ctx)
    fiscal_story = country is not None and _FISCAL_WORD.search(ctx.text[:6000]) is not None
    env = _Env(
        published,
        fiscal=country,
        company_start=company,
        split_start=split,
        fiscal_story=fiscal_story,
        company_named_by=_named_by(ctx.text[:6000]) if company else "end",
        week_end=_week_anchor(ctx.text[:6000], company) if company else None,
        season_start=season,
    )
    n = len(ctx.sentences)
    scans = [_scan(s.raw) for s in ctx.sentences]
    sections: dict[int, _Carry] = {}
    table, rows = _tables(ctx, scans, env, sections)
    carried: list[_Carry | None] = [None] * n
    prior: list[_Carry | None] = [None] * n
    spans: list[_Carry | None] = [None] * n
    span: _Carry | None = None
    title_carry = _title_carry(ctx, env)
    lead = title_carry
    seen_lead = False
    state: _Carry | None = None
    since = -1
    last: _Carry | None = None  # the last period stated, kept across asides in the present
    last_since = -1
    seen_body = False
    plans: list[_Carry | None] = [None] * n
    plan: _Carry | None = None
    plan_since = -1
    for i, sc in enumerate(scans):
        if plan is not None and i - plan_since <= _CARRY_SENTENCES:
            plans[i] = plan
        mains = [
            x
            for x in sc.exprs
            if x.role == "main" and (not x.anchored or x.kind == "ytd") and not x.table
        ]
        if state is not None:
            last, last_since = state, since
            if _is_span(state):
                span = state
        spans[i] = span
        prior[i] = last if last is not None and i - last_since <= _CARRY_SENTENCES else None
        if i in rows or table[i] is not None:
            carried[i] = state
            if table[i] is not None and table[i].interval != (None, None):
                state, since = replace(table[i], table=True), i  # its notes speak of its period
            continue
        if mains:
            seen_body = True
            carried[i] = state
            # "the January position", "the 1987 target", a forecast for next year: an aside
            # that does not move the period the story reports on
            if state is not None and _aside(sc, mains, ctx.sentences[i].raw):
                if _future_clause(sc, ctx.sentences[i].raw, mains[0]) and mains[0].kind not in (
                    "reln",
                    "rel",
                    "day",
                    "daypart",
                    "date",
                ):
                    # "Saudi Arabia will cut output ... from May until the end of 2023": the
                    # period of the plans that follow ("Iraq will cut 211,000 bpd")
                    found = _state_of(sc, mains, env, ctx.sentences[i].raw)
                    if found is not None and not _only_scheduled(
                        sc, ctx.sentences[i].raw, mains[0]
                    ):
                        # (not a payment "to be paid in the second quarter")
                        plan, plan_since = replace(found, forecast=True), i
                continue
            new = _state_of(sc, mains, env, ctx.sentences[i].raw)
            if _revises_earlier(new, lead, ctx.sentences[i].raw):
                continue  # "December's total was also cut, by 43,000": not the story's period
            if _summary_aside(new, state, ctx.sentences[i].raw):
                continue  # "For 2023 as a whole, production fell by 1.5%" in a December story
            if _window_aside(new, state, ctx.sentences[i].raw):
                continue  # "In the 12 months through March, the CPI increased 3.5%": the
                # yearly rate of the story's month, which the next sentences go on with
            if _balance_date(new, state):
                continue  # "Its gearing ratio was 4.1 per cent at the end of March" in a
                # first-quarter report: a stock at the period's close, the report goes on
            state, since = new, i
            if not seen_lead and new is not None:
                lead, seen_lead = new, True
            continue
        # whether a figure continues the report is decided per figure (`_inherits`, by its own
        # verb); a sentence in the present tense with figures of its own ("investments amount
        # to $17 billion") ends the report, a forecast or an aside does not
        if state is not None and i - since <= _CARRY_SENTENCES:
            carried[i] = state
            if sc.past and _has_digit(ctx.sentences[i].raw):
                since = i  # a report that goes on in the past tense keeps its period
        elif state is None and not seen_body and title_carry is not None:
            carried[i] = title_carry
        else:
            carried[i] = None
        raw_i = ctx.sentences[i].raw
        if (
            sc.exprs == ()
            and _has_digit(raw_i)
            and not (sc.past or sc.future or _PAST_FORECAST.search(raw_i))
        ):
            state = None
    return _Doc(
        env,
        tuple(carried),
        tuple(table),
        frozenset(rows),
        tuple(prior),
        tuple(spans),
        lead,
        sections,
        tuple(plans),
    )


_NOUN_AFTER_YEAR = re.compile(
    r"\s+(?:payout|dividend|result|results|profit|earnings|revenue|sales|loss|net|figure|figures"
    r"|total|distribution)\b",
    re.I,
)
_AVERAGE = re.compile(r"(?i)\baverag(?:e|ed|ing)\b")
_AVERAGE_PRICE = re.compile(r"(?i)\baverage\s+(?:[a-z-]+\s+){0,3}prices?\b")  # not a quote
_MONTH_ON_MONTH = guarded(
    r"(?i)\bmonth[- ]on[- ]month\b|\bm/m\b"
    r"|\b(?:from|on|over)\s+the\s+(?:previous|prior|preceding)\s+month\b"
)


def _story_month(doc: _Doc, report: _Carry, sent_index: int) -> _Carry | None:
    """The month the story reports on, when the report period carried is longer: the last
    month stated before inside the carried period (the lead's "In December 2023")."""
    s, e = report.interval
    if s is None or e is None:
        return None
    for c in reversed(doc.carried[:sent_index]):
        if c is None or c.interval[0] is None or c.interval[1] is None:
            continue
        if 27 <= (c.interval[1] - c.interval[0]).days <= 31 and s <= c.interval[0] <= e:
            return c
    return None


def _balance_date(new: _Carry | None, state: _Carry | None) -> bool:
    """An instant inside the reported span: a balance at a date within the period."""
    if new is None or state is None or new.interval[0] is not None or new.interval[1] is None:
        return False
    s, e = state.interval
    return s is not None and e is not None and s <= new.interval[1] <= e


def _summary_aside(new: _Carry | None, state: _Carry | None, raw: str) -> bool:
    """Is a sentence a summary of a longer period holding the story's own ("For 2023 as a
    whole" in a story on December 2023), after which the story returns to its period?"""
    if new is None or state is None or _AS_A_WHOLE.search(raw) is None:
        return False
    (ns, ne), (ss, se) = new.interval, state.interval
    if None in (ns, ne, ss, se):
        return False
    return ns <= ss and se <= ne and (ne - ns) > (se - ss)


def _window_aside(new: _Carry | None, state: _Carry | None, raw: str) -> bool:
    """Is a sentence's period the twelve months, or the year to date, ending with the month the
    story reports on?"""
    if new is None or state is None:
        return False
    (ns, ne), (ss, se) = new.interval, state.interval
    if None in (ns, ne, ss, se):
        return False
    if ne != se or not 27 <= (se - ss).days <= 31 or ns >= ss:
        return False
    label = new.period.label
    if 360 <= (ne - ns).days <= 370 and _TRAILING.search(label):
        return True
    # "For the first 10 months of 2024, ... decreased by 7.5%" in a story on October (put
    # first, a summary; "investment slid 9.0% in the first two months" goes on with them)
    return _TO_DATE.search(label) is not None and raw.lstrip().startswith(label)


_TRAILING = guarded(r"(?i)\b(?:to|through|thru|ended|ending|till|until)\b")
_TO_DATE = guarded(
    r"(?i)\bfirst\s+(?:\w+|\d+)\s+months\b|\byear[- ]to[- ]date\b|\bso\s+far\b"
    r"|\b(?:january|jan)\s*[-–]\s*\w+|\b(?:january|jan\.?)\s+(?:to|through|thru|till|until)\s+\w+"
)


_AS_A_WHOLE = re.compile(
    r"(?i)\bas\s+a\s+whole\b|\b(?:for|in|over)\s+(?:all|the\s+whole|the\s+entirety)\s+of\s+(?:the\s+)?"
    r"(?:(?:calendar|fiscal|financial)\s+)?(?:year\s+)?(?:19|20)\d\d\b|\b(?:for|in|over)\s+the\s+(?:full|whole|entire)"
    r"\s+(?:calendar\s+)?year\b"
)


def _revises_earlier(new: _Carry | None, lead: _Carry | None, raw: str) -> bool:
    """Does a sentence revise a period before the story's own ("December's total was also
    cut, by 43,000, to 290,000" in a story on February's jobs)?"""
    if new is None or lead is None or new.interval[1] is None or lead.interval[0] is None:
        return False
    return new.interval[1] < lead.interval[0] and _REVISION.search(raw) is not None


_REVISION = guarded(
    r"(?i)\brevis(?:ed|ion|ions|ing)\b|\b(?:was|were)\s+(?:also\s+)?(?:cut|raised|lowered|trimmed)"
    r"\b|\bprevious(?:ly)?\s+(?:estimate|reported)"
)


def _is_span(carry: _Carry) -> bool:
    """A period the story reports over (a week or more), not a day or an instant in it."""
    s, e = carry.interval
    return s is not None and e is not None and (e - s).days >= 5


_FISCAL_WORD = re.compile(r"(?i)\bfiscal\b")
# How far a stated period carries (sentences); a figure also needs its own verb to continue the
# report (`_inherits`). Longer reaches carried report periods into unrelated news.
_CARRY_SENTENCES = 6


def _aside(sc: _Scan, mains: list[_Expr], raw: str) -> bool:
    """Is the first period of a sentence an aside rather than the story's next report period:
    a name ("the January position", "a 1987 target range") or a forecast's year?"""
    first = mains[0]
    if _NEGATED.search(raw) and not _digits_outside(raw, sc):
        return True  # "He did not give figures for the fourth quarter of 1985."
    if _BASE_BEFORE.search(raw, max(0, first.start - 70), first.start) and _has_digit(
        raw[: first.start]
    ):
        return True  # "Gasoline prices rose 1.7% after jumping 3.8% in February": the base
    return first.attributive or _future_clause(sc, raw, first)


_BASE_BEFORE = guarded(
    r"(?i)\b(?:after|following|compared\s+(?:with|to)|versus|than|up\s+from|down\s+from|from)\b"
    r"(?:[^.;:]|\.(?=\d))*\Z"
)


_NEGATED = re.compile(r"(?i)\b(?:not|no|never|n't)\b")


def _digits_outside(raw: str, sc: _Scan) -> bool:
    """Does the sentence hold a digit outside its period expressions (a figure)?"""
    pos = 0
    for s, e in sc.spans:
        if _has_digit(raw[pos:s]):
            return True
        pos = e
    return _has_digit(raw[pos:])


# lower case: "the Cape of Good Hope to avoid the Red Sea" is no hope to, "Will Smith" no will
_FORECASTS = re.compile(
    # ("a widely predicted recession never arrived": an attribute, no forecast)
    r"\b(?:will|would|shall|could|should|might|expects?|predicts?|sees|intends?"
    r"|(?<!widely )(?<!much )(?<!long )(?<!the )(?<!a )(?<!as )predicted"
    r"|(?:expected|plans?|planned|aims?|hopes?)\s+to|forecasts?\s+(?:a|an|that|the|its))\b"
)


def _state_of(sc: _Scan, mains: list[_Expr], env: _Env, raw: str) -> _Carry | None:
    """The period a sentence states for what follows: that of its first clause with one,
    if unambiguous and not merely naming a thing ("the 1985 farm bill")."""
    first = _clause_of(sc.clauses, mains[0].core[0])
    lead = [
        x
        for x in mains
        if _clause_of(sc.clauses, x.core[0]) == first and x.mode in ("interval", "instant", "mid")
    ]
    if len(lead) > 1 and lead[0].kind in _DAY_KINDS and lead[0].weekday:
        # "Sitharaman on Tuesday pegged the deficit at 4.9 per cent for 2024-25": the day is
        # the announcement's; the story reports on the year
        lead = [x for x in lead if x.kind not in _DAY_KINDS] or lead
    if not lead or _names_thing(lead[0]) or lead[0].describes or lead[0].blocks_after:
        return None
    if lead[0].kind == "reln" and "hour" in lead[0].label.lower():
        return None  # "up 1.8% in the past 24 hours": a market's move, no report period
    iv, explicit = _resolve(lead[0], env)
    if iv is None:
        return None
    forecast = _FORECASTS.search(raw, *first) is not None
    return _Carry(_period(lead[0], env), iv, explicit, forecast=forecast)


_DIGIT = re.compile(r"\d")


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def _title_carry(ctx: DocContext, env: _Env) -> _Carry | None:
    if not ctx.title:
        return None
    sc = _scan(ctx.title)
    mains = [x for x in sc.exprs if x.role == "main" and not x.anchored and not x.table]
    found = {_resolve(x, env) for x in mains}
    if len(found) != 1:
        return None
    iv, explicit = next(iter(found))
    if iv is None:
        return None
    return _Carry(_period(mains[0], env), iv, explicit)


_TITLE_PERIOD = guarded(
    r"\b(?P<what>(?P<q>1ST|2ND|3RD|4TH|FIRST|SECOND|THIRD|FOURTH)\s+(?:QTR|QUARTER)"
    r"|(?P<h>1ST|2ND|FIRST|SECOND)\s+HALF|(?P<n>NINE|SIX|THREE|TWELVE|\d{1,2})\s+(?:MTHS|MONTHS)"
    r"|(?:FISCAL\s+|FULL\s+)?(?P<y>YEAR)|(?P<yr>(?:19|20)\d\d)(?=\s+(?:NET|LOSS|PROFIT|EARNINGS"
    r"|RESULTS|OPER|SALES|YEAR)))"
    r"(?:\s+(?:TO|END|ENDED|ENDING))?(?:\s+(?P<mon>[A-Z]{3,9})\.?\s+(?P<day>\d{1,2})\b)?"
    r"(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
)


def _tables(
    ctx: DocContext, scans: list[_Scan], env: _Env, sections: dict[int, _Carry]
) -> tuple[list[_Carry | None], set[int]]:
    """Earnings tables: the title or a header line ("Year", "Nine mths", "Qtr ended Jan 31")
    fixes the period of the rows below it."""
    g = _g()
    n = len(scans)
    out: list[_Carry | None] = [None] * n
    rows: set[int] = set()
    texts = [s.raw[sc.dateline_end :] for s, sc in zip(ctx.sentences, scans, strict=True)]
    row_idx = [i for i, t in enumerate(texts) if g.row.match(t) and re.search(r"\bvs\.?\s", t)]
    if not row_idx:
        return out, rows
    # every short line that starts with a label and a number is a row once the story is a table
    for i, t in enumerate(texts):
        short = len(t.split()) <= 14 or re.search(r"\bvs\.?\s", t)
        if g.row.match(t) and short and not t.lower().startswith("note"):
            rows.add(i)
    anchor = _table_anchor(ctx, texts, env)
    current: _Carry | None = anchor.carry if anchor else None
    for i, t in enumerate(texts):
        header = _header(t)
        if header is not None:
            if header.own_end:
                anchor = _reanchor(header, anchor, env)
                current = anchor.carry if anchor else None
            elif anchor is not None:
                current = anchor.header(header, t.strip())
            else:
                anchor = _anchor_from_header(header, t.strip(), env)
                current = anchor.carry if anchor else None
            continue
        if i in rows:
            out[i] = current
            if current is not None:
                months = _months_of(current.interval)
                if months:
                    sections.setdefault(months, current)
    return out, rows


def _months_of(iv: Interval) -> int:
    s, e = iv
    if s is None or e is None:
        return 0
    return round(((e - s).days + 1) / 30.4)


def _reanchor(ex: _Expr, anchor: _Anchor | None, env: _Env) -> _Anchor | None:
    """A header with its own end ("Period ended January 31", "Qtr ended Jan 31") moves the
    table's periods to end there; "Period" keeps the length the title gave."""
    iv, explicit = _resolve(ex, _Env(env.published, ended=True))
    if iv is None or iv[1] is None:
        if anchor is None:
            return None
        unknown = Period(None, None, ex.label, "unknown")
        return _Anchor(None, anchor.months, False, _Carry(unknown, (None, None), False))
    end = iv[1]
    if re.match(r"(?i)\s*periods?\b", ex.label) and anchor is not None:
        months = anchor.months
    elif iv[0] is not None:
        months = max(1, round((end - iv[0]).days / 30.4))
    else:
        months = anchor.months if anchor else 3
    span = _ending(end, months=months)
    carry = _Carry(Period(span[0], span[1], ex.label, _basis(explicit)), span, explicit)
    sub = _sub_of(ex)
    quarter = sub[1] if sub and sub[0] == "quarter" and sub[1] else anchor.quarter if anchor else 0
    return _Anchor(end, months, explicit, carry, quarter)


def _header(text: str) -> _Expr | None:
    """A line that is only a period: "Year", "Nine mths", "4th qtr", "Qtr ended Jan 31"."""
    stripped = text.strip().rstrip(".:")
    if (
        not stripped
        or len(stripped) > 48
        or (any(c.isdigit() for c in stripped) and re.search(r"\bvs\b", stripped))
    ):
        return None
    sc = _scan(stripped)
    if len(sc.exprs) != 1:
        return None
    ex = sc.exprs[0]
    if ex.role != "main":
        return None  # "Pay April 30", "Record April 10": dates of a dividend, not a period
    rest = (stripped[: ex.start] + stripped[ex.end :]).strip(" .:-")
    if rest and not re.fullmatch(r"(?i)(?:the|oper|operating|net|results)?", rest):
        return None
    return ex


@dataclass(frozen=True, slots=True)
class _Anchor:
    end: dt.date | None  # the end of the table's main period
    months: int  # its length in months (quarter 3, year 12, nine months 9)
    explicit: bool
    carry: _Carry | None
    quarter: int = 0  # the fiscal quarter the table's main period ends (4 for a year)

    def header(self, ex: _Expr, label: str) -> _Carry | None:
        label = ex.label or label
        if self.end is None:
            return _Carry(Period(None, None, label, "unknown"), (None, None), False)
        if ex.table == "year":
            iv = _ending(self._end_for(12), months=12)
        elif ex.table == "months":
            iv = _ending(self.end, months=ex.size)
        elif ex.table == "weeks":
            iv = _ending(self.end, days=7 * ex.size)
        else:
            sub = _sub_of(ex)
            if sub is not None and sub[0] == "quarter":
                q_anchor = self.quarter or max(1, self.months // 3)
                end = _shift((None, self.end), months=-3 * (q_anchor - sub[1]))[1]
                assert end is not None
                iv = _ending(end, months=3)
            elif sub is not None and sub[0] in ("half", "first"):
                size = 6 if sub[0] == "half" else sub[1]
                iv = _ending(self.end, months=size)
            else:
                got, explicit = _resolve(ex, _Env(self.end, ended=False))
                if got is None:
                    return None
                return _Carry(Period(got[0], got[1], label, _basis(explicit)), got, explicit)
        return _Carry(Period(iv[0], iv[1], label, _basis(self.explicit)), iv, self.explicit)

    def _end_for(self, months: int) -> dt.date:
        """The end of the fiscal year the table's quarter belongs to."""
        assert self.end is not None
        if self.months >= months or not self.quarter:
            return self.end
        shifted = _shift((None, self.end), months=3 * (4 - self.quarter))[1]
        return shifted or self.end


def _basis(explicit: bool) -> str:
    return "explicit" if explicit else "relative"


def _quarter_of_named_year(sc: _Scan, ex: _Expr, env: _Env) -> Period | None:
    """A bare quarter after a split or fiscal year in its sentence is that year's: "growth for
    2024-25 is projected at 7.2 per cent, with Q2 at 7.0 per cent" (July-September 2024)."""
    if ex.kind not in ("quarter", "qcode") or _YEAR4.search(ex.label) or "'" in ex.label:
        return None
    year = next(
        (
            x
            for x in reversed(sc.exprs)
            if x.end <= ex.start and x.kind in ("yrange_split", "fiscal") and x.role == "main"
        ),
        None,
    )
    sub = _sub_of(ex)
    if year is None or sub is None or not sub[1]:
        return None
    iv = _resolve(year, env)[0]
    if iv is None or iv[0] is None or iv[1] is None or not 360 <= (iv[1] - iv[0]).days <= 370:
        return None
    s, e = _within(sub, iv[0])
    return Period(s, e, ex.label, "explicit")


def _sub_of(ex: _Expr) -> tuple | None:
    """Recover the quarter/half of a bare header from its label."""
    lex = _lex()
    m = re.search(
        r"(?i)\b(first|second|third|fourth|final|1st|2nd|3rd|4th)[- ](quarter|qtr|half)", ex.label
    )
    if m:
        what = "quarter" if m.group(2).lower() in ("quarter", "qtr") else "half"
        return what, lex.ordinals[m.group(1).lower()]
    m = re.search(r"(?i)\bQ([1-4])\b|\b([1-4])Q\b", ex.label)
    if m:
        return "quarter", int(m.group(1) or m.group(2))
    m = re.search(r"(?i)\b(?:qtr|quarter)\b", ex.label)
    if m:
        return "quarter", 0
    return None


def _table_anchor(ctx: DocContext, texts: list[str], env: _Env) -> _Anchor | None:
    title = (ctx.title or "").upper()
    title = re.sub(r"<[^>]*>", " ", title)
    m = _TITLE_PERIOD.search(title)
    if m is None:
        for t in texts[:2]:
            header = _header(t)
            if header is not None:
                return _anchor_from_header(header, t.strip(), env)
        return None
    lex = _lex()
    label = m.group("what")
    year = int(m.group("y2") or m.group("yr") or 0) or None
    if m.group("q"):
        months, sub = 3, ("quarter", lex.ordinals[m.group("q").lower()])
    elif m.group("h"):
        months, sub = 6, ("half", lex.ordinals[m.group("h").lower()])
    elif m.group("n"):
        months = _num(m.group("n")) or 12
        sub = ("first", months)
    else:
        months, sub = 12, ("year",)
    end: dt.date | None = None
    mon = lex.months.get((m.group("mon") or "").lower())
    if mon and m.group("day"):
        day = int(m.group("day"))
        label = title[m.start("what") : m.end("day")]
        if year is not None:
            end = _safe_date(year, mon, day)
        elif env.published is not None:
            end = _latest_date(mon, day, env.published)
    if end is None and (mon is None or not m.group("day")):
        fiscal_env = _Env(
            env.published, company_start=env.company_start, ended=True, week_end=env.week_end
        )
        if sub == ("year",) and year is None:
            start = env.company_start or 1
            iv = _most_recent(lambda y: _within(("year",), dt.date(y, start, 1)), fiscal_env)
        elif year is not None:
            ys = (
                dt.date(year, 1, 1)
                if not env.company_start
                else _year_start(year, _Env(None, fiscal=(env.company_start, "end")), True)
            )
            iv = _within(sub, ys)
        else:
            start = env.company_start or 1
            iv = _most_recent(lambda y: _within(sub, dt.date(y, start, 1)), fiscal_env)
        end = iv[1] if iv else None
    explicit = year is not None
    label = label.strip()
    if end is None:
        carry = _Carry(Period(None, None, label, "unknown"), (None, None), False)
    else:
        iv2 = _ending(end, months=months)
        carry = _Carry(Period(iv2[0], iv2[1], label, _basis(explicit)), iv2, explicit)
    quarter = sub[1] if sub[0] == "quarter" else 4 if sub == ("year",) else months // 3
    return _Anchor(end, months, explicit, carry, quarter)


def _latest_date(month: int, day: int, published: dt.date) -> dt.date | None:
    for y in (published.year, published.year - 1):
        d = _safe_date(y, month, day)
        if d is not None and d <= published:
            return d
    return None


def _anchor_from_header(ex: _Expr, label: str, env: _Env) -> _Anchor | None:
    ended_env = _Env(
        env.published,
        company_start=env.company_start,
        fiscal=env.fiscal,
        ended=True,
        week_end=env.week_end,
    )
    if ex.table == "year":
        start = env.company_start or 1
        iv = _most_recent(lambda y: _within(("year",), dt.date(y, start, 1)), ended_env)
        months = 12
    elif ex.table in ("months", "weeks"):
        return None
    else:
        iv, _ = _resolve(ex, ended_env)
        sub = _sub_of(ex)
        months = 3 if sub and sub[0] == "quarter" else 6 if sub and sub[0] == "half" else 12
        if iv is not None and iv[0] is not None and iv[1] is not None:
            months = round((iv[1] - iv[0]).days / 30.4) or months
    end = iv[1] if iv else None
    explicit = ex.explicit
    if end is None:
        carry = _Carry(Period(None, None, ex.label or label, "unknown"), (None, None), False)
    else:
        iv2 = _ending(end, months=months)
        carry = _Carry(Period(iv2[0], iv2[1], ex.label or label, _basis(explicit)), iv2, explicit)
    return _Anchor(end, months, explicit, carry)


# ----------------------------------------------------------------------------------------------
# Attaching a period to a figure


def _clause_of(clauses: tuple[tuple[int, int], ...], pos: int) -> tuple[int, int]:
    for s, e in clauses:
        if s <= pos < e or pos == e:
            return s, e
    return 0, 0


_PAREN = re.compile(r"\([^()]*\)")
_VS_PAIR = re.compile(
    r"(?i)(?:\s*(?:dlrs|dlr|pct|mln|billion|cts))?\s*vs\.?\s+(?:loss\s+|profit\s+)?[$]?[\d.,]+(?:\s+[A-Za-z]+){0,3}\s*"
)


def _names_thing(x: _Expr) -> bool:
    """ "the 1985 farm bill": a year that names a thing dates no figure outside its phrase (an
    attributive month, "February imports", still dates its sentence)."""
    return x.attributive and x.kind == "year"


def _is_strong(gap: str) -> bool:
    """Is a period this close after a figure its own? A parenthetical conversion in between
    ("EUR 24.1 million ( USD 33.6 m ) in the third quarter") does not count."""
    if "(" in gap:
        gap = _PAREN.sub(" ", gap)
    if _VS_PAIR.fullmatch(gap):
        return True  # "nil vs 16.1 mln dlrs in quarter": the pair shares its period
    if len(gap) > 28 or any(c.isdigit() for c in gap) or ";" in gap:
        return False
    if re.search(
        r"(?i)\b(?:from|against|versus|vs|compared|than|to|and|but|while|after|before"
        r"|when|which|that|since|by|under|within|through|via)\b",
        gap,
    ):
        return False
    # "4.9 per cent of gross domestic product (GDP) for 2024-25": a share's whole between
    return len(gap.split()) <= (5 if gap.lstrip().lower().startswith("of ") else 3)


_PERIOD_AT = re.compile(r"(?i)\s*(?::|\s(?:at|was|were|is|stood\s+at|came\s+in\s+at|of))\s+")


def _choose(
    sc: _Scan,
    raw: str,
    fs: int,
    fe: int,
    *,
    projected: bool,
    roles: tuple[str, ...] = ("main",),
    skip: frozenset[int] = frozenset(),
    reported: bool = False,
) -> _Expr | None:
    """The period expression a figure at [fs, fe) takes in its sentence: the one right after
    it, else the nearest before it in its clause, else one after it in its clause, else the
    nearest before it in the sentence (not from a comparison clause), else one after it."""
    cs, ce = _clause_of(sc.clauses, fs)
    when = _WHEN.search(raw, max(0, cs - 12), cs) if cs else None
    if when is not None:  # a ", when ..." clause ends at its comma: "..., to plus 500 mln"
        comma = raw.find(",", cs, ce)
        if 0 <= comma < fs:
            cs, when = comma + 1, None
        elif comma >= 0:
            ce = comma
    cands = [x for x in sc.exprs if x.role in roles and not x.table and x.core[0] not in skip]
    owner = next((x for x in reversed(sc.exprs) if x.end <= fs), None)
    if (
        owner is not None
        and owner.role == "compare"
        and _POSSESSIVE_GAP.fullmatch(raw, owner.end, fs)
    ):
        return owner  # "54 pct above February 1986's 6.88 billion dlrs": its own period
    told_after = next((x for x in sc.exprs if x.start >= fe), None)
    if (
        told_after is not None
        and told_after.role == "compare"
        and _RECORDED_GAP.fullmatch(raw, fe, told_after.start)
    ):
        return told_after  # "higher than the 21.91 per cent recorded in February 2023"
    in_clause = [x for x in cands if cs <= x.core[0] < ce]
    after = [x for x in in_clause if x.start >= fe and not _names_thing(x)]
    paired = _respectively(raw, fs, fe, after) or _months_together(raw, fe, after)
    if paired is not None:
        return paired
    told = next((x for x in reversed(in_clause) if x.end <= fs), None)
    if told is not None and _PERIOD_AT.fullmatch(raw, told.end, fs):
        return told  # "with Q2 at 7.0 per cent, Q3 at 7.4 per cent": each item its own period
    if after and _is_strong(raw[fe : after[0].start]):
        return after[0]
    point = next((x for x in sc.exprs if x.start >= fe and cs <= x.core[0] < ce), None)
    if (
        point is not None
        and (point.kind in ("day", "daypart", "date") or point.mode in ("mid", "instant"))
        and point.label.lower().startswith(("on ", "in mid"))
        and _FROM_BASE.fullmatch(raw, fe, point.start)
    ):
        return point  # "firmed to 670p from 480p on Friday": the day of the move
    before = [
        x
        for x in in_clause
        if x.end <= fs
        and not x.blocks_after
        # a year naming a thing dates only the figures of its own phrase ("within a 1987 target
        # range of four to six pct", not "the 1986 annual report, indicate ... 293.7 mln")
        and not (_names_thing(x) and (fs - x.end > 40 or "," in raw[x.end : fs]))
    ]
    if before and after and _AND.search(raw, before[-1].end, fs):
        return after[0]  # "four cts in the quarter and loss 10 cts in the year"
    if before:
        return before[-1]
    if after:
        return after[0]
    if when is not None:  # "33,858.4 billion in January, when it fell 0.04 pct from December"
        told = [
            x
            for x in sc.exprs
            if x.end <= when.start() and x.role != "event" and not x.table and x.core[0] not in skip
        ]
        if told:  # "since last October when sales fell 9.3 pct": October itself
            return told[-1] if told[-1].mode != "since" else replace(told[-1], mode="interval")
    others = [
        x
        for x in cands
        if _clause_of(sc.clauses, x.core[0])[0] not in sc.comparative and not _names_thing(x)
    ]
    if others and _MARKET_MOVE.search(raw, cs, ce) is not None:
        # "sales rose 1.2% in December, while the Canadian dollar was trading 0.3% higher": a
        # market moves on a day, not over another clause's month
        others = [x for x in others if x.kind in _DAY_KINDS]
        if not others:
            return None
    if projected and not _PAST_FORECAST.search(raw, cs, ce):
        # "it expects to earn 7 mln": another clause's period is not its own, unless that
        # clause forecasts too ("... expected to drop to 2.54 mln during Jan/Sept, while those
        # of East Malaysia are likely to decline 10 pct")
        others = [
            x
            for x in others
            if x.end <= fs
            and x.mode == "interval"
            and x.kind not in _DAY_KINDS
            and x.kind not in ("reln", "rel")
            and _FORECASTS.search(raw, *_clause_of(sc.clauses, x.core[0]))
        ]
        return others[-1] if others else None
    tense = _verb_tense(raw, cs, ce, fs, fe) if others else ""
    if tense in ("present", "progressive"):
        return None  # "It holds 38 percent ..., but in 2001 ...": a stock now, not then
    if tense == "perfect":  # "-- the first time the price has exceeded 100,000 dlrs"
        others = [x for x in others if x.start >= fe]
    before = [x for x in others if x.end <= fs and not x.blocks_after]
    if before:
        return before[-1]
    if reported:
        return None  # a period an earlier sentence told beats one in a later clause of this one
    after = [x for x in others if x.start >= fe]
    return after[0] if after else None


_AND = re.compile(r"(?i)\band\b")
_RECORDED_GAP = re.compile(
    r"(?i)\s+(?:recorded|reached|seen|posted|registered|reported|hit)\s+(?:(?:in|on)\s+)?"
)
_POSSESSIVE_GAP = re.compile(r"'s\s+(?:[a-z]+\s+)?(?:of\s+)?")
_FROM_BASE = re.compile(
    r"(?i)\s*(?:[a-z]+\s+){0,2}?from\s+[$€£¥]?\d[\d.,/-]*(?:\s*[A-Za-z%]+){0,2}\s+"
)
_FIG = (
    r"[$€£¥]?\d[\d.,/-]*(?:\s*(?:pct|percent|per\s+cent|%|pc|mln|million|billion|bln|bn|dlrs"
    r"|points?|bp|basis\s+points?))?"
)
_FIRST_OF_PAIR = re.compile(rf"(?i)\s*(?:,|and)\s+{_FIG}\s*")
_SECOND_OF_PAIR = re.compile(rf"(?i){_FIG}\s*(?:,|and)\s+\Z")
_PAIR_GAP = re.compile(r"(?i)\s*(?:,\s*and|,|and)\s*")


def _months_together(raw: str, fe: int, after: list[_Expr]) -> _Expr | None:
    """ "hit 100 mln tonnes in January and February", "grow 2.7% in both 2025 and 2026": one
    figure, two months or years in a row."""
    if len(after) < 2 or not _is_strong(raw[fe : after[0].start]):
        return None
    a, b = after[0], after[1]
    if not _AND_ONLY.fullmatch(raw, a.end, b.start):
        return None
    if a.kind in ("month", "monyear") and b.kind in ("month", "monyear"):
        ma, mb = _month_no(raw[a.core[0] : a.core[1]]), _month_no(raw[b.core[0] : b.core[1]])
        if ma is None or mb is None or mb != ma % 12 + 1:
            return None
    elif a.kind == b.kind and a.kind in ("year", "yrange_split"):
        # "grow 2.7% in both 2025 and 2026", "6.7% in each of fiscal years 2025/26 and 2026/27"
        ya, yb = _first_year(raw[a.core[0] : a.core[1]]), _first_year(raw[b.core[0] : b.core[1]])
        if ya is None or yb != ya + 1:
            return None
    else:
        return None
    label = " ".join(raw[a.start : b.end].split()).rstrip(",;:.")
    when = _range_resolver(a.when, b.when, b.explicit, a.explicit)
    return replace(a, end=b.end, label=label, when=when, explicit=a.explicit or b.explicit)


def _first_year(text: str) -> int | None:
    found = _YEAR4.search(text)
    return int(found.group(0)) if found else None


_YEAR4 = re.compile(r"(?:19|20)\d\d")


def _respectively(raw: str, fs: int, fe: int, after: list[_Expr]) -> _Expr | None:
    """ "falling 0.1 pct and 0.3 pct in November and October": two figures, two periods, in
    order."""
    if len(after) < 2 or not _PAIR_GAP.fullmatch(raw, after[0].end, after[1].start):
        return None
    if _FIRST_OF_PAIR.fullmatch(raw, fe, after[0].start):
        return after[0]
    if _SECOND_OF_PAIR.search(raw, max(0, fs - 40), fs) and _is_strong(raw[fe : after[0].start]):
        return after[1]
    return None


_WHEN = re.compile(r"(?i)(?:,\s*|\s)when\s*\Z")
_PAST_FORECAST = guarded(
    r"(?i)\b(?:had|was|were|called\s+for|predicted|projected|forecast|estimated)\b"
)


_NEW_TARGET = re.compile(r"(?i)\s+(?:to|at)\s+[$€£¥]?\d")
_LIST_BREAK = guarded(
    r"(?i)\b(?:from|against|versus|vs|compared|than|to|but|while|after|before|when|which|that"
    r"|since|by|up|down|rose|fell|was|were|is|are|week|month|year|quarter|ago|earlier|below"
    r"|above|over|under|higher|lower|more|less)\b|[;:]"
)


def _is_list_gap(gap: str) -> bool:
    """A comparison base's period may follow a list of parallel figures: "against 196.61 for
    exports and 196.27 for imports a year earlier", "from 3.30 mln, 11.9 pct, in January"."""
    if _is_strong(gap):
        return True
    if "(" in gap:
        gap = _PAREN.sub(" ", gap)
    return (
        len(gap) <= 60
        and len(gap.split()) <= 8
        and any(c.isdigit() for c in gap)  # a list of figures, not any words at all
        and not _LIST_BREAK.search(gap)
    )


def _future_clause(sc: _Scan, raw: str, ex: _Expr) -> bool:
    cs, ce = _clause_of(sc.clauses, ex.core[0])
    return bool(_g().future.search(raw, cs, ce))


def _only_scheduled(sc: _Scan, raw: str, ex: _Expr) -> bool:
    """Is a clause's only look ahead a thing scheduled ("a dividend of $10.8 billion, to be paid
    in the second quarter"), not a plan or forecast whose period later figures share?"""
    cs, ce = _clause_of(sc.clauses, ex.core[0])
    return all(m.group().lower().startswith("to") for m in _g().future.finditer(raw, cs, ce))


def _earlier_forecast(sc: _Scan, raw: str, fs: int, fe: int) -> _Expr | None:
    """ "inflation averaging 5.6% this year, 3.2% in 2025 and 2.1% in 2026, compared with 5.4%,
    3% and 2.2% in June": a list of earlier forecasts, one for each year of the list before it,
    in order; the month after them is when they were made, not their period."""
    head = _FORECAST_LIST_HEAD.search(raw, max(0, fs - 200), fs)
    if head is None:
        return None
    tail = _FORECAST_LIST_TAIL.match(raw, fe)
    if tail is None:
        return None
    k = len(_LIST_NUMBER.findall(head.group("items")))
    n = k + 1 + len(_LIST_NUMBER.findall(tail.group("items")))
    after = [x for x in sc.exprs if tail.end() <= x.start < tail.end() + 20]  # "in June"
    if len(after) > 1 or (after and after[0].kind not in _VINTAGE_KINDS):
        return None  # "compared with 1.1% and 1.3% in 2022 and 2023": periods of its own
    years = [
        x
        for x in sc.exprs
        if x.end <= head.start() and x.role == "main" and x.kind in _YEAR_KINDS and not x.anchored
    ]
    if n < 2 or len(years) != n:
        return None
    return years[k]


_LIST_NUMBER = re.compile(r"\d[\d.,]*")
_LIST_ITEM = (
    r"[$€£¥]?\d+(?:[.,]\d+)*\s*(?:%|pc\b|pct\b|per\s*cent\b|percent\b|(?:bn|billion|mln|million|m|tn"
    r"|trillion)\b)?"
)
_FORECAST_LIST_HEAD = guarded(
    r"(?i)\b(?:compared\s+(?:with|to)|(?:up|down)\s+from|from|versus|against)\s+"
    r"(?:(?:its|their|the|previous|prior|earlier|[A-Z][a-z]+|forecasts?|projections?|estimates?"
    r"|of)\s+){0,5}"
    rf"(?P<items>(?:{_LIST_ITEM},\s+)*(?:{_LIST_ITEM},?\s+and\s+)?)\Z"
)
_FORECAST_LIST_TAIL = re.compile(
    rf"(?i)(?P<items>(?:,\s+{_LIST_ITEM})*(?:,?\s+and\s+{_LIST_ITEM})?)"
    r"(?=\s*(?:in\s+[A-Z][a-z]+|previously|earlier|before)?\s*(?:[.;,]|\Z))"
)
_VINTAGE_KINDS = frozenset({"month", "monyear", "quarter"})


def _base_marker(raw: str, fs: int, clause_start: int) -> re.Match[str] | None:
    head = raw[max(clause_start, fs - 60) : fs]
    return _g().base.search(head)


def period_for(
    ctx: DocContext, sent_index: int, span: tuple[int, int], *, modality: str, kind: str
) -> Period:
    """The period the figure at `span` (offsets within ctx.sentences[sent_index].raw) refers
    to, resolved against ctx.published."""
    raw = ctx.sentences[sent_index].raw if 0 <= sent_index < len(ctx.sentences) else None
    if raw is not None and _timeless_target(raw, span):
        return UNKNOWN  # "well above the 2% goal", "the SNB's 0-2% target range"
    got = _period_for(ctx, sent_index, span, modality=modality, kind=kind)
    if raw is not None and got.end is not None and _AS_OF.search(raw):
        got = _season_to_date(ctx, raw, got)
    if raw is not None and got.start is not None and got.end is not None:
        got = _moving_average(raw, int(span[0]), got)
        pub = _published(ctx)
        if (
            modality == "actual"
            and pub is not None
            and got.start <= pub < got.end
            and 27 <= (got.end - got.start).days <= 30
            and _AVERAGE.search(raw, max(0, int(span[0]) - 60), int(span[0]))
        ):
            # "Spot LNG prices have averaged $14 per mmBtu in December" on December 16: the
            # month to date
            got = Period(got.start, pub, got.label, got.basis)
    if (
        raw is not None
        and kind == "level"
        and got.start is not None
        and got.end is not None
        and got.start != got.end
    ):
        fs = max(0, min(int(span[0]), len(raw)))
        # a report's period (a quarter or longer) carried from earlier sentences
        carried = (got.end - got.start).days >= 85 and got.label.lower() not in raw.lower()
        if _reached_stock(raw, fs, carried=carried) or (
            (got.end - got.start).days <= 2  # "over the past 24 hours"
            and _MARKET_MOVE.search(raw, max(0, fs - 160), fs) is not None
            and _REACHED.search(raw, max(0, fs - 160), fs) is not None
        ):
            # "Zinc stocks more than doubled over the past month to 262,100 tons", "ended the
            # quarter with 1,042 stores": a stock as of the end of the span, not over it; so is
            # a market's price ("Ether fell 2.4% over the past 24 hours to $3,446")
            return Period(None, got.end, got.label, got.basis)
    return got


_AS_OF = guarded(r"(?i)\bas\s+(?:of|at)\b")
_SEASON_KINDS = frozenset({"season", "yrange", "yrange_split"})  # crop and marketing years


def _season_to_date(ctx: DocContext, raw: str, got: Period) -> Period:
    """ "exports in the 2024/25 season reached 16.1 million tonnes as of December 2", "so far
    in the season, as of December 2": a season's total from its start to the day named."""
    sc = _scan(raw)
    env = _doc(ctx).env
    days = [
        iv[0][1]
        for x in sc.exprs
        if x.mode == "instant" and x.label.lower().startswith("as ")
        for iv in [_resolve(x, env)]
        if iv[0] is not None and iv[0][1] is not None
    ]
    if not days:
        return got
    day = days[0]
    if got.start is not None and got.start < day < got.end:
        return Period(got.start, day, got.label, got.basis)  # "so far ..., as of December 2"
    if got.start is None and got.end == day:
        for x in sc.exprs:
            if x.kind not in _SEASON_KINDS or x.mode != "interval":
                continue
            iv, _ = _resolve(x, env)
            if iv is not None and iv[0] is not None and iv[1] is not None and iv[0] < day <= iv[1]:
                return Period(iv[0], day, got.label, got.basis)
    return got


_AVERAGE_SPAN = guarded(
    r"(?i)\b(?P<n>\d{1,2}|two|three|four|five|six|eight|ten|twelve)[-\s](?P<u>week|month)"
    r"\s+(?:moving\s+|rolling\s+)?average\b[^.;:]*\Z"
)
_SMALL_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10,
                  "twelve": 12}  # fmt: skip


def _moving_average(raw: str, fs: int, got: Period) -> Period:
    """ "the four-week average rose to 225,000" in the week ended Dec. 14: the four weeks to
    that week's end; "the three-month average ... was 170,000 in November": September to
    November. (A "four-week moving average" written after its period is the grammar's `movavg`
    expression, anchored there; this covers the averages it does not read.)"""
    found = _AVERAGE_SPAN.search(raw, max(0, fs - 80), fs)
    if found is None or got.start is None or got.end is None:
        return got
    word = found.group("n").lower()
    n = int(word) if word.isdigit() else _SMALL_NUMBERS[word]
    days = (got.end - got.start).days + 1
    if found.group("u").lower() == "week" and days == 7:
        return Period(got.end - dt.timedelta(days=7 * n - 1), got.end, got.label, got.basis)
    if found.group("u").lower() == "month" and 28 <= days <= 31:
        return Period(_add_months(got.start, 1 - n), got.end, got.label, got.basis)
    return got


def _timeless_target(raw: str, span: tuple[int, int]) -> bool:
    """Is the figure a standing policy target with no period of its own ("the 2% inflation
    target", "a tolerance range of 1.5%-4.5%")? A dated one ("the 1987 target of two to six
    pct", "a target of 14% for 2025", "set for 1 November") is not."""
    fs, fe = max(0, int(span[0])), min(len(raw), int(span[1]))
    before, after = raw[max(0, fs - 40) : fs], raw[fe : fe + 40]
    if not (_TARGET_AFTER.match(after) or _TARGET_BEFORE.search(before)):
        return False
    head = raw[max(0, fs - 50) : fs]
    head = head[max(head.rfind(","), head.rfind(";")) + 1 :]  # the target's own phrase
    if _YEAR4.search(head) or _FISCAL_NAME.search(head) or _ANNUAL.search(head):
        return False  # "the 2026 production target of", "the fiscal 1988 deficit target of"
    return _DATED_AFTER.match(raw, fe) is None  # "of 14% for 2025", "set for 1 November"


_ANNUAL = guarded(r"(?i)\b(?:annual|this\s+year's|full-year|yearly)\b")
_FISCAL_NAME = guarded(r"(?i)\bFY\s?\d\d\b|'\d\d\b")
_DATED_AFTER = re.compile(
    r"(?i)[^.;]{0,45}?\b(?:for|by|in|until|set\s+for)\s+(?:the\s+)?(?:end\s+of\s+)?(?:\d|fy|fiscal"
    r"|q[1-4]|h[12]|next|this|current|coming|first|second|third|fourth|(?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december)\b)"
)
_TARGET_AFTER = re.compile(
    r"(?i)\s*(?:inflation\s+|price\s+)?(?:goal|target|objective)(?:\s+range)?\b(?!\s+(?:of|for)\b)"
)
_TARGET_BEFORE = guarded(
    r"(?i)\b(?:target|goal|objective|tolerance)(?:\s+range)?\s+of\s+(?:about\s+|around\s+)?\Z"
    r"|\btarget\s+(?:is|was|remains)\s+\Z"
)


def _reached_stock(raw: str, fs: int, *, carried: bool) -> bool:
    """Is the figure at `fs` the level a stock reached ("... to 3,129 tons", "... with 1,042
    stores"), the stock named before it in its sentence? A balance sheet's item counts when
    its period is `carried` from the report, not named in the sentence."""
    first = max(0, fs - 160)
    head = raw[first:fs]
    if carried:
        stated = _BALANCE_STATED.search(head)
        if stated is not None and _BALANCE_NOUN.search(head, max(0, stated.start() - 50)):
            return True
    reached = _REACHED.search(head)
    if reached is None:
        return False
    # the stock is named before the verb or as its object ("raised its policy rate from 8.5% to"),
    # in lower case unless it starts the sentence: "Karoo Retail Holdings grew ..." is a company
    return any(
        m.group()[0].islower() or not raw[: first + m.start()].strip()
        for pattern in ((_STOCK_NOUN, _BALANCE_NOUN) if carried else (_STOCK_NOUN,))
        for m in pattern.finditer(head)
    )


# verbs of a move to a new level ("rose ... to", "was lowered to")
_MOVE_VERBS = (
    "rose|fell|climbed|jumped|dropped|slipped|declined|added|lost|raised|lifted|lowered|cut|reduced"
)
_REACHED = guarded(
    rf"(?i)(?:\b(?:{_MOVE_VERBS}|grew|increased|decreased|doubled|tripled|halved|expanded|shrank|"
    r"swelled|fallen|risen|grown)\b(?:[^.;]|\.(?=\d))*?\bto|\bended\b[^.;]*?\bwith"
    r"|\b(?:taking|bringing|brought)\b[^.;]*?\bto)"
    r"\s+(?:an?\s+)?(?:(?:record|new|all-time|high|low|about|around|some|roughly|nearly|almost|"
    r"just|more|less|than|over|under)\s+)*\Z"
)
# "Its capital adequacy ratio was 17.1%": a balance sheet's item stated, its noun just before
_BALANCE_STATED = guarded(
    r"(?i)\b(?:reached|stood\s+at|was|were)\s+(?:(?:about|around|some|roughly|nearly|almost|"
    r"just|more|less|than|over|under)\s+)*\Z"
)
_STOCK_NOUN = guarded(
    r"(?i)\b(?:stocks?|stockpiles?|inventor(?:y|ies)|holdings|reserves|workforce|headcount|"
    r"footprint|stores|branches|subscribers|(?:policy|cash|benchmark|repo|refinancing|discount"
    r"|key|bank)\s+rates?)\b"
)
# a balance sheet's stocks and ratios: at the close of the report's period; a monthly statistic
# that names its month ("Total deposits rose to 17.18 billion in January") keeps the month
_BALANCE_NOUN = guarded(
    r"(?i)\b(?:(?:total\s+)?(?<!fixed\s)assets|deposits|loans\s+and\s+advances|cash\s+(?:balance|position|pile)|"
    r"(?:capital\s+adequacy|tier\s+1|cet1|leverage|gearing|non-performing\s+loans?|npl)\s+ratio|"
    r"backlog|order\s+book|vacancy(?:\s+rate)?)\b"
)


def _period_for(
    ctx: DocContext, sent_index: int, span: tuple[int, int], *, modality: str, kind: str
) -> Period:
    if not ctx.sentences or not 0 <= sent_index < len(ctx.sentences):
        return _fallback(None, modality, _published(ctx))
    raw = ctx.sentences[sent_index].raw
    fs = max(0, min(int(span[0]), len(raw)))
    fe = max(fs, min(int(span[1]), len(raw)))
    raw, shift = _joined(ctx, sent_index)
    fs, fe = fs + shift, fe + shift
    doc = _doc(ctx)
    sc = _scan(raw)
    if doc.sections:
        sc = _with_sections(sc, doc.sections, raw, modality == "projected")
    elif any(x.table == "ref" for x in sc.exprs):
        sc = _story_refs(sc)
    fs, fe = _figure_span(sc, raw, fs, fe)
    projected = modality == "projected"
    cs, ce = _clause_of(sc.clauses, fs)
    ahead = projected and not _FORECAST_BEFORE.search(raw, cs, ce)
    env = _env(doc.env, projected=projected, forward=ahead)
    carried = doc.carried[sent_index]
    if projected and doc.plans[sent_index] is not None:
        carried = doc.plans[sent_index]  # more of the plans a forecast sentence dated
    prior = doc.prior[sent_index]
    context = carried or prior  # what "a year earlier" or "the same period" shift from
    story = doc.spans[sent_index] or context  # "the week", "Thursday"
    table = doc.table[sent_index]
    now = _now(sc, raw, fs, fe, cs, env.published)
    if now is not None:
        return now
    joined = _AND_PRESENT.search(raw, max(0, fs - 60), fs)
    if (
        not projected
        and joined is not None
        and not any(x.start >= joined.start() for x in sc.exprs)
    ):
        # "generated a turnover of EUR5.6bn in 2006 and has 15,500 employees": the present
        # verb says what the company is now; the year is the other verb's
        return _fallback(None, modality, env.published)
    habit = _HABITUAL.search(raw, max(cs, fs - 60), fs)
    if habit is not None and not any(cs <= x.start < ce for x in sc.exprs):
        # "capesizes, which typically transport 150,000-tonne cargoes": what is usual, no time
        return UNKNOWN
    if not projected and _present_aside(sc, raw, fs, fe):
        # "ZCCM, which accounts for about 90 pct of the country's foreign exchange earnings,
        # made a net loss ... in 1986": what the subject is, as of the story
        return _fallback(None, modality, env.published)
    earlier = _earlier_forecast(sc, raw, fs, fe)
    if earlier is not None:
        return _period(earlier, env)
    marker = _base_marker(raw, fs, cs)
    if marker is not None and any(
        x.mode in ("start", "since") and fs - len(marker.group(0)) <= x.start < fs for x in sc.exprs
    ):
        marker = None  # "From July this year 30 leading stocks will be traded": a start
    if marker is not None:
        word = (marker.group("m") or marker.group("m2") or marker.group("m3") or "").lower()
        text, word = marker.group(0), word.rstrip(".")
        return _base_period(sc, raw, fs, fe, text, word, env, context, table, projected, story)
    segment = next((g for g in sc.segments if g[1] <= fs < g[2]), None)
    if segment is not None and not _parallel(sc, raw, segment, fs):
        # "compared to net income of 113.1 mln on sales of 2.5 billion in 1985"
        text, word = raw[segment[0] : fs], "compared"
        return _base_period(sc, raw, fs, fe, text, word, env, context, table, projected, story)
    skip = _future_days(sc, env) if not projected and sc.past else frozenset()
    reported = carried is not None and not projected
    ex = _choose(sc, raw, fs, fe, projected=projected, skip=skip, reported=reported)
    while ex is not None and ex.kind == "anaphor":
        # "the week", "the period": the story's own period; none told, no period from it
        if _resolve(ex, _anchored_env(sc, raw, ex, env, story))[0] is not None:
            break
        if ex.core[0] in skip:
            ex = None  # already passed over: nothing else to choose
            break
        skip = skip | {ex.core[0]}
        ex = _choose(sc, raw, fs, fe, projected=projected, skip=skip, reported=reported)
    if ex is None and table is not None:
        return table.period
    if ex is not None:
        told = doc.plans[sent_index] or story  # "the period": the last one named, a plan's too
        lends = _section_for(ex, doc) or (told if ex.kind == "anaphor" else context)
        if ex.kind == "fullyear" and env.forward and not _NOUN_AFTER_YEAR.match(raw, ex.end):
            # "will contribute 50 mln dlrs for the full year": the year ahead; but "will pay a
            # final dividend ..., taking the full-year payout to $4.65": the year reported
            lends = None
        ex_env = _anchored_env(sc, raw, ex, env, lends)
        ex_env = _day_env(ex, ex_env, story)
        stated_ahead = (
            ex.label.lower().startswith(_AHEAD_LABELS)
            or _SHIPMENT.match(raw, ex.end)
            or (ex.kind == "monrange" and ex.forward and _CROP_AFTER.match(raw, ex.end))
        )
        if (ex_env.forward or ex.forward) and not stated_ahead:
            xs, xe = _clause_of(sc.clauses, ex.core[0])
            if _verb_tense(raw, xs, xe, ex.start, ex.end) == "past" or _DONE_BEFORE.search(
                raw, xs, ex.start
            ):
                # "a lockout imposed by the company on December 14 would be lifted": the day
                # belongs to a past verb, whatever the figure's modality
                ex_env = _env(ex_env, forward=False)
                ex = replace(ex, forward=False)
        if (
            ex.mode == "since"
            and kind == "change"
            and context is not None
            and _MARKET_MOVE.search(raw) is None
            and _CURRENCY_VALUE.search(raw) is None
        ):
            grown = _grown_since(ex, ex_env, context)
            if grown is not None:
                return grown
        within = _quarter_of_named_year(sc, ex, ex_env)
        if within is not None:
            return within
        got = _period(ex, ex_env)
        return _shaped(got, ex, ex_env, raw, kind, fe)
    follows = _following(sc, raw, fe, env, projected)
    if follows is not None:
        return follows
    sentence_past = sc.past or _PAST_FORECAST.search(raw) is not None
    if carried is not None and not _inherits(
        raw, cs, ce, fs, fe, carried, env, projected, sentence_past
    ):
        carried = None
    if carried is not None and any(
        x.role == "event" and x.start < fs and x.start >= sc.dateline_end for x in sc.exprs
    ):
        carried = None  # "Santos yesterday announced a 4.00 dlr a share bid": dated news
    report = carried
    if (
        report is None
        and prior is not None
        and not projected
        and _past_at(raw, cs, fs)
        and _inherits(raw, cs, ce, fs, fe, prior, env, projected, sentence_past)
    ):
        report = prior  # "..., which lowered risk provisions to 22.5 mln guilders"
    moved = (
        report is not None
        and _MARKET_MOVE.search(raw, 0, ce) is not None
        and not _AVERAGE_PRICE.search(raw, cs, fs)  # "its average realised crude price"
    )
    if report is not None and _is_span(report) and moved:
        report = None  # "The yield jumped 18 basis points to 4.54%": the market as of today
    if (
        report is not None
        and kind == "level"
        and moved
        and report.interval[0] is not None
        and report.interval[0] == report.interval[1] == env.published
    ):
        # a level quoted on the story's own day, told in an earlier sentence: as of publication;
        # a move keeps the day (annotators differ here: parts E and F make moves instants too,
        # the blind part G keeps the day, as docs/figures.md does for a day's flows)
        return _fallback(None, modality, env.published)
    if (
        report is not None
        and report.interval[0] is not None
        and report.interval[1] is not None
        and (report.interval[1] - report.interval[0]).days > 31
        and _MONTH_ON_MONTH.search(raw, cs, ce)
    ):
        # "production was down 1.5% month on month" after "For 2023 as a whole, ...": a
        # month's change, the story's month
        month = _story_month(doc, report, sent_index)
        if month is not None:
            return month.period
    if (
        report is not None
        and report.interval[0] is None
        and story is not None
        and story.interval[0] is not None
        and _AVERAGE.search(raw, cs, ce)
    ):
        report = story  # "Its average realised crude price was $83.0" after "at the end of March"
    if report is not None:
        report = _not_the_base(sc, report, doc, env)
        if kind == "change":
            grown = _grown_from(sc, report, env)
            if grown is not None:
                return grown
        return report.period
    return _fallback(None, modality, env.published)


# Markets quoted in a report on something else move on the day of the story, not over the
# period the report covers: yields, currencies, indices, shares, futures and spot prices.
_MARKET_MOVE = guarded(
    r"(?i)\b(?:(?<!average\s)(?<!crop\s)yields?(?!\s+(?:of|per)\b)|bonds?\s+(?:rose|fell|rallied|slipped)|"
    r"futures|spot|shares|stocks?\s+(?:rose|fell|closed|jumped|slid)|equities|"
    r"dow|nasdaq|s&p|ftse|nikkei|dax|cac|hang\s+seng|sensex|nifty|kospi|stoxx|topix|asx|tsx|"
    r"ibovespa|bovespa|jse|straits\s+times|shanghai\s+composite|csi\s+300|msci|russell|"
    r"(?:the\s+)?(?:dollar|euro|yen|pound|sterling|yuan|rupee|rouble|ruble|real|lira|rand|won|"
    r"franc|peso|ringgit|rupiah|baht|zloty|forint|koruna|krona|krone|tenge|naira|shekel)\s+"
    r"(?:rose|fell|weakened|strengthened|firmed|slipped|slid|gained|dropped|climbed|jumped|"
    r"traded|was\s+trading|hit|touched|eased|edged|tumbled|plunged|surged|rallied|closed"
    r"|was\s+(?:little\s+changed|steady|unchanged|flat)|steadied|ended|settled)|"
    r"bitcoin|ether|crypto\w*|brent|wti|crude\s+(?:futures|prices?)|depositary\s+receipts|adrs?|"
    r"(?:gold|silver|copper|platinum|aluminium|aluminum|nickel|zinc)"
    r"(?:\s+(?!(?:production|output|exports?|imports?|sales|demand|consumption|shipments|mining"
    r"|reserves|stocks|deliveries)\b)[\w'-]+){0,6}?\s+"
    r"(?:rose|fell|jumped|climbed|gained|slipped|dropped|advanced|traded|hit|touched|eased))\b"
)
# "the naira has lost 70% of its value against the dollar since June": a market, to this day
_CURRENCY_VALUE = guarded(
    r"(?i)\bagainst\s+the\s+(?:u\.?s\.?\s+)?(?:dollar|euro|yen|pound|greenback)\b"
    r"|\bits\s+value\b"
    # a policy rate moved since a month: the moves to this day, no monthly reading
    r"|\b(?:cash|policy|benchmark|interest|repo|key|bank|base|lending|deposit)\s+rates?\b"
    r"|\b(?:raised|lifted|hiked|cut|lowered|increased|reduced)\s+(?:its\s+|their\s+)?rates\b"
)
_STOCK_AT = guarded(
    r"(?i)\b(?:stood|stands|stand|standing|amounted|amounting)\s+(?:at|to)\b"
    r"|\b(?:had|held|owned)\b(?!\s+(?:been|to|risen|fallen|grown|increased|decreased))"
)
_THIS = guarded(r"(?i)(?:(?:in|during|for|over)\s+)?this\s+(?:year|quarter|month)\Z")
_OUTLOOK = guarded(
    r"(?i)\b(?:project\w*|forecast\w*|estimat\w*|goals?|target\w*|expect\w*|outlook|predict\w*"
    r"|sees?|seen|on\s+track|aims?|plans?|guidance)\b"
)
_RATE_AFTER = re.compile(r"(?i)\s*(?:a|per|each)\s+(?:day|week|month|year|annum)\b")
_PER_YEAR = guarded(r"(?i)\b(?:a|per|each)\s+(?:year|annum)\b|\bannual(?:ly)?\b")


def _shaped(got: Period, ex: _Expr, env: _Env, raw: str, kind: str, fe: int) -> Period:
    """Fit a period to how the figure uses it: a stock that "stood at" a sum on a day is an
    instant; savings of 20 mln "a year from 2007" are first those of 2007; a change "effective
    Tuesday" happens on that day."""
    if (
        got.start is not None
        and got.start == got.end
        and ex.kind == "date"
        and _STOCK_AT.search(raw)
    ):
        return Period(None, got.end, got.label, got.basis)
    pub = env.published
    if (
        not env.projected
        and ex.kind in ("relyear", "rel")
        and ex.mode == "interval"
        and pub is not None
        and got.start is not None
        and got.end is not None
        and got.start <= pub < got.end
        and _THIS.match(got.label)
        and not _OUTLOOK.search(raw)
    ):
        # "has cut rates by 125 basis points this year": what has happened, so far
        return Period(got.start, pub, got.label, got.basis)
    if ex.mode == "start" and got.start is not None:
        if ex.kind in ("year", "fiscal") and _PER_YEAR.search(raw):
            iv = ex.when(env)
            if iv is not None and iv[1] is not None:
                return Period(got.start, iv[1], got.label, got.basis)
        if (
            ex.kind in ("day", "date")
            or (ex.kind == "month" and ex.label.lower().startswith("from"))
        ) and not _RATE_AFTER.match(raw, fe):
            # "cut by 25 basis points to 3.75 per cent from 15 May": the change and the level
            # it sets take effect on that day (as every gold set reads them); "£426 a year from
            # July" is a rate from then on
            return Period(got.start, got.start, got.label, got.basis)
    return got


_AND_PRESENT = guarded(
    r"(?i)\band\s+(?:now\s+|currently\s+)?(?:has|have|employs|employ|owns|own|operates|operate"
    r"|runs|holds|is|are)\s+(?:(?:some|about|around|over|more\s+than|nearly|almost|roughly"
    r"|a\s+staff\s+of|a\s+workforce\s+of)\s+)*\Z"
)
_HABITUAL = guarded(
    r"(?i)\b(?:typically|usually|normally|traditionally"
    # a capacity: "a very large crude carrier, which can hold 2 million barrels"
    r"|can\s+(?:hold|carry|handle|process|store|accommodate|seat|transport|load))\b[^,;]*\Z"
)
_WITH_AFTER_SUBJECT = re.compile(r"(?P<subject>[^,;]{2,60}),\s+with\s+")
_ED_WORD = re.compile(r"\b[a-z]{3,}ed\b")
_WHICH_BEFORE = guarded(r"(?i),\s+(?:which|who)\s+[^,;()]*\Z")
_DESCRIBES_FIGURE = re.compile(
    r"(?i),\s+(?:which|who)\s+(?:[a-z]+ly\s+)?(?:include|comprise|consist|contain|exclude|reflect"
    r"|represent|cover|equal|compare)"
)
_FLOW_SUBJECT = guarded(
    r"(?i)\b(?:revenues?|sales|consumption|spending|expenditures?|exports?|imports?|income"
    r"|profits?|earnings|output|production|investment|shipments|deliveries|orders)\s*\Z"
)
_PRESENT_S = re.compile(
    r"(?i),\s+(?:which|who)\s+(?:[a-z]+ly\s+)?(?!was\b|has\b)[a-z]{2,}[^s\W]s\b"
)
_OWNED_AFTER = re.compile(r"(?i)[%\s-]*(?:per\s*cent\s*-?\s*)?owned\b")


def _present_aside(sc: _Scan, raw: str, fs: int, fe: int) -> bool:
    """Does the figure describe the sentence's subject as it is, with no period of its own: in
    a non-restrictive relative clause in the present tense ("Kalahari, which is 15%-owned by
    the government, ...", "Aramco, which pumps about 9 million barrels per day, ...") or in a
    "with" phrase right after the subject ("RepublicBank, with total assets of about 21
    billion dlrs, announced ...")?"""
    close = raw.find(",", fe)
    end = close if close >= 0 else len(raw)  # the figure's phrase ends at the next comma
    subject = _WITH_AFTER_SUBJECT.match(raw)
    if (
        subject is not None
        and subject.end() <= fs
        and "," not in raw[subject.end() : fs]
        and not any(_tenses(subject.group("subject")))
        and not _ED_WORD.search(subject.group("subject"))
    ):
        # "RepublicBank, with total assets of about 21 billion dlrs, announced ...", not "the
        # unit, with 1986 sales of 1.9 billion dlrs, will file"
        return not any(x.start < end for x in sc.exprs)
    which = _WHICH_BEFORE.search(raw, max(0, fs - 120), fs)
    if which is None or _DESCRIBES_FIGURE.match(which.group()):
        return False  # "Sales, which include 5 mln dlrs of exports": the figure's own parts
    if _FLOW_SUBJECT.search(raw, max(0, which.start() - 40), which.start()):
        return False  # "Subscription revenue, which makes up about 94% of the total": its period
    if any(which.start() <= x.start < end for x in sc.exprs):
        return False
    tense = _verb_tense(raw, which.start(), end, fs, fe)
    if tense == "":
        # "which pumps about 9 million barrels per day": a verb in the third person present
        return (
            _PRESENT_S.match(which.group()) is not None or _OWNED_AFTER.match(raw, fe) is not None
        )
    return tense == "present"


_NOW = guarded(
    r"(?i)\b(?P<w>now|currently|presently|at\s+present)\b(?:(?:\s+[A-Za-z-]+){0,4}"
    r"|(?=(?:\s+[A-Za-z-]+){0,5}\s+(?:at|of)\s+[A-Za-z-]*\s*\Z)(?:\s+[A-Za-z-]+){0,6})\s*\Z"
)


def _continues(before: str, after: str) -> bool:
    """Is `after` the next line of the same sentence (a note broken across table lines)?"""
    tail = before.rstrip()
    return bool(tail) and tail[-1] not in ".!?:;" and after[:1].islower()


def _joined(ctx: DocContext, i: int) -> tuple[str, int]:
    """The sentence with the lines it was broken from ("NOTE: 1985 excludes loss ... of" /
    "four cts per share in the quarter"), and the offset of its own text in it."""
    sentences = ctx.sentences
    raw, shift = sentences[i].raw, 0
    if i > 0 and _continues(sentences[i - 1].raw, raw):
        head = sentences[i - 1].raw.rstrip() + " "
        raw, shift = head + raw, len(head)
    if i + 1 < len(sentences) and _continues(raw, sentences[i + 1].raw):
        raw = raw.rstrip() + " " + sentences[i + 1].raw
    return raw, shift


def _with_sections(
    sc: _Scan, sections: dict[int, _Carry], raw: str, projected: bool = False
) -> _Scan:
    """In an earnings story, "in quarter", "for current qtr", "in nine mths", "Quarter net",
    "Current periods" name the table's periods (by their unit word, whatever the preposition);
    "year-ago qtr and nine mths" are those a year back; "NOTE: 1985 excludes ... in the quarter"
    moves them into the year named."""
    refs = [(x, _section_ref(x)) for x in sc.exprs]
    if projected:  # "Company forecast for current year": the year ahead, not the table's
        refs = [(x, None if ref and x.table != "ref" and not ref[1] else ref) for x, ref in refs]
    if not any(ref is not None for _, ref in refs):
        return sc
    year = next((x for x in sc.exprs if x.kind == "year" and x.role == "main"), None)
    exprs: list[_Expr] = []
    back_before = False
    for x, ref in refs:
        if ref is None:
            exprs.append(x)
            back_before = False
            continue
        months, back = ref
        if not back and back_before and exprs and _AND_ONLY.fullmatch(raw, exprs[-1].end, x.start):
            back = True  # "for year-ago qtr and nine mths"
        back_before = back
        sec = sections.get(months) if months else sections[min(sections)]
        if sec is None or sec.interval[0] is None:
            exprs.append(x)
            continue
        iv = _shift(sec.interval, months=-12) if back else sec.interval
        when = _fixed(iv)
        if year is not None and year.core[0] < x.core[0] and not back:
            when = _moved_into(year.when, iv)
        x = replace(
            x, table="", when=when, explicit=sec.explicit or year is not None, anchored=False
        )
        exprs.append(x)
    return replace(sc, exprs=tuple(exprs))


_AND_ONLY = re.compile(r"(?i)\s+and\s+")
_SECTION_REF = re.compile(
    r"(?i)\A(?:(?:in|for|during|of)\s+)?(?:the\s+)?(?P<q>current|latest|year-ago|year-earlier"
    r"|year\s+ago|prior-year)\s+(?:(?P<u>quarter|qtr|fiscal\s+year|year|periods?)"
    r"|(?P<n>\d{1,2}|[a-z]+)\s+(?:mths|months|mos))\.?\Z"
)


def _section_ref(x: _Expr) -> tuple[int, bool] | None:
    """(months, a year back) of an expression that names an earnings table's section; 0 months
    is the narrowest section ("Current periods")."""
    if x.table == "ref":
        return x.size, False
    if x.kind not in ("rel", "relyear", "same", "anaphor"):
        return None
    m = _SECTION_REF.match(x.label)
    if m is None:
        return None
    back = m.group("q").lower() not in ("current", "latest")
    if m.group("n"):
        n = _num(m.group("n"))
        return (n, back) if n and n <= 12 else None
    unit = m.group("u").lower()
    months = 0 if unit.startswith("period") else 3 if unit in ("quarter", "qtr") else 12
    return months, back


def _moved_into(year: Resolver, iv: Interval) -> Resolver:
    """A table period moved into the year a note names, unless it already falls in it."""
    shifted = _same_as(year)

    def resolve(env: _Env) -> Interval | None:
        named = year(env)
        if named and None not in named and None not in iv:
            assert named[0] and named[1] and iv[0] and iv[1]
            if iv[0] <= named[1] and named[0] <= iv[1]:
                return iv  # "1987 earnings ... in the quarter" ended January 31, 1987
        return shifted(_with_anchor(env, iv, True))

    return resolve


def _story_refs(sc: _Scan) -> _Scan:
    """Outside an earnings table, "in the quarter", "in the year" speak of the story's own
    quarter or year: anaphors, resolved against the period the story reports on."""
    exprs = tuple(
        replace(x, table="", anchored=True, kind="anaphor", when=_part_of_story(x.size))
        if x.table == "ref" and x.size in (3, 12)
        else x
        for x in sc.exprs
    )
    return replace(sc, exprs=exprs)


def _part_of_story(months: int) -> Resolver:
    """The story's period when it is `months` long; its last `months` when it is longer."""

    def resolve(env: _Env) -> Interval | None:
        anchor = env.anchor
        if anchor is None or anchor[0] is None or anchor[1] is None:
            return None
        length = _months_of(anchor)
        if length == months:
            return anchor
        if length >= 2 * months:
            return _ending(anchor[1], months=months)
        return None

    return resolve


def _section_for(ex: _Expr, doc: _Doc) -> _Carry | None:
    """The table section an anchored period ("1985 quarter", "for the year") shifts from."""
    if not doc.sections or not (ex.anchored or ex.kind == "fullyear"):
        return None
    low = ex.label.lower()
    if "quarter" in low or "qtr" in low:
        return doc.sections.get(3)
    if "year" in low and (ex.kind == "fullyear" or "period" not in low):
        return doc.sections.get(12) if ex.kind == "fullyear" else None
    return None


def _now(
    sc: _Scan, raw: str, fs: int, fe: int, cs: int, published: dt.date | None
) -> Period | None:
    """ "its prime rate, now at a record low 5.5 pct", "which currently stands at eight pct":
    a level as of publication, whatever the rest of the sentence plans."""
    m = _NOW.search(raw, max(cs, fs - 40), fs)
    if m is None:
        return None
    if any(x.start >= fe and _is_strong(raw[fe : x.start]) for x in sc.exprs if x.role == "main"):
        return None
    label = m.group("w")
    if published is None:
        return Period(None, None, label, "unknown")
    return Period(None, published, label, "publication")


def _future_days(sc: _Scan, env: _Env) -> frozenset[int]:
    """Days after publication in a past-tense sentence ("bought bills for resale to the
    discount houses on April 2"): the date of a later leg, not the period of what was done."""
    if env.published is None:
        return frozenset()
    out = set()
    for x in sc.exprs:
        if x.kind != "date" or x.role != "main":
            continue
        iv = x.when(env)
        if iv is not None and iv[0] is not None and iv[0] > env.published:
            out.add(x.core[0])
    return frozenset(out)


def _grown_since(ex: _Expr, env: _Env, context: _Carry) -> Period | None:
    """ "It has increased 8.3 pct since March last year" in a story on March: the change from
    the March 1986 reading to the one reported, April 1986 to March 1987."""
    iv = ex.when(env)
    end = context.interval[1]
    if iv is None or iv[1] is None or end is None or end <= iv[1] or context.interval[0] is None:
        return None
    if iv[0] is None or not 27 <= (iv[1] - iv[0]).days <= 92:
        return None  # "since 1980" is a span from 1980, not from the reading after it
    if abs(_months_of(iv) - _months_of(context.interval)) > 0:
        return None  # a monthly reading since a month; not a yearly story since September
    if env.published is not None and end > env.published:
        return None
    basis = "explicit" if ex.explicit and context.explicit else "relative"
    return Period(iv[1] + dt.timedelta(days=1), end, ex.label, basis)


def _grown_from(sc: _Scan, report: _Carry, env: _Env) -> Period | None:
    """ "Month on month, M1-B fell 5.19 pct from January" in a story on February: a change
    from the reading named to the one reported."""
    s, e = report.interval
    if s is None or e is None:
        return None
    for x in sc.exprs:
        if x.role != "compare" or x.anchored:
            continue
        iv = x.when(env)
        if iv is None or iv[0] is None or iv[1] is None or not s <= iv[1] < e:
            continue
        start = iv[1] + dt.timedelta(days=1)
        return Period(start, e, report.period.label, report.period.basis)
    return None


def _following(sc: _Scan, raw: str, fe: int, env: _Env, projected: bool) -> Period | None:
    """ "M-1 rose 2.5 pct after a 1.1 pct fall in December": the figure is for the period
    after the one it follows (January)."""
    if projected:
        return None
    for x in sc.exprs:
        if x.start < fe or x.role != "main" or x.anchored or x.table or x.mode != "interval":
            continue
        cs, _ = _clause_of(sc.clauses, x.core[0])
        if cs not in sc.comparative or not _AFTER.match(raw, cs):
            return None
        if not any(c.isdigit() for c in raw[cs : x.start]):
            return None  # "after the government last June directed ...": no figure followed
        iv = x.when(env)
        if iv is None or iv[0] is None or iv[1] is None:
            return None
        size = round((iv[1] - iv[0]).days / 30.4)
        if size not in (1, 3, 6, 12):
            return None
        s, e = _shift(iv, months=size)
        if s is None or (env.published is not None and s > env.published):
            return None
        return Period(s, e, "", "explicit" if x.explicit else "relative")
    return None


_AFTER = re.compile(r"(?i)[\s,]*(?:after|following)\b")


def _past_at(raw: str, cs: int, fs: int) -> bool:
    """Is the verb nearest before a figure in the past tense ("which lowered ... to 22.5 mln")?"""
    g = _g()
    best, past = -1, False
    for rx, is_past in ((g.past, True), (g.present, False), (g.future, False)):
        for m in rx.finditer(raw, cs, fs):
            if m.start() >= best:
                best, past = m.start(), is_past
    return past


def _not_the_base(sc: _Scan, report: _Carry, doc: _Doc, env: _Env) -> _Carry:
    """ "fell to 3.23 mln from 3.30 mln in January" after a sentence on January: the figure
    compared with January is not January's; it is the story's own period (February)."""
    lead = doc.lead
    if lead is None or lead.interval == report.interval or lead.interval == (None, None):
        return report
    for x in sc.exprs:
        if x.role in ("base", "compare") and not x.anchored:
            iv, _ = _resolve(x, env)
            if iv == report.interval:
                return lead
    return report


_CONVERTED = guarded(
    r"(?:(?:[$€£¥]|\b[A-Z]{2,3}\$?)\s*)?\d[\d.,/-]*(?:\s+[A-Za-z%.]+){0,3}?\s*\(\s*\Z"
)


def _figure_span(sc: _Scan, raw: str, fs: int, fe: int) -> tuple[int, int]:
    """The span whose period is asked: a figure that swallowed the start of a period ("EUR
    207.1 mn a year earlier" read as a rate "a year") ends where the period begins; a
    conversion in parentheses ("EUR 24.1 million ( USD 33.6 m )") stands for the figure
    before it, unless it names its own period inside the parentheses."""
    for x in sc.exprs:
        if fs < x.core[0] < fe:
            fe = fs + len(raw[fs : x.core[0]].rstrip())
            break
    if fs == 0:
        return fs, fe
    side = _SIDE_BY_SIDE.search(raw, max(0, fs - 40), fs)
    if side is not None and _CURRENCY_START.match(raw, fs):  # "2.8 mln euro $ 3.7 mln"
        return side.start(), side.start() + len(side.group(0).rstrip())
    opened = _OPENED.search(raw, max(0, fs - 30), fs)
    if opened is None:
        return fs, fe
    close = raw.find(")", fe)
    if close < 0 or any(fe <= x.core[0] < close for x in sc.exprs):
        return fs, fe
    paren = opened.start()
    m = _CONVERTED.search(raw, max(0, paren - 60), paren + 1)
    if m is None:
        return fs, fe
    return m.start(), m.start() + len(raw[m.start() : paren].rstrip())


_OPENED = re.compile(r"\(\s*(?:[A-Za-z]+\s+){0,2}\Z")
_CURRENCY_START = guarded(r"[$€£¥]|(?:USD|EUR|GBP|JPY|US\$)\b")
_SIDE_BY_SIDE = guarded(
    r"(?:[$€£¥]\s*)?\d[\d.,]*(?:\s*(?:mln|bln|million|billion|bn|mn|m|k|thousand))?\s*"
    r"(?:euro|euros|eur|EUR|marks|pounds|yen|crowns|kronor|markka|SEK|DKK|NOK|GBP)\s+\Z"
)


_FRAME = frozenset(
    """said says say told tells added adds noted notes stated states explained argued according
    quoted reported estimated""".split()
)
_PERFECT_PARTICIPLES = frozenset(
    """been risen fallen grown shown seen taken given done gone made paid sold bought won lost
    cut set put hit led kept held spent lent borrowed become begun""".split()
)
_STOCK_WORDS = frozenset(
    """is are remains remain stands stand totals total amounts amount holds hold owns own
    operates operate employs employ exceeds exceed accounts account represents represent
    comprises comprise claims claim runs run has have""".split()
)
_NO_CARRY = guarded(
    r"(?i)\b(?:since|subsequently|later|now|currently|presently|so\s+far|still|at\s+present"
    r"|to\s+date)\b"
)
_PAST_FORECAST_FRAME = guarded(
    r"(?i)\b(?:had|was|were)\s+(?:\w+\s+)?(?:expected|forecast|projected|predicted|estimated)\b"
    r"|\b(?:economists|analysts|forecasters|traders|dealers|market)\b[^;]*?\b(?:expected|forecast"
    r"|predicted|projected|estimated)\b|\bcalled\s+for\b"
)
_WORDS = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def _verb_tense(raw: str, cs: int, ce: int, fs: int, fe: int) -> str:
    """The tense of the verb that governs a figure: the nearest tense-bearing word before it in
    its clause (else after it), reporting frames ("X said") skipped: past, perfect, present,
    progressive, future, infinitive or "" when none."""
    before = list(_WORDS.finditer(raw, max(cs, fs - 90), fs))  # the nearest verb is close by
    after = list(_WORDS.finditer(raw, fe, min(ce, fe + 90)))
    words = before + after
    order = list(range(len(before) - 1, -1, -1)) + list(range(len(before), len(words)))
    for k in order:
        m = words[k]
        w = m.group().lower()
        if w in _FRAME:
            continue
        backwards = k < len(before)
        prev = words[k - 1].group().lower() if k > 0 and (k - 1 < len(before)) == backwards else ""
        nxt_m = words[k + 1] if k + 1 < len(words) and (k + 1 < len(before)) == backwards else None
        nxt = nxt_m.group().lower() if nxt_m is not None else ""
        if (
            backwards
            and w == "to"
            and nxt_m is not None
            and _infinitive(raw, m, nxt_m)
            and prev not in ("had", "has", "have", "was", "were", "is", "are", "used", "ought")
        ):
            return "infinitive"  # "was close to signing an agreement to buy 27 jets"
        if w.endswith("'s") and w[:-2] in ("it", "that", "there", "he", "she", "what"):
            return "present"
        if w in _FUTURE_VERBS:
            return "future"
        participle = w in _PAST_WORDS or w in _PERFECT_PARTICIPLES
        if participle or _regular_past(w, prev, nxt, raw[max(cs, m.start() - 2) : m.start()]):
            if prev in _FUTURE_VERBS:
                return "future"  # "will cut 28 jobs"
            if prev == "to":
                return "infinitive"
            if prev in _DETERMINERS or prev in ("be", "been", "being"):
                continue  # "the cut"; "will be held": the auxiliary before decides
            if nxt == "by" and prev not in ("was", "were", "had"):
                continue  # "parties led by the Socialists": a participle
            if prev in ("has", "have", "having"):
                return "perfect"
            return "past"
        if w in ("has", "have"):
            if nxt.endswith("ed") or nxt in _PERFECT_PARTICIPLES:
                return "perfect"
            return "present"
        if w in _STOCK_WORDS:
            before_word = _WORD_BEFORE.search(raw, cs, m.start())
            word = before_word.group(1).lower() if before_word else ""
            if not word:
                # "..., with total generation at": the clause is the "with" phrase's
                word = "with" if _WITH_END.search(raw, max(0, cs - 8), cs) else ""
            if word in _DETERMINERS or word in _lex().months or word[:1].isdigit():
                continue  # "the March total", "a claim", "..., with total generation": a noun
            return "progressive" if nxt.endswith("ing") else "present"
    return ""


_WORD_BEFORE = re.compile(r"([A-Za-z0-9]+)[^A-Za-z0-9]*\Z")
_DETERMINERS = frozenset("the a an its their his her our of total any no each every with".split())
_WITH_END = re.compile(r"(?i)\bwith\s*\Z")
_ED_ADJECTIVES = frozenset(
    """adjusted unadjusted expected estimated revised unrevised unchanged combined consolidated
    planned proposed projected related based owned listed quoted rated priced dated limited
    unlimited detailed required registered concerned interested united advanced diluted
    annualised annualized seasonally indexed linked guaranteed secured unsecured subordinated
    preferred need needed called so-called restricted skilled unemployed employed""".split()
)


def _infinitive(raw: str, to: re.Match[str], verb: re.Match[str]) -> bool:
    """Is "to" followed directly by a verb ("to buy 27"), not by a figure ("to 14.30 mln")?"""
    word = verb.group()
    lex = _lex()
    return (
        word.islower()
        and not raw[to.end() : verb.start()].strip()
        and word not in _DETERMINERS
        and word not in lex.numbers
        and word not in lex.year_nouns
        and word not in ("about", "around", "some", "nearly", "almost", "over", "under", "more")
    )


def _regular_past(word: str, prev: str, nxt: str, before: str) -> bool:
    """A regular past verb ("outweighed a 4.0 pct rise", "firmed to 670p"): an -ed word not
    used as an adjective ("a revised 3.60 mln", "unbilled revenues") nor as a participle after a
    comma (", followed by")."""
    return (
        len(word) > 5
        and word.endswith("ed")
        and word not in _ED_ADJECTIVES
        and prev not in _DETERMINERS
        and prev not in ("be", "been", "being", "is", "are", "a", "an", "the")
        and "," not in before
        and (nxt == "" or nxt in _CLAUSE_WORDS or nxt in _AFTER_VERB)
    )


_AFTER_VERB = frozenset(
    """up down back about around some nearly almost more less sharply slightly steadily
    strongly further only just""".split()
)


_FUTURE_VERBS = frozenset("will would shall could might may should can".split())


def _inherits(
    raw: str,
    cs: int,
    ce: int,
    fs: int,
    fe: int,
    carried: _Carry,
    env: _Env,
    projected: bool,
    sentence_past: bool,
) -> bool:
    """Does a figure continue the report of an earlier sentence? Only if its own verb is past
    ("Exports rose 5.2 pct"), not present, perfect or progressive ("its banks are showing",
    "has since raised"), not after "since", "subsequently", "now"; a projection only when a
    forecast is reported in the past ("economists had expected") or the carried period is still
    under way; never a period yet to come into what has happened."""
    start = carried.interval[0] or carried.interval[1]
    pub = env.published
    if carried.table and not projected:
        return True  # "NOTE: Net excludes gains of 386,000 dlrs vs 903,000 dlrs"
    if projected:
        if _PAST_FORECAST_FRAME.search(raw):
            return True
        # more of a forecast for the period under way: "predicted ... in the year ending March
        # 31" then "sales are expected to fall 40 pct"
        end = carried.interval[1]
        if (
            pub is not None
            and end is not None
            and start is not None
            and start > pub
            and (end - start).days >= 27
        ):
            return True  # the 2026 budget, then "nominal GDP is projected to reach ...": its year
        return (
            carried.forecast
            and pub is not None
            and end is not None
            and start is not None
            and start <= pub <= end
            and (end - start).days >= 27
        )
    end = carried.interval[1]
    tense: str | None = None  # the figure's verb, read only where it decides
    if (
        start is not None
        and end is not None
        and pub is not None
        and end >= pub
        and (end - start).days >= 360
    ):
        # a budget for the year under way or about to start: "Total expenditure is pegged at
        # ...", "Oil revenue has been set at ..." after "the budget for the fiscal year starting"
        tense = _verb_tense(raw, cs, ce, fs, fe)
        joined = _WITH_CLAUSE.search(raw, max(0, cs - 16), cs) if tense == "" else None
        # "Oil revenue has been set at ..., with average exports of 1.5 mln bpd": the budget
        # of the clause it hangs on
        budget_from = raw.rfind(",", 0, joined.start()) + 1 if joined is not None else cs
        if tense in ("present", "perfect", "") and _BUDGETED.search(raw, budget_from, fs):
            return True
    if carried.forecast:
        return False  # "will disclose later today ...": a plan's period is not what was done
    if pub is not None and start is not None and start > pub:
        return False
    if _NO_CARRY.search(raw, cs, fs):
        return False
    if tense is None:
        tense = _verb_tense(raw, cs, ce, fs, fe)
    if tense == "" and not sentence_past and _BARE_CHANGE.search(raw, cs, ce):
        return True  # a bullet with no verb: "Highlights - Order intake up 12% to €1.38 billion"
    return tense == "past" or (tense == "" and sentence_past)


_WITH_CLAUSE = re.compile(r"(?i),\s*(?:with|including)\s*\Z")
_BUDGETED = guarded(
    r"(?i)\b(?:is|are|has\s+been|have\s+been|was|were)\s+(?:now\s+)?(?:pegged|estimated|budgeted"
    r"|set|kept|projected|targeted|fixed|put|forecast)\s+(?:at|to)\b"
)
_BARE_CHANGE = guarded(r"(?i)\b(?:up|down)\s+(?:by\s+)?[-+]?\d[\d.,]*\s*(?:%|pc|pct|per\s*cent)")


def _fallback(_: object, modality: str, published: dt.date | None) -> Period:
    if modality != "projected" and published is not None:
        return Period(None, published, "", "publication")
    return UNKNOWN


def _anchored_env(sc: _Scan, raw: str, ex: _Expr, env: _Env, carried: _Carry | None) -> _Env:
    """What "the previous week", "a year earlier" or "the full year" shift from: the nearest
    period stated before them in the sentence, else the one carried from earlier sentences."""
    if not ex.anchored:
        return env
    before = [
        x
        for x in sc.exprs
        if x.end <= ex.start
        and x.role == "main"
        and not x.anchored
        and not x.table
        and not x.blocks_after
    ]
    if before:
        iv, explicit = _resolve(before[-1], env)
        if iv is not None:
            if before[-1].attributive and _inside(carried, iv):
                # "The February interim surplus" after "the first 20 days of February"
                assert carried is not None
                return _with_anchor(env, carried.interval, carried.explicit)
            return _with_anchor(env, iv, explicit)
    if carried is not None and carried.interval != (None, None):
        return _with_anchor(env, carried.interval, carried.explicit)
    return env


def _inside(carried: _Carry | None, iv: Interval) -> bool:
    if carried is None or None in carried.interval or None in iv:
        return False
    cs, ce = carried.interval
    s, e = iv
    assert cs is not None and ce is not None and s is not None and e is not None
    return s <= cs and ce <= e and (cs, ce) != (s, e)


def _day_env(ex: _Expr, env: _Env, context: _Carry | None) -> _Env:
    """A weekday resolves inside the week the story reports on ("on Thursday" in a story on the
    week to Wednesday, April 8, published on Thursday, April 9, is April 2)."""
    if not ex.weekday or context is None:
        return env
    return _with_anchor(env, context.interval, context.explicit)


def _with_anchor(env: _Env, iv: Interval, explicit: bool) -> _Env:
    return _env(env, anchor=iv, anchor_explicit=explicit)


def _year_earlier(main: _Carry) -> Period:
    p = main.period
    s, e = _shift(main.interval, months=-12)
    label = f"{p.label} (year earlier)" if p.label else "year earlier"
    if s is None and e is None:
        return Period(None, None, label, "unknown")
    return Period(s, e, label, p.basis if p.basis in ("explicit", "relative") else "relative")


def _same_main(
    sc: _Scan, raw: str, base: _Expr, main: _Expr | None, env: _Env, projected: bool
) -> bool:
    """Is an earlier base in the sentence compared with the same main period as this one?"""
    other = _choose(sc, raw, base.start, base.start, projected=projected)
    if other is None or main is None:
        return other is main
    return other is main or _resolve(other, env)[0] == _resolve(main, env)[0]


_REVISED = guarded(
    r"(?i)\b(?:rais|lower|cut|upgrad|downgrad|reduc|trimm|boost|adjust|chang|increas|hik|par)"
    r"\w*\b[^;]*\b(?:estimate|forecast|target|guidance|outlook|projection|prediction)s?\b"
    r"|\b(?:estimate|forecast|target|guidance|outlook|projection|prediction)s?\b[^;]*\b(?:was|were"
    r"|been|is|are)\s+(?:rais|lower|cut|upgrad|downgrad|reduc|revis|trimm)\w*"
)


_EARLIER_ESTIMATE = guarded(
    r"(?i)\b(?:earlier|preliminary|previously|originally|initial|unrevised|provisional)\b"
)


def _step_back(main: _Expr, main_period: _Carry) -> Period:
    """ "the four-week moving average rose to 737.1 billion from 736.8 billion": the base is
    the same average one step (a week, a month) earlier."""
    low = main.label.lower()
    iv = main_period.interval
    if "week" in low:
        iv = _shift(iv, days=-7)
    elif "day" in low:
        iv = _shift(iv, days=-1)
    else:
        iv = _shift(iv, months=-3 if "quarter" in low else -1)
    p = main_period.period
    return Period(iv[0], iv[1], p.label, p.basis)


def _base_against(ex: _Expr, got: Period, main: _Carry, env: _Env) -> Period:
    """A base's own period read against the period it is compared with: "16.6 pct last month"
    against "the 12 months to the end of February" is the 12 months to January; "24.5 pct to
    the end of February, 1986" against a 12-month span is the 12 months to then; "348 billion
    this year" against a year ending March 31, 1988 is the year ending March 31, 1987."""
    ms, me = main.interval
    if ms is None or me is None or got.end is None:
        return got
    if ex.kind == "month" and not ex.explicit and got.start is not None and got.start > ms:
        # "compared with a December figure" against January 1986: December 1985
        s, e = _shift((got.start, got.end), months=-12)
        return Period(s, e, got.label, got.basis)
    main_months = _months_of((ms, me))
    if ex.kind == "relyear" and main_months == 12 and ms.month != 1 and env.published:
        s = _containing_year(env.published, _Env(None, fiscal=(ms.month, "start")), True)
        s = _add_months(s, 12 * ex.shift)
        if s == ms:  # "from 125,313 dlrs reported last year" against the year just ended
            s = _add_months(s, -12)
        e = _add_months(s, 12) - dt.timedelta(days=1)
        return Period(s, e, got.label, got.basis)
    if got.start is None and ex.mode == "instant" and got.label.lower().startswith("to "):
        s, e = _ending(got.end, months=main_months)
        return Period(s, e, got.label, got.basis)
    if ex.kind == "rel" and got.start is not None and got.start <= me and got.end >= ms:
        # a relative base that overlaps the main period is the reading before it
        months = _months_of((got.start, got.end))
        if (got.start, got.end) != (ms, me) and months in (1, 3, 12):
            s, e = _shift((ms, me), months=-months)
            return Period(s, e, got.label, got.basis)
    return got


def _base_period(
    sc: _Scan,
    raw: str,
    fs: int,
    fe: int,
    marker_text: str,
    word: str,
    env: _Env,
    carried: _Carry | None,
    table: _Carry | None,
    projected: bool,
    story: _Carry | None = None,
) -> Period:
    """A comparison base ("from 1.97 billion in 1986", "vs 1.10 dlrs"): its own period, else
    the same period a year earlier for "vs", else unknown."""
    cs, ce = _clause_of(sc.clauses, fs)
    following = [
        x
        for x in sc.exprs
        if x.role in ("base", "main", "compare") and not x.table and fe <= x.start < ce
    ]
    own = []
    if following and _is_list_gap(raw[fe : following[0].start]):
        # not when the period starts another comparison: "from 472.3 mln and 22.3 pct
        # year-to-date to 1.15 billion"
        x = following[0]
        if _is_strong(raw[fe : x.start]) or not _NEW_TARGET.match(raw, x.end):
            own = [x]
    marker_pos = fs - len(marker_text)
    main = _choose(sc, raw, marker_pos, marker_pos, projected=projected)
    main_period: _Carry | None = None
    if main is not None:
        main_env = _anchored_env(sc, raw, main, env, carried)
        iv, explicit = _resolve(main, main_env)
        if iv is not None and main.attributive and _inside(carried, iv):
            main_period = carried  # "The February interim surplus" of the first 20 days
        elif iv is not None:
            main_period = _Carry(_period(main, main_env), iv, explicit)
    elif table is not None:
        main_period = table
    elif carried is not None:
        main_period = carried
    if not own:
        # written before the base inside the comparison: "from last year's 350 mln dlrs"
        m_start = fs - len(marker_text)
        own = [
            x
            for x in sc.exprs
            if x.role != "event" and not x.table and x.start >= m_start and x.end <= fs
        ]
    own = [x for x in own if x.mode not in ("start", "since")]  # when a change takes effect
    if own:
        ex = own[0]
        if word in ("vs", "versus") and ex.label.lower().startswith("prior"):
            return Period(None, None, ex.label, "unknown")  # "Qtly div 15 cts vs 15 cts prior qtr"
        if word in ("vs", "versus") and ex is main and main_period is not None:
            return _year_earlier(main_period)  # "nil vs 16.1 mln dlrs in quarter"
        if ex.anchored and main_period is not None:
            return _period(ex, _with_anchor(env, main_period.interval, main_period.explicit))
        got = _period(ex, _day_env(ex, env, story))
        if main_period is not None:
            return _base_against(ex, got, main_period, env)
        return got
    head = raw[cs:marker_pos]
    parallel = [x for x in sc.exprs if x.role == "base" and not x.table and x.end <= marker_pos]
    if parallel and _same_main(sc, raw, parallel[-1], main, env, projected):
        # "from 3.31 billion in January but imports fell to 1.74 billion from 2.41 billion"
        ex = parallel[-1]
        if ex.anchored and main_period is not None:
            return _period(ex, _with_anchor(env, main_period.interval, main_period.explicit))
        return _period(ex, env)
    if main_period is not None and _EARLIER_ESTIMATE.search(marker_text):
        return main_period.period  # "down from an earlier preliminary 1.3 pct rise"
    if main is not None and main.kind == "movavg" and main_period is not None:
        return _step_back(main, main_period)
    if (
        word == "from"
        and main_period is not None
        and (re.search(r"(?i)\b(?:revis|restat)", head) or _REVISED.search(head))
    ):
        return main_period.period  # "revised to X from Y", "restated ... to X from Y"
    if word in ("vs", "versus") and main_period is not None:
        if re.match(r"\s*(?:\w+\s+){0,2}prior\b", raw[fe : fe + 24]):
            return Period(None, None, "prior", "unknown")
        return _year_earlier(main_period)
    if re.match(r"\s*(?:\w+\s+){0,2}prior\b", raw[fe : fe + 24]):
        return Period(None, None, "prior", "unknown")
    if (
        word == "from"
        and env.published is not None
        and _verb_tense(raw, cs, ce, marker_pos, marker_pos) in ("future", "infinitive")
    ):  # "will increase its tax rate on April 1 to 15 pct from 11 pct": the rate now
        return Period(None, env.published, "", "publication")
    since = next((x for x in sc.exprs if x.mode == "since" and cs <= x.start < ce), None)
    if word == "from" and since is not None:
        # "raised its policy rate from 8.5% to 45% since June 2023": the rate in June 2023
        return _period(replace(since, mode="interval"), env)
    return UNKNOWN
