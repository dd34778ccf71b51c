"""``reliefwatch run`` killed (SIGKILL) during the crawl, the extraction and the fact write,
then run again, ends with the database an uninterrupted run makes; runs never overlap."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from reliefwatch.demo import START_PATHS, sample_site_root
from reliefwatch.sitehost import serve_site

from .helpers import EXE, facts_by_url, integrity, run_cli, unstamped

SLOW_PAGE = "/xxz/zwgk/gzdt/202409/t20240929_2388.html"  # answers after a delay: a crawl to kill


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site") / "site"
    shutil.copytree(sample_site_root(), root)
    headers = json.loads((root / "_headers.json").read_text("utf-8"))
    headers[SLOW_PAGE] = {**headers.get(SLOW_PAGE, {}), "delay": 4}
    (root / "_headers.json").write_text(json.dumps(headers), "utf-8")
    with serve_site(root) as server:
        yield server


def run_args(site, db: Path) -> list[str]:
    starts = [a for p in START_PATHS for a in ("--start-url", site.base_url + p)]
    return ["run", *starts, "--db", str(db)]


def documents(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("select url, sha256, title, parent_id is null from documents"
                            ).fetchall()
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def reference(site, tmp_path_factory):
    path = tmp_path_factory.mktemp("reference") / "rw.db"
    result = run_cli(*run_args(site, path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(documents(path)) >= 10 and len(facts_by_url(path)) >= 20
    return path


def assert_same_as_reference(path: Path, reference: Path) -> None:
    assert integrity(path) == "ok"
    docs = documents(path)
    assert len({d[0] for d in docs}) == len(docs)  # every document once
    assert docs == documents(reference)
    assert facts_by_url(path) == facts_by_url(reference)  # every fact once
    assert unstamped(path) == 0


def popen_run(site, db: Path) -> subprocess.Popen:
    env = {**os.environ, "RELIEFWATCH_DOWNLOAD_DELAY": "0", "RELIEFWATCH_AUTOTHROTTLE": "0"}
    return subprocess.Popen([EXE, *run_args(site, db)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for_request(site, path: str, timeout: float = 120) -> None:
    seen = len(site.requests)
    deadline = time.monotonic() + timeout
    while path not in site.requests[seen:]:
        assert time.monotonic() < deadline, f"{path} never requested"
        time.sleep(0.05)


def test_killed_during_the_crawl(site, reference, tmp_path):
    path = tmp_path / "rw.db"
    proc = popen_run(site, path)
    wait_for_request(site, SLOW_PAGE)  # mid-crawl: the slow page is being fetched
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -9
    assert integrity(path) == "ok"
    again = run_cli(*run_args(site, path))
    assert again.returncode == 0, again.stdout + again.stderr
    assert_same_as_reference(path, reference)


@pytest.mark.parametrize("point", ["document-extracted@3", "facts-deleted"])
def test_killed_during_extraction_and_the_fact_write(site, reference, tmp_path, point):
    path = tmp_path / "rw.db"
    killed = run_cli(*run_args(site, path), env={"RELIEFWATCH_KILL_AT": point})
    assert killed.returncode == -9, killed.stdout + killed.stderr
    assert integrity(path) == "ok"
    assert unstamped(path) > 0  # the kill left extraction work undone
    again = run_cli(*run_args(site, path))
    assert again.returncode == 0, again.stdout + again.stderr
    assert_same_as_reference(path, reference)


def test_two_concurrent_runs_one_refuses_cleanly(site, reference, tmp_path):
    path = tmp_path / "rw.db"
    first = popen_run(site, path)
    wait_for_request(site, SLOW_PAGE)  # the first run holds the lock
    second = run_cli(*run_args(site, path))
    assert second.returncode != 0
    assert "being updated" in second.stderr and "Traceback" not in second.stderr
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, out + err
    assert_same_as_reference(path, reference)


def test_reextract_killed_in_the_fact_write_then_extract_restores(reference, tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(reference.parent, folder)  # the database and its archive/
    path = folder / reference.name
    killed = run_cli("reextract", "--db", str(path), "--jobs", "1",
                     env={"RELIEFWATCH_KILL_AT": "facts-deleted"})
    assert killed.returncode == -9, killed.stdout + killed.stderr
    assert integrity(path) == "ok"
    assert facts_by_url(path) == facts_by_url(reference)  # the killed write was rolled back
    again = run_cli("extract", "--db", str(path))
    assert again.returncode == 0, again.stderr
    assert_same_as_reference(path, reference)
