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


def refresh_publication(db: sqlite_utils.Database) -> PublicationSummary:
    """Places' names and points, figures, conflicts, fact_evidence and the search indexes.

    Idempotent; everything it writes is derived from facts, documents, sources and places.
    """
    started = time.monotonic()
    refresh_places(db)
    figures = refresh_figures(db)
    evidence = refresh_evidence(db)
    rebuild_fact_search(db)
    indexed = update_document_search(db)
    with db.conn:
        db.execute("analyze")  # the query planner picks the facet and filter indexes
    db.table("schema_info").upsert(
        {"key": "published_at", "value": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
        pk="key")
    conflicts = db.execute("select count(*) from figure_conflicts").fetchone()[0]
    summary = PublicationSummary(figures, conflicts, evidence, indexed,
                                 round(time.monotonic() - started, 2))
    log.info("publication refreshed: %s", summary)
    return summary
