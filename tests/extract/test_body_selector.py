"""``extract_article(..., body_selector=...)``: a source's CSS hint for the body element."""

from __future__ import annotations

from extract import extract_article

URL = "http://www.example.gov.cn/col/202403/t20240305_77.html"
PAGE = """<html><head><meta charset="utf-8"><title>某县召开以工代赈推进会</title></head><body>
<article class="promo"><p>专题推荐：一图读懂本县乡村振兴十大举措，欢迎关注。</p>
</article>
<div class="zwnr"><p>3月4日，某县召开以工代赈项目推进会。</p>
<p>今年全县实施以工代赈项目12个，带动当地群众务工1500余人。</p></div>
</body></html>""".encode()


def test_selector_picks_the_body_the_built_in_rules_miss():
    plain = extract_article(PAGE, URL)
    assert "专题推荐" in plain.text and "带动当地群众务工" not in plain.text
    hinted = extract_article(PAGE, URL, body_selector="div.zwnr")
    assert "带动当地群众务工1500余人" in hinted.text and "专题推荐" not in hinted.text
    assert hinted.title == plain.title == "某县召开以工代赈推进会"


def test_selector_that_matches_nothing_or_is_invalid_falls_back_to_the_rules():
    plain = extract_article(PAGE, URL).text
    assert extract_article(PAGE, URL, body_selector="div.TRS_Editor").text == plain
    assert extract_article(PAGE, URL, body_selector="div[[").text == plain
