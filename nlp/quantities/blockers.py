"""Spans that hold digits but no quantity: URLs, e-mails, dates, times, phone and record
numbers, citation markers, version numbers and numbered names ("十四五")."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from nlp.lookahead import skipping
from nlp.prefilter import Alternation
from nlp.quantities.lexicon import lexicon
from nlp.resources import alternation
from nlp.settings import SETTINGS

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_PATTERNS = [
    r"(?i:\b(?:https?://|ftp://|www\.)[^\s<>\"'，。）)\]]+)",  # URLs
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
    r"(?i:\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|org|net|gov|edu|int)\b)",  # bare domains
    r"(?<![\d.])(?:19|20)\d\d ?[-/.] ?\d{1,2}(?: ?[-/.] ?\d{1,2})?(?![\d.])",  # 2024-09-29
    r"(?<![\d.])(?:19|20)\d\d ?年 ?\d{1,2} ?月(?: ?\d{1,2} ?[日号])?",  # 2024年9月29日
    r"(?<![\d,.])\d{1,2}/\d{1,2}/(?:19|20)?\d\d(?!\d)",  # 5/17/2018
    r"(?<![\d.])(?:19|20)\d\d ?(?:-|~|至|到|to) ?(?:(?:19|20)\d\d|\d\d)"
    r"(?![\d%]|[,.]\d| ?[万亿千百人元户个名项])"
    r"(?! ?(?:people|yuan|households|persons|projects|jobs|percent))",  # year ranges 2021-25
    r"(?<![\d.])\d{1,2} ?月 ?\d{1,2} ?[日号]",  # 7月23日
    r"(?<![\d.:])\d{1,2}:\d{2}(?::\d{2})?(?![\d])",  # 04:33
    rf"\b{_MONTHS} ?\d{{1,2}}(?:st|nd|rd|th)?\b(?:, ?(?:19|20)\d\d)?",  # Oct 29, 2020
    rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTHS}(?:,? (?:19|20)\d\d)?",  # 29 October 2020
    rf"\b{_MONTHS},? (?:19|20)\d\d\b",  # June 2022
    r"(?i:(?:tel|phone|fax|hotline|电话|传真|手机|热线|邮编|QQ)[:.]? ?\+?[\d() -]{4,}\d)",
    r"(?<!\d)\+?(?:86[ -])?\(?0\d{2,3}\)?[ -]\d{7,9}(?!\d)",  # 020-81789645
    r"(?<![\d.])1[3-9]\d{9}(?!\d)",  # mobile numbers
    r"(?:备|证|第|编号|号码|字) ?\[?\d[\d-]*号?",  # 湘公网安备 43010402001229号, ICP备...
    r"[〔\[(【]\d{4}[〕\])】] ?\d+ ?号",  # 〔2023〕12号
    r"\[\d+(?:[,-]\d+)*\]|【\d+】",  # citation markers [1]
    r"(?i:\bv(?:ersion|er\.?)? ?\d+(?:\.\d+)+)",  # version 2.1, v1.2
    r"(?<![\d.])\d+\.\d+\.\d+(?:\.\d+)*",  # 1.2.3, IP addresses
    r"[A-Za-z]+-\d+",  # COVID-19, SCP-173
]


# Rarer kinds, searched only where a cheap test finds a hint of them.
_RARE_QUICK = skipping(re.compile(
    r"\d-\d|热线|专线|(?i:hotline)|至少|(?i:at least one)|户[一1]人|123\d\d|拨打|致电|岁|"
    r"(?i:aged|year-old|years? old)"))
_RARE = skipping(re.compile(
    r"(?<![\d.])\(?0\d{2,3}\)?-\d{5,9}(?![\d.])"  # 0951-12345 (area code, short line)
    r"|(?<![\d.])\d{5,6}(?= ?(?:政务|便民|服务|投诉|举报|监督|咨询)*(?:热线|专线)|(?i: ?hotline))"
    r"|(?<=拨打)\d{3,6}|(?<=致电)\d{3,6}"  # 拨打12345反映问题: a service number
    # a bare 123xx service line (12345, 12333) with no unit after it
    r"|(?<![\d.,])123\d\d(?![\d.,%％]|\s?[万亿千百人元户个名项次家]|\s?(?i:people|persons|yuan|"
    r"households|residents|workers|projects|jobs|positions|percent)\b)"
    # ages: "aged 46", "aged 40 to 55", "a 46-year-old", "46 years old", 46岁, 16-59周岁
    r"|(?i:\baged\s+(?:between\s+)?\d{1,3}(?:\s*(?:to|-|–|and)\s*\d{1,3})?\b)"
    r"|(?i:\b\d{1,3}-year-olds?\b|\b\d{1,3}\s+years?\s+old\b)"
    r"|(?<![\d.])\d{1,3}(?:\s*(?:-|–|至|到|~|～)\s*\d{1,3})?\s*周?岁"
    r"|至少有?[一1]人|[一每]户(?:至少)?[一1]人"  # 每户至少一人: a rule, not a count
    r"|(?i:at least one (?:family )?(?:person|member|worker|labou?rer))"
))


@cache
def _blockers() -> Alternation:
    return Alternation([*_PATTERNS, rf"(?i:{alternation(lexicon().names)})"])


def blocked_spans(norm: str, near: list[tuple[int, int]] | None = None
                  ) -> tuple[list[int], list[int]]:
    """Sorted starts and ends of the blocked spans of a normalised text.

    With ``near`` (sorted number spans) only windows around those numbers are searched, so
    long texts with few numbers cost little.
    """
    windows = [(0, len(norm))] if near is None else _windows(near, len(norm))
    if not windows:
        return [], []
    found: dict[int, int] = {}
    blockers = _blockers()
    branches = blockers.runnable(norm)  # the blockers whose literals the text holds
    rare = _RARE_QUICK.search(norm) is not None
    for lo, hi in windows:
        for m in blockers.finditer(norm, lo, hi, branches):
            if m.end() > m.start() and found.get(m.start(), -1) < m.end():
                found[m.start()] = m.end()
        for m in _RARE.finditer(norm, lo, hi) if rare else ():
            if found.get(m.start(), -1) < m.end():
                found[m.start()] = m.end()
    starts: list[int] = []
    ends: list[int] = []
    for start in sorted(found):
        if ends and start < ends[-1]:  # windows may cut a span short: keep the longest
            ends[-1] = max(ends[-1], found[start])
            continue
        starts.append(start)
        ends.append(found[start])
    return starts, ends


def _windows(near: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in near:
        reach = SETTINGS.quantities.blocker_reach
        lo, hi = max(0, start - reach), min(size, end + reach)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def overlaps(spans: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps a blocked span (spans come sorted by start)."""
    starts, ends = spans
    i = bisect_right(starts, end - 1)
    # Blocked spans never nest much, so checking a few before ``end`` is enough.
    for j in range(max(0, i - 3), i):
        if ends[j] > start:
            return True
    return False
