"""Politeness and robustness pieces: User-Agent, Crawl-delay, backoff, item validation."""

from __future__ import annotations

import time

from crawlers.items import CapturedDocument
from crawlers.middlewares import backoff_delay
from crawlers.pipelines import validation_errors
from crawlers.settings import USER_AGENT
from reliefwatch.sitehost import serve_site

from .conftest import rows, run_crawl


def test_user_agent_identifies_the_project_with_a_contact_url():
    assert USER_AGENT.startswith("ReliefWatch/") and "(+http" in USER_AGENT


def test_backoff_grows_exponentially_and_is_capped():
    assert [backoff_delay(n, 1.0, 5.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]
    assert backoff_delay(3, 0, 5.0) == 0


def test_validation_rejects_empty_and_non_200_items():
    item = CapturedDocument(kind="article", url="http://x.cn/a.html", canonical_url="x",
                            source_id="s", status=200, headers={}, body=b"<html>x</html>")
    assert validation_errors(item) == []
    item.body, item.status, item.kind = b"  ", 206, "video"
    problems = " ".join(validation_errors(item))
    assert "empty body" in problems and "206" in problems and "video" in problems


def _small_site(root, robots: str):
    (root / "col" / "202401").mkdir(parents=True)
    (root / "robots.txt").write_text(robots, "utf-8")
    items = "".join(f'<li><a href="./202401/t2024010{i}_{i}.html">第{i}条</a>'
                    f"<span>2024-01-0{i}</span></li>" for i in range(1, 4))
    (root / "col" / "index.html").write_text(f"<html><body><ul>{items}</ul></body></html>",
                                             "utf-8")
    for i in range(1, 4):
        (root / "col" / "202401" / f"t2024010{i}_{i}.html").write_text(
            f"<html><head><title>第{i}条</title></head><body><p>第{i}期：安置点新增就业岗位{i}0个。"
            "</p></body></html>",
            "utf-8")


def _timed_crawl(root, db):
    with serve_site(root) as server:
        started = time.monotonic()
        summary = run_crawl(db, [server.base_url + "/col/"])
        return summary, time.monotonic() - started


def test_robots_crawl_delay_spaces_requests(tmp_path):
    _small_site(tmp_path / "polite", "User-agent: *\nCrawl-delay: 1\n")
    _small_site(tmp_path / "plain", "User-agent: *\nDisallow: /private/\n")
    polite, polite_time = _timed_crawl(tmp_path / "polite", tmp_path / "a.db")
    plain, plain_time = _timed_crawl(tmp_path / "plain", tmp_path / "b.db")
    assert polite.documents_new == plain.documents_new == 3
    # four requests follow robots.txt, each held back about 1 s; the plain site has no delay
    assert polite_time - plain_time >= 2.5
    assert rows(tmp_path / "a.db", "select count(*) n from crawl_errors")[0]["n"] == 0
