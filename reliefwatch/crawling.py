"""The crawl half of ``reliefwatch crawl`` and ``reliefwatch run``: progress while it runs,
one summary line per source at the end, and the exit code its status calls for."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from reliefwatch.logs import attach_log_file, log_file_for
from reliefwatch.outcome import CommandError, exit_code, unwritable
from reliefwatch.progress import reporter_for


def close_abandoned(db_path: Path) -> None:
    """Mark runs left 'running' by a killed process as 'interrupted' (caller holds the lock);
    a missing database is created later by the crawl itself."""
    import db as store

    try:
        database = store.open_db(db_path)
        try:
            store.close_abandoned_runs(database)
        finally:
            database.close()
    except (sqlite3.Error, OSError) as exc:
        raise unwritable(db_path, exc) from exc


def crawl_with_progress(db_path: Path, sources: tuple[str, ...], start_urls: tuple[str, ...],
                        archive_dir: Path | None, full: bool, max_pages: int | None,
                        quiet: bool, settings: dict | None = None,
                        redis_url: str | None = None, workers: int = 2) -> Any:
    """Crawl with a live display (or plain lines, or nothing); returns the CrawlSummary."""
    from crawlers.api import crawl, select_sources
    from crawlers.runner import DatabaseUnwritable
    from crawlers.sources import SourceError

    attach_log_file(db_path)
    close_abandoned(db_path)
    try:
        chosen = select_sources(list(sources) or None, list(start_urls) or None)
    except SourceError as exc:
        raise click.ClickException(str(exc)) from exc
    progress = reporter_for(quiet)
    for source in chosen:
        progress.add(source.id, source.id, new=0, updated=0, errors=0)
    options = {"db_path": db_path, "sources": list(sources) or None,
               "start_urls": list(start_urls) or None, "archive_dir": archive_dir,
               "full": full, "settings": settings, "max_pages": max_pages}
    try:
        with progress:
            if redis_url:
                from crawlers.scaleout import crawl_with_redis

                return crawl_with_redis(redis_url=redis_url, workers=workers,
                                        progress=progress, **options)
            return crawl(progress=progress, **options)
    except SourceError as exc:
        raise click.ClickException(str(exc)) from exc
    except DatabaseUnwritable as exc:
        raise unwritable(db_path, exc.__cause__ or exc) from exc


def summary_lines(summary: Any, db_path: Path) -> list[str]:
    """The run's line, then one line per source."""
    where = f"see crawl_errors (crawl_run_id = {summary.run_id}) and {log_file_for(db_path)}"
    lines = [f"crawl run {summary.run_id}: {summary.status}; {summary.pages_fetched} pages "
             f"fetched, {summary.documents_new} new and {summary.documents_updated} updated "
             f"documents, {summary.errors} errors" + (f"; {where}" if summary.errors else "")]
    for row in summary.sources:
        line = (f"  {row['source_id']}: {row['status']}; {row['pages_fetched']} pages, "
                f"{row['documents_new']} new, {row['documents_updated']} updated, "
                f"{row['errors']} errors")
        if row.get("message") and row["status"] != "ok":
            line += f" ({row['message']})"
        lines.append(line)
    return lines


def report(summary: Any, db_path: Path, quiet: bool,
           echo: Callable[..., None] = click.echo) -> int:
    """Print the summary (with ``--quiet`` only when something is wrong, on stderr) and
    return the exit code of the crawl; a database failure is raised as a one-line error."""
    if summary.fatal:
        raise CommandError(f"{summary.fatal} (run {summary.run_id})", 5)
    code = exit_code(summary.status)
    lines = summary_lines(summary, db_path)
    if quiet:
        trouble = [lines[0]] + [ln for ln in lines[1:] if ": ok;" not in ln]
        for line in trouble if code else []:
            echo(line, err=True)
    else:
        for line in lines:
            echo(line)
    return code
