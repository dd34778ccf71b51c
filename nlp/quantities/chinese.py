"""Chinese numerals, plain, financial (大写) and mixed with Arabic digits: "4.8亿", "一百二十"."""

from __future__ import annotations

import re
from dataclasses import dataclass

DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "倆": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}
POINTS = "点點"
VAGUE = "几幾"  # "二十几万": an unknown digit
INNER_APPROX = "余多"  # "20余万", "一千多万"

NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# Pairs of adjacent digits that name a vague range: "两三百" (200-300), "三五个" (3-5).
_RANGE_PAIRS = {(a, a + 1) for a in range(1, 9)} | {(3, 5)}


@dataclass
class Parsed:
    value: float
    approx: bool = False
    high: float | None = None  # set for "两三百"-style ranges (value is then the low end)


def _tokens(text: str) -> list[tuple[str, float | str]] | None:
    """Split into ("num", v), ("cn", digit), ("small", 10), ("big", 1e4), ("point", ".")..."""
    out: list[tuple[str, float | str]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isdigit() or (ch == "." and i + 1 < len(text) and text[i + 1].isdigit()):
            m = _ARABIC.match(text, i) if ch != "." else re.compile(r"\.\d+").match(text, i)
            if m is None:
                return None
            out.append(("num", float(m.group().replace(",", ""))))
            i = m.end()
            continue
        if ch in DIGITS:
            out.append(("cn", DIGITS[ch]))
        elif ch in SMALL_UNITS:
            out.append(("small", SMALL_UNITS[ch]))
        elif ch in BIG_UNITS:
            out.append(("big", BIG_UNITS[ch]))
        elif ch in POINTS:
            out.append(("point", ch))
        elif ch in VAGUE:
            out.append(("vague", 0))
        elif ch in INNER_APPROX:
            out.append(("approx", ch))
        elif ch != " ":
            return None
        i += 1
    return out


def _integer(tokens: list[tuple[str, float | str]]) -> tuple[float, bool] | None:
    """Value of an integer part (may hold Arabic numbers, units and vague digits)."""
    total = 0.0
    section = 0.0
    number: float | None = None
    number_is_cn = False
    last_big: float | None = None
    prev_kind = ""
    prev_unit = 0.0
    approx = False
    for kind, val in tokens:
        if kind in ("cn", "num", "vague"):
            if number is not None:
                return None
            if kind == "cn" and val == 0:  # 零 is a place holder
                prev_kind = "zero"
                continue
            number = float(val)
            number_is_cn = kind != "num"
            approx = approx or kind == "vague"
        elif kind == "small":
            if number is None:
                if prev_kind not in ("", "big", "zero"):
                    return None
                number = 1.0
            section += number * float(val)
            number = None
            prev_unit = float(val)
        elif kind == "big":
            if number is not None:
                section += number
                number = None
            if section == 0 and (prev_kind != "big" or total == 0):
                return None
            if last_big is None or float(val) >= last_big:
                total = (total + section) * float(val)
            else:
                total += section * float(val)
            section = 0.0
            last_big = float(val)
            prev_unit = float(val)
        elif kind == "approx":
            if prev_kind not in ("small", "num", "cn"):
                return None
            approx = True
            continue
        prev_kind = kind if not (kind == "cn" and val == 0) else "zero"
    if number is not None:
        if number_is_cn and prev_kind == "cn" and prev_unit and _last_two(tokens):
            number *= prev_unit / 10  # "一千三" = 1300, "九万四" = 94000
        section += number
    return total + section, approx


def _last_two(tokens: list[tuple[str, float | str]]) -> bool:
    """True when the final digit follows a unit directly ("一千三"), not after 零."""
    return len(tokens) >= 2 and tokens[-2][0] in ("small", "big")


def parse_chinese(text: str) -> Parsed | None:
    """Value of a Chinese or mixed numeral ("二十六", "1.029万", "两三百"); None if not one."""
    tokens = _tokens(text)
    if not tokens:
        return None
    kinds = [k for k, _ in tokens]
    if all(k == "cn" for k in kinds) and len(tokens) > 1:
        return _digit_string(tokens)
    pair = _range_pair(tokens)
    if pair is not None:
        low = _parse_tokens(tokens[:pair] + tokens[pair + 1:])
        high = _parse_tokens(tokens[: pair - 1] + tokens[pair:])
        if low is None or high is None:
            return None
        return Parsed(low.value, True, high.value)
    return _parse_tokens(tokens)


def _parse_tokens(tokens: list[tuple[str, float | str]]) -> Parsed | None:
    kinds = [k for k, _ in tokens]
    if "point" in kinds:
        at = kinds.index("point")
        whole = _integer(tokens[:at]) if at else None
        if whole is None:
            return None
        rest = tokens[at + 1:]
        digits = ""
        while rest and rest[0][0] == "cn":
            digits += str(int(rest[0][1]))
            rest = rest[1:]
        if not digits or any(k != "big" for k, _ in rest):
            return None
        value = whole[0] + float("0." + digits)
        for _, unit in rest:
            value *= float(unit)
        return Parsed(value, whole[1])
    whole = _integer(tokens)
    if whole is None:
        return None
    return Parsed(whole[0], whole[1])


def _range_pair(tokens: list[tuple[str, float | str]]) -> int | None:
    """Index of the second digit of a "两三百"-style pair followed by a unit, if any."""
    for i in range(1, len(tokens) - 1):
        a, b = tokens[i - 1], tokens[i]
        if a[0] == b[0] == "cn" and (int(a[1]), int(b[1])) in _RANGE_PAIRS:
            if tokens[i + 1][0] in ("small", "big"):
                return i
    return None


def _digit_string(tokens: list[tuple[str, float | str]]) -> Parsed | None:
    """"二〇二三" reads digit by digit; "三四" is a vague range 3-4; others are not numbers."""
    digits = [int(v) for _, v in tokens]
    if len(digits) == 2 and (digits[0], digits[1]) in _RANGE_PAIRS:
        return Parsed(float(digits[0]), True, float(digits[1]))
    if 0 in digits:
        return Parsed(float("".join(map(str, digits))))
    return None
