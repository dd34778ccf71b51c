"""One real crawl of a fixture site over loopback, for the CMS-family test modules."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from crawlers.api import CrawlSummary
from reliefwatch.sitehost import serve_site

from .conftest import SITES, rows, run_crawl


@dataclass
class SiteCrawl:
    requests: list[str]  # request paths (with query) in arrival order
    db: Path
    summary: CrawlSummary

    def docs(self, content_type: str = "text/html") -> list[dict]:
        return rows(self.db, "select * from documents where content_type = ? order by url",
                    [content_type])

    def by_path(self) -> dict[str, dict]:
        """HTML documents keyed by URL path and query (host and port dropped)."""
        return {"/" + d["url"].split("/", 3)[3]: d for d in self.docs()}

    def errors(self) -> set[tuple[str, str, int | None]]:
        return {("/" + e["url"].split("/", 3)[3], e["kind"], e["status"])
                for e in rows(self.db, "select * from crawl_errors")}


def crawl_site(tmp_path_factory, name: str, start_path: str, **kwargs) -> SiteCrawl:
    root = tmp_path_factory.mktemp(name) / "site"
    shutil.copytree(SITES / name, root)
    with serve_site(root) as server:
        db = root.parent / "db" / "rw.db"
        summary = run_crawl(db, [server.base_url + start_path], **kwargs)
        return SiteCrawl(list(server.requests), db, summary)
