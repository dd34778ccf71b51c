"""Title, publication date and publisher of HTML articles."""

from __future__ import annotations

import pytest

from extract import extract_article

URL = "http://www.example.gov.cn/xwzx/bmdt/index.html"
BODY = (
    '<div class="TRS_Editor"><p>全县今年实施以工代赈项目12个，带动群众务工860人，'
    "发放劳务报酬530万元。</p></div>"
)


def article(head: str = "", before_body: str = "", after_body: str = "", url: str = URL):
    markup = (
        f"<html><head><meta charset='utf-8'>{head}</head><body>"
        f"{before_body}{BODY}{after_body}</body></html>"
    )
    return extract_article(markup.encode("utf-8"), url)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta name="PubDate" content="2024-01-16 09:30">', "2024-01-16"),
        ('<meta name="publishdate" content="2023-12-05">', "2023-12-05"),
        ('<meta property="article:published_time" content="2022-08-12T10:03:00+08:00">',
         "2022-08-12"),
        ('<meta name="firstpublishedtime" content="2021-06-30-08:15:02">', "2021-06-30"),
    ],
)
def test_date_from_meta(head, expected):
    assert article(head).published == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<div class='info'>发布时间：2024-01-16 09:30　来源：本站</div>", "2024-01-16"),
        ("<p class='msg'><span>日期：</span><span>2023年11月8日</span></p>", "2023-11-08"),
        ("<div>发布日期：2023/3/7</div>", "2023-03-07"),
        ("<div class='xx'>时间：2022.05.20</div>", "2022-05-20"),
        ("<div class='info'>Updated: 2022-08-12 <a href='#'>Print</a></div>", "2022-08-12"),
        ("<div class='byline'>Published: Oct 29, 2020</div>", "2020-10-29"),
    ],
)
def test_date_from_visible_line(line, expected):
    assert article(before_body=f"<h1>标题</h1>{line}").published == expected


def test_related_list_sidebar_and_footer_dates_are_ignored():
    sidebar = (
        "<div class='left-side'><ul><li><a href='/a.html'>往期新闻</a> 发布时间：2023-01-02</li>"
        "</ul></div>"
    )
    related = (
        "<div class='xgwz'><ul><li><a href='/b.html'>相关文章</a><span>2023-02-03</span></li>"
        "</ul></div>"
    )
    footer = "<div class='footer'>更新时间：2024-12-31</div>"
    found = article(before_body=sidebar + "<div>发布时间：2024-01-16</div>",
                    after_body=related + footer)
    assert found.published == "2024-01-16"


def test_list_dates_alone_give_no_date():
    related = (
        "<ul class='list'><li><a href='/b.html'>旧闻</a><span>日期：2023-02-03</span></li></ul>"
    )
    assert article(after_body=related).published is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.xxz.gov.cn/zwgk/202401/t20240116_2012345.html", "2024-01-16"),
        ("http://guangxi.chinadaily.com.cn/hechi/2022-08/12/c_801.htm", "2022-08-12"),
        ("https://www.chinadaily.com.cn/a/202208/12/WS62f5.html", "2022-08-12"),
    ],
)
def test_date_from_url_as_last_resort(url, expected):
    assert article(url=url).published == expected


def test_meta_date_beats_url_date():
    found = article('<meta name="PubDate" content="2024-02-01">',
                    url="http://x.gov.cn/202401/t20240116_1.html")
    assert found.published == "2024-02-01"


@pytest.mark.parametrize(
    ("head", "before", "expected"),
    [
        ('<meta name="ArticleTitle" content="以工代赈助力乡村振兴">', "", "以工代赈助力乡村振兴"),
        ('<meta property="og:title" content="搬迁群众就业有保障">', "", "搬迁群众就业有保障"),
        ("<title>县里开工12个项目 - 湘西州人民政府</title>",
         "<div class='title'>县里开工12个项目</div>", "县里开工12个项目"),
        ("<title>x</title>", "<h1 class='title'>帮扶车间吸纳就业</h1>", "帮扶车间吸纳就业"),
        ("", "<div class='article-title'>劳务报酬按时发放</div>", "劳务报酬按时发放"),
        ("", "<span id='title'>安置区新建车间6个</span>", "安置区新建车间6个"),
        ("<title>河池推进后续扶持工作_河池市人民政府门户网站</title>", "", "河池推进后续扶持工作"),
        ("<title>Hechi boosts rural jobs|China Daily</title>", "", "Hechi boosts rural jobs"),
        ("<title>湘西州以工代赈现场会 - 湘西州人民政府</title>", "", "湘西州以工代赈现场会"),
    ],
)
def test_title_sources(head, before, expected):
    assert article(head, before).title == expected


def test_site_logo_heading_is_not_the_title():
    head = "<title>保靖县发放劳务报酬642万元 - 湘西州人民政府</title>"
    before = (
        "<h1><a href='/'>湘西州人民政府</a></h1><div class='title'>保靖县发放劳务报酬642万元</div>"
    )
    assert article(head, before).title == "保靖县发放劳务报酬642万元"


@pytest.mark.parametrize(
    ("head", "before", "expected"),
    [
        ('<meta name="ContentSource" content="湘西州发改委">', "", "湘西州发改委"),
        ("", "<div class='info'>发布时间：2024-01-16　来源：花垣县人民政府　作者：李明</div>",
         "花垣县人民政府"),
        ("", "<p><span>来源：</span><span>河池日报</span></p>", "河池日报"),
        ("", "<div class='info'>Source: Xinhua | Updated: 2024-09-29</div>", "Xinhua"),
        ('<meta property="og:site_name" content="China Daily">', "", "China Daily"),
        ('<meta name="SiteName" content="湘西土家族苗族自治州人民政府">', "",
         "湘西土家族苗族自治州人民政府"),
    ],
)
def test_publisher_sources(head, before, expected):
    assert article(head, before).publisher == expected


def test_funding_source_in_text_is_not_the_publisher():
    body_line = "<div class='TRS_Editor'><p>资金来源：中央预算内投资</p></div>"
    assert article(before_body=body_line).publisher is None
