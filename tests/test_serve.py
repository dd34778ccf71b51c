"""``reliefwatch serve`` answers over HTTP on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import db as store
from reliefwatch.demo import free_port


def test_serve_publishes_the_facts_table(tmp_path):
    db_path = tmp_path / "reliefwatch.db"
    database = store.open_db(db_path)
    doc_id, _ = store.store_document(database, {"url": "http://x/1", "text": "t", "relevant": 1})
    store.replace_facts(database, doc_id, [{"metric": "households", "value": 446,
                                            "unit": "households", "span": "446户"}], "test")
    database.close()
    port = free_port(0)
    exe = str(Path(sys.executable).with_name("reliefwatch"))
    server = subprocess.Popen([exe, "serve", "--db", str(db_path), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/reliefwatch/facts.json?_shape=array"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    rows = json.load(response)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        assert [(r["span"], r["value"]) for r in rows] == [("446户", 446.0)]
        with urllib.request.urlopen(url.replace(".json?_shape=array", ".csv")) as response:
            assert "446户" in response.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)
