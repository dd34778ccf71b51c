"""Rule data shipped in ``nlp/patterns/`` (package data), read once via importlib.resources."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> dict[str, Any]:
    """A JSON file from ``nlp/patterns``."""
    text = resources.files("nlp").joinpath("patterns", name).read_text(encoding="utf-8")
    return json.loads(text)


def pattern_path(name: str) -> str:
    """A filesystem path to a pattern file (for libraries that want a path, e.g. jieba)."""
    return str(resources.files("nlp").joinpath("patterns", name))


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first so the longest cue wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def word_regex(words: list[str] | tuple[str, ...], lang: str) -> re.Pattern[str]:
    """Match any of ``words``; English words start at a word boundary and match as prefixes
    ("employ" finds "employment") unless they end in ``$`` (a whole word: "work$")."""
    if lang != "en":
        return re.compile(f"(?:{alternation(words)})")
    parts = sorted({w for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w[:-1]) + "(?![A-Za-z])" if w.endswith("$") else re.escape(w)
                    for w in parts)
    return re.compile(rf"(?<![A-Za-z])(?:{body})", re.I)
