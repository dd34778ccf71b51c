"""Link every place named in a document: divisions by dictionary, towns and villages by pattern.

Ambiguous names (Yichun: 宜春 in Jiangxi or 伊春 in Heilongjiang) go to the candidate whose
prefecture, else province, is named elsewhere in the document by an unambiguous mention;
failing that, to the higher level, then the lower code (deterministic).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from nlp.lookahead import skipping
from nlp.places.gazetteer import gazetteer, sort_codes
from nlp.places.model import Place, PlaceMention
from nlp.places.regions import find_regions
from nlp.places.romanize import is_pinyin
from nlp.places.scan import Hit, scan_chinese, scan_english
from nlp.places.villages import (
    Locality,
    compound_sites,
    find_chinese,
    find_english,
    find_english_of,
    find_sites,
)
from nlp.places.zones import find_zones
from nlp.spans import Located, SpanIndex, spans_of

_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s)")
_ENCLOSED_BY = re.compile(r"\s*(?:,\s*|\s(?:in|of)\s+)(?:the\s+)?")
_ADJACENT = re.compile(r"\s*")
_PARENT_LEVELS = ("county", "prefecture")
# "Bostan Township": a Uyghur, Tibetan or Mongolian name, taken in minority areas only.
_EN_NATIVE_TOWN = skipping(re.compile(  # nlp.lookahead: it opens with \b
    r"\b([A-Z][a-z]+(?:['’-][a-z]+)*) (Township|Town|Village)\b"))
_CAPITAL = re.compile(r"[A-Z]")
_MINORITY_PROVINCES = frozenset({"15", "45", "54", "63", "64", "65"})
_NOT_NATIVE = frozenset(
    "The This That These Each Every Our Their Its Which Whole Entire Model Pilot Demonstration "
    "Poverty Relocation Resettlement Smart Global Olympic Market Border Ethnic Minority Tourist "
    "Tourism Characteristic Beautiful Key New Old Small Central Home Rural Mountain County Poor "
    "Target Featured Famous Historic Historical Cultural Ancient Sample Star Happy Harmonious "
    "Prosperous Civilized Green Ecological Digital Water River Lake Forest Desert Grassland "
    "Pastoral Herding Farming Fishing Industrial Specialty Agricultural Science Technology "
    "Health Garden Sister Twin Host Capital Main Nearby Neighbouring Neighboring Remote "
    "Mountainous Frontier Border Modern Livable Liveable Model Resettled Relocated Destitute "
    "Impoverished Flagship Typical Leading Advanced Provincial National Another Other Same "
    "Good Better Best Big Large Little Every First Second Third Last Next Each One".split())


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


def _in_context(hits: list[Hit]) -> list[Hit]:
    """Keep a guarded hit ("Lop", "Daxing") only where the document names, by another
    mention, its province or prefecture; its candidates narrow to those."""
    if not any(h.guarded for h in hits):
        return hits
    context: set[str] = set()
    for hit in hits:
        if not hit.guarded:
            for size in (2, 4):
                prefixes = {c[:size] for c in hit.codes}
                if len(prefixes) == 1 and not prefixes.pop().endswith("00"):
                    context.add(hit.codes[0][:size])
    kept = []
    for hit in hits:
        if hit.guarded:
            hit.codes = [c for c in hit.codes if c[:2] in context or c[:4] in context]
        if hit.codes:
            kept.append(hit)
    return kept


def _in_minority_area(place: Place) -> bool:
    if place.code[:2] in _MINORITY_PROVINCES:
        return True
    places = gazetteer().places
    while place is not None:
        if "自治" in place.name_zh:
            return True
        place = places.get(place.parent_code) if place.parent_code else None
    return False


def _native_towns(text: str, lo: int, hi: int, found: list[Locality]) -> list[Locality]:
    """Towns and villages with a non-pinyin name ("Bostan Township") in ``text[lo:hi]``."""
    taken = {loc.end for loc in found}
    out = []
    for m in _EN_NATIVE_TOWN.finditer(text, lo, hi):
        name, kind = m.group(1), m.group(2)
        if m.end() in taken or name in _NOT_NATIVE or is_pinyin(name):
            continue
        level = "village" if kind == "Village" else "town"
        out.append(Locality(m.start(), m.end(), "", f"{name} {kind}", level))
    return out


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _gaps(hits: list[Hit], n: int) -> list[tuple[int, int]]:
    gaps, pos = [], 0
    for hit in hits:
        gaps.append((pos, hit.start))
        pos = hit.end
    gaps.append((pos, n))
    return gaps


def _clear_of(found: list[Locality], taken: Sequence[Located]) -> list[Locality]:
    """``found`` without what overlaps a span of ``taken``."""
    if not found:
        return []
    index = SpanIndex(spans_of(taken))
    return [loc for loc in found if not index.overlaps(loc.start, loc.end)]


def link_places(text: str, lang: str | None = None) -> list[PlaceMention]:
    """Every place mention in ``text``, left to right, non-overlapping, longest match.

    ``lang`` is accepted for symmetry with the extractor; both scripts are always scanned.
    """
    if not isinstance(text, str) or not text:
        return []
    gaz = gazetteer()
    hits = _in_context(sorted(scan_chinese(text) + scan_english(text), key=lambda h: h.start))
    codes = _resolve(hits)
    divisions = [(h.start, h.end, gaz.places[c]) for h, c in zip(hits, codes, strict=True)]
    localities = find_chinese(text, [(h.start, h.end) for h in hits])
    minority = any(_in_minority_area(p) for _, _, p in divisions)
    for lo, hi in _gaps(hits, len(text)) if _CAPITAL.search(text) else ():
        if not _CAPITAL.search(text, lo, hi):
            continue  # every English town or village name opens with a capital
        found = find_english(text, lo, hi)
        localities += found + (_native_towns(text, lo, hi, found) if minority else [])
    sites = find_sites(text, [(h.start, h.end) for h in hits])
    if "安置" in text:
        compound = compound_sites(text, localities)
        sites = _clear_of(sites, compound) + compound
    if sites:
        localities = _clear_of(localities, sites) + sites
    zones = _clear_of(find_zones(text, [(h.start, h.end) for h in hits]), localities)
    localities += zones
    if " of " in text:
        localities += _clear_of(find_english_of(text), [*hits, *localities])
    localities += _clear_of(_named_again(text, localities), [*hits, *localities])
    names_end = frozenset(h.end for h in hits)
    localities += _clear_of(find_regions(text, names_end), [*hits, *localities])
    localities.sort(key=lambda loc: loc.start)
    return _attach(text, divisions, localities)


def _named_again(text: str, localities: list[Locality]) -> list[Locality]:
    """Later mentions of an English town or village by its bare name ("Sanbaoxiang's
    population" after "the village of Sanbaoxiang"); each name is looked for once."""
    names: dict[str, Locality] = {}
    for loc in localities:
        if loc.name_zh or loc.level not in ("town", "village"):
            continue
        stem = loc.name_en.rsplit(" ", 1)[0]
        if " " not in stem and stem[:1].isupper():
            names.setdefault(stem, loc)
    if not names:
        return []
    starts = {loc.start for loc in localities}
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len,
                                                                  reverse=True))) + r")\b")
    return [Locality(m.start(), m.end(), "", names[m.group()].name_en, names[m.group()].level)
            for m in pattern.finditer(text) if m.start() not in starts]


