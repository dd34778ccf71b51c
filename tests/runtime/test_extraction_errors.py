"""A document the extractor fails on is recorded, counted, left unstamped and retried."""

from __future__ import annotations

import logging
import sqlite3

import pytest

import db as store
from reliefwatch.pipeline import ExtractionFailed, facts_for_record
from reliefwatch.publish import make_datasette
from tests.conftest import run_async

from .helpers import make_database, run_cli

BROKEN_TABLES = '[{"page": 1, "rows": [["县市区", "项目数（个）"], ["泸溪县"'


def add_broken_document(path) -> int:
    database = store.open_db(path)
    doc_id, _ = store.store_document(database, {
        "url": "http://county.example.gov.cn/P1.pdf", "relevant": 1, "lang": "zh",
        "content_type": "application/pdf", "text": "2023年，全县实施以工代赈项目3个。",
        "tables": BROKEN_TABLES})
    database.close()
    return doc_id


def query(path, sql):
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failing_document_is_recorded_and_retried_until_it_succeeds(tmp_path, jobs):
    path = make_database(tmp_path / "rw.db", 20)
    broken = add_broken_document(path)

    first = run_cli("extract", "--db", str(path), "--jobs", jobs)
    assert first.returncode == 3, first.stdout + first.stderr
    assert "from 20 documents" in first.stdout and "1 documents failed" in first.stdout
    assert f"extraction failed for document {broken}: JSONDecodeError" in first.stderr
    assert "Traceback" not in first.stderr
    (error,) = query(path, "select * from extraction_errors")
    assert error["document_id"] == broken and error["attempts"] == 1
    assert error["extractor_version"] and "JSONDecodeError" in error["error"]
    (doc,) = query(path, f"select extractor_version from documents where id = {broken}")
    assert doc["extractor_version"] is None
    assert query(path, "select count(distinct document_id) n from facts")[0]["n"] == 20

    second = run_cli("extract", "--db", str(path), "--jobs", jobs)
    assert second.returncode == 3 and "from 0 documents" in second.stdout
    assert query(path, "select attempts from extraction_errors") == [{"attempts": 2}]

    with sqlite3.connect(path) as conn:  # the document is repaired (e.g. re-crawled)
        conn.execute("update documents set tables = ? where id = ?",
                     ['[{"page": 1, "rows": [["县市区", "项目数（个）"], ["泸溪县", "3"]]}]',
                      broken])
    third = run_cli("extract", "--db", str(path), "--jobs", jobs)
    assert third.returncode == 0, third.stdout + third.stderr
    assert "from 1 documents" in third.stdout
    assert query(path, "select * from extraction_errors") == []
    assert query(path, f"select count(*) n from facts where document_id = {broken}")[0]["n"] > 0


def test_extraction_errors_are_published(tmp_path):
    path = make_database(tmp_path / "rw.db", 2)
    broken = add_broken_document(path)
    assert run_cli("extract", "--db", str(path), "--jobs", "1").returncode == 3
    response = run_async(make_datasette(path).client.get("/rw/extraction_errors.json?_shape=array"))
    assert response.status_code == 200
    (row,) = response.json()
    assert row["document_id"] == broken and "JSONDecodeError" in row["error"]


def test_an_extractor_failure_raises_in_strict_mode_and_is_logged_otherwise(monkeypatch, caplog):
    import nlp
    import nlp.document.reader as reader

    def broken(*args, **kwargs):
        raise KeyError("x")

    monkeypatch.setattr(reader, "extract_document", broken)
    with pytest.raises(nlp.ExtractionError, match="KeyError"):
        nlp.extract_facts("全县发放劳务报酬1.2亿元。", strict=True)
    with pytest.raises(ExtractionFailed, match="KeyError"):
        facts_for_record({"id": "a", "text": "全县发放劳务报酬1.2亿元。"})
    with caplog.at_level(logging.ERROR, logger="nlp"):
        assert nlp.extract_facts("全县发放劳务报酬1.2亿元。") == []  # a caller that only reads
    assert "fact extraction failed" in caplog.text
