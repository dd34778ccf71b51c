"""List-page rules for Hanweb, VSB and query-string portals (no network)."""

from __future__ import annotations

from crawlers.listing import parse_listing
from crawlers.urls import canonicalize, in_column, looks_like_article, page_number, stem_page

BASE = "http://www.demo.gov.cn"


def listing(html: str, url: str, start: str | None = None):
    return parse_listing(html, url, start or url, lambda u: "demo.gov.cn" in u)


HANWEB = """<html><body><div id="5678"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&columnid=77&unitid=5">
</a>]]></nextgroup><recordset><record><![CDATA[<li><a href="/art/2024/4/11/art_77_1.html">甲</a>
<span>2024-04-11</span></li>]]></record>
</recordset></datastore></script></div>
<script>$('#5678').jpage({perPage: 10, groupSize: 2, totalRecord: 45});</script></body></html>"""


def test_hanweb_records_and_dataproxy_groups():
    page = listing(HANWEB, f"{BASE}/col/col77/index.html")
    assert page.articles == [f"{BASE}/art/2024/4/11/art_77_1.html"]
    proxy = f"{BASE}/module/web/jpage/dataproxy.jsp?startrecord="
    assert page.pages == [proxy + "21&endrecord=40&perpage=10&webid=1&columnid=77&unitid=5",
                          proxy + "41&endrecord=60&perpage=10&webid=1&columnid=77&unitid=5"]
    assert page.next_page == page.pages[0]
    second = listing(HANWEB, page.pages[0], f"{BASE}/col/col77/index.html")
    assert second.next_page == page.pages[1]
    assert listing(HANWEB, page.pages[1], f"{BASE}/col/col77/index.html").next_page is None


def test_vsb_pages_count_down_and_only_next_orders_them():
    start = f"{BASE}/xwzx/gzdt.htm"
    assert stem_page(f"{BASE}/xwzx/gzdt/2.htm", start) == 2
    assert stem_page(f"{BASE}/xwzx/tzgg/2.htm", start) is None
    html = ('<div><span class="p_no"><a href="gzdt/1.htm">3</a></span>'
            '<span class="p_next p_fun"><a href="gzdt/2.htm">下页</a></span></div>')
    page = listing(html, start)
    assert page.next_page == f"{BASE}/xwzx/gzdt/2.htm"
    assert set(page.pages) == {f"{BASE}/xwzx/gzdt/1.htm", f"{BASE}/xwzx/gzdt/2.htm"}


def test_query_named_columns_and_endless_next_links():
    start = f"{BASE}/news/list.aspx?cid=12"
    assert in_column(f"{BASE}/news/list.aspx?cid=12&page=2", start)
    assert not in_column(f"{BASE}/news/list.aspx?cid=13&page=2", start)
    assert not in_column(f"{BASE}/news/other.aspx?page=2", start)
    html = ('<a href="list.aspx?cid=12&page=3&rnd=9">下一页</a>'
            '<a href="list.aspx?cid=13&page=2">更多</a>')
    page = listing(html, f"{BASE}/news/list.aspx?cid=12&page=3", start)
    assert page.pages == [] and page.next_page is None


def test_article_shapes_print_copies_and_side_boxes():
    assert looks_like_article(f"{BASE}/news/show-12-3456.html")
    assert page_number(f"{BASE}/list-12-3.html") == 3
    assert in_column(f"{BASE}/list-12-3.html", f"{BASE}/list-12-1.html")
    assert not in_column(f"{BASE}/list-13-3.html", f"{BASE}/list-12-1.html")
    assert canonicalize(f"{BASE}/show-1-234.html?print=1") == canonicalize(
        f"{BASE}/show-1-234.html")
    html = ('<div class="headline"><a href="show-1-234.html?print=1">甲</a></div>'
            '<div class="box hot-news"><ul><li><a href="show-9-888.html">乙</a> 2024-03-01</li>'
            '</ul></div><aside><a href="show-9-889.html">丙</a></aside>')
    page = listing(html, f"{BASE}/news/list.aspx?cid=1")
    assert page.articles == [f"{BASE}/news/show-1-234.html"]
