"""Documents spread over worker processes; their facts come back to the one writer.

Workers read documents from their own read-only connection (WAL lets them read while the
writer commits) and return plain results; only the caller writes. Workers are started by a
*forkserver*, so they inherit neither the run lock's file descriptor nor the writer's SQLite
connection, and each exits on its own when the process that started it dies (a SIGKILLed run
leaves no orphans holding memory or its output pipes).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sqlite3
import threading
import traceback
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

import sqlite_utils

from reliefwatch import pipeline

log = logging.getLogger(__name__)

CHUNK = 8  # documents per task: large enough to amortise a round trip, small for balance
# Chunks handed out ahead: enough that workers stay busy while the writer commits a batch
# (200 documents) and hands out nothing.
IN_FLIGHT = 64
_worker_db: sqlite_utils.Database | None = None


@dataclass
class DocumentResult:
    """One document's facts, or the error that stopped its extraction."""

    document_id: int
    facts: list[dict] | None
    error: str | None
    chars: int


class WorkerDied(RuntimeError):
    """A worker process died (killed, out of memory); committed batches are kept."""


def default_jobs() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def extract_ids(database: sqlite_utils.Database, ids: Sequence[int]) -> list[DocumentResult]:
    """Extract the documents ``ids``; a document that fails becomes an error result."""
    marks = ", ".join("?" * len(ids))
    results = []
    for doc in database.query(f"select * from documents where id in ({marks})", list(ids)):
        try:
            facts, error = pipeline.document_facts(database, doc), None
        except Exception as exc:  # noqa: BLE001 - one bad document never stops the others
            facts = None
            error = (str(exc) if isinstance(exc, pipeline.ExtractionFailed)
                     else f"{type(exc).__name__}: {exc}\n" + traceback.format_exc(limit=-5))
        results.append(DocumentResult(doc["id"], facts, error, len(doc.get("text") or "")))
    return results


def iter_results(database: sqlite_utils.Database, ids: Sequence[int], jobs: int
                 ) -> Iterator[DocumentResult]:
    """Results for ``ids``: in this process when ``jobs`` is 1 (or the work is tiny), else
    from ``jobs`` worker processes, in the order they finish."""
    chunks = [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]
    jobs = min(jobs, len(chunks))
    if jobs <= 1:
        for chunk in chunks:
            yield from extract_ids(database, chunk)
        return
    yield from _pool_results(_database_path(database), chunks, jobs)


def _pool_results(db_path: str, chunks: list[Sequence[int]], jobs: int
                  ) -> Iterator[DocumentResult]:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["reliefwatch.worker_warmup"])
    # Workers watch the read end of this pipe: EOF means this process is gone (even killed).
    alive_r, alive_w = context.Pipe(duplex=False)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                               initializer=_init_worker, initargs=(db_path, alive_r))
    todo = iter(chunks)
    pending: set[Future] = {pool.submit(_work, c)
                            for c in islice(todo, max(IN_FLIGHT, 4 * jobs))}
    try:
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                try:
                    results = future.result()
                except BrokenProcessPool as exc:
                    raise WorkerDied("an extraction worker process died (killed or out of "
                                     "memory); committed work is kept, run extract again"
                                     ) from exc
                for chunk in islice(todo, 1):
                    pending.add(pool.submit(_work, chunk))
                yield from results
        pool.shutdown(wait=True)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        alive_w.close()


def _database_path(database: sqlite_utils.Database) -> str:
    for _, name, path in database.execute("pragma database_list"):
        if name == "main" and path:
            return path
    raise ValueError("worker processes need a database file, not an in-memory database")


def _init_worker(db_path: str, alive: Connection) -> None:
    """Open the worker's read-only connection; exit when the starting process is gone."""
    global _worker_db
    conn = sqlite3.connect(f"{Path(db_path).as_uri()}?mode=ro", uri=True)
    conn.execute("pragma busy_timeout = 30000")
    _worker_db = sqlite_utils.Database(conn)
    watcher = threading.Thread(target=_exit_with_parent, args=(alive,),
                               name="parent-watch", daemon=True)
    watcher.start()


def _exit_with_parent(alive: Connection) -> None:
    # Nothing is ever sent: recv() returns only with EOF, when the starting process has closed
    # the pipe or died. (Its pid cannot tell: a killed process stays a zombie until reaped,
    # and the forkserver outlives it while workers hold its pipe.)
    try:
        alive.recv()
    except (EOFError, OSError):
        pass
    os._exit(1)


def _work(ids: Sequence[int]) -> list[DocumentResult]:
    assert _worker_db is not None, "worker not initialised"
    return extract_ids(_worker_db, ids)
