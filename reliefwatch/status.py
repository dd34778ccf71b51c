"""``reliefwatch status``: what the last runs did and what the next one will do, read-only.

The database is opened read-only (``mode=ro``): a missing database is an error, never created.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from reliefwatch.progress import format_seconds


class NoDatabase(FileNotFoundError):
    """The database file does not exist."""


def connect_read_only(db_path: str | Path) -> sqlite3.Connection:
    """A read-only connection; :class:`NoDatabase` when the file is missing."""
    path = Path(db_path)
    if not path.is_file():
        raise NoDatabase(f"{path} does not exist: run 'reliefwatch run' (or crawl) first, "
                         "or give --db")
    conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def _has(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("select 1 from sqlite_master where name = ?", [table]).fetchone() \
        is not None


def _seconds(started: str | None, finished: str | None) -> float | None:
    from datetime import datetime

    if not started or not finished:
        return None
    try:
        return (datetime.fromisoformat(finished) - datetime.fromisoformat(started)
                ).total_seconds()
    except ValueError:
        return None


def last_runs(conn: sqlite3.Connection, limit: int) -> list[dict[str, Any]]:
    """The last ``limit`` runs, newest first, with facts found in their documents."""
    rows = conn.execute(
        "select r.*, (select count(*) from facts f join documents d on d.id = f.document_id "
        "where d.crawl_run_id = r.id) as facts_new from crawl_runs r order by r.id desc "
        "limit ?", [limit]).fetchall()
    runs = []
    for row in rows:
        run = {k: row[k] for k in ("id", "started_at", "finished_at", "status",
                                   "pages_fetched", "documents_new", "documents_updated",
                                   "errors", "facts_new")}
        run["duration_seconds"] = _seconds(row["started_at"], row["finished_at"])
        run["sources"] = json.loads(row["sources"] or "[]")
        run["kind"] = "reextract" if '"reextract": true' in (row["options"] or "") else "crawl"
        runs.append(run)
    return runs


def failing_sources(conn: sqlite3.Connection, last: int) -> list[dict[str, Any]]:
    """Sources whose last ``last`` runs (at least one) all ended ``failed`` for them."""
    if not _has(conn, "crawl_run_sources"):
        return []
    found = []
    ids = [r[0] for r in conn.execute("select distinct source_id from crawl_run_sources")]
    for source_id in ids:
        rows = conn.execute(
            "select crawl_run_id, status, message from crawl_run_sources where source_id = ? "
            "and status != 'running' order by crawl_run_id desc limit ?",
            [source_id, last]).fetchall()
        if len(rows) == last and all(r["status"] == "failed" for r in rows):
            found.append({"source_id": source_id, "runs": [r["crawl_run_id"] for r in rows],
                          "message": rows[0]["message"]})
    return found


def last_source_outcomes(db_path: str | Path) -> dict[str, tuple[int, str]]:
    """``source_id -> (run_id, status)`` of each source's last run ({} without a database)."""
    try:
        conn = connect_read_only(db_path)
    except (NoDatabase, sqlite3.Error):
        return {}
    with closing(conn):
        if not _has(conn, "crawl_run_sources"):
            return {}
        rows = conn.execute(
            "select source_id, crawl_run_id, status from crawl_run_sources c where "
            "crawl_run_id = (select max(crawl_run_id) from crawl_run_sources "
            "where source_id = c.source_id)").fetchall()
        return {r["source_id"]: (r["crawl_run_id"], r["status"]) for r in rows}


def counts(conn: sqlite3.Connection, version: str) -> dict[str, Any]:
    """How much the database holds, and how much of it the current extractor has read."""
    one = lambda sql, *args: conn.execute(sql, args).fetchone()[0]  # noqa: E731
    return {
        "sources": one("select count(*) from sources"),
        "documents": one("select count(*) from documents"),
        "articles": one("select count(*) from documents where content_type = 'text/html'"),
        "attachments": one("select count(*) from documents where parent_id is not null "
                           "or content_type != 'text/html'"),
        "relevant_documents": one("select count(*) from documents where relevant = 1"),
        "facts": one("select count(*) from facts"),
        "crawl_errors": one("select count(*) from crawl_errors"),
        "runs": one("select count(*) from crawl_runs"),
        "awaiting_extraction": one(
            "select count(*) from documents where coalesce(relevant, 1) = 1 and "
            "coalesce(extractor_version, '') != ?", version),
        "extractor_versions": {r[0] or "none": r[1] for r in conn.execute(
            "select extractor_version, count(*) from documents where coalesce(relevant, 1) = 1 "
            "group by extractor_version order by 2 desc")},
    }


