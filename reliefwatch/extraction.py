"""The extraction run: documents the current extractor has not processed -> facts, committed
in batches by one writer, with failures recorded and progress reported.

Kill-safe: each batch (facts replaced, documents stamped, errors recorded) is one transaction,
so a run killed anywhere keeps every committed batch and the next run does the rest. A
document whose extraction failed is recorded in ``extraction_errors`` and left unstamped, so
the next run retries it. Idempotent per (document, extractor version).

The publishing tables follow as the run goes: after each batch the documents it queued are
republished (``db.publication.publish_queued``: fact_evidence, search), while the workers
extract the next ones; the figures of the groups they touched are redone once, at the end.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

import db as store
import nlp
from db.killpoint import kill_point
from db.publication import prepare_publication, publish_queued, refresh_publication
from db.search import place_alias_text
from reliefwatch.pipeline import load_reference_tables
from reliefwatch.workers import DocumentResult, default_jobs, iter_results

log = logging.getLogger(__name__)

BATCH_DOCUMENTS = 200  # documents per transaction ...
BATCH_SECONDS = 2.0  # ... or fewer, when this much time has passed since the last commit
AUTO_WORKERS_FROM = 100  # with jobs=None, fewer documents than this are extracted in-process
# Queued documents republished after each batch: more than a batch, so a queue left by an
# earlier run (or by the crawl) drains too.
PUBLISH_PER_BATCH = 2 * BATCH_DOCUMENTS


@dataclass
class ExtractSummary:
    """What an extraction run did."""

    documents: int = 0  # documents extracted and stamped
    facts: int = 0
    failed: int = 0  # documents recorded in extraction_errors, left for the next run
    chars: int = 0
    seconds: float = 0.0
    jobs: int = 1
    by_metric: Counter = field(default_factory=Counter)


# progress(done, total, summary): called after every document
Progress = Callable[[int, int, ExtractSummary], None]


def extract_documents(
    database: sqlite_utils.Database, force: bool = False, jobs: int | None = 1,
    progress: Progress | None = None, batch_documents: int | None = None,
) -> ExtractSummary:
    """Extract every document not yet processed by the current extractor version.

    ``force`` extracts every (relevant) document again. ``jobs`` worker processes share the
    documents (``None``: one per core, or none below :data:`AUTO_WORKERS_FROM` documents);
    this process alone writes. Results are committed
    every ``batch_documents`` documents (default: :data:`BATCH_DOCUMENTS`, or fewer when
    :data:`BATCH_SECONDS` have passed; an explicit size is exact).
    """
    started = time.perf_counter()
    # As the crawl does (db/crawlstate.py): WAL with synchronous=NORMAL, a commit survives a
    # killed process and a power cut never corrupts the file; it may lose the last batches,
    # whose documents stay unstamped and are extracted again. A commit then costs no fsync.
    database.execute("pragma synchronous = normal")
    load_reference_tables(database)
    prepare_publication(database)  # place names; everything queued when nothing is published
    version = nlp.EXTRACTOR_VERSION
    ids = store.document_ids_needing_extraction(database, None if force else version)
    if jobs is None:  # starting workers costs about a second: not worth it for a few documents
        jobs = default_jobs() if len(ids) >= AUTO_WORKERS_FROM else 1
    summary = ExtractSummary(jobs=jobs)
    writer = _BatchWriter(database, version, summary, batch_documents)
    for done, result in enumerate(iter_results(database, ids, summary.jobs), 1):
        writer.add(result)
        kill_point("document-extracted")
        if progress is not None:
            progress(done, len(ids), summary)
    writer.flush()
    refresh_publication(database)  # figures, fact_evidence, search (db/publication.py)
    summary.seconds = time.perf_counter() - started
    return summary


class _BatchWriter:
    """Collects results and commits them, a batch per transaction."""

    def __init__(self, database: sqlite_utils.Database, version: str,
                 summary: ExtractSummary, batch_documents: int | None) -> None:
        self.database = database
        self.aliases = place_alias_text(database)  # for the search text of each batch's facts
        self.writer = store.FactWriter(database, version)
        self.batch_documents = batch_documents or BATCH_DOCUMENTS
        self.batch_seconds = BATCH_SECONDS if batch_documents is None else float("inf")
        self.summary = summary
        self.done: list[tuple[int, list[dict]]] = []
        self.failed: list[tuple[int, str]] = []
        self.last_commit = time.monotonic()

    def add(self, result: DocumentResult) -> None:
        self.summary.chars += result.chars
        if result.error is not None:
            first_line = result.error.splitlines()[0] if result.error else "unknown error"
            log.error("extraction failed for document %s: %s", result.document_id, first_line)
            log.debug("document %s: %s", result.document_id, result.error)
            self.failed.append((result.document_id, result.error))
            self.summary.failed += 1
        else:
            facts = result.facts or []
            self.done.append((result.document_id, facts))
            self.summary.documents += 1
            self.summary.facts += len(facts)
            self.summary.by_metric.update(f.get("metric") for f in facts)
        if (len(self.done) + len(self.failed) >= self.batch_documents
                or time.monotonic() - self.last_commit >= self.batch_seconds):
            self.flush()

    def flush(self) -> None:
        if self.done or self.failed:
            self.writer.write(self.done, self.failed)
            kill_point("batch-committed")
            publish_queued(self.database, PUBLISH_PER_BATCH, self.aliases)
        self.done, self.failed = [], []
        self.last_commit = time.monotonic()
