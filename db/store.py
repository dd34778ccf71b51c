"""Write paths: sources, crawl runs, documents, facts and errors.

Every function takes plain dicts and commits as one transaction, so an interrupted run leaves the
database consistent, and calling a function twice with the same data changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import sqlite_utils


def utcnow() -> str:
    """Current UTC time as an ISO 8601 string with seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def upsert_source(db: sqlite_utils.Database, source: Mapping[str, Any]) -> None:
    """Insert or update a row of ``sources`` (keys: id, name, publisher, base_url, lang)."""
    row = {k: source.get(k) for k in ("id", "name", "publisher", "base_url", "lang")}
    db.table("sources").upsert(row, pk="id")


def upsert_metrics(db: sqlite_utils.Database, metrics: Iterable[Mapping[str, Any]]) -> None:
    """Load the metric vocabulary into ``metrics``."""
    rows = [
        {k: m.get(k) for k in ("name", "unit", "description_en", "description_zh")}
        for m in metrics
    ]
    db.table("metrics").upsert_all(rows, pk="name")


def load_places(db: sqlite_utils.Database, places: Iterable[Mapping[str, Any]]) -> None:
    """Load gazetteer rows (code, name_zh, name_en, level, parent_code) that have a code."""
    rows = [
        {k: p.get(k) for k in ("code", "name_zh", "name_en", "level", "parent_code")}
        for p in places if p.get("code")
    ]
    if rows:
        db.table("places").upsert_all(rows, pk="code")


def close_abandoned_runs(db: sqlite_utils.Database) -> int:
    """Mark runs still 'running' as 'interrupted' (call only while holding the run lock)."""
    cursor = db.execute(
        "update crawl_runs set status = 'interrupted', finished_at = ? where status = 'running'",
        [utcnow()],
    )
    db.execute("update crawl_run_sources set status = 'interrupted' where status = 'running'")
    db.conn.commit()
    return cursor.rowcount


def start_crawl_run(
    db: sqlite_utils.Database, sources: list[str] | None = None,
    options: Mapping[str, Any] | None = None,
) -> int:
    """Open a crawl run and return its id."""
    table = db.table("crawl_runs")
    table.insert({
        "started_at": utcnow(),
        "status": "running",
        "pages_fetched": 0,
        "documents_new": 0,
        "documents_updated": 0,
        "errors": 0,
        "sources": json.dumps(sources or [], ensure_ascii=False),
        "options": json.dumps(dict(options or {}), ensure_ascii=False),
    })
    return int(table.last_pk)


def finish_crawl_run(
    db: sqlite_utils.Database, run_id: int, status: str, **counts: int
) -> None:
    """Close a crawl run with a status (``ok``, ``partial``, ``failed``, ``interrupted``)."""
    errors = db.execute(
        "select count(*) from crawl_errors where crawl_run_id = ?", [run_id]
    ).fetchone()[0]
    update = {"finished_at": utcnow(), "status": status, "errors": errors}
    update.update(counts)
    db.table("crawl_runs").update(run_id, update)


def record_error(
    db: sqlite_utils.Database, run_id: int | None, url: str, kind: str,
    message: str, status: int | None = None,
) -> None:
    """Record one failure (fetch, HTTP status, decode, parse, PDF ...) without raising."""
    db.table("crawl_errors").insert({
        "crawl_run_id": run_id,
        "url": url,
        "kind": kind,
        "status": status,
        "message": message[:2000],
        "at": utcnow(),
    })


DOCUMENT_FIELDS = (
    "source_id", "url", "title", "published", "publisher", "lang", "content_type", "sha256",
    "text", "tables", "relevant", "parent_id", "fetched_at", "crawl_run_id", "warc_file",
    "warc_offset", "size",
)


_INSERT_DOCUMENT = (
    f"insert into documents ({', '.join(f'[{k}]' for k in DOCUMENT_FIELDS)}) "
    f"values ({', '.join('?' for _ in DOCUMENT_FIELDS)})"
)


def store_document(db: sqlite_utils.Database, doc: Mapping[str, Any]) -> tuple[int, str]:
    """Store one document; returns ``(document_id, outcome)``.

    ``outcome`` is ``"new"``, ``"updated"`` (same URL, new content; its facts are cleared so the
    extractor runs again), ``"unchanged"`` (same URL and content) or ``"duplicate"`` (same
    content already stored under another URL: nothing is written, the first id is returned).
    ``sha256`` is computed from ``text`` when missing; ``tables`` is a JSON list of tables
    (``[{"page": 1, "rows": [[cell, ...], ...]}, ...]``) for PDFs.
    """
    row = {k: doc.get(k) for k in DOCUMENT_FIELDS}
    if not row.get("sha256"):
        row["sha256"] = sha256_text(row.get("text") or "")
    row["fetched_at"] = row.get("fetched_at") or utcnow()
    with db.conn:
        existing = db.execute(
            "select id, sha256 from documents where url = ?", [row["url"]]
        ).fetchone()
        if existing:
            doc_id, old_sha = existing
            if old_sha == row["sha256"]:
                return int(doc_id), "unchanged"
            db.execute("delete from facts where document_id = ?", [doc_id])
            row["extractor_version"] = None
            row["extracted_at"] = None
            assignments = ", ".join(f"[{k}] = ?" for k in row)
            db.execute(f"update documents set {assignments} where id = ?",
                       [*row.values(), doc_id])
            return int(doc_id), "updated"
        if row["text"]:
            twin = db.execute(
                "select id from documents where sha256 = ? and coalesce(parent_id, 0) = "
                "coalesce(?, 0) limit 1", [row["sha256"], row.get("parent_id")]
            ).fetchone()
            if twin:
                return int(twin[0]), "duplicate"
        # Plain SQL: sqlite-utils' insert inspects the schema on every call, which costs more
        # than the insert itself at crawl rates.
        cursor = db.execute(_INSERT_DOCUMENT, [row[k] for k in DOCUMENT_FIELDS])
        return int(cursor.lastrowid), "new"


FACT_FIELDS = (
    "metric", "value", "unit", "approx", "low", "high", "place", "place_code", "place_name_zh",
    "place_name_en", "year", "period_start", "period_end", "span", "start", "end", "sentence",
    "origin", "place_source", "period_source", "why",
)


def replace_facts(
    db: sqlite_utils.Database, document_id: int, facts: Iterable[Mapping[str, Any]],
    extractor_version: str,
) -> int:
    """Replace a document's facts with ``facts`` and stamp the extractor version; returns count."""
    rows = []
    for fact in facts:
        row = {k: fact.get(k) for k in FACT_FIELDS}
        row["approx"] = int(bool(row.get("approx")))
        row["document_id"] = document_id
        row["extractor_version"] = extractor_version
        rows.append(row)
    with db.conn:
        db.execute("delete from facts where document_id = ?", [document_id])
        if rows:
            db.table("facts").insert_all(rows)
        db.table("documents").update(
            document_id, {"extractor_version": extractor_version, "extracted_at": utcnow()}
        )
    return len(rows)


def document_ids_needing_extraction(
    db: sqlite_utils.Database, extractor_version: str | None, only_relevant: bool = True
) -> list[int]:
    """Ids of documents whose facts were not made by ``extractor_version`` (``None``: all)."""
    conditions, params = [], []
    if extractor_version is not None:
        conditions.append("coalesce(extractor_version, '') != ?")
        params.append(extractor_version)
    if only_relevant:
        conditions.append("coalesce(relevant, 1) = 1")
    where = f" where {' and '.join(conditions)}" if conditions else ""
    return [r[0] for r in db.execute(f"select id from documents{where} order by id", params)]
