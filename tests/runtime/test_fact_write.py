"""The fact write is one transaction: a kill or an error inside it loses nothing."""

from __future__ import annotations

import sqlite3

import pytest

import db as store

from .helpers import facts_by_url, integrity, make_database, run_cli, unstamped

KILL = "RELIEFWATCH_KILL_AT"


def test_a_failing_write_rolls_back_the_delete(tmp_path):
    database = store.open_db(tmp_path / "rw.db")
    doc_id, _ = store.store_document(database, {"url": "http://x/1", "text": "t", "relevant": 1})
    store.replace_facts(database, doc_id, [{"metric": "projects", "value": 3, "span": "3个"}],
                        "v1")
    with pytest.raises(sqlite3.Error):  # the insert fails after the delete has run
        store.replace_facts(database, doc_id, [{"metric": "projects", "value": object()}], "v2")
    rows = list(database.query("select metric, value, extractor_version from facts"))
    assert rows == [{"metric": "projects", "value": 3.0, "extractor_version": "v1"}]
    assert database["documents"].get(doc_id)["extractor_version"] == "v1"
    assert not database.conn.in_transaction


def test_fact_keys_the_table_lacks_become_columns(tmp_path):
    database = store.open_db(tmp_path / "rw.db")
    doc_id, _ = store.store_document(database, {"url": "http://x/1", "text": "t", "relevant": 1})
    store.replace_facts(database, doc_id, [{
        "metric": "projects", "value": 3, "approx": None,
        "why": {"metric": "项目 cue", "place": "own clause"}}], "v1")
    (row,) = database.query("select approx, why from facts")
    assert row == {"approx": 0, "why": '{"metric": "项目 cue", "place": "own clause"}'}


def test_sigkill_after_the_first_delete_then_extract_restores_every_fact(tmp_path):
    path = make_database(tmp_path / "rw.db", 24)
    first = run_cli("extract", "--db", str(path), "--jobs", "1")
    assert first.returncode == 0, first.stderr
    reference = facts_by_url(path)
    assert len(reference) >= 24 * 4

    # --all rewrites every document; batches of 5, killed inside the second batch's write
    killed = run_cli("extract", "--all", "--db", str(path), "--jobs", "1", "--batch-size", "5",
                     env={KILL: "facts-deleted@2"})
    assert killed.returncode == -9, killed.stderr
    assert integrity(path) == "ok"
    assert facts_by_url(path) == reference  # the killed batch was rolled back whole

    again = run_cli("extract", "--db", str(path))
    assert again.returncode == 0, again.stderr
    assert facts_by_url(path) == reference and unstamped(path) == 0


def test_a_kill_between_batches_keeps_the_committed_ones(tmp_path):
    path = make_database(tmp_path / "rw.db", 20)
    killed = run_cli("extract", "--db", str(path), "--jobs", "1", "--batch-size", "5",
                     env={KILL: "batch-committed@2"})
    assert killed.returncode == -9
    assert unstamped(path) == 10  # two batches of five committed, the rest left to do
    done = {url for url, *_ in facts_by_url(path)}
    assert len(done) == 10
    resumed = run_cli("extract", "--db", str(path), "--jobs", "1")
    assert "from 10 documents" in resumed.stdout, resumed.stdout + resumed.stderr
    fresh = make_database(tmp_path / "fresh.db", 20)
    assert run_cli("extract", "--db", str(fresh), "--jobs", "1").returncode == 0
    assert facts_by_url(path) == facts_by_url(fresh)


def test_extraction_is_idempotent_per_document_and_version(tmp_path):
    path = make_database(tmp_path / "rw.db", 6)
    assert "from 6 documents" in run_cli("extract", "--db", str(path)).stdout
    reference = facts_by_url(path)
    assert "from 0 documents" in run_cli("extract", "--db", str(path)).stdout
    assert "from 6 documents" in run_cli("extract", "--all", "--db", str(path)).stdout
    assert facts_by_url(path) == reference
