"""The state of one crawl run, shared by the spider, pipelines and signal handlers.

It owns the database connection (used from the reactor thread only), the run row, the set of
known URLs, the counts per source (:mod:`crawlers.outcomes`), and the rule "mark an article
seen only when its attachments are done", so that a crawl killed at any point re-fetches
exactly what it had not finished.

Writes are committed in batches (:func:`db.crawlstate.open_batched`): after
``RELIEFWATCH_COMMIT_ITEMS`` stored documents, at least every ``RELIEFWATCH_COMMIT_SECONDS``
(the spider calls :meth:`RunState.commit` on a timer) and when the run finishes. A document and
the mark of its URL share a batch, so a kill loses both or neither; the run's counts (and each
source's) are written into the same batch, so a killed run's row tells what it committed.

A database that cannot be written (disk full, read-only, locked beyond the busy timeout) is
fatal: :meth:`RunState.database_failed` keeps the error and asks the spider to stop.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from crawlers.documents import DocumentWriter
from crawlers.outcomes import SourceTally, run_status, source_status
from crawlers.sources import Source
from db import crawlstate, finish_crawl_run, record_error, start_crawl_run, upsert_source

logger = logging.getLogger(__name__)


@dataclass
class _PendingArticle:
    sha256: str | None
    document_id: int | None
    waiting: set[str] = field(default_factory=set)


class RunState:
    """Database-backed bookkeeping for one run."""

    def __init__(self, db: sqlite_utils.Database, run_id: int, sources: list[Source],
                 full: bool = False, owns_run: bool = False, commit_items: int = 100,
                 commit_seconds: float = 0.5):
        self.db = db
        self.run_id = run_id
        self.sources = {s.id: s for s in sources}
        self.full = full
        self.owns_run = owns_run
        self.writer = DocumentWriter(db, run_id, self.sources)
        self.known = set() if full else crawlstate.known_urls(db)
        self.attempted = crawlstate.attempted_urls(db)
        # Every list page is walked after an unfinished run and on a source's first run (each
        # page would be reached anyway; requested together, they are fetched in parallel).
        self.resume = (crawlstate.sources_needing_resume(db, self.sources)
                       | crawlstate.sources_never_crawled(db, self.sources))
        self.counts = {"documents_new": 0, "documents_updated": 0}
        self.errors = 0
        self.pages = 0  # every response, robots.txt included
        self.tallies = {s.id: SourceTally() for s in sources}
        self.progress: Any = None  # a reliefwatch.progress.ProgressReporter, when shown
        self.fatal: BaseException | None = None
        self.on_fatal: Callable[[], None] | None = None
        self.status: str | None = None
        self._pending: dict[str, _PendingArticle] = {}
        self.validators = crawlstate.all_validators(db)
        self._new_validators: dict[str, tuple[str | None, str | None]] = {}
        self.commit_items = commit_items
        self.commit_seconds = commit_seconds
        self._uncommitted = 0
        self._last_commit = time.monotonic()
        # Called before every commit: the WARC archive flushes what documents will point at.
        self.before_commit: list[Callable[[], None]] = []
        crawlstate.mark_sources(db, self.sources, run_id, complete=False)
        self.commit()

    @classmethod
    def open(cls, db_path: str | Path, sources: list[Source], run_id: int | None = None,
             full: bool = False, **batching: float) -> RunState:
        """Open the database; start a run unless ``run_id`` is given (by :func:`api.crawl`)."""
        db = crawlstate.open_batched(db_path)
        for source in sources:
            upsert_source(db, source.as_row())
        owns = run_id is None
        if run_id is None:
            run_id = start_crawl_run(db, [s.id for s in sources], {"full": full})
        return cls(db, run_id, sources, full=full, owns_run=owns, **batching)

    # -- commits ----------------------------------------------------------------------------
    def stored(self) -> None:
        """One more item written; commit when the batch is full or old enough."""
        self._uncommitted += 1
        if (self._uncommitted >= self.commit_items
                or time.monotonic() - self._last_commit >= self.commit_seconds):
            self.commit()

    def commit(self) -> None:
        """Commit the open batch with the run's counts (the spider's timer calls this too)."""
        if self.fatal is not None:
            return
        for hook in self.before_commit:
            hook()
        try:
            crawlstate.save_run_progress(self.db, self.run_id, self.run_counts(),
                                         self._source_rows(None))
            commit_batch = getattr(self.db.conn, "commit_batch", None)
            if commit_batch is not None:
                commit_batch()
            else:
                self.db.conn.commit()
        except sqlite3.Error as exc:
            self.database_failed(exc)
        self._uncommitted = 0
        self._last_commit = time.monotonic()

    def database_failed(self, exc: BaseException) -> None:
        """The database cannot be written: keep the first error and stop the crawl."""
        if self.fatal is None:
            self.fatal = exc
            logger.error("cannot write the database: %s", exc)
            try:
                self.db.conn.rollback()
            except sqlite3.Error:
                pass
            if self.on_fatal is not None:
                self.on_fatal()

    def run_counts(self) -> dict[str, int]:
        return {"pages_fetched": self.pages, "errors": self.errors, **self.counts}

    def _source_rows(self, finished: bool | None) -> dict[str, dict]:
        rows = {}
        for source_id, tally in self.tallies.items():
            status = "running" if finished is None else source_status(tally, finished)
            rows[source_id] = tally.row(status)
        return rows

    shared = False  # True for crawlers.remote.SharedRunState

    def unit_done(self, request: object) -> None:
        """Only a shared crawl (Redis) tracks units of work."""

    # -- known URLs -----------------------------------------------------------------------
    def is_known(self, canonical_url: str) -> bool:
        return canonical_url in self.known

    def is_fresh(self, canonical_url: str) -> bool:
        """Never requested before: such links keep pagination going."""
        return canonical_url not in self.attempted

    def failed(self, canonical_url: str, status: int) -> None:
        """Remember a failed request so it no longer counts as new (404s are not retried)."""
        crawlstate.mark_failed(self.db, canonical_url, status)
        self.attempted.add(canonical_url)

    def paginate_fully(self, source_id: str) -> bool:
        """Walk every list page: on ``--full`` or after an unfinished run of the source."""
        return self.full or source_id in self.resume

    # -- documents ------------------------------------------------------------------------
    def count(self, outcome: str, source_id: str | None = None) -> None:
        key = f"documents_{outcome}"
        if key in self.counts:
            self.counts[key] += 1
            tally = self.tallies.get(source_id or "")
            if tally is not None:
                setattr(tally, key, getattr(tally, key) + 1)
                self._show(source_id)

    def page(self, source_id: str | None) -> None:
        """One response received (any status) for ``source_id`` (None: robots.txt ...)."""
        self.pages += 1
        tally = self.tallies.get(source_id or "")
        if tally is not None:
            tally.pages_fetched += 1
            self._show(source_id)

    def start_ok(self, source_id: str) -> None:
        """A start page of the source answered and held links: it was reached and read."""
        if source_id in self.tallies:
            self.tallies[source_id].start_ok = True

    def _show(self, source_id: str | None) -> None:
        tally = self.tallies.get(source_id or "")
        if self.progress is not None and tally is not None:
            self.progress.update(source_id, completed=tally.pages_fetched,
                                 new=tally.documents_new, updated=tally.documents_updated,
                                 errors=tally.errors)

    def article_stored(self, canonical_url: str, document_id: int, sha256: str | None,
                       attachments: list[str]) -> None:
        """Mark the article seen now, or once ``attachments`` (canonical URLs) are done."""
        if not attachments:
            self._mark(canonical_url, sha256, document_id)
            return
        self._pending[canonical_url] = _PendingArticle(sha256, document_id, set(attachments))

    def attachment_done(self, parent_url: str | None, canonical_url: str,
                        document_id: int | None = None, sha256: str | None = None) -> None:
        """An attachment was stored, skipped or failed; maybe complete its article."""
        if document_id is not None:
            self._mark(canonical_url, sha256, document_id)
        pending = self._pending.get(parent_url or "")
        if pending is None:
            return
        pending.waiting.discard(canonical_url)
        if not pending.waiting:
            del self._pending[parent_url]
            self._mark(parent_url, pending.sha256, pending.document_id)

    def _mark(self, url: str, sha256: str | None, document_id: int | None) -> None:
        etag, last_modified = self._new_validators.pop(url, (None, None))
        crawlstate.mark_seen(self.db, url, sha256=sha256, document_id=document_id, etag=etag,
                             last_modified=last_modified)
        self.known.add(url)

    # -- conditional requests ---------------------------------------------------------------
    def conditional_headers(self, canonical_url: str) -> dict[str, str]:
        """``If-None-Match``/``If-Modified-Since`` for a URL stored with validators."""
        etag, last_modified = self.validators.get(canonical_url, (None, None))
        headers = {"If-None-Match": etag} if etag else {}
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def fetched(self, canonical_url: str, headers: dict[str, str]) -> None:
        """Keep a 200 response's ``ETag``/``Last-Modified`` for when its URL is marked seen."""
        lower = {k.lower(): v for k, v in headers.items()}
        if lower.get("etag") or lower.get("last-modified"):
            self._new_validators[canonical_url] = (lower.get("etag"), lower.get("last-modified"))

    def not_modified(self, canonical_url: str) -> None:
        """A 304 answer: the stored document stands; nothing new, no error."""
        crawlstate.mark_unchanged(self.db, canonical_url)
        self.known.add(canonical_url)
        self.count("unchanged")

    def document_id_for(self, canonical_url: str) -> int | None:
        return crawlstate.seen_document_id(self.db, canonical_url)

    # -- errors and the run row ------------------------------------------------------------
    def error(self, url: str, kind: str, message: str, status: int | None = None,
              source_id: str | None = None) -> None:
        """Record a failure (``message`` must not quote the response); never raises."""
        self.errors += 1
        tally = self.tallies.get(source_id or "")
        if tally is not None:
            tally.errors += 1
            tally.first_error = tally.first_error or f"{kind} on {url}"
            self._show(source_id)
        logger.warning("%s error on %s: %s", kind, url, message)
        if self.fatal is not None:
            return
        try:
            record_error(self.db, self.run_id, url, kind, message, status)
        except sqlite3.OperationalError as exc:
            self.database_failed(exc)
        except Exception:  # noqa: BLE001 - bookkeeping must not kill the crawl
            logger.exception("could not record error for %s", url)

    def finish(self, reason: str, pages_fetched: int, requests: int) -> str:
        """Commit the last batch and close the run and source rows; returns the status."""
        self.pages = max(self.pages, pages_fetched)
        self.commit()
        self.db.conn.batching = False
        finished = reason == "finished" and self.fatal is None
        sources = self._source_rows(finished)
        unattributed = self.errors - sum(t.errors for t in self.tallies.values())
        self.status = run_status([r["status"] for r in sources.values()], unattributed,
                                 reason, fatal=self.fatal is not None)
        if self.fatal is not None:
            self._write_failed_row(sources)
            return self.status
        try:
            if finished:
                crawlstate.mark_sources(self.db, self.sources, self.run_id, complete=True)
            crawlstate.save_run_progress(self.db, self.run_id, self.run_counts(), sources)
            finish_crawl_run(self.db, self.run_id, self.status, pages_fetched=self.pages,
                             **self.counts)
            self.db.table("crawl_runs").update(self.run_id,
                                               {"options": self._options(requests)})
        except sqlite3.Error as exc:
            self.fatal = self.fatal or exc
            self.status = "failed"
        return self.status

    def _write_failed_row(self, sources: dict[str, dict]) -> None:
        """Best effort after a database failure: mark the run failed if anything can be
        written (a full disk may have room again after the rollback; read-only: nothing)."""
        try:
            crawlstate.save_run_progress(self.db, self.run_id, self.run_counts(), sources)
            finish_crawl_run(self.db, self.run_id, "failed", pages_fetched=self.pages,
                             **self.counts)
            self.db.conn.commit()
        except sqlite3.Error as exc:
            logger.error("could not mark run %s failed: %s", self.run_id, exc)

    def _options(self, requests: int) -> str:
        row = self.db.table("crawl_runs").get(self.run_id)
        options = json.loads(row.get("options") or "{}")
        options["requests"] = requests
        return json.dumps(options, ensure_ascii=False)

    def summary(self) -> list[dict]:
        """Per-source outcome rows (for the end-of-run lines)."""
        finished = self.status not in (None, "interrupted") and self.fatal is None
        return [{"source_id": source_id, **row}
                for source_id, row in self._source_rows(finished).items()]
