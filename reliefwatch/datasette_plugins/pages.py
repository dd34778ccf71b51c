"""Template data for our pages: the home page, a fact's and a document's page, the dictionary."""

from __future__ import annotations

from typing import Any

from datasette.utils import tilde_decode
from datasette.utils.asgi import Response

from reliefwatch.datasette_plugins.cells import format_value, highlight

# Home and database pages list what users need first and the gazetteer last.
TABLE_ORDER = ("figures", "fact_evidence", "documents", "figure_conflicts", "facts", "metrics",
               "sources", "document_aliases", "crawl_runs", "crawl_run_sources", "crawl_errors",
               "places", "place_names", "place_tree")
PLUGIN = "reliefwatch"


def full_text_allowed(config: dict | None, source_id: Any) -> bool:
    """The per-source rights setting (``plugins.reliefwatch.full_text`` in the metadata)."""
    if isinstance(source_id, dict):  # a label-expanded cell on a table page
        source_id = source_id.get("value")
    rights = (config or {}).get("full_text", {})
    return bool(rights.get("sources", {}).get(source_id or "", rights.get("default", True)))


def text_published(datasette: Any, source_id: Any) -> bool:
    """May this instance show the document's full text?"""
    return full_text_allowed(datasette.plugin_config(PLUGIN), source_id)


async def visible_tables(db: Any, meta: dict) -> list[str]:
    """The tables a reader sees, useful ones first, the gazetteer last, then any others."""
    tables = set(await db.table_names())
    hidden = set(await db.hidden_table_names())
    described = meta.get("tables", {})
    ordered = [t for t in TABLE_ORDER if t in tables and t not in hidden]
    return ordered + sorted(t for t in tables - hidden - set(ordered)
                            if not described.get(t, {}).get("hidden"))


async def _one(db: Any, sql: str, params: list | None = None) -> dict | None:
    rows = (await db.execute(sql, params or [])).rows
    return dict(rows[0]) if rows else None


async def home_vars(datasette: Any) -> dict:
    """Last crawl and refresh times, and the published tables in reading order."""
    databases = []
    for name, db in datasette.databases.items():
        if name.startswith("_"):
            continue
        tables = set(await db.table_names())
        counts = await db.table_counts(limit=10)
        meta = datasette.metadata(database=name) or {}
        described = meta.get("tables", {})
        ordered = await visible_tables(db, meta)
        crawl = updated = None
        if "crawl_runs" in tables:
            crawl = await _one(db, "select finished_at, status from crawl_runs "
                                   "where finished_at is not null order by id desc limit 1")
        if "schema_info" in tables:
            updated = await _one(db, "select value from schema_info where key = 'published_at'")
        databases.append({
            "name": name, "crawl": crawl, "updated": updated and updated["value"],
            "tables": [{"name": t, "count": counts.get(t),
                        "description": described.get(t, {}).get("description")}
                       for t in ordered],
            "queries": list((meta.get("queries") or {}).items()),
        })
    return {"rw_databases": databases}


async def database_vars(datasette: Any, database: str) -> dict:
    """The database page's tables in reading order (Datasette lists them alphabetically)."""
    db = datasette.get_database(database)
    names = set(await db.table_names())
    hidden = set(await db.hidden_table_names())
    counts = await db.table_counts(limit=10)
    ordered = [t for t in TABLE_ORDER if t in names and t not in hidden]
    ordered += sorted(names - hidden - set(ordered)) + sorted(hidden)
    return {"tables": [
        {"name": t, "columns": await db.table_columns(t), "count": counts.get(t),
         "hidden": t in hidden, "private": False}
        for t in ordered]}


async def row_vars(datasette: Any, database: str, table: str, request: Any) -> dict:
    """A fact's citation card, or a document's header and readable text."""
    pks = request.url_vars.get("pks") if request else None
    if not pks or table not in {"facts", "fact_evidence", "documents", "figures"}:
        return {}
    key = tilde_decode(pks)
    db = datasette.get_database(database)
    if table in {"facts", "fact_evidence"}:
        fact = await _one(db, "select * from fact_evidence where fact_id = ?", [key])
        if not fact:
            return {}
        fact["value_text"] = format_value(fact["value"], fact["unit"])
        fact["evidence_html"] = highlight(fact["sentence"] or "", fact["span"])
        fact["figure"] = await _one(db, "select id, label, documents, conflict, other_values "
                                        "from figures where id = ?", [fact["figure_id"]])
        return {"rw_fact": fact}
    if table == "figures":
        figure = await _one(db, "select * from figures where id = ?", [key])
        if figure:
            figure["value_text"] = format_value(figure["value"], figure["unit"])
        return {"rw_figure": figure} if figure else {}
    doc = await _one(
        db, "select d.id, d.title, d.published, d.publisher, d.url, d.lang, d.content_type, "
            "d.source_id, d.parent_id, d.text, s.name as source_name, p.title as parent_title, "
            "(select count(*) from facts where document_id = d.id) as facts "
            "from documents d left join sources s on s.id = d.source_id "
            "left join documents p on p.id = d.parent_id where d.id = ?", [key])
    if doc and not text_published(datasette, doc["source_id"]):
        doc["text"] = None
        doc["text_withheld"] = True
    return {"rw_document": doc} if doc else {}


async def dictionary(datasette: Any) -> Response:
    """``/-/dictionary``: every published table and column with its description."""
    sections = []
    for name, db in datasette.databases.items():
        if name.startswith("_"):
            continue
        meta = datasette.metadata(database=name) or {}
        tables = await visible_tables(db, meta)
        entries = []
        for table in tables:
            described = meta.get("tables", {}).get(table, {})
            columns = described.get("columns", {})
            entries.append({
                "name": table, "description": described.get("description") or "",
                "columns": [(c, columns.get(c, "")) for c in await db.table_columns(table)],
            })
        metrics = []
        if "metrics" in await db.table_names():
            metrics = [dict(r) for r in (await db.execute(
                "select name, unit, description_en, description_zh from metrics order by name"
            )).rows]
        sections.append({"database": name, "tables": entries, "metrics": metrics})
    html = await datasette.render_template("rw_dictionary.html", {"sections": sections})
    return Response.html(html)
