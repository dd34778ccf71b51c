"""Store attachments: PDFs (text and tables) and Office files (kind, size, text, tables).

Every attachment fetched becomes a document row with its ``content_type`` (by content, not by
file name) and ``size``, a child of the article that links it. An Office file that is damaged
or of a kind no reader handles is still recorded, without text, and the writer returns a
warning the pipeline records in ``crawl_errors``; a damaged PDF is an error (no row), as before.
An attachment whose text repeats a sibling's (one annex as .doc and .pdf) gets its own row
without text or tables (``relevant = 0``), so its figures are not counted twice.
Tables go to ``documents.tables`` in the PDF layout (``[{"page": n, "rows": [...]}]``), so
``reliefwatch.pipeline`` turns them into table facts the same way.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from crawlers.items import CapturedDocument
from crawlers.relevance import is_relevant
from db import store_document
from db.store import sha256_text
from extract import ExtractionError, PdfTable, extract_pdf
from extract.office import CONTENT_TYPES, READABLE, extract_office, sniff

# Stored without text and worth a warning: a readable kind whose reader is missing (antiword),
# an OLE file that is neither Word nor Excel, bytes of no known kind. PowerPoint and OFD files
# are recorded without text as a matter of course.
QUESTIONABLE = READABLE | {"ole", "unknown", "zip"}

if TYPE_CHECKING:
    from crawlers.documents import DocumentWriter, StoreResult


class NotAnAttachment(ExtractionError):
    """An attachment link answered with something that is no file (an HTML page ...)."""


def write_attachment(writer: DocumentWriter, cap: CapturedDocument) -> StoreResult:
    """Read and store one attachment; raises :class:`ExtractionError` when nothing can be
    stored (a damaged PDF, an HTML page instead of a file)."""
    kind = sniff(cap.body)
    if kind == "html":
        raise NotAnAttachment(f"expected a file, got an HTML page of {len(cap.body)} bytes")
    if kind == "pdf":
        content = extract_pdf(cap.body, cap.url)
        return _store(writer, cap, "pdf", content.title, content.text, content.tables)
    try:
        office = extract_office(cap.body, cap.url)
    except ExtractionError as exc:
        result = _store(writer, cap, kind, None, "", [])
        result.warning_kind, result.warning = "attachment", f"{exc}; stored without text"
        return result
    result = _store(writer, cap, office.kind, office.title, office.text, office.tables)
    if office.reader is None and office.kind in QUESTIONABLE:
        result.warning_kind = "attachment"
        result.warning = (f"{office.kind} file of {len(cap.body)} bytes stored without text "
                          "(no reader for this kind here)")
    return result


def _store(writer: DocumentWriter, cap: CapturedDocument, kind: str, title: str | None,
           text: str, tables: list[PdfTable]) -> StoreResult:
    from crawlers.documents import StoreResult

    relevant = cap.parent_relevant or is_relevant(writer.pattern(cap.source_id), title, text)
    row = writer.base_row(cap)
    parent = writer.parent(cap.parent_id)
    file_name = unquote(urlsplit(cap.url).path.rsplit("/", 1)[-1])
    row.update({
        "title": title or file_name,
        "published": parent.get("published"),
        "publisher": parent.get("publisher") or row["publisher"],
        "lang": parent.get("lang") or row["lang"],
        "content_type": CONTENT_TYPES.get(kind, CONTENT_TYPES["unknown"]),
        "relevant": int(relevant), "text": text or "", "parent_id": cap.parent_id,
        "tables": json.dumps([{"page": t.page, "rows": t.rows} for t in tables],
                             ensure_ascii=False),
        # a file without text is told apart by its bytes, so a changed file is "updated"
        "sha256": sha256_text(text) if text else hashlib.sha256(cap.body).hexdigest(),
    })
    doc_id, outcome = store_document(writer.db, row)
    if outcome == "duplicate":  # the same annex in another format: a row, text once only
        row.update({"text": "", "tables": "[]", "relevant": 0,
                    "sha256": hashlib.sha256(cap.body).hexdigest()})
        doc_id, outcome = store_document(writer.db, row)
    return StoreResult(doc_id, outcome, relevant, row["sha256"])
