"""A crawl shared through a real ``redis-server`` (Debian's) by two worker processes.

The test starts its own server on a free loopback port. Without the binary it skips, except
under CI (``CI=true``), where ``.ci/run`` installs it and a missing binary is a failure.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator

import pytest

from reliefwatch.sitehost import serve_site

from ..clirun import cli, query, slow_site, start, wait_for


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        if os.getenv("CI", "").lower() == "true":
            pytest.fail("redis-server is missing: .ci/run must install it (apt-get)")
        pytest.skip("redis-server not installed (apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, "no redis-server"
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _articles(requests: list[str]) -> Counter:
    return Counter(r for r in requests if "/202402/" in r)


def test_two_workers_share_one_queue_and_fetch_every_page_once(tmp_path, redis_url):
    site = slow_site(tmp_path / "site", articles=30, delay=0.3)
    db = tmp_path / "rw.db"
    with serve_site(site) as server:
        result = cli("crawl", "--redis", redis_url, "--workers", "2", "--start-url",
                     server.base_url + "/col/", "--db", str(db), cwd=tmp_path)
        requested = _articles(server.requests)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(requested) == 30 and set(requested.values()) == {1}
    assert len(query(db, "select id from documents")) == 30
    [run] = query(db, "select * from crawl_runs")
    assert run["status"] == "ok" and run["documents_new"] == 30
    import json

    workers = json.loads(run["options"])["workers"]
    assert sorted(workers) == ["w0", "w1"] and all(n >= 2 for n in workers.values())


def test_a_worker_killed_mid_crawl_loses_nothing(tmp_path, redis_url):
    import redis

    site = slow_site(tmp_path / "site", articles=40, delay=0.2)
    db = tmp_path / "rw.db"
    server_redis = redis.Redis.from_url(redis_url)
    with serve_site(site) as server:
        proc = start("crawl", "--redis", redis_url, "--workers", "2", "--start-url",
                     server.base_url + "/col/", "--db", str(db), cwd=tmp_path)
        wait_for(lambda: sum(_articles(server.requests).values()) >= 8, proc=proc)
        pid = int(server_redis.get("reliefwatch:run:1:alive:w0"))
        os.kill(pid, signal.SIGKILL)  # one worker dies with requests in flight
        out, err = proc.communicate(timeout=120)
        requested = _articles(server.requests)
    assert proc.returncode == 0, out + err
    assert len(requested) == 40
    stored = query(db, "select url from documents")
    assert len(stored) == len({d["url"] for d in stored}) == 40
    assert query(db, "select status from crawl_runs")[0]["status"] == "ok"
