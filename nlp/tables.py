"""Facts from tables (PDF bulletins): the header names metric and unit, a column the place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp import metric_rules as rules
from nlp.dates import parse_published
from nlp.fact import Fact
from nlp.lang import script_of
from nlp.period_model import Period, year_period
from nlp.periods import find_periods
from nlp.place_refs import PlaceRef, group_places
from nlp.places import link_places
from nlp.resources import load_json
from nlp.scope import publisher_place

_T = load_json("tables.json")
_BRACKET = re.compile(r"[（(\[【]([^）)\]】]*)[）)\]】]")
_NUMBER = re.compile(
    r"^(?P<pre>约|近|超过?|逾|about|over|nearly)?\s*(?P<num>[-+]?\d[\d,，]*(?:\.\d+)?)\s*"
    r"(?P<scale>万|亿)?\s*(?P<post>余|多|左右)?\s*(?P<pct>[%％])?$", re.I,
)


@dataclass
class Column:
    index: int
    header: str
    unit: str
    metric: str
    scale: float


def _cell(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _is_number(cell: str) -> bool:
    return bool(_NUMBER.match(cell))


def _scale_and_unit(header: str) -> tuple[float, str | None]:
    """Scale and unit from the bracketed part of a header: （万元） -> (10000, "yuan")."""
    inner = " ".join(_BRACKET.findall(header)).lower() or header.lower()
    scale = 1.0
    for word, factor in sorted(_T["scales"].items(), key=lambda kv: -len(kv[0])):
        if word in inner:
            scale = float(factor)
            break
    for word, unit in _T["units"]:
        if word in inner:
            return scale, unit
    return scale, None


def _column(index: int, header: str) -> Column | None:
    low = header.lower()
    if not header or low in _T["index_headers"]:
        return None
    scale, unit = _scale_and_unit(header)
    lang = script_of(header)
    name = _BRACKET.sub("", header)
    if unit is None or unit == "people":
        noun_unit = next((u for w in name.split() if (u := rules.unit_from_noun(w, lang))),
                         None) if lang == "en" else None
        if lang == "zh":
            noun_unit = rules.unit_from_preceding_noun(name) or noun_unit
        unit = noun_unit if noun_unit in ("projects", "positions", "households") else unit
    if unit is None and any(w in low for w in _T["percent_headers"]):
        unit = "percent"
    unit = unit or "count"
    metric = rules.UNIT_METRIC.get(unit) or rules.metric_for(
        unit, rules.pick_metric(rules.family_of(unit), name, len(name), len(name), lang,
                                (len(name), 0)))
    return Column(index, header, unit, metric, scale)


def _place_column(header: list[str], body: list[list[str]]) -> int | None:
    for i, cell in enumerate(header):
        if _BRACKET.sub("", cell).lower() in _T["place_headers"]:
            return i
    for i in range(len(header)):
        values = [row[i] for row in body if i < len(row) and row[i]]
        if values and sum(not _is_number(v) for v in values) > len(values) / 2:
            return i
    return None


def _table_place(title: str | None, context: str | None,
                 publisher: str | None) -> PlaceRef | None:
    """The table's own place: the most specific one its title names ("湘西州2023年…情况"),
    else the broadest one the context names (the rows list its parts), else the publisher's."""
    refs = group_places(title, link_places(title)) if title else []
    if refs:
        return max(refs, key=lambda r: r.rank)
    refs = [r for r in group_places(context, link_places(context)) if r.code] if context else []
    if refs:
        return min(refs, key=lambda r: (r.rank, r.start))
    return publisher_place(publisher)


def _table_period(published: str | None, *texts: str | None) -> Period | None:
    ref = parse_published(published)
    for text in texts:
        if text:
            for m in find_periods(text, ref, script_of(text)):
                if m.role == "period" and m.period is not None:
                    return m.period
    return year_period(ref.year) if ref else None


def table_facts(rows: list[list[str | None]], lang: str | None = None,
                published: str | None = None, title: str | None = None,
                context: str | None = None, publisher: str | None = None) -> list[Fact]:
    """One fact per numeric cell; see :func:`nlp.extract_table_facts`."""
    grid = [[_cell(c) for c in row] for row in rows or [] if isinstance(row, list | tuple)]
    grid = [row for row in grid if any(row)]
    header_rows = 0
    while header_rows < len(grid) and not any(_is_number(c) for c in grid[header_rows]):
        header_rows += 1
    if header_rows == 0 or header_rows == len(grid):
        return []
    width = max(len(r) for r in grid)
    header = [" ".join(r[i] for r in grid[:header_rows] if i < len(r) and r[i]).strip()
              for i in range(width)]
    body = grid[header_rows:]
    place_col = _place_column(header, body)
    columns = [c for i, h in enumerate(header) if i != place_col and (c := _column(i, h))]
    default_place = _table_place(title, context, publisher)
    period = _table_period(published, title, context)
    facts = []
    for row in body:
        label = row[place_col] if place_col is not None and place_col < len(row) else ""
        place = _row_place(label, default_place)
        for col in columns:
            cell = row[col.index] if col.index < len(row) else ""
            fact = _cell_fact(cell, col, row, place, period)
            if fact is not None:
                facts.append(fact)
    return facts


def _row_place(label: str, default: PlaceRef | None) -> PlaceRef | None:
    if not label or _is_total(label):
        return default  # 合计/全州: the table's own place, never the previous row's
    refs = group_places(label, link_places(label))
    return refs[0] if refs else default


def _is_total(label: str) -> bool:
    key = "".join(label.split()).lower()
    return key in _T["total_rows"] or any(key.endswith(t) for t in _T["total_rows"] if
                                          not t.isascii()) and len(key) <= 6


def _cell_fact(cell: str, col: Column, row: list[str], place: PlaceRef | None,
               period: Period | None) -> Fact | None:
    match = _NUMBER.match(cell)
    if not match:
        return None
    value = float(match.group("num").replace(",", "").replace("，", ""))
    scale = col.scale
    if match.group("scale"):
        scale = 1e4 if match.group("scale") == "万" else 1e8
    unit = "percent" if match.group("pct") else col.unit
    metric = "percent" if unit == "percent" else col.metric
    return Fact(
        metric=metric, value=value if unit == "percent" else value * scale, unit=unit,
        span=cell, start=0, end=0, sentence=" | ".join(row),
        approx=bool(match.group("pre") or match.group("post")),
        place=place.text if place else None, place_code=place.code if place else None,
        place_name_zh=place.name_zh if place else None,
        place_name_en=place.name_en if place else None,
        year=period.label if period else None, period_start=period.start if period else None,
        period_end=period.end if period else None, origin="table",
    )
