"""Garbage in, no crash out: only ExtractionError may escape, and only from extract_pdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import ExtractionError, extract_article, extract_pdf

FIXTURES = Path(__file__).parents[1] / "fixtures" / "extract"
TRS_PAGE = (FIXTURES / "trs_gbk_article.html").read_bytes()
BULLETIN = (FIXTURES / "bulletin_table.pdf").read_bytes()
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

html_like = st.lists(
    st.sampled_from(["<div class='TRS_Editor'>", "<p>", "</p>", "<table><tr><td>", "<meta ",
                     "charset=gbk>", "发布时间：", "2024-13-45", "来源：", "<a href='", "附件",
                     "\x00", "\ufffd", "<title>", "</", ">", "<br>", "　"])
    | st.text(max_size=20),
    max_size=40,
).map("".join)


@FAST
@given(st.binary(max_size=3000))
def test_random_bytes_never_break_extract_article(body):
    found = extract_article(body, "http://x.gov.cn/a/t20240116_1.html")
    assert isinstance(found.text, str)


@FAST
@given(html_like, st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_html_like_noise_never_breaks_extract_article(markup, codec):
    found = extract_article(markup.encode(codec, "replace"), "http://x.gov.cn/")
    assert isinstance(found.links, list)


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes_only_raise_extraction_error_from_extract_pdf(body):
    try:
        extract_pdf(body)
    except ExtractionError:
        pass


@FAST
@given(st.integers(0, len(BULLETIN)), st.binary(min_size=1, max_size=64))
def test_damaged_pdfs_only_raise_extraction_error(offset, junk):
    damaged = BULLETIN[:offset] + junk + BULLETIN[offset + len(junk) :]
    try:
        content = extract_pdf(damaged)
    except ExtractionError:
        return
    assert isinstance(content.text, str)


MID_BODY = TRS_PAGE.index("劳务报酬4160".encode("gbk")) + 3  # inside a two-byte character


@pytest.mark.parametrize("cut", [0, 1, 100, 700, 2000])
def test_truncated_html_never_fails(cut):
    found = extract_article(TRS_PAGE[:cut], "http://www.xxz.gov.cn/a/t20240116_1.html")
    assert found.url == "http://www.xxz.gov.cn/a/t20240116_1.html"


def test_page_truncated_mid_body_keeps_what_arrived():
    found = extract_article(TRS_PAGE[:MID_BODY], "http://www.xxz.gov.cn/a/t20240116_1.html")
    assert found.title == "湘西州召开以工代赈工作现场推进会"
    assert found.published == "2024-01-16"
    assert "全州以工代赈工作现场推进会在花垣县召开" in found.text
    assert "\ufffd" not in found.text


def test_empty_body_gives_an_empty_article():
    found = extract_article(b"", "http://x.gov.cn/")
    assert (found.title, found.text, found.links) == (None, "", [])


def test_binary_body_gives_an_article():
    found = extract_article(bytes(range(256)) * 20, "http://x.gov.cn/")
    assert found.url == "http://x.gov.cn/"


def _deep_page(opening: str, closing: str, depth: int) -> bytes:
    return ("<html><head><title>深层嵌套的页面</title></head><body>" + opening * depth
            + "<p>以工代赈项目吸纳群众务工1200人。</p>" + closing * depth
            + "<p>全年发放劳务报酬860万元。</p></body></html>").encode("utf-8")


@pytest.mark.parametrize("depth", [300, 3000])
def test_text_inside_very_deep_nesting_is_kept(depth):
    from extract import extract_article

    article = extract_article(_deep_page("<div>", "</div>", depth),
                              "http://x.gov.cn/a/t20240101_1.html",
                              {"Content-Type": "text/html; charset=utf-8"})
    assert "吸纳群众务工1200人" in article.text and "劳务报酬860万元" in article.text


def test_hundreds_of_unclosed_font_tags_keep_every_paragraph():
    from extract import extract_article

    body = "".join(f"<p><font size=3>第{i}段：发放劳务报酬{i}万元。" for i in range(600))
    page = f"<html><body><div class='TRS_Editor'>{body}</div></body></html>".encode()
    article = extract_article(page, "http://x.gov.cn/a/t20240101_2.html",
                              {"Content-Type": "text/html; charset=utf-8"})
    assert "第0段" in article.text and "第599段：发放劳务报酬599万元" in article.text
