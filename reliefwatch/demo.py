"""``reliefwatch demo``: the whole pipeline on the bundled sample site, over loopback."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import db as store
from reliefwatch import pipeline
from reliefwatch.sitehost import serve_site

# Column pages of the sample site, as a researcher would give them to `crawl --start-url`.
START_PATHS = (
    "/xxz/zwgk/gzdt/index.html", "/en/hechi/stories/index.html", "/en/hunan/xiangxi/index.html",
)
DEMO_DB = Path("data/demo/reliefwatch.db")
# Loopback needs no politeness delay; robots.txt is still obeyed.
LOOPBACK_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}


def sample_site_root() -> Path:
    return Path(str(resources.files("reliefwatch") / "sample_site"))


def free_port(preferred: int) -> int:
    """``preferred`` if it is free on 127.0.0.1, else any free port."""
    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise OSError("no free port on 127.0.0.1")


def reset_demo_database(db_path: Path) -> None:
    """Remove a previous demo database and its archive (only at the default demo path)."""
    if db_path.resolve() != DEMO_DB.resolve():
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(db_path.parent / "archive", ignore_errors=True)


def run_demo(
    db_path: Path, echo: Callable[[str], None] = print, settings: dict | None = None
) -> dict:
    """Serve the sample site, crawl it with the real spider, extract facts; return a summary."""
    from crawlers.api import crawl

    reset_demo_database(db_path)
    with serve_site(sample_site_root()) as site:
        echo(f"Sample site serving at {site.base_url}/")
        summary = crawl(
            db_path, start_urls=[site.base_url + p for p in START_PATHS],
            settings={**LOOPBACK_SETTINGS, **(settings or {})},
        )
        base_url = site.base_url
    echo(f"Crawled: {summary.pages_fetched} pages, {summary.documents_new} new documents, "
         f"{summary.errors} errors (run {summary.run_id}, {summary.status})")
    database = store.open_db(db_path)
    name_sample_source(database, base_url)
    result = pipeline.extract_documents(database)
    report = demo_report(database)
    echo(f"Documents: {report['documents']} ({report['pdfs']} PDF, "
         f"{report['relevant']} relevant)")
    echo(f"Facts: {report['facts']}")
    for metric, count in report["by_metric"]:
        echo(f"  {metric:26} {count}")
    report["extracted_documents"] = result.documents
    database.execute("pragma journal_mode = delete")  # one file, ready to be served immutable
    database.close()
    return report


SAMPLE_SOURCE = {
    "id": "sample-site", "name": "ReliefWatch sample site (bundled copies of public pages)",
    "publisher": None, "base_url": "reliefwatch/sample_site/", "lang": None,
}


def name_sample_source(database, base_url: str) -> None:
    """Give the sample site one lasting source, not one named after this run's random port."""
    host = base_url.split("://", 1)[-1].rstrip("/")
    old = [r[0] for r in database.execute(
        "select id from sources where id = ? or base_url like ?", [host, base_url + "%"])]
    with database.conn:
        database.table("sources").upsert(SAMPLE_SOURCE, pk="id")
        for source_id in old:
            database.execute("update documents set source_id = ? where source_id = ?",
                             [SAMPLE_SOURCE["id"], source_id])
            database.execute("delete from source_crawl_state where source_id = ?", [source_id])
            database.execute("delete from sources where id = ?", [source_id])


def demo_report(database) -> dict:
    """Counts for the demo's closing summary."""
    one = lambda sql: database.execute(sql).fetchone()[0]  # noqa: E731 - tiny local helper
    return {
        "documents": one("select count(*) from documents"),
        "pdfs": one("select count(*) from documents where content_type like '%pdf%'"),
        "relevant": one("select count(*) from documents where relevant = 1"),
        "facts": one("select count(*) from facts"),
        "by_metric": database.execute(
            "select metric, count(*) from facts group by metric order by 2 desc, 1"
        ).fetchall(),
    }
