"""Wiring: stored documents become facts, once, with the context the extractor needs."""

from __future__ import annotations

import json

import db as store
from reliefwatch.pipeline import blank_table_lines, extract_documents

ROWS = [["序号", "县市区", "项目数（个）", "发放劳务报酬（万元）"],
        ["1", "泸溪县", "3", "4420"], ["2", "凤凰县", "4", "5830"], ["", "合计", "7", "10250"]]
PDF_TEXT = ("湘西州2023年以工代赈项目实施情况\n2023年，两县共实施以工代赈项目7个。\n"
            "序号 县市区 项目数（个） 发放劳务报酬（万元）\n"
            "1 泸溪县 3 4420\n2 凤凰县 4 5830\n合计 7 10250\n")


def test_table_rows_are_blanked_with_offsets_kept():
    blanked = blank_table_lines(PDF_TEXT, [{"rows": ROWS}])
    assert len(blanked) == len(PDF_TEXT)
    assert "4420" not in blanked and "项目7个" in blanked


def test_pdf_table_cells_become_facts_once(tmp_path):
    database = store.open_db(tmp_path / "rw.db")
    article_id, _ = store.store_document(database, {
        "url": "http://x.gov.cn/a.html", "text": "湘西州以工代赈 …", "relevant": 1,
        "published": "2024-04-11", "publisher": "湘西土家族苗族自治州发展和改革委员会"})
    store.store_document(database, {
        "url": "http://x.gov.cn/P0.pdf", "parent_id": article_id, "relevant": 1,
        "content_type": "application/pdf", "title": "湘西州2023年以工代赈项目实施情况",
        "text": PDF_TEXT, "tables": json.dumps([{"page": 1, "rows": ROWS}], ensure_ascii=False)})
    summary = extract_documents(database)
    assert summary.failed == 0
    facts = list(database.query("select * from facts where document_id = 2"))
    remuneration = [f for f in facts if f["metric"] == "labor_remuneration_yuan"]
    assert sorted(f["value"] for f in remuneration) == [44200000, 58300000, 102500000]
    assert {f["origin"] for f in remuneration} == {"table"}
    total = next(f for f in remuneration if f["value"] == 102500000)
    assert total["place_code"] == "433100" and total["year"] == "2023"
    county = next(f for f in remuneration if f["value"] == 44200000)
    assert county["place_code"] == "433122"


def test_irrelevant_documents_get_no_facts(tmp_path):
    database = store.open_db(tmp_path / "rw.db")
    store.store_document(database, {"url": "http://x/weather", "relevant": 0,
                                    "text": "今天全州降雨量达到50毫米，共有3个乡镇发布预警。"})
    assert extract_documents(database).documents == 0
    assert database["facts"].count == 0


def test_a_new_extractor_version_reprocesses_everything(tmp_path, monkeypatch):
    import nlp

    database = store.open_db(tmp_path / "rw.db")
    store.store_document(database, {"url": "http://x/1", "relevant": 1,
                                    "text": "全县新增公益性岗位1200个。"})
    assert extract_documents(database).documents == 1
    assert extract_documents(database).documents == 0
    monkeypatch.setattr(nlp, "EXTRACTOR_VERSION", nlp.EXTRACTOR_VERSION + "-next")
    assert extract_documents(database).documents == 1
    assert database["facts"].count == 1


def test_a_table_continued_on_the_next_page_keeps_its_header(tmp_path):
    database = store.open_db(tmp_path / "rw.db")
    first_page = ROWS[:3]
    second_page = [["3", "花垣县", "4", "5710"], ["", "合计", "11", "15960"]]
    store.store_document(database, {
        "url": "http://x.gov.cn/P1.pdf", "relevant": 1, "content_type": "application/pdf",
        "title": "湘西州2023年以工代赈项目实施情况", "text": "湘西州2023年以工代赈项目实施情况\n",
        "tables": json.dumps([{"page": 1, "rows": first_page}, {"page": 2, "rows": second_page}],
                             ensure_ascii=False)})
    extract_documents(database)
    huayuan = list(database.query(
        "select metric, value from facts where place_code = '433124' order by metric"))
    assert huayuan == [{"metric": "labor_remuneration_yuan", "value": 57100000.0},
                       {"metric": "projects", "value": 4.0}]
