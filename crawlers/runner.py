"""Run one crawl in this process with Scrapy's ``CrawlerProcess`` (asyncio reactor)."""

from __future__ import annotations

import logging
import signal
import sqlite3
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawlers.archive import warc_name
from crawlers.sources import Source
from crawlers.spiders.generic import SourcesSpider
from db import finish_crawl_run, open_db, record_error, start_crawl_run, upsert_source

logger = logging.getLogger(__name__)
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class DatabaseUnwritable(RuntimeError):
    """The database (or the folder holding it) cannot be written."""


class _Process(CrawlerProcess):
    """CrawlerProcess that remembers the signal that stopped it."""

    stopped_by: int | None = None

    def _signal_shutdown(self, signum: int, _: Any) -> None:
        self.stopped_by = signum
        super()._signal_shutdown(signum, _)


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


def open_run(db_path: str, source_list: list[Source], options: dict) -> tuple[Any, int]:
    """Open the database and a run row; :class:`DatabaseUnwritable` when it cannot be written."""
    try:
        db = open_db(db_path)
        for source in source_list:
            upsert_source(db, source.as_row())
        return db, start_crawl_run(db, [s.id for s in source_list], options)
    except (sqlite3.Error, OSError) as exc:
        raise DatabaseUnwritable(f"cannot write {db_path}: {exc}") from exc


def run_crawl(source_list: list[Source], *, db_path: str, archive_dir: str, full: bool = False,
              settings: dict | None = None, max_pages: int | None = None,
              progress: Any = None, **_ignored: Any) -> dict[str, Any]:
    """Open a crawl run, crawl, and return the summary fields of ``CrawlSummary``.

    Scrapy's signal handlers (first SIGINT/SIGTERM: finish gracefully) are in place during the
    crawl only; the caller's come back afterwards, so a signal during what follows (the
    extraction of ``reliefwatch run``) is not swallowed.
    """
    db, run_id = open_run(db_path, source_list, {"full": full, "max_pages": max_pages})
    crawl_settings = build_settings(Path(db_path), Path(archive_dir), run_id, settings,
                                    max_pages)
    previous = {s: signal.getsignal(s) for s in _SIGNALS}
    process = _Process(crawl_settings)
    crawler = process.create_crawler(SourcesSpider)
    try:
        process.crawl(crawler, source_list=source_list, full=full, progress=progress)
        process.start()
    except Exception as exc:  # the run row must not stay 'running'
        logger.exception("crawl run %s failed", run_id)
        try:
            finish_crawl_run(db, run_id, "failed")
            record_error(db, run_id, "", "crawl", f"{type(exc).__name__} (details in the log)")
        except sqlite3.Error:
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    state = getattr(crawler.spider, "state", None)
    fatal = getattr(state, "fatal", None)
    try:
        row = db.table("crawl_runs").get(run_id)
        if row["status"] == "running" and fatal is None:  # the spider never opened
            finish_crawl_run(db, run_id, "failed")
            row = db.table("crawl_runs").get(run_id)
    except sqlite3.Error as exc:
        fatal = fatal or exc
        row = {}
    stats = crawler.stats.get_stats() if crawler.stats else {}
    counts = state.run_counts() if state is not None else {}
    status = (state.status if state is not None and state.status else row.get("status"))
    return {
        "run_id": run_id,
        "pages_fetched": counts.get("pages_fetched", row.get("pages_fetched") or 0),
        "documents_new": counts.get("documents_new", row.get("documents_new") or 0),
        "documents_updated": counts.get("documents_updated",
                                        row.get("documents_updated") or 0),
        "errors": counts.get("errors", row.get("errors") or 0),
        "status": "failed" if fatal is not None else (status or "failed"),
        "requests": int(stats.get("downloader/request_count", 0)),
        "sources": state.summary() if state is not None else [],
        "fatal": f"cannot write {db_path}: {fatal}" if fatal is not None else None,
        "signal": process.stopped_by,
    }
