"""End to end: ``reliefwatch demo`` crawls the bundled site over loopback and loads facts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import db as store
from reliefwatch.demo import sample_site_root
from reliefwatch.publish import make_datasette
from tests.conftest import run_async


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("demo")
    path = workdir / "reliefwatch.db"
    exe = Path(sys.executable).with_name("reliefwatch")
    result = subprocess.run(
        [str(exe), "demo", "--no-serve", "--db", str(path)],
        cwd=workdir, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return path, result.stdout


def test_demo_prints_a_summary(demo_db):
    _, output = demo_db
    assert "Sample site serving at http://127.0.0.1:" in output
    assert "Documents:" in output and "Facts:" in output
    assert "labor_remuneration_yuan" in output


def sample_articles() -> set[str]:
    """Paths of the sample site's article pages (TRS ``tYYYYMMDD_N.html``, press ``WS….html``)."""
    root = sample_site_root()
    return {"/" + p.relative_to(root).as_posix() for p in root.rglob("*.html")
            if re.match(r"(t\d{8}_\d+|WS\w+)\.html$", p.name)}


def test_demo_stores_every_article_and_the_pdf_attachment(demo_db):
    database = store.open_db(demo_db[0])
    stored = {urlsplit(r[0]).path for r in database.execute(
        "select url from documents where content_type not like '%pdf%'")}
    assert stored == sample_articles()
    pdfs = database.execute(
        "select count(*) from documents where content_type like '%pdf%'").fetchone()[0]
    assert pdfs == len(list(sample_site_root().rglob("*.pdf")))
    pdf = database.execute(
        "select parent_id, tables from documents where content_type like '%pdf%'").fetchone()
    assert pdf[0] is not None and "合计" in pdf[1]
    langs = {r[0] for r in database.execute("select distinct lang from documents")}
    assert {"zh", "en"} <= langs


def test_demo_records_a_finished_crawl_run(demo_db):
    database = store.open_db(demo_db[0])
    run = database.execute(
        "select status, pages_fetched, documents_new from crawl_runs order by id desc"
    ).fetchone()
    assert run[0] in ("ok", "partial")
    assert run[1] > run[2] > 0


def test_demo_respects_robots_txt(demo_db):
    database = store.open_db(demo_db[0])
    assert database.execute(
        "select count(*) from documents where url like '%/admin/%'").fetchone()[0] == 0


def test_demo_marks_off_topic_articles_not_relevant(demo_db):
    database = store.open_db(demo_db[0])
    relevant = dict(database.execute(
        "select relevant, count(*) from documents where content_type like 'text/html%' "
        "group by 1").fetchall())
    assert relevant.get(1, 0) >= 6 and relevant.get(0, 0) >= 1
    assert database.execute(
        "select count(*) from facts join documents on documents.id = facts.document_id "
        "where documents.relevant = 0").fetchone()[0] == 0


def test_demo_finds_the_seed_figures(demo_db):
    database = store.open_db(demo_db[0])
    facts = {(r[0], r[1]) for r in database.execute("select metric, value from facts")}
    assert ("labor_remuneration_yuan", 405000000.0) in facts
    assert ("labor_remuneration_yuan", 2436000000.0) in facts
    assert ("investment_yuan", 4800000000.0) in facts
    table_facts = database.execute(
        "select count(*) from facts where origin = 'table'").fetchone()[0]
    assert table_facts >= 8


def test_demo_database_serves_facts_in_datasette(demo_db):
    ds = make_datasette(demo_db[0])
    response = run_async(ds.client.get(f"/{demo_db[0].stem}/facts.json?_shape=array"))
    assert response.status_code == 200
    assert len(response.json()) > 20


def test_demo_source_is_named_for_the_sample_site_not_a_port(demo_db):
    database = store.open_db(demo_db[0])
    assert [r[0] for r in database.execute("select id from sources")] == ["sample-site"]
    assert database.execute(
        "select count(*) from documents where source_id != 'sample-site'").fetchone()[0] == 0


def test_demo_publishes_figures_counted_once(demo_db):
    database = store.open_db(demo_db[0])
    documents, facts = database.execute(
        "select documents, facts from figures where metric = 'labor_remuneration_yuan' "
        "and place_code = '433100' and year = '2023' and value = 405000000").fetchone()
    assert documents >= 3 and facts >= 4  # articles and the PDF table row: one figure
    assert database.execute("select count(*) from fact_evidence").fetchone()[0] == \
        database.execute("select count(*) from facts").fetchone()[0]


def test_demo_database_is_downloadable_when_served_immutable(demo_db):
    ds = make_datasette(demo_db[0], immutable=True)
    name = demo_db[0].stem
    assert f'href="/{name}.db"' in run_async(ds.client.get(f"/{name}")).text
    download = run_async(ds.client.get(f"/{name}.db"))
    assert download.status_code == 200 and download.content.startswith(b"SQLite format 3")
