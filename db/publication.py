"""Derived publishing tables, refreshed after each extraction: one call does it all.

The refresh is incremental: it redoes what changed since the last one, as the triggers of
``db/changes.py`` recorded it, and gives exactly the rows a full rebuild would.

1. Documents in ``publish_queue`` (facts replaced, metadata, parent or source changed), a
   slice at a time, each slice one transaction: their ``fact_evidence`` rows are rewritten,
   their facts dropped from and added to ``facts_search``, the documents re-indexed, and the
   (metric, place, year) groups of their old and new facts noted in ``publish_groups``.
   :func:`publish_queued` does one slice; the extraction calls it after each batch, so this
   work runs while the workers extract.
2. The noted groups are clustered again (``db/figure_refresh.py``): their figures and
   conflicts replaced, ``figure_id`` set where it changed, in facts and fact_evidence.

When what every row depends on changed — the places (names, aliases, points), the way rows
are made (:data:`PUBLICATION_FORMAT`, ``db.search.search_format()``), or nothing was published
yet — every document and figure group is queued (:func:`prepare_publication`) and the same
steps republish all, figures keeping their ids. ``force`` rebuilds everything from scratch in
one transaction instead (the reference the incremental way is tested against). A killed
refresh leaves its queue and groups for the next one.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass

import sqlite_utils

from db.changes import has_pending_work
from db.evidence import GROUP_COLUMNS, refresh_evidence, replace_evidence
from db.facts import transaction
from db.figure_refresh import figure_groups, refresh_figures
from db.figures import place_key
from db.killpoint import kill_point
from db.places import refresh_places
from db.search import (
    place_alias_text,
    rebuild_fact_search,
    search_format,
    update_document_search,
    update_fact_search,
)

log = logging.getLogger(__name__)

# Bump when figures, conflicts or fact_evidence rows are made differently: the next refresh
# rebuilds them all.
PUBLICATION_FORMAT = "3"
SLICE_DOCUMENTS = 2000  # queued documents republished per transaction
ANALYZE_GROWTH = 1.1  # statistics are gathered again when facts.id grew by 10 %
# Touched groups beyond this share of the figures are read in one scan of all facts.
SCAN_ALL_GROUPS = 0.5


@dataclass
class PublicationSummary:
    figures: int  # in the table
    conflicts: int  # in the table
    evidence_rows: int  # written by this refresh
    documents_indexed: int
    seconds: float
    skipped: bool = False
    documents: int = 0  # documents republished (0 when everything was rebuilt)
    full: bool = False


def _state(db: sqlite_utils.Database) -> dict[str, str]:
    # schema_info.value has integer affinity: a number stored as text comes back a number
    return dict(db.execute("select key, cast(value as text) from schema_info where key in "
                           "('publication_format', 'publication_places', 'analyzed_facts')"))


def places_digest(db: sqlite_utils.Database) -> str:
    """Changes whenever what the rows take from places does: points, ancestors, names."""
    digest = hashlib.sha1()
    for sql in ("select code, province_code, prefecture_code, longitude, latitude "
                "from places order by code",
                "select name, code from place_names order by name, code",
                "select ancestor_code, code from place_tree order by ancestor_code, code"):
        for row in db.execute(sql):
            digest.update(repr(row).encode())
    return "places-" + digest.hexdigest()[:16]  # never read back as a number


def prepare_publication(db: sqlite_utils.Database) -> bool:
    """Fill the places' names and tree; when what every row depends on changed since the
    last refresh (places, the way rows are made, or no refresh yet), queue everything to be
    republished. Returns whether it did."""
    refresh_places(db)
    fmt = f"{PUBLICATION_FORMAT}:{search_format()}"
    places = places_digest(db)
    state = _state(db)
    if state.get("publication_format") == fmt and state.get("publication_places") == places:
        return False
    with transaction(db.conn):
        queue_everything(db, documents_too=state.get("publication_format") != fmt)
        _stamp(db, fmt, places)
    return True


def queue_everything(db: sqlite_utils.Database, documents_too: bool) -> None:
    """Queue every document and figure group, and empty the facts' search index (and the
    documents' when ``documents_too``): the next steps republish all, figures keeping
    their ids."""
    db.execute("insert into facts_search(facts_search) values('delete-all')")
    db.execute("delete from search_removed_facts")
    if documents_too:
        db.execute("insert into documents_search(documents_search) values('delete-all')")
        db.execute("delete from documents_search_state")
        db.execute("delete from search_removed_documents")
    for table, column in (("documents", "id"), ("facts", "document_id"),
                          ("fact_evidence", "document_id")):
        db.execute(f"insert or ignore into publish_queue (document_id) "
                   f"select {column} from {table} where {column} is not null")
    db.conn.executemany(
        "insert or ignore into publish_groups (metric, place_key, year) values (?, ?, ?)",
        figure_groups(db))


def _stamp(db: sqlite_utils.Database, fmt: str, places: str) -> None:
    db.conn.executemany("insert or replace into schema_info (key, value) values (?, ?)",
                        [("publication_format", fmt), ("publication_places", places)])


def refresh_publication(db: sqlite_utils.Database, force: bool = False) -> PublicationSummary:
    """Places' names and points, figures, conflicts, fact_evidence and the search indexes.

    Redoes what changed since the last refresh (skipped when nothing did); ``force`` rebuilds
    everything from scratch. Idempotent; everything it writes is derived from facts,
    documents, sources and places.
    """
    started = time.monotonic()
    state = _state(db)
    if force:
        refresh_places(db)
        evidence, indexed = _rebuild(db)
        documents = 0
    else:
        queued_all = prepare_publication(db)
        if not queued_all and not has_pending_work(db):
            return PublicationSummary(0, 0, 0, 0, 0.0, skipped=True)
        evidence = indexed = documents = 0
        aliases = place_alias_text(db)
        while (done := publish_queued(db, SLICE_DOCUMENTS, aliases)).documents:
            evidence += done.evidence_rows
            indexed += done.documents_indexed
            documents += done.documents
        with transaction(db.conn):
            _redo_groups(db)
            kill_point("figures-written")
    _analyze(db, force, state)
    with transaction(db.conn):
        db.execute("insert or replace into schema_info (key, value) values "
                   "('published_at', ?)", [time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())])
    figures, conflicts = db.execute("select (select count(*) from figures), "
                                    "(select count(*) from figure_conflicts)").fetchone()
    summary = PublicationSummary(figures, conflicts, evidence, indexed,
                                 round(time.monotonic() - started, 2), documents=documents,
                                 full=force)
    log.info("publication refreshed: %s", summary)
    return summary


def _rebuild(db: sqlite_utils.Database) -> tuple[int, int]:
    """Everything from scratch, in one transaction; the change tables are emptied. Returns
    the fact_evidence rows and the documents indexed."""
    with transaction(db.conn):
        db.execute("delete from publish_queue")
        db.execute("delete from publish_groups")
        refresh_figures(db, evidence=False)
        evidence = refresh_evidence(db)
        rebuild_fact_search(db)
        indexed = update_document_search(db, rebuild=True)
        _stamp(db, f"{PUBLICATION_FORMAT}:{search_format()}", places_digest(db))
        kill_point("publication-written")
    return evidence, indexed


def publish_queued(db: sqlite_utils.Database, limit: int = SLICE_DOCUMENTS,
                   aliases: dict[str, str] | None = None) -> PublicationSummary:
    """Republish up to ``limit`` queued documents (step 1), in one transaction; their
    figure groups are left in ``publish_groups`` for :func:`refresh_publication`.
    ``aliases``: ``db.search.place_alias_text(db)``, when the caller keeps it."""
    started = time.monotonic()
    with transaction(db.conn):
        db.execute("create temp table if not exists publish_slice "
                   "(document_id integer primary key)")
        db.execute("delete from temp.publish_slice")
        db.execute("insert into temp.publish_slice select document_id from publish_queue "
                   "order by document_id limit ?", [limit])
        count = db.execute("select count(*) from temp.publish_slice").fetchone()[0]
        groups = replace_evidence(db) if count else []
        groups += db.execute(
            f"select {GROUP_COLUMNS} from facts where document_id in "
            "(select document_id from temp.publish_slice) "
            "and metric is not null and value is not null").fetchall()
        db.conn.executemany(
            "insert or ignore into publish_groups (metric, place_key, year) values (?, ?, ?)",
            {(metric, place_key(code, name_en, name_zh, place), year or "")
             for metric, code, name_en, name_zh, place, year in groups})
        evidence = db.execute("select count(*) from fact_evidence where document_id in "
                              "(select document_id from temp.publish_slice)").fetchone()[0]
        update_fact_search(db, place_alias_text(db) if aliases is None else aliases)
        indexed = update_document_search(db, only_queued=True)
        db.execute("delete from publish_queue where document_id in "
                   "(select document_id from temp.publish_slice)")
        kill_point("publication-written")
    return PublicationSummary(0, 0, evidence, indexed, round(time.monotonic() - started, 2),
                              documents=count)


def _redo_groups(db: sqlite_utils.Database) -> int:
    """Step 2: cluster the noted groups again (all of them, read in one scan, when they are
    most: after a first extraction)."""
    groups = {tuple(row) for row in db.execute(
        "select metric, place_key, year from publish_groups")}
    figures = db.execute("select count(*) from figures").fetchone()[0]
    whole = len(groups) > SCAN_ALL_GROUPS * figures
    written = refresh_figures(db, None if whole else groups) if groups else 0
    db.execute("delete from publish_groups")
    return written


def _analyze(db: sqlite_utils.Database, full: bool, state: dict[str, str]) -> None:
    """Statistics for the query planner (it picks the facet and filter indexes by them):
    after a full rebuild, and when the facts grew by a tenth since they were gathered."""
    highest = db.execute("select coalesce(max(id), 0) from facts").fetchone()[0]
    before = int(state.get("analyzed_facts") or 0)
    if full or not before or highest > before * ANALYZE_GROWTH:
        with transaction(db.conn):
            db.execute("analyze")
            db.execute("insert or replace into schema_info (key, value) values "
                       "('analyzed_facts', ?)", [str(highest)])
