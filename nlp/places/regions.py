"""Regions of China written as such: 东部, 中西部地区, 西部10个省区市, "western China".

A region is a place as the text writes it (the shared convention), with no division code and
the lowest rank: any province, city or county named in the same clause is more specific.
"""

from __future__ import annotations

import re
from functools import cache

from nlp.lookahead import skipping
from nlp.places.villages import Locality
from nlp.resources import alternation, load_json


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = load_json("nlp.places", "regions.json")
    zh = re.compile(rf"(?:{alternation(words['zh'])})(?:{alternation(words['zh_tails'])})?")
    en = skipping(re.compile(rf"\b(?:{alternation(words['en_adjectives'])})\s+"  # opens with \b
                             rf"(?:{alternation(words['en_nouns'])})\b(?!['’]s)"))
    return zh, en


@cache
def _rules() -> tuple[str, tuple[str, ...]]:
    words = load_json("nlp.places", "regions.json")
    return words["zh_before_not"], tuple(words["zh_not_after"])


def find_regions(text: str, names_end: frozenset[int] = frozenset()) -> list[Locality]:
    """Regions in ``text``, left to right, as localities of level ``region``; ``names_end``
    are the ends of place names (湖南|西部 is a part of Hunan, not a region)."""
    if not text:
        return []
    zh, en = _patterns()
    before_not, not_after = _rules()
    out = []
    for m in zh.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        if before in before_not or m.start() in names_end or text.startswith(not_after, m.end()):
            continue
        out.append(Locality(m.start(), m.end(), m.group(), "", "region"))
    for m in en.finditer(text):
        out.append(Locality(m.start(), m.end(), "", m.group(), "region"))
    return sorted(out, key=lambda loc: loc.start)
