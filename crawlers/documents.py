"""Turn captured bytes into document rows: extract, judge relevance, store.

Used by the Scrapy pipeline during a crawl and by :func:`crawlers.api.reextract_archive`, so a
document rebuilt from the WARC archive is the same as one stored while crawling.

Rules kept here:

* an error page answered with status 200 (a soft 404) raises :class:`ErrorPage`: no document;
* an article is stored under its canonical address: the page's ``<link rel="canonical">`` (on
  the source's hosts), else the URL fetched; a printer-friendly copy never takes the place of
  its article. The other addresses go to ``document_aliases`` (reason ``canonical``,
  ``print`` or ``duplicate``);
* a document whose text is implausibly short for the page's size is stored with a warning
  (the pipeline records it in ``crawl_errors``);
* attachments (PDF and Office files) are written by :mod:`crawlers.attachments`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlite_utils

from crawlers.items import CapturedDocument
from crawlers.relevance import is_relevant, keyword_pattern
from crawlers.sources import Source
from crawlers.urls import (
    canonicalize,
    host_allowed,
    is_attachment,
    is_print_copy,
    looks_like_list_page,
)
from db import store_document
from db.crawlstate import add_alias, adopt_document
from db.store import sha256_text
from extract import Article, ExtractionError, extract_article
from extract.errorpage import error_page_reason

_PDF_MAGIC = re.compile(rb"^\s{0,1024}%PDF-", re.S)
SHORT_TEXT_SHARE = 0.05  # kept text under 5% of the page's visible characters ...
SHORT_TEXT_MIN_PAGE = 3000  # ... on a page with at least this many: text was probably lost


class ErrorPage(ExtractionError):
    """A page answered with status 200 that is an error page (page not found ...)."""


@dataclass
class StoreResult:
    document_id: int
    outcome: str  # new | updated | unchanged | duplicate
    relevant: bool
    sha256: str | None = None
    attachments: list[str] = field(default_factory=list)
    warning: str | None = None  # stored, but worth a crawl_errors row (kind ``warning_kind``)
    warning_kind: str | None = None


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
    """Stores articles and attachments of one crawl run."""

    def __init__(self, db: sqlite_utils.Database, run_id: int, sources: dict[str, Source]):
        self.db = db
        self.run_id = run_id
        self.sources = sources
        self._patterns: dict[str, re.Pattern[str]] = {}

    def pattern(self, source_id: str) -> re.Pattern[str]:
        if source_id not in self._patterns:
            source = self.sources.get(source_id)
            self._patterns[source_id] = keyword_pattern(source.hints.keywords if source else ())
        return self._patterns[source_id]

    def base_row(self, cap: CapturedDocument) -> dict:
        source = self.sources.get(cap.source_id)
        return {
            "source_id": cap.source_id, "url": cap.url, "crawl_run_id": self.run_id,
            "warc_file": cap.warc_file, "warc_offset": cap.warc_offset, "size": len(cap.body),
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
        """Extract an HTML article and store it; raises :class:`ErrorPage` for soft 404s."""
        article = self.extract(cap)
        reason = error_page_reason(article.title, article.text, len(cap.body), cap.url,
                                   cap.extra.get("requested_url"), bool(article.attachments))
        if reason:
            raise ErrorPage(reason)
        return self.store_article(cap, article)

    def store_article(self, cap: CapturedDocument, article: Article) -> StoreResult:
        """Store an extracted article; returns its id, outcome and attachment links."""
        relevant = is_relevant(self.pattern(cap.source_id), article.title, article.text)
        row = self.base_row(cap)
        canonical = self._canonical(cap, article)
        if canonical:  # a copy of a page already stored under its own address: an alias
            known = self.db.execute("select id, sha256 from documents where url = ?",
                                    [canonical]).fetchone()
            if known:
                add_alias(self.db, cap.url, known[0], "canonical", self.run_id)
                return StoreResult(known[0], "unchanged", relevant, known[1])
        row.update({
            "url": canonical or cap.url, "title": article.title,
            "published": article.published, "publisher": article.publisher or row["publisher"],
            "lang": article.lang or row["lang"], "content_type": "text/html",
            "relevant": int(relevant), "text": article.text or "",
            "sha256": sha256_text(article.text or ""),
        })
        doc_id, outcome = store_document(self.db, row)
        outcome = self._keep_aliases(doc_id, outcome, row, cap.url if canonical else None)
        attachments = list(dict.fromkeys(a for a in article.attachments if is_attachment(a)))
        result = StoreResult(doc_id, outcome, relevant, row["sha256"], attachments)
        kept = len(article.text or "")
        if (article.visible_chars >= SHORT_TEXT_MIN_PAGE
                and kept < article.visible_chars * SHORT_TEXT_SHARE):
            result.warning_kind = "short_text"
            result.warning = (f"text implausibly short for the page: {kept} characters kept of "
                              f"about {article.visible_chars} visible")
        return result

    def _canonical(self, cap: CapturedDocument, article: Article) -> str | None:
        """The page's canonical address when it is usable and differs from the fetched URL."""
        url = article.canonical
        source = self.sources.get(cap.source_id)
        if not url or canonicalize(url) == canonicalize(cap.url):
            return None
        if source is not None and not host_allowed(url, source.allowed_domains):
            return None
        if looks_like_list_page(url) or is_print_copy(url):
            return None  # templates that name the home or column page as every page's canonical
        return url

    def _keep_aliases(self, doc_id: int, outcome: str, row: dict, fetched: str | None) -> str:
        """Record the other addresses of ``doc_id`` (see the module docstring); returns the
        outcome, ``unchanged`` when this article took its place back from a print copy."""
        if fetched:
            add_alias(self.db, fetched, doc_id, "canonical", self.run_id)
        if outcome != "duplicate":
            return outcome
        url = row["url"]
        found = self.db.execute("select url from documents where id = ?", [doc_id]).fetchone()
        stored = found[0] if found else url
        if stored == url:
            return outcome
        if is_print_copy(stored) and not is_print_copy(url):  # the article wins
            adopt_document(self.db, doc_id, row, "print", self.run_id)
            return "unchanged"
        add_alias(self.db, url, doc_id, "print" if is_print_copy(url) else "duplicate",
                  self.run_id)
        return outcome

    def parent(self, parent_id: int | None) -> dict:
        if parent_id is None:
            return {}
        row = self.db.execute(
            "select published, publisher, lang from documents where id = ?", [parent_id]
        ).fetchone()
        return dict(zip(("published", "publisher", "lang"), row, strict=True)) if row else {}

    def write_attachment(self, cap: CapturedDocument) -> StoreResult:
        """Read a PDF or Office file and store it (see :mod:`crawlers.attachments`)."""
        from crawlers.attachments import write_attachment

        return write_attachment(self, cap)

    write_pdf = write_attachment  # the name used before Office files were read