def _attach(text: str, divisions: list[tuple[int, int, Place]],
            localities: list[Locality]) -> list[PlaceMention]:
    """Merge divisions and localities in text order, giving each locality its county."""
    starts = _sentence_starts(text) if localities else []
    division_starts = [start for start, _, _ in divisions]
    out: list[PlaceMention] = []
    di = 0
    for loc in localities:
        while di < len(divisions) and divisions[di][0] < loc.start:
            start, end, place = divisions[di]
            out.append(PlaceMention(start, end, text[start:end], place))
            di += 1
        following = bisect.bisect_left(division_starts, loc.end)
        parent = None if loc.level == "region" else _explicit_parent(
            text, loc, divisions[following:following + 1])
        if parent is None and loc.level != "region":
            sentence = starts[bisect.bisect_right(starts, loc.start) - 1]
            parent = _preceding_parent(text, loc, out, sentence)
        place = Place(None, loc.name_zh, loc.name_en, loc.level, parent)
        out.append(PlaceMention(loc.start, loc.end, text[loc.start:loc.end], place))
    for start, end, place in divisions[di:]:
        out.append(PlaceMention(start, end, text[start:end], place))
    return out


def _enclosing_code(place: Place) -> str | None:
    if place.code is None:
        return place.parent_code if place.level == "town" else None
    return place.code if place.level in _PARENT_LEVELS else None


def _explicit_parent(text: str, loc: Locality,
                     following: list[tuple[int, int, Place]]) -> str | None:
    """"Ganxi Village, Baojing County", "Sandu Town in Tonggu County"."""
    for start, _end, place in following:
        if _ENCLOSED_BY.fullmatch(text, loc.end, start):
            return _enclosing_code(place)
    return None


def _preceding_parent(text: str, loc: Locality, before: list[PlaceMention],
                      sentence_start: int) -> str | None:
    """保靖县干溪村 (adjacent), else the nearest county (then prefecture) in the sentence."""
    recent = []
    for mention in reversed(before):
        if mention.start < sentence_start:
            break
        recent.append(mention)
    if recent and _ADJACENT.fullmatch(text, recent[0].end, loc.start):
        code = _enclosing_code(recent[0].place)
        if code:
            return code
    for level in _PARENT_LEVELS:
        for mention in recent:
            place = mention.place
            if place.level == level or (place.code is None and level == "county"):
                code = _enclosing_code(place)
                if code:
                    return code
    return None
