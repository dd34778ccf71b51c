"""The storage contract: schema, idempotent writes, run bookkeeping."""

from __future__ import annotations

import sqlite3

import db as store
from db.search import update_document_search


def make_db(tmp_path):
    return store.open_db(tmp_path / "rw.db")


def test_schema_has_contract_tables_and_columns(tmp_path):
    database = make_db(tmp_path)
    expected = {
        "sources": {"id", "name", "base_url", "lang"},
        "crawl_runs": {"id", "started_at", "finished_at", "status", "pages_fetched",
                       "documents_new", "errors"},
        "documents": {"id", "source_id", "url", "title", "published", "lang", "content_type",
                      "sha256", "text", "fetched_at", "crawl_run_id"},
        "facts": {"id", "document_id", "metric", "value", "unit", "approx", "place",
                  "place_code", "year", "span", "start", "end", "sentence",
                  "extractor_version"},
        "metrics": {"name", "unit", "description_en", "description_zh"},
    }
    for table, columns in expected.items():
        assert columns <= set(database[table].columns_dict), table
    assert "fact_evidence" in database.table_names()  # a table since schema version 2


def test_open_db_twice_keeps_data_and_schema(tmp_path):
    database = make_db(tmp_path)
    store.upsert_source(database, {"id": "s", "name": "S", "base_url": "http://s", "lang": "zh"})
    database.close()
    again = store.open_db(tmp_path / "rw.db")
    assert again["sources"].count == 1


def test_document_urls_are_unique_in_the_schema(tmp_path):
    database = make_db(tmp_path)
    database["documents"].insert({"url": "http://a/1", "text": "x"})
    try:
        database["documents"].insert({"url": "http://a/1", "text": "y"})
    except sqlite3.IntegrityError:
        pass
    else:
        raise AssertionError("a second row with the same URL was accepted")


def test_store_document_outcomes(tmp_path):
    database = make_db(tmp_path)
    first = store.store_document(database, {"url": "http://a/1", "text": "以工代赈 100人"})
    assert first[1] == "new"
    assert store.store_document(database, {"url": "http://a/1", "text": "以工代赈 100人"}) == (
        first[0], "unchanged")
    assert store.store_document(database, {"url": "http://a/2", "text": "以工代赈 100人"}) == (
        first[0], "duplicate")
    assert database["documents"].count == 1


def test_changed_document_drops_stale_facts_and_is_queued_again(tmp_path):
    database = make_db(tmp_path)
    doc_id, _ = store.store_document(database, {"url": "http://a/1", "text": "old"})
    store.upsert_metrics(database, [{"name": "projects", "unit": "projects"}])
    store.replace_facts(database, doc_id, [{"metric": "projects", "value": 3,
                                            "unit": "projects", "span": "3个项目"}], "v1")
    assert store.document_ids_needing_extraction(database, "v1") == []
    assert store.store_document(database, {"url": "http://a/1", "text": "new"})[1] == "updated"
    assert database["facts"].count == 0
    assert store.document_ids_needing_extraction(database, "v1") == [doc_id]


def test_replace_facts_is_idempotent(tmp_path):
    database = make_db(tmp_path)
    doc_id, _ = store.store_document(database, {"url": "http://a/1", "text": "t"})
    facts = [{"metric": "households", "value": 65, "unit": "households", "span": "65户",
              "approx": False}]
    for _ in range(3):
        store.replace_facts(database, doc_id, facts, "v2")
    assert database["facts"].count == 1
    assert database["documents"].get(doc_id)["extractor_version"] == "v2"


def test_crawl_run_counts_its_errors(tmp_path):
    database = make_db(tmp_path)
    run_id = store.start_crawl_run(database, sources=["s"])
    store.record_error(database, run_id, "http://a/404", "http", "Not Found", status=404)
    store.record_error(database, run_id, "http://a/bad.pdf", "pdf", "corrupt PDF")
    store.finish_crawl_run(database, run_id, "partial", pages_fetched=7, documents_new=2)
    run = database["crawl_runs"].get(run_id)
    assert (run["status"], run["errors"], run["pages_fetched"], run["documents_new"]) == (
        "partial", 2, 7, 2)
    assert run["finished_at"]


def test_abandoned_runs_are_marked_interrupted(tmp_path):
    database = make_db(tmp_path)
    killed = store.start_crawl_run(database)
    assert store.close_abandoned_runs(database) == 1
    assert database["crawl_runs"].get(killed)["status"] == "interrupted"


def test_full_text_search_finds_chinese_and_english(tmp_path):
    database = make_db(tmp_path)
    store.store_document(database, {"url": "http://a/1", "title": "以工代赈项目",
                                    "text": "全州发放劳务报酬4.05亿元"})
    store.store_document(database, {"url": "http://a/2", "title": "Hechi relocation",
                                    "text": "follow-up support projects"})
    update_document_search(database)
    count = "select count(*) from documents_search where documents_search match search_match(?)"
    for word in ("劳务报酬", "劳务", "以工代赈项目", "follow", "Hechi relocation"):
        assert database.execute(count, [word]).fetchone()[0] == 1, word


def test_no_version_queues_every_relevant_document(tmp_path):
    database = make_db(tmp_path)
    done, _ = store.store_document(database, {"url": "http://a/1", "text": "a", "relevant": 1})
    off, _ = store.store_document(database, {"url": "http://a/2", "text": "b", "relevant": 0})
    store.replace_facts(database, done, [], "v1")
    assert store.document_ids_needing_extraction(database, "v1") == []
    assert store.document_ids_needing_extraction(database, None) == [done]
    assert store.document_ids_needing_extraction(database, None, only_relevant=False) == [
        done, off]
