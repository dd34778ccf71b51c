"""Table definitions. Table and column names are a public contract (Datasette, SQL users)."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from sqlite_utils.db import DescIndex

from db.changes import CHANGE_TABLES, ensure_change_tracking
from db.migrations import add_missing_foreign_keys, migrate
from db.search import ensure_search_tables

SCHEMA_VERSION = 2

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
            "figure_id": int,
        },
        "pk": "id",
        "foreign_keys": [
            ("document_id", "documents", "id"),
            ("metric", "metrics", "name"),
            ("place_code", "places", "code"),
            ("figure_id", "figures", "id"),
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
            "province_code": str,
            "prefecture_code": str,
            "longitude": float,
            "latitude": float,
            "coordinates_from": str,
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
    # Publishing tables, derived from the ones above by ``db.publication.refresh_publication``
    # after each extraction (what changed is redone: never edit them by hand).
    "figures": {
        "columns": {
            "id": int, "label": str, "metric": str, "value": float, "unit": str, "approx": int,
            "place": str, "place_code": str, "place_name_zh": str, "place_name_en": str,
            "province_code": str, "prefecture_code": str, "year": str,
            "documents": int, "facts": int, "sources": str, "first_published": str,
            "last_published": str, "first_seen": str, "conflict": int, "other_values": str,
            "evidence": str, "evidence_url": str, "longitude": float, "latitude": float,
            "figure_key": str,
        },
        "pk": "id",
        "foreign_keys": [("metric", "metrics", "name"), ("place_code", "places", "code")],
    },
    "figure_conflicts": {
        "columns": {
            "id": int, "metric": str, "unit": str, "place": str, "place_code": str,
            "year": str, "figure_id": int, "value": float, "sources": str, "documents": int,
            "other_figure_id": int, "other_value": float, "other_sources": str,
            "other_documents": int, "difference_pct": float,
        },
        "pk": "id",
        "foreign_keys": [("metric", "metrics", "name"), ("place_code", "places", "code"),
                         ("figure_id", "figures", "id"), ("other_figure_id", "figures", "id")],
    },
    # One row per fact with what a citation needs: a real table (not a view) so that pages,
    # facets and CSV streaming use its indexes and primary key.
    "fact_evidence": {
        "columns": {
            "fact_id": int, "figure_id": int, "metric": str, "value": float, "unit": str,
            "approx": int, "place": str, "place_code": str, "place_name_en": str,
            "place_name_zh": str, "province_code": str, "prefecture_code": str, "year": str,
            "span": str, "sentence": str, "why": str, "place_source": str,
            "period_source": str, "title": str, "published": str,
            "url": str, "publisher": str, "source_id": str, "document_id": int, "lang": str,
            "origin": str, "extractor_version": str, "longitude": float, "latitude": float,
        },
        "pk": "fact_id",
        "foreign_keys": [
            ("fact_id", "facts", "id"), ("figure_id", "figures", "id"),
            ("metric", "metrics", "name"), ("place_code", "places", "code"),
            ("source_id", "sources", "id"), ("document_id", "documents", "id"),
        ],
    },
    # Every written form of a place (湘西州, 湘西土家族苗族自治州, Xiangxi, Hechi City ...) in
    # lower case, and each place's ancestors (itself included): a prefecture includes its
    # counties through ``place_tree``.
    "place_names": {
        "columns": {"name": str, "code": str, "lang": str},
        "pk": ("name", "code"),
        "foreign_keys": [("code", "places", "code")],
    },
    "place_tree": {
        "columns": {"ancestor_code": str, "code": str, "depth": int},
        "pk": ("ancestor_code", "code"),
        "foreign_keys": [("ancestor_code", "places", "code"), ("code", "places", "code")],
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

# Crawl and publication bookkeeping: kept in the database, hidden from publication.
INTERNAL_TABLES: frozenset[str] = frozenset({"seen_urls", "source_crawl_state", "schema_info",
                                             *CHANGE_TABLES})
# Derived by ``db.publication.refresh_publication``; never written by the crawl or extract
# stages.
PUBLISHING_TABLES = ("figures", "figure_conflicts", "fact_evidence", "place_names", "place_tree")

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
    # Publishing: every default facet and sort of the published pages has an index.
    ("documents", ["parent_id"], False),
    ("documents", ["lang"], False),
    ("documents", ["relevant"], False),
    ("documents", ["content_type"], False),
    ("documents", ["publisher"], False),
    ("facts", ["figure_id"], False),
    ("facts", ["unit"], False),
    ("facts", ["place_name_en"], False),
    ("facts", ["value"], False),
    ("facts", ["metric", "place_code"], False),
    ("figures", ["metric", "place_code"], False),
    ("figures", ["place_code"], False),
    ("figures", ["prefecture_code"], False),
    ("figures", ["province_code"], False),
    ("figures", ["year"], False),
    ("figures", ["value"], False),
    ("figures", ["conflict"], False),
    ("figures", ["first_seen"], False),
    ("figures", ["figure_key"], False),  # a group's figures, for an incremental refresh
    ("figure_conflicts", ["figure_id"], False),
    ("fact_evidence", ["metric", "place_code"], False),
    ("fact_evidence", ["place_code"], False),
    ("fact_evidence", ["prefecture_code"], False),
    ("fact_evidence", ["province_code"], False),
    ("fact_evidence", ["year"], False),
    ("fact_evidence", ["source_id"], False),
    # Datasette orders its first page by the sort column alone and later pages by it and the
    # primary key (ascending): these indexes give ties that same order on every page, so no
    # row is skipped at a page boundary (HTML pages and streamed CSV alike).
    ("fact_evidence", [DescIndex("published"), "fact_id"], False),
    ("documents", [DescIndex("published"), "id"], False),
    ("figures", [DescIndex("documents"), "id"], False),
    ("fact_evidence", ["figure_id"], False),
    ("fact_evidence", ["document_id"], False),
    ("fact_evidence", ["value"], False),
    ("fact_evidence", ["unit"], False),
    ("places", ["parent_code"], False),
    ("places", ["level"], False),
    ("place_names", ["code"], False),
    ("place_tree", ["code"], False),
    ("document_aliases", ["document_id"], False),
    ("crawl_run_sources", ["source_id"], False),
]

VIEWS: dict[str, str] = {}


def _not_null(pk: str | tuple[str, ...]) -> set[str] | None:
    if pk == "id":
        return None
    return set(pk) if isinstance(pk, tuple) else {pk}


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns, indexes and full-text indexes; safe to call repeatedly."""
    # Foreign keys are declared (Datasette links them) but not enforced: a fact whose place code
    # is newer than the loaded gazetteer must still be stored.
    migrate(db)
    for name in ["sources", "crawl_runs", "metrics", "places", "documents", "figures", "facts",
                 "crawl_errors", "extraction_errors", "seen_urls", "source_crawl_state",
                 "crawl_run_sources", "document_aliases", "figure_conflicts", "fact_evidence",
                 "place_names", "place_tree"]:
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
    add_missing_foreign_keys(db, TABLES)
    ensure_search_tables(db)
    ensure_change_tracking(db)
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)
    db.table("schema_info").upsert({"key": "schema_version", "value": SCHEMA_VERSION}, pk="key")


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the ReliefWatch database at ``path`` with the schema in place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA busy_timeout = 30000")
    ensure_schema(db)
    return db
