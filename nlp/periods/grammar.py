"""Find period expressions in a sentence and resolve them against a reference date.

Roles: ``period`` (what a figure refers to), ``comparison`` (the base of a comparison, never
a fact's period: "than that in 2019", 比去年同期), ``target`` ("annual target of", 年度目标:
the current year), ``to_date`` ("to date", 截至目前: the reference year).

The rules (pattern templates, handler names and roles) live in ``data/grammar.toml``; the
vocabularies they are built from in ``data/periods.json``. This module holds the handlers
that turn a match into a :class:`Period`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass

from nlp.lookahead import skipping
from nlp.periods.dates import RefDate
from nlp.periods.model import (
    Period,
    half_period,
    months_period,
    year_period,
    years_period,
)
from nlp.prefilter import Prefilter
from nlp.resources import alternation, load_json, read_text
from nlp.settings import SETTINGS

_W = load_json("nlp.periods", "periods.json")
_MONTHS: dict[str, int] = _W["months_en"]
_NUMBER_WORDS: dict[str, int] = _W["number_words_en"]
_ORDINALS: dict[str, int] = _W["ordinals_en"]
_ZH_NUM: dict[str, int] = _W["numerals_zh"]
_FYP: dict[str, int] = {k: int(v) for k, v in _W["five_year_plan_start"].items()}
_REL_EN: dict[str, int] = _W["relative_years_en"]
_REL_ZH: dict[str, int] = _W["relative_years_zh"]


@dataclass
class PeriodMention:
    """A period expression at ``start``-``end`` of the sentence."""

    start: int
    end: int
    text: str
    period: Period | None
    role: str = "period"


Handler = Callable[[re.Match[str], RefDate | None], Period | None]


def _num(token: str | None) -> int | None:
    if not token:
        return None
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _NUMBER_WORDS.get(token) or _ORDINALS.get(token) or _ZH_NUM.get(token)


def _month(token: str | None) -> int | None:
    if not token:
        return None
    return int(token) if token.isdigit() else _MONTHS.get(token.lower().rstrip("."))


def _context_year(m: re.Match[str], ref: RefDate | None, month: int | None = None) -> int | None:
    groups = m.groupdict()
    if groups.get("y"):
        return int(groups["y"])
    rel = groups.get("rel")
    if rel and rel != "the year":
        delta = _REL_EN.get(rel.lower(), _REL_ZH.get(rel, 0))
        return ref.year + delta if ref else None
    if ref is None:
        return None
    if month and ref.month and month > ref.month:
        return ref.year - 1
    return ref.year


def _year(m: re.Match[str], ref: RefDate | None) -> Period | None:
    year = _context_year(m, ref)
    return year_period(year) if year else None


def _year_range(m: re.Match[str], ref: RefDate | None) -> Period | None:
    first, last = m.group("y1"), m.group("y2")
    end = int(first[:2] + last) if len(last) == 2 else int(last)
    return years_period(int(first), end)


def _five_year_plan(m: re.Match[str], ref: RefDate | None) -> Period | None:
    n = _num(m.group("n"))
    start = _FYP.get(str(n))
    return years_period(start, start + 4) if start else None


def _plan_since(m: re.Match[str], ref: RefDate | None) -> Period | None:
    """"十四五"以来, "since the start of the 14th Five-Year Plan": from the plan's first year
    to the reference year, which may lie past the plan's end ("十三五"以来 in 2023)."""
    plan = _five_year_plan(m, ref)
    written = m.group(0)
    since = written[:5].lower() == "since" or written.rstrip("”\"").endswith("来")
    if plan is None or ref is None or not since:
        return plan
    start = int(plan.start[:4])
    return years_period(start, max(start, ref.year))


def _half(m: re.Match[str], ref: RefDate | None) -> Period | None:
    year = _context_year(m, ref)
    which = (m.groupdict().get("which") or "first").lower()
    return half_period(year, 2 if which in ("second", "下") else 1) if year else None


