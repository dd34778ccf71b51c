"""Bring a database made by an older ReliefWatch up to the current schema, in place.

Each step checks what it finds, so running it on a current database changes nothing.
"""

from __future__ import annotations

import sqlite_utils

# Version 1 kept a trigram full-text index per table, in sync through triggers; version 2
# indexes CJK bigrams and place names (``db.search``) and drops these.
OLD_FTS_TABLES = ("facts_fts", "documents_fts")


def migrate(db: sqlite_utils.Database) -> None:
    """Steps that must run before tables are created: old views and old indexes go."""
    kinds = dict(db.execute("select name, type from sqlite_master").fetchall())
    if kinds.get("fact_evidence") == "view":  # version 1: a view over facts and documents
        db.execute("drop view fact_evidence")
    for name in OLD_FTS_TABLES:
        if name in kinds:
            base = name.removesuffix("_fts")
            for suffix in ("ai", "ad", "au"):
                db.execute(f"drop trigger if exists [{base}_{suffix}]")
            db.execute(f"drop table [{name}]")
    db.conn.commit()


def add_missing_foreign_keys(db: sqlite_utils.Database, tables: dict[str, dict]) -> int:
    """Declare the foreign keys of ``tables`` that an existing table lacks; returns how many.

    Datasette turns declared foreign keys into links with labels. SQLite cannot add one to an
    existing table, so sqlite-utils rebuilds the table (once, on the first open after an
    upgrade).
    """
    missing = []
    for name, spec in tables.items():
        if not db.table(name).exists():
            continue
        have = {(fk.column, fk.other_table, fk.other_column)
                for fk in db.table(name).foreign_keys}
        for column, other_table, other_column in spec.get("foreign_keys", []):
            if (column, other_table, other_column) not in have and db.table(other_table).exists():
                missing.append((name, column, other_table, other_column))
    if missing:
        db.add_foreign_keys(missing)
    return len(missing)
