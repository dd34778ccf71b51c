"""Facts from tables (PDF bulletins): the header names metric and unit, a column the place.

Handles stacked and merged headers, a row of units under the header, unit captions
(单位：万元、人) in the table, its title or the text above it, tables that continue on the
next page without their header (:func:`tables_facts`), group and total rows.
"""

from __future__ import annotations

import logging

from nlp.fact import Fact
from nlp.lang import script_of
from nlp.periods.dates import parse_published
from nlp.periods.grammar import find_periods
from nlp.periods.model import Period, year_period
from nlp.places import link_places
from nlp.places.references import PlaceRef, group_places
from nlp.places.scope import publisher_place
from nlp.tables.columns import Column, column
from nlp.tables.grid import (
    NUMBER,
    Header,
    build_header,
    caption_units,
    cell_text,
    is_number,
    split_header,
)
from nlp.tables.rows import (
    common_parent,
    group_column,
    label_place,
    place_column,
    scope_place,
    total_kind,
)

log = logging.getLogger(__name__)
Rows = list[list[str | None]]


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


def _grid(rows: object) -> list[list[str | None]]:
    if not isinstance(rows, list | tuple):
        return []
    grid = [[None if c is None else cell_text(c) for c in row]
            for row in rows if isinstance(row, list | tuple)]
    return [row for row in grid if any(row)]


def table_facts(rows: Rows, lang: str | None = None, published: str | None = None,
                title: str | None = None, context: str | None = None,
                publisher: str | None = None, header: Rows | None = None) -> list[Fact]:
    """One fact per numeric cell; see :func:`nlp.extract_table_facts`. ``header`` (header
    rows) is used when ``rows`` start with data (a table continued from the previous page)."""
    return _facts(_grid(rows), published, title, context, publisher, _grid(header))[0]


def tables_facts(tables: list, lang: str | None = None, published: str | None = None,
                 title: str | None = None, context: str | None = None,
                 publisher: str | None = None) -> list[Fact]:
    """Facts of a PDF's tables in order; a table starting with data and as many columns as
    the previous table's header continues that table (page break) and reuses its header.
    Each table is a list of rows or a dict with ``rows`` (as stored by the pipeline)."""
    facts: list[Fact] = []
    previous: list[list[str | None]] = []
    for table in tables if isinstance(tables, list | tuple) else []:
        rows = table.get("rows") if isinstance(table, dict) else table
        try:
            found, previous = _facts(_grid(rows), published, title, context, publisher,
                                     previous)
        except Exception:  # noqa: BLE001 - one malformed table never loses the others
            log.exception("table fact extraction failed for one table")
            found, previous = [], []
        facts += found
    return facts


def _facts(grid: Rows, published: str | None, title: str | None, context: str | None,
           publisher: str | None, carried: Rows) -> tuple[list[Fact], Rows]:
    """Facts of one table and the header rows a continuation may reuse."""
    if not grid:
        return [], carried
    head, body = split_header(grid)
    width = max(len(r) for r in grid)
    if head is None and carried and max(len(r) for r in carried) == width:
        head = build_header(carried)
    if head is None or not body:
        return [], carried if head is None else head.rows
    captions = caption_units(*head.captions, title, context)
    names = head.names + [""] * (width - len(head.names))
    text_body = [[c or "" for c in row] + [""] * (width - len(row)) for row in body]
    place_col = place_column(names, text_body)
    group_col = group_column(names, place_col)
    columns = [c for i, h in enumerate(names)
               if i not in (place_col, group_col) and (c := column(i, h, captions))]
    table_place = _table_place(title, context, publisher)
    period = _table_period(published, title, context)
    facts: list[Fact] = []
    group: PlaceRef | None = None
    group_text = None
    members: list[PlaceRef] = []
    listed: list[PlaceRef] = []
    for raw, row in zip(body, text_body, strict=True):
        if group_col is not None and raw[group_col] and raw[group_col] != group_text:
            group_text = raw[group_col]
            group, members = label_place(group_text), []
        label = row[place_col] if place_col is not None else ""
        numeric = any(is_number(row[c.index]) for c in columns)
        if label and not numeric:
            others = [c for i, c in enumerate(row) if c and i not in (place_col, group_col)]
            if total_kind(label) is None and not others:
                group, members = label_place(label) or group, []  # 一、湘西州: a group heading
            continue
        kind = total_kind(label) if label else None
        if kind == "subtotal":
            place = label_place(label) or group or common_parent(members)
            members = []
        elif kind == "total":
            place = table_place
        elif kind is not None:
            place = scope_place(kind, table_place, listed)
        else:
            place = label_place(label) if label else None
            if place is not None:
                members.append(place)
                listed.append(place)
            else:
                place = group if group is not None else table_place
        for col in columns:
            fact = _cell_fact(row[col.index], col, row, place, period)
            if fact is not None:
                facts.append(fact)
    return facts, head.rows


def _cell_fact(cell: str, col: Column, row: list[str], place: PlaceRef | None,
               period: Period | None) -> Fact | None:
    match = NUMBER.match(cell)
    if not match or not is_number(cell):
        return None
    value = float(match.group("num").replace(",", "").replace("，", ""))
    scale = col.scale
    if match.group("scale"):
        scale = 1e4 if match.group("scale") == "万" else 1e8
    unit = "percent" if match.group("pct") else col.unit
    metric = "percent" if unit == "percent" else col.metric
    code = place.code or (place.parent_code if place.level in ("town", "village") else None) \
        if place else None
    return Fact(
        metric=metric, value=value if unit == "percent" else value * scale, unit=unit,
        span=cell, start=0, end=0, sentence=" | ".join(c for c in row if c),
        approx=bool(match.group("pre") or match.group("post")),
        place=place.text if place else None, place_code=code,
        place_name_zh=place.name_zh if place else None,
        place_name_en=place.name_en if place else None,
        year=period.label if period else None, period_start=period.start if period else None,
        period_end=period.end if period else None, origin="table",
    )


__all__ = ["Header", "table_facts", "tables_facts"]
