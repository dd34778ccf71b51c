"""find_quantities: numbers with their units, nouns, approximations and ranges."""

from __future__ import annotations

import math
import re

from nlp.lookahead import skipping
from nlp.quantities.blockers import blocked_spans, overlaps
from nlp.quantities.context import (
    Unit,
    approx_after,
    approx_before,
    currency_before,
    unit_after,
)
from nlp.quantities.fractions import find_fractions, merge
from nlp.quantities.model import Quantity
from nlp.quantities.normalize import normalize
from nlp.quantities.scan import RawNumber, scan
from nlp.settings import SETTINGS

_RANGE_SEP = re.compile(r" {0,2}(?:至|到|~|-|(?i:to|and)(?= )) {0,2}")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_HYPHEN_WORD = re.compile(r"-[A-Za-z]")
_HYPHEN_PROJECT = re.compile(r"-(?i:projects?)\b")  # "an 11-project package"
_HYPHEN_YUAN = re.compile(r"-(?i:yuan)\b")  # "a 3.1-million-yuan bridge"
_YEAR_PREP = re.compile(r"(?i:\b(?:in|since|from|by|of|during|until|till|before|after|year))"
                        r" $")
_CHANGE_FROM = re.compile(r"(?:从|由|(?i:\bfrom ))$")
_BETWEEN = re.compile(r"(?i:\bbetween )$|介于$|在$")
_NEGATIVE = skipping(re.compile(r"(?:[负負]|(?<![\w.,%)-])-|(?i:\b(?:minus|negative) ))$"))
_INNER_APPROX = re.compile(r"[余多来许]|\+(?!\d)")
_LABEL = skipping(re.compile(
    r"(?i:\b(?:group|no|nos|nr|article|section|chapter|table|figure|fig|phase|"
    r"item|part|step|page|pp?|vol|issue|room|line|level|grade|class)\.? ?)$"))
_PERCENT_OF = re.compile(r"(?i:\b(?:per ?cents?|percents?) of )$")


def find_quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """Every quantity in ``text``: numbers with unit, counted noun, approximation and range.

    Dates, years, times, ordinals, phone/record numbers, citation markers, versions, URLs
    and numbered names ("十四五") are left out. Never raises on odd input.
    """
    if not isinstance(text, str) or not text:
        return []
    norm = normalize(text)
    raws = list(scan(norm))
    blocked = blocked_spans(norm, [(r.start, r.end) for r in raws])
    linked = _LINKISH.search(norm) is not None
    found: list[Quantity] = []
    i = 0
    while i < len(raws):
        raw = raws[i]
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        used_next = _join_range(norm, raw, nxt)
        i += 2 if used_next else 1
        if overlaps(blocked, raw.start, raw.end) or (
                linked and _in_link(norm, raw.start, raw.end)):
            continue
        q = _resolve(text, norm, raw)
        if q is not None and (not found or q.start >= found[-1].end):
            found.append(q)
    rough = _colloquial(text, norm)
    if rough:  # 千把人 read as a plain 千 gives way to the rough figure
        found = [f for f in found if not any(r.start < f.end and f.start < r.end for r in rough)]
    return merge(found, find_fractions(text, norm) + rough)


# 万把块钱, 千把人: "about ten thousand", "a thousand or so"
_ROUGH = re.compile(r"(?<![0-9一二三四五六七八九十百千万亿两几])(?P<scale>[十百千万])把"
                    r"(?=块|元|人|个|户|名)")
_ROUGH_SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def _colloquial(text: str, norm: str) -> list[Quantity]:
    out = []
    for m in _ROUGH.finditer(norm) if "把" in norm else ():
        unit = unit_after(norm, m.end(), m.start())
        if unit.unit is None:
            continue
        end = max(m.end(), unit.end)
        out.append(Quantity(m.start(), end, text[m.start():end],
                            float(_ROUGH_SCALE[m.group("scale")]), _fact_unit(unit), approx=True,
                            currency=unit.currency, noun=unit.noun, noun_end=unit.noun_end))
    return out


_LINKISH = re.compile(r"://|www\.|@")  # what _in_link looks for, anywhere in the text


def _in_link(norm: str, start: int, end: int) -> bool:
    """True inside a long URL or e-mail address (short ones are caught by the blockers)."""
    lo = start
    while lo > 0 and start - lo < 400 and not norm[lo - 1].isspace() and norm[lo - 1] not in "，。":
        lo -= 1
    hi = end
    while hi < len(norm) and hi - end < 400 and not norm[hi].isspace() and norm[hi] not in "，。":
        hi += 1
    token = norm[lo:hi]
    return "://" in token or "www." in token or "@" in token


def _year_like(raw: RawNumber) -> bool:
    return (raw.kind in ("arabic", "chinese") and not raw.grouped and raw.scale == 1
            and raw.value.is_integer() and 1900 <= raw.value <= 2100 and raw.high is None)


def _join_range(norm: str, raw: RawNumber, nxt: RawNumber | None) -> bool:
    """Turn "3至5万" / "30 to 50" / "3000万-5000万" into one ranged number in ``raw``."""
    if nxt is None or raw.high is not None or raw.percent_scale is not None:
        return False
    sep = _RANGE_SEP.match(norm, raw.end)
    if sep is None or sep.end() != nxt.start or nxt.high is not None:
        return False
    word = sep.group().strip().lower()
    before = norm[max(0, raw.start - 12): raw.start]
    if word == "and" and not _BETWEEN.search(before):
        return False
    if _CHANGE_FROM.search(before) or (_year_like(raw) and not _year_like(nxt)):
        return False
    low = raw.value * (nxt.scale if raw.scale == 1 else 1)
    if not low < nxt.value or unit_after(norm, raw.end).unit is not None:
        return False
    raw.value, raw.high, raw.end = low, nxt.value, nxt.end
    raw.scale = nxt.scale
    raw.approx = raw.approx or nxt.approx
    return True


