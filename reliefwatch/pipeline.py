"""Wiring between stages: stored documents -> facts, and JSONL files -> facts.

This module only moves plain data between ``db`` and ``nlp``; neither knows the other.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import Any

import sqlite_utils

import db as store
import nlp

log = logging.getLogger(__name__)


class ExtractionFailed(Exception):
    """The extractor failed on a document."""


def load_reference_tables(database: sqlite_utils.Database) -> None:
    """Load the metric vocabulary (and the place gazetteer when available) into the database."""
    store.upsert_metrics(database, [m.__dict__ for m in nlp.METRICS])
    try:
        from nlp.places import iter_places
    except ImportError:  # gazetteer not installed: facts keep their codes, no join table
        return
    store.load_places(database, (p.__dict__ for p in iter_places()))


def extract_documents(database: sqlite_utils.Database, force: bool = False,
                      jobs: int | None = 1, progress: Any = None) -> Any:
    """Extract the documents the current extractor has not processed (see
    :func:`reliefwatch.extraction.extract_documents`, which this forwards to)."""
    from reliefwatch.extraction import extract_documents as run

    return run(database, force=force, jobs=jobs, progress=progress)


def document_facts(database: sqlite_utils.Database, doc: dict[str, Any]) -> list[dict]:
    """:func:`facts_for_document`, raising :class:`ExtractionFailed` where ``nlp`` failed (the
    document is then recorded in ``extraction_errors`` and retried, never stamped done)."""
    try:
        return facts_for_document(database, doc, strict=True)
    except nlp.ExtractionError as exc:
        raise ExtractionFailed(str(exc)) from exc


def facts_for_document(database: sqlite_utils.Database, doc: dict[str, Any],
                       strict: bool = False) -> list[dict]:
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
        strict=strict)]
    if tables:  # in page order, so a table continued on the next page keeps its header
        facts += [f.to_dict() for f in nlp.extract_tables_facts(
            tables, lang=doc.get("lang"), published=published,
            title=doc.get("title") or context_title, context=text[:2000], publisher=publisher,
            strict=strict)]
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


def facts_for_record(record: dict[str, Any]) -> list[dict]:
    """Facts of one JSONL document record ``{"id", "text", "lang"?, "published"?, "title"?}``;
    raises :class:`ExtractionFailed` where the extractor failed."""
    try:
        facts = nlp.extract_facts(
            record.get("text") or "", lang=record.get("lang") if record.get("lang") != "mixed"
            else None, published=record.get("published"), title=record.get("title"),
            strict=True,
        )
    except nlp.ExtractionError as exc:
        raise ExtractionFailed(str(exc)) from exc
    rows = []
    for fact in facts:
        row = {"doc_id": record.get("id"), **fact.to_dict()}
        row["place_aliases"] = [n for n in (row.get("place_name_zh"), row.get("place_name_en"))
                                if n]
        if record.get("url"):
            row["url"] = record["url"]
        rows.append(row)
    return rows
