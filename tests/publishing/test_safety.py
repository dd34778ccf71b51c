"""Safe to put online: read-only, bounded, escaped, robots blocked, archive out of reach."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from db.search import register_functions
from reliefwatch.demo import free_port
from reliefwatch.publish import SETTINGS, load_metadata, make_datasette, snapshot
from tests.conftest import run_async
from tests.publishing.conftest import get

BOM = b"\xef\xbb\xbf"
HUGE_CELL = "select printf('%.*c', 900000000, 'x') as x"
MANY_BIG_ROWS = ("with recursive n(i) as (select 1 union all select i + 1 from n where i < 900) "
                 "select printf('%.*c', 1000000, 'x') as x from n")
SLOW = ("with recursive n(i) as (select 1 union all select i + 1 from n) "
        "select count(*) from n")


@pytest.mark.parametrize("sql", [HUGE_CELL, "select zeroblob(900000000) as x",
                                 "select hex(randomblob(500000000)) as x"])
def test_a_900_mb_cell_is_never_made(ds, sql):
    """SQLite's length limit stops the value: printf() gives NULL, the others an error."""
    response = get(ds, "/reliefwatch.json?sql=" + quote(sql))
    assert len(response.content) < 10_000
    data = response.json()
    if response.status_code == 200:
        assert data["rows"] == [[None]]
    else:
        assert response.status_code == 400 and "too big" in data["error"]


def test_a_response_adding_up_to_900_mb_is_refused(ds):
    response = get(ds, "/reliefwatch.json?sql=" + quote(MANY_BIG_ROWS))
    assert response.status_code == 400
    assert "exceed" in response.json()["error"]
    assert len(response.content) < 10_000


def test_cors_is_off_unless_asked_for(crafted_db):
    closed = run_async(make_datasette(crafted_db).client.get("/reliefwatch.json"))
    assert "access-control-allow-origin" not in closed.headers
    opened = run_async(make_datasette(crafted_db, cors=True).client.get("/reliefwatch.json"))
    assert opened.headers["access-control-allow-origin"] == "*"


def test_robots_are_blocked_unless_allowed(crafted_db):
    blocked = run_async(make_datasette(crafted_db).client.get("/robots.txt")).text
    assert "Disallow: /" in blocked
    allowed = run_async(make_datasette(crafted_db, allow_robots=True).client.get("/robots.txt"))
    assert "Disallow" not in allowed.text and "Allow: /" in allowed.text


@pytest.mark.parametrize("sql", ["delete from facts", "update facts set value = 0",
                                 "insert into sources (id) values ('x')", "drop table facts",
                                 "pragma writable_schema = 1", "attach database 'x.db' as x"])
def test_no_sql_can_write(ds, crafted_db, sql):
    assert get(ds, "/reliefwatch.json?sql=" + quote(sql)).status_code >= 400
    assert get(ds, "/reliefwatch/facts.json?_shape=array&_size=max").json()


def test_there_is_no_write_endpoint(ds):
    for path in ("/reliefwatch/facts", "/reliefwatch/-/insert", "/-/create", "/reliefwatch"):
        response = run_async(ds.client.post(path, json={"row": {"id": 1}}))
        assert response.status_code == 405, path
    queries = load_metadata("reliefwatch.db")["databases"]["reliefwatch"]["queries"]
    assert not any(q.get("write") for q in queries.values())


def test_archive_is_not_exposed(crafted_db, tmp_path):
    archive = crafted_db.parent / "archive"
    archive.mkdir(exist_ok=True)
    (archive / "run-1.warc.gz").write_bytes(b"WARC/1.0 secret capture")
    ds = make_datasette(crafted_db)
    served = run_async(ds.client.get("/-/databases.json")).json()
    assert [d["name"] for d in served] == ["reliefwatch"]
    for path in ("/archive/run-1.warc.gz", "/-/static/../archive/run-1.warc.gz",
                 "/-/static/..%2F..%2Farchive%2Frun-1.warc.gz", "/reliefwatch/archive",
                 "/-/static-plugins/reliefwatch/..%2F..%2Farchive/run-1.warc.gz"):
        response = run_async(ds.client.get(path))
        assert response.status_code in (400, 404), path
        assert b"secret capture" not in response.content, path


def test_html_in_crawled_text_is_escaped(ds, crafted_db):
    for path in ("/reliefwatch/documents", "/reliefwatch/fact_evidence",
                 "/reliefwatch/search_facts?q=" + quote("河池")):
        page = get(ds, path).text
        assert "<script>alert" not in page, path
        assert "&lt;script&gt;alert" in page, path


