"""Language of a text from the shares of Han characters and Latin letters."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# A Chinese character carries about as much as an English word.
_ZH_MIN_SHARE = 0.8
_EN_MAX_SHARE = 0.2


def detect_lang(text: str) -> str:
    """``"zh"``, ``"en"`` or ``"mixed"`` (also for text without letters of either script)."""
    han = len(_HAN.findall(text or ""))
    words = len(_LATIN_WORD.findall(text or ""))
    if han + words == 0:
        return "mixed"
    share = han / (han + words)
    if share >= _ZH_MIN_SHARE:
        return "zh"
    if share <= _EN_MAX_SHARE:
        return "en"
    return "mixed"
