"""Error pages that never fail themselves.

Datasette 0.65's default handler prints a rich traceback first, and rich refuses to do so
outside an ``except`` block, which is where Datasette calls it for a page that does not exist:
with rich installed (spaCy brings it), every 404 became a 500. This handler answers the same
way (JSON for ``.json`` paths, the ``error.html`` template otherwise) without that step, and
replaces the default one.
"""

from __future__ import annotations

import logging
from typing import Any

from datasette.plugins import pm
from datasette.utils import add_cors_headers
from datasette.utils.asgi import Base400, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup

DEFAULT_HANDLER = "datasette.handle_exception"
log = logging.getLogger(__name__)


def replace_default_handler() -> None:
    if pm.has_plugin(DEFAULT_HANDLER):
        pm.unregister(name=DEFAULT_HANDLER)


async def error_response(datasette: Any, request: Any, exception: Exception) -> Response:
    title = None
    info: dict[str, Any] = {}
    if isinstance(exception, Base400):
        status = exception.status
        message = exception.args[0] if exception.args else "Error"
    elif isinstance(exception, DatasetteError):
        status, info, title = exception.status, dict(exception.error_dict), exception.title
        message = Markup(exception.message) if exception.message_is_html else exception.message
    else:
        status, message = 500, str(exception)
        log.error("error serving %s", request.path, exc_info=exception)
    info.update({"ok": False, "error": message, "status": status, "title": title})
    headers: dict[str, str] = {}
    if datasette.cors:
        add_cors_headers(headers)
    if request.path.endswith(".json"):
        return Response.json(info, status=status, headers=headers)
    template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
    html = await template.render_async({
        **info, "urls": datasette.urls, "app_css_hash": datasette.app_css_hash(),
        "menu_links": lambda: []})
    return Response.html(html, status=status, headers=headers)