def _h_number(m: re.Match[str], ref: RefDate | None) -> Period | None:
    return half_period(int(m.group("y")), int(m.group("h")))


def _quarter(m: re.Match[str], ref: RefDate | None) -> Period | None:
    q = _num(m.group("q"))
    year = _context_year(m, ref)
    if not year or not q or not 1 <= q <= 4:
        return None
    return months_period(year, 3 * q - 2, year, 3 * q)


def _first_quarters(m: re.Match[str], ref: RefDate | None) -> Period | None:
    q = _num(m.group("q"))
    year = _context_year(m, ref)
    return months_period(year, 1, year, 3 * q) if year and q and q <= 4 else None


def _first_months(m: re.Match[str], ref: RefDate | None) -> Period | None:
    n = _num(m.group("n"))
    year = _context_year(m, ref, n)
    return months_period(year, 1, year, n) if year and n and n <= 12 else None


def _to_month(m: re.Match[str], ref: RefDate | None) -> Period | None:
    month = _month(m.group("m"))
    year = _context_year(m, ref, month)
    return months_period(year, 1, year, month) if year and month else None


def _month_range(m: re.Match[str], ref: RefDate | None) -> Period | None:
    g = m.groupdict()
    m1, m2 = _month(g.get("m1")), _month(g.get("m2"))
    if m1 is None and g.get("y1") and g.get("y2"):
        m1 = 1  # 2016年至2020年10月底: from the start of the first year
    y1 = int(g["y1"]) if g.get("y1") else None
    y2 = int(g["y2"]) if g.get("y2") else None
    if y1 is None and y2 is None:
        y1 = y2 = _context_year(m, ref, m2)
    y1 = y1 or y2
    y2 = y2 or y1
    return months_period(y1, m1, y2, m2) if y1 and m1 and m2 else None


def _one_month(m: re.Match[str], ref: RefDate | None) -> Period | None:
    month = _month(m.group("m"))
    year = int(m.group("y"))
    return months_period(year, month, year, month) if month else None


def _since(m: re.Match[str], ref: RefDate | None) -> Period | None:
    year = _context_year(m, ref)
    if year is None:
        return None
    return years_period(year, max(year, ref.year)) if ref else year_period(year)


def _since_month(m: re.Match[str], ref: RefDate | None) -> Period | None:
    """"since January", 自1月以来, "since August 2023": from that month to the reference month."""
    month = _month(m.group("m"))
    if ref is None or month is None:
        return None
    year = _context_year(m, ref, month)
    if ref.month is None or year is None:
        return year_period(ref.year)
    return months_period(year, month, ref.year, ref.month)


def _reference_year(m: re.Match[str], ref: RefDate | None) -> Period | None:
    return year_period(ref.year) if ref else None


def _nothing(m: re.Match[str], ref: RefDate | None) -> Period | None:
    return None


def _relative_month(m: re.Match[str], ref: RefDate | None) -> Period | None:
    """"by the end of last month": from January to the month before publication."""
    if ref is None or ref.month is None:
        return None
    month = ref.month - 1 if m.group("rel").lower() == "last" else ref.month
    if month < 1:
        return year_period(ref.year - 1)
    return months_period(ref.year, 1, ref.year, month)


def _recent_years(m: re.Match[str], ref: RefDate | None) -> Period | None:
    """近三年, 过去五年, "the past five years": the years up to the last one the report can
    speak of whole; before July that is the year before publication."""
    n = _num(m.group("n")) if m.groupdict().get("n") else 1  # "the past year"
    if ref is None or not n or n > 30:
        return None
    early = ref.month is not None and ref.month <= SETTINGS.periods.recent_cutoff_month
    last = ref.year - 1 if early else ref.year
    return years_period(last - n + 1, last)


