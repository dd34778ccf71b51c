"""Pinyin for town and village names, and a check that a Latin word is pinyin."""

from __future__ import annotations

import re
from functools import cache

from nlp.resources import read_text

_MAX_SYLLABLE = 6


@cache
def char_readings() -> dict[str, str]:
    """One toneless reading per CJK character (``data/char_pinyin.tsv``)."""
    text = read_text("nlp.places", "char_pinyin.tsv")
    return dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)


@cache
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, with ü also spelt u and v."""
    out: set[str] = set()
    for syl in char_readings().values():
        out |= {syl, syl.replace("ü", "u"), syl.replace("ü", "v")}
    return frozenset(out)


def romanize(chinese: str) -> str:
    """Capitalised pinyin of a name, with an apostrophe before an a/o/e syllable."""
    readings = char_readings()
    out = ""
    for ch in chinese:
        syl = readings.get(ch)
        if syl is None:
            continue
        out += ("'" if out and syl[0] in "aoe" else "") + syl
    return out[:1].upper() + out[1:]


def is_pinyin(word: str) -> bool:
    """True when ``word`` (letters, apostrophes, hyphens, spaces) splits into pinyin syllables."""
    parts = [p for p in re.split(r"[\s'’\-]+", word.lower()) if p]
    return bool(parts) and all(_splits(p) for p in parts)


def _splits(word: str) -> bool:
    known = syllables()
    ok = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        for size in range(1, min(_MAX_SYLLABLE, end) + 1):
            if ok[end - size] and word[end - size:end] in known:
                ok[end] = True
                break
    return ok[-1]
