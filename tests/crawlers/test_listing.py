"""List-page reading: article links, pagination styles, column scope, canonical URLs."""

from __future__ import annotations

import pytest

from crawlers.listing import create_page_links, parse_listing
from crawlers.urls import canonicalize, column_prefix, in_column, looks_like_article

BASE = "http://www.demo.gov.cn"


def listing(html: str, url: str = f"{BASE}/zwgk/gzdt/index.html", start: str | None = None,
            selector: str | None = None):
    return parse_listing(html, url, start or url, lambda u: "demo.gov.cn" in u, selector)


@pytest.mark.parametrize("url", [
    f"{BASE}/zwgk/gzdt/202401/t20240116_123.html",
    "http://www.chinadaily.com.cn/a/202401/16/WS65a5e1f3a3105f21a507c1a5.html",
    f"{BASE}/col/content_123.htm",
    f"{BASE}/news/zj/2019/05/1513126.shtml",
    f"{BASE}/sjfb/tjgb/t5262661.shtml",
    f"{BASE}/art/2024/1/16/art_1234_567.html",
    f"{BASE}/info/1023/4567.htm",
    f"{BASE}/guangxi/guilin/2025-08/26/c_1119349.htm",
    f"{BASE}/show.aspx?id=42",
])
def test_article_url_shapes(url):
    assert looks_like_article(url)


@pytest.mark.parametrize("url", [
    f"{BASE}/zwgk/gzdt/index_2.html", f"{BASE}/zwgk/gzdt/", f"{BASE}/about.html",
    f"{BASE}/col/?page=3", f"{BASE}/images/2024/01/123456.jpg",
])
def test_non_article_url_shapes(url):
    assert not looks_like_article(url)


def test_canonical_urls_merge_index_file_fragment_and_tracking_parameters():
    assert canonicalize(f"{BASE}/zwgk/index.html#top") == canonicalize(f"{BASE}/zwgk/")
    assert canonicalize(f"{BASE}/a.html?b=2&utm_source=x&a=1") == f"{BASE}/a.html?a=1&b=2"
    assert canonicalize(f"{BASE}/col/?page=2") != canonicalize(f"{BASE}/col/?page=3")


def test_column_scope_is_the_start_urls_directory():
    assert column_prefix(f"{BASE}/zwgk/gzdt/index.html") == "/zwgk/gzdt/"
    assert in_column(f"{BASE}/zwgk/gzdt/index_3.html", f"{BASE}/zwgk/gzdt/")
    assert not in_column(f"{BASE}/zwgk/tzgg/index_1.html", f"{BASE}/zwgk/gzdt/")
    assert not in_column("http://other.gov.cn/zwgk/gzdt/index_1.html", f"{BASE}/zwgk/gzdt/")


TRS = """<html><body><ul class="list">
<li><a href="./202401/t20240116_1.html">以工代赈项目开工</a><span>2024-01-16</span></li>
<li><a href="../../other/notice.html">通知</a><span>2024-01-15</span></li>
</ul><div class="page"><script>
var currentPage = 0; var countPage = 4;
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){ }
createPageHTML(countPage, currentPage, "index", "html");
</script></div></body></html>"""


def test_trs_create_page_html_pages_without_anchor_links():
    result = listing(TRS)
    assert result.pages == [f"{BASE}/zwgk/gzdt/index_{n}.html" for n in (1, 2, 3)]
    assert result.next_page == f"{BASE}/zwgk/gzdt/index_1.html"
    later = listing(TRS, url=f"{BASE}/zwgk/gzdt/index_2.html", start=f"{BASE}/zwgk/gzdt/")
    assert later.next_page == f"{BASE}/zwgk/gzdt/index_3.html"


def test_create_page_html_with_literal_arguments_and_a_div_id():
    pages, following = create_page_links(
        "<script>createPageHTML('page_div', 3, 0, 'list', 'shtml', 57);</script>",
        f"{BASE}/col/list.shtml")
    assert pages == [f"{BASE}/col/list.shtml", f"{BASE}/col/list_1.shtml",
                     f"{BASE}/col/list_2.shtml"]
    assert following == f"{BASE}/col/list_1.shtml"