_HANDLERS: dict[str, Handler] = {
    "month_range": _month_range, "year_range": _year_range, "plan_since": _plan_since,
    "half": _half, "nothing": _nothing, "first_quarters": _first_quarters,
    "quarter": _quarter, "first_months": _first_months, "to_month": _to_month, "year": _year,
    "since": _since, "since_month": _since_month, "one_month": _one_month,
    "reference_year": _reference_year, "recent_years": _recent_years,
    "relative_month": _relative_month,
}
_ROLES = frozenset({"period", "to_date", "target"})
_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z_]*)\}")


def _vocabulary_placeholders() -> dict[str, str]:
    """Regex alternations built from the vocabularies of periods.json."""
    return {
        "M": alternation(list(_MONTHS)),
        "CAP_MONTH": rf"(?-i:(?:{alternation([k.capitalize() for k in _MONTHS])}))",
        "NUMW": alternation(list(_NUMBER_WORDS)),
        "ORD": alternation(list(_ORDINALS)),
        "REL_EN": alternation(list(_REL_EN)),
        "REL_ZH": alternation(list(_REL_ZH)),
        "TO_DATE_EN": alternation(_W["to_date_en"]),
        "TO_DATE_ZH": alternation(_W["to_date_zh"]),
        "TARGET_EN": alternation(_W["target_en"]),
        "TARGET_ZH": alternation(_W["target_zh"]),
    }


def expand(template: str, names: dict[str, str]) -> str:
    """``template`` with each ``{NAME}`` replaced (regex quantifiers like {1,2} stay)."""
    return _PLACEHOLDER.sub(lambda m: names[m.group(1)], template)


def load_grammar(text: str | None = None) -> dict[str, list[tuple[re.Pattern[str], Handler, str]]]:
    """The compiled rules per language from ``grammar.toml`` (``text`` overrides the file)."""
    data = tomllib.loads(text if text is not None else read_text("nlp.periods", "grammar.toml"))
    names = _vocabulary_placeholders()
    for name, template in data["fragments"].items():
        names[name] = expand(template, names)
    compiled: dict[str, list[tuple[re.Pattern[str], Handler, str]]] = {}
    for code in ("en", "zh"):
        flags = re.I if data[code]["ignore_case"] else 0
        rules = []
        for rule in data[code].get("rule", []):
            if rule["role"] not in _ROLES or rule["handler"] not in _HANDLERS:
                raise ValueError(f"period rule {rule['pattern']!r}: unknown role or handler")
            rules.append((re.compile(expand(rule["pattern"], names), flags),
                          _HANDLERS[rule["handler"]], rule["role"]))
        compiled[code] = rules
    return compiled


_RULES = load_grammar()
# each rule looks ahead for the characters its matches start with (same matches, faster scans)
_COMPILED = {code: [(skipping(pattern), handler, role) for pattern, handler, role in rules]
             for code, rules in _RULES.items()}
# the strings each rule's matches must hold: a rule is tried only on sentences that hold them
PREFILTERS = {code: Prefilter([pattern for pattern, _, _ in rules])
              for code, rules in _RULES.items()}
_COMPARE_BEFORE_EN = skipping(re.compile(
    r"(?:(?:compared|comparison)\s+(?:to|with)|than|over|against|relative\s+to|versus|vs\.?|"
    r"from)\s+(?:(?:that|those|the\s+level|the\s+figure|the\s+number)\s+)?(?:(?:in|of|for)\s+)?"
    r"(?:the\s+same\s+period\s+(?:(?:in|of|last)\s+)?)?(?:the\s+end\s+of\s+)?$"
    r"|the\s+same\s+period\s+(?:in|of)\s+$", re.I,
))
_COMPARE_BEFORE_ZH = re.compile(rf"(?:{alternation(_W['comparison_before_zh'])})\s*$")
_COMPARE_AFTER_ZH = re.compile(rf"^\s*(?:{alternation(_W['comparison_after_zh'])})")
_DIGIT = re.compile(r"\d")
# Words of a period, case-sensitive ("year" or "Year", never an re.I alternation): all literals,
# so the regex engine skips to the characters that can start one.
_CAPITALISED = ("year", "half", "quarter", "since", "months", "mid-", "target", "task", "date",
                "so far", "thus far", "until now", "currently", "at present", "as of now",
                "up to now", "five-year")
