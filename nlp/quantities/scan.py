"""Find bare numbers (Arabic, Chinese, mixed, English words) with one compiled regex."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from nlp.lang import LATIN_LETTER
from nlp.lookahead import skipping
from nlp.quantities.chinese import BIG_UNITS, DIGITS, NUMERAL_CHARS, parse_chinese
from nlp.quantities.english import DIGIT_SCALES, SCALES, WORD_RUN, parse_words

_CN = re.escape(NUMERAL_CHARS)
_CN_DIGIT = re.escape("".join(d for d in DIGITS if d not in "两兩倆"))
_INT = r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?: \d{3})+(?!\d)|\d+"
_NUM = rf"(?:(?:{_INT})(?:\.\d+)?|(?<![\w.])\.\d+)"
_SEP = " {0,2}"
_CORE = (
    rf"(?:{_NUM}|[{_CN}])"
    rf"(?:(?<=[{_CN}点點余多几幾]){_SEP}(?:{_NUM}|[{_CN}])"
    rf"|(?<=\d){_SEP}[{_CN}]"
    rf"|{_SEP}[余多几幾](?={_SEP}[{_CN}])"
    rf"|(?<=[{_CN}]){_SEP}[点點](?={_SEP}[{_CN_DIGIT}]))*"
)
# The lookahead names every character a number can start with: the engine skips the rest
# without trying the number's alternatives there (the same matches, several times faster).
_DIGITS = (rf"(?=[\d.{_CN}百佰千仟万萬])"
           rf"(?P<frac>[百佰千仟万萬]{_SEP}分{_SEP}之{_SEP})?(?P<core>{_CORE})")
# With number words beside them, nlp.lookahead adds the letters they start with.
NUMBER_RE = skipping(re.compile(rf"{_DIGITS}|(?P<en>(?i:{WORD_RUN}))"))
# Where no Latin letter is, no number word can be: digits and numerals alone are looked for.
_DIGITS_RE = re.compile(_DIGITS)
_ARABIC_ONLY = re.compile(rf"{_NUM}")
_SCALE_WORDS = "|".join(sorted(SCALES, key=len, reverse=True))
_CASED_SCALES = "|".join(sorted((k for k in DIGIT_SCALES if k not in SCALES), key=len,
                                reverse=True))
# "3.1-million-yuan" (a hyphenated adjective) and "128m yuan" (m before a currency word).
_DIGIT_SCALE_RE = re.compile(
    rf"(?:(?:[ -]?(?i:{_SCALE_WORDS}))+|[ ]?(?:{_CASED_SCALES})|m(?=[ -]?(?:yuan|RMB|元)))"
    r"(?![A-Za-z0-9])"
)
_FRACTION_SCALE = {"百": 1.0, "佰": 1.0, "千": 0.1, "仟": 0.1, "万": 0.01, "萬": 0.01}


@dataclass
class RawNumber:
    """A number before its context is read."""

    start: int
    end: int
    value: float
    kind: str  # "arabic", "chinese" (any CJK numeral char), "words"
    approx: bool = False
    high: float | None = None
    scale: float = 1.0  # the scale written with it (万, million): carried across ranges
    percent_scale: float | None = None  # set for 百分之 (1.0), 千分之 (0.1)...
    grouped: bool = False  # written with thousands separators
    has_digit: bool = True  # for Chinese: holds a digit, not only units ("千万")


def scan(norm: str, pos: int = 0) -> Iterator[RawNumber]:
    """Every number in a normalised text, left to right, from ``pos``."""
    # a number word starts with a Latin letter (case-folded too)
    numbers = NUMBER_RE if LATIN_LETTER.search(norm, pos) else _DIGITS_RE
    for m in numbers.finditer(norm, pos):
        if m.lastgroup == "en":
            for s, e, v in parse_words(m.group("en"), m.start("en")):
                if norm[s:e].split()[0].lower() not in SCALES:  # "Hundred Day Action"
                    yield _with_digit_scale(norm, RawNumber(s, e, v, "words"))
            continue
        raw = _core(norm, m.start("core"), m.end("core"))
        if raw is None:
            continue
        if raw.end < m.end("core") and raw.kind == "arabic" and raw.scale == 1:
            yield raw  # "667.123 五点八": the Arabic part, then what follows it
            yield from scan(norm[: m.end("core")], raw.end)
            continue
        frac = m.group("frac")
        if frac:
            raw.start = m.start()
            raw.percent_scale = _FRACTION_SCALE[frac[0]]
        yield raw


def _core(norm: str, start: int, end: int) -> RawNumber | None:
    text = norm[start:end]
    whole = _ARABIC_ONLY.fullmatch(text)
    if whole:
        clean = text.replace(",", "").replace(" ", "")
        raw = RawNumber(start, end, float(clean), "arabic", grouped=clean != text)
        return _with_digit_scale(norm, raw)
    parsed = parse_chinese(text)
    if parsed is None and norm[start - 1: start] == "上" and all(c in "百千万萬亿億" for c in text):
        parsed = parse_chinese("一" + text)  # 上万, 上千: "tens of thousands"
    if parsed is None:
        lead = _ARABIC_ONLY.match(text)
        return _core(norm, start, start + lead.end()) if lead else None
    raw = RawNumber(start, end, parsed.value, "chinese", parsed.approx, parsed.high)
    raw.scale = _trailing_scale(text)
    raw.has_digit = (any(c in DIGITS or c.isdigit() for c in text) or text[0] in "十拾"
                     or norm[start - 1: start] == "上")
    return raw


def _trailing_scale(text: str) -> float:
    """Product of the scale words after the last digit: "5千万" -> 1e7, "5" -> 1."""
    scale = 1.0
    for ch in reversed(text.rstrip()):
        if ch in BIG_UNITS:
            scale *= BIG_UNITS[ch]
        elif ch in "千仟":
            scale *= 1000
        elif ch != " ":
            break
    return scale


def _with_digit_scale(norm: str, raw: RawNumber) -> RawNumber:
    """Extend "1.029" over " million", "40" over "k"."""
    m = _DIGIT_SCALE_RE.match(norm, raw.end)
    if m is None:
        return raw
    scale = 1.0
    for word in m.group().replace("-", " ").split():
        scale *= 1e6 if word == "m" else DIGIT_SCALES.get(word, DIGIT_SCALES.get(word.lower(), 1.0))
    if raw.kind == "words" and raw.value >= 1000 and scale == 100:
        return raw
    raw.value *= scale
    raw.scale = scale
    raw.end = m.end()
    return raw