def test_articles_by_shape_and_by_dated_list_item():
    html = """<html><body><ul>
    <li><a href="/zwgk/gzdt/202401/t20240116_1.html">A</a></li>
    <li><a href="/zwgk/gzdt/detail-story.html">B</a><span class="date">[2024-01-15]</span></li>
    <li><a href="/zwgk/gzdt/about.html">no date, no shape</a></li>
    </ul><a href="/files/bulletin.PDF">bulletin</a></body></html>"""
    result = listing(html)
    assert result.articles == [f"{BASE}/zwgk/gzdt/202401/t20240116_1.html",
                               f"{BASE}/zwgk/gzdt/detail-story.html"]
    assert result.attachments == [f"{BASE}/files/bulletin.PDF"]


def test_navigation_header_and_footer_links_are_ignored():
    html = """<html><body><div class="nav"><a href="/x/202401/t20240101_9.html">nav</a></div>
    <header><a href="/y/202401/t20240101_8.html">head</a></header>
    <div id="footer"><a href="/z/202401/t20240101_7.html">foot</a></div>
    <ul><li><a href="./202401/t20240116_1.html">real</a></li></ul></body></html>"""
    assert listing(html).articles == [f"{BASE}/zwgk/gzdt/202401/t20240116_1.html"]


@pytest.mark.parametrize("pager, expected", [
    ('<a href="index_1.html">下一页</a><a href="index_9.html">尾页</a>', "index_1.html"),
    ('<a href="page_2.html">2</a> <a href="page_2.html">Next</a>', "page_2.html"),
    ('<a href="?page=2">2</a><a href="?page=3">3</a>', "?page=2"),
    ('<a rel="next" href="more_2.html">›</a>', "more_2.html"),
])
def test_next_page_styles(pager, expected):
    html = f"<html><body><div class='pages'>{pager}</div></body></html>"
    result = listing(html, url=f"{BASE}/zwgk/gzdt/", start=f"{BASE}/zwgk/gzdt/")
    assert result.next_page == f"{BASE}/zwgk/gzdt/{expected}"


def test_pagination_never_leaves_the_column():
    html = '<a href="/zwgk/tzgg/index_1.html">下一页</a><a href="/zwgk/gzdt/index_1.html">2</a>'
    result = listing(f"<html><body>{html}</body></html>")
    assert result.pages == [f"{BASE}/zwgk/gzdt/index_1.html"]


def test_list_item_selector_hint_restricts_article_links():
    html = """<html><body><div class="hot"><a href="/a/202401/t20240101_1.html">hot</a></div>
    <div class="list"><a href="/zwgk/gzdt/202401/t20240116_2.html">listed</a></div></body></html>"""
    result = listing(html, selector="div.list a")
    assert result.articles == [f"{BASE}/zwgk/gzdt/202401/t20240116_2.html"]


def test_garbage_html_gives_an_empty_listing():
    result = listing("")
    assert result.articles == [] and result.pages == [] and result.next_page is None


SIDE_BOX_FIRST = """<html><body>
<div class="side-box hot-recommend"><h3>热点推荐</h3><ul>
<li><a href="./202405/t20240520_501.html">最新一条</a></li>
<li><a href="./202405/t20240519_500.html?from=hot">次新一条</a></li></ul></div>
<div class="box"><h3>图片新闻</h3><ul>
<li><a href="./202405/t20240520_501.html?from=tpxw">最新一条</a></li>
<li><a href="/xwzx/tpxw/202405/t20240518_88.html">别的栏目的图片</a></li></ul></div>
<div class="list"><ul>
<li><a href="./202405/t20240520_501.html">最新一条</a><span>2024-05-20</span></li>
<li><a href="./202405/t20240519_500.html">次新一条</a><span>2024-05-19</span></li>
<li><a href="./202405/t20240518_499.html">第三条</a><span>2024-05-18</span></li>
</ul></div></body></html>"""


def test_a_side_box_before_the_list_does_not_hide_the_newest_articles():
    found = listing(SIDE_BOX_FIRST)
    assert found.articles == [f"{BASE}/zwgk/gzdt/202405/t20240520_501.html",
                              f"{BASE}/zwgk/gzdt/202405/t20240519_500.html",
                              f"{BASE}/zwgk/gzdt/202405/t20240518_499.html"]


def test_a_headed_box_that_is_the_whole_list_still_counts():
    page = """<html><body><div class="box"><h3>图片新闻</h3><ul>
<li><a href="./202405/t20240520_7.html?from=tpxw">一张照片</a><span>2024-05-20</span></li>
<li><a href="./202405/t20240519_6.html">又一张</a><span>2024-05-19</span></li></ul></div>
</body></html>"""
    assert listing(page).articles == [f"{BASE}/zwgk/gzdt/202405/t20240520_7.html",
                                      f"{BASE}/zwgk/gzdt/202405/t20240519_6.html"]