_PERIOD_WORDS = (
    "年", "月", "季度", "十三五", "十四五", "十五五", "目前", "眼下", "迄今", "至今", "截至",
    "截止", "目标", "任务", *_CAPITALISED, *(w.capitalize() for w in _CAPITALISED),
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    "YEAR", "HALF", "QUARTER", "SINCE", "FIVE-YEAR", "Five-Year")
_QUICK = re.compile("|".join(re.escape(w) for w in _PERIOD_WORDS))


def may_hold_period(text: str) -> bool:
    """Cheap test before the full scan: a digit (found fastest alone), else a period word."""
    return bool(_DIGIT.search(text) or _QUICK.search(text))


def _h_groups(m: re.Match[str]) -> Period | None:
    y = m.group("y") or m.group("y_")
    h = m.group("h") or m.group("h_")
    return half_period(int(y), int(h)) if y and h else None


# "是去年外出务工人数的105.05%", "占“十三五”规划任务的46%": the period names the base a share
# or a ratio is taken of.
_BASE_OF_SHARE = re.compile(r"(?:是|为|占|相当于|达到)\s*$")
_BASE_TAIL = re.compile(r"[^，,。；;：:]{0,24}?的\s*[\d一二三四五六七八九十百]")
_BOOK_TITLE = re.compile(r"《[^》\n]{1,60}》")


# "will ... in two years": a span ahead, not the years just past.
_IN_YEARS = re.compile(r"(?i:in\s+\S+\s+years)$")
_FUTURE = skipping(re.compile(
    r"(?i:\b(?:will|would|plans?|aims?|expected|going\s+to|is\s+to|are\s+to)\b)"))


def _role(text: str, start: int, end: int, role: str) -> str:
    if role != "period":
        return role
    if _IN_YEARS.match(text[start:end]) and _FUTURE.search(text):
        return "target"
    if _BASE_OF_SHARE.search(text, max(0, start - 4), start) and _BASE_TAIL.match(text, end):
        return "comparison"
    before, after = (text[max(0, start - SETTINGS.periods.comparison_before):start],
                     text[end:end + SETTINGS.periods.comparison_after])
    if _COMPARE_BEFORE_EN.search(before) or _COMPARE_BEFORE_ZH.search(before):
        return "comparison"
    if _COMPARE_AFTER_ZH.search(after):
        return "comparison"
    return role


def find_periods(text: str, ref: RefDate | None, lang: str = "en") -> list[PeriodMention]:
    """Period expressions in ``text``, left to right, without overlaps (longest first)."""
    if not text or not may_hold_period(text):
        return []
    langs = ("zh", "en") if lang == "mixed" else (lang if lang in _COMPILED else "en",)
    rules = [_COMPILED[code][i] for code in langs for i in PREFILTERS[code].runnable(text)]
    found: list[tuple[int, int, re.Match[str], Handler, str]] = []
    for pattern, handler, role in rules:
        for match in pattern.finditer(text):
            if match.end() > match.start():
                found.append((match.start(), match.end(), match, handler, role))
    titles = [m.span() for m in _BOOK_TITLE.finditer(text)] if "《" in text else []
    found = [f for f in found if not any(a < f[0] and f[1] < b for a, b in titles)]
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    mentions: list[PeriodMention] = []
    last_end = -1
    for start, end, match, handler, role in found:
        if start < last_end:
            continue
        try:
            period = _h_groups(match) if handler is _nothing and role == "period" else (
                handler(match, ref))
        except (ValueError, KeyError, TypeError, IndexError):
            period = None
        if role == "period" and period is None and not match.groupdict().get("rel"):
            continue  # not a period after all (e.g. "May" without a year)
        mentions.append(PeriodMention(start, end, match.group(0), period,
                                      _role(text, start, end, role)))
        last_end = end
    return mentions