def next_run(conn: sqlite3.Connection, awaiting: int, version: str) -> dict[str, Any]:
    """What ``reliefwatch run`` (no arguments) would do now."""
    from crawlers.api import load_sources
    from db.crawlstate import MAX_FAILED_RUNS

    sources = load_sources()
    state = {r[0]: r[1] for r in conn.execute(
        "select source_id, complete from source_crawl_state")} \
        if _has(conn, "source_crawl_state") else {}
    plan = []
    for source in sources:
        if source.id not in state:
            how = "first run: every list page"
        elif not state[source.id]:
            how = "last run unfinished: every list page again"
        else:
            how = "incremental: list pages until nothing new"
        plan.append({"source_id": source.id, "crawl": how})
    retry = conn.execute(
        "select count(*) from seen_urls where status not in (200, 304, 403, 404, 410) and "
        "coalesce(failures, 0) between 1 and ?", [MAX_FAILED_RUNS - 1]).fetchone()[0] \
        if _has(conn, "seen_urls") else 0
    return {"sources": plan, "urls_to_retry": retry, "documents_to_extract": awaiting,
            "extractor_version": version}


def gather(db_path: str | Path, limit: int = 10, failing_after: int = 3) -> dict[str, Any]:
    """Everything ``status`` shows, as plain data (``status --json`` prints it)."""
    import nlp

    version = nlp.EXTRACTOR_VERSION
    path = Path(db_path)
    with closing(connect_read_only(path)) as conn:
        held = counts(conn, version)
        return {
            "database": str(path), "size_bytes": path.stat().st_size,
            "extractor_version": version, "counts": held,
            "runs": last_runs(conn, limit),
            "failing_sources": failing_sources(conn, failing_after),
            "failing_after_runs": failing_after,
            "next_run": next_run(conn, held["awaiting_extraction"], version),
        }


def render(info: dict[str, Any]) -> list[str]:
    """The human-readable report."""
    c = info["counts"]
    lines = [
        f"database {info['database']} ({info['size_bytes'] / 1e6:.1f} MB), extractor "
        f"{info['extractor_version']}",
        f"  {c['documents']} documents ({c['articles']} pages, {c['attachments']} "
        f"attachments, {c['relevant_documents']} relevant), {c['facts']} facts, "
        f"{c['sources']} sources, {c['runs']} runs, {c['crawl_errors']} crawl errors",
        "", "last runs:",
        f"  {'run':>5}  {'started (UTC)':19}  {'status':11} {'took':>7} {'pages':>6} "
        f"{'new':>5} {'upd':>4} {'facts':>6} {'errors':>6}",
    ]
    for run in info["runs"]:
        took = run["duration_seconds"]
        lines.append(
            f"  {run['id']:>5}  {(run['started_at'] or '')[:19]:19}  {run['status']:11} "
            f"{format_seconds(took) if took is not None else '-':>7} "
            f"{run['pages_fetched'] or 0:>6} {run['documents_new'] or 0:>5} "
            f"{run['documents_updated'] or 0:>4} {run['facts_new']:>6} {run['errors'] or 0:>6}"
            + ("  (reextract)" if run["kind"] == "reextract" else ""))
    if not info["runs"]:
        lines.append("  none yet")
    failing = info["failing_sources"]
    lines += ["", f"sources failed in each of their last {info['failing_after_runs']} runs: "
              + ("none" if not failing else "")]
    for item in failing:
        lines.append(f"  {item['source_id']} (runs {', '.join(map(str, item['runs']))}): "
                     f"{item['message'] or ''}")
    plan = info["next_run"]
    lines += ["", "next run:"]
    lines += [f"  crawl {p['source_id']}: {p['crawl']}" for p in plan["sources"]]
    if plan["urls_to_retry"]:
        lines.append(f"  retry {plan['urls_to_retry']} URLs that failed before")
    lines.append(f"  extract {plan['documents_to_extract']} documents with extractor "
                 f"{plan['extractor_version']}")
    return lines
