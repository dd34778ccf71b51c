"""Turn captured bytes into document rows: extract, judge relevance, store.

Used by the Scrapy pipeline during a crawl and by :func:`crawlers.api.reextract_archive`, so a
document rebuilt from the WARC archive is the same as one stored while crawling.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import sqlite_utils

from crawlers.items import CapturedDocument
from crawlers.relevance import is_relevant, keyword_pattern
from crawlers.sources import Source
from crawlers.urls import is_attachment
from db import store_document
from db.store import sha256_text
from extract import Article, PdfContent, extract_article, extract_pdf

_PDF_MAGIC = re.compile(rb"^\s{0,1024}%PDF-", re.S)


class NotAPdf(ValueError):
    """A link to a PDF answered with something else (an HTML error page, ...)."""


@dataclass
class StoreResult:
    document_id: int
    outcome: str  # new | updated | unchanged | duplicate
    relevant: bool
    sha256: str | None = None
    attachments: list[str] = field(default_factory=list)


def is_pdf(body: bytes, headers: dict[str, str]) -> bool:
    """True for PDF bytes (by magic number; the Content-Type is often wrong)."""
    return bool(_PDF_MAGIC.match(body[:1100]))


def headers_with_encoding(headers: dict[str, str], encoding: str | None) -> dict[str, str]:
    """Headers with the Content-Type charset replaced by a source's encoding override."""
    if not encoding:
        return dict(headers)
    kept = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    kept["Content-Type"] = f"text/html; charset={encoding}"
    return kept


class DocumentWriter:
    """Stores articles and PDFs of one crawl run."""

    def __init__(self, db: sqlite_utils.Database, run_id: int, sources: dict[str, Source]):
        self.db = db
        self.run_id = run_id
        self.sources = sources
        self._patterns: dict[str, re.Pattern[str]] = {}

    def _pattern(self, source_id: str) -> re.Pattern[str]:
        if source_id not in self._patterns:
            source = self.sources.get(source_id)
            self._patterns[source_id] = keyword_pattern(source.hints.keywords if source else ())
        return self._patterns[source_id]

    def _base_row(self, cap: CapturedDocument) -> dict:
        source = self.sources.get(cap.source_id)
        return {
            "source_id": cap.source_id, "url": cap.url, "crawl_run_id": self.run_id,
            "warc_file": cap.warc_file, "warc_offset": cap.warc_offset,
            "publisher": source.publisher if source else None,
            "lang": source.language if source else None,
        }

    def extract(self, cap: CapturedDocument) -> Article:
        """An article's text and metadata, with its source's encoding and body hints."""
        source = self.sources.get(cap.source_id)
        headers = headers_with_encoding(cap.headers, source.hints.encoding if source else None)
        return extract_article(cap.body, cap.url, headers,
                               body_selector=source.hints.article_selector if source else None)

    def write_article(self, cap: CapturedDocument) -> StoreResult:
        """Extract an HTML article and store it."""
        return self.store_article(cap, self.extract(cap))

    def store_article(self, cap: CapturedDocument, article: Article) -> StoreResult:
        """Store an extracted article; returns its id, outcome and PDF links."""
        relevant = is_relevant(self._pattern(cap.source_id), article.title, article.text)
        row = self._base_row(cap)
        row.update({
            "title": article.title, "published": article.published,
            "publisher": article.publisher or row["publisher"],
            "lang": article.lang or row["lang"], "content_type": "text/html",
            "relevant": int(relevant), "text": article.text or "",
            "sha256": sha256_text(article.text or ""),
        })
        doc_id, outcome = store_document(self.db, row)
        attachments = list(dict.fromkeys(a for a in article.attachments if is_attachment(a)))
        return StoreResult(doc_id, outcome, relevant, row["sha256"], attachments)

    @staticmethod
    def check_pdf(cap: CapturedDocument) -> None:
        """Raise :class:`NotAPdf` unless the bytes are a PDF."""
        if not is_pdf(cap.body, cap.headers):
            raise NotAPdf(f"expected a PDF, got {len(cap.body)} bytes starting "
                          f"{cap.body[:40]!r}")

    def write_pdf(self, cap: CapturedDocument) -> StoreResult:
        """Read a PDF and store it."""
        self.check_pdf(cap)
        return self.store_pdf(cap, extract_pdf(cap.body, cap.url))

    def store_pdf(self, cap: CapturedDocument, content: PdfContent) -> StoreResult:
        """Store a read PDF (text and tables) as a child of its article, if any."""
        relevant = cap.parent_relevant or is_relevant(
            self._pattern(cap.source_id), content.title, content.text)
        row = self._base_row(cap)
        parent = self._parent(cap.parent_id)
        row.update({
            "title": content.title or unquote(urlsplit(cap.url).path.rsplit("/", 1)[-1]),
            "published": parent.get("published"),
            "publisher": parent.get("publisher") or row["publisher"],
            "lang": parent.get("lang") or row["lang"], "content_type": "application/pdf",
            "relevant": int(relevant), "text": content.text or "", "parent_id": cap.parent_id,
            "tables": json.dumps([{"page": t.page, "rows": t.rows} for t in content.tables],
                                 ensure_ascii=False),
            "sha256": sha256_text(content.text or ""),
        })
        doc_id, outcome = store_document(self.db, row)
        return StoreResult(doc_id, outcome, relevant, row["sha256"])

    def _parent(self, parent_id: int | None) -> dict:
        if parent_id is None:
            return {}
        row = self.db.execute(
            "select published, publisher, lang from documents where id = ?", [parent_id]
        ).fetchone()
        return dict(zip(("published", "publisher", "lang"), row, strict=True)) if row else {}
