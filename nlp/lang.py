"""Which script a text or sentence is written in."""

from __future__ import annotations

import re

from nlp.settings import SETTINGS

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")  # runs: counted by length
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# A Latin letter, case-folded as re folds it: a cheap test before any English rule.
LATIN_LETTER = re.compile(r"(?i:[a-z])")


def _han_count(text: str) -> int:
    return sum(map(len, _HAN.findall(text)))


def script_of(text: str) -> str:
    """``"zh"`` when Han characters outweigh English words in ``text``, else ``"en"``."""
    words = len(_LATIN_WORD.findall(text))
    if not words:  # no English word: any Han character outweighs none
        return "zh" if _HAN.search(text) else "en"
    han = _han_count(text)
    return "zh" if han and han >= words else "en"


def detect_lang(text: str) -> str:
    """``"zh"``, ``"en"`` or ``"mixed"`` (both scripts carry whole lines of content)."""
    if not text:
        return "en"
    zh_lines = en_lines = 0
    han_total = word_total = 0
    for line in text.splitlines():
        han = _han_count(line)
        words = len(_LATIN_WORD.findall(line))
        han_total += han
        word_total += words
        if han >= words and han >= SETTINGS.document.content_line_min_han:
            zh_lines += 1
        elif words > han and words >= SETTINGS.document.content_line_min_words:
            en_lines += 1
    if zh_lines and en_lines:
        return "mixed"
    if zh_lines:
        return "zh"
    if en_lines:
        return "en"
    return "zh" if han_total and han_total >= word_total else "en"
