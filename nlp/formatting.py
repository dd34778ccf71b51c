"""A readable, aligned table of facts for the terminal."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from nlp.fact import Fact

COLUMNS = ("span", "metric", "value", "unit", "approx", "place", "year")
MAX_CELL = 40


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "~" if value else ""
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = " ".join(str(value).split())
    while display_width(text) > MAX_CELL:
        text = text[:-2] + "…"
    return text


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def format_facts_table(facts: Iterable[Fact]) -> str:
    """Facts as aligned columns (span, metric, value, unit, approx, place, year)."""
    rows = [list(COLUMNS)]
    for fact in facts:
        place = fact.place
        if place and fact.place_name_en and fact.place_name_en != place:
            place = f"{place} ({fact.place_name_en})"
        rows.append([_cell(fact.span), _cell(fact.metric), _cell(fact.value), _cell(fact.unit),
                     _cell(fact.approx), _cell(place), _cell(fact.year)])
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(COLUMNS))]
    lines = []
    for n, row in enumerate(rows):
        cells = [_pad(c, w, right=(i == 2 and n > 0)) for i, (c, w) in
                 enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    if len(rows) == 1:
        lines.append("(no facts)")
    return "\n".join(lines)


def format_explanations(facts: Iterable[Fact]) -> str:
    """One numbered block per fact: what set its metric, and where its place and period
    came from (its own clause, the paragraph, the headline's frame, the publication date)."""
    blocks = []
    for n, fact in enumerate(facts, 1):
        blocks.append(f"{n}. {_cell(fact.span)} → {fact.metric}, {_cell(fact.place)}, "
                      f"{_cell(fact.year)}\n   metric: {fact.metric_why or '-'}\n"
                      f"   place:  {fact.place_why or '-'}\n   period: {fact.period_why or '-'}")
    return "\n".join(blocks)
