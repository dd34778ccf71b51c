"""Derived publishing tables, refreshed after each extraction: one call does it all."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import sqlite_utils

from db.evidence import refresh_evidence
from db.figures import refresh_figures
from db.places import refresh_places
from db.search import rebuild_fact_search, update_document_search

log = logging.getLogger(__name__)


@dataclass
class PublicationSummary:
    figures: int
    conflicts: int
    evidence_rows: int
    documents_indexed: int
    seconds: float
    skipped: bool = False


_FINGERPRINT = """
select (select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(sum(id), 0)
        from facts),
       (select count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(extracted_at), '')
        || ':' || coalesce(max(fetched_at), '') from documents),
       (select count(*) from places), (select count(*) from sources)
"""


def fingerprint(db: sqlite_utils.Database) -> str:
    """Changes whenever facts, documents, places or sources do (cheap: index scans)."""
    return "|".join(str(v) for v in db.execute(_FINGERPRINT).fetchone())


def refresh_publication(db: sqlite_utils.Database, force: bool = False) -> PublicationSummary:
    """Places' names and points, figures, conflicts, fact_evidence and the search indexes.

    Idempotent; everything it writes is derived from facts, documents, sources and places.
    Skipped when nothing it reads changed since the last refresh (a scheduled run that found
    nothing new costs no rebuild), unless ``force``.
    """
    started = time.monotonic()
    current = fingerprint(db)
    done = db.execute("select value from schema_info where key = 'published_from'").fetchone()
    if not force and done and done[0] == current:
        return PublicationSummary(0, 0, 0, 0, 0.0, skipped=True)
    refresh_places(db)
    figures = refresh_figures(db)
    evidence = refresh_evidence(db)
    rebuild_fact_search(db)
    indexed = update_document_search(db)
    with db.conn:
        db.execute("analyze")  # the query planner picks the facet and filter indexes
    db.table("schema_info").upsert_all([
        {"key": "published_at", "value": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
        {"key": "published_from", "value": fingerprint(db)}], pk="key")
    conflicts = db.execute("select count(*) from figure_conflicts").fetchone()[0]
    summary = PublicationSummary(figures, conflicts, evidence, indexed,
                                 round(time.monotonic() - started, 2))
    log.info("publication refreshed: %s", summary)
    return summary
