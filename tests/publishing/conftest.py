"""A crafted database for the publishing tests: repeated figures, a conflict, a PDF table row,
places at three levels, an English article and a title that tries to inject HTML."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import db as store
from db.publication import refresh_publication
from reliefwatch.publish import make_datasette
from tests.conftest import REPO, run_async

XIANGXI = {"place_code": "433100", "place_name_zh": "湘西土家族苗族自治州",
           "place_name_en": "Xiangxi Tujia and Miao Autonomous Prefecture"}
HECHI = {"place_code": "451200", "place_name_zh": "河池市", "place_name_en": "Hechi City"}
BAMA = {"place_code": "451227", "place_name_zh": "巴马瑶族自治县",
        "place_name_en": "Bama Yao Autonomous County"}
PDF_TABLES = [{"page": 1, "rows": [
    ["序号", "县市区", "项目数（个）", "发放劳务报酬"],
    ["1", "花垣县", "4", "5710"],
    ["", "合计", "26", "40500"],
]}]


def fact(metric, value, unit, span, sentence, year="2023", place=None, approx=False,
         origin="text", **where):
    return {"metric": metric, "value": value, "unit": unit, "span": span, "sentence": sentence,
            "year": year, "place": place, "approx": approx, "origin": origin, **where}


def load_gazetteer(database) -> None:
    with (REPO / "nlp/places/data/divisions.tsv").open(encoding="utf-8") as handle:
        store.load_places(database, csv.DictReader(handle, delimiter="\t"))


def open_copy(source: Path, path: Path):
    """A writable copy of the crafted database ``source`` at ``path``, opened."""
    path.write_bytes(source.read_bytes())
    return store.open_db(path)


def add_document(database, url, facts, **doc):
    doc_id, _ = store.store_document(database, {"url": url, "relevant": 1, "lang": "zh",
                                                "content_type": "text/html", **doc})
    store.replace_facts(database, doc_id, facts, "test")
    return doc_id


def build(path: Path) -> Path:
    database = store.open_db(path)
    load_gazetteer(database)
    store.upsert_metrics(database, [
        {"name": m, "unit": u, "description_en": f"{m} (en)", "description_zh": f"{m}（中文）"}
        for m, u in [("labor_remuneration_yuan", "yuan"), ("investment_yuan", "yuan"),
                     ("households", "households"), ("percent", "percent"),
                     ("people_employed", "people")]])
    for sid, name, lang in [("xxz-gov", "湘西州人民政府", "zh"),
                            ("hechi-gov", "河池市人民政府", "zh"),
                            ("chinadaily", "China Daily", "en")]:
        store.upsert_source(database, {"id": sid, "name": name, "publisher": name,
                                       "base_url": f"http://{sid}.example/", "lang": lang})
    pay = "2023年，全州发放劳务报酬4.05亿元。"
    article = add_document(
        database, "http://xxz-gov.example/a1.html", [fact(
            "labor_remuneration_yuan", 405e6, "yuan", "4.05亿元", pay, place="全州", **XIANGXI)],
        source_id="xxz-gov", title="湘西州以工代赈工作推进会召开", published="2024-04-11",
        publisher="湘西州发展和改革委员会", text=pay + "\n今年全州劳务报酬发放工作已经完成。")
    add_document(database, "http://xxz-gov.example/a1.pdf", [fact(
        "labor_remuneration_yuan", 405e6, "yuan", "40500", "合计 | 26 | 40500",
        origin="table", place="湘西州", **XIANGXI)],
        source_id="xxz-gov", title="湘西州2023年以工代赈项目实施情况", published="2024-04-11",
        content_type="application/pdf", parent_id=article, tables=json.dumps(
            PDF_TABLES, ensure_ascii=False),
        text="湘西州2023年以工代赈项目实施情况\n单位：万元\n序号 县市区 项目数（个）")
    add_document(database, "http://xxz-gov.example/a2.html", [fact(
        "labor_remuneration_yuan", 405e6, "yuan", "4.05亿元", "去年发放劳务报酬4.05亿元。",
        place="湘西州", **XIANGXI)], source_id="xxz-gov", title="湘西州务工增收",
        published="2024-05-02", text="去年发放劳务报酬4.05亿元。")
    add_document(database, "http://chinadaily.example/en1.html", [
        fact("labor_remuneration_yuan", 405e6, "yuan", "405 million yuan",
             "Xiangxi paid 405 million yuan to local workers last year.", place="Xiangxi",
             **XIANGXI),
        fact("households", 12000, "households", "12,000 households",
             "Hechi relocated 12,000 households from remote villages.", year="2022",
             place="Hechi", **HECHI)],
        source_id="chinadaily", lang="en", title="Work relief puts Xiangxi villagers on payrolls",
        published="2024-04-12", publisher="chinadaily.com.cn",
        text="Xiangxi paid 405 million yuan to local workers last year. Hechi relocated "
             "12,000 households from remote villages.")
    add_document(database, "http://hechi-gov.example/h1.html", [
        fact("investment_yuan", 192e6, "yuan", "1.92亿元",
             "2022年，河池市下达以工代赈资金1.92亿元。", year="2022", place="河池市", **HECHI),
        fact("households", 3200, "households", "3200户", "巴马县今年安置搬迁群众3200户。",
             year="2022", place="巴马县", **BAMA),
        fact("percent", 12.5, "percent", "12.5%", "搬迁群众收入增长12.5%。", year="2022",
             place="巴马县", **BAMA)],
        source_id="hechi-gov", title="河池市易地扶贫搬迁后续扶持", published="2022-12-01",
        text="2022年，河池市下达以工代赈资金1.92亿元。巴马县今年安置搬迁群众3200户。")
    add_document(database, "http://hechi-gov.example/h2.html", [fact(
        "investment_yuan", 210e6, "yuan", "2.1亿元", "河池市2022年以工代赈投资2.1亿元。",
        year="2022", place="河池", **HECHI)],
        source_id="hechi-gov", title="<script>alert('x')</script>河池新闻",
        published="2023-01-05", text="河池市2022年以工代赈投资2.1亿元。")
    refresh_publication(database)
    database.close()
    return path


@pytest.fixture(scope="session")
def crafted_db(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("published") / "reliefwatch.db")


@pytest.fixture(scope="session")
def ds(crafted_db):
    return make_datasette(crafted_db)


def get(ds, path: str):
    return run_async(ds.client.get(path))


@pytest.fixture
def withheld_full_text(monkeypatch):
    """The rights setting withholds the sample source's full text (``xxz-gov``)."""
    from reliefwatch import publish

    original = publish.load_metadata

    def restricted(*args, **kwargs):
        metadata = original(*args, **kwargs)
        metadata["plugins"]["reliefwatch"]["full_text"]["sources"] = {"xxz-gov": False}
        return metadata

    monkeypatch.setattr(publish, "load_metadata", restricted)
