"""Storage stage: the SQLite schema and the functions that write to it.

Other stages hand plain dicts to these functions; nothing outside ``db/`` writes SQL.
"""

from db.facts import FactWriter, record_extraction_error, replace_facts
from db.schema import SCHEMA_VERSION, ensure_schema, open_db
from db.store import (
    close_abandoned_runs,
    document_ids_needing_extraction,
    finish_crawl_run,
    load_places,
    record_error,
    start_crawl_run,
    store_document,
    upsert_metrics,
    upsert_source,
)

__all__ = [
    "FactWriter",
    "SCHEMA_VERSION",
    "close_abandoned_runs",
    "load_places",
    "document_ids_needing_extraction",
    "ensure_schema",
    "finish_crawl_run",
    "open_db",
    "record_error",
    "record_extraction_error",
    "replace_facts",
    "start_crawl_run",
    "store_document",
    "upsert_metrics",
    "upsert_source",
]
