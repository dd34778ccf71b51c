"""Fractions written in words are percentages: "about a quarter of" -> 25, "more than half"
-> 50, 一半以上 -> 50, 三分之一 -> 33.3 (approximate: not exact), 四分之一 -> 25.

Like 成 (近三成 -> 30), the approximation words around them (about, more than, 近, 以上) make
the figure approximate.
"""

from __future__ import annotations

import re

from nlp.lookahead import skipping
from nlp.quantities.context import approx_after, approx_before
from nlp.quantities.model import Quantity

_EN_PARTS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
             "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
             "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
_EN_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_EN = skipping(re.compile(  # nlp.lookahead: it opens with a lookbehind
    r"(?<![\w-])(?:(?P<count>a|one|two|three|four|five|six|seven|eight|nine)[ -]"
    r"(?P<part>half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
    r"|(?P<half>half))(?= (?:of|the|their|its|all)\b)",
    re.I,
))
# "one in every three people", "one out of five": a share written as a ratio.
_EN_RATIO = skipping(re.compile(  # nlp.lookahead: it opens with a lookbehind
    r"(?<![\w-])(?P<n>one|two|three|\d)\s+(?:in|out\s+of)\s+(?:every\s+)?"
    r"(?P<d>two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b(?!\s*(?:%|percent))", re.I))
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}
_ZH = skipping(re.compile(  # nlp.lookahead: re finds no prefix for a group's class
    r"(?P<den>[二三四五六七八九十])分之(?P<num>[一二三四五六七八九])|一半|半数|过半"))
# A cheap test before the fractions: a fraction word (written out case by case, so that re
# scans for the first letters itself), else a ratio's " in ... " or " out of ".
_QUICK_WORDS = re.compile("|".join(
    w for part in ("half", "third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth",
                   "tenth") for w in (part.capitalize(), part)) + "|HALF|分之|一半|半数|过半")
_IN_WORD = re.compile(r" in \w+ ")  # "one in every three", "one in five"
_QUICK_ZH = re.compile(r"分之|一半|半数|过半")  # all the test finds in a text without Latin letters
_LATIN = re.compile(r"[A-Za-z]")


def _may_hold_fraction(norm: str) -> bool:
    if not _LATIN.search(norm):
        return _QUICK_ZH.search(norm) is not None
    return bool(_QUICK_WORDS.search(norm) or " out of " in norm
                or (" in " in norm and _IN_WORD.search(norm)))


def _percent(numerator: int, denominator: int) -> tuple[float, bool]:
    value = 100 * numerator / denominator
    exact = abs(value - round(value, 1)) < 1e-9
    return round(value, 1), not exact


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else _EN_COUNT.get(word.lower())


def _quantity(text: str, norm: str, start: int, end: int, value: float, approx: bool
              ) -> Quantity:
    after = approx_after(norm, end)
    if after is not None:
        end, approx = after[0], True
    before = approx_before(norm, start)
    if before is not None:
        start, approx = before[0], True
    return Quantity(start, end, text[start:end], value, "percent", approx=approx)


def find_fractions(text: str, norm: str) -> list[Quantity]:
    """Fractions in words in ``text`` (``norm`` is its normalised form, same offsets)."""
    if not _may_hold_fraction(norm):
        return []
    found = []
    for m in _EN.finditer(norm):
        if m.group("half"):
            value, approx = 50.0, False
        else:
            count = _EN_COUNT[m.group("count").lower()]
            parts = _EN_PARTS[m.group("part").lower()]
            if count >= parts or (count > 1) != m.group("part").lower().endswith("s"):
                continue  # "one thirds", "two third"
            value, approx = _percent(count, parts)
        found.append(_quantity(text, norm, m.start(), m.end(), value, approx))
    for m in _EN_RATIO.finditer(norm):
        num, den = _count(m.group("n")), _count(m.group("d"))
        if num and den and num < den:
            value, approx = _percent(num, den)
            found.append(_quantity(text, norm, m.start(), m.end(), value, approx))
    for m in _ZH.finditer(norm):
        if m.group("den"):
            den, num = _ZH_DIGITS[m.group("den")], _ZH_DIGITS[m.group("num")]
            if num >= den:
                continue
            value, approx = _percent(num, den)
        else:
            value, approx = 50.0, m.group() == "过半"
        found.append(_quantity(text, norm, m.start(), m.end(), value, approx))
    return found


def merge(found: list[Quantity], extra: list[Quantity]) -> list[Quantity]:
    """``found`` plus the ``extra`` quantities that overlap none of them, in text order."""
    if not extra:
        return found
    def overlap(a: Quantity, b: Quantity) -> bool:
        return a.start < b.end and b.start < a.end

    # a number read inside a fraction ("三分之一是" as 一) gives way to the fraction
    found = [f for f in found if not any(overlap(f, q) for q in extra) or (
        f.unit is not None and not any(q.start < f.start for q in extra if overlap(f, q)))]
    kept = [q for q in extra if not any(overlap(q, f) for f in found)]
    return sorted(found + kept, key=lambda q: q.start)
