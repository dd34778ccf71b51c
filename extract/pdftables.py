"""Find tables on a pdfplumber page (ruled first, then rule-less) and the text around them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pdfplumber.page import Page
from pdfplumber.table import Table

from extract.pdftext import clean_cell, unusable_share
from extract.types import PdfTable

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (pdfplumber coordinates)
RegionText = Callable[[BBox], str]

_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_TEXT = {"vertical_strategy": "text", "horizontal_strategy": "text", "min_words_vertical": 3}
_MIN_ROWS = 2
_MIN_COLS = 2
_MIN_FILLED_SHARE = 0.6
_TEXT_TABLE_MIN_ROWS = 3
_TEXT_TABLE_MAX_CELL = 24  # rule-less "tables" with prose in a cell are just text
_UNUSABLE_LIMIT = 0.3


@dataclass
class PageTables:
    """A page's tables in reading order, with its text inside and outside them."""

    page: int
    tables: list[PdfTable] = field(default_factory=list)
    text_with_tables: str = ""  # page text with each table as "a | b | c" rows
    outside_text: str = ""  # page text without the table regions


def _cell_texts(table: Table, region_text: RegionText) -> list[list[str | None]]:
    rows = []
    for raw_row, row in zip(table.extract(), table.rows, strict=False):
        cells = []
        for raw, bbox in zip(raw_row, row.cells, strict=False):
            if raw and bbox and unusable_share(raw) > _UNUSABLE_LIMIT:
                raw = region_text(bbox) or raw
            cells.append(clean_cell(raw))
        rows.append(cells)
    return rows


def _plausible(rows: list[list[str | None]]) -> bool:
    rows = [row for row in rows if any(row)]
    if len(rows) < _MIN_ROWS or max((len(r) for r in rows), default=0) < _MIN_COLS:
        return False
    cells = [cell for row in rows for cell in row]
    return sum(1 for cell in cells if cell) / max(len(cells), 1) >= _MIN_FILLED_SHARE


def _drop_empty_columns(rows: list[list[str | None]]) -> list[list[str | None]]:
    width = max(len(row) for row in rows)
    keep = [i for i in range(width) if any(i < len(row) and row[i] for row in rows)]
    return [[row[i] if i < len(row) else None for i in keep] for row in rows]


def _row_is_tabular(row_cells: list, words: list[dict]) -> bool:
    """Every word of the row sits inside one cell (prose lines run across cell borders)."""
    cells = [cell for cell in row_cells if cell]
    if len(cells) < 2 or len(words) < 2:
        return False
    return all(
        any(c[0] - 1 <= w["x0"] and w["x1"] <= c[2] + 1 for c in cells) for w in words
    )


def _tabular_block(
    table: Table, rows: list[list[str | None]], words: list[dict]
) -> tuple[BBox, list] | None:
    """The longest run of rows of a text-strategy table that are really tabular, or None."""
    best: list[int] = []
    run: list[int] = []
    for index, (row, cells) in enumerate(zip(rows, table.rows, strict=False)):
        if not any(row):
            continue
        x0, top, x1, bottom = cells.bbox
        in_row = [w for w in words if w["top"] >= top - 1 and w["bottom"] <= bottom + 1]
        filled = [cell for cell in row if cell]
        if (
            len(filled) >= 2
            and all(len(cell) <= _TEXT_TABLE_MAX_CELL for cell in filled)
            and _row_is_tabular(cells.cells, in_row)
        ):
            run.append(index)
            best = max(best, run, key=len)
        else:
            run = []
    if len(best) < _TEXT_TABLE_MIN_ROWS:
        return None
    boxes = [table.rows[i].bbox for i in best]
    bbox = (min(b[0] for b in boxes), boxes[0][1], max(b[2] for b in boxes), boxes[-1][3])
    return bbox, _drop_empty_columns([rows[i] for i in best])


def _detect(page: Page, region_text: RegionText) -> list[tuple[BBox, list]]:
    found: list[tuple[BBox, list]] = []
    for table in page.find_tables(_LINES):
        rows = [row for row in _cell_texts(table, region_text) if any(row)]
        if _plausible(rows):
            found.append((table.bbox, rows))
    if found or not _may_hold_unruled_table(page):
        return found
    words = page.extract_words()
    for table in page.find_tables(_TEXT):
        block = _tabular_block(table, _cell_texts(table, region_text), words)
        if block is None:
            continue
        # Columns guessed over the whole page follow the prose; guess again on the block.
        cropped = page.crop(block[0], strict=False).find_tables(_TEXT)
        if len(cropped) == 1:
            rows = [row for row in _cell_texts(cropped[0], region_text) if any(row)]
            if rows and _plausible(rows):
                block = (cropped[0].bbox, _drop_empty_columns(rows))
        if _plausible(block[1]):
            found.append(block)
    return found


def _text_in(page: Page, bbox: BBox, region_text: RegionText) -> str:
    x0, top, x1, bottom = bbox
    if bottom - top < 1 or x1 - x0 < 1:
        return ""
    text = page.within_bbox(bbox, strict=False).extract_text() or ""
    if text and unusable_share(text) > _UNUSABLE_LIMIT:
        text = region_text(bbox) or text
    return text


def find_tables(page: Page, number: int, region_text: RegionText) -> PageTables:
    """Tables of ``page`` (1-based ``number``); ``region_text`` reads a box via another library."""
    result = PageTables(page=number)
    found = sorted(_detect(page, region_text), key=lambda item: item[0][1])
    if not found:
        return result
    x0, top0, x1, bottom0 = page.bbox
    with_tables: list[str] = []
    outside: list[str] = []
    cursor = top0
    for (tx0, ttop, tx1, tbottom), rows in found:
        bbox = (tx0 - 1, ttop - 1, tx1 + 1, tbottom + 1)
        above = _text_in(page, (x0, cursor, x1, max(cursor, bbox[1])), region_text)
        band = (x0, max(cursor, bbox[1]), x1, bbox[3])
        beside = page.crop(band, strict=False).outside_bbox(bbox, strict=False).extract_text()
        with_tables += [above, *(" | ".join(cell or "" for cell in row) for row in rows)]
        with_tables.append(beside or "")
        outside += [above, beside or ""]
        cursor = max(cursor, bbox[3])
        result.tables.append(PdfTable(page=number, rows=rows))
    below = _text_in(page, (x0, cursor, x1, bottom0), region_text)
    result.text_with_tables = "\n".join(part for part in [*with_tables, below] if part)
    result.outside_text = "\n".join(part for part in [*outside, below] if part)
    return result


def _may_hold_unruled_table(page: Page) -> bool:
    """Rule-less tables show as several lines with wide gaps between words."""
    words = page.extract_words()
    gaps = 0
    for left, right in zip(words, words[1:], strict=False):
        if abs(left["top"] - right["top"]) < 2 and right["x0"] - left["x1"] > 20:
            gaps += 1
    return gaps >= 6
