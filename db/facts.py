"""The fact write: a batch of documents' facts replaced, stamped and its failures recorded in
ONE transaction, so a process killed at any point leaves each document either as it was
(old facts, old stamp) or fully done (new facts, new stamp), never stamped without facts.

sqlite-utils commits after each of its own calls, and ``with db.conn:`` opens no transaction,
so this module issues ``BEGIN IMMEDIATE`` / ``COMMIT`` itself and uses only prepared
statements (``executemany``) on the raw connection inside it; the facts table's columns are
read once per writer, not on every call.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from db.killpoint import kill_point

FactRows = Sequence[Mapping[str, Any]]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One explicit write transaction: committed at the end of the block, rolled back on error.

    ``BEGIN IMMEDIATE`` takes the write lock up front (waiting up to the busy timeout), so two
    writers never deadlock upgrading a read lock. A transaction left open by an earlier plain
    ``execute`` is committed first.
    """
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


_PLAIN = frozenset({str, int, float, type(None)})


def _cell(value: Any) -> Any:
    """A fact value as SQLite stores it: booleans as 0/1, lists and dicts as JSON text."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value


def _sql_type(value: Any) -> str:
    if isinstance(value, bool | int):
        return "INTEGER"
    if isinstance(value, float):
        return "REAL"
    return "TEXT"


class FactWriter:
    """Writes extraction results into ``facts``, ``documents`` and ``extraction_errors``.

    Every key of a fact dict is stored: a key the ``facts`` table lacks becomes a new column
    (the extractor may add evidence fields without a schema change here).
    """

    def __init__(self, db: sqlite_utils.Database, extractor_version: str) -> None:
        self.conn = db.conn
        self.version = extractor_version
        self.columns: list[str] = [
            row[1] for row in self.conn.execute("pragma table_info(facts)") if row[1] != "id"]
        self._known = set(self.columns)

    def write(
        self, facts_by_document: Iterable[tuple[int, FactRows]],
        errors: Iterable[tuple[int, str]] = (),
    ) -> int:
        """Replace each document's facts and stamp it; record each failed document's error.

        All in one transaction. A failed document keeps its facts and its stamp (so the next
        run retries it). Returns the number of facts written.
        """
        done = list(facts_by_document)
        failed = list(errors)
        at = _now()
        try:
            return self._write(done, failed, at)
        except BaseException:  # a rolled-back ALTER TABLE: read the columns again
            self.columns = [row[1] for row in self.conn.execute("pragma table_info(facts)")
                            if row[1] != "id"]
            self._known = set(self.columns)
            raise

    def _write(self, done: list[tuple[int, FactRows]], failed: list[tuple[int, str]],
               at: str) -> int:
        with transaction(self.conn) as conn:
            rows = self._rows(done)
            conn.executemany("delete from facts where document_id = ?",
                             [(doc_id,) for doc_id, _ in done])
            kill_point("facts-deleted")
            if rows:
                conn.executemany(self._insert_sql(), rows)
            conn.executemany(
                "update documents set extractor_version = ?, extracted_at = ? where id = ?",
                [(self.version, at, doc_id) for doc_id, _ in done])
            conn.executemany("delete from extraction_errors where document_id = ?",
                             [(doc_id,) for doc_id, _ in done])
            conn.executemany(
                "insert into extraction_errors (document_id, extractor_version, error, "
                "attempts, first_at, at) values (?, ?, ?, 1, ?, ?) "
                "on conflict (document_id, extractor_version) do update set "
                "error = excluded.error, at = excluded.at, attempts = attempts + 1",
                [(doc_id, self.version, error[:4000], at, at) for doc_id, error in failed])
        return len(rows)

    def _rows(self, done: list[tuple[int, FactRows]]) -> list[tuple]:
        new_keys: dict[str, Any] = {}
        for _, facts in done:
            for fact in facts:
                for key in fact.keys() - self._known:
                    new_keys.setdefault(key, fact[key])
        for key, sample in new_keys.items():
            self.conn.execute(f"alter table facts add column [{key}] {_sql_type(sample)}")
            self.columns.append(key)
            self._known.add(key)
        columns = self.columns
        fixed = {"document_id": None, "extractor_version": self.version}
        rows = []
        for doc_id, facts in done:
            fixed["document_id"] = doc_id
            for fact in facts:
                row = [fixed[c] if c in fixed else fact.get(c) for c in columns]
                rows.append(tuple(v if type(v) in _PLAIN else _cell(v) for v in row))
        if rows and "approx" in columns:  # a flag: 0 or 1, never NULL
            at = columns.index("approx")
            rows = [r if r[at] in (0, 1) else (*r[:at], int(bool(r[at])), *r[at + 1:])
                    for r in rows]
        return rows

    def _insert_sql(self) -> str:
        names = ", ".join(f"[{c}]" for c in self.columns)
        return f"insert into facts ({names}) values ({', '.join('?' * len(self.columns))})"


def replace_facts(
    db: sqlite_utils.Database, document_id: int, facts: Iterable[Mapping[str, Any]],
    extractor_version: str,
) -> int:
    """Replace one document's facts and stamp the extractor version, in one transaction."""
    return FactWriter(db, extractor_version).write([(document_id, list(facts))])


def record_extraction_error(
    db: sqlite_utils.Database, document_id: int, extractor_version: str, error: str
) -> None:
    """Record that ``document_id`` failed with this extractor version; it stays unstamped."""
    FactWriter(db, extractor_version).write([], [(document_id, error)])
