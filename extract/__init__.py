"""Extraction stage: clean text and metadata from captured HTML and PDF bytes.

Public API: :func:`extract_article`, :func:`extract_pdf`, :func:`decode_html`,
:func:`detect_lang`, :class:`ExtractionError`, :class:`Article`, :class:`PdfContent`.
"""

from extract.encoding import decode_html
from extract.errors import ExtractionError
from extract.html import extract_article
from extract.lang import detect_lang
from extract.pdf import extract_pdf
from extract.types import Article, PdfContent, PdfTable

__all__ = [
    "Article",
    "ExtractionError",
    "PdfContent",
    "PdfTable",
    "decode_html",
    "detect_lang",
    "extract_article",
    "extract_pdf",
]
