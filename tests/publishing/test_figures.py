"""One figure, counted once: grouping, rounding, conflicts, and the canned sums."""

from __future__ import annotations

import sqlite3

import pytest

import db as store
from db.figures import same_within_rounding, step
from db.publication import refresh_publication
from tests.publishing.conftest import get, open_copy


def rows(path, sql, params=()):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def test_a_figure_repeated_by_articles_and_a_pdf_table_is_one_figure(crafted_db):
    (figure,) = rows(crafted_db, "select * from figures where metric = "
                                 "'labor_remuneration_yuan' and place_code = '433100'")
    assert figure["value"] == 405e6
    assert (figure["documents"], figure["facts"], figure["conflict"]) == (4, 4, 0)
    assert figure["year"] == "2023" and figure["unit"] == "yuan"
    assert figure["first_published"] == "2024-04-11"
    assert figure["last_published"] == "2024-05-02"
    assert {"湘西州发展和改革委员会", "chinadaily.com.cn"} <= set(figure["sources"].split("; "))
    origins = {r["origin"] for r in rows(
        crafted_db, "select origin from facts where figure_id = ?", [figure["id"]])}
    assert origins == {"text", "table"}


def test_every_fact_points_to_its_figure(crafted_db):
    assert rows(crafted_db, "select count(*) as n from facts where figure_id is null")[0]["n"] == 0
    linked = rows(crafted_db, "select count(*) as n from facts join figures "
                              "on figures.id = facts.figure_id")[0]["n"]
    assert linked == rows(crafted_db, "select count(*) as n from facts")[0]["n"]


def test_different_values_for_one_place_and_period_are_a_conflict_side_by_side(crafted_db):
    figures = rows(crafted_db, "select value, conflict, other_values from figures where "
                               "metric = 'investment_yuan' and place_code = '451200' "
                               "order by value")
    assert [(f["value"], f["conflict"]) for f in figures] == [(192e6, 1), (210e6, 1)]
    assert "210,000,000" in figures[0]["other_values"]
    (pair,) = rows(crafted_db, "select * from figure_conflicts where metric = 'investment_yuan'")
    assert {pair["value"], pair["other_value"]} == {192e6, 210e6}
    assert pair["sources"] and pair["other_sources"]
    assert pair["year"] == "2022" and pair["place_code"] == "451200"


def test_no_other_figure_is_flagged(crafted_db):
    flagged = rows(crafted_db, "select distinct metric from figures where conflict = 1")
    assert [f["metric"] for f in flagged] == ["investment_yuan"]


@pytest.mark.parametrize(("a", "b", "approx", "same"), [
    (405e6, 405e6, False, True),
    (405e6, 410e6, False, True),       # 4.1亿 is 4.05亿 rounded
    (966.8e6, 967e6, False, True),     # 96680万元 and 9.67亿元
    (21700, 2.17e4, False, True),
    (203500, 200000, True, True),      # 20余万 and an exact count
    (192e6, 210e6, False, False),
    (120, 124, False, False),          # small counts are compared exactly
    (405e6, 450e6, False, False),
])
def test_values_within_rounding(a, b, approx, same):
    assert same_within_rounding(a, b, approx) is same


def test_step_is_the_last_significant_digit():
    assert step(405e6) == 1e6 and step(0.5) == 0.1 and step(2436) == 1


def test_figure_ids_survive_a_refresh(crafted_db, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(crafted_db.read_bytes())
    before = rows(copy, "select id, figure_key from figures order by id")
    database = store.open_db(copy)
    assert not refresh_publication(database, force=True).skipped
    database.close()
    assert rows(copy, "select id, figure_key from figures order by id") == before


def test_canned_sum_counts_each_figure_once(ds):
    result = get(ds, "/reliefwatch/labor_remuneration_by_place_and_year.json?_shape=array").json()
    (xiangxi,) = [r for r in result if r["place_code"] == "433100"]
    assert xiangxi["yuan_total"] == 405e6  # not 1.62 billion (four reports)
    assert xiangxi["figures"] == 1 and xiangxi["reports"] == 4


def test_canned_sum_leaves_conflicting_figures_out_and_says_so(ds):
    result = get(ds, "/reliefwatch/investment_by_place.json?_shape=array").json()
    (hechi,) = [r for r in result if r["place_code"] == "451200"]
    assert hechi["yuan_total"] is None and hechi["conflicting"] == 2
    page = get(ds, "/reliefwatch/investment_by_place").text
    assert "not facts" in page


def test_every_canned_query_that_sums_or_ranks_reads_figures():
    from reliefwatch.publish import load_metadata

    queries = load_metadata("reliefwatch.db")["databases"]["reliefwatch"]["queries"]
    for name, query in queries.items():
        sql = query["sql"].lower()
        if "sum(" in sql or "max(" in sql or "order by value" in sql:
            assert "from figures" in sql, name
            assert "figure" in (query.get("description", "") + query["title"]).lower(), name


def test_refresh_is_skipped_when_nothing_changed_and_redone_when_facts_change(crafted_db,
                                                                              tmp_path):
    copy = tmp_path / "copy.db"
    database = open_copy(crafted_db, copy)
    assert refresh_publication(database).skipped
    doc_id = database.execute("select id from documents where url like '%h2.html'").fetchone()[0]
    store.replace_facts(database, doc_id, [], "test")  # the conflicting report is withdrawn
    summary = refresh_publication(database)
    assert not summary.skipped and summary.conflicts == 0
    assert database.execute("select count(*) from figures where conflict = 1").fetchone()[0] == 0
    database.close()


def test_two_values_in_one_document_are_two_quantities_not_a_conflict(crafted_db, tmp_path):
    from tests.publishing.conftest import BAMA, add_document, fact

    copy = tmp_path / "copy.db"
    database = open_copy(crafted_db, copy)
    add_document(database, "http://hechi-gov.example/posts.html", [
        fact("people_employed", 13200, "people", "13200人", "开发村级临时岗位吸纳13200人。",
             year="2020", place="巴马县", **BAMA),
        fact("people_employed", 17800, "people", "17800人", "公益性岗位安置17800人。",
             year="2020", place="巴马县", **BAMA)],
        source_id="hechi-gov", title="巴马县稳就业", published="2020-10-29",
        text="开发村级临时岗位吸纳13200人。公益性岗位安置17800人。")
    refresh_publication(database)
    flagged = database.execute(
        "select value, conflict from figures where metric = 'people_employed' "
        "and place_code = '451227' order by value").fetchall()
    assert flagged == [(13200.0, 0), (17800.0, 0)]
    add_document(database, "http://hechi-gov.example/posts2.html", [
        fact("people_employed", 18700, "people", "18700人", "公益性岗位安置18700人。",
             year="2020", place="巴马县", **BAMA)],  # a misread 17800 in another article
        source_id="hechi-gov", title="巴马县稳就业（转载）", published="2020-11-02",
        text="公益性岗位安置18700人。")
    refresh_publication(database)
    flagged = database.execute(
        "select value, conflict from figures where metric = 'people_employed' "
        "and place_code = '451227' order by value").fetchall()
    assert flagged == [(13200.0, 1), (17800.0, 1), (18700.0, 1)]
    pairs = {(a, b) for a, b in database.execute(
        "select value, other_value from figure_conflicts where place_code = '451227'")}
    assert len(pairs) == 2 and all(18700.0 in pair for pair in pairs)
    database.close()
