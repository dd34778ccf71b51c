"""Which of the places a sentence names may be the place of a figure in it.

- Objects of coverage, route and origin verbs (覆盖X村、Y村, 途经, 承接X县的群众, "covering
  A and B") are what the figure covers or where people came from, not its subject.
- An example list closed by 等 (达仁、东川等茶叶基地) only illustrates; it is the place of a
  count that follows the 等 directly (X、Y等4个安置点), of nothing else.
- In a local report, a place outside the frame's jurisdiction (a destination province, a
  partner city, the counties people moved from) is no subject of the report's figures; the
  English "N things in PLACE" still binds its own count.
- A town, village or site takes the figures of later clauses only from subject position: it
  opens its clause (水磨沟镇项目总投资…，申请资金…), not when it sits inside a modifier.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from nlp.lookahead import skipping
from nlp.places import get_place
from nlp.places.references import PlaceRef, is_list
from nlp.resources import load_json, ordered_alternation
from nlp.settings import SETTINGS

_W = load_json("nlp.places", "roles.json")
_OBJECT_BEFORE = skipping(re.compile(
    rf"(?:{ordered_alternation(_W['object_before_zh'])})[^，,；;。：:]{{0,6}}$"
    rf"|\b(?:{ordered_alternation(_W['object_before_en'])})\s+(?:the\s+)?$", re.I))
_EXAMPLE_CLOSE = re.compile(r"等(?!于|级|待|同|候|等)")
_EN_IN_AFTER_NOUN = re.compile(r"[A-Za-z-]+\s+(?:in|of|across)\s+(?:the\s+)?$")
_CLAUSE_OPEN = re.compile(
    r"(?:^|[，,；;：:。！？!?\n]|——|—)\s*"
    r"(?:\d{1,2}[.、．]|[一二三四五六七八九十]{1,2}、|[（(]\d{1,2}[）)])?"  # list numbering
    r"(?:[^，,；;：:。！？!?\n]{1,14}的)?"  # a modifier: 海拔2900多米的X村, 今年3月开工的X项目
    r"\s*(?:在|于|对|据悉，|目前，|同时，|(?i:in|at|inside|across)\s+(?:the\s+)?)?\s*$")
_CHAIN_GAP = re.compile(r"\s*(?:在|于)?\s*|['’]s\s+|,\s+")


def objects(text: str, refs: list[PlaceRef]) -> list[PlaceRef]:
    """Places named as the object of a coverage, route or origin verb."""
    return [r for r in refs if _object_at(text, r.start)]


@lru_cache(maxsize=512)  # each figure of a sentence asks again about the same places
def _object_at(text: str, start: int) -> bool:
    return _OBJECT_BEFORE.search(text[max(0, start - SETTINGS.places.binding_lookback):start]
                                 ) is not None


def example_lists(text: str, refs: list[PlaceRef], figure_start: int) -> list[PlaceRef]:
    """Places closed by 等 that do not count the figure right after the 等."""
    out = []
    for ref in refs:
        close = _EXAMPLE_CLOSE.match(text, ref.end)
        if close and not (close.end() <= figure_start <= close.end() + 1):
            out.append(ref)
    return out


def opens_clause(text: str, ref: PlaceRef, refs: list[PlaceRef] = ()) -> bool:
    """Whether the place is the subject position of its clause, alone or at the end of a
    chain of places that opens it (大英县玉峰镇…)."""
    start = ref.start
    # only a place ending before the ref can open its chain (the chain only grows leftward)
    chain = [other for other in refs if other.end <= start]
    if chain:
        for other in sorted(chain, key=lambda r: -r.start) if len(chain) > 1 else chain:
            if other.end <= start and _CHAIN_GAP.fullmatch(text, other.end, start):
                start = other.start
    return _opens_at(text, start)


@lru_cache(maxsize=512)  # each figure of a sentence asks again about the same places
def _opens_at(text: str, start: int) -> bool:
    return _CLAUSE_OPEN.search(text, max(0, start - 24), start) is not None


def chain_end(text: str, ref: PlaceRef, refs: list[PlaceRef]) -> PlaceRef:
    """The most specific place of the chain ``ref`` opens (黑水县芦花镇若达村 -> 若达村)."""
    end = ref
    for other in sorted(refs, key=lambda r: r.start):
        if (other.start >= end.end and other.start - end.end <= 2 and other.rank > end.rank
                and not is_list(other) and _CHAIN_GAP.fullmatch(text, end.end, other.start)):
            end = other
    return end


@cache
def _lineage(code: str) -> frozenset[str]:
    """A division's code and the codes of the divisions that enclose it."""
    out, place = set(), get_place(code)
    while place is not None:
        out.add(place.code)
        place = get_place(place.parent_code) if place.parent_code else None
    return frozenset(out)


def related(a: str, b: str) -> bool:
    """Whether one division encloses the other (or they are the same)."""
    return a in _lineage(b) or b in _lineage(a)


def frame_code(frame: PlaceRef | None) -> str | None:
    """The division a frame place stands for (a site or village: its county)."""
    if frame is None:
        return None
    return frame.code or frame.parent_code


def outside(text: str, ref: PlaceRef, frame: str | None, figure_start: int,
            refs: list[PlaceRef] = ()) -> bool:
    """Whether ``ref`` lies outside the frame's jurisdiction, and is neither the subject of
    its clause ("In Yuanyang County, ...") nor an "N things in PLACE" binding of the figure
    just before it."""
    if frame is None or get_place(frame) is None or opens_clause(text, ref, refs):
        return False
    codes = [ref.code] if ref.code else list(ref.members) or (
        [ref.parent_code] if ref.parent_code else [])
    if not codes or any(related(code, frame) for code in codes):
        return False
    if 0 <= ref.start - figure_start <= 60 and _EN_IN_AFTER_NOUN.search(
            text, figure_start, ref.start):
        return False
    return True


def encloses(ref: PlaceRef, frame: PlaceRef | None) -> bool:
    """Whether ``ref`` is a division strictly enclosing the more specific frame place (the
    county of the site a report is about): the frame is then the place to cite."""
    code = frame_code(frame)
    if frame is None or ref.code is None or code is None or frame.code == ref.code:
        return False
    return ref.code in _lineage(code) and ref.rank < frame.rank
