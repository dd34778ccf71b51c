"""``reliefwatch run``/``crawl`` as real processes: exit codes, statuses, summary lines, logs,
progress, the side-box fixture, locks, signals and a database that cannot be written."""

from __future__ import annotations

import os
import resource
import signal

import pytest

from reliefwatch.sitehost import serve_site

from .clirun import cli, copy_site, query, slow_site, start, wait_for


def test_side_box_before_the_list_never_hides_the_newest_articles(tmp_path):
    site = copy_site("sidebox_gov", tmp_path / "site")
    column = site / "zwgk" / "gzdt"
    current = (column / "index.html").read_bytes()
    (column / "index.html").write_bytes((column / "index_before.html").read_bytes())
    db = tmp_path / "rw.db"
    with serve_site(site) as server:
        start_url = server.base_url + "/zwgk/gzdt/index.html"
        first = cli("run", "--start-url", start_url, "--db", str(db), cwd=tmp_path)
        assert first.returncode == 0, first.stdout + first.stderr
        (column / "index.html").write_bytes(current)  # a day later: two new articles on top
        server.requests.clear()
        second = cli("run", "--start-url", start_url, "--db", str(db), cwd=tmp_path)
        assert second.returncode == 0, second.stdout + second.stderr
        requested = list(server.requests)
    assert {"/zwgk/gzdt/202405/t20240515_205.html", "/zwgk/gzdt/202405/t20240514_204.html"} \
        <= set(requested)
    stored = {d["url"].rsplit("/", 1)[-1] for d in query(db, "select url from documents")}
    assert stored == {f"t202405{n - 190:02d}_{n}.html" for n in range(196, 206)}
    assert not any("from=" in r or "/xwzx/" in r for r in requested)
    runs = query(db, "select status, documents_new from crawl_runs order by id")
    assert [(r["status"], r["documents_new"]) for r in runs] == [("ok", 8), ("ok", 2)]


@pytest.mark.parametrize("where", ["refused", "dns", "404"])
def test_a_source_that_cannot_be_reached_fails_with_its_own_code(tmp_path, where):
    db = tmp_path / "rw.db"
    (tmp_path / "site").mkdir()
    with serve_site(tmp_path / "site") as server:
        url = {"refused": "http://127.0.0.1:9/col/", "dns": "http://nowhere.invalid/col/",
               "404": server.base_url + "/missing/index.html"}[where]
        result = cli("run", "--start-url", url, "--db", str(db), cwd=tmp_path)
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and result.stderr.strip() == ""
    run_line, source_line, *_ = result.stdout.splitlines()
    assert run_line.startswith("crawl run 1: failed;") and "see crawl_errors" in run_line
    assert ": failed; 0 pages" in source_line or ": failed; 1 pages" in source_line
    [run] = query(db, "select * from crawl_runs")
    [outcome] = query(db, "select * from crawl_run_sources")
    assert run["status"] == outcome["status"] == "failed" and run["errors"] >= 1
    [error] = query(db, "select kind from crawl_errors")
    assert error["kind"] == {"refused": "refused", "dns": "dns", "404": "http"}[where]


def test_partial_run_exits_3_and_logs_go_to_the_file_not_the_terminal(tmp_path):
    site = copy_site("county_cms", tmp_path / "site")
    for path in (site / "pages" / "detail-101.html", site / "_headers.json"):
        path.write_text(path.read_text("utf-8").replace("{{OFFSITE}}", "http://localhost:9"),
                        "utf-8")
    db = tmp_path / "data" / "rw.db"
    with serve_site(site) as server:
        quiet = cli("crawl", "--start-url", server.base_url + "/list.html", "--db", str(db),
                    cwd=tmp_path)
        verbose = cli("-v", "crawl", "--start-url", server.base_url + "/list.html", "--db",
                      str(tmp_path / "v.db"), cwd=tmp_path)
    assert quiet.returncode == 3 and verbose.returncode == 3, quiet.stderr
    assert "partial" in quiet.stdout.splitlines()[0]
    assert "scrapy" not in quiet.stderr and "Traceback" not in quiet.stderr
    assert "scrapy" in verbose.stderr
    log = (tmp_path / "data" / "rw.log").read_text("utf-8")
    assert "scrapy.core.engine" in log and "soft404 error on" in log
    assert query(db, "select status from crawl_runs")[0]["status"] == "partial"


