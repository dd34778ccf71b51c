"""Find tables on a pdfplumber page: ruled tables first, then rule-less (text-aligned) ones."""

from __future__ import annotations

from dataclasses import dataclass, field

from pdfplumber.page import Page

from extract.pdftext import clean_cell
from extract.types import PdfTable

_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_TEXT = {"vertical_strategy": "text", "horizontal_strategy": "text", "min_words_vertical": 3}
_MIN_ROWS = 2
_MIN_COLS = 2
_MIN_FILLED_SHARE = 0.6


@dataclass
class PageTables:
    page: int
    tables: list[PdfTable] = field(default_factory=list)
    outside_text: str = ""
    full_text: str = ""


def _clean_rows(rows: list[list[str | None]]) -> list[list[str | None]]:
    cleaned = [[clean_cell(cell) for cell in row] for row in rows]
    return [row for row in cleaned if any(cell for cell in row)]


def _plausible(rows: list[list[str | None]]) -> bool:
    if len(rows) < _MIN_ROWS or max((len(r) for r in rows), default=0) < _MIN_COLS:
        return False
    cells = [cell for row in rows for cell in row]
    filled = sum(1 for cell in cells if cell)
    return filled / max(len(cells), 1) >= _MIN_FILLED_SHARE


def find_tables(page: Page, number: int) -> PageTables:
    """Tables of ``page`` (1-based ``number``) and the page text outside them."""
    result = PageTables(page=number, full_text=page.extract_text() or "")
    found = []
    for settings in (_LINES, _TEXT):
        if settings is _TEXT and not _may_hold_unruled_table(page):
            continue
        for table in page.find_tables(settings):
            rows = _clean_rows(table.extract())
            if _plausible(rows):
                found.append((table.bbox, rows))
        if found:
            break
    if not found:
        return result
    outside = page
    for bbox in (bbox for bbox, _ in found):
        outside = outside.outside_bbox(bbox)
    result.tables = [PdfTable(page=number, rows=rows) for _, rows in found]
    result.outside_text = outside.extract_text() or ""
    return result


def _may_hold_unruled_table(page: Page) -> bool:
    """Rule-less tables show as several lines with wide gaps between words."""
    words = page.extract_words()
    gaps = 0
    for left, right in zip(words, words[1:], strict=False):
        if abs(left["top"] - right["top"]) < 2 and right["x0"] - left["x1"] > 20:
            gaps += 1
    return gaps >= 6
