"""Traditional-character text (overseas copies of Chinese wire stories) read as simplified.

The rules and vocabularies are written in simplified characters, so a traditional text gets
the right values but the wrong metrics and places. OpenCC (the reference converter, with its
phrase tables) converts it before reading; conversion keeps every offset (a phrase that would
change length is converted character by character), so facts point into the original text.
A text is converted only when it is written in traditional characters: simplified text that
happens to hold a character OpenCC would touch is left alone.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

MIN_CHANGED = 3  # characters a conversion changes before a text counts as traditional
MIN_SHARE = 0.01  # ... and their share of the text's Han characters
_HAN = re.compile(r"[\u4e00-\u9fff]")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _aligned(text: str) -> str:
    """``text`` in simplified characters, character for character."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c) == 1 else ch for ch, c in
                   ((ch, _converter().convert(ch)) for ch in text))


def simplified(text: str) -> str | None:
    """The simplified form of a traditional-character text (same length), or None when the
    text is not written in traditional characters."""
    if not text or not _HAN.search(text):
        return None
    converted = _aligned(text)
    if converted == text:
        return None
    changed = sum(map(str.__ne__, text, converted))  # characters the conversion changed
    if changed < MIN_CHANGED or changed < MIN_SHARE * len(_HAN.findall(text)):
        return None
    return converted