def test_quiet_prints_nothing_when_all_is_well_and_progress_lines_otherwise(tmp_path):
    site = slow_site(tmp_path / "site", articles=8, delay=0.1)
    with serve_site(site) as server:
        url = server.base_url + "/col/"
        quiet = cli("crawl", "--quiet", "--start-url", url, "--db", str(tmp_path / "q.db"),
                    cwd=tmp_path, env={"RELIEFWATCH_PROGRESS_INTERVAL": "0.1"})
        plain = cli("crawl", "--start-url", url, "--db", str(tmp_path / "p.db"), cwd=tmp_path,
                    env={"RELIEFWATCH_PROGRESS_INTERVAL": "0.1"})
        live = cli("crawl", "--start-url", url, "--db", str(tmp_path / "l.db"), cwd=tmp_path,
                   env={"RELIEFWATCH_PROGRESS": "live"})
    assert quiet.returncode == plain.returncode == live.returncode == 0
    assert quiet.stdout == "" and quiet.stderr == ""
    source = url.split("/")[2]
    assert f"progress {source}:" in plain.stderr and " pages" in plain.stderr
    assert f"{source}: ok; 9 pages, 8 new" in plain.stdout
    assert source in live.stderr and "new" in live.stderr


def test_one_database_one_run_also_through_a_symlink(tmp_path):
    site = slow_site(tmp_path / "site", articles=20, delay=0.2)
    db = tmp_path / "data" / "rw.db"
    (tmp_path / "link").symlink_to(tmp_path / "data", target_is_directory=True)
    with serve_site(site) as server:
        url = server.base_url + "/col/"
        first = start("run", "--start-url", url, "--db", str(db), cwd=tmp_path)
        wait_for(lambda: any("/202402/" in r for r in server.requests), proc=first)
        second = cli("run", "--start-url", url, "--db", str(tmp_path / "link" / "rw.db"),
                     cwd=tmp_path)
        out, err = first.communicate(timeout=120)
    assert second.returncode == 5 and "is being updated by pid" in second.stderr
    assert first.returncode == 0, out + err
    assert len(query(db, "select id from documents")) == 20


