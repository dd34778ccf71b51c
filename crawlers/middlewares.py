"""Politeness and robustness middlewares Scrapy lacks.

* :class:`BackoffRetryMiddleware`: Scrapy's retry (5xx, timeouts, dropped connections) with an
  exponential pause before each new attempt (``RETRY_BACKOFF_BASE`` * 2**(attempt-1), capped
  at ``RETRY_BACKOFF_MAX`` seconds). Scrapy's own RetryMiddleware retries at once.
* :class:`CrawlDelayMiddleware`: applies a robots.txt ``Crawl-delay`` to the host's download
  slot. Scrapy's RobotsTxtMiddleware parses robots.txt for Allow/Disallow only and ignores
  Crawl-delay, although its parsers expose it.
"""

from __future__ import annotations

import asyncio
import logging

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached

logger = logging.getLogger(__name__)


def backoff_delay(attempt: int, base: float, cap: float) -> float:
    """Seconds to wait before retry number ``attempt`` (1-based)."""
    if base <= 0:
        return 0.0
    return min(cap, base * 2 ** max(0, attempt - 1))


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits longer before each retry of the same request."""

    def __init__(self, settings, crawler: Crawler | None = None):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        mw = cls(crawler.settings, crawler)
        mw.crawler = crawler
        return mw

    async def _pause(self, result):
        if isinstance(result, Request):
            attempt = int(result.meta.get("retry_times", 1))
            delay = backoff_delay(attempt, self.backoff_base, self.backoff_max)
            if delay:
                logger.debug("retry %d of %s in %.2fs", attempt, result.url, delay)
                await asyncio.sleep(delay)
        return result

    async def process_response(self, request: Request, response: Response):  # type: ignore[override]
        return await self._pause(super().process_response(request, response))

    async def process_exception(self, request: Request, exception: Exception):  # type: ignore[override]
        return await self._pause(super().process_exception(request, exception))


class CrawlDelayMiddleware:
    """Honour robots.txt ``Crawl-delay`` per host (place it after RobotsTxtMiddleware)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.delays: dict[str, float] = {}
        self.user_agent = (crawler.settings.get("ROBOTSTXT_USER_AGENT")
                           or crawler.settings.get("USER_AGENT") or "*")
        self.max_delay = crawler.settings.getfloat("RELIEFWATCH_MAX_CRAWL_DELAY", 60.0)
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelayMiddleware:
        return cls(crawler)

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        try:
            delay = robotparser.crawl_delay(self.user_agent)
        except Exception:  # noqa: BLE001 - a malformed robots.txt must not stop the crawl
            delay = None
        if delay:
            host = urlparse_cached(request).hostname or ""
            self.delays[host] = min(float(delay), self.max_delay)
            logger.info("robots.txt of %s asks for Crawl-delay %.1fs", host, self.delays[host])

    def process_request(self, request: Request) -> None:
        delay = self.delays.get(urlparse_cached(request).hostname or "")
        if not delay:
            return None
        request.meta["autothrottle_dont_adjust_delay"] = True
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        downloader.per_slot_settings.setdefault(key, {})["delay"] = delay
        slot = downloader.slots.get(key)
        if slot is not None and slot.delay < delay:
            slot.delay = delay
        return None
