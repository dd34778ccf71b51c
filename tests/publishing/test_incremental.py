"""The refresh redoes only what changed, and its tables are the ones a full rebuild makes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import db as store
from db import publication
from db.publication import refresh_publication
from tests.publishing.conftest import BAMA, HECHI, XIANGXI, add_document, fact, open_copy
from tests.publishing.publication_state import differences, publication_state


def backup(database, path: Path) -> Path:
    target = sqlite3.connect(path)
    database.conn.backup(target)
    target.close()
    return path


def doc_id(database, url_end: str) -> int:
    return database.execute("select id from documents where url like ?",
                            ["%" + url_end]).fetchone()[0]


def add_reports(database) -> None:
    article = add_document(database, "http://xxz-gov.example/a3.html", [
        fact("labor_remuneration_yuan", 450e6, "yuan", "4.5亿元", "全州发放劳务报酬4.5亿元。",
             place="湘西州", **XIANGXI),  # disagrees with 4.05亿: a conflict
        fact("investment_yuan", 210e6, "yuan", "2.1亿元", "河池市投资2.1亿元。", year="2022",
             place="河池市", **HECHI)],  # repeats a figure
        source_id="xxz-gov", title="湘西州劳务报酬", published="2024-06-01",
        text="全州发放劳务报酬4.5亿元。河池市投资2.1亿元。")
    add_document(database, "http://xxz-gov.example/a3.pdf", [fact(
        "labor_remuneration_yuan", 57.1e6, "yuan", "5710", "1 | 花垣县 | 4 | 5710",
        origin="table", place="花垣县", place_code="433124", place_name_zh="花垣县")],
        source_id="xxz-gov", content_type="application/pdf", parent_id=article,
        tables=json.dumps([{"page": 1, "rows": [["序号", "县市区", "项目数", "劳务报酬"],
                                                ["1", "花垣县", "4", "5710"]]}],
                          ensure_ascii=False),
        text="单位：万元\n1 花垣县 4 5710")
    add_document(database, "http://hechi-gov.example/h3.html", [
        fact("people_employed", 13200, "people", "13200人", "巴马县吸纳13200人。",
             year="2020", place="巴马县", **BAMA),
        fact("people_employed", 900, "people", "900余人", "另有900余人。", year="2020",
             approx=True, place="巴马县", **BAMA),
        fact("households", 80, "households", "80户", "某村搬迁80户。", year=None,
             place="某村")],  # no code, no year: a group keyed by name
        source_id="hechi-gov", title="巴马县", published="2020-10-29", text="巴马县吸纳13200人。")


def reextract(database) -> None:
    store.replace_facts(database, doc_id(database, "a2.html"), [
        fact("labor_remuneration_yuan", 4.1e8, "yuan", "4.1亿元", "去年发放劳务报酬4.1亿元。",
             place="湘西州", **XIANGXI),
        fact("percent", 12.5, "percent", "12.5%", "增长12.5%。", year="2022", place="巴马县",
             **BAMA)], "test-2")


def delete_documents(database) -> None:
    for url_end in ("h2.html", "a1.html"):  # a1.html is the parent of a1.pdf
        target = doc_id(database, url_end)
        with database.conn:
            database.execute("delete from facts where document_id = ?", [target])
            database.execute("delete from documents where id = ?", [target])


def recrawl_changed_page(database) -> None:
    _, outcome = store.store_document(database, {
        "url": "http://chinadaily.example/en1.html", "relevant": 1, "lang": "en",
        "source_id": "chinadaily", "title": "Xiangxi payrolls (updated)",
        "text": "Xiangxi paid 405 million yuan to workers in 2023, the county said."})
    assert outcome == "updated"  # its facts are gone until it is extracted again


def rename_source(database) -> None:
    store.upsert_source(database, {"id": "hechi-gov", "name": "河池市人民政府门户网站",
                                   "publisher": "河池市人民政府办公室",
                                   "base_url": "http://hechi-gov.example/", "lang": "zh"})


def edit_facts_by_hand(database) -> None:
    with database.conn:
        database.execute("update facts set sentence = '巴马县今年安置搬迁群众3200户（更正）。', "
                         "place = '巴马' where span = '3200户'")
        database.execute("update facts set value = null where span = '12.5%'")


def reextract_the_newest(database) -> None:
    """The newest facts are replaced: SQLite gives the new facts the ids just freed."""
    newest = database.execute("select document_id from facts order by id desc").fetchone()[0]
    before = {r[0] for r in database.execute("select id from facts where document_id = ?",
                                             [newest])}
    store.replace_facts(database, newest, [
        fact("people_employed", 17800, "people", "17800人", "公益性岗位安置17800人。",
             year="2020", place="巴马县", **BAMA)], "test-2")
    after = {r[0] for r in database.execute("select id from facts where document_id = ?",
                                            [newest])}
    assert after <= before  # an id now names another fact


CHANGES = [add_reports, reextract, delete_documents, recrawl_changed_page, rename_source,
           edit_facts_by_hand, reextract_the_newest]


@pytest.mark.parametrize("scan_all", [0.0, float("inf")], ids=["groups-by-scan",
                                                                "groups-by-index"])
def test_each_incremental_refresh_equals_a_full_rebuild(crafted_db, tmp_path, monkeypatch,
                                                        scan_all):
    monkeypatch.setattr(publication, "SCAN_ALL_GROUPS", scan_all)
    path = tmp_path / "rw.db"
    database = open_copy(crafted_db, path)
    assert refresh_publication(database).skipped
    total = database.execute("select count(*) from documents").fetchone()[0]
    for n, change in enumerate(CHANGES):
        change(database)
        twin = backup(database, tmp_path / f"full-{n}.db")
        summary = refresh_publication(database)
        assert not summary.skipped and not summary.full, change.__name__
        assert 0 < summary.documents < total, change.__name__  # only what changed
        rebuilt = store.open_db(twin)
        assert refresh_publication(rebuilt, force=True).full
        rebuilt.close()
        assert differences(publication_state(path), publication_state(twin)) == {}, \
            change.__name__
    assert database.execute("select count(*) from figure_conflicts").fetchone()[0] >= 2
    assert refresh_publication(database).skipped
    assert database.execute("select count(*) from publish_queue").fetchone()[0] == 0
    database.close()


def test_a_forced_rebuild_changes_nothing_after_incremental_refreshes(crafted_db, tmp_path):
    path = tmp_path / "rw.db"
    database = open_copy(crafted_db, path)
    for change in CHANGES:
        change(database)
        refresh_publication(database)
    before = publication_state(path)
    refresh_publication(database, force=True)
    database.close()
    assert differences(before, publication_state(path)) == {}


def test_a_new_way_of_making_rows_republishes_everything_as_a_rebuild_would(crafted_db,
                                                                             tmp_path):
    path = tmp_path / "rw.db"
    database = open_copy(crafted_db, path)
    add_reports(database)
    with database.conn:  # as after an upgrade that changes how rows are made
        database.execute("update schema_info set value = 'older' "
                         "where key = 'publication_format'")
    twin = backup(database, tmp_path / "full.db")
    summary = refresh_publication(database)
    assert summary.documents == database.execute("select count(*) from documents").fetchone()[0]
    rebuilt = store.open_db(twin)
    refresh_publication(rebuilt, force=True)
    rebuilt.close()
    database.close()
    assert differences(publication_state(path), publication_state(twin)) == {}


def test_the_search_text_made_a_part_at_a_time_is_the_whole_body_indexed():
    from db.search import fact_bodies, fact_body, index_text

    aliases = {"451227": "巴马瑶族自治县 ; 巴马 ; bama ; 河池市 ; Hechi City"}
    rows = [(1, 7, "巴马县今年安置搬迁群众3200户。", "3200户", "巴马县", "巴马瑶族自治县",
             "Bama County", "451227"),
            (2, 7, "巴马县今年安置搬迁群众3200户。", "12.5%", None, "", None, "451227"),
            (3, 8, "Hechi relocated 12,000 households.", "12,000 households", "Hechi", None,
             "Hechi City", None),
            (4, 8, None, "中", "x中y", None, None, "nowhere")]
    assert list(fact_bodies(rows, aliases)) == [
        (row[0], index_text(fact_body(aliases, *row[2:]))) for row in rows]
