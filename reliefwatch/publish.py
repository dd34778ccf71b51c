"""Publishing with Datasette: metadata, settings, the app, and a server.

Two ways to serve (``reliefwatch serve``):

* local (default): the live database, read-only and mutable, so a scheduled run may write to
  it while you browse; the file cannot be downloaded (Datasette serves only immutable files).
* ``--public``: a snapshot (``<db>.published/<name>.db``, made with ``VACUUM INTO``, with the
  full text of sources whose rights forbid it removed) served immutable with an inspect file:
  nothing counts tables per request, the database file is downloadable, and the live
  database stays free for the next run.

Both: SQL time limit, one value and one response capped (``datasette_plugins.guards``), CORS
off unless asked for, robots blocked unless allowed, no write endpoint, the WARC archive never
mounted.
"""

from __future__ import annotations

import json
import sqlite3
from importlib import resources
from pathlib import Path
from typing import Any

from datasette.app import Datasette
from datasette.plugins import pm

from reliefwatch.dashboards import dashboards
from reliefwatch.datasette_plugins import pages

METADATA_NAME = "datasette_metadata.json"
DEFAULT_DB_NAME = "reliefwatch"
SETTINGS = {
    "sql_time_limit_ms": 3000,
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "facet_time_limit_ms": 400,
    "suggest_facets": False,  # a full-scan probe per column on every page (3.4 s at 1 M facts)
    "allow_download": True,
    "allow_csv_stream": True,
    "max_csv_mb": 0,  # whole tables stream (keyset paging on a primary key, no memory growth)
    "truncate_cells_html": 400,
    "num_sql_threads": 6,  # cheap requests keep a thread while slow ones run
}


def metadata_path() -> Path:
    """The project's ``datasette_metadata.json`` (repo root, or the copy shipped in the package)."""
    repo_copy = Path(__file__).resolve().parent.parent / METADATA_NAME
    if repo_copy.exists():
        return repo_copy
    return Path(str(resources.files("reliefwatch") / METADATA_NAME))


def load_metadata(db_path: str | Path, allow_robots: bool = False) -> dict[str, Any]:
    """Metadata for the file actually served: its database name, dashboards, plugin settings."""
    metadata = json.loads(metadata_path().read_text("utf-8"))
    name = Path(db_path).stem
    databases = metadata.get("databases", {})
    if DEFAULT_DB_NAME in databases and name != DEFAULT_DB_NAME:
        databases[name] = databases.pop(DEFAULT_DB_NAME)
    text = json.dumps(metadata, ensure_ascii=False).replace(
        f"/{DEFAULT_DB_NAME}/", f"/{name}/")  # links in descriptions
    metadata = json.loads(text)
    plugins = metadata.setdefault("plugins", {})
    plugins["datasette-dashboards"] = dashboards(name)
    if allow_robots:
        plugins["datasette-block-robots"] = {"literal": "User-agent: *\nAllow: /"}
    return metadata


def ensure_plugin_registered() -> None:
    """Our plugin, even where the package's entry point was not installed (an old venv)."""
    from reliefwatch import datasette_plugins

    if not pm.is_registered(datasette_plugins):
        pm.register(datasette_plugins, name="reliefwatch.datasette_plugins")


def make_datasette(db_path: str | Path, immutable: bool = False, cors: bool = False,
                   inspect_file: Path | None = None, allow_robots: bool = False) -> Datasette:
    """A Datasette instance over ``db_path`` (opened read-only) with the project's metadata."""
    ensure_plugin_registered()
    inspect_data = json.loads(inspect_file.read_text("utf-8")) if inspect_file else None
    return Datasette(
        [] if immutable else [str(db_path)], immutables=[str(db_path)] if immutable else [],
        metadata=load_metadata(db_path, allow_robots), settings=SETTINGS, cors=cors,
        inspect_data=inspect_data,
    )


def snapshot(db_path: Path, out_dir: Path | None = None) -> tuple[Path, Path]:
    """A consistent copy of ``db_path`` for immutable serving, and its inspect file.

    Full text of sources the rights setting withholds is removed from the copy (and from its
    search index); the live database keeps everything.
    """
    out_dir = out_dir or db_path.with_name(db_path.stem + ".published")
    out_dir.mkdir(parents=True, exist_ok=True)
    target, partial = out_dir / db_path.name, out_dir / (db_path.name + ".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(db_path) as source:
        source.execute("vacuum into ?", [str(partial)])
    _withhold_text(partial)
    partial.replace(target)
    inspect_file = out_dir / "inspect.json"
    inspect_file.write_text(json.dumps(_inspect(target), indent=1), "utf-8")
    return target, inspect_file


def _withhold_text(path: Path) -> None:
    import sqlite_utils

    from db.search import ensure_search_tables, update_document_search

    config = load_metadata(path).get("plugins", {}).get(pages.PLUGIN)
    db = sqlite_utils.Database(path)
    try:
        withheld = [s for (s,) in db.execute("select id from sources")
                    if not pages.full_text_allowed(config, s)]
        if withheld:
            marks = ", ".join("?" for _ in withheld)
            with db.conn:
                db.execute(f"update documents set text = null where source_id in ({marks})",
                           withheld)
            ensure_search_tables(db)
            with db.conn:
                update_document_search(db, rebuild=True)
        db.execute("pragma journal_mode = delete")
        db.execute("vacuum")
    finally:
        db.close()


def _inspect(path: Path) -> dict:
    """What ``datasette inspect`` writes (hash, size, table counts), by Datasette itself."""
    import asyncio
    import concurrent.futures

    from datasette.cli import inspect_

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # any loop may be running
        return pool.submit(asyncio.run, inspect_([str(path)], [])).result()


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001,
          public: bool = False, cors: bool = False, allow_robots: bool = False,
          immutable: bool = False) -> None:
    """Serve Datasette until interrupted (``public``: from an immutable snapshot)."""
    import uvicorn

    db_path, inspect_file = Path(db_path), None
    if public:
        db_path, inspect_file = snapshot(db_path)
    ds = make_datasette(db_path, immutable=public or immutable, cors=cors,
                        inspect_file=inspect_file, allow_robots=allow_robots)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
