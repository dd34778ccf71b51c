"""Crawler test helpers: fixture sites on 127.0.0.1 and crawls in a child process.

Each crawl runs ``crawlers.api.crawl`` in a fresh Python process (Twisted's reactor cannot be
restarted), exactly as the CLI runs it, against a real HTTP server in this process.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from crawlers.api import CrawlSummary, crawl_in_subprocess
from reliefwatch.sitehost import SiteServer, serve_site

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"

# Politeness off and short timeouts so broken pages fail fast.
FAST = {
    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_TIMEOUT": 1, "RETRY_TIMES": 1, "RETRY_BACKOFF_BASE": 0.05, "LOG_LEVEL": "WARNING",
}


def run_crawl(db_path: Path, start_urls: list[str], **kwargs) -> CrawlSummary:
    settings = {**FAST, **kwargs.pop("settings", {})}
    return crawl_in_subprocess(db_path=str(db_path), start_urls=start_urls, settings=settings,
                               **kwargs)


def rows(db_path: Path, sql: str, params: list | None = None) -> list[dict]:
    db = sqlite_utils.Database(db_path)
    try:
        return [dict(r) for r in db.query(sql, params or [])]
    finally:
        db.close()


@pytest.fixture
def trs_site(tmp_path: Path) -> Iterator[SiteServer]:
    """The GBK TRS-style government site (a copy, so a test may change it)."""
    root = tmp_path / "trs_gov"
    shutil.copytree(SITES / "trs_gov", root)
    with serve_site(root) as server:
        yield server


@pytest.fixture
def press_site() -> Iterator[SiteServer]:
    with serve_site(SITES / "press_en") as server:
        yield server
