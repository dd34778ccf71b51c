"""PDF bytes → :class:`PdfContent`: text by pypdfium2, tables by pdfplumber."""

from __future__ import annotations

import io
import logging
import re

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from extract.errors import ExtractionError
from extract.pdftables import PageTables, find_tables
from extract.pdftext import clean_page_text, unusable_share
from extract.types import PdfContent

log = logging.getLogger(__name__)
_JUNK_TITLE = re.compile(
    r"^(untitled|无标题|microsoft word|wps|document\d*|新建)|\.(docx?|wps|pdf|xlsx?|txt)$", re.I
)
_TITLE_MAX = 120
_UNUSABLE_LIMIT = 0.3


def _open_pdfium(body: bytes, url: str) -> pdfium.PdfDocument:
    if not body:
        raise ExtractionError(f"empty PDF body: {url or '<no url>'}")
    if not body.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in body[:1024]:
        raise ExtractionError(f"not a PDF (no %PDF header): {url or '<no url>'}")
    try:
        return pdfium.PdfDocument(body)
    except pdfium.PdfiumError as error:
        reason = str(error)
        if "password" in reason.lower():
            raise ExtractionError(f"encrypted PDF needs a password: {url or '<no url>'}") from error
        where = url or "<no url>"
        raise ExtractionError(f"corrupt or truncated PDF ({reason}): {where}") from error


def _pdfium_pages(document: pdfium.PdfDocument) -> list[str]:
    texts = []
    for index in range(len(document)):
        page = document[index]
        try:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
        finally:
            page.close()
    return texts


def _metadata_title(document: pdfium.PdfDocument) -> str | None:
    try:
        title = (document.get_metadata_dict().get("Title") or "").strip()
    except Exception:  # noqa: BLE001 - broken metadata is simply absent
        return None
    if not title or _JUNK_TITLE.search(title) or unusable_share(title) > 0:
        return None
    return title[:_TITLE_MAX]


def _plumber_tables(body: bytes, url: str, page_texts: list[str]) -> list[PageTables]:
    """Tables (and text outside them) per page; plumber text replaces unusable pdfium text."""
    try:
        with pdfplumber.open(io.BytesIO(body)) as pdf:
            found = []
            for number, page in enumerate(pdf.pages, start=1):
                found.append(find_tables(page.dedupe_chars(), number))
                if unusable_share(page_texts[number - 1]) > _UNUSABLE_LIMIT:
                    plumber_text = found[-1].full_text
                    if unusable_share(plumber_text) < unusable_share(page_texts[number - 1]):
                        page_texts[number - 1] = plumber_text
            return found
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise ExtractionError(f"encrypted PDF needs a password: {url or '<no url>'}") from error
    except Exception as error:  # noqa: BLE001 - pdfminer raises many types on bad files
        log.warning("pdfplumber could not read tables of %s: %s", url, error)
        return []


def extract_pdf(body: bytes, url: str = "") -> PdfContent:
    """Text and tables of a PDF; raises :class:`ExtractionError` for unreadable files."""
    body = bytes(body or b"")
    document = _open_pdfium(body, url)
    try:
        page_texts = _pdfium_pages(document)
        title = _metadata_title(document)
    except pdfium.PdfiumError as error:
        raise ExtractionError(f"corrupt PDF page data ({error}): {url or '<no url>'}") from error
    finally:
        document.close()
    page_tables = _plumber_tables(body, url, page_texts)
    cleaned = [clean_page_text(text) for text in page_texts]
    by_page = {tables.page: tables for tables in page_tables}
    body_parts = []
    tables = []
    for number, text in enumerate(cleaned, start=1):
        found = by_page.get(number)
        if found and found.tables:
            body_parts.append(clean_page_text(found.outside_text))
            tables.extend(found.tables)
        else:
            body_parts.append(text)
    text = "\n".join(part for part in cleaned if part)
    if not title:
        title = next((line[:_TITLE_MAX] for line in text.split("\n") if line.strip()), None)
    return PdfContent(
        text=text,
        body_text="\n".join(part for part in body_parts if part),
        tables=tables,
        pages=len(page_texts),
        title=title,
    )