def test_settings_bound_time_and_rows():
    assert 0 < SETTINGS["sql_time_limit_ms"] <= 5000
    assert SETTINGS["max_returned_rows"] <= 1000
    assert SETTINGS["suggest_facets"] is False


def test_public_snapshot_is_immutable_inspected_and_downloadable(crafted_db, tmp_path):
    path, inspect_file = snapshot(crafted_db, tmp_path / "published")
    counts = json.loads(inspect_file.read_text())["reliefwatch"]["tables"]
    assert counts["figures"]["count"] > 0
    ds = make_datasette(path, immutable=True, inspect_file=inspect_file)
    page = run_async(ds.client.get("/reliefwatch")).text
    assert 'href="/reliefwatch.db"' in page
    download = run_async(ds.client.get("/reliefwatch.db"))
    assert download.status_code == 200 and download.content.startswith(b"SQLite format 3")
    assert not run_async(ds.client.get("/-/databases.json")).json()[0]["is_mutable"]


def _fetch(url: str, timeout: float = 60) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_served_instance_keeps_answering_cheap_requests_while_slow_ones_run(crafted_db):
    """Through ``reliefwatch serve --public``: four slow queries, then a cheap page."""
    port = free_port(0)
    exe = str(Path(sys.executable).with_name("reliefwatch"))
    server = subprocess.Popen([exe, "serve", "--public", "--db", str(crafted_db), "--port",
                               str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while _fetch_ok(base + "/-/versions.json") is False:
            assert time.monotonic() < deadline and server.poll() is None, "server did not start"
            time.sleep(0.3)
        finished: list[tuple[str, float, int, bytes]] = []

        def slow() -> None:
            status, body = _fetch(f"{base}/reliefwatch.json?sql={quote(SLOW)}")
            finished.append(("slow", time.monotonic(), status, body))

        threads = [threading.Thread(target=slow) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)  # the slow queries are running now
        status, body = _fetch(f"{base}/reliefwatch/figures.json?_shape=array&_size=5")
        finished.append(("cheap", time.monotonic(), status, body))
        for thread in threads:
            thread.join(60)
        order = [name for name, *_ in sorted(finished, key=lambda f: f[1])]
        assert order[0] == "cheap", order
        assert status == 200 and json.loads(body)
        for name, _, slow_status, slow_body in finished:
            if name == "slow":  # stopped by the time limit, with a clear error
                assert slow_status == 400 and b"too long" in slow_body
        assert (crafted_db.parent / "reliefwatch.published" / "inspect.json").exists()
        assert _fetch(base + "/reliefwatch.db")[0] == 200
        assert _fetch(base + "/reliefwatch/no_such_table")[0] == 404  # not a 500
        status, body = _fetch(base + "/reliefwatch/fact_evidence.csv?_stream=on&_size=2")
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert status == 200 and body.startswith(BOM) and body.count(BOM) == 1
        (count,) = sqlite3.connect(crafted_db).execute(
            "select count(*) from fact_evidence").fetchone()
        assert len(rows) == count + 1
        assert _fetch(base + "/reliefwatch/facts", timeout=10)[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def _fetch_ok(url: str) -> bool:
    try:
        return _fetch(url, timeout=2)[0] == 200
    except OSError:
        return False


def test_public_snapshot_leaves_out_withheld_full_text_but_keeps_evidence(
        crafted_db, tmp_path, withheld_full_text):
    live = tmp_path / "live" / "reliefwatch.db"
    live.parent.mkdir()
    live.write_bytes(crafted_db.read_bytes())
    path, _ = snapshot(live)
    conn = sqlite3.connect(path)
    register_functions(conn)
    texts = dict(conn.execute("select source_id, max(text is not null) from documents "
                              "group by source_id").fetchall())
    assert texts == {"xxz-gov": 0, "hechi-gov": 1, "chinadaily": 1}
    hits = conn.execute("select count(*) from documents_search where documents_search match "
                        "search_match('劳务报酬发放')").fetchone()[0]
    assert hits == 0  # the withheld article's own words are not searchable either
    assert conn.execute("select count(*) from fact_evidence where source_id = 'xxz-gov' "
                        "and sentence like '%4.05亿元%'").fetchone()[0] >= 2
    conn.close()
    live_conn = sqlite3.connect(live)
    assert live_conn.execute("select count(*) from documents where source_id = 'xxz-gov' "
                             "and text is not null").fetchone()[0] == 3  # the archive copy
    live_conn.close()
