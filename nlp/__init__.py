"""Fact extraction: quantities, metrics, places and periods from Chinese and English text.

Public API: :func:`extract_facts`, :func:`extract_table_facts`, :func:`detect_lang`,
:func:`format_facts_table`, :data:`EXTRACTOR_VERSION`, :class:`Fact`, :data:`METRICS`.
"""

from __future__ import annotations

import logging

from nlp.fact import Fact
from nlp.formatting import format_explanations, format_facts_table
from nlp.lang import detect_lang
from nlp.metrics import METRIC_NAMES, METRICS, Metric
from nlp.traditional import simplified

EXTRACTOR_VERSION = "2.1.0"
MAX_CHARS = 20_000_000  # beyond this a "document" is not an article; the rest is ignored

log = logging.getLogger(__name__)


def _clean(text: object) -> str:
    if not isinstance(text, str):
        return ""
    # Lone surrogates and NULs come from broken decoding; they carry no facts.
    return text[:MAX_CHARS].encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")


def as_written(facts: list[Fact], original: str, readable: str,
               titles: tuple[str, str] | None = None) -> list[Fact]:
    """Facts read from the simplified form of ``original``, with span, sentence and place as
    written (the conversion keeps offsets; ``titles``: the title as written and as read). A
    place keeps the script of the text that names it: 雲南 where the text writes 雲南."""
    sources = [(original, readable)] + ([titles] if titles else [])
    for fact in facts:
        fact.span = original[fact.start:fact.end]
        at = readable.rfind(fact.sentence, 0, fact.start + len(fact.sentence))
        if 0 <= at <= fact.start:
            fact.sentence = original[at:at + len(fact.sentence)]
        if fact.place:
            fact.place = _written_form(fact.place, fact.start, sources)
    return facts


def _written_form(place: str, near: int, sources: list[tuple[str, str]]) -> str:
    """``place`` as the text writes it: the naming nearest before ``near``, else the first."""
    for written, read in sources:
        at = read.rfind(place, 0, near)
        if at < 0:
            at = read.find(place)
        if at >= 0:
            return written[at:at + len(place)]
        near = len(read)
    return place


class ExtractionError(Exception):
    """The extractor failed on a text (raised only with ``strict=True``)."""


def extract_facts(
    text: str, lang: str | None = None, published: str | None = None, title: str | None = None,
    *, strict: bool = False,
) -> list[Fact]:
    """Every quantified fact in ``text`` (facts in a leading title count too).

    ``published`` ("2024", "2024-04", "2024-04-11") resolves "last year"/去年; when absent a
    dateline near the top of the text is used. Places come from the text alone: 全州 or
    "the prefecture" with no prefecture named in the title, dateline or body has no place
    (the publisher's name does not count, as a careful reader does not count it). Never
    raises on bad input.
    """
    from nlp.document.reader import extract_document

    clean = _clean(text)
    if not clean.strip():
        return []
    try:
        readable = simplified(clean)
        title = title if isinstance(title, str) else None
        read_title = (simplified(title) or title) if title else None
        facts = extract_document(readable or clean, lang,
                                 published if isinstance(published, str) else None, read_title)
        if not readable:
            return facts
        return as_written(facts, clean, readable,
                          (title, read_title) if title and read_title else None)
    except Exception as exc:  # noqa: BLE001 - bad input must never stop a crawl or a load
        if strict:
            raise ExtractionError(f"{type(exc).__name__}: {exc}") from exc
        log.exception("fact extraction failed; returning no facts")
        return []


def extract_table_facts(
    rows: list[list[str | None]], lang: str | None = None, published: str | None = None,
    title: str | None = None, context: str | None = None, *, publisher: str | None = None,
) -> list[Fact]:
    """Facts from a table: header row(s) name metric and unit, a column names the place.

    The total row (合计, 全州) takes the table's own place: from ``title``, else ``context``,
    else ``publisher``.
    """
    from nlp.tables import table_facts

    try:
        return table_facts(rows, lang, published, title, context,
                           publisher if isinstance(publisher, str) else None)
    except Exception:  # noqa: BLE001 - a malformed table yields nothing, never an error
        log.exception("table fact extraction failed; returning no facts")
        return []


def extract_tables_facts(
    tables: list, lang: str | None = None, published: str | None = None,
    title: str | None = None, context: str | None = None, *, publisher: str | None = None,
    strict: bool = False,
) -> list[Fact]:
    """Facts of a document's tables in page order (a table starting with data continues the
    previous one and reuses its header); each table is a list of rows or ``{"rows": ...}``.
    A table that makes the extractor fail is logged and skipped, or raises
    :class:`ExtractionError` with ``strict=True``."""
    from nlp.tables import tables_facts

    try:
        return tables_facts(tables, lang, published, title, context,
                            publisher if isinstance(publisher, str) else None, strict=strict)
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed tables yield nothing unless strict
        if strict:
            raise ExtractionError(f"{type(exc).__name__}: {exc}") from exc
        log.exception("table fact extraction failed; returning no facts")
        return []


__all__ = [
    "EXTRACTOR_VERSION", "METRICS", "METRIC_NAMES", "ExtractionError", "Fact", "Metric",
    "detect_lang", "extract_facts", "extract_table_facts", "extract_tables_facts",
    "format_explanations", "format_facts_table",
]
