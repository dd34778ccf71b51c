"""Real crawl of the VSB (博达) fixture site: count-down page files and two article templates."""

from __future__ import annotations

import pytest

from .sitecrawl import crawl_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return crawl_site(tmp_path_factory, "vsb_univ", "/xwzx/gzdt.htm")


def test_all_three_pages_are_read_and_every_article_stored_once(site):
    lists = [r for r in site.requests if r.startswith("/xwzx/")]
    assert sorted(lists) == ["/xwzx/gzdt.htm", "/xwzx/gzdt/1.htm", "/xwzx/gzdt/2.htm"]
    docs = site.by_path()
    assert sorted(docs) == sorted(f"/info/1123/{45678 - n}.htm" for n in range(11))
    articles = [r for r in site.requests if r.startswith("/info/")]
    assert len(articles) == len(set(articles)) == 11


def test_other_sections_and_sites_are_not_crawled(site):
    assert not any(r.startswith(("/info/1124/", "/xwzx/tzgg", "/xwzx/xsdt", "/index.htm"))
                   for r in site.requests)


def test_new_template_metadata(site):
    doc = site.by_path()["/info/1123/45678.htm"]
    assert doc["title"] == "示范大学春季就业援助月专场招聘会在市人才市场举行"
    assert doc["published"] == "2024-04-20" and doc["publisher"] == "党委宣传部"
    assert doc["text"].split("\n")[2].startswith("近日") and "点击数" not in doc["text"]


def test_old_table_template_metadata(site):
    doc = site.by_path()["/info/1123/45676.htm"]  # titlestyle/timestyle, no date label
    assert doc["title"] == "示范大学易地搬迁安置点新建社区工厂投产"
    assert doc["published"] == "2024-04-18" and doc["publisher"] == "招生就业处"
    assert doc["text"].split("\n")[2].startswith("近日") and "示范大学新闻网" not in doc["title"]
    assert site.summary.errors == 0