def _resolve(text: str, norm: str, raw: RawNumber) -> Quantity | None:
    """Read the context of one number; None when it is not a quantity."""
    start, end = raw.start, raw.end
    before = norm[start - 1] if start else " "
    after = norm[end] if end < len(norm) else " "
    if raw.kind != "words" and (before.isascii() and before.isalpha()):
        return None  # "G20", "A2021"
    if norm[max(0, start - 3): start].rstrip().endswith("第"):
        return None  # 第一书记, 第3期
    if not raw.grouped and _LABEL.search(norm[max(0, start - 10): start]):
        return None  # Group 1, No. 3, Table 2
    hyphen = _HYPHEN_PROJECT.match(norm, end)
    if hyphen and raw.kind != "chinese":
        return Quantity(start, hyphen.end(), text[start:hyphen.end()], raw.value, "projects",
                        noun=text[end + 1:hyphen.end()], noun_end=hyphen.end())
    money = _HYPHEN_YUAN.match(norm, end)
    if money and raw.kind != "chinese":
        return Quantity(start, money.end(), text[start:money.end()], raw.value, "yuan",
                        approx=raw.approx, currency="CNY")
    if _ORDINAL.match(norm, end) or _HYPHEN_WORD.match(norm, end):
        return None  # 27th, three-level, 30-day
    if raw.kind == "arabic" and (after.isascii() and after.isalnum()):
        return None  # 5G, 3D
    approx, low_bound, high_bound = raw.approx, False, False
    if _INNER_APPROX.match(norm, end) and raw.kind != "words":
        approx, end = True, end + 1  # 1万多, 一百二十多, 1000余
    unit = unit_after(norm, end, start)
    if unit.unit in ("date", "id"):
        return None
    if unit.percent_factor == 10 and not 0 < raw.value <= 10:
        unit = Unit(None, end)  # 成 reads as tenths only for 一成..十成
    if unit.unit is None and _PERCENT_OF.search(norm[max(0, start - 12): start]):
        pct = _PERCENT_OF.search(norm[max(0, start - 12): start])
        assert pct is not None
        unit, start = Unit("percent", end), start - len(pct.group())  # per cent of 210
    if unit.measure in ("年", "周年") and _year_like(raw):
        return None  # 2023年
    value = raw.value
    if raw.percent_scale is not None:
        unit = Unit("percent", end) if unit.unit not in ("percent", "percentage_points") else unit
        value *= raw.percent_scale
    value *= unit.percent_factor
    end = max(end, unit.end)
    currency = unit.currency
    pre = currency_before(norm, start)
    if pre is not None and unit.unit not in ("percent", "percentage_points"):
        if unit.unit not in ("yuan", "foreign_currency"):
            unit.unit, currency = pre[1], pre[2]
            end = raw.end
        if unit.unit == pre[1]:
            start = pre[0]
    post = approx_after(norm, end)
    if post is not None:
        end, approx = post[0], True
        low_bound, high_bound = post[1] == "low", post[1] == "high"
    pre_approx = approx_before(norm, start)
    if pre_approx is not None:
        start, approx = pre_approx[0], True
        low_bound, high_bound = pre_approx[1] == "low", pre_approx[1] == "high"
    elif start and norm[start - 1] == "上" and norm[start] in "百千万萬":
        start, approx, low_bound = start - 1, True, True  # 上万人
    neg = _NEGATIVE.search(norm[max(0, start - 9): start])
    negative = bool(neg and unit.unit != "foreign_currency" and pre_approx is None
                    and raw.high is None)
    if neg and negative:
        start, value = start - len(neg.group()), -value
    if not _is_quantity(raw, unit, approx, text[raw.start: raw.end], negative):
        return None
    if not math.isfinite(value) or (raw.high is not None and not math.isfinite(raw.high)):
        return None
    value = _tidy(value)
    low = value if raw.high is not None or low_bound else None
    high = _tidy(raw.high) if raw.high is not None else (value if high_bound else None)
    noun_end = unit.noun_end if unit.noun_end is not None else None
    return Quantity(
        start=start, end=end, text=text[start:end], value=value, unit=_fact_unit(unit),
        approx=approx, low=low, high=high, currency=currency, noun=unit.noun,
        noun_end=max(noun_end, end) if noun_end is not None else None,
    )


def _fact_unit(unit: Unit) -> str | None:
    return unit.unit


def _tidy(value: float) -> float:
    """Drop float noise from scaling ("1,100.9亿" -> 110090000000.0, not ...00002)."""
    return float(f"{value:.15g}") if abs(value) < 1e15 else float(round(value))


def _is_quantity(raw: RawNumber, unit: Unit, approx: bool, written: str,
                 negative: bool = False) -> bool:
    """Rules for bare numbers: which look like counts and which like words, years or IDs."""
    if (raw.kind == "arabic" and not raw.grouped and raw.scale == 1
            and sum(c.isdigit() for c in written) > SETTINGS.quantities.max_bare_digits):
        return False  # phone, record or account numbers
    if unit.unit is not None or raw.percent_scale is not None:
        return True
    if approx and raw.kind != "chinese":
        return True
    if raw.kind == "chinese":
        if not raw.has_digit or raw.high is not None:
            return False  # 千万 (must), 三四 (third/fourth)
        if len(written.strip()) == 1:
            return False  # 一是, 四川: a lone numeral character is a word
        return True
    if raw.kind == "words":
        return written.lower() != "one" or negative
    return not _year_like(raw)
