"""WARC archive: every response (HTML, PDF, robots.txt, error pages) as captured.

:class:`WarcArchiveMiddleware` sits next to the downloader, so it sees status, headers and body
before decompression, retries or redirects, and writes a request and a response record (gzip,
one file per run). The offset of the response record goes into ``request.meta`` so documents can
point back to their capture. :func:`iter_captures` reads the archive back without network.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders

logger = logging.getLogger(__name__)

KIND_HEADER = "WARC-ReliefWatch-Kind"
SOURCE_HEADER = "WARC-ReliefWatch-Source"
PARENT_HEADER = "WARC-ReliefWatch-Parent"
_HOP_BY_HOP = {"transfer-encoding", "connection", "keep-alive"}
GZIP_LEVEL = 6  # pages are small: a higher level saves little and costs time


def warc_name(run_id: int) -> str:
    return f"reliefwatch-run{run_id:06d}.warc.gz"


def _pairs(headers) -> list[tuple[str, str]]:
    pairs = []
    for key, values in headers.items():
        name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        for value in values:
            text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
            pairs.append((name, text))
    return pairs


def _digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_record(rec_type: str, uri: str, http_block: bytes, payload: bytes,
                extra: dict[str, str] | None = None) -> bytes:
    """One WARC/1.0 record (HTTP headers block + payload) as one gzip member.

    The same headers, digests (SHA-1, base32) and layout as warcio's ``WARCWriter``, built
    directly: warcio's record builder costs more than the rest of archiving a page.
    """
    block = http_block + payload
    headers = [*(extra or {}).items(),
               ("WARC-Type", rec_type), ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid4()}>"),
               ("WARC-Target-URI", uri),
               ("WARC-Date", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
               ("WARC-Payload-Digest", _digest(payload)), ("WARC-Block-Digest", _digest(block)),
               ("Content-Type", f"application/http; msgtype={rec_type}"),
               ("Content-Length", str(len(block)))]
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
    return packer.compress(head.encode("utf-8")) + packer.compress(block) + packer.compress(
        b"\r\n\r\n") + packer.flush()


class WarcWriter:
    """Appends request/response record pairs to one gzipped WARC file.

    Writes are buffered: :meth:`flush` hands them to the OS, and must run before a document
    pointing at a record is committed (:class:`WarcArchiveMiddleware` hooks it into the run's
    commits); a killed crawl may lose the last records, but only of responses whose documents
    and seen-URL marks were not committed either, so they are fetched again.
    """

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(path, "ab", buffering=1 << 20)  # noqa: SIM115 - closed in close()

    def write(self, request: Request, response: Response, extra: dict[str, str]) -> int:
        """Write both records; returns the response record's offset."""
        req_block = StatusAndHeaders(
            f"{request.method} {request.url} HTTP/1.1", _pairs(request.headers),
            is_http_request=True).to_ascii_bytes()
        headers = [(k, v) for k, v in _pairs(response.headers) if k.lower() not in _HOP_BY_HOP]
        resp_block = StatusAndHeaders(f"{response.status} {_reason(response.status)}", headers,
                                      protocol="HTTP/1.1").to_ascii_bytes()
        self._fh.write(warc_record("request", request.url, req_block, request.body or b""))
        offset = self._fh.tell()
        self._fh.write(warc_record("response", response.url, resp_block, response.body,
                                   {k: v for k, v in extra.items() if v}))
        return offset

    def flush(self) -> None:
        """Hand buffered records to the OS (they then survive a killed process)."""
        if self._fh.closed:
            return
        try:
            self._fh.flush()
        except OSError as exc:
            logger.error("could not flush %s: %s", self.path.name, exc)

    def close(self) -> None:
        self._fh.close()


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


class WarcArchiveMiddleware:
    """Downloader middleware archiving every response to ``RELIEFWATCH_WARC_PATH``."""

    def __init__(self, crawler: Crawler, path: Path | None):
        self.crawler = crawler
        self.writer = WarcWriter(path) if path else None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchiveMiddleware:
        path = crawler.settings.get("RELIEFWATCH_WARC_PATH")
        return cls(crawler, Path(path) if path else None)

    def process_response(self, request: Request, response: Response) -> Response:
        if self.writer is None:
            return response
        meta = request.meta
        try:
            offset = self.writer.write(request, response, {
                KIND_HEADER: meta.get("rw_kind") or "other",
                SOURCE_HEADER: meta.get("rw_source") or "",
                PARENT_HEADER: meta.get("rw_parent") or "",
            })
        except OSError as exc:  # a full disk must not lose the response itself
            logger.error("could not archive %s: %s", response.url, exc)
            return response
        meta["warc_file"] = self.writer.path.name
        meta["warc_offset"] = offset
        return response

    def opened(self, spider=None) -> None:
        """Flush the archive before each commit of the spider's run (documents point into it)."""
        state = getattr(self.crawler.spider, "state", None)
        if self.writer is not None and state is not None:
            state.before_commit.append(self.writer.flush)

    def close(self) -> None:
        if self.writer:
            self.writer.close()


@dataclass
class Capture:
    """One archived response."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    kind: str
    source_id: str
    parent_url: str | None
    warc_file: str
    warc_offset: int


def iter_captures(archive_dir: Path,
                  on_damage: Callable[[Path, Exception], None] | None = None,
                  ) -> Iterator[Capture]:
    """Responses in every WARC file of ``archive_dir``, oldest run first.

    A damaged file (cut short by a killed crawl, or corrupted) yields its complete records and
    stops there; ``on_damage(path, error)`` is told, so the damage can be recorded.
    """
    for path in sorted(archive_dir.glob("*.warc.gz")):
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            try:
                for record in records:
                    if record.rec_type != "response" or record.http_headers is None:
                        continue
                    body = record.content_stream().read()
                    headers = {k: v for k, v in record.http_headers.headers}
                    warc = record.rec_headers
                    yield Capture(
                        url=warc.get_header("WARC-Target-URI"),
                        status=int(record.http_headers.get_statuscode() or 0),
                        headers=headers, body=body,
                        kind=warc.get_header(KIND_HEADER) or "other",
                        source_id=warc.get_header(SOURCE_HEADER) or "",
                        parent_url=warc.get_header(PARENT_HEADER) or None,
                        warc_file=path.name, warc_offset=records.get_record_offset(),
                    )
            except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
                logger.warning("stopped reading %s at a damaged record: %s", path.name, exc)
                if on_damage is not None:
                    on_damage(path, exc)
                continue
        damage = gzip_damage(path) if on_damage is not None else None
        if damage:  # warcio stops quietly at a cut or corrupt member
            logger.warning("%s is damaged: %s", path.name, damage)
            on_damage(path, ValueError(damage))


def gzip_damage(path: Path) -> str | None:
    """Why a gzipped WARC file is damaged (corrupt data, cut inside a record), or None."""
    with open(path, "rb") as fh:
        member = zlib.decompressobj(zlib.MAX_WBITS + 16)
        started = False
        while chunk := fh.read(1 << 20):
            data = chunk
            while data:
                started = True
                try:
                    member.decompress(data)
                except zlib.error as exc:
                    return f"corrupt compressed data ({exc})"
                if not member.eof:
                    break
                data = member.unused_data
                member = zlib.decompressobj(zlib.MAX_WBITS + 16)
                started = False
    return "the file ends inside a record (cut short)" if started else None
