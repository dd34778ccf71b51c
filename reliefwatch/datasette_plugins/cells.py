"""Readable values in HTML pages; the stored numbers never change (JSON and CSV keep them).

405000000 yuan -> ``405,000,000 · 4.05亿``, people as counts, percentages with ``%``, units
shown; an evidence sentence with its figure highlighted.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

VALUE_COLUMNS = {"value", "low", "high", "other_value"}
NUMBER_TABLES = {"facts", "figures", "fact_evidence", "figure_conflicts"}
UNIT_WORDS = {
    "yuan": "yuan", "people": "people", "households": "households", "projects": "projects",
    "positions": "positions", "percent": "%",
}


def chinese_magnitude(value: float) -> str:
    """4.05亿, 2.17万; '' below 10,000."""
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return f"{value / size:,.4f}".rstrip("0").rstrip(".") + word
    return ""


def format_value(value: Any, unit: str | None) -> str | None:
    """The text shown for a value in ``unit``; None when it is no number."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value:
        return None
    if unit == "percent":
        return f"{value:,.10g}%"
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"
    word = UNIT_WORDS.get(unit or "", unit or "")
    text = f"{number} {word}".strip()
    magnitude = chinese_magnitude(value)
    if magnitude and unit == "yuan":
        text += f" · {magnitude}元"
    elif magnitude:
        text += f" · {magnitude}"
    return text


def plain(value: Any) -> Any:
    """A cell's own value: table pages hand foreign keys over as {"value", "label"}."""
    return value.get("value") if isinstance(value, dict) else value


def unit_of(row: Any) -> str | None:
    keys = row.keys() if hasattr(row, "keys") else []
    if "unit" in keys:
        return plain(row["unit"])
    metric = plain(row["metric"]) if "metric" in keys else ""
    if metric and metric.endswith("_yuan"):
        return "yuan"
    return "percent" if metric == "percent" else None


def highlight(sentence: str, span: str | None) -> Markup:
    """The sentence, escaped, with the first occurrence of ``span`` marked; lines kept."""
    if span and span in sentence:
        start = sentence.index(span)
        html = (escape(sentence[:start]) + Markup("<mark>") + escape(span) + Markup("</mark>")
                + escape(sentence[start + len(span):]))
    else:
        html = escape(sentence)
    return Markup(str(html).replace("\n", "<br>"))


def render(row: Any, value: Any, column: str, table: str | None) -> Markup | None:
    """HTML for a cell of ours, or None to let Datasette render it."""
    if table in NUMBER_TABLES and column in VALUE_COLUMNS:
        text = format_value(value, unit_of(row))
        return Markup(f'<span class="rw-value" title="{value!r}">{escape(text)}</span>') \
            if text else None
    if table in {"fact_evidence", "facts"} and column == "sentence" and isinstance(value, str):
        keys = row.keys() if hasattr(row, "keys") else []
        return highlight(value, plain(row["span"]) if "span" in keys else None)
    if table == "documents" and column == "text" and isinstance(value, str) and len(value) > 280:
        return Markup(f'{escape(value[:280])}… <em class="rw-more">(full text on the '
                      f'document\'s page, {len(value):,} characters)</em>')
    return None
