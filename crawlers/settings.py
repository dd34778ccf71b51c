"""Scrapy settings for ReliefWatch, polite by default; deployment values come from the
environment (``RELIEFWATCH_*``), and :func:`crawlers.api.crawl` overrides per run.

Environment: RELIEFWATCH_CONTACT (URL in the User-Agent), RELIEFWATCH_DB,
RELIEFWATCH_ARCHIVE_DIR, RELIEFWATCH_DOWNLOAD_DELAY, RELIEFWATCH_CONCURRENCY_PER_DOMAIN,
RELIEFWATCH_AUTOTHROTTLE (0/1), RELIEFWATCH_TIMEOUT, RELIEFWATCH_RETRY_TIMES,
RELIEFWATCH_LOG_LEVEL.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version


def _env_float(name: str, default: float) -> float:
    return float(os.getenv(name, default))


def _env_int(name: str, default: int) -> int:
    return int(os.getenv(name, default))


try:
    VERSION = version("reliefwatch")
except PackageNotFoundError:  # running from a plain checkout
    VERSION = "0.0.0"

BOT_NAME = "reliefwatch"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

RELIEFWATCH_CONTACT = os.getenv("RELIEFWATCH_CONTACT", "https://github.com/reliefwatch/reliefwatch")
USER_AGENT = f"ReliefWatch/{VERSION} (+{RELIEFWATCH_CONTACT})"
ROBOTSTXT_OBEY = True

# Politeness: few parallel requests per site, a base delay, AutoThrottle on top.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = _env_int("RELIEFWATCH_CONCURRENCY_PER_DOMAIN", 2)
DOWNLOAD_DELAY = _env_float("RELIEFWATCH_DOWNLOAD_DELAY", 1.0)
AUTOTHROTTLE_ENABLED = os.getenv("RELIEFWATCH_AUTOTHROTTLE", "1") not in ("0", "false", "no")
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RELIEFWATCH_MAX_CRAWL_DELAY = 60.0

# Robustness: timeouts, retries with exponential backoff, size cap.
DOWNLOAD_TIMEOUT = _env_int("RELIEFWATCH_TIMEOUT", 30)
RETRY_ENABLED = True
RETRY_TIMES = _env_int("RELIEFWATCH_RETRY_TIMES", 3)
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 60.0
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024
REDIRECT_MAX_TIMES = 10

DOWNLOADER_MIDDLEWARES = {
    "crawlers.guard.HostGuardMiddleware": 50,
    "crawlers.middlewares.CrawlDelayMiddleware": 110,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
    "crawlers.archive.WarcArchiveMiddleware": 950,
}
ITEM_PIPELINES = {
    "crawlers.pipelines.ValidatePipeline": 100,
    "crawlers.pipelines.StorePipeline": 500,
}

# ReliefWatch's own settings.
RELIEFWATCH_DB = os.getenv("RELIEFWATCH_DB", "data/reliefwatch.db")
RELIEFWATCH_ARCHIVE_DIR = os.getenv("RELIEFWATCH_ARCHIVE_DIR", "data/archive")
RELIEFWATCH_RUN_ID = 0  # 0: the spider opens its own crawl run
RELIEFWATCH_WARC_PATH = None  # set per run
RELIEFWATCH_MAX_LIST_PAGES = 200  # per start URL, unless the source's hints say otherwise
# Database writes are committed in batches: every N documents or T seconds, and at the end.
RELIEFWATCH_COMMIT_ITEMS = 100
RELIEFWATCH_COMMIT_SECONDS = 0.5

# Items in parallel per response: a page yields at most one document, and Scrapy starts one
# asyncio task per slot for every response (100 by default), whatever the page yields.
CONCURRENT_ITEMS = 4

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.getenv("RELIEFWATCH_LOG_LEVEL", "INFO")
FEED_EXPORT_ENCODING = "utf-8"
