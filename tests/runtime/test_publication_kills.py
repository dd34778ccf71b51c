"""A run killed between extraction and publication, or inside a publication refresh, leaves
the next run to finish the publishing tables: they end as a full rebuild makes them."""

from __future__ import annotations

import sqlite3

import pytest

import db as store
from db.publication import refresh_publication
from tests.publishing.publication_state import differences, publication_state

from .helpers import integrity, make_database, run_cli

KILL = "RELIEFWATCH_KILL_AT"


def rebuilt_copy(path, target):
    source, copy = sqlite3.connect(path), sqlite3.connect(target)
    source.backup(copy)
    source.close()
    copy.close()
    database = store.open_db(target)
    refresh_publication(database, force=True)
    database.close()
    return target


@pytest.mark.parametrize("point", ["batch-committed@4", "publication-written@2",
                                   "figures-written@1"])
def test_the_next_run_finishes_what_a_killed_one_left(tmp_path, point):
    path = make_database(tmp_path / "rw.db", 20)
    killed = run_cli("extract", "--db", str(path), "--jobs", "1", "--batch-size", "5",
                     env={KILL: point})
    assert killed.returncode == -9, killed.stderr
    assert integrity(path) == "ok"
    with sqlite3.connect(path) as conn:
        assert conn.execute("select count(*) from publish_queue").fetchone()[0] + \
            conn.execute("select count(*) from publish_groups").fetchone()[0] > 0
    again = run_cli("extract", "--db", str(path))
    assert again.returncode == 0, again.stderr
    assert "from 0 documents" in again.stdout or point.startswith("publication"), again.stdout
    state = publication_state(path)
    assert len(state["fact_evidence"]) >= 20 * 4 and state["facts_search 凤凰县"]
    assert differences(state, publication_state(rebuilt_copy(path, tmp_path / "full.db"))) == {}
