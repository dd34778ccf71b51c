"""Crawler state: which URLs are known (seen-URL/content-hash table) and per-source progress.

``seen_urls`` holds one row per canonical URL that was fetched and fully stored; a URL is only
marked after its document (and its attachments) committed, so a killed crawl re-fetches what it
had not finished. ``source_crawl_state`` remembers whether the last run of a source completed.

:func:`open_batched` opens the crawl's connection: its write transactions (each
``with db.conn:`` block of :mod:`db.store` and of this module) nest as savepoints in one batch
transaction that :meth:`BatchConnection.commit_batch` commits. A document and the seen-URL mark
that follows it commit together or not at all, so a killed crawl loses at most the last batch,
whose URLs are not marked and are fetched again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

import sqlite_utils

from db.schema import open_db
from db.store import utcnow


class BatchConnection(sqlite3.Connection):
    """A connection whose ``with conn:`` blocks are savepoints while ``batching`` is on."""

    batching = False
    _depth = 0

    def __enter__(self) -> BatchConnection:
        if not self.batching:
            return super().__enter__()
        if not self.in_transaction:
            self.execute("BEGIN")
        self._depth += 1
        self.execute(f"SAVEPOINT rw_batch_{self._depth}")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        if not self._depth:
            return bool(super().__exit__(exc_type, exc, tb))
        name = f"rw_batch_{self._depth}"
        self._depth -= 1
        if exc_type is not None and self.in_transaction:
            self.execute(f"ROLLBACK TO {name}")
        if self.in_transaction:
            self.execute(f"RELEASE {name}")
        return False

    def commit_batch(self) -> bool:
        """Commit the open batch (between ``with`` blocks); True if there was one."""
        if self._depth or not self.in_transaction:
            return False
        self.commit()
        return True


def open_batched(path: str | Path) -> sqlite_utils.Database:
    """The database at ``path`` (schema ensured) on a :class:`BatchConnection`, batching on.

    WAL with synchronous=NORMAL: a commit survives a killed process; a power cut may lose the
    last commits but never corrupts the file.
    """
    open_db(path).close()
    conn = sqlite3.connect(str(path), factory=BatchConnection)
    db = sqlite_utils.Database(conn)
    for pragma in ("journal_mode = WAL", "busy_timeout = 30000", "synchronous = NORMAL"):
        db.execute(f"PRAGMA {pragma}")
    conn.batching = True
    return db

# Statuses that need no new request before the next full pass: stored, or gone for good
# (404/410, also soft 404s), or forbidden (403, also robots.txt). Other failures (5xx,
# timeouts, cut-off or oversized responses, redirect loops: status 0 or 5xx) are retried by
# the next runs, until a URL has failed in MAX_FAILED_RUNS runs in a row; then it waits for
# the next --full pass, which tries every URL again.
SETTLED_STATUSES = (200, 304, 403, 404, 410)
MAX_FAILED_RUNS = 3


def known_urls(db: sqlite_utils.Database) -> set[str]:
    """Canonical URLs that need no request before the next full pass."""
    marks = ",".join(str(s) for s in SETTLED_STATUSES)
    rows = db.execute(f"select url from seen_urls where status in ({marks}) "
                      f"or coalesce(failures, 0) >= ?", [MAX_FAILED_RUNS]).fetchall()
    return {r[0] for r in rows}


def attempted_urls(db: sqlite_utils.Database) -> set[str]:
    """Canonical URLs requested in an earlier run, whatever the outcome."""
    return {r[0] for r in db.execute("select url from seen_urls").fetchall()}


def mark_failed(db: sqlite_utils.Database, url: str, status: int) -> None:
    """Remember a failed URL (status 0 for network failures) unless it was stored before;
    count the runs in a row it failed in (see MAX_FAILED_RUNS)."""
    now = utcnow()
    with db.conn:
        db.execute(
            """insert into seen_urls (url, first_seen, last_fetched, status, failures)
               values (?, ?, ?, ?, 1)
               on conflict(url) do update set last_fetched = excluded.last_fetched,
                 status = excluded.status, failures = coalesce(seen_urls.failures, 0) + 1
               where seen_urls.status not in (200, 304)""",
            [url, now, now, status],
        )


def mark_seen(
    db: sqlite_utils.Database, url: str, *, sha256: str | None, document_id: int | None,
    status: int = 200, etag: str | None = None, last_modified: str | None = None,
) -> None:
    """Record that ``url`` was fetched and stored (one transaction)."""
    now = utcnow()
    with db.conn:
        db.execute(
            """insert into seen_urls (url, sha256, document_id, etag, last_modified,
                                      first_seen, last_fetched, status, failures)
               values (?, ?, ?, ?, ?, ?, ?, ?, 0)
               on conflict(url) do update set sha256 = excluded.sha256,
                 document_id = excluded.document_id, etag = excluded.etag,
                 last_modified = excluded.last_modified, last_fetched = excluded.last_fetched,
                 status = excluded.status, failures = 0""",
            [url, sha256, document_id, etag, last_modified, now, now, status],
        )


def all_validators(db: sqlite_utils.Database) -> dict[str, tuple[str | None, str | None]]:
    """``url -> (etag, last_modified)`` of stored URLs that have either (conditional GETs)."""
    rows = db.execute("select url, etag, last_modified from seen_urls where status = 200 and "
                      "(etag is not null or last_modified is not null)").fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def mark_unchanged(db: sqlite_utils.Database, url: str) -> None:
    """A conditional request answered 304 Not Modified: only the fetch time changes."""
    with db.conn:
        db.execute("update seen_urls set last_fetched = ? where url = ?", [utcnow(), url])


def seen_document_id(db: sqlite_utils.Database, url: str) -> int | None:
    """Document id stored for a canonical URL, if any."""
    row = db.execute("select document_id from seen_urls where url = ?", [url]).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def validators(db: sqlite_utils.Database, url: str) -> tuple[str | None, str | None]:
    """``(etag, last_modified)`` remembered for ``url`` (for conditional requests)."""
    row = db.execute(
        "select etag, last_modified from seen_urls where url = ?", [url]
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def sources_needing_resume(db: sqlite_utils.Database, source_ids: Iterable[str]) -> set[str]:
    """Sources whose last crawl started but did not complete (killed or stopped early)."""
    ids = list(source_ids)
    if not ids:
        return set()
    marks = ",".join("?" for _ in ids)
    rows = db.execute(
        f"select source_id from source_crawl_state where complete = 0 and source_id in ({marks})",
        ids,
    ).fetchall()
    return {r[0] for r in rows}


def sources_never_crawled(db: sqlite_utils.Database, source_ids: Iterable[str]) -> set[str]:
    """Sources no run has started yet (no ``source_crawl_state`` row)."""
    ids = list(source_ids)
    if not ids:
        return set()
    marks = ",".join("?" for _ in ids)
    rows = db.execute(
        f"select source_id from source_crawl_state where source_id in ({marks})", ids
    ).fetchall()
    return set(ids) - {r[0] for r in rows}


def mark_sources(
    db: sqlite_utils.Database, source_ids: Iterable[str], run_id: int, complete: bool
) -> None:
    """Set the progress flag of ``source_ids`` for ``run_id``."""
    now = utcnow()
    with db.conn:
        for source_id in source_ids:
            db.execute(
                """insert into source_crawl_state (source_id, last_run_id, complete, updated_at)
                   values (?, ?, ?, ?)
                   on conflict(source_id) do update set last_run_id = excluded.last_run_id,
                     complete = excluded.complete, updated_at = excluded.updated_at""",
                [source_id, run_id, int(complete), now],
            )


def save_run_progress(db: sqlite_utils.Database, run_id: int, counts: dict[str, int],
                      sources: dict[str, dict]) -> None:
    """Write a run's counts so far (and each source's) into its rows, in the open batch: a
    killed run keeps the counts of what it committed."""
    columns = ("pages_fetched", "documents_new", "documents_updated", "errors")
    with db.conn:
        db.execute(f"update crawl_runs set {', '.join(f'{c} = ?' for c in columns)} "
                   "where id = ?", [int(counts.get(c) or 0) for c in columns] + [run_id])
        for source_id, row in sources.items():
            values = [run_id, source_id, row.get("status", "running"),
                      *(int(row.get(c) or 0) for c in columns), row.get("message")]
            db.execute(
                "insert into crawl_run_sources (crawl_run_id, source_id, status, "
                f"{', '.join(columns)}, message) values (?, ?, ?, ?, ?, ?, ?, ?) "
                "on conflict(crawl_run_id, source_id) do update set status = excluded.status, "
                + ", ".join(f"{c} = excluded.{c}" for c in columns)
                + ", message = excluded.message", values)


def add_alias(db: sqlite_utils.Database, url: str, document_id: int, reason: str,
              run_id: int | None = None) -> None:
    """Record ``url`` as another address of ``document_id`` (print copy, canonical, ...)."""
    with db.conn:
        db.execute("insert into document_aliases (url, document_id, reason, crawl_run_id) "
                   "values (?, ?, ?, ?) on conflict(url) do update set "
                   "document_id = excluded.document_id, reason = excluded.reason",
                   [url, document_id, reason, run_id])


def adopt_document(db: sqlite_utils.Database, document_id: int, row: dict,
                   old_reason: str, run_id: int | None = None) -> None:
    """Give a stored document the address and capture of ``row`` (same text, so its facts
    stay) and keep its former URL as an alias: an article taking over from its print copy."""
    columns = ("url", "size", "warc_file", "warc_offset", "fetched_at", "crawl_run_id",
               "title", "published", "publisher", "lang")
    with db.conn:
        old = db.execute("select url from documents where id = ?", [document_id]).fetchone()
        if old is None:
            return
        db.execute("delete from document_aliases where url = ?", [row["url"]])
        values = [row.get(c) for c in columns]
        assignments = ", ".join(f"[{c}] = coalesce(?, [{c}])" for c in columns)
        db.execute(f"update documents set {assignments} where id = ?", [*values, document_id])
        if old[0] != row["url"]:
            add_alias(db, old[0], document_id, old_reason, run_id)
