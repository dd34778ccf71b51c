"""Checks of the demo's bundled sample site (reliefwatch/sample_site/) itself."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import urllib.request
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import pdfplumber
import pytest

from reliefwatch.sitehost import serve_site

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "reliefwatch" / "sample_site"
HOST = "http://sample.test"
HEADERS: dict[str, dict] = json.loads((SITE / "_headers.json").read_text("utf-8"))
PAGES = sorted("/" + p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html"))
GOV_ARTICLE = re.compile(r"^/xxz/zwgk/gzdt/(\d{6})/t(\d{8})_\d+\.html$")
EN_ARTICLE = re.compile(r"^/en/a/(\d{6})/(\d{2})/WS[0-9a-f]{24}\.html$")
XIANGXI_COUNTIES = {"吉首市", "泸溪县", "凤凰县", "花垣县", "保靖县", "古丈县", "永顺县", "龙山县"}
WHATWG = {"gb2312": "gbk", "gbk": "gbk", "utf-8": "utf-8"}  # browsers read gb2312 as GBK


class Links(HTMLParser):
    """Collects link targets (with their anchor text for <a>) from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        target = found.get("href") or found.get("src")
        if tag in {"a", "link", "img", "script", "iframe"} and target:
            self.links.append((target, ""))
            self._open = target if tag == "a" else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            target, text = self.links[-1]
            self.links[-1] = (target, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = None


def header_charset(path: str) -> str | None:
    content_type = HEADERS.get(path, {}).get("headers", {}).get("Content-Type", "")
    match = re.search(r"charset=([\w-]+)", content_type)
    return match.group(1).lower() if match else None


def meta_charset(body: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", body[:2048], re.I)
    return match.group(1).decode().lower() if match else None


def read(path: str) -> bytes:
    return (SITE / path.lstrip("/")).read_bytes()


def text(path: str) -> str:
    body = read(path)
    label = header_charset(path) or meta_charset(body) or "gbk"
    return body.decode(WHATWG[label])


def local_file(url: str) -> Path | None:
    """The file a same-site URL is served from (as reliefwatch.sitehost maps it), else None."""
    path = urlsplit(url).path
    target = SITE / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def links(path: str) -> list[tuple[str, str]]:
    parser = Links()
    parser.feed(text(path))
    return [(urljoin(HOST + path, href), label.strip()) for href, label in parser.links]


def internal(path: str) -> list[tuple[str, str]]:
    return [(u, t) for u, t in links(path) if u.startswith(HOST + "/")]


def test_every_page_decodes_with_its_declared_charset() -> None:
    kinds: dict[str, list[str]] = {"header": [], "meta": [], "both": [], "none": []}
    for path in PAGES:
        body = read(path)
        head, meta = header_charset(path), meta_charset(body)
        if head and meta:
            assert WHATWG[head] == WHATWG[meta], path
        kinds["both" if head and meta else "header" if head else "meta" if meta else "none"].append(
            path)
        if path.startswith("/xxz/"):
            with pytest.raises(UnicodeDecodeError):
                body.decode("utf-8")
            assert "湘西" in body.decode("gbk"), path
        else:
            assert (head or meta) == "utf-8", path
        if head or meta:
            body.decode(WHATWG[head or meta])
    assert kinds["none"] == ["/xxz/zwgk/gzdt/202409/t20240929_2388.html"]
    assert any(GOV_ARTICLE.match(p) for p in kinds["header"])
    assert any(GOV_ARTICLE.match(p) for p in kinds["meta"])


def test_a_gb2312_label_hides_gbk_only_characters() -> None:
    labelled = [p for p in PAGES if meta_charset(read(p)) == "gb2312" and not header_charset(p)]
    trap = []
    for path in labelled:
        try:
            read(path).decode("gb2312")
        except UnicodeDecodeError:
            trap.append(path)
    assert trap, "expected a gb2312-labelled page that only decodes as GBK"
    for path in trap:
        read(path).decode("gbk")


def test_server_sends_declared_content_types() -> None:
    with serve_site(SITE) as server:
        def content_type(path: str) -> str:
            with urllib.request.urlopen(server.base_url + path) as response:
                return response.headers["Content-Type"]

        assert content_type("/xxz/zwgk/gzdt/") == "text/html; charset=gbk"
        assert "charset" not in content_type("/xxz/zwgk/gzdt/202409/t20240929_2388.html")
        assert "charset" not in content_type("/xxz/zwgk/gzdt/202508/t20250821_4417.html")
        assert content_type("/xxz/zwgk/gzdt/202404/P020240411583920174216.pdf") == (
            "application/pdf")


def test_every_internal_link_resolves_to_a_file() -> None:
    missing = [(page, url) for page in PAGES for url, _ in internal(page)
               if not local_file(url).is_file()]
    assert missing == []


def test_links_are_relative_or_root_relative() -> None:
    for path in PAGES:
        parser = Links()
        parser.feed(text(path))
        for href, _ in parser.links:
            assert "127.0.0.1" not in href and "localhost" not in href, (path, href)


def follow(start: str, label: str) -> list[str]:
    """List pages reached from ``start`` through links whose text is ``label``."""
    pages = [start]
    while True:
        nxt = [u for u, t in internal(pages[-1]) if t == label]
        if not nxt:
            return pages
        pages.append(urlsplit(nxt[0]).path)
        assert len(pages) < 10


def test_gov_column_paginates_to_every_article() -> None:
    pages = follow("/xxz/zwgk/gzdt/index.html", "下一页")
    assert pages == ["/xxz/zwgk/gzdt/index.html", "/xxz/zwgk/gzdt/index_1.html",
                     "/xxz/zwgk/gzdt/index_2.html"]
    for n, page in enumerate(pages):
        assert f"createPageHTML({len(pages)}, {n}, \"index\", \"html\")" in text(page)
    listed = {urlsplit(u).path for p in pages for u, _ in internal(p)
              if GOV_ARTICLE.match(urlsplit(u).path)}
    articles = {p for p in PAGES if GOV_ARTICLE.match(p)}
    assert listed == articles and len(articles) >= 6
    assert follow(pages[-1], "上一页") == pages[::-1]


def test_english_column_paginates_with_next() -> None:
    pages = follow("/en/hechi/stories/index.html", "Next")
    assert pages == ["/en/hechi/stories/index.html", "/en/hechi/stories/page_2.html"]
    listed = {urlsplit(u).path for p in pages for u, _ in internal(p)
              if EN_ARTICLE.match(urlsplit(u).path)}
    assert listed == {p for p in PAGES if EN_ARTICLE.match(p)}  # sidebar reaches Xiangxi
    xiangxi = {urlsplit(u).path for u, _ in internal("/en/hunan/xiangxi/index.html")}
    assert xiangxi & listed


def meta_content(html: str, attr: str, name: str) -> str:
    match = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', html)
    assert match, name
    return match.group(1)


@pytest.mark.parametrize("path", [p for p in PAGES if GOV_ARTICLE.match(p)])
def test_gov_article_carries_trs_metadata(path: str) -> None:
    html = text(path)
    yyyymm, ymd = GOV_ARTICLE.match(path).groups()
    pubdate = meta_content(html, "name", "PubDate")
    assert datetime.strptime(pubdate, "%Y-%m-%d %H:%M").strftime("%Y%m%d") == ymd
    assert ymd.startswith(yyyymm)
    title = meta_content(html, "name", "ArticleTitle")
    assert f'<h1 class="title">{title}</h1>' in html
    source = meta_content(html, "name", "ContentSource")
    assert f"发布时间：{pubdate}" in html and f"来源：{source}" in html
    assert '<div class="TRS_Editor">' in html and "相关链接" in html
    assert "ICP备" in html and "公网安备" in html
    related = [u for u, _ in internal(path) if GOV_ARTICLE.match(urlsplit(u).path)]
    assert related and all(ymd not in u for u in related)


@pytest.mark.parametrize("path", [p for p in PAGES if EN_ARTICLE.match(p)])
def test_english_article_carries_press_metadata(path: str) -> None:
    html = text(path)
    yyyymm, dd = EN_ARTICLE.match(path).groups()
    title = meta_content(html, "property", "og:title")
    assert f'<h1 class="dabiaoti">{title}</h1>' in html
    updated = re.search(r"Updated: (\d{4}-\d{2}-\d{2}|\w{3} \d{1,2}, \d{4})", html).group(1)
    fmt = "%Y-%m-%d" if updated[0].isdigit() else "%b %d, %Y"
    assert datetime.strptime(updated, fmt).strftime("%Y%m%d") == yyyymm + dd
    assert "<figcaption>" in html and "Related Stories" in html and "Copyright &copy;" in html


def bulletin_rows() -> list[list[str]]:
    pdfs = list(SITE.rglob("*.pdf"))
    assert len(pdfs) == 1
    with pdfplumber.open(pdfs[0]) as pdf:
        assert "以工代赈项目实施情况" in pdf.pages[0].extract_text()
        tables = [t for page in pdf.pages for t in page.extract_tables()]
    found = [t for t in tables if t and "县市区" in t[0]]
    assert len(found) == 1
    return found[0]


def test_pdf_table_adds_up_and_matches_the_article() -> None:
    header, *rows, total = bulletin_rows()
    assert header[0] == "序号" and len(header) == 6
    assert {r[1] for r in rows} == XIANGXI_COUNTIES and total[1] == "合计"
    sums = [sum(int(r[c]) for r in rows) for c in range(2, 6)]
    assert sums == [int(v) for v in total[2:]]
    linking = [p for p in PAGES for u, _ in internal(p) if u.endswith(".pdf")]
    article = text(linking[0])
    assert f"实施以工代赈项目{sums[0]}个" in article
    people = float(re.search(r"带动([\d.]+)万名群众务工", article).group(1))
    pay = float(re.search(r"发放劳务报酬([\d.]+)亿元", article).group(1))
    assert round(people * 10000) == sums[2] and round(pay * 10000) == sums[3]


def test_robots_allows_the_site_but_not_admin() -> None:
    robots = RobotFileParser()
    robots.parse((SITE / "robots.txt").read_text("utf-8").splitlines())
    for path in PAGES:
        assert robots.can_fetch("ReliefWatch", HOST + path) != path.startswith("/admin/"), path
    assert any(urlsplit(u).path == "/admin/" for p in PAGES for u, _ in internal(p))


def test_site_stays_small() -> None:
    assert sum(p.stat().st_size for p in SITE.rglob("*") if p.is_file()) < 1_000_000


def test_generator_reproduces_the_committed_pages(tmp_path: Path) -> None:
    script = REPO / "tools" / "build_sample_site.py"
    spec = importlib.util.spec_from_file_location("build_sample_site", script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    files = module.build(tmp_path, pdf=False)
    committed = {"/" + p.relative_to(SITE).as_posix() for p in SITE.rglob("*")
                 if p.is_file() and p.suffix not in {".pdf", ".md"}}
    assert set(files) == committed
    for path, data in files.items():
        assert read(path) == data, path


@pytest.mark.shared
def test_no_seed_sentence_is_copied(shared_dir: Path) -> None:
    site = "\n".join(text(p) for p in PAGES)
    for seed in (shared_dir / "corpus" / "seeds").glob("*.txt"):
        for sentence in re.split(r"[.。!?！？；;\n]", seed.read_text("utf-8")):
            sentence = sentence.strip()
            if len(sentence) >= 25:
                assert sentence not in site, (seed.name, sentence)
