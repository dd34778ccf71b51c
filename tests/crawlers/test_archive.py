"""The WARC writer: records warcio reads back with valid digests, at the offsets returned."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse
from warcio.archiveiterator import ArchiveIterator

from crawlers.archive import KIND_HEADER, SOURCE_HEADER, WarcWriter, iter_captures


def test_records_carry_valid_digests_and_are_found_at_their_offsets(tmp_path):
    writer = WarcWriter(tmp_path / "run.warc.gz")
    offsets = {}
    for n, body in enumerate(["<html>示范县</html>".encode(), b"", b"%PDF-1.4 \x00\xff"]):
        url = f"http://127.0.0.1:8123/col/t20240101_{n}.html"
        response = HtmlResponse(url, body=body, status=200 if body else 404, headers={
            "Content-Type": "text/html; charset=utf-8", "Transfer-Encoding": "chunked",
            "X-Odd": "caf\xe9".encode("latin-1")})
        offsets[url] = writer.write(Request(url, headers={"User-Agent": "rw"}), response,
                                    {KIND_HEADER: "article", SOURCE_HEADER: "s", "X-Empty": ""})
        writer.flush()  # buffered: readable once flushed
        assert [c.url for c in iter_captures(tmp_path)][-1] == url
    writer.close()

    with open(tmp_path / "run.warc.gz", "rb") as fh:
        records = [(r.rec_type, r.digest_checker.passed)
                   for r in ArchiveIterator(fh, check_digests="raise")
                   if r.content_stream().read() is not None]
    assert records == [("request", True), ("response", True)] * 3
    captures = list(iter_captures(tmp_path))
    assert {c.url: c.warc_offset for c in captures} == offsets
    first = captures[0]
    assert (first.status, first.kind, first.source_id) == (200, "article", "s")
    assert first.body == "<html>示范县</html>".encode()
    assert first.headers == {"Content-Type": "text/html; charset=utf-8", "X-Odd": "caf%C3%A9"}
    assert captures[1].status == 404 and captures[1].body == b""


def test_a_commit_flushes_the_archive_first(tmp_path):
    """Documents point at WARC offsets: a batch commits only after its records are on disk."""
    from scrapy.crawler import Crawler

    from crawlers.archive import WarcArchiveMiddleware
    from crawlers.runner import build_settings
    from crawlers.spiders.generic import GenericSpider

    url = "http://127.0.0.1:8123/col/t20240101_1.html"
    settings = build_settings(tmp_path / "rw.db", tmp_path / "archive", 0)
    crawler = Crawler(GenericSpider, settings)  # not started: no reactor needed
    crawler.spider = GenericSpider.from_crawler(crawler, start_url="http://127.0.0.1:8123/col/")
    middleware = WarcArchiveMiddleware.from_crawler(crawler)
    middleware.opened()
    request = Request(url, meta={"rw_kind": "article", "rw_source": "127.0.0.1:8123"})
    middleware.process_response(request, HtmlResponse(url, body=b"<html>x</html>"))
    assert list(iter_captures(tmp_path / "archive")) == []  # still buffered
    crawler.spider.state.commit()
    assert [c.warc_offset for c in iter_captures(tmp_path / "archive")] == [
        request.meta["warc_offset"]]
    middleware.close()
