"""Table cells as text, numbers in cells, and the header rows of a table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.resources import load_json

T = load_json("nlp.tables", "tables.json")
BRACKET = re.compile(r"[（(\[【]([^）)\]】]*)[）)\]】]")
_FOOTNOTE = r"(?:[*＊※†‡▲△#]+|[①-⑳])"
NUMBER = re.compile(
    r"^(?P<pre>约|近|超过?|逾|about|over|nearly)?\s*(?P<num>[-+]?\d[\d,，]*(?:\.\d+)?)\s*"
    r"(?P<scale>万|亿)?\s*(?P<post>余|多|左右)?\s*(?P<pct>[%％])?\s*" + _FOOTNOTE + r"?$", re.I,
)
DATE = re.compile(r"^(?:19|20)\d{2}\s*(?:[.\-/年]\s*\d{1,2}|年)")
_WIDE = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
_SCALE_WORDS = sorted(T["scales"], key=len, reverse=True)
_UNIT_WORDS = sorted({w for w, _ in T["units"]} | {"万人", "人次"}, key=len, reverse=True)
_UNIT_CELL = re.compile(
    r"^(?:(?:" + "|".join(map(re.escape, _SCALE_WORDS)) + r")\s*)?(?:"
    + "|".join(map(re.escape, _UNIT_WORDS)) + ")$", re.I)
CAPTION = re.compile(T["unit_caption"], re.I)


def cell_text(value: object) -> str:
    """A cell as one line: lines of a wrapped CJK header glue without a space."""
    if value is None:
        return ""
    text = ""
    for part in str(value).translate(_WIDE).splitlines():
        part = " ".join(part.split())
        if not part:
            continue
        joined = text and not (text[-1].isascii() and part[0].isascii())
        text = text + part if joined or not text else f"{text} {part}"
    return text


def is_number(cell: str) -> bool:
    return bool(NUMBER.match(cell)) and not DATE.match(cell)


def is_unit_cell(cell: str) -> bool:
    """``万元``, ``（人）``, ``个``, ``10,000 yuan``: a cell that is nothing but a unit."""
    inner = BRACKET.sub(lambda m: m.group(1), cell).strip().lower()
    return bool(inner) and bool(_UNIT_CELL.match(inner))


def caption_units(*texts: str | None) -> list[str]:
    """The units of ``单位：万元、人、个`` / ``Unit: 10,000 yuan`` captions, in order."""
    out: list[str] = []
    for text in texts:
        for match in CAPTION.finditer(text or ""):
            body = match.group(1).strip()
            parts = re.split(r"\s*[;/；]\s*|\s+and\s+", body) if body.isascii() else re.split(
                r"[、,，/\s]+", body)
            for part in parts:
                part = part.strip(" .")
                if part and is_unit_cell(part) and part not in out:
                    out.append(part)
    return out


@dataclass
class Header:
    """A table's column headers (one text per column) and the unit captions inside it."""

    names: list[str]
    rows: list[list[str | None]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


def _caption_row(row: list[str | None], width: int) -> str | None:
    filled = [c for c in row if c]
    if width >= 3 and len(filled) == 1 and (len(filled[0]) > 12 or CAPTION.search(filled[0])
                                            or filled[0].startswith("表")):
        return filled[0]
    return None


def split_header(rows: list[list[str | None]]) -> tuple[Header | None, list[list[str | None]]]:
    """The header rows on top (rows without a number) and the body below them."""
    count = 0
    while count < len(rows) and not any(is_number(c or "") for c in rows[count]):
        filled = [i for i, c in enumerate(rows[count]) if c]
        if count and filled == [0] and len(rows[count]) > 1 and not CAPTION.search(rows[count][0]):
            break  # 一、湘西州 alone in its row: a group heading of the body
        count += 1
    if count == 0:
        return None, rows
    return build_header(rows[:count]), rows[count:]


def build_header(raw: list[list[str | None]]) -> Header:
    """Merge stacked header rows: a group header spans the merged (None) cells to its right
    when sub-headers sit below them; a row of bare units gives each column its unit."""
    width = max(len(r) for r in raw)
    grid = [list(r) + [None] * (width - len(r)) for r in raw]
    captions = [c for r in grid if (c := _caption_row(r, width))]
    grid = [r for r in grid if _caption_row(r, width) is None]
    unit_rows = [r for r in grid if any(r) and all(is_unit_cell(c) for c in r if c)]
    grid = [r for r in grid if r not in unit_rows]
    for depth, row in enumerate(grid[:-1]):
        last = None
        for i, cell in enumerate(row):
            if cell:
                last = cell
            elif cell is None and last and any(lower[i] for lower in grid[depth + 1:]):
                row[i] = last
    names = []
    for i in range(width):
        parts: list[str] = []
        for row in grid:
            if row[i] and row[i] not in parts:
                parts.append(row[i])
        name = " ".join(parts)
        units = [r[i] for r in unit_rows if r[i]]
        if units and not BRACKET.search(name):
            name = f"{name}（{units[0]}）"
        names.append(name)
    return Header(names, raw, captions)
