"""A crawl killed with SIGKILL mid-run loses nothing: commits are batched, but a URL is only
marked seen in the same transaction as (or after) its document, and the next run resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from crawlers.archive import iter_captures
from reliefwatch.sitehost import serve_site

from ..clirun import slow_site
from .conftest import FAST, rows, run_crawl

ARTICLES = 30


def _kill_midway(server, db: Path, archive: Path) -> None:
    kwargs = {"db_path": str(db), "start_urls": [server.base_url + "/col/"],
              "archive_dir": str(archive),
              "settings": {**FAST, "CONCURRENT_REQUESTS_PER_DOMAIN": 2}}
    proc = subprocess.Popen([sys.executable, "-m", "crawlers.api", json.dumps(kwargs)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while sum("/202402/" in p for p in server.requests) < ARTICLES // 2:
            assert proc.poll() is None and time.monotonic() < deadline, "crawl ended early"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()


def test_killed_crawl_resumes_with_nothing_lost_or_duplicated(tmp_path):
    slow_site(tmp_path / "site", ARTICLES)
    db, archive = tmp_path / "db" / "rw.db", tmp_path / "db" / "archive"
    with serve_site(tmp_path / "site") as server:
        _kill_midway(server, db, archive)
        stored = rows(db, "select url from documents")
        assert len(stored) < ARTICLES
        # every URL marked seen has its document: the mark never commits before it
        orphans = rows(db, "select s.url from seen_urls s left join documents d "
                           "on d.id = s.document_id where s.status = 200 and d.id is null")
        assert orphans == []
        server.requests.clear()
        resumed = run_crawl(db, [server.base_url + "/col/"], archive_dir=str(archive))
    assert resumed.status == "ok"
    refetched = {p.rsplit("/", 1)[-1] for p in server.requests if "/202402/" in p}
    assert not refetched & {d["url"].rsplit("/", 1)[-1] for d in stored}
    docs = rows(db, "select url, warc_file, warc_offset from documents")
    assert len(docs) == len({d["url"] for d in docs}) == ARTICLES
    captures = {(c.warc_file, c.warc_offset): c.url for c in iter_captures(archive)}
    assert all(captures[(d["warc_file"], d["warc_offset"])] == d["url"] for d in docs)
