"""Development zones, new areas and named areas found by pattern: 万盛经开区, 巴县新区, 三岩片区,
"Dalong Economic and Technological Development Zone", "Mingtian New Area".

A zone is a place of its own below the county (level ``town``): its figures are the zone's,
and 全区 or "the development zone" refers back to it. The name is kept as written; a generic
modifier alone (国家级开发区, 该新区, "the new area") is no name.
"""

from __future__ import annotations

import re

from nlp.lookahead import skipping
from nlp.places.romanize import is_pinyin
from nlp.places.scan import common_words
from nlp.places.villages import Locality, name_before
from nlp.spans import SpanIndex

_ZH_ZONE = skipping(re.compile(
    r"(?:经济技术开发区|经济开发区|经开区|高新技术产业开发区|高新区|开发区|新区|片区)"))
# 国家级开发区, 省级新区, 各开发区: a kind of zone, not its name.
_ZH_GENERIC = ("国家级", "省级", "市级", "县级", "国家", "各", "该", "本", "全", "新", "所在",
               "城市", "城区", "工业", "产业", "农业", "经济", "高新", "科技", "综合", "重点")
_PROPER = ("ns", "nz", "nr", "nt")  # a stem that is a common word must be a proper noun
_EN_ZONE = skipping(re.compile(  # nlp.lookahead: it opens with \b
    r"\b([A-Z][a-z]+(?:['’-][a-z]+)*)(?: ([A-Z][a-z]+(?:['’-][a-z]+)*))? "
    r"(?:Economic and Technological Development Zone|Economic[- ]Technological Development "
    r"Zone|Economic Development Zone|Development Zone|High-[Tt]ech Zone|Industrial Park|"
    r"Industrial Zone|New Area|New District|new area|industrial park|development zone)\b"))
# literals first, so that re scans for their first characters itself
_EN_QUICK = re.compile(r"(?:Zone|zone|Area|area|Park|park|District)\b")
_EN_STOP = frozenset("The This That A An National Provincial State Local Its Each Every New "
                     "Economic Industrial Development China Chinese".split())


def find_zones(text: str, floors: list[tuple[int, int]]) -> list[Locality]:
    """Named zones in Chinese and English, outside ``floors`` (spans already taken)."""
    out = _chinese_zones(text, floors)
    if _EN_QUICK.search(text):
        out += _english_zones(text)
    return sorted(out, key=lambda loc: loc.start)


def _chinese_zones(text: str, floors: list[tuple[int, int]]) -> list[Locality]:
    out: list[Locality] = []
    taken: SpanIndex | None = None
    for m in _ZH_ZONE.finditer(text):
        k = m.start()
        taken = taken or SpanIndex(floors)
        last = out[-1].end if out else 0
        floor = max(taken.last_end(k, last), last)
        if taken.covers(k):
            continue
        start = name_before(text, k, floor, _generic_zone)
        if start is not None:
            out.append(Locality(start, m.end(), text[start:m.end()], "", "town"))
    return out


def _generic_zone(stem: str) -> bool:
    """国家级开发区, 该新区, 配套产业园区: a kind of zone, not its name."""
    return (stem.endswith(_ZH_GENERIC) or stem.startswith(_ZH_GENERIC[:9])
            or common_words().get(stem, "ns")[:2] not in _PROPER)


def _english_zones(text: str) -> list[Locality]:
    out: list[Locality] = []
    for m in _EN_ZONE.finditer(text):
        first, second = m.group(1), m.group(2)
        start = m.start(1)
        if second and first in _EN_STOP:
            first, start, second = second, m.start(2), None
        name = f"{first} {second}" if second else first
        if first in _EN_STOP or (second and second in _EN_STOP) or not is_pinyin(name):
            continue
        out.append(Locality(start, m.end(), "", text[start:m.end()], "town"))
    return out
