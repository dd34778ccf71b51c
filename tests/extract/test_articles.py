"""Whole saved pages: body text, boilerplate removal, text layout, language, encodings."""

from __future__ import annotations

import pytest

from extract import extract_article

XXZ_URL = "http://www.xxz.gov.cn/zwgk/bmdt/202401/t20240116_2012345.html"


def test_trs_gbk_article(fixture_bytes):
    found = extract_article(fixture_bytes("trs_gbk_article.html"), XXZ_URL)
    assert found.encoding == "gb18030"
    assert found.title == "湘西州召开以工代赈工作现场推进会"
    assert found.published == "2024-01-16"
    assert found.publisher == "湘西州发展和改革委员会"
    assert found.lang == "zh"
    lines = found.text.split("\n")
    assert lines[:2] == ["湘西州召开以工代赈工作现场推进会", "2024-01-16"]
    assert lines[2].startswith("1月15日，全州以工代赈工作现场推进会")
    assert "发放劳务报酬4160万元" in found.text
    assert "确保劳务报酬按时足额发放。" in found.text  # inline <strong> stays in its paragraph


def test_trs_table_rows_are_cells_joined_with_bars(fixture_bytes):
    text = extract_article(fixture_bytes("trs_gbk_article.html"), XXZ_URL).text
    assert "县市 | 项目数（个） | 带动务工（人） | 劳务报酬（万元）" in text.split("\n")
    assert "花垣县 | 9 | 1210 | 865" in text.split("\n")


@pytest.mark.parametrize(
    "noise",
    ["首页", "当前位置", "分享到", "打印本页", "关闭窗口", "相关文章", "龙山县以工代赈项目全面开工",
     "ICP备", "公网安备", "版权所有", "网站标识码", "字体", "pubDate", "TRS_Editor P"],
)
def test_trs_boilerplate_is_left_out(fixture_bytes, noise):
    assert noise not in extract_article(fixture_bytes("trs_gbk_article.html"), XXZ_URL).text


def test_page_without_charset_and_with_sidebar_dates(fixture_bytes):
    found = extract_article(fixture_bytes("hechi_no_charset.html"), "http://www.hechi.gov.cn/a.html")
    assert found.encoding == "gb18030"
    assert found.title == "河池市推进易地扶贫搬迁后续扶持工作"
    assert found.published == "2023-11-08"
    assert found.publisher == "河池市发展和改革委员会"
    assert "惠及搬迁群众2.26万户11.22万人" in found.text
    for noise in ("东兰县召开就业帮扶推进会", "浏览次数", "打印", "返回", "ICP备"):
        assert noise not in found.text


@pytest.mark.parametrize("header", ["text/html; charset=UTF-8", "text/html; charset=ISO-8859-1"])
def test_wrong_header_charset(fixture_bytes, header):
    found = extract_article(
        fixture_bytes("hechi_no_charset.html"), "http://x.gov.cn/", {"content-type": header}
    )
    assert found.title == "河池市推进易地扶贫搬迁后续扶持工作"


def test_meta_gb2312_page_with_gb18030_only_characters(fixture_bytes):
    found = extract_article(
        fixture_bytes("gb18030_wrong_meta.html"),
        "http://fgw.qxn.gov.cn/xxgk/202403/t20240305_1.html",
        {"Content-Type": "text/html; charset=utf-8"},
    )
    assert "项目负责人王䶮介绍" in found.text
    assert "石𬌗村村民" in found.text
    assert found.published == "2024-03-05"
    assert found.publisher == "黔西南州发展和改革委员会"
    assert found.title == "黔西南州以工代赈项目带动群众家门口就业"


def test_china_daily_english_article(fixture_bytes):
    found = extract_article(
        fixture_bytes("chinadaily_en.html"),
        "http://guangxi.chinadaily.com.cn/hechi/2022-08/12/c_803311.htm",
    )
    assert found.title == "Hechi steps up support for relocated residents"
    assert found.published == "2022-08-12"
    assert found.publisher == "China Daily"
    assert found.lang == "en"
    assert found.text.startswith("Hechi steps up support for relocated residents\n2022-08-12\n")
    assert "reaching 22,600 households and 112,200 people" in found.text
    for noise in ("Print", "Related stories", "Silk industry", "Copyright", "nav search",
                  "Language Tips"):
        assert noise not in found.text


def test_trafilatura_fallback_when_markup_is_unknown(fixture_bytes):
    found = extract_article(fixture_bytes("trafilatura_only.html"), "https://www.example.com/a/9")
    assert "吸纳搬迁群众就业520人" in found.text
    assert "日子越过越有奔头" in found.text
    assert "热点推荐" not in found.text and "财经" not in found.text
    assert found.title == "就业帮扶车间带富一方群众"
    assert found.published == "2023-09-14"


@pytest.mark.parametrize(
    "container",
    [
        "<div class='TRS_UEDITOR trs_paper_default'>{}</div>",
        "<div id='zoom'>{}</div>",
        "<div class='pages_content' id='UCAP-CONTENT'>{}</div>",
        "<div class='article-content'>{}</div>",
        "<div id='Content'>{}</div>",
        "<div itemprop='articleBody'>{}</div>",
        "<article>{}</article>",
        "<div class='view TRS_UEDITOR'>{}</div>",
    ],
)
def test_known_body_markup(container):
    paragraphs = "<p>搬迁群众就业率稳定在95%以上。</p><p>新建帮扶车间12个。</p>"
    noise = "<div class='nav'><a href='/'>首页</a><a href='/a'>机构</a></div>"
    markup = f"<html><body>{noise}<h1>标题</h1>{container.format(paragraphs)}</body></html>"
    found = extract_article(markup.encode("utf-8"), "http://x.gov.cn/")
    assert found.text.split("\n")[-2:] == ["搬迁群众就业率稳定在95%以上。", "新建帮扶车间12个。"]
    assert "首页" not in found.text


def test_mixed_language_page():
    markup = (
        "<html><body><article><p>以工代赈 work-for-relief 项目带动 local villagers 就业，"
        "paying wages of 1.5 million yuan 劳务报酬。</p></article></body></html>"
    )
    assert extract_article(markup.encode("utf-8"), "http://x.cn/").lang == "mixed"


def test_title_and_byline_inside_the_body_container_are_not_repeated():
    markup = (
        "<html><head><title>安置区帮扶车间吸纳就业 - 某县人民政府</title></head><body>"
        "<div class='pages_content'><h1>安置区帮扶车间吸纳就业</h1>"
        "<p>2024-05-06 10:20 某县融媒体中心</p>"
        "<p>安置区帮扶车间今年吸纳搬迁群众就业320人。</p>"
        "<p>车间负责人说，2024-05-01起新增订单两批。</p></div></body></html>"
    )
    found = extract_article(markup.encode("utf-8"), "http://x.gov.cn/a.html")
    assert found.published == "2024-05-06"
    assert found.text.split("\n") == [
        "安置区帮扶车间吸纳就业",
        "2024-05-06",
        "安置区帮扶车间今年吸纳搬迁群众就业320人。",
        "车间负责人说，2024-05-01起新增订单两批。",
    ]
