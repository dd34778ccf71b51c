"""DocumentWriter: a source's ``article_selector`` hint reaches extraction."""

from __future__ import annotations

from crawlers.documents import DocumentWriter
from crawlers.items import CapturedDocument
from crawlers.sources import Hints, Source
from db import open_db

PAGE = """<html><head><meta charset="utf-8"><title>安置点就业帮扶车间投产</title></head><body>
<article><p>专题推荐：一图读懂易地扶贫搬迁后续扶持政策，欢迎转发。</p></article>
<div class="xlnr"><p>2月26日，某安置点就业帮扶车间正式投产，首批吸纳搬迁群众86人就业。</p></div>
</body></html>""".encode()


def _store(tmp_path, selector: str | None) -> str:
    source = Source(id="demo", name="示范县", publisher=None, language="zh",
                    start_urls=["http://www.example.gov.cn/col/"],
                    allowed_domains=["www.example.gov.cn"], hints=Hints(article_selector=selector))
    db = open_db(tmp_path / f"{selector or 'none'}.db")
    writer = DocumentWriter(db, 1, {"demo": source})
    url = "http://www.example.gov.cn/col/202402/t20240226_9.html"
    item = CapturedDocument(kind="article", url=url, canonical_url=url, source_id="demo",
                            status=200, headers={}, body=PAGE)
    result = writer.write_article(item)
    return db.execute("select text from documents where id = ?", [result.document_id]
                      ).fetchone()[0]


def test_article_selector_hint_picks_the_body(tmp_path):
    assert "专题推荐" in _store(tmp_path, None)
    hinted = _store(tmp_path, "div.xlnr")
    assert "首批吸纳搬迁群众86人就业" in hinted and "专题推荐" not in hinted
