"""Wiring between stages: stored documents -> facts, and JSONL files -> facts.

This module only moves plain data between ``db`` and ``nlp``; neither knows the other.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

import db as store
import nlp
from db.publication import refresh_publication
from nlp.tables import tables_facts

log = logging.getLogger(__name__)


@dataclass
class ExtractSummary:
    documents: int = 0
    facts: int = 0
    failed: int = 0
    by_metric: Counter = field(default_factory=Counter)


def load_reference_tables(database: sqlite_utils.Database) -> None:
    """Load the metric vocabulary (and the place gazetteer when available) into the database."""
    store.upsert_metrics(database, [m.__dict__ for m in nlp.METRICS])
    try:
        from nlp.places import iter_places
    except ImportError:  # gazetteer not installed: facts keep their codes, no join table
        return
    store.load_places(database, (p.__dict__ for p in iter_places()))


def extract_documents(database: sqlite_utils.Database, force: bool = False) -> ExtractSummary:
    """Find facts in every document not yet processed by the current extractor version.

    A document that makes the extractor fail is logged and counted, never stops the run; its
    facts are left as they were so a later version can retry it.
    """
    load_reference_tables(database)
    version = nlp.EXTRACTOR_VERSION
    ids = store.document_ids_needing_extraction(database, None if force else version)
    summary = ExtractSummary()
    for doc_id in ids:
        doc = database.table("documents").get(doc_id)
        try:
            facts = facts_for_document(database, doc)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            log.exception("extraction failed for document %s", doc_id)
            store.record_error(database, None, doc.get("url") or str(doc_id), "extract",
                               f"{type(exc).__name__}: {exc}")
            summary.failed += 1
            continue
        store.replace_facts(database, doc_id, facts, version)
        summary.documents += 1
        summary.facts += len(facts)
        summary.by_metric.update(f["metric"] for f in facts)
    refresh_publication(database)  # figures, fact_evidence, search (db/publication.py)
    return summary


def facts_for_document(database: sqlite_utils.Database, doc: dict[str, Any]) -> list[dict]:
    """Facts of one stored document: its text, and for PDFs the rows of its tables."""
    published, context_title = doc.get("published"), doc.get("title")
    publisher = doc.get("publisher")
    if doc.get("parent_id"):
        parent = database.execute(
            "select published, title, publisher from documents where id = ?", [doc["parent_id"]]
        ).fetchone()
        if parent:
            published = published or parent[0]
            context_title = context_title or parent[1]
            publisher = publisher or parent[2]
    if not publisher and doc.get("source_id"):
        source = database.execute(
            "select coalesce(publisher, name) from sources where id = ?", [doc["source_id"]]
        ).fetchone()
        publisher = source[0] if source else None
    tables = json.loads(doc["tables"]) if doc.get("tables") else []
    text = doc.get("text") or ""
    if tables:
        text = blank_table_lines(text, tables)
    facts = [f.to_dict() for f in nlp.extract_facts(
        text, lang=doc.get("lang"), published=published, title=doc.get("title"),
        publisher=publisher)]
    if tables:  # in page order, so a table continued on the next page keeps its header
        facts += [f.to_dict() for f in tables_facts(
            tables, lang=doc.get("lang"), published=published,
            title=doc.get("title") or context_title, context=text[:2000], publisher=publisher)]
    return facts


_SPACE = re.compile(r"\s+")


def blank_table_lines(text: str, tables: Iterable[dict]) -> str:
    """Blank out the lines of ``text`` that repeat a table row, keeping every offset.

    PDF text holds the tables too; their figures are read from the table cells instead, so
    the row lines must not also yield facts from the running text.
    """
    cells: set[str] = set()
    for table in tables:
        for row in table.get("rows") or []:
            cells.update(_SPACE.sub("", c) for c in row if c and _SPACE.sub("", c))
    if not cells:
        return text
    out = []
    for line in text.splitlines(keepends=True):
        parts = [p for p in _SPACE.split(line.strip()) if p]
        if parts and sum(p in cells for p in parts) / len(parts) >= 0.6 and len(parts) >= 2:
            out.append(re.sub(r"[^\n]", " ", line))
        else:
            out.append(line)
    return "".join(out)


def facts_for_record(record: dict[str, Any]) -> Iterator[dict]:
    """Facts of one JSONL document record ``{"id", "text", "lang"?, "published"?, "title"?}``."""
    facts = nlp.extract_facts(
        record.get("text") or "", lang=record.get("lang") if record.get("lang") != "mixed"
        else None, published=record.get("published"), title=record.get("title"),
        publisher=record.get("publisher"),
    )
    for fact in facts:
        row = fact.to_dict()
        row = {"doc_id": record.get("id"), **row}
        row["place_aliases"] = [n for n in (row.get("place_name_zh"), row.get("place_name_en"))
                                if n]
        if record.get("url"):
            row["url"] = record["url"]
        yield row
