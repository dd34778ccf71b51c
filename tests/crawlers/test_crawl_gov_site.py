"""Real crawls of the GBK TRS-style government site (tests/fixtures/sites/trs_gov)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from crawlers.api import reextract_archive
from crawlers.archive import iter_captures
from reliefwatch.sitehost import serve_site

from .conftest import SITES, rows, run_crawl

COLUMN = "/zwgk/gzdt/"


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """One first crawl shared by the read-only tests of this module."""
    root = tmp_path_factory.mktemp("gov") / "site"
    shutil.copytree(SITES / "trs_gov", root)
    with serve_site(root) as server:
        db = root.parent / "db" / "rw.db"
        summary = run_crawl(db, [server.base_url + COLUMN])
        yield server, db, summary


@pytest.fixture
def rerun(first_run, tmp_path):
    """The first crawl's database and archive copied, for tests that crawl again."""
    server, db, summary = first_run
    copy = tmp_path / "db"
    shutil.copytree(db.parent, copy)
    server.requests.clear()
    return server, copy / "rw.db", summary


def test_first_crawl_stores_every_article_once_with_decoded_chinese(first_run):
    server, db, summary = first_run
    docs = rows(db, "select * from documents where content_type = 'text/html' order by url")
    assert summary.status == "partial" and summary.documents_new == len(docs) + 1  # + the PDF
    assert len(docs) == 12  # 12 articles; the republished copy under a second URL is not stored
    assert not any("202402" in d["url"] for d in docs)
    assert all(d["title"].startswith("示范州") and "\ufffd" not in d["text"] for d in docs)
    undeclared = [d for d in docs if d["url"].endswith("_1001.html")][0]  # no charset anywhere
    assert "易地搬迁" in undeclared["title"] and undeclared["published"] == "2024-01-27"
    relevant = {d["title"][:8] for d in docs if d["relevant"]}
    assert relevant == {"示范州推进以工代", "示范州召开易地搬"}


def test_pagination_follows_create_page_html_and_stays_in_the_column(first_run):
    server, _db, _summary = first_run
    paths = set(server.requests)
    assert {"/zwgk/gzdt/", "/zwgk/gzdt/index_1.html", "/zwgk/gzdt/index_2.html"} <= paths
    assert not any(p.startswith(("/other/", "/zwgk/gzdt/202312/")) for p in paths)


def test_robots_disallowed_article_is_never_requested(first_run):
    server, _db, _summary = first_run
    assert "/robots.txt" in server.requests
    assert not any(p.startswith("/private/") for p in server.requests)


def test_pdf_attachment_is_a_child_document_with_tables(first_run):
    _server, db, _summary = first_run
    [pdf] = rows(db, "select * from documents where content_type = 'application/pdf'")
    [parent] = rows(db, "select * from documents where id = ?", [pdf["parent_id"]])
    assert parent["url"].endswith("t20240128_1000.html")
    assert pdf["relevant"] == 1 and "以工代赈" in pdf["text"]
    tables = json.loads(pdf["tables"])
    assert tables[0]["page"] == 1 and tables[0]["rows"][0][1] == "县市区"


def test_broken_pages_and_corrupt_pdf_are_recorded_not_fatal(first_run):
    _server, db, summary = first_run
    errors = {(e["url"].rsplit("/", 1)[-1], e["kind"], e["status"])
              for e in rows(db, "select * from crawl_errors")}
    assert errors == {
        ("t20240130_3001.html", "http", 404),
        ("t20240130_3002.html", "http", 500),
        ("t20240130_3003.html", "timeout", None),
        ("t20240130_3004.html", "truncated", None),
        ("P020240124000002.pdf", "pdf", 200),
    }
    [run] = rows(db, "select * from crawl_runs")
    assert run["errors"] == summary.errors == 5 and run["finished_at"]


def test_server_errors_are_retried_before_giving_up(first_run):
    server, _db, _summary = first_run
    assert server.requests.count("/zwgk/gzdt/202401/t20240130_3002.html") == 2  # RETRY_TIMES=1
    assert server.requests.count("/zwgk/gzdt/202401/t20240130_3001.html") == 1  # 404: no retry


def test_every_response_is_archived_and_documents_point_at_their_record(first_run):
    _server, db, _summary = first_run
    archive = db.parent / "archive"
    captures = list(iter_captures(archive))
    statuses = {c.url.rsplit("/", 1)[-1]: c.status for c in captures}
    assert statuses["robots.txt"] == 200 and statuses["t20240130_3001.html"] == 404
    assert statuses["index_2.html"] == 200 and statuses["P020240128000001.pdf"] == 200
    by_offset = {(c.warc_file, c.warc_offset): c for c in captures}
    for doc in rows(db, "select url, warc_file, warc_offset from documents"):
        assert by_offset[(doc["warc_file"], doc["warc_offset"])].url == doc["url"]


def test_second_run_adds_nothing_and_only_rereads_the_first_list_page(rerun):
    server, db, first = rerun
    second = run_crawl(db, [server.base_url + COLUMN])
    assert second.documents_new == 0 and second.documents_updated == 0
    # robots.txt, the first list page, and the broken pages that have no document yet
    assert "/zwgk/gzdt/index_1.html" not in server.requests
    assert not any(p.endswith("_1000.html") or p.endswith(".pdf") for p in server.requests)
    assert second.requests <= 8 < first.requests
    assert rows(db, "select count(*) n from documents")[0]["n"] == 13


def test_full_run_walks_every_page_again_without_duplicating(rerun):
    server, db, _first = rerun
    full = run_crawl(db, [server.base_url + COLUMN], full=True)
    assert {"/zwgk/gzdt/index_1.html", "/zwgk/gzdt/index_2.html",
            "/zwgk/gzdt/202401/t20240128_1000.html",
            "/zwgk/gzdt/202401/P020240128000001.pdf"} <= set(server.requests)
    assert full.documents_new == 0 and full.documents_updated == 0
    assert rows(db, "select count(*) n from documents")[0]["n"] == 13


def test_changed_article_is_updated_on_a_full_run(rerun):
    server, db, _first = rerun
    page = Path(server.root) / "zwgk/gzdt/202401/t20240125_1003.html"
    original = page.read_bytes()
    page.write_bytes(original.replace("排查隐患".encode("gbk"), "查出隐患".encode("gbk")))
    try:
        full = run_crawl(db, [server.base_url + COLUMN], full=True)
    finally:
        page.write_bytes(original)
    assert full.documents_updated == 1 and full.documents_new == 0
    [doc] = rows(db, "select text from documents where url like '%_1003.html'")
    assert "查出隐患" in doc["text"]


def test_reextract_rebuilds_documents_from_the_archive_without_network(rerun, tmp_path):
    server, db, _first = rerun
    fresh = tmp_path / "fresh" / "rw.db"
    summary = reextract_archive(fresh, archive_dir=db.parent / "archive")
    assert summary.status == "partial"  # the corrupt PDF fails again, recorded
    assert summary.requests == 0 and summary.documents_new == 13
    old = rows(db, "select url, sha256, parent_id is not null child from documents order by url")
    new = rows(fresh, "select url, sha256, parent_id is not null child from documents order by url")
    assert new == old
    assert server.requests == []
