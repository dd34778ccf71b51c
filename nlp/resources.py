"""Rule data shipped as package data: each concept package keeps its files in ``data/``
(``nlp/metrics/data/metric_cues.json``), read once via importlib.resources."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from nlp.lookahead import skipping


def read_text(package: str, name: str) -> str:
    """The text of ``data/<name>`` inside ``package`` (``"nlp.quantities"``)."""
    return resources.files(package).joinpath("data", name).read_text(encoding="utf-8")


@cache
def load_json(package: str, name: str) -> dict[str, Any]:
    """A JSON file from ``data/`` of ``package``: ``load_json("nlp.metrics", "nouns.json")``."""
    return json.loads(read_text(package, name))


def data_path(package: str, name: str) -> str:
    """A filesystem path to a data file (for libraries that want a path, e.g. jieba)."""
    return str(resources.files(package).joinpath("data", name))


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first so the longest cue wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def ordered_alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of ``words`` in the order written (the data file's order decides
    which of two words sharing a beginning is tried first)."""
    return "|".join(re.escape(w) for w in words)


def word_regex(words: list[str] | tuple[str, ...], lang: str) -> re.Pattern[str]:
    """Match any of ``words``; English words start at a word boundary and match as prefixes
    ("employ" finds "employment") unless they end in ``$`` (a whole word: "work$")."""
    if lang != "en":
        return re.compile(f"(?:{alternation(words)})")
    parts = sorted({w for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w[:-1]) + "(?![A-Za-z])" if w.endswith("$") else re.escape(w)
                    for w in parts)
    # nlp.lookahead: the lookbehind leaves re no prefix to scan for
    return skipping(re.compile(rf"(?<![A-Za-z])(?:{body})", re.I))
