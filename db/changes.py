"""What changed since the last publication refresh, recorded by triggers in the same
transaction as the change itself.

The publishing tables (``figures``, ``figure_conflicts``, ``fact_evidence``, the search
indexes) are derived from ``facts``, ``documents`` and ``sources``. Rather than rebuilding them
from everything, the refresh (``db/publication.py``) redoes only what these tables name:

``publish_queue``
    documents whose facts, metadata, parent or source changed (facts are replaced per
    document with new ids, so a document is the unit of change).
``publish_groups``
    (metric, place key, year) groups whose figures must be clustered again: filled by the
    refresh from the old and new facts of the queued documents, emptied when figures are done.
``search_removed_facts`` / ``search_removed_documents``
    the indexed text of a fact or document deleted or edited since the last refresh. The
    search indexes are contentless FTS5 tables (SQLite 3.40 has no ``contentless_delete``):
    to drop a row, FTS5 must be given the text it indexed. An external-content table or a
    side table of indexed text would keep that text for every row, a second copy of every
    fact's sentence and document's text: 100 MB more on the 418 MB database of 20,000
    documents the benchmark builds (67 MB for facts, 34 MB for documents), to serve the few
    rows that change. These tombstones keep it only for rows removed since the last refresh.
    The first removal of an id is kept: when the row was indexed, that is the indexed version
    (an id can be reused once its row is gone, and the reused row removed again).

Triggers fire for every writer — the extraction's ``FactWriter``, ``store_document``, a
crawl adopting a document, hand-written SQL — and commit or roll back with the change, so a
process killed anywhere leaves the next refresh with complete work. Updates of columns the
publishing tables do not read (``documents.extractor_version``, ``facts.figure_id``) fire
nothing.
"""

from __future__ import annotations

import sqlite_utils

# Columns the publishing tables read; an UPDATE naming one of them queues the document.
FACT_COLUMNS = ("id", "document_id", "metric", "value", "unit", "approx", "place", "place_code",
                "place_name_zh", "place_name_en", "year", "span", "sentence", "origin", "why",
                "place_source", "period_source", "extractor_version")
# Columns the facts' search text is made of (db/search.py fact_body).
FACT_SEARCH_COLUMNS = ("sentence", "span", "place", "place_name_zh", "place_name_en",
                       "place_code")
DOCUMENT_COLUMNS = ("id", "title", "published", "url", "publisher", "source_id", "lang",
                    "parent_id", "fetched_at", "tables", "text")
DOCUMENT_SEARCH_COLUMNS = ("title", "publisher", "text")

TABLES_SQL = f"""
create table if not exists publish_queue (document_id integer primary key);
create table if not exists publish_groups (
  metric text not null, place_key text not null, year text not null,
  primary key (metric, place_key, year)) without rowid;
create table if not exists search_removed_facts (
  id integer primary key, document_id integer, {", ".join(f"{c} text" for c in
                                                     FACT_SEARCH_COLUMNS)});
create table if not exists search_removed_documents (
  id integer primary key, {", ".join(f"{c} text" for c in DOCUMENT_SEARCH_COLUMNS)});
"""
CHANGE_TABLES = ("publish_queue", "publish_groups", "search_removed_facts",
                 "search_removed_documents")

# "on conflict do nothing", not "or ignore": a statement's own conflict clause (an upsert's)
# would override the trigger's "or ignore".
_SKIP = "on conflict do nothing;"
_QUEUE = "insert into publish_queue (document_id) values ({}) " + _SKIP
_CHILDREN = ("insert into publish_queue (document_id) "
             "select id from documents where parent_id = {} " + _SKIP)
_SOURCE_DOCUMENTS = ("insert into publish_queue (document_id) "
                     "select id from documents where source_id = {} " + _SKIP)
_FACT_TOMBSTONE = (
    f"insert into search_removed_facts (id, document_id, "
    f"{', '.join(FACT_SEARCH_COLUMNS)}) values (old.id, old.document_id, "
    f"{', '.join(f'old.{c}' for c in FACT_SEARCH_COLUMNS)}) " + _SKIP)
_DOCUMENT_TOMBSTONE = (
    f"insert into search_removed_documents (id, {', '.join(DOCUMENT_SEARCH_COLUMNS)}) "
    f"values (old.id, {', '.join(f'old.{c}' for c in DOCUMENT_SEARCH_COLUMNS)}) " + _SKIP)


def _of(columns: tuple[str, ...]) -> str:
    return ", ".join(f"[{c}]" for c in columns)


TRIGGERS: dict[str, str] = {
    "publish_fact_inserted": f"after insert on facts begin {_QUEUE.format('new.document_id')} "
                             "end",
    "publish_fact_deleted": f"after delete on facts begin {_QUEUE.format('old.document_id')} "
                            f"{_FACT_TOMBSTONE} end",
    "publish_fact_updated": f"after update of {_of(FACT_COLUMNS)} on facts begin "
                            f"{_QUEUE.format('old.document_id')} "
                            f"{_QUEUE.format('new.document_id')} end",
    "publish_fact_text_updated": f"after update of {_of(('id', *FACT_SEARCH_COLUMNS))} on facts "
                                 f"begin {_FACT_TOMBSTONE} end",
    "publish_document_inserted": f"after insert on documents begin {_QUEUE.format('new.id')} "
                                 "end",
    "publish_document_deleted": f"after delete on documents begin {_QUEUE.format('old.id')} "
                                f"{_CHILDREN.format('old.id')} {_DOCUMENT_TOMBSTONE} end",
    "publish_document_updated": f"after update of {_of(DOCUMENT_COLUMNS)} on documents begin "
                                f"{_QUEUE.format('old.id')} {_QUEUE.format('new.id')} "
                                f"{_CHILDREN.format('old.id')} {_CHILDREN.format('new.id')} end",
    "publish_document_text_updated": f"after update of {_of(('id', *DOCUMENT_SEARCH_COLUMNS))} "
                                     f"on documents begin {_DOCUMENT_TOMBSTONE} end",
    # upsert_source runs on every crawl: only a real change queues the source's documents
    "publish_source_updated": "after update of id, name, publisher on sources when "
                              "old.id is not new.id or old.name is not new.name or "
                              "old.publisher is not new.publisher begin "
                              f"{_SOURCE_DOCUMENTS.format('old.id')} "
                              f"{_SOURCE_DOCUMENTS.format('new.id')} end",
    "publish_source_inserted": f"after insert on sources begin "
                               f"{_SOURCE_DOCUMENTS.format('new.id')} end",
    "publish_source_deleted": f"after delete on sources begin "
                              f"{_SOURCE_DOCUMENTS.format('old.id')} end",
}


def ensure_change_tracking(db: sqlite_utils.Database) -> None:
    """Create the change tables, and the triggers (after facts, documents and sources exist);
    a trigger whose definition changed is made again."""
    db.conn.executescript(TABLES_SQL)
    have = dict(db.execute("select name, sql from sqlite_master where type = 'trigger' "
                           "and name like 'publish_%'").fetchall())
    with db.conn:
        for name, body in TRIGGERS.items():
            sql = f"CREATE TRIGGER [{name}] {body}"  # as sqlite_master keeps it
            if have.get(name) != sql:
                db.execute(f"drop trigger if exists [{name}]")
                db.execute(sql)


def has_pending_work(db: sqlite_utils.Database) -> bool:
    """Whether anything is queued (documents, figure groups or search removals)."""
    return any(db.execute(f"select exists (select 1 from {name})").fetchone()[0]
               for name in CHANGE_TABLES)
