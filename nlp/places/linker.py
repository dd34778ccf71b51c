"""Link every place named in a document: divisions by dictionary, towns and villages by pattern.

Ambiguous names (Yichun: 宜春 in Jiangxi or 伊春 in Heilongjiang) go to the candidate whose
prefecture, else province, is named elsewhere in the document by an unambiguous mention;
failing that, to the higher level, then the lower code (deterministic).
"""

from __future__ import annotations

import bisect
import re

from nlp.places.gazetteer import gazetteer, sort_codes
from nlp.places.model import Place, PlaceMention
from nlp.places.scan import Hit, scan_chinese, scan_english
from nlp.places.villages import Locality, find_chinese, find_english

_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s)")
_ENCLOSED_BY = re.compile(r"\s*(?:,\s*|\s(?:in|of)\s+)(?:the\s+)?")
_ADJACENT = re.compile(r"\s*")
_PARENT_LEVELS = ("county", "prefecture")


def _resolve(hits: list[Hit]) -> list[str]:
    """One code per hit, using the unambiguous mentions of the document as context."""
    unique = {h.codes[0] for h in hits if len(h.codes) == 1}
    prefectures = {c[:4] for c in unique if c[2:4] != "00"}
    provinces = {c[:2] for c in unique}
    chosen = []
    for hit in hits:
        ranked = sort_codes(hit.codes)
        best = max(ranked, key=lambda c: (c[2:4] != "00" and c[:4] in prefectures,
                                          c[:2] in provinces, -ranked.index(c)))
        chosen.append(best)
    return chosen


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _gaps(hits: list[Hit], n: int) -> list[tuple[int, int]]:
    gaps, pos = [], 0
    for hit in hits:
        gaps.append((pos, hit.start))
        pos = hit.end
    gaps.append((pos, n))
    return gaps


def link_places(text: str, lang: str | None = None) -> list[PlaceMention]:
    """Every place mention in ``text``, left to right, non-overlapping, longest match.

    ``lang`` is accepted for symmetry with the extractor; both scripts are always scanned.
    """
    if not isinstance(text, str) or not text:
        return []
    gaz = gazetteer()
    hits = sorted(scan_chinese(text) + scan_english(text), key=lambda h: h.start)
    codes = _resolve(hits)
    divisions = [(h.start, h.end, gaz.places[c]) for h, c in zip(hits, codes, strict=True)]
    localities = find_chinese(text, [(h.start, h.end) for h in hits])
    for lo, hi in _gaps(hits, len(text)):
        localities += find_english(text, lo, hi)
    localities.sort(key=lambda loc: loc.start)
    starts = _sentence_starts(text)
    items: list[tuple[int, int, Place]] = list(divisions)
    for loc in localities:
        parent = _parent_of(text, loc, items, divisions, starts)
        items.append((loc.start, loc.end,
                      Place(None, loc.name_zh, loc.name_en, loc.level, parent)))
        items.sort(key=lambda item: item[0])
    return [PlaceMention(s, e, text[s:e], place) for s, e, place in items]


def _enclosing_code(place: Place) -> str | None:
    if place.code is None:
        return place.parent_code if place.level == "town" else None
    return place.code if place.level in _PARENT_LEVELS else None


def _parent_of(text: str, loc: Locality, items: list[tuple[int, int, Place]],
               divisions: list[tuple[int, int, Place]], starts: list[int]) -> str | None:
    """The county (else prefecture) the text puts a town or village in."""
    for start, _end, place in divisions:  # "Ganxi Village, Baojing County"
        if start >= loc.end:
            if _ENCLOSED_BY.fullmatch(text, loc.end, start) and _enclosing_code(place):
                return _enclosing_code(place)
            break
    sentence_start = starts[bisect.bisect_right(starts, loc.start) - 1]
    before = [item for item in items if sentence_start <= item[0] and item[1] <= loc.start]
    if before and _ADJACENT.fullmatch(text, before[-1][1], loc.start):
        code = _enclosing_code(before[-1][2])
        if code:
            return code  # 保靖县干溪村, 三都镇十八洞村
    for level in _PARENT_LEVELS:
        for _, _, place in reversed(before):
            if place.level == level or (place.code is None and level == "county"):
                code = _enclosing_code(place)
                if code:
                    return code
    return None
