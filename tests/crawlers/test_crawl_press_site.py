"""Real crawls of the English press site: page_2.html via Next, articles outside the column."""

from __future__ import annotations

from .conftest import rows, run_crawl


def test_press_column_pages_and_articles(press_site, tmp_path):
    db = tmp_path / "rw.db"
    summary = run_crawl(db, [press_site.base_url + "/guangxi/hechi/"])
    assert summary.status == "ok" and summary.documents_new == 6 and summary.errors == 0
    assert "/guangxi/hechi/page_2.html" in press_site.requests
    assert not any(p.startswith(("/about/", "/business/")) for p in press_site.requests)
    docs = rows(db, "select * from documents order by published")
    assert all(d["url"].split("/")[3] == "a" and d["lang"] == "en" for d in docs)
    assert {d["title"].split(" (")[0] for d in docs if d["relevant"]} == {
        "Hechi expands work-relief projects in mountain villages",
        "Relocated families in Hechi find jobs near new homes"}
    [source] = rows(db, "select * from sources")
    assert source["id"] == press_site.base_url.split("//")[1]


def test_crawl_stopped_early_resumes_with_nothing_lost_or_duplicated(press_site, tmp_path):
    db = tmp_path / "rw.db"
    start = [press_site.base_url + "/guangxi/hechi/"]
    stopped = run_crawl(db, start, max_pages=3, settings={"CONCURRENT_REQUESTS_PER_DOMAIN": 1})
    assert stopped.status == "interrupted" and stopped.documents_new < 6
    resumed = run_crawl(db, start)
    assert resumed.status == "ok"
    assert stopped.documents_new + resumed.documents_new == 6
    urls = [d["url"] for d in rows(db, "select url from documents")]
    assert len(urls) == len(set(urls)) == 6
    again = run_crawl(db, start)
    assert again.documents_new == 0 and again.requests <= 2
