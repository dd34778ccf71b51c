"""Table definitions. Table and column names are a public contract (Datasette, SQL users)."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = 1

TABLES: dict[str, dict] = {
    "sources": {
        "columns": {
            "id": str,
            "name": str,
            "publisher": str,
            "base_url": str,
            "lang": str,
        },
        "pk": "id",
    },
    "crawl_runs": {
        "columns": {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "pages_fetched": int,
            "documents_new": int,
            "documents_updated": int,
            "errors": int,
            "sources": str,
            "options": str,
        },
        "pk": "id",
    },
    "documents": {
        "columns": {
            "id": int,
            "source_id": str,
            "url": str,
            "title": str,
            "published": str,
            "publisher": str,
            "lang": str,
            "content_type": str,
            "size": int,  # bytes as received
            "sha256": str,
            "text": str,
            "tables": str,
            "relevant": int,
            "parent_id": int,
            "fetched_at": str,
            "crawl_run_id": int,
            "warc_file": str,
            "warc_offset": int,
            "extractor_version": str,
            "extracted_at": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("source_id", "sources", "id"),
            ("crawl_run_id", "crawl_runs", "id"),
            ("parent_id", "documents", "id"),
        ],
    },
    "facts": {
        "columns": {
            "id": int,
            "document_id": int,
            "metric": str,
            "value": float,
            "unit": str,
            "approx": int,
            "low": float,
            "high": float,
            "place": str,
            "place_code": str,
            "place_name_zh": str,
            "place_name_en": str,
            "year": str,
            "period_start": str,
            "period_end": str,
            "span": str,
            "start": int,
            "end": int,
            "sentence": str,
            "origin": str,
            "place_source": str,
            "period_source": str,
            "why": str,
            "extractor_version": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("document_id", "documents", "id"),
            ("metric", "metrics", "name"),
            ("place_code", "places", "code"),
        ],
    },
    "metrics": {
        "columns": {
            "name": str,
            "unit": str,
            "description_en": str,
            "description_zh": str,
        },
        "pk": "name",
    },
    "places": {
        "columns": {
            "code": str,
            "name_zh": str,
            "name_en": str,
            "level": str,
            "parent_code": str,
        },
        "pk": "code",
    },
    "crawl_errors": {
        "columns": {
            "id": int,
            "crawl_run_id": int,
            "url": str,
            "kind": str,
            "status": int,
            "message": str,
            "at": str,
        },
        "pk": "id",
        "foreign_keys": [("crawl_run_id", "crawl_runs", "id")],
    },
    "seen_urls": {
        "columns": {
            "url": str,
            "sha256": str,
            "document_id": int,
            "etag": str,
            "last_modified": str,
            "first_seen": str,
            "last_fetched": str,
            "status": int,
            # runs in a row whose request failed (timeout, 5xx, cut off, redirect loop ...):
            # retried by later runs until MAX_FAILED_RUNS, then left until --full
            "failures": int,
        },
        "pk": "url",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    # A document the extractor failed on: it stays unstamped and the next `extract` retries it;
    # the row goes when the document is extracted.
    "extraction_errors": {
        "columns": {
            "id": int,
            "document_id": int,
            "extractor_version": str,
            "error": str,
            "attempts": int,
            "first_at": str,
            "at": str,
        },
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    # Per-source crawl progress: complete = 0 while a run that started this source has not
    # finished it, so the next run walks every list page again (nothing lost after a kill).
    "source_crawl_state": {
        "columns": {
            "source_id": str,
            "last_run_id": int,
            "complete": int,
            "updated_at": str,
        },
        "pk": "source_id",
        "foreign_keys": [("source_id", "sources", "id"), ("last_run_id", "crawl_runs", "id")],
    },
    # What each run did per source: the line an operator reads when a run is not ok.
    "crawl_run_sources": {
        "columns": {
            "crawl_run_id": int,
            "source_id": str,
            "status": str,  # ok | partial | failed | interrupted | running
            "pages_fetched": int,
            "documents_new": int,
            "documents_updated": int,
            "errors": int,
            "message": str,
        },
        "pk": ("crawl_run_id", "source_id"),
        "foreign_keys": [("crawl_run_id", "crawl_runs", "id"), ("source_id", "sources", "id")],
    },
    # Other addresses of a stored document: its print copy, the fetched URL when the page
    # names another canonical URL, a second URL serving the same text.
    "document_aliases": {
        "columns": {
            "url": str,
            "document_id": int,
            "reason": str,  # canonical | print | duplicate
            "crawl_run_id": int,
        },
        "pk": "url",
        "foreign_keys": [("document_id", "documents", "id"),
                         ("crawl_run_id", "crawl_runs", "id")],
    },
}

# Crawl bookkeeping: kept in the database, hidden from publication.
INTERNAL_TABLES: frozenset[str] = frozenset({"seen_urls", "source_crawl_state", "schema_info"})

INDEXES: list[tuple[str, list[str], bool]] = [
    ("documents", ["url"], True),
    ("documents", ["sha256"], False),
    ("documents", ["source_id"], False),
    ("documents", ["published"], False),
    ("facts", ["document_id"], False),
    ("facts", ["metric"], False),
    ("facts", ["place_code"], False),
    ("facts", ["year"], False),
    ("crawl_errors", ["crawl_run_id"], False),
    ("extraction_errors", ["document_id", "extractor_version"], True),
    ("document_aliases", ["document_id"], False),
    ("crawl_run_sources", ["source_id"], False),
]

VIEWS: dict[str, str] = {
    # One row per fact with the evidence a journalist needs to cite it.
    "fact_evidence": """
