"""Length-preserving normalisation: every offset in the result is an offset in the input."""

from __future__ import annotations

_PAIRS = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
    "．": ".", "，": ",", "％": "%", "－": "-", "＋": "+", "／": "/", "：": ":",
    "［": "[", "］": "]", "（": "(", "）": ")", "～": "~", "＄": "$", "￥": "¥",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u3000": " ", "\t": " ",
    "\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2012": "-",
    "\ufe6a": "%", "\u066a": "%",
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},  # full-width A-Z
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},  # full-width a-z
}
_TABLE = str.maketrans(_PAIRS)


def normalize(text: str) -> str:
    """Map full-width digits/punctuation and odd spaces/dashes to ASCII, one char for one."""
    return text.translate(_TABLE)
