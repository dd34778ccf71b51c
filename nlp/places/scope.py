"""Places a text names without naming them: 该村/the village (the last village named),
全州/我县/the prefecture (the document's own prefecture or county, as the text names it).
A publisher's jurisdiction (``publisher_place``) gives a place only to a table's total row.

A cue is resolved to a :class:`PlaceRef` placed at the cue's own offsets, so the resolver
treats it like a place written there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from nlp.lang import LATIN_LETTER
from nlp.lookahead import skipping
from nlp.places import get_place, link_places
from nlp.places.gazetteer import gazetteer
from nlp.places.model import Place
from nlp.places.references import PlaceRef, group_places
from nlp.prefilter import fold
from nlp.resources import load_json
from nlp.settings import SETTINGS

# Chinese cues: 该村, 本村, 全州, 我县, 全市 ... (not 市场, 区域, 全州县, 乡镇).
_ZH_CUE = re.compile(
    r"(?P<kind>该|本|此|这个|全|我)(?P<unit>社区|街道|村|镇|乡(?![镇村])|县(?!城)|市|州(?!县)"
    r"|区(?!域|间)|省)(?!场|民|长|委|级|里|际|直属|属)"
)
_EN_CUE = skipping(re.compile(
    r"\b(?P<kind>the|this|our|the\s+whole|the\s+entire|across\s+the|throughout\s+the)\s+"
    r"(?P<unit>village|town|township|county|prefecture|city|province|region|community|"
    r"(?:development|economic|industrial)\s+zone)\b"
    r"(?![-‐])"
    r"|\b(?P<unit2>prefecture|county|city|province|region)[-\s]?wide\b",
    re.I,
))
# ... and one of these words (the unit words; township holds town), as fold() writes them
_EN_UNIT_WORDS = ("village", "town", "county", "prefecture", "city", "province", "region",
                  "community", "zone")


def _may_hold_en_cue(text: str) -> bool:
    if not LATIN_LETTER.search(text):  # every English cue holds a Latin letter
        return False
    folded = fold(text)
    return any(word in folded for word in _EN_UNIT_WORDS)
# 县里通过…, 州里: the document's own county or prefecture, spoken of as an authority.
_ZH_OWN = skipping(re.compile(  # nlp.lookahead: it opens with a lookbehind
    r"(?<![\u4e00-\u9fff])(?P<unit>县|州|市|省)(?:里|上)(?=[\u4e00-\u9fff])"))
_W = load_json("nlp.places", "scope.json")
_ZH_LEVEL: dict[str, str] = _W["levels_zh"]
_EN_LEVEL: dict[str, str] = _W["levels_en"]
_ANAPHOR_WORDS = frozenset(_W["anaphor_words"])
# Which places a level word may refer to: (levels, Chinese name endings, English endings).
_MATCH: dict[str, tuple[tuple[str, ...], ...]] = {
    level: tuple(tuple(part) for part in parts) for level, parts in _W["targets"].items()}


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    level: str
    anaphor: bool  # 该村/the village: the last one named; 全州/我县: the document's own


def find_cues(text: str) -> list[Cue]:
    """Scope cues in a sentence, left to right."""
    return list(_cues(text))


@lru_cache(maxsize=256)  # asked of a sentence for its cue places and again per figure
def _cues(text: str) -> tuple[Cue, ...]:
    cues = [Cue(m.start(), m.end(), _ZH_LEVEL[m.group("unit")], m.group("kind") in _ANAPHOR_WORDS)
            for m in _ZH_CUE.finditer(text)]
    if "里" in text or "上" in text:  # every 县里/州上 cue holds one of them
        cues += [Cue(m.start(), m.end(), _ZH_LEVEL[m.group("unit")], False)
                 for m in _ZH_OWN.finditer(text)]
    for m in _EN_CUE.finditer(text) if _may_hold_en_cue(text) else ():
        unit = (m.group("unit") or m.group("unit2")).lower()
        unit = "zone" if unit.endswith("zone") else unit
        kind = (m.group("kind") or "").lower()
        cues.append(Cue(m.start(), m.end(), _EN_LEVEL[unit], kind in _ANAPHOR_WORDS))
    return tuple(sorted(cues, key=lambda c: c.start)) if len(cues) > 1 else tuple(cues)


def fits(ref: PlaceRef, level: str) -> bool:
    """Whether a level word (市, the county) can refer to the place ``ref``."""
    levels, zh_ends, en_ends = _MATCH[level]
    if ref.level not in levels or ref.code is None and ref.level not in ("town", "village"):
        return False
    if not zh_ends and not en_ends:
        return True
    name_en = (ref.name_en or "").lower()
    return bool((ref.name_zh or "").endswith(zh_ends) or name_en.endswith(en_ends))


@cache
def short_names() -> dict[tuple[str, str], str]:
    """(code, "zh"/"en") -> the shortest alias of a division (湘西州, Xiangxi Prefecture)."""
    gaz = gazetteer()
    out: dict[tuple[str, str], str] = {}
    for lang, index in (("zh", gaz.zh), ("en", gaz.en)):
        for key, codes in index.items():
            name = key if isinstance(key, str) else " ".join(
                w.capitalize() if w.islower() else w for w in key)
            for code in codes:
                if len(name) < len(out.get((code, lang), name + "_")):
                    out[code, lang] = name
    return out


def _place_ref(place: Place, text: str) -> PlaceRef:
    return PlaceRef(0, 0, text, place.code, place.name_zh or None, place.name_en or None,
                    place.level, place.parent_code)


def ancestors(ref: PlaceRef) -> list[PlaceRef]:
    """``ref`` and the divisions that enclose it, innermost first."""
    out = [ref]
    code = ref.code or ref.parent_code
    if ref.code is None and code:
        place = get_place(code)
        if place is not None:
            out.append(_place_ref(place, place.name_zh))
            code = place.parent_code
    elif ref.code:
        place = get_place(ref.code)
        code = place.parent_code if place else None
    while code:
        place = get_place(code)
        if place is None:
            break
        out.append(_place_ref(place, place.name_zh))
        code = place.parent_code
    return out


def publisher_place(publisher: str | None) -> PlaceRef | None:
    """The jurisdiction named in a publisher ("湘西州人民政府" -> 湘西州), else None."""
    if not isinstance(publisher, str) or not publisher.strip():
        return None
    return _named_jurisdiction(publisher)


@lru_cache(maxsize=1024)  # a crawl has a few publishers, named again in every document
def _named_jurisdiction(publisher: str) -> PlaceRef | None:
    refs = [r for r in group_places(publisher, link_places(publisher)) if r.code]
    return max(refs, key=lambda r: (r.rank, -r.start)) if refs else None


class Scope:
    """Tracks the places named so far and resolves cues against them."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.recent: list[PlaceRef] = []  # named places, most recent last
        self.named: dict[str, str] = {}  # code -> how the document writes it
        self.frame: PlaceRef | None = None  # the place the current section reports on

    def reset(self) -> None:
        self.recent = []

    def observe(self, refs: list[PlaceRef]) -> None:
        for ref in refs:
            if ref.code is None and ref.level not in ("town", "village"):
                continue  # a list of places is no antecedent
            self.recent.append(ref)
            if ref.code:
                self.named.setdefault(ref.code, ref.text)
        del self.recent[:-SETTINGS.places.scope_memory]

    def _written(self, ref: PlaceRef) -> str:
        """How the document writes the place (else its shortest alias)."""
        name = self.named.get(ref.code or "")
        if name is None:
            lang = "en" if self.lang == "en" else "zh"
            name = short_names().get((ref.code or "", lang)) or ref.text
        return name

    def _from_recent(self, level: str, refs: list[PlaceRef]) -> PlaceRef | None:
        for ref in reversed(refs):
            for cand in ancestors(ref):
                if fits(cand, level):
                    return cand
        return None

    def resolve(self, cue: Cue, before: list[PlaceRef], words: str | None = None
                ) -> PlaceRef | None:
        """The place a cue points to; ``before`` are the sentence's places before it."""
        recent = self.recent + before
        framed = self._from_recent(cue.level, [self.frame]) if self.frame else None
        if cue.anaphor:  # 该村, the county: the last one named
            found = self._from_recent(cue.level, recent) or framed
        else:  # 全村, 全县, 我州: the report's own, else the last one named
            found = framed or self._from_recent(cue.level, recent)
        if found is None:
            return None
        return replace(found, text=self._written(found), start=cue.start, end=cue.end, cue=words)


def cue_refs(text: str, refs: list[PlaceRef], scope: Scope) -> list[PlaceRef]:
    """PlaceRefs for the scope cues of one sentence (``refs``: its named places)."""
    out = []
    for cue in _cues(text):
        if any(r.start < cue.end and cue.start < r.end for r in refs):
            continue  # part of a written name
        ref = scope.resolve(cue, [r for r in refs if r.end <= cue.start],
                            text[cue.start:cue.end])
        if ref is not None:
            out.append(ref)
    return out
