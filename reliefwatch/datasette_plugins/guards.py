"""Limits that keep a public instance up: cell and response size caps, Excel-safe CSV.

SQLite finishes ``select printf('%.*c', 900000000, 'x')`` fast; the damage is the 900 MB value
and the response built from it. A connection therefore refuses values over ``CELL_LIMIT``
(SQLite's own length limit, so the value is never made) and a query whose rows add up to more
than ``RESPONSE_LIMIT`` (counted as rows are fetched, before any response is rendered).
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

CELL_LIMIT = 8_000_000  # bytes in one value: a long PDF's text fits, 900 MB of 'x' does not
RESPONSE_LIMIT = 40_000_000  # characters in the rows of one query
BOM = "\ufeff".encode()

_fetched: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class ResponseTooLarge(sqlite3.DataError):
    """Raised while fetching rows once a query's rows exceed the response limit."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes)) else 8


def capped_row_factory(limit: int = RESPONSE_LIMIT) -> Callable:
    """A ``sqlite3.Row`` factory that stops a query whose rows grow past ``limit``."""

    def factory(cursor: sqlite3.Cursor, values: tuple) -> sqlite3.Row:
        total = _fetched.get(cursor, 0) + sum(_size(v) for v in values)
        if total > limit:
            raise ResponseTooLarge(
                f"This query's results exceed {limit // 1_000_000} MB: add a LIMIT, select "
                "fewer columns, or use substr() on long text")
        _fetched[cursor] = total
        return sqlite3.Row(cursor, values)

    return factory


MMAP_BYTES = 2**31  # read pages straight from the OS cache: faster lookups on large tables


def limit_connection(conn: sqlite3.Connection, cell_limit: int = CELL_LIMIT,
                     response_limit: int = RESPONSE_LIMIT) -> None:
    """Cap one value's size (in SQLite) and one query's total rows (while fetching)."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, cell_limit)
    conn.row_factory = capped_row_factory(response_limit)
    conn.execute(f"pragma mmap_size = {MMAP_BYTES}")


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def read_only(app: Callable) -> Callable:
    """ASGI wrapper: only GET, HEAD and OPTIONS reach Datasette; anything else is 405.

    The instance publishes no writable canned query, so no request needs another method.
    """

    async def wrapped(scope: dict, receive: Callable, send: Callable[[dict], Awaitable]):
        if scope.get("type") == "http" and scope.get("method", "GET") not in SAFE_METHODS:
            body = b"This ReliefWatch instance is read-only."
            await send({"type": "http.response.start", "status": 405, "headers": [
                (b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD"),
                (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return wrapped


CHUNK = 64 * 1024


def bom_csv(app: Callable) -> Callable:
    """ASGI wrapper: every ``.csv`` response starts with a UTF-8 byte order mark.

    Excel reads a CSV without one as the local code page and shows Chinese as mojibake. The
    mark goes before the first body chunk, so streamed downloads (``_stream=on``) get it too.
    Datasette streams one message per row; they are sent on in 64 KB chunks, which makes a
    streamed download several times faster over HTTP.
    """

    async def wrapped(scope: dict, receive: Callable, send: Callable[[dict], Awaitable]):
        if scope.get("type") != "http" or not scope.get("path", "").endswith(".csv"):
            await app(scope, receive, send)
            return
        state: dict[str, Any] = {"csv": False, "buffer": bytearray(), "started": False}

        async def send_with_bom(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers") or []
                state["csv"] = message.get("status") == 200
                if state["csv"]:
                    state["buffer"] += BOM
                    message = {**message, "headers": [
                        (k, str(int(v) + len(BOM)).encode() if k.lower() == b"content-length"
                         else v) for k, v in headers]}
                await send(message)
                return
            if message["type"] != "http.response.body" or not state["csv"]:
                await send(message)
                return
            body = message.get("body", b"")
            if not state["started"] and body.startswith(BOM):
                body = body[len(BOM):]
            state["started"] = True
            state["buffer"] += body
            more = message.get("more_body", False)
            if len(state["buffer"]) >= CHUNK or not more:
                chunk, state["buffer"] = bytes(state["buffer"]), bytearray()
                await send({"type": "http.response.body", "body": chunk, "more_body": more})

        await app(scope, receive, send_with_bom)

    return wrapped
