"""Plain records handed from extraction to the next stage."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """A web page's article: metadata, body text and the links found in it."""

    url: str
    title: str | None
    text: str
    published: str | None = None  # ISO date "YYYY-MM-DD" (or "YYYY-MM") when known
    publisher: str | None = None
    lang: str | None = None  # "zh", "en" or "mixed"
    encoding: str | None = None
    attachments: list[str] = field(default_factory=list)  # absolute URLs of PDFs etc.
    links: list[str] = field(default_factory=list)  # absolute URLs of all links in the page
    canonical: str | None = None  # absolute URL of <link rel="canonical">, when given
    visible_chars: int = 0  # visible characters of the whole page (rough tag strip)


@dataclass
class PdfTable:
    page: int
    rows: list[list[str | None]]


@dataclass
class PdfContent:
    """A PDF's text (all of it, for search), its text outside tables, and its tables."""

    text: str
    body_text: str
    tables: list[PdfTable] = field(default_factory=list)
    pages: int = 0
    title: str | None = None
