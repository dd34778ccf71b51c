"""English number words: "twenty-six", "one hundred and twenty", "four", "five million"."""

from __future__ import annotations

import re

from nlp.lookahead import skipping

UNITS = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {
    "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "crore": 1e7,
}
# Scales written after digits: "1.029 million", "10 bln", "40k".
DIGIT_SCALES = {
    **SCALES, "k": 1e3, "K": 1e3, "M": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "bn": 1e9,
    "bln": 1e9, "b": 1e9, "tn": 1e12, "tln": 1e12, "trn": 1e12,
}
_WORDS = sorted([*UNITS, *TEENS, *TENS, *SCALES], key=len, reverse=True)


def _by_first_letter(words: list[str]) -> str:
    """``words`` as one alternation grouped by first letter, longest first in each group: the
    regex engine then tries one group per position instead of every word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    alternatives = (f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())
    return "(?:" + "|".join(alternatives) + ")"


WORD = _by_first_letter(_WORDS)
# A run of number words joined by spaces, hyphens or "and"; split into numbers by parse_words.
WORD_RUN = rf"\b{WORD}(?:(?:[ ]*-[ ]*|[ ]+|[ ]+(?:and|point)[ ]+){WORD})*\b"
_TOKEN = skipping(re.compile(rf"\b(?:and|point)\b|{WORD}", re.IGNORECASE))


def parse_words(run: str, offset: int = 0) -> list[tuple[int, int, float]]:
    """Split a run of number words into numbers: [(start, end, value)], offsets into ``run``."""
    found: list[tuple[int, int, float]] = []
    state = _State()
    for m in _TOKEN.finditer(run):
        word = m.group().lower()
        if word == "and":
            state.pending_and = m.start()
            continue
        if word == "point":
            if state.start is not None and state.decimals is None:
                state.decimals = ""
            continue
        if state.decimals is not None and word not in SCALES:
            state.decimals += str(int(UNITS.get(word, TEENS.get(word, TENS.get(word, 0)))))
            if word in TENS:
                state.decimals = state.decimals[:-1]  # "seventy-one" -> "71"
            state.end = m.end()
            continue
        if not state.accepts(word):
            if state.start is not None:
                found.append(state.result())
            state = _State()
        state.add(word, m.start(), m.end())
    if state.start is not None:
        found.append(state.result())
    return [(s + offset, e + offset, v) for s, e, v in found]


class _State:
    """A number being read word by word."""

    def __init__(self) -> None:
        self.start: int | None = None
        self.end = 0
        self.total = 0.0  # closed by thousand/million/...
        self.group = 0.0  # below a thousand
        self.last = ""  # "unit", "teen", "tens", "hundred", "scale"
        self.last_scale = float("inf")
        self.pending_and: int | None = None
        self.decimals: str | None = None  # digits read after "point"

    def accepts(self, word: str) -> bool:
        if self.start is None:
            return True
        if self.decimals is not None:
            return False
        if self.pending_and is not None and self.last not in ("hundred", "scale"):
            return False  # "one and two" are two numbers
        if word in UNITS:
            return self.last in ("tens", "hundred", "scale") and UNITS[word] != 0
        if word in TEENS or word in TENS:
            return self.last in ("hundred", "scale")
        if word == "hundred":
            return self.last in ("unit", "teen", "tens") and self.group < 100
        value = SCALES[word]
        return self.last != "scale" and value < self.last_scale and (self.group or self.total)

    def add(self, word: str, start: int, end: int) -> None:
        if self.start is None:
            self.start = start
        self.end = end
        self.pending_and = None
        if word in UNITS or word in TEENS or word in TENS:
            self.group += UNITS.get(word, TEENS.get(word, TENS.get(word, 0)))
            self.last = "unit" if word in UNITS else "teen" if word in TEENS else "tens"
        elif word == "hundred":
            self.group = (self.group or 1) * 100
            self.last = "hundred"
        else:
            value = SCALES[word]
            self.total += (self.group or 1) * value
            self.group = 0.0
            self.last = "scale"
            self.last_scale = value

    def result(self) -> tuple[int, int, float]:
        assert self.start is not None
        value = self.total + self.group
        if self.decimals:
            value += float("0." + self.decimals)
        return self.start, self.end, value
