"""Item pipelines: validate the captured item, then extract and store it.

Archiving happens earlier, in :class:`crawlers.archive.WarcArchiveMiddleware`, so every response
(also list pages, robots.txt and error pages) is in the WARC file and items arrive with
``warc_file``/``warc_offset`` set. Failures are recorded in ``crawl_errors`` and the item is
dropped; nothing raised here stops the crawl. Commits are batched (:mod:`crawlers.runstate`).
"""

from __future__ import annotations

import logging
import sqlite3

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawlers.documents import ErrorPage
from crawlers.items import CapturedDocument
from extract import ExtractionError

KINDS = {"article", "attachment", "pdf"}
logger = logging.getLogger(__name__)


def validation_errors(item: CapturedDocument) -> list[str]:
    """What is wrong with an item (empty list when it is fine)."""
    problems = []
    if not isinstance(item, CapturedDocument):
        return [f"unexpected item type {type(item).__name__}"]
    if item.kind not in KINDS:
        problems.append(f"kind {item.kind!r} not in {sorted(KINDS)}")
    if not item.url.startswith(("http://", "https://")):
        problems.append(f"url {item.url!r} is not http(s)")
    if not item.source_id:
        problems.append("missing source_id")
    if not isinstance(item.body, bytes):
        problems.append("body must be bytes as received")
    elif not item.body.strip():
        problems.append("empty body")
    if item.status != 200:
        problems.append(f"HTTP status {item.status}")
    return problems


class _StagePipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    @property
    def spider(self):
        return self.crawler.spider


class ValidatePipeline(_StagePipeline):
    """Drop (and record) items that cannot be a document."""

    def process_item(self, item: CapturedDocument) -> CapturedDocument:
        problems = validation_errors(item)
        if problems:
            url = getattr(item, "url", "")
            self.spider.state.error(url, "validate", "; ".join(problems),
                                    getattr(item, "status", None),
                                    getattr(item, "source_id", None))
            extra = getattr(item, "extra", None) or {}
            self.spider.state.unit_done(extra.get("rw_unit"))
            if getattr(item, "kind", None) in ("attachment", "pdf"):
                self.spider.state.attachment_done(item.parent_url, item.canonical_url)
            raise DropItem("; ".join(problems))
        return item


class StorePipeline(_StagePipeline):
    """Extract text and metadata (``extract``), judge relevance, store the document.

    An error page (soft 404) is recorded as an error (kind ``soft404``) and its URL settled
    like a 404; a database that cannot be written stops the crawl (:class:`RunState`).
    """

    def process_item(self, item: CapturedDocument) -> CapturedDocument:
        state = self.spider.state
        attachment = item.kind != "article"
        try:
            if attachment:
                result = state.writer.write_attachment(item)
            else:
                result = state.writer.write_article(item)
        except sqlite3.OperationalError as exc:
            state.database_failed(exc)
            raise DropItem(f"database error storing {item.url}") from exc
        except Exception as exc:  # noqa: BLE001 - any bad document is recorded and skipped
            self._failed(item, exc)
            raise DropItem(f"could not store {item.url}: {type(exc).__name__}") from exc
        state.count(result.outcome, item.source_id)
        if result.warning:
            state.error(item.url, result.warning_kind or "warning", result.warning,
                        item.status, item.source_id)
        if attachment:
            state.attachment_done(item.parent_url, item.canonical_url, result.document_id,
                                  result.sha256)
        else:
            self.spider.article_stored(item, result)
        state.stored()
        return item

    def _failed(self, item: CapturedDocument, exc: Exception) -> None:
        state = self.spider.state
        if isinstance(exc, ErrorPage):
            kind, message = "soft404", str(exc)
            state.failed(item.canonical_url, 404)
        elif isinstance(exc, ExtractionError):  # our own words, never the body
            kind, message = ("pdf" if "PDF" in str(exc) else "attachment") \
                if item.kind != "article" else "extract", str(exc)
        else:
            logger.error("could not store %s", item.url, exc_info=exc)
            kind = "extract" if item.kind == "article" else "attachment"
            message = f"{type(exc).__name__} while reading the document (details in the log)"
        url = item.extra.get("requested_url") or item.url  # the address that was linked
        state.error(url, kind, message, item.status, item.source_id)
        if item.kind != "article":
            state.attachment_done(item.parent_url, item.canonical_url)
