"""Real crawl of the Hanweb (大汉 jcms) fixture site: datastore records and dataproxy pages."""

from __future__ import annotations

import pytest

from .sitecrawl import crawl_site

PROXY = "/module/web/jpage/dataproxy.jsp?"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return crawl_site(tmp_path_factory, "hanweb_gov", "/col/col1234/index.html")


def test_every_record_of_every_group_is_stored_once(site):
    docs = site.by_path()
    assert len(docs) == 13  # 14 records, one of them 404
    assert all(p.startswith("/art/2024/4/") and "art_1234_" in p for p in docs)
    articles = [r for r in site.requests if r.startswith("/art/")]
    assert len(articles) == len(set(articles)) == 14


def test_pagination_walks_the_dataproxy_groups_and_nothing_else(site):
    proxies = [r for r in site.requests if r.startswith(PROXY)]
    assert sorted(r.split("&")[0] for r in proxies) == [PROXY + "startrecord=13",
                                                        PROXY + "startrecord=7"]
    assert all("columnid=1234" in r and "perpage=3" in r for r in proxies)
    assert not any("art_999_" in r or "art_1000_" in r or r.startswith("/col/col9")
                   or r.startswith("/col/col10") for r in site.requests)


def test_metadata_from_hanweb_metas_and_info_line(site):
    docs = site.by_path()
    first = docs["/art/2024/4/20/art_1234_567890.html"]
    assert first["title"] == "示范市春季就业援助月专场招聘会在市人才市场举行"
    assert first["published"] == "2024-04-20" and first["publisher"] == "示范市人社局"
    no_meta = docs["/art/2024/4/19/art_1234_567891.html"]  # source only in 信息来源：
    assert no_meta["publisher"] == "示范市发改局" and no_meta["published"] == "2024-04-19"
    for doc in docs.values():
        assert doc["text"].split("\n")[2].startswith("近日") and "热点关注" not in doc["text"]
        assert "浏览次数" not in doc["text"] and "打印" not in doc["text"]


def test_the_missing_article_is_an_error(site):
    assert site.errors() == {("/art/2024/4/11/art_1234_567899.html", "http", 404)}
    assert site.summary.errors == 1
