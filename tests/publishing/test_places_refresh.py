"""The places' names, tree and points are rebuilt when what they are made from changes."""

from __future__ import annotations

import db as store
from db.places import refresh_places
from tests.publishing.conftest import load_gazetteer


def names_of(database, code: str) -> set[str]:
    return {r[0] for r in database.execute(
        "select name from place_names where code = ?", [code])}


def test_an_unchanged_gazetteer_is_not_refreshed_again(tmp_path):
    database = store.open_db(tmp_path / "p.db")
    load_gazetteer(database)
    assert refresh_places(database) is True
    assert refresh_places(database) is False


def test_a_renamed_place_is_refreshed_although_the_count_is_unchanged(tmp_path):
    database = store.open_db(tmp_path / "p.db")
    load_gazetteer(database)
    refresh_places(database)
    count = database.execute("select count(*) from places").fetchone()[0]
    database.execute("update places set name_en = 'Hechi Prefecture' where code = '451200'")
    database.conn.commit()
    assert database.execute("select count(*) from places").fetchone()[0] == count
    assert refresh_places(database) is True
    assert "hechi prefecture" in names_of(database, "451200")