select
  facts.id as fact_id, facts.metric, facts.value, facts.unit, facts.approx,
  facts.place, facts.place_code, facts.place_name_en, facts.place_name_zh, facts.year,
  facts.span, facts.sentence, documents.title, documents.published, documents.url,
  documents.publisher, documents.source_id, documents.lang, facts.origin,
  facts.place_source, facts.period_source, facts.why, facts.extractor_version
from facts join documents on documents.id = facts.document_id
""",
}

FTS: dict[str, list[str]] = {
    "documents": ["title", "text"],
    "facts": ["sentence", "place"],
}


def _not_null(pk: str | tuple[str, ...]) -> set[str] | None:
    if pk == "id":
        return None
    return set(pk) if isinstance(pk, tuple) else {pk}


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns, indexes and full-text indexes; safe to call repeatedly."""
    # Foreign keys are declared (Datasette links them) but not enforced: a fact whose place code
    # is newer than the loaded gazetteer must still be stored.
    for name in ["sources", "crawl_runs", "metrics", "places", "documents", "facts",
                 "crawl_errors", "extraction_errors", "seen_urls", "source_crawl_state",
                 "crawl_run_sources", "document_aliases"]:
        spec = TABLES[name]
        table = db.table(name)
        if not table.exists():
            table.create(
                spec["columns"],
                pk=spec["pk"],
                foreign_keys=spec.get("foreign_keys"),
                not_null=_not_null(spec["pk"]),
            )
        else:
            have = {c.name for c in table.columns}
            for col, typ in spec["columns"].items():
                if col not in have:
                    table.add_column(col, typ)
    for table_name, cols, unique in INDEXES:
        db.table(table_name).create_index(cols, unique=unique, if_not_exists=True)
    for table_name, cols in FTS.items():
        if not db.table(f"{table_name}_fts").exists():
            db.table(table_name).enable_fts(cols, create_triggers=True, tokenize="trigram")
        _narrow_fts_update_trigger(db, table_name, cols)
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)
    db.table("schema_info").upsert({"key": "schema_version", "value": SCHEMA_VERSION}, pk="key")


def _narrow_fts_update_trigger(db: sqlite_utils.Database, table: str, cols: list[str]) -> None:
    """Re-index a row's text only when an indexed column changes.

    sqlite-utils' update trigger re-tokenizes the whole row on any update, so stamping a
    document's extractor version re-indexed its full text (most of the cost of a fact write).
    """
    name = f"{table}_au"
    row = db.execute("select sql from sqlite_master where type = 'trigger' and name = ?",
                     [name]).fetchone()
    if row is None or " UPDATE OF " in row[0].upper():
        return
    columns = ", ".join(f'"{c}"' for c in cols)
    old = ", ".join(f'old."{c}"' for c in cols)
    new = ", ".join(f'new."{c}"' for c in cols)
    with db.conn:
        db.execute(f'drop trigger "{name}"')
        db.execute(
            f'create trigger "{name}" after update of {columns} on "{table}" begin\n'
            f'  insert into "{table}_fts" ("{table}_fts", rowid, {columns}) '
            f"values ('delete', old.rowid, {old});\n"
            f'  insert into "{table}_fts" (rowid, {columns}) values (new.rowid, {new});\n'
            "end")


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the ReliefWatch database at ``path`` with the schema in place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA busy_timeout = 30000")
    ensure_schema(db)
    return db
