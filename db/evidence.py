"""``fact_evidence``: one row per fact with what a citation needs, as a real table.

A table-row fact's evidence is its table's header row, the row itself and the table's unit
(``单位：万元``) when the document states one, not a bare ``合计 | 26 | 96680 | …``.
"""

from __future__ import annotations

import json
import re

import sqlite_utils

_UNIT = re.compile(r"单位\s*[:：]\s*([^\s，,。；;）)]+)")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"^[\d.,%\-—–]+$")

_COLUMNS = """fact_id, figure_id, metric, value, unit, approx, place, place_code, place_name_en,
  place_name_zh, province_code, prefecture_code, year, span, sentence, why, place_source,
  period_source, title, published, url, publisher, source_id, document_id, lang, origin,
  extractor_version, longitude, latitude"""
# Columns the extractor may or may not give (older databases lack them).
OPTIONAL = ("why", "place_source", "period_source")

_SELECT = """
select f.id, f.figure_id, f.metric, f.value, f.unit, f.approx, f.place, f.place_code,
  f.place_name_en, f.place_name_zh, pl.province_code, pl.prefecture_code, f.year, f.span,
  f.sentence, {why}, {place_source}, {period_source}, coalesce(d.title, p.title),
  coalesce(d.published, p.published), d.url,
  coalesce(d.publisher, p.publisher, s.publisher, s.name), d.source_id, d.id, d.lang,
  f.origin, f.extractor_version, pl.longitude, pl.latitude
from facts f
join documents d on d.id = f.document_id
left join documents p on p.id = d.parent_id
left join sources s on s.id = d.source_id
left join places pl on pl.code = f.place_code
"""


def _squash(text: str | None) -> str:
    return _SPACE.sub("", text or "")


def _is_header(row: list[str]) -> bool:
    cells = [c for c in row if c and c.strip()]
    return bool(cells) and not any(_NUMBER.match(_squash(c)) for c in cells)


def table_row_evidence(sentence: str | None, tables_json: str | None, text: str | None) -> str:
    """The header row, the fact's row and the unit of the table the row comes from."""
    if not sentence or not tables_json:
        return sentence or ""
    try:
        tables = json.loads(tables_json)
    except ValueError:
        return sentence
    wanted, header, found = _squash(sentence), None, None
    for table in tables:
        rows = table.get("rows") or []
        if rows and _is_header(rows[0]):
            header = rows[0]  # a table continued on the next page keeps the last header
        for row in rows:
            if _squash(" | ".join(c for c in row if c)) == wanted:
                found = header
                break
        if found is not None:
            break
    units = _UNIT.findall(text or "")
    parts = []
    if found and _squash(" | ".join(c for c in found if c)) != wanted:
        parts.append(" | ".join(c for c in found if c))
    parts.append(sentence)
    if units:
        parts.append(f"单位：{units[0]}")
    return "\n".join(parts)


def _select(db: sqlite_utils.Database) -> str:
    have = db.table("facts").columns_dict
    return _SELECT.format(**{c: f"f.{c}" if c in have else "null" for c in OPTIONAL})


def _table_rows(db: sqlite_utils.Database, only: str) -> None:
    """Give the table-row facts (of the documents in ``only``) their table's header and unit."""
    table_facts = db.execute(
        "select f.id, f.sentence, d.tables, d.text from facts f "
        "join documents d on d.id = f.document_id "
        f"where f.origin = 'table' and d.tables is not null {only}").fetchall()
    db.conn.executemany(
        "update fact_evidence set sentence = ? where fact_id = ?",
        [(table_row_evidence(s, t, x), i) for i, s, t, x in table_facts])


def refresh_evidence(db: sqlite_utils.Database) -> int:
    """Rebuild ``fact_evidence`` from facts, documents, sources and places (after figures).
    Commits nothing: the caller's transaction does."""
    db.execute("delete from fact_evidence")
    db.execute(f"insert into fact_evidence ({_COLUMNS}) " + _select(db))
    _table_rows(db, "")
    return db.execute("select count(*) from fact_evidence").fetchone()[0]


_OF_QUEUED = "document_id in (select document_id from temp.publish_slice)"
GROUP_COLUMNS = "metric, place_code, place_name_en, place_name_zh, place, year"


def replace_evidence(db: sqlite_utils.Database) -> list[tuple]:
    """Rewrite the rows of the facts of the documents in ``temp.publish_slice``: the rows of
    their old facts go (also a row whose fact id a new fact now has), their current facts
    get rows with their current ``figure_id``. Returns the old rows' (metric, place_code,
    place_name_en, place_name_zh, place, year) with a value, whose figures must be redone."""
    old = []
    for stale in (_OF_QUEUED, f"fact_id in (select id from facts f where f.{_OF_QUEUED})"):
        old += db.execute(f"select {GROUP_COLUMNS} from fact_evidence where {stale} "
                          "and metric is not null and value is not null").fetchall()
        db.execute(f"delete from fact_evidence where {stale}")
    db.execute(f"insert into fact_evidence ({_COLUMNS}) " + _select(db)
               + f" where f.{_OF_QUEUED}")
    _table_rows(db, f"and f.{_OF_QUEUED}")
    return old
