"""Run one crawl in this process with Scrapy's ``CrawlerProcess`` (asyncio reactor)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawlers.archive import warc_name
from crawlers.sources import Source
from crawlers.spiders.generic import SourcesSpider
from db import finish_crawl_run, open_db, start_crawl_run, upsert_source

logger = logging.getLogger(__name__)


def build_settings(db_path: Path, archive_dir: Path, run_id: int,
                   overrides: dict | None = None, max_pages: int | None = None) -> Settings:
    """Project settings plus this run's database, archive file, page cap and overrides."""
    settings = Settings()
    settings.setmodule("crawlers.settings", priority="project")
    settings.set("RELIEFWATCH_DB", str(db_path), priority="cmdline")
    settings.set("RELIEFWATCH_RUN_ID", run_id, priority="cmdline")
    settings.set("RELIEFWATCH_ARCHIVE_DIR", str(archive_dir), priority="cmdline")
    settings.set("RELIEFWATCH_WARC_PATH", str(archive_dir / warc_name(run_id)), priority="cmdline")
    if max_pages:
        settings.set("CLOSESPIDER_PAGECOUNT", int(max_pages), priority="cmdline")
    # Keep the caller's logging (the CLI configures the root logger) when there is one.
    settings.set("LOG_INSTALL_ROOT_HANDLER", not logging.getLogger().handlers, priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(source_list: list[Source], *, db_path: str, archive_dir: str, full: bool = False,
              settings: dict | None = None, max_pages: int | None = None,
              **_ignored: Any) -> dict[str, Any]:
    """Open a crawl run, crawl, and return the summary fields of :class:`CrawlSummary`."""
    db = open_db(db_path)
    for source in source_list:
        upsert_source(db, source.as_row())
    run_id = start_crawl_run(db, [s.id for s in source_list],
                             {"full": full, "max_pages": max_pages})
    crawl_settings = build_settings(Path(db_path), Path(archive_dir), run_id, settings,
                                    max_pages)
    process = CrawlerProcess(crawl_settings)
    crawler = process.create_crawler(SourcesSpider)
    try:
        process.crawl(crawler, source_list=source_list, full=full)
        process.start()
    except Exception as exc:  # the run row must not stay 'running'
        logger.exception("crawl run %s failed", run_id)
        finish_crawl_run(db, run_id, "failed")
        from db import record_error

        record_error(db, run_id, "", "crawl", f"{type(exc).__name__}: {exc}")
    row = db.table("crawl_runs").get(run_id)
    if row["status"] == "running":  # the spider never opened (e.g. bad settings)
        finish_crawl_run(db, run_id, "failed")
        row = db.table("crawl_runs").get(run_id)
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return {
        "run_id": run_id, "pages_fetched": row.get("pages_fetched") or 0,
        "documents_new": row.get("documents_new") or 0,
        "documents_updated": row.get("documents_updated") or 0,
        "errors": row.get("errors") or 0, "status": row["status"],
        "requests": int(stats.get("downloader/request_count", 0)),
    }
