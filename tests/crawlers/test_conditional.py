"""Conditional GETs: a ``--full`` run asks with If-None-Match / If-Modified-Since and takes a
304 as "unchanged". The fixture server answers 304 through a small handler subclass."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from reliefwatch.sitehost import SiteHandler, serve_site

from .conftest import rows, run_crawl

LAST_MODIFIED = "Mon, 05 Feb 2024 08:00:00 GMT"


class ConditionalHandler(SiteHandler):
    """Answers 304 when a request's validators match the path's ``_headers.json`` ETag."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        path = urlsplit(self.path).path
        etag = self.server.overrides.get(path, {}).get("headers", {}).get("ETag")
        sent = self.headers.get("If-None-Match")
        self.server.conditional.append((path, sent, self.headers.get("If-Modified-Since")))
        if etag and sent == etag:
            self.server.requests.append(self.path)
            self.server.not_modified.append(path)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()


def _site(root: Path) -> dict:
    (root / "col" / "202402").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\n", "utf-8")
    items, rules = [], {}
    for i in range(1, 4):
        path = f"/col/202402/t2024020{i}_{i}.html"
        items.append(f'<li><a href=".{path[4:]}">第{i}条</a><span>2024-02-0{i}</span></li>')
        (root / path.lstrip("/")).write_text(
            f"<html><head><title>以工代赈项目第{i}批</title></head><body><div class='TRS_Editor'>"
            f"<p>第{i}批项目吸纳务工群众{30 * i}人。</p></div></body></html>", "utf-8")
        rules[path] = {"headers": {"Content-Type": "text/html; charset=utf-8",
                                   "ETag": f'"v1-{i}"', "Last-Modified": LAST_MODIFIED}}
    (root / "col" / "index.html").write_text(f"<ul>{''.join(items)}</ul>", "utf-8")
    (root / "_headers.json").write_text(json.dumps(rules), "utf-8")
    return rules


def test_full_run_sends_validators_and_takes_304_as_unchanged(tmp_path):
    _site(tmp_path / "site")
    db = tmp_path / "rw.db"
    with serve_site(tmp_path / "site") as server:
        server.RequestHandlerClass = ConditionalHandler
        server.conditional, server.not_modified = [], []
        first = run_crawl(db, [server.base_url + "/col/"])
        assert first.documents_new == 3
        assert {r["etag"] for r in rows(db, "select etag from seen_urls where etag is not null")
                } == {'"v1-1"', '"v1-2"', '"v1-3"'}
        server.conditional.clear()
        again = run_crawl(db, [server.base_url + "/col/"], full=True)
        asked = {p: (etag, since) for p, etag, since in server.conditional if "/202402/" in p}
        assert asked == {f"/col/202402/t2024020{i}_{i}.html": (f'"v1-{i}"', LAST_MODIFIED)
                         for i in range(1, 4)}
        assert len(server.not_modified) == 3
        assert again.status == "ok" and again.errors == 0
        assert again.documents_new == again.documents_updated == 0

        # a changed page gets a new ETag: fetched in full and updated
        page = tmp_path / "site" / "col" / "202402" / "t20240202_2.html"
        page.write_text(page.read_text("utf-8").replace("60人", "66人"), "utf-8")
        server.overrides["/col/202402/t20240202_2.html"]["headers"]["ETag"] = '"v2-2"'
        changed = run_crawl(db, [server.base_url + "/col/"], full=True)
    assert changed.documents_updated == 1 and changed.errors == 0
    [doc] = rows(db, "select text from documents where url like '%_2.html'")
    assert "66人" in doc["text"]
    assert rows(db, "select etag from seen_urls where url like '%_2.html'")[0]["etag"] == '"v2-2"'
    assert rows(db, "select count(*) n from documents")[0]["n"] == 3
