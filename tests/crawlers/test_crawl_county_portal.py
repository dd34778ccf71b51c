"""Real crawl of the county news-portal fixture site: query-string pages and their traps."""

from __future__ import annotations

import json

import pytest

from .sitecrawl import crawl_site

START = "/news/list.aspx?cid=12"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return crawl_site(tmp_path_factory, "county_portal", START)


def test_every_article_fetched_once_including_the_query_string_one(site):
    articles = [r for r in site.requests if r.startswith(("/news/show-", "/news/content"))]
    assert sorted(articles) == sorted(
        [f"/news/show-12-{n}.html" for n in range(3451, 3461) if n != 3458]
        + ["/news/content.aspx?id=3458"])
    docs = site.by_path()
    assert len(docs) == 9 and "/news/content.aspx?id=3458" in docs
    assert not any("print=1" in r for r in site.requests)  # the printable copy is the same page


def test_pagination_is_followed_and_the_endless_next_link_is_not(site):
    lists = [r for r in site.requests if r.startswith("/news/list.aspx")]
    assert {START + "&page=2", START + "&page=3"} <= set(lists)
    assert not any("rnd=" in r or "cid=13" in r or "date=" in r for r in lists)
    assert len(lists) <= 4


def test_sidebar_calendar_and_other_sites_are_ignored(site):
    assert not any(r.startswith(("/news/show-15-", "/news/archive")) for r in site.requests)


def test_metadata_with_and_without_labels(site):
    docs = site.by_path()
    labelled = docs["/news/show-12-3451.html"]
    assert labelled["title"] == "示范县春季就业援助月专场招聘会在市人才市场举行"
    assert labelled["published"] == "2024-04-20" and labelled["publisher"] == "示范县融媒体中心"
    bare = docs["/news/show-12-3452.html"]  # only an unlabelled time under the title
    assert bare["published"] == "2024-04-19"
    assert all(d["text"].split("\n")[2].startswith("近日") and "热点新闻" not in d["text"]
               for d in docs.values())


def test_pdf_attachment_stored_damaged_xls_recorded_and_404_recorded(site):
    [pdf] = site.docs("application/pdf")
    parent = site.by_path()["/news/show-12-3455.html"]
    assert pdf["parent_id"] == parent["id"] and json.loads(pdf["tables"])
    # the .xls is an OLE header and nothing else: a row with its type and size, no text
    [xls] = site.docs("application/x-ole-storage")
    assert xls["parent_id"] == parent["id"] and xls["size"] == 512 and xls["text"] == ""
    assert site.errors() == {("/news/show-12-3460.html", "http", 404),
                             ("/uploadfile/2024/0416/20240416093012.xls", "attachment", 200)}
    assert site.summary.status == "partial"
