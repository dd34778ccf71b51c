"""Absolute links of a page and the attachments of its article."""

from __future__ import annotations

from extract import extract_article

NDRC_URL = "https://www.ndrc.gov.cn/xwdt/dt/dfdt/202404/t20240411_1365432.html"


def test_relative_trs_attachment_resolves_against_page_url(fixture_bytes):
    found = extract_article(
        fixture_bytes("trs_gbk_article.html"),
        "http://www.xxz.gov.cn/zwgk/bmdt/202401/t20240116_2012345.html",
    )
    assert found.attachments == [
        "http://www.xxz.gov.cn/zwgk/bmdt/202401/P020240116391847562301.pdf"
    ]


def test_all_links_are_absolute_and_include_related_articles(fixture_bytes):
    url = "http://www.xxz.gov.cn/zwgk/bmdt/202401/t20240116_2012345.html"
    links = extract_article(fixture_bytes("trs_gbk_article.html"), url).links
    assert "http://www.xxz.gov.cn/zwgk/bmdt/202401/t20231128_2091234.html" in links
    assert "http://www.xxz.gov.cn/zwgk/bmdt/" in links  # "../" from the breadcrumb
    assert "https://beian.miit.gov.cn/" in links
    assert all(link.startswith(("http://", "https://")) for link in links)
    assert not any("javascript" in link or "#" in link for link in links)
    assert len(links) == len(set(links))


def test_attachment_block_and_base_href(fixture_bytes):
    found = extract_article(fixture_bytes("ndrc_attachment.html"), NDRC_URL)
    assert found.attachments == [
        "https://www.ndrc.gov.cn/xwdt/dt/dfdt/202404/P020240411583261407512.pdf",
        "https://www.ndrc.gov.cn/xwdt/dt/dfdt/202404/P020240411583261407513.docx",
    ]
    assert "https://www.ndrc.gov.cn/fggz/zcfg/202403/P020240301000000000001.pdf" in found.links
    assert found.published == "2024-04-11"
    assert found.publisher == "地区振兴司"


def test_base_href_applies_to_all_links():
    markup = (
        "<html><head><base href='http://cdn.example.gov.cn/doc/'></head><body>"
        "<div id='zoom'><p>附件下载，详见以下文件内容说明。</p>"
        "<a href='a/b.xlsx'>项目表</a><a href='/root.doc'>说明</a></div></body></html>"
    )
    found = extract_article(markup.encode("utf-8"), "http://www.example.gov.cn/x/y.html")
    assert found.attachments == [
        "http://cdn.example.gov.cn/doc/a/b.xlsx",
        "http://cdn.example.gov.cn/root.doc",
    ]


def test_attachment_labelled_links_outside_the_body():
    markup = (
        "<html><body><div class='TRS_Editor'><p>全年共发放劳务报酬4160万元，详见附件。</p></div>"
        "<div class='fj'>附件：<a href='./download.jsp?id=77'>项目清单</a></div>"
        "<div class='right'><a href='/other/old.html'>往期</a></div></body></html>"
    )
    found = extract_article(markup.encode("utf-8"), "http://x.gov.cn/a/t1.html")
    assert found.attachments == ["http://x.gov.cn/a/download.jsp?id=77"]
