"""``reliefwatch run``: what a schedule calls, run twice over a real loopback site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import db as store
from reliefwatch.demo import START_PATHS, sample_site_root
from reliefwatch.sitehost import serve_site

EXE = str(Path(sys.executable).with_name("reliefwatch"))


# Politeness delays are configuration; the crawler's own tests check them. Loopback needs none.
FAST_ENV = {**os.environ, "RELIEFWATCH_DOWNLOAD_DELAY": "0", "RELIEFWATCH_AUTOTHROTTLE": "0"}


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([EXE, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          check=False, env=FAST_ENV)


def test_scheduled_runs_crawl_extract_and_recover(tmp_path):
    db_path = tmp_path / "reliefwatch.db"
    database = store.open_db(db_path)
    killed = store.start_crawl_run(database)  # a run that died without closing its row
    database.close()
    with serve_site(sample_site_root()) as site:
        start = ["--start-url", site.base_url + START_PATHS[0]]
        first = run_cli("run", *start, "--db", str(db_path), cwd=tmp_path)
        assert first.returncode == 0, first.stdout + first.stderr
        second = run_cli("run", *start, "--db", str(db_path), cwd=tmp_path)
        assert second.returncode == 0, second.stdout + second.stderr
    database = store.open_db(db_path)
    assert database["crawl_runs"].get(killed)["status"] == "interrupted"
    runs = list(database.query("select * from crawl_runs where id != ? order by id", [killed]))
    assert [r["status"] for r in runs] == ["ok", "ok"]
    assert runs[0]["documents_new"] >= 5 and runs[1]["documents_new"] == 0
    assert runs[1]["pages_fetched"] < runs[0]["pages_fetched"]
    assert "extracted 0 facts from 0 documents" in second.stdout
    assert database["facts"].count > 20
    assert (tmp_path / "archive").is_dir() and any((tmp_path / "archive").iterdir())


def test_reextract_rebuilds_from_the_archive_without_the_site(tmp_path):
    db_path = tmp_path / "reliefwatch.db"
    with serve_site(sample_site_root()) as site:
        result = run_cli("run", "--start-url", site.base_url + START_PATHS[1], "--db",
                         str(db_path), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    before = store.open_db(db_path)
    facts_before = sorted(before.execute("select span, value, metric from facts").fetchall())
    before.close()
    db_path.unlink()
    rebuilt = run_cli("reextract", "--db", str(db_path), cwd=tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    after = store.open_db(db_path)
    assert sorted(after.execute("select span, value, metric from facts").fetchall()) == (
        facts_before)
