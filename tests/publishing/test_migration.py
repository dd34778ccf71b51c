"""A database made by schema version 1 is brought up to date in place, data kept."""

from __future__ import annotations

import sqlite3

import sqlite_utils

import db as store
from db.publication import refresh_publication


def make_version_1(path) -> None:
    """The version 1 layout: a fact_evidence view, trigram FTS with triggers, no figures."""
    db = sqlite_utils.Database(path)
    db["documents"].create({"id": int, "url": str, "title": str, "text": str, "source_id": str,
                            "published": str, "sha256": str, "relevant": int}, pk="id")
    db["facts"].create({"id": int, "document_id": int, "metric": str, "value": float,
                        "unit": str, "span": str, "sentence": str, "place_code": str,
                        "year": str}, pk="id")  # no foreign keys
    db["documents"].insert({"id": 1, "url": "http://a/1", "title": "河池新闻", "sha256": "x",
                            "text": "河池市发放劳务报酬2亿元。", "relevant": 1})
    db["facts"].insert({"id": 1, "document_id": 1, "metric": "labor_remuneration_yuan",
                        "value": 2e8, "unit": "yuan", "span": "2亿元", "place_code": "451200",
                        "sentence": "河池市发放劳务报酬2亿元。", "year": "2023"})
    db["facts"].enable_fts(["sentence"], create_triggers=True, tokenize="trigram")
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="trigram")
    db.create_view("fact_evidence", "select facts.id as fact_id, documents.title from facts "
                                    "join documents on documents.id = facts.document_id")
    db.close()


def test_version_1_database_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    make_version_1(path)
    database = store.open_db(path)
    refresh_publication(database)
    assert "fact_evidence" in database.table_names()
    assert "fact_evidence" not in database.view_names()
    assert not {"facts_fts", "documents_fts"} & set(database.table_names())
    assert not [t for t in database.triggers if t.name.startswith(("facts_", "documents_"))]
    fks = {(fk.column, fk.other_table) for fk in database["facts"].foreign_keys}
    assert {("document_id", "documents"), ("figure_id", "figures")} <= fks
    assert database["facts"].count == 1 and database["figures"].count == 1
    assert database.execute("select sentence from fact_evidence").fetchone()[0].startswith("河池")
    found = database.execute("select rowid from facts_search where facts_search match "
                             "search_match('劳务')").fetchall()
    assert found == [(1,)]
    version = database.execute("select value from schema_info where key = 'schema_version'")
    assert version.fetchone()[0] == 2
    database.close()
    # and a second open changes nothing
    again = store.open_db(path)
    assert again["facts"].count == 1
    assert sqlite3.connect(path).execute("pragma integrity_check").fetchone()[0] == "ok"
