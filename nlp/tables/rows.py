"""The place of a table row: its place cell, its group for 小计, the table's own for 合计."""

from __future__ import annotations

import re

from nlp.places import link_places
from nlp.places.references import LEVEL_RANK, PlaceRef, group_places
from nlp.places.scope import ancestors
from nlp.tables.grid import BRACKET, T, is_number

_ZONE = re.compile("(?:" + "|".join(map(re.escape, T["zone_suffixes"])) + ")$")
_NUMERAL = "一二三四五六七八九十"
_ORDINAL = re.compile(rf"^(?:[{_NUMERAL}]+[、.．]|\d+[、.．]|[（(][{_NUMERAL}\d]+[）)])\s*")
_TOTAL_WORDS = sorted(T["total_rows"] + list(T["scope_rows"]), key=len, reverse=True)


def _key(label: str) -> str:
    return "".join(label.split()).lower()


def place_column(names: list[str], body: list[list[str]]) -> int | None:
    """The column naming each row's place: by its header, else the text column whose cells
    name places most often."""
    matches = [i for i, cell in enumerate(names)
               if _key(BRACKET.sub("", cell)) in T["place_headers"]]
    if matches:
        return matches[-1]  # 市州 | 县市区: the finer one; the other groups the rows
    best, best_score = None, -1.0
    for i in range(len(names)):
        values = [row[i] for row in body if i < len(row) and row[i]]
        if not values or sum(not is_number(v) for v in values) <= len(values) / 2:
            continue
        score = sum(bool(link_places(v)) for v in values) / len(values)
        if score > best_score:
            best, best_score = i, score
    return best


def group_column(names: list[str], place_col: int | None) -> int | None:
    """A coarser place column left of the place column (merged cells over its counties)."""
    if place_col is None:
        return None
    for i in range(place_col):
        if _key(BRACKET.sub("", names[i])) in T["place_headers"]:
            return i
    return None


def total_kind(label: str) -> str | None:
    """"total", "subtotal" or a scope level (全省 -> province) for total rows, else None."""
    key = _key(_ORDINAL.sub("", label))
    if key in T["scope_rows"]:
        return T["scope_rows"][key]
    if key in T["subtotal_rows"] or key.endswith("小计"):
        return "subtotal"
    if key in T["total_rows"] or key.startswith(("合计", "总计", "total")):
        return "total"
    return None


def label_place(label: str) -> PlaceRef | None:
    """The most specific place a cell names (花垣县双龙镇十八洞村 -> the village, whose
    parent is the county); a development zone with no code of its own is kept as written."""
    label = _ORDINAL.sub("", label).strip()
    for word in _TOTAL_WORDS:
        if label.endswith(word) and len(label) > len(word):
            label = label[: -len(word)]
            break
    if not label or _key(label) in _TOTAL_WORDS:
        return None
    refs = group_places(label, link_places(label))
    zone = _ZONE.search(label)
    if zone and not any(r.end >= zone.end() and r.code for r in refs):
        return PlaceRef(0, len(label), label, None, label, None, "zone",
                        refs[0].code if refs else None)
    return max(refs, key=lambda r: r.rank) if refs else None


def ancestor_at(ref: PlaceRef | None, level: str) -> PlaceRef | None:
    if ref is None:
        return None
    for up in ancestors(ref):
        if up.level == level and up.code:
            return up
    return None


def common_parent(refs: list[PlaceRef]) -> PlaceRef | None:
    """The division enclosing every place of a group (its counties -> their prefecture)."""
    parents = {r.parent_code for r in refs}
    if len(parents) != 1 or None in parents:
        return None
    chain = ancestors(refs[0])
    return next((a for a in chain if a.code in parents), None)


def scope_place(level: str, table: PlaceRef | None, rows: list[PlaceRef]) -> PlaceRef | None:
    """全州/全省: the table's own place at that level, else the rows' enclosing one."""
    if table is not None and table.code and LEVEL_RANK.get(table.level, 0) == LEVEL_RANK[level]:
        return table
    found = ancestor_at(table, level)
    if found is None and rows:
        found = ancestor_at(common_parent(rows) or rows[0], level)
    return found or table
