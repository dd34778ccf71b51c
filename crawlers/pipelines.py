"""Item pipelines: validate the captured item, then extract and store it.

Archiving happens earlier, in :class:`crawlers.archive.WarcArchiveMiddleware`, so every response
(also list pages, robots.txt and error pages) is in the WARC file and items arrive with
``warc_file``/``warc_offset`` set. Failures are recorded in ``crawl_errors`` and the item is
dropped; nothing raised here stops the crawl. Commits are batched (:mod:`crawlers.runstate`).
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawlers.items import CapturedDocument

KINDS = {"article", "pdf"}


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
                                    getattr(item, "status", None))
            if getattr(item, "kind", None) == "pdf":
                self.spider.state.attachment_done(item.parent_url, item.canonical_url)
            raise DropItem("; ".join(problems))
        return item


class StorePipeline(_StagePipeline):
    """Extract text and metadata (``extract``), judge relevance, store the document."""

    def process_item(self, item: CapturedDocument) -> CapturedDocument:
        state = self.spider.state
        try:
            if item.kind == "article":
                result = state.writer.write_article(item)
            else:
                result = state.writer.write_pdf(item)
        except Exception as exc:  # noqa: BLE001 - any bad document is recorded and skipped
            kind = "pdf" if item.kind == "pdf" else "extract"
            state.error(item.url, kind, f"{type(exc).__name__}: {exc}", item.status)
            if item.kind == "pdf":
                state.attachment_done(item.parent_url, item.canonical_url)
            raise DropItem(f"could not store {item.url}: {exc}") from exc
        state.count(result.outcome)
        if item.kind == "article":
            self.spider.article_stored(item, result)
        else:
            state.attachment_done(item.parent_url, item.canonical_url, result.document_id,
                                  result.sha256)
        state.stored()
        return item
