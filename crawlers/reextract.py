"""Rebuild documents from the WARC archive: every archived article and attachment, oldest
first, extracted again with the current ``extract`` code and stored like during a crawl.

A damaged archive file is read up to the damage and recorded in ``crawl_errors`` (kind
``archive``), so the run ends ``partial``, never silently ``ok``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from crawlers.archive import iter_captures
from crawlers.documents import DocumentWriter
from crawlers.items import CapturedDocument
from crawlers.sources import Source, SourceError, ad_hoc_source, load_sources
from crawlers.urls import canonicalize
from db import finish_crawl_run, open_db, record_error, start_crawl_run, upsert_source
from db.crawlstate import mark_seen, seen_document_id
from extract import ExtractionError

logger = logging.getLogger(__name__)
_DECODED = {"content-encoding", "content-length"}  # the archive reader already decoded bodies


def _known_sources() -> dict[str, Source]:
    try:
        return {s.id: s for s in load_sources()}
    except SourceError as exc:
        logger.warning("sources file unusable, using ad-hoc sources: %s", exc)
        return {}


def rebuild_from_archive(db_path: Path, archive_dir: Path) -> dict[str, Any]:
    """Re-extract and store every archived document; returns the summary fields."""
    db = open_db(db_path)
    run_id = start_crawl_run(db, [], {"reextract": True, "archive_dir": str(archive_dir)})
    sources = _known_sources()
    for source in sources.values():
        upsert_source(db, source.as_row())
    writer = DocumentWriter(db, run_id, sources)
    parents: dict[str, tuple[int, bool]] = {}
    pages = errors = 0
    counts = {"documents_new": 0, "documents_updated": 0}
    damaged: list[tuple[Path, Exception]] = []
    captures = iter_captures(archive_dir, lambda path, exc: damaged.append((path, exc)))
    for capture in captures if archive_dir.is_dir() else []:
        if capture.status != 200 or capture.kind not in ("article", "pdf", "attachment"):
            continue
        pages += 1
        source_id = capture.source_id or ad_hoc_source(capture.url).id
        if source_id not in sources:
            sources[source_id] = ad_hoc_source(capture.url)
            sources[source_id].id = source_id
            upsert_source(db, sources[source_id].as_row())
        canonical = canonicalize(capture.url)
        parent_id, parent_relevant = parents.get(capture.parent_url or "", (None, False))
        if capture.parent_url and parent_id is None:
            parent_id = seen_document_id(db, capture.parent_url)
        item = CapturedDocument(
            kind=capture.kind, url=capture.url, canonical_url=canonical, source_id=source_id,
            status=capture.status, body=capture.body,
            headers={k: v for k, v in capture.headers.items() if k.lower() not in _DECODED},
            warc_file=capture.warc_file, warc_offset=capture.warc_offset,
            parent_url=capture.parent_url, parent_id=parent_id, parent_relevant=parent_relevant)
        try:
            if capture.kind == "article":
                result = writer.write_article(item)
                parents[canonical] = (result.document_id, result.relevant)
            else:
                result = writer.write_attachment(item)
        except ExtractionError as exc:  # our own words, never the body
            errors += 1
            record_error(db, run_id, capture.url, "reextract", f"{type(exc).__name__}: {exc}")
            continue
        except Exception as exc:  # noqa: BLE001 - a bad capture is recorded and skipped
            logger.error("could not rebuild %s", capture.url, exc_info=exc)
            errors += 1
            record_error(db, run_id, capture.url, "reextract",
                         f"{type(exc).__name__} while reading the capture (details in the log)")
            continue
        if result.warning:
            errors += 1
            record_error(db, run_id, capture.url, result.warning_kind or "warning",
                         result.warning)
        key = f"documents_{result.outcome}"
        if key in counts:
            counts[key] += 1
        mark_seen(db, canonical, sha256=result.sha256, document_id=result.document_id)
    for path, exc in damaged:
        errors += 1
        record_error(db, run_id, str(path.name), "archive",
                     f"damaged WARC file, read up to the damage: {type(exc).__name__}")
    status = "partial" if errors else "ok"
    finish_crawl_run(db, run_id, status, pages_fetched=pages, **counts)
    return {"run_id": run_id, "pages_fetched": pages, "errors": errors, "status": status,
            "requests": 0, **counts}
