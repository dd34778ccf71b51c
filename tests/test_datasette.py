"""Publishing: the real Datasette app over a real database file."""

from __future__ import annotations

import csv
import io
import json

import pytest

import db as store
from db.publication import refresh_publication
from reliefwatch.publish import load_metadata, make_datasette
from tests.conftest import run_async

FACTS = [
    {"metric": "labor_remuneration_yuan", "value": 405000000.0, "unit": "yuan",
     "span": "4.05亿元", "place": "湘西州", "place_code": "433100",
     "place_name_en": "Xiangxi Tujia and Miao Autonomous Prefecture",
     "place_name_zh": "湘西土家族苗族自治州", "year": "2023", "approx": False,
     "sentence": "2023年，全州发放劳务报酬4.05亿元。", "start": 8, "end": 14},
    {"metric": "people_employed", "value": 200000.0, "unit": "people", "span": "20余万群众",
     "place": "湖南", "place_code": "430000", "place_name_en": "Hunan Province",
     "place_name_zh": "湖南省", "year": "2025-H1", "approx": True,
     "sentence": "湖南以工代赈累计带动20余万群众就近就业。", "start": 11, "end": 17},
]


@pytest.fixture
def published_db(tmp_path):
    path = tmp_path / "reliefwatch.db"
    database = store.open_db(path)
    store.upsert_metrics(database, [{"name": "labor_remuneration_yuan", "unit": "yuan"},
                                    {"name": "people_employed", "unit": "people"}])
    store.upsert_source(database, {"id": "xxz-gov", "name": "湘西州人民政府",
                                   "base_url": "http://www.xxz.gov.cn", "lang": "zh"})
    doc_id, _ = store.store_document(database, {
        "url": "http://www.xxz.gov.cn/zwgk/gzdt/202404/t20240411_1.html", "source_id": "xxz-gov",
        "title": "湘西州以工代赈工作推进会召开", "published": "2024-04-11", "lang": "zh",
        "content_type": "text/html", "relevant": 1, "text": "2023年，全州发放劳务报酬4.05亿元。",
    })
    store.replace_facts(database, doc_id, FACTS, "test")
    refresh_publication(database)  # what the extract stage runs after storing facts
    database.close()
    return path


def get(ds, path):
    return run_async(ds.client.get(path))


def test_facts_table_as_json(published_db):
    response = get(make_datasette(published_db), "/reliefwatch/facts.json?_shape=array")
    assert response.status_code == 200
    rows = response.json()
    assert {r["span"] for r in rows} == {"4.05亿元", "20余万群众"}
    assert {r["value"] for r in rows} == {405000000.0, 200000.0}


def test_facts_table_as_csv(published_db):
    response = get(make_datasette(published_db), "/reliefwatch/facts.csv?_size=max")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 2
    assert {"metric", "value", "unit", "place", "year", "sentence"} <= set(rows[0])


def test_facts_are_faceted_by_metric(published_db):
    response = get(make_datasette(published_db), "/reliefwatch/facts.json")
    facets = response.json()["facet_results"]
    assert {v["value"] for v in facets["metric"]["results"]} == {
        "labor_remuneration_yuan", "people_employed"}


def test_full_text_search_on_facts(published_db):
    response = get(make_datasette(published_db),
                   "/reliefwatch/facts.json?_search=劳务报酬&_shape=array")
    assert [r["span"] for r in response.json()] == ["4.05亿元"]


def test_every_canned_query_runs(published_db):
    ds = make_datasette(published_db)
    queries = load_metadata(published_db)["databases"]["reliefwatch"]["queries"]
    assert len(queries) >= 5
    for name, query in queries.items():
        params = "&".join(f"{p}=湘西" if p == "place" else f"{p}=劳务报酬"
                          for p in _params(query["sql"]))
        response = get(ds, f"/reliefwatch/{name}.json?_shape=array&{params}")
        assert response.status_code == 200, (name, response.text[:300])
        assert isinstance(response.json(), list)


def test_canned_labor_remuneration_query_sums_by_place(published_db):
    response = get(make_datasette(published_db),
                   "/reliefwatch/labor_remuneration_by_place_and_year.json?_shape=array")
    (row,) = response.json()
    assert row["yuan_total"] == 405000000.0
    assert row["place"] == "湘西土家族苗族自治州" and row["place_code"] == "433100"


def test_metadata_follows_the_served_file_name(tmp_path, published_db):
    other = tmp_path / "archive_copy.db"
    other.write_bytes(published_db.read_bytes())
    assert "archive_copy" in load_metadata(other)["databases"]
    response = get(make_datasette(other), "/archive_copy/employment_figures.json?place=")
    assert response.status_code == 200


def test_published_database_is_read_only(published_db):
    ds = make_datasette(published_db)
    response = get(ds, "/reliefwatch.json?sql=delete+from+facts")
    assert response.status_code >= 400
    rows = get(ds, "/reliefwatch/facts.json?_shape=array").json()
    assert len(rows) == 2


def _params(sql: str) -> list[str]:
    import re

    return sorted(set(re.findall(r":(\w+)", sql)))


def test_metadata_file_is_valid_json_with_descriptions():
    from reliefwatch.publish import metadata_path

    metadata = json.loads(metadata_path().read_text("utf-8"))
    tables = metadata["databases"]["reliefwatch"]["tables"]
    assert tables["facts"]["fts_table"] == "facts_search"
    assert tables["fact_evidence"]["fts_table"] == "facts_search"
    for query in metadata["databases"]["reliefwatch"]["queries"].values():
        assert query.get("title")


def test_search_query_finds_two_and_four_character_chinese_words(published_db):
    ds = make_datasette(published_db)
    for word, span in [("湖南", "20余万群众"), ("劳务报酬", "4.05亿元"), ("湘西", "4.05亿元")]:
        rows = get(ds, f"/reliefwatch/search_facts.json?_shape=array&q={word}").json()
        assert [r["span"] for r in rows] == [span], word
