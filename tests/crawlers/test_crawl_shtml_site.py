"""Real crawl of the GBK .shtml provincial-DRC fixture site (no charset declared anywhere)."""

from __future__ import annotations

import pytest

from .sitecrawl import crawl_site

COLUMN = "/fzgggz/gzdt/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return crawl_site(tmp_path_factory, "shtml_drc", COLUMN + "index.shtml")


def test_pages_followed_and_articles_stored_once_in_chinese(site):
    lists = {r for r in site.requests if r.startswith(COLUMN) and "/2024" not in r}
    assert lists == {COLUMN + "index.shtml", COLUMN + "index_2.shtml", COLUMN + "index_3.shtml"}
    docs = site.by_path()
    assert len(docs) == 10 and all(p.startswith(COLUMN + "202404/t202404") for p in docs)
    articles = [r for r in site.requests if r.startswith(COLUMN + "202404/")]
    assert len(articles) == len(set(articles)) == 10
    assert all(d["title"].startswith("示范省") and "\ufffd" not in d["text"]
               for d in docs.values())


def test_no_other_section_is_crawled(site):
    assert not any(r.startswith(("/fzgggz/tzgg/", "/fzgggz/zcjd/", "/wzdt/"))
                   for r in site.requests)
    assert site.summary.errors == 0


def test_dates_and_publishers(site):
    docs = site.by_path()
    line = docs[COLUMN + "202404/t20240420_1234568.shtml"]  # URL a day later than the page
    assert line["published"] == "2024-04-19" and line["publisher"] == "省发展改革委"
    assert line["title"] == "示范省以工代赈项目带动三百余名群众就近务工"
    labelled = docs[COLUMN + "202404/t20240417_1234570.shtml"]
    assert labelled["published"] == "2024-04-17"
    assert labelled["publisher"] == "省发展改革委地区振兴处"
    for doc in docs.values():
        assert doc["text"].split("\n")[2].startswith("近日") and "相关链接" not in doc["text"]
