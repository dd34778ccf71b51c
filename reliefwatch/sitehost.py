"""Serve a folder of captured pages on 127.0.0.1, bytes and headers exactly as stored.

Used by ``reliefwatch demo`` (the bundled sample site) and by the tests (fixture sites).
A folder may hold ``_headers.json`` mapping a URL path to a dict with optional ``status``,
``headers`` (sent as given, e.g. a ``Content-Type`` with or without a charset), ``delay``
(seconds before answering), ``truncate`` (send only that many bytes of the body and close),
``body`` (a UTF-8 text to send) and ``file`` (a file of the folder to send, bytes as stored).
A rule's key is a path, or a path with its query for an answer to that query only.
Paths not in the map are served from files with a Content-Type guessed from the extension;
``/dir/`` serves ``/dir/index.html``. Every request path is logged in ``server.requests``.
"""

from __future__ import annotations

import json
import mimetypes
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = Path(root).resolve()
        overrides = self.root / "_headers.json"
        self.overrides: dict[str, dict] = (
            json.loads(overrides.read_text("utf-8")) if overrides.exists() else {}
        )
        self.requests: list[str] = []
        super().__init__((host, port), SiteHandler)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class SiteHandler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self._answer(send_body=False)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        raw_path = urlsplit(self.path).path
        self.server.requests.append(self.path)
        path = unquote(raw_path)
        rule = self.server.overrides.get(path) or self.server.overrides.get(self.path) or {}
        if rule.get("delay"):
            time.sleep(float(rule["delay"]))
        file = self._file_for(rule["file"]) if "file" in rule else self._file_for(path)
        status = int(rule.get("status", 200 if file else 404))
        body = file.read_bytes() if file else b"<html><body><h1>404 Not Found</h1></body></html>"
        if "body" in rule:
            body = rule["body"].encode("utf-8")
        headers = dict(rule.get("headers") or {})
        if not any(k.lower() == "content-type" for k in headers):
            guessed = mimetypes.guess_type(file.name if file else "x.html")[0]
            headers["Content-Type"] = guessed or "application/octet-stream"
        truncate = rule.get("truncate")
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        if truncate is not None:
            self.send_header("Connection", "close")
        self.end_headers()
        if send_body:
            self.wfile.write(body[: int(truncate)] if truncate is not None else body)
        if truncate is not None:
            self.close_connection = True

    def _file_for(self, path: str) -> Path | None:
        candidate = (self.server.root / path.lstrip("/")).resolve()
        if self.server.root not in candidate.parents and candidate != self.server.root:
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if candidate.is_file() and candidate.name != "_headers.json":
            return candidate
        return None


@contextmanager
def serve_site(root: str | Path, host: str = "127.0.0.1", port: int = 0) -> Iterator[SiteServer]:
    """Serve ``root`` in a background thread for the duration of the ``with`` block."""
    server = SiteServer(Path(root), host, port)
    thread = threading.Thread(target=server.serve_forever, name="sitehost", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
