"""Extraction stage: clean text and metadata from captured HTML and PDF bytes.

Public API: :func:`extract_article`, :func:`extract_pdf`, :class:`Article`, :class:`PdfContent`.
"""

from extract.types import Article, PdfContent, PdfTable

__all__ = ["Article", "PdfContent", "PdfTable", "extract_article", "extract_pdf"]


def extract_article(body: bytes, url: str, headers: dict[str, str] | None = None) -> Article:
    """Decode and parse an HTML page into an :class:`Article`. Placeholder."""
    raise NotImplementedError


def extract_pdf(body: bytes, url: str = "") -> PdfContent:
    """Text and tables of a PDF. Placeholder."""
    raise NotImplementedError
