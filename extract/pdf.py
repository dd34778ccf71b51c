"""PDF bytes → :class:`PdfContent`: text by pypdfium2, tables by pdfplumber."""

from __future__ import annotations

import io
import logging
import re

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from extract.errors import ExtractionError
from extract.pdftables import BBox, PageTables, find_tables
from extract.pdftext import clean_page_text, unusable_share
from extract.types import PdfContent

log = logging.getLogger(__name__)
_JUNK_TITLE = re.compile(
    r"^(untitled|无标题|microsoft word|wps|document\d*|新建)|\.(docx?|wps|pdf|xlsx?|txt)$", re.I
)
_TITLE_MAX = 120
_UNUSABLE_LIMIT = 0.3
MAX_TABLE_PAGES = 80  # pdfplumber is slow; long reports get tables from their first pages


def _where(url: str) -> str:
    return url or "<no url>"


def _open_pdfium(body: bytes, url: str) -> pdfium.PdfDocument:
    if not body:
        raise ExtractionError(f"empty PDF body: {_where(url)}")
    if b"%PDF-" not in body[:1024]:
        raise ExtractionError(f"not a PDF (no %PDF- header): {_where(url)}")
    try:
        return pdfium.PdfDocument(body)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ExtractionError(f"encrypted PDF needs a password: {_where(url)}") from error
        raise ExtractionError(f"corrupt or truncated PDF ({error}): {_where(url)}") from error


def _page_text(document: pdfium.PdfDocument, index: int, bbox: BBox | None = None) -> str:
    """Text of a page (or of a pdfplumber-style box on it) by pdfium."""
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            if bbox is None:
                return textpage.get_text_range()
            height = page.get_height()
            x0, top, x1, bottom = bbox
            return textpage.get_text_bounded(x0, height - bottom, x1, height - top)
        finally:
            textpage.close()
    finally:
        page.close()


def _metadata_title(document: pdfium.PdfDocument) -> str | None:
    try:
        title = (document.get_metadata_dict().get("Title") or "").strip()
    except Exception:  # noqa: BLE001 - broken metadata is simply absent
        return None
    if not title or _JUNK_TITLE.search(title) or unusable_share(title) > 0:
        return None
    return title[:_TITLE_MAX]


def _read_with_plumber(
    body: bytes, url: str, document: pdfium.PdfDocument, page_texts: list[str]
) -> dict[int, PageTables]:
    """Tables per page; pdfplumber text also stands in for pages pdfium cannot read."""
    found: dict[int, PageTables] = {}
    try:
        with pdfplumber.open(io.BytesIO(body)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                if number > min(len(page_texts), MAX_TABLE_PAGES):
                    break
                page = page.dedupe_chars()
                index = number - 1

                def region_text(bbox: BBox, index: int = index) -> str:
                    return _page_text(document, index, bbox)

                tables = find_tables(page, number, region_text)
                if tables.tables:
                    found[number] = tables
                if unusable_share(page_texts[index]) > _UNUSABLE_LIMIT:
                    plumber_text = page.extract_text() or ""
                    if unusable_share(plumber_text) < unusable_share(page_texts[index]):
                        page_texts[index] = plumber_text
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise ExtractionError(f"encrypted PDF needs a password: {_where(url)}") from error
    except Exception as error:  # noqa: BLE001 - pdfminer raises many types on bad files
        log.warning("pdfplumber could not read tables of %s: %s", _where(url), error)
    return found


def extract_pdf(body: bytes, url: str = "") -> PdfContent:
    """Text and tables of a PDF; raises :class:`ExtractionError` for unreadable files."""
    body = bytes(body or b"")
    document = _open_pdfium(body, url)
    try:
        page_texts = [_page_text(document, index) for index in range(len(document))]
        title = _metadata_title(document)
        tables_by_page = _read_with_plumber(body, url, document, page_texts)
    except pdfium.PdfiumError as error:
        raise ExtractionError(f"corrupt PDF page data ({error}): {_where(url)}") from error
    finally:
        document.close()
    texts, bodies, tables = [], [], []
    for number, raw in enumerate(page_texts, start=1):
        page_tables = tables_by_page.get(number)
        if page_tables:
            texts.append(clean_page_text(page_tables.text_with_tables))
            bodies.append(clean_page_text(page_tables.outside_text))
            tables.extend(page_tables.tables)
        else:
            texts.append(clean_page_text(raw))
            bodies.append(texts[-1])
    text = "\n".join(part for part in texts if part)
    if not title:
        title = next((line[:_TITLE_MAX] for line in text.split("\n") if line.strip()), None)
    return PdfContent(
        text=text,
        body_text="\n".join(part for part in bodies if part),
        tables=tables,
        pages=len(page_texts),
        title=title,
    )