def test_sigterm_stops_the_run_with_code_6_and_honest_counts(tmp_path):
    site = slow_site(tmp_path / "site", articles=30, delay=0.15)
    db = tmp_path / "rw.db"
    with serve_site(site) as server:
        url = server.base_url + "/col/"
        proc = start("run", "--start-url", url, "--db", str(db), cwd=tmp_path)
        wait_for(lambda: sum("/202402/" in r for r in server.requests) >= 10, proc=proc)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 6, out + err
        assert "interrupted" in out and "extracted" not in out and "Traceback" not in err
        [run] = query(db, "select * from crawl_runs")
        stored = len(query(db, "select id from documents"))
        assert run["status"] == "interrupted" and 0 < stored < 30
        assert run["documents_new"] == stored and run["pages_fetched"] >= stored
        again = cli("run", "--start-url", url, "--db", str(db), cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert len(query(db, "select id from documents")) == 30


def test_a_killed_run_keeps_the_counts_it_committed(tmp_path):
    site = slow_site(tmp_path / "site", articles=30, delay=0.15)
    db = tmp_path / "rw.db"
    with serve_site(site) as server:
        url = server.base_url + "/col/"
        proc = start("crawl", "--start-url", url, "--db", str(db), cwd=tmp_path)
        wait_for(lambda: sum("/202402/" in r for r in server.requests) >= 12, proc=proc)
        wait_for(lambda: os.path.exists(db) and query(
            db, "select documents_new from crawl_runs")[0]["documents_new"] >= 5, proc=proc)
        proc.kill()
        proc.communicate()
        [killed] = query(db, "select * from crawl_runs")
        stored = len(query(db, "select id from documents"))
        assert killed["status"] == "running"
        assert killed["documents_new"] == stored and killed["pages_fetched"] >= stored > 0
        again = cli("crawl", "--start-url", url, "--db", str(db), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    first, second = query(db, "select * from crawl_runs order by id")
    assert first["status"] == "interrupted" and first["documents_new"] == stored
    assert second["documents_new"] == 30 - stored


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_database_that_cannot_be_written_is_one_line_and_code_5(tmp_path):
    import db as store

    site = slow_site(tmp_path / "site", articles=40, delay=0)
    db = tmp_path / "rw.db"
    store.open_db(db).close()
    with serve_site(site) as server:
        url = server.base_url + "/col/"
        at_once = cli("crawl", "--start-url", url, "--db", str(db), cwd=tmp_path,
                      preexec_fn=_file_size_limit(4096))
        midway = cli("crawl", "--start-url", url, "--db", str(db), cwd=tmp_path,
                     preexec_fn=_file_size_limit(64 * 1024))  # the WAL fills midway
        for result in (at_once, midway):
            assert result.returncode == 5, result.stdout + result.stderr
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("Error: cannot write"), lines
        assert store.open_db(db).execute("pragma integrity_check").fetchone()[0] == "ok"
        statuses = [r["status"] for r in query(db, "select status from crawl_runs")]
        assert statuses and statuses[-1] in ("failed", "running")
        again = cli("crawl", "--start-url", url, "--db", str(db), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert len(query(db, "select id from documents")) == 40
    assert "running" not in [r["status"] for r in query(db, "select status from crawl_runs")]


def test_status_reports_runs_failing_sources_and_the_next_run(tmp_path):
    import json

    db = tmp_path / "rw.db"
    missing = cli("status", "--db", str(db), cwd=tmp_path)
    assert missing.returncode != 0 and "does not exist" in missing.stderr
    assert not db.exists()
    site = slow_site(tmp_path / "site", articles=3, delay=0)
    with serve_site(site) as server:
        ok = cli("run", "--start-url", server.base_url + "/col/", "--db", str(db), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    for _ in range(3):
        assert cli("crawl", "--start-url", "http://127.0.0.1:9/col/", "--db", str(db),
                   cwd=tmp_path).returncode == 4
    report = cli("status", "--db", str(db), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert "127.0.0.1:9 (runs 4, 3, 2)" in report.stdout and "next run:" in report.stdout
    info = json.loads(cli("status", "--json", "--db", str(db), cwd=tmp_path).stdout)
    assert [r["status"] for r in info["runs"]] == ["failed", "failed", "failed", "ok"]
    assert info["runs"][-1]["documents_new"] == 3 and info["runs"][-1]["facts_new"] > 0
    assert info["counts"]["documents"] == 3 and info["counts"]["awaiting_extraction"] == 0
    assert info["failing_sources"][0]["source_id"] == "127.0.0.1:9"
    assert info["extractor_version"] and info["next_run"]["sources"]
    listed = cli("sources", "--db", str(db), cwd=tmp_path)
    assert listed.returncode == 0 and "xxz-gov" in listed.stdout


def test_reextract_of_a_damaged_archive_is_partial(tmp_path):
    site = slow_site(tmp_path / "site", articles=5, delay=0)
    db = tmp_path / "rw.db"
    with serve_site(site) as server:
        assert cli("crawl", "--start-url", server.base_url + "/col/", "--db", str(db),
                   cwd=tmp_path).returncode == 0
    [warc] = list((tmp_path / "archive").glob("*.warc.gz"))
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) * 2 // 3] + b"\x00garbage" * 20)
    rebuilt = cli("reextract", "--db", str(tmp_path / "fresh.db"), "--archive",
                  str(tmp_path / "archive"), cwd=tmp_path)
    assert rebuilt.returncode == 3, rebuilt.stdout + rebuilt.stderr
    errors = query(tmp_path / "fresh.db", "select kind from crawl_errors")
    assert "archive" in {e["kind"] for e in errors}
    assert query(tmp_path / "fresh.db", "select status from crawl_runs")[0]["status"] == "partial"
