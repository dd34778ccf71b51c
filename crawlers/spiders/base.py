"""The base spider for news columns of government and press sites.

Subclass it with a ``name`` and a :meth:`GovNewsSpider.build_sources` that turns spider
arguments into :class:`crawlers.sources.Source` objects; everything else is shared::

    class ProvinceSpider(GovNewsSpider):
        name = "province"

        def build_sources(self, **kwargs):
            return [s for s in load_sources() if s.id.startswith("hunan")]

From each start URL (a column page) it reads list pages (:mod:`crawlers.listing`), fetches
unknown articles, hands them to the pipelines as :class:`CapturedDocument` items and follows
pagination while a page still holds unseen links (every page, requested together, on ``full``,
on a source's first run and after an unfinished one). Attachments (PDF and Office files) linked
from stored articles are fetched afterwards by :meth:`article_stored`, from the source's own
hosts only (:mod:`crawlers.guard` checks every request and redirect).

Each source's outcome is tallied in :class:`RunState`: a start page that cannot be reached,
answers with an error page, or holds no links is a failure of the source.

A known article or PDF fetched again (``--full``) is asked for with ``If-None-Match`` /
``If-Modified-Since`` from ``seen_urls``; a 304 leaves its document as it is.

An ad-hoc source (a bare ``--start-url``) is named after
the URL's host *and port* (``127.0.0.1:8123``), so the same loopback site served on another
port is a different source with its own seen URLs.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure

from crawlers.archive import warc_name
from crawlers.documents import StoreResult
from crawlers.failures import classify_failure, failure_message, header_dict
from crawlers.followups import attachments_to_fetch
from crawlers.items import CapturedDocument
from crawlers.listing import parse_listing
from crawlers.runstate import RunState
from crawlers.sources import Source
from crawlers.urls import canonicalize, host_allowed, is_print_copy
from extract.errorpage import redirected_to_error_page
from extract.office import sniff

logger = logging.getLogger(__name__)

# List pages first: they are the only source of new work, so discovery never waits behind
# a queue of articles; PDFs before articles so articles complete (and are marked seen) early.
PRIORITY = {"list": 20, "article": 0, "attachment": 10}
FILE_KINDS = {"pdf", "docx", "xlsx", "xls", "doc", "pptx", "ppt", "ofd", "ole"}


class GovNewsSpider(scrapy.Spider):
    """Crawl the columns of the given sources (see the module docstring for subclassing)."""

    name = "govnews"

    def __init__(self, source_list: list[Source] | None = None, full: bool | str = False,
                 progress: Any = None, shared_state: Any = None, **kwargs: Any):
        super().__init__(**kwargs)
        self._progress, self._shared_state = progress, shared_state
        self.full = str(full).lower() in ("1", "true", "yes") if isinstance(full, str) else full
        self.source_list = source_list if source_list is not None else self.build_sources(**kwargs)
        if not self.source_list:
            raise ValueError(f"spider {self.name!r} has no sources to crawl")
        self.allowed_domains = sorted({d for s in self.source_list for d in s.allowed_domains})
        self._scheduled: set[str] = set()
        self._list_pages: Counter[str] = Counter()
        self.state: RunState

    def build_sources(self, **kwargs: Any) -> list[Source]:
        """Sources from spider arguments; subclasses override."""
        return []

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> GovNewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        run_id = settings.getint("RELIEFWATCH_RUN_ID") or None
        if spider._shared_state is not None:  # a worker of a crawl shared through Redis
            spider.state = spider._shared_state
            spider.state.spider = spider
            crawler.signals.connect(spider.state.idle, signal=signals.spider_idle)
        else:
            spider.state = RunState.open(
                settings.get("RELIEFWATCH_DB"), spider.source_list, run_id=run_id,
                full=spider.full,
                commit_items=settings.getint("RELIEFWATCH_COMMIT_ITEMS", 100),
                commit_seconds=settings.getfloat("RELIEFWATCH_COMMIT_SECONDS", 0.5))
        if not settings.get("RELIEFWATCH_WARC_PATH") and settings.get("RELIEFWATCH_ARCHIVE_DIR"):
            path = f"{settings['RELIEFWATCH_ARCHIVE_DIR']}/{warc_name(spider.state.run_id)}"
            settings.set("RELIEFWATCH_WARC_PATH", path, priority="spider")
        crawler.signals.connect(spider.on_opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        crawler.signals.connect(spider.on_spider_error, signal=signals.spider_error)
        crawler.signals.connect(spider.on_item_error, signal=signals.item_error)
        crawler.signals.connect(spider.on_response, signal=signals.response_received)
        spider.state.on_fatal = spider.stop_for_database
        spider.state.progress = spider._progress
        return spider

    # -- requests ---------------------------------------------------------------------------
    def _request(self, url: str, kind: str, source_id: str, callback, **meta: Any) -> Request:
        meta.update(rw_kind=kind, rw_source=source_id)
        headers = self.state.conditional_headers(canonicalize(url)) if kind != "list" else {}
        if headers:  # a known document fetched again (--full): 304 means unchanged
            meta["handle_httpstatus_list"] = [304]
        # A shared crawl lets the Redis duplicate filter see every URL across workers.
        return Request(url, callback=callback, errback=self.on_error, meta=meta,
                       headers=headers or None, priority=PRIORITY[kind],
                       dont_filter=not self.state.shared)

    async def start(self) -> AsyncIterator[Any]:
        if self.state.shared:
            return  # the writer of a shared crawl hands out the start pages
        for source in self.source_list:
            for url in source.start_urls:
                self._scheduled.add(canonicalize(url))
                yield self._request(url, "list", source.id, self.parse_list, rw_start=url,
                                    rw_is_start=True)

    def _max_list_pages(self, source: Source) -> int:
        return source.hints.max_pages or self.settings.getint("RELIEFWATCH_MAX_LIST_PAGES", 200)

    # Callbacks return lists, not generators: Scrapy re-reads a generator callback's source
    # to look for ``return value`` (WARN_ON_GENERATOR_RETURN_VALUE), about once per response.
    def parse_list(self, response: Response) -> list:
        """A column page: schedule unseen articles and PDFs, then maybe the next page."""
        meta = response.meta
        source = self.state.sources[meta["rw_source"]]
        start = meta["rw_start"]
        if sniff(response.body) in FILE_KINDS:
            self.state.start_ok(source.id)
            return [self._captured(response, "attachment", header_dict(response))]
        if meta.get("redirect_urls") and redirected_to_error_page(response.url):
            self.state.error(meta["redirect_urls"][0], "soft404",
                             "redirected to the site's error page", 200, source.id)
            return []
        out = []
        from extract import decode_html

        html, _encoding = decode_html(response.body, header_dict(response))
        listing = parse_listing(
            html, response.url, start, lambda u: host_allowed(u, source.allowed_domains),
            source.hints.list_item_selector)
        if meta.get("rw_is_start"):
            if listing.articles or listing.attachments or listing.pages or listing.next_page:
                self.state.start_ok(source.id)
            else:
                self.state.error(response.url, "parse", "no article, attachment or page "
                                 "links found on the start page", response.status, source.id)
        fresh = 0
        # print copies last and at a lower priority: the article itself is stored first
        articles = sorted(listing.articles, key=is_print_copy)
        for url, kind, callback in (
            [(u, "article", self.parse_article) for u in articles]
            + [(u, "attachment", self.parse_attachment) for u in listing.attachments]
        ):
            canonical = canonicalize(url)
            if canonical in self._scheduled or self.state.is_known(canonical):
                continue
            self._scheduled.add(canonical)
            fresh += self.state.is_fresh(canonical)
            request = self._request(url, kind, source.id, callback, rw_start=start)
            if is_print_copy(url):
                request.priority -= 1
            out.append(request)
        if self.state.paginate_fully(source.id):
            pages = [*([listing.next_page] if listing.next_page else []), *listing.pages]
        elif fresh and listing.next_page:
            pages = [listing.next_page]
        else:
            pages = []
        for url in pages:
            canonical = canonicalize(url)
            if canonical in self._scheduled:
                continue
            if self._list_pages[start] >= self._max_list_pages(source):
                logger.info("list page cap reached for %s", start)
                break
            self._scheduled.add(canonical)
            self._list_pages[start] += 1
            out.append(self._request(url, "list", source.id, self.parse_list, rw_start=start))
        if self.state.shared:  # queue the links now, then close this page's unit of work
            for request in out:
                self.crawler.engine.crawl(request)
            self.state.unit_done(response.request)
            return []
        return out

    def parse_article(self, response: Response) -> list:
        headers = self._not_modified(response)
        if headers is None:
            return []
        kind = "attachment" if sniff(response.body) in FILE_KINDS else "article"
        return [self._captured(response, kind, headers)]

    def parse_attachment(self, response: Response) -> list:
        headers = self._not_modified(response)
        return [] if headers is None else [self._captured(response, "attachment", headers)]

    def _not_modified(self, response: Response) -> dict[str, str] | None:
        """Handle a 304 (None); else remember the response's validators, return its headers."""
        canonical = canonicalize(response.request.url)
        if response.status == 304:
            self.state.not_modified(canonical)
            self.state.unit_done(response.request)
            if response.meta.get("rw_kind") == "attachment":
                self.state.attachment_done(response.meta.get("rw_parent"), canonical)
            return None
        headers = header_dict(response)
        self.state.fetched(canonical, headers)
        return headers

    def _captured(self, response: Response, kind: str,
                  headers: dict[str, str]) -> CapturedDocument:
        meta = response.meta
        redirects = meta.get("redirect_urls") or []
        # The address the list or article linked (before redirects) is the one marked seen.
        requested = redirects[0] if redirects else response.request.url
        return CapturedDocument(
            kind=kind, url=response.url, canonical_url=canonicalize(requested),
            source_id=meta["rw_source"], status=response.status, headers=headers,
            body=response.body, warc_file=meta.get("warc_file"),
            warc_offset=meta.get("warc_offset"), parent_url=meta.get("rw_parent"),
            parent_id=meta.get("rw_parent_id"), parent_relevant=meta.get("rw_parent_relevant",
                                                                         False),
            extra={**({"requested_url": redirects[0]} if redirects else {}),
                   **({"rw_unit": meta["rw_unit"]} if meta.get("rw_unit") else {})})

    # -- called by the store pipeline ------------------------------------------------------
    def article_stored(self, item: CapturedDocument, result: StoreResult) -> None:
        """Schedule the article's unseen PDFs; it is marked seen once they are done."""
        fetch = attachments_to_fetch(self.state, item.source_id, result, self._scheduled)
        for url, _canonical in fetch:
            request = self._request(
                url, "attachment", item.source_id, self.parse_attachment,
                rw_parent=item.canonical_url, rw_parent_id=result.document_id,
                rw_parent_relevant=result.relevant)
            self.crawler.engine.crawl(request)
        waiting = [canonical for _url, canonical in fetch]
        self.state.article_stored(item.canonical_url, result.document_id, result.sha256,
                                  waiting)

    # -- errors and closing ----------------------------------------------------------------
    def on_error(self, failure: Failure) -> None:
        request = failure.request
        meta = request.meta
        kind, status = classify_failure(failure)
        if meta.get("rw_kind") == "attachment":
            self.state.attachment_done(meta.get("rw_parent"), canonicalize(request.url))
        if meta.get("rw_kind") in ("article", "attachment"):
            # Refused and robots-forbidden URLs are settled (403); cut-off, oversized and
            # looping answers (0) are retried by later runs (see db.crawlstate).
            settled = kind == "offsite" or (failure.check(IgnoreRequest) and kind in (
                "fetch", "dns", "refused"))
            code = failure.value.response.status if failure.check(HttpError) else (
                403 if settled else 0)
            self.state.failed(canonicalize(request.url), code)
        if kind == "fetch" and failure.check(IgnoreRequest) and not failure.check(HttpError):
            logger.info("skipped %s: %s", request.url, failure.value)  # robots.txt
        else:
            self.state.error(request.url, kind, failure_message(failure), status,
                             meta.get("rw_source"))
        self.state.unit_done(request)

    def on_response(self, response: Response, request: Request, spider=None) -> None:
        self.state.page(request.meta.get("rw_source"))

    def on_spider_error(self, failure: Failure, response: Response, spider=None) -> None:
        self.state.error(response.url, "parse", f"{type(failure.value).__name__} while "
                         "reading the page (details in the log)", None,
                         response.meta.get("rw_source"))
        self.state.unit_done(response.request)

    def on_item_error(self, item: Any, response: Response, spider=None, failure=None) -> None:
        url = getattr(item, "url", None) or response.url
        self.state.error(url, "pipeline", f"{type(failure.value).__name__} while storing "
                         "(details in the log)", None, getattr(item, "source_id", None))
        self.state.unit_done((getattr(item, "extra", None) or {}).get("rw_unit"))

    def stop_for_database(self) -> None:
        """The database cannot be written: stop the crawl (no more requests)."""
        from scrapy.utils.defer import deferred_from_coro

        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason="database_error"))

    def on_opened(self, spider=None) -> None:
        """Commit the open batch on a timer, so a quiet crawl does not hold writes back."""
        self._committer = LoopingCall(self.state.commit)
        self._committer.start(self.state.commit_seconds, now=False)

    def on_closed(self, spider=None, reason: str = "finished") -> None:
        committer = getattr(self, "_committer", None)
        if committer is not None and committer.running:
            committer.stop()
        stats = self.crawler.stats
        self.state.finish(reason, pages_fetched=stats.get_value("response_received_count", 0),
                          requests=stats.get_value("downloader/request_count", 0))
