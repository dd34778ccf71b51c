"""ReliefWatch's Datasette plugin: one search behaviour, readable values, safe limits.

Registered through the ``datasette`` entry point in ``pyproject.toml`` (so ``datasette``
itself, ``reliefwatch serve`` and tests all load it from the installed package, with its
``templates/`` and ``static/``; ``--plugins-dir`` would load loose files without them).
:func:`reliefwatch.publish.make_datasette` also registers it if the entry point is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from datasette import hookimpl

from db.search import match_expression, register_functions
from reliefwatch.datasette_plugins import cells, errors, guards, pages


@hookimpl(trylast=True)
def prepare_connection(conn: Any) -> None:
    # trylast: runs after Datasette's own escape_fts, which ours replaces, so every search box
    # (facts, fact_evidence, documents) and the canned queries search the same way.
    register_functions(conn)
    conn.create_function("escape_fts", 1, match_expression, deterministic=True)
    guards.limit_connection(conn)


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, datasette: Any):
    if table == "documents" and column == "text" and value:
        keys = row.keys() if hasattr(row, "keys") else []
        if "source_id" in keys and not pages.text_published(datasette, row["source_id"]):
            return cells.Markup("<em>full text not published for this source: "
                                "see the original URL</em>")
    return cells.render(row, value, column, table)


@hookimpl
def asgi_wrapper() -> Any:
    return lambda app: guards.read_only(guards.bom_csv(app))


@hookimpl
def extra_template_vars(template: str, database: str | None, table: str | None,
                        view_name: str, request: Any, datasette: Any):
    async def inner() -> dict:
        if template == "index.html":
            return await pages.home_vars(datasette)
        if template == "database.html" and database:
            return await pages.database_vars(datasette, database)
        if view_name == "row" and database and table:
            return await pages.row_vars(datasette, database, table, request)
        return {}

    return inner


@hookimpl
def register_routes() -> list:
    async def dictionary(datasette: Any) -> Any:
        return await pages.dictionary(datasette)

    async def stylesheet() -> Any:
        from datasette.utils.asgi import Response

        css = (Path(__file__).parent / "static" / "reliefwatch.css").read_text("utf-8")
        return Response(css, content_type="text/css; charset=utf-8")

    return [(r"^/-/dictionary$", dictionary), (r"^/-/reliefwatch\.css$", stylesheet)]


@hookimpl
def menu_links(datasette: Any) -> list[dict]:
    return [{"href": datasette.urls.path("/-/dictionary"), "label": "Data dictionary"}]


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path("/-/reliefwatch.css")]


@hookimpl
def startup() -> None:
    errors.replace_default_handler()


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: Exception):
    async def inner() -> Any:
        return await errors.error_response(datasette, request, exception)

    return inner
