"""What a researcher sees: links, citation cards, readable values, descriptions, feeds, CSV."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from urllib.parse import quote

import pytest

from reliefwatch.datasette_plugins.cells import format_value
from reliefwatch.publish import load_metadata, make_datasette
from tests.conftest import run_async
from tests.publishing.conftest import get, open_copy

BOM = b"\xef\xbb\xbf"


def one(path, sql, params=()):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchone()
    finally:
        conn.close()


@pytest.mark.parametrize("table", ["facts", "fact_evidence"])
def test_foreign_keys_render_as_links_with_names(ds, crafted_db, table):
    fact_id, doc_id = one(crafted_db, "select id, document_id from facts where span = '1.92亿元'")
    key = "id" if table == "facts" else "fact_id"
    page = get(ds, f"/reliefwatch/{table}?{key}={fact_id}").text
    assert f'<a href="/reliefwatch/documents/{doc_id}">河池市易地扶贫搬迁后续扶持</a>' in page
    assert '<a href="/reliefwatch/places/451200">河池市</a>' in page
    assert re.search(r'<a href="/reliefwatch/figures/\d+">河池市 · 2022 · investment_yuan', page)
    if table == "fact_evidence":
        assert '<a href="/reliefwatch/sources/hechi-gov">河池市人民政府</a>' in page


def test_document_source_renders_as_a_link_with_its_name(ds):
    page = get(ds, "/reliefwatch/documents?source_id=hechi-gov").text
    assert '<a href="/reliefwatch/sources/hechi-gov">河池市人民政府</a>' in page


def test_fact_page_links_document_place_and_figure(ds, crafted_db):
    fact_id, doc_id = one(crafted_db, "select id, document_id from facts where span = '1.92亿元'")
    page = get(ds, f"/reliefwatch/facts/{fact_id}").text
    assert f'<a href="/reliefwatch/documents/{doc_id}">河池市易地扶贫搬迁后续扶持</a>' in page
    assert '<a href="/reliefwatch/places/451200">河池市</a>' in page
    assert 'href="/reliefwatch/sources/hechi-gov"' in page
    assert 'href="/reliefwatch/figures/' in page


def test_fact_page_is_a_citation_card(ds, crafted_db):
    (fact_id,) = one(crafted_db, "select id from facts where span = '1.92亿元'")
    page = get(ds, f"/reliefwatch/facts/{fact_id}").text
    card = page[page.index('class="rw-card"'):page.index("</section>")]
    for expected in ("河池市易地扶贫搬迁后续扶持", "2022-12-01", "河池市人民政府",
                     "http://hechi-gov.example/h1.html", "192,000,000 yuan · 1.92亿元",
                     "<mark>1.92亿元</mark>", "conflicting value"):
        assert expected in card, expected


def test_table_row_fact_shows_its_header_and_unit(ds, crafted_db):
    (fact_id,) = one(crafted_db, "select id from facts where origin = 'table'")
    (evidence,) = one(crafted_db, "select sentence from fact_evidence where fact_id = ?",
                      [fact_id])
    assert evidence.splitlines() == ["序号 | 县市区 | 项目数（个） | 发放劳务报酬",
                                     "合计 | 26 | 40500", "单位：万元"]
    page = get(ds, f"/reliefwatch/facts/{fact_id}").text
    assert "序号 | 县市区" in page and "单位：万元" in page


def test_document_page_shows_title_metadata_then_readable_text(ds, crafted_db):
    (doc_id,) = one(crafted_db, "select id from documents where url like '%a1.html'")
    page = get(ds, f"/reliefwatch/documents/{doc_id}").text
    card = page.index('class="rw-card rw-document"')
    assert page.index("湘西州以工代赈工作推进会召开", card) < page.index('class="rw-text"')
    assert '<div class="rw-text" lang="zh">2023年，全州发放劳务报酬4.05亿元。' in page
    assert 'href="/reliefwatch/sources/xxz-gov">湘西州人民政府</a>' in page
    assert "white-space: pre-wrap" in get(ds, "/-/reliefwatch.css").text


def test_attachment_page_links_its_article(ds, crafted_db):
    (pdf_id,) = one(crafted_db, "select id from documents where url like '%.pdf'")
    page = get(ds, f"/reliefwatch/documents/{pdf_id}").text
    assert "Attached to" in page and "湘西州以工代赈工作推进会召开" in page


@pytest.mark.parametrize(("value", "unit", "text"), [
    (405e6, "yuan", "405,000,000 yuan · 4.05亿元"),
    (21700, "people", "21,700 people · 2.17万"),
    (3200, "households", "3,200 households"),
    (12.5, "percent", "12.5%"),
    (96680000, "yuan", "96,680,000 yuan · 9,668万元"),
])
def test_readable_values(value, unit, text):
    assert format_value(value, unit) == text


def test_values_render_readable_in_pages_but_stay_numbers_in_json(ds):
    page = get(ds, "/reliefwatch/figures?metric=labor_remuneration_yuan").text
    assert "405,000,000 yuan · 4.05亿元" in page
    assert ">405000000.0<" not in page and "405000000.0</td>" not in page
    data = get(ds, "/reliefwatch/figures.json?_shape=array&metric=labor_remuneration_yuan").json()
    assert [r["value"] for r in data] == [405e6]


@pytest.mark.parametrize("table", ["figures", "fact_evidence", "documents", "figure_conflicts",
                                   "facts", "metrics", "sources", "crawl_runs", "crawl_errors",
                                   "places", "place_names", "place_tree"])
def test_every_published_table_page_renders(ds, table):
    for suffix in ("", "?_labels=on", "?_size=3&_nocount=1"):
        response = get(ds, f"/reliefwatch/{table}{suffix}")
        assert response.status_code == 200, (table, suffix, response.text[:300])


@pytest.mark.parametrize("table", ["figures", "fact_evidence", "documents", "figure_conflicts",
                                   "facts", "metrics", "sources", "places"])
def test_a_row_page_of_every_table_renders(ds, table):
    data = get(ds, f"/reliefwatch/{table}.json?_size=1&_shape=objects").json()
    key = data["primary_keys"][0]
    row = data["rows"][0]
    response = get(ds, f"/reliefwatch/{table}/{quote(str(row[key]))}")
    assert response.status_code == 200, response.text[:300]


def test_every_canned_query_page_renders_in_html(ds, crafted_db):
    queries = load_metadata(crafted_db)["databases"]["reliefwatch"]["queries"]
    for name in queries:
        response = get(ds, f"/reliefwatch/{name}?q={quote('河池')}&place={quote('河池')}&metric=")
        assert response.status_code == 200, (name, response.text[:300])


def test_conflicts_page_shows_both_values_readably(ds):
    page = get(ds, "/reliefwatch/figure_conflicts").text
    assert "192,000,000 yuan · 1.92亿元" in page and "210,000,000 yuan · 2.1亿元" in page


def test_every_published_column_has_an_english_and_chinese_description(ds, crafted_db):
    tables = load_metadata(crafted_db)["databases"]["reliefwatch"]["tables"]
    shown = [t["name"] for t in get(ds, "/reliefwatch.json").json()["tables"]
             if not t["hidden"]]
    assert {"figures", "fact_evidence", "documents", "facts", "places"} <= set(shown)
    conn = sqlite3.connect(crafted_db)
    for table in shown:
        columns = [r[1] for r in conn.execute(f"pragma table_info([{table}])")]
        described = tables.get(table, {}).get("columns", {})
        for column in columns:
            text = described.get(column, "")
            assert " / " in text and re.search(r"[\u4e00-\u9fff]", text), (table, column)
        assert tables[table].get("description"), table


def test_data_dictionary_page_lists_tables_columns_and_metrics(ds):
    page = get(ds, "/-/dictionary").text
    assert '<h2 id="figures">' in page and "<code>documents</code>" in page
    assert "labor_remuneration_yuan" in page and "labor_remuneration_yuan（中文）" in page
    assert 'id="licence"' in page


def test_home_page_lists_useful_tables_first_gazetteer_last_and_last_update(ds):
    page = get(ds, "/").text
    order = [page.index(f'/reliefwatch/{t}"') for t in ("figures", "fact_evidence",
                                                        "documents", "places")]
    assert order == sorted(order)
    assert "last updated: <strong>20" in page
    assert "/-/dictionary" in page and "/-/dashboards" in page


def test_database_page_lists_useful_tables_first_and_offers_sql(ds):
    page = get(ds, "/reliefwatch").text
    order = [page.index(f'<a href="/reliefwatch/{t}">') for t in ("figures", "fact_evidence",
                                                                  "documents", "places")]
    assert order == sorted(order)
    assert 'name="sql"' in page and "seen_urls" not in page


def test_why_is_shown_on_the_fact_page_when_the_extractor_gives_it(crafted_db, tmp_path):
    from db.publication import refresh_publication

    copy = tmp_path / "why.db"
    database = open_copy(crafted_db, copy)
    if "why" not in database["facts"].columns_dict:
        database["facts"].add_column("why", str)
    database.execute("update facts set why = 'metric cue 劳务报酬 before the amount'")
    database.conn.commit()
    refresh_publication(database, force=True)
    (fact_id,) = database.execute("select id from facts limit 1").fetchone()
    database.close()
    page = run_async(make_datasette(copy).client.get(f"/why/facts/{fact_id}")).text
    assert "Why this reading:</strong> metric cue 劳务报酬 before the amount" in page


@pytest.mark.parametrize("path", [
    "/reliefwatch/facts.csv", "/reliefwatch/fact_evidence.csv?_size=max",
    "/reliefwatch/figures.csv?_dl=1", "/reliefwatch/fact_evidence.csv?_stream=on",
    "/reliefwatch/search_facts.csv?q=" + quote("河池"),
    "/reliefwatch.csv?sql=" + quote("select span, place from facts"),
])
def test_every_csv_starts_with_a_utf8_bom(ds, path):
    response = get(ds, path)
    assert response.status_code == 200
    assert response.content.startswith(BOM)
    assert not response.content[3:].startswith(BOM)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) > 1 and any("河池" in cell or "湘西" in cell for r in rows for cell in r)


def test_streamed_csv_holds_the_whole_table(ds, crafted_db):
    (count,) = one(crafted_db, "select count(*) from fact_evidence")
    body = get(ds, "/reliefwatch/fact_evidence.csv?_stream=on&_size=2").content
    assert len(list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))) == count + 1


def test_json_is_not_touched_by_the_bom(ds):
    assert get(ds, "/reliefwatch/facts.json").content.startswith(b"{")


def test_atom_feed_of_new_figures_filtered_by_place_and_metric(ds):
    feed = get(ds, "/reliefwatch/new_figures_for_place.atom?place=" + quote("湘西州")
               + "&metric=labor_remuneration_yuan")
    assert feed.status_code == 200 and "xml" in feed.headers["content-type"]
    entries = re.findall(r"<entry>.*?</entry>", feed.text, re.S)
    assert len(entries) == 1 and "405,000,000" in entries[0]
    hechi = get(ds, "/reliefwatch/new_figures_for_place.atom?metric=&place="
                + quote("Hechi City")).text
    # two investment figures, the city's households, and Bama county's households and percent
    assert hechi.count("<entry>") == 5
    everything = get(ds, "/reliefwatch/new_figures.atom?metric=investment_yuan").text
    assert everything.count("<entry>") == 2


def test_dashboard_per_metric_and_its_chart_queries_run(ds, crafted_db):
    page = get(ds, "/-/dashboards/labor_remuneration_yuan?place=" + quote("湘西州"))
    assert page.status_code == 200 and "vega-lite" in page.text
    charts = load_metadata(crafted_db)["plugins"]["datasette-dashboards"]
    for chart in charts["households"]["charts"].values():
        sql = re.sub(r"\[\[(.*?)\]\]", r"\1", chart["query"])
        result = get(ds, "/reliefwatch.json?_shape=array&place=" + quote("河池") + "&sql="
                     + quote(sql))
        assert result.status_code == 200 and result.json(), chart["title"]


def test_figures_page_has_a_map(ds):
    page = get(ds, "/reliefwatch/figures").text
    assert "datasette-cluster-map" in page and "latitude" in page


def test_rights_setting_hides_a_sources_full_text(crafted_db, withheld_full_text):
    ds = make_datasette(crafted_db)
    (doc_id,) = one(crafted_db, "select id from documents where url like '%a1.html'")
    page = run_async(ds.client.get(f"/reliefwatch/documents/{doc_id}")).text
    assert "今年全州劳务报酬发放工作已经完成" not in page
    assert "not published here" in page and "湘西州以工代赈工作推进会召开" in page
    evidence = run_async(ds.client.get(f"/reliefwatch/fact_evidence?document_id={doc_id}")).text
    assert "<mark>4.05亿元</mark>" in evidence  # the evidence sentence stays


def test_pinned_plugins_are_loaded_on_datasette_065(ds):
    import datasette

    assert datasette.__version__.startswith("0.65.")
    loaded = {p["name"]: p.get("version") for p in get(ds, "/-/plugins.json").json()}
    assert {"datasette-dashboards": "0.8.0", "datasette-cluster-map": "0.18.2",
            "datasette-atom": "0.9", "datasette-block-robots": "1.1.1"}.items() <= loaded.items()
    assert "reliefwatch" in loaded or "reliefwatch.datasette_plugins" in loaded
