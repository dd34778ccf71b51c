"""Generate the serving benchmark's database: 100,000 documents and 1,000,000 facts.

Synthetic text from our own phrase lists and the gazetteer's names; figures repeat across
documents (as official figures do) so that ``figures`` holds fewer rows than ``facts``.
"""

from __future__ import annotations

import csv
import random
import time
from pathlib import Path

import db as store
from db.publication import refresh_publication

ROOT = Path(__file__).resolve().parents[1]
METRICS = [
    ("labor_remuneration_yuan", "yuan", "发放劳务报酬{v}万元"),
    ("investment_yuan", "yuan", "下达以工代赈资金{v}万元"),
    ("people_employed", "people", "带动{v}名群众就近务工"),
    ("people_trained", "people", "开展技能培训{v}人次"),
    ("households", "households", "安置搬迁群众{v}户"),
    ("projects", "projects", "实施以工代赈项目{v}个"),
    ("positions", "positions", "开发公益性岗位{v}个"),
    ("income_yuan", "yuan", "人均增收{v}元"),
    ("percent", "percent", "就业率达到{v}%"),
    ("people_benefited", "people", "惠及群众{v}人"),
]
FILLER = ["会议强调，要压实责任，推动各项政策措施落地见效。",
          "当地持续完善后续扶持措施，群众的获得感不断增强。",
          "下一步将健全工作机制，提升服务群众的能力和水平。"]
SCHEMA_MARK = "bench-v2"


def _places() -> list[dict]:
    with (ROOT / "nlp/places/data/divisions.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def build(path: Path, documents: int = 100_000, facts_per_doc: int = 10,
          seed: int = 11) -> dict:
    """Create the database at ``path``; returns timings of each step."""
    rng = random.Random(seed)
    started = time.monotonic()
    database = store.open_db(path)
    places = _places()
    store.load_places(database, places)
    store.upsert_metrics(database, [{"name": m, "unit": u} for m, u, _ in METRICS])
    counties = [p for p in places if p["level"] == "county"]
    sources = [f"source-{i:02d}" for i in range(50)]
    for sid in sources:
        store.upsert_source(database, {"id": sid, "name": f"{sid} 人民政府",
                                       "publisher": f"{sid} 发展和改革委员会",
                                       "base_url": f"http://{sid}.example/", "lang": "zh"})
    doc_rows, fact_rows, fact_id = [], [], 0
    for doc_id in range(1, documents + 1):
        county = rng.choice(counties)
        year = rng.randint(2016, 2025)
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sentences = []
        for _ in range(facts_per_doc):
            metric, unit, phrase = rng.choice(METRICS)
            place = county if rng.random() < 0.8 else rng.choice(counties)
            # Official figures repeat: most reports of a metric, place and year agree.
            key = random.Random(f"{metric}{place['code']}{year}")
            number = key.choice((12, 35, 88, 140, 260, 405, 980, 2436)) * key.choice((1, 10))
            if rng.random() < 0.15:
                number += rng.randint(1, 9)
            value = number * (10_000 if phrase.endswith("万元") else 1)
            sentence = (f"{year - 1}年，{place['name_zh']}" + phrase.format(v=number)
                        + "。" + rng.choice(FILLER))
            sentences.append(sentence)
            fact_id += 1
            fact_rows.append((fact_id, doc_id, metric, float(value), unit, 0, place["name_zh"],
                              place["code"], place["name_zh"], place["name_en"], str(year - 1),
                              f"{number}", sentence, "text", "bench"))
        is_pdf = rng.random() < 0.1 and doc_id > 1
        doc_rows.append((
            doc_id, rng.choice(sources), f"http://example.gov.cn/{doc_id}.html",
            f"{county['name_zh']}{year - 1}年以工代赈工作情况（{doc_id}）", published,
            f"{county['name_zh']}发展和改革局", rng.choice(("zh", "zh", "zh", "en")),
            "application/pdf" if is_pdf else "text/html", f"sha{doc_id}",
            "\n".join(sentences), 1 if rng.random() < 0.9 else 0,
            doc_id - 1 if is_pdf else None, f"{published}T08:00:00+00:00", "bench"))
    with database.conn:
        database.conn.executemany(
            "insert into documents (id, source_id, url, title, published, publisher, lang, "
            "content_type, sha256, text, relevant, parent_id, fetched_at, extractor_version) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", doc_rows)
        database.conn.executemany(
            "insert into facts (id, document_id, metric, value, unit, approx, place, "
            "place_code, place_name_zh, place_name_en, year, span, sentence, origin, "
            "extractor_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            fact_rows)
        database.execute("insert into crawl_runs (started_at, finished_at, status) values "
                         "('2025-01-01T00:00:00+00:00', '2025-01-01T01:00:00+00:00', 'ok')")
    loaded = time.monotonic()
    summary = refresh_publication(database)
    database.table("schema_info").upsert({"key": "bench", "value": SCHEMA_MARK}, pk="key")
    database.execute("pragma wal_checkpoint(truncate)")
    database.close()
    return {"load_s": round(loaded - started, 1),
            "refresh_publication_s": round(time.monotonic() - loaded, 1),
            "figures": summary.figures, "conflicts": summary.conflicts}
