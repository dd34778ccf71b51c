"""Write the demo's sample site (reliefwatch/sample_site/) from tools/sample_site_src/.

Run by hand: ``.venv/bin/python tools/build_sample_site.py [--out DIR] [--no-pdf]``.
Gov pages (TRS CMS style) are GBK-encoded; English pages (China Daily style) are UTF-8.
The PDF needs fpdf2 and a CJK TrueType font (fonts-wqy-zenhei); ``--no-pdf`` skips it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import struct
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tools" / "sample_site_src"
OUT = ROOT / "reliefwatch" / "sample_site"
GOV_COLUMN = "/xxz/zwgk/gzdt/"
GOV_PER_PAGE = 2
EN_PER_PAGE = 2
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
EN_COLUMNS = {
    "hechi": ("/en/hechi/stories/", "Hechi Stories", "Hechi Municipal Government"),
    "xiangxi": ("/en/hunan/xiangxi/", "Xiangxi", "China Daily"),
}
GBK_HEADER = {"headers": {"Content-Type": "text/html; charset=gbk"}}
UTF8_HEADER = {"headers": {"Content-Type": "text/html; charset=utf-8"}}
META_GB2312 = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />\n'
CHARSET_META = {
    "header-gbk": "",
    "meta-gb2312": META_GB2312,
    "meta5-gbk": '<meta charset="gbk" />\n',
    "none": "",
}


@dataclass
class Article:
    """One source article: header fields and paragraphs."""

    key: str
    meta: dict[str, str]
    paras: list[str] = field(default_factory=list)

    @property
    def date(self) -> datetime:
        return datetime.strptime(self.meta["date"], "%Y-%m-%d %H:%M")

    @property
    def day(self) -> str:
        return self.date.strftime("%Y-%m-%d")

    @property
    def gov_path(self) -> str:
        num = self.key.split("_")[1]
        return f"{GOV_COLUMN}{self.date:%Y%m}/t{self.date:%Y%m%d}_{num}.html"

    @property
    def en_path(self) -> str:
        digest = hashlib.sha1(self.key.encode()).hexdigest()[:16]
        return f"/en/a/{self.date:%Y%m/%d}/WS{int(self.date.timestamp()):08x}{digest}.html"


def read_article(path: Path) -> Article:
    """Parse ``key: value`` lines, a ``---`` line, then one paragraph per line."""
    head, _, body = path.read_text("utf-8").partition("\n---\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if line.strip())
    return Article(path.stem, meta, [p.strip() for p in body.splitlines() if p.strip()])


def load(kind: str) -> list[Article]:
    """Articles of one site, newest first."""
    items = [read_article(p) for p in (SRC / kind).glob("*.txt")]
    return sorted(items, key=lambda a: a.date, reverse=True)


def tpl(name: str, **values: object) -> str:
    return Template((SRC / "templates" / name).read_text("utf-8")).substitute(values)


def rel(from_path: str, to_path: str) -> str:
    """Relative link from one page to another, as a TRS CMS publishes them."""
    src, dst = from_path.split("/")[1:-1], to_path.split("/")[1:]
    common = 0
    while common < len(src) and common < len(dst) - 1 and src[common] == dst[common]:
        common += 1
    up = len(src) - common
    return ("./" if up == 0 else "../" * up) + "/".join(dst[common:])


def gov_page(body: str, title: str, charset: str, extra_meta: str = "") -> str:
    head = tpl("gov_head.html", charset_meta=CHARSET_META[charset], column="工作动态",
               extra_meta=extra_meta, page_title=title)
    return head + body + tpl("gov_foot.html")


def gov_item(page: str, art: Article) -> str:
    title = escape(art.meta["title"])
    return (f'      <li><a href="{rel(page, art.gov_path)}" target="_blank" title="{title}">'
            f"{title}</a><span>{art.day}</span></li>")


def gov_article(art: Article, others: list[Article]) -> str:
    m = art.meta
    extra = "".join(
        f'<meta name="{k}" content="{escape(v)}" />\n'
        for k, v in (("ArticleTitle", m["title"]), ("PubDate", m["date"]),
                     ("ContentSource", m["source"]), ("Keywords", m["keywords"]),
                     ("Description", art.paras[0][:60]))
    )
    body = "\n".join(f'<p style="text-indent: 2em;">{escape(p)}</p>' for p in art.paras)
    attachments = ""
    if "attachment" in m:
        href, label = m["attachment"].split("|")
        attachments = (f'<div class="fj"><p>附件：<a href="./{href}" target="_blank" '
                       f'OLDSRC="/protect/P0{art.date:%Y%m}/{href}">{escape(label)}</a></p></div>')
    related = "\n".join(gov_item(art.gov_path, o) for o in others)
    main = tpl("gov_article.html", title=escape(m["title"]), pubdate=m["date"],
               source=escape(m["source"]), body=body, attachments=attachments, related=related)
    return gov_page(main, f"{m['title']}_湘西土家族苗族自治州人民政府", m["charset"], extra)


def static_pager(index: int, count: int, name: str = "index") -> str:
    def page(i: int) -> str:
        return f"{name}.html" if i == 0 else f"{name}_{i}.html"

    parts = (["<span>首页</span>", "<span>上一页</span>"] if index == 0 else
             [f'<a href="{page(0)}">首页</a>', f'<a href="{page(index - 1)}">上一页</a>'])
    parts += (["<span>下一页</span>", "<span>尾页</span>"] if index == count - 1 else
              [f'<a href="{page(index + 1)}">下一页</a>', f'<a href="{page(count - 1)}">尾页</a>'])
    return "&nbsp;".join(parts) + f"&nbsp;共{count}页"


def build_gov(arts: list[Article], files: dict[str, bytes], headers: dict[str, dict]) -> None:
    """The prefecture portal: home, 政务公开, the paginated 工作动态 column, its articles."""
    for i, art in enumerate(arts):
        others = [arts[(i + k) % len(arts)] for k in (1, 2, 3)]
        files[art.gov_path] = gov_article(art, others).encode("gbk")
        if art.meta["charset"] == "header-gbk":
            headers[art.gov_path] = GBK_HEADER
        elif art.meta["charset"] == "none":
            headers[art.gov_path] = {"headers": {"Content-Type": "text/html"}}
    pages = [arts[i:i + GOV_PER_PAGE] for i in range(0, len(arts), GOV_PER_PAGE)]
    for n, chunk in enumerate(pages):
        path = GOV_COLUMN + ("index.html" if n == 0 else f"index_{n}.html")
        items = "\n".join(gov_item(path, a) for a in chunk)
        body = tpl("gov_list.html", items=items, page_count=len(pages), page_index=n,
                   static_pager=static_pager(n, len(pages)))
        files[path] = gov_page(body, "工作动态_湘西土家族苗族自治州人民政府",
                               "meta-gb2312").encode("gbk")
        headers[path] = GBK_HEADER
    headers[GOV_COLUMN] = GBK_HEADER
    for path, name in (("/xxz/index.html", "gov_home.html"), ("/xxz/zwgk/index.html",
                                                                "gov_zwgk.html")):
        items = "\n".join(gov_item(path, a) for a in arts[:4])
        files[path] = gov_page(tpl(name, items=items), "湘西土家族苗族自治州人民政府",
                               "meta-gb2312").encode("gbk")


def en_page(body: str, title: str, column: str, extra_meta: str = "") -> str:
    url, name, copyright_holder = EN_COLUMNS[column]
    head = tpl("en_head.html", page_title=escape(title), extra_meta=extra_meta,
               column_url=url, column_name=name)
    return head + body + tpl("en_foot.html", copyright=copyright_holder)


def en_item(art: Article) -> str:
    return (f'    <div class="tw3_01_2"><span class="tw3_01_2_p"><a href="{art.en_path}">'
            f'{escape(art.meta["title"])}</a></span><span class="tw3_01_2_t"><b>{art.day}'
            "</b></span></div>")


def en_article(art: Article, others: list[Article]) -> str:
    m = art.meta
    image = f"/en/img/{art.date:%Y%m/%d}/{Path(art.en_path).stem}.png"
    extra = "".join(
        f'<meta property="{k}" content="{escape(v)}">\n'
        for k, v in (("og:type", "article"), ("og:title", m["title"]),
                     ("og:description", m["description"]), ("og:image", image))
    ) + f'<meta name="description" content="{escape(m["description"])}">\n'
    body = "\n".join(f"      <p>{escape(p)}</p>" for p in art.paras)
    related = "\n".join(f'        <li><a href="{o.en_path}">{escape(o.meta["title"])}</a></li>'
                        for o in others)
    main = tpl("en_article.html", title=escape(m["title"]), byline=escape(m["byline"]),
               updated=m["updated"], image=image, caption=escape(m["caption"]), body=body,
               related=related)
    return en_page(main, f"{m['title']} - chinadaily.com.cn", m["column"], extra)


def en_pager(n: int, count: int) -> str:
    def page(i: int) -> str:
        return "index.html" if i == 0 else f"page_{i + 1}.html"

    parts = [] if n == 0 else [f'<a href="{page(n - 1)}">Previous</a>']
    parts += [f"<span>{i + 1}</span>" if i == n else f'<a href="{page(i)}">{i + 1}</a>'
              for i in range(count)]
    parts += [] if n == count - 1 else [f'<a href="{page(n + 1)}">Next</a>']
    return " ".join(parts)


def build_en(arts: list[Article], files: dict[str, bytes], headers: dict[str, dict]) -> None:
    """China Daily style regional columns, paginated, with UTF-8 articles and photos."""
    for art in arts:
        others = [o for o in arts if o is not art][:3]
        files[art.en_path] = en_article(art, others).encode("utf-8")
        color = hashlib.sha1(art.key.encode()).digest()[:3]
        files[f"/en/img/{art.date:%Y%m/%d}/{Path(art.en_path).stem}.png"] = png(color)
    for column, (url, name, _) in EN_COLUMNS.items():
        col = [a for a in arts if a.meta["column"] == column]
        sidebar = "\n".join(
            f'      <li><a href="{a.en_path}">{escape(a.meta["title"])}</a></li>'
            for a in arts if a.meta["column"] != column)
        pages = [col[i:i + EN_PER_PAGE] for i in range(0, len(col), EN_PER_PAGE)]
        for n, chunk in enumerate(pages):
            path = url + ("index.html" if n == 0 else f"page_{n + 1}.html")
            body = tpl("en_list.html", column_name=name, pager=en_pager(n, len(pages)),
                       items="\n".join(en_item(a) for a in chunk), sidebar=sidebar)
            files[path] = en_page(body, f"{name} - chinadaily.com.cn", column).encode("utf-8")
            headers[path] = UTF8_HEADER
        headers[url] = UTF8_HEADER
    home = tpl("en_home.html", items="\n".join(en_item(a) for a in arts[:3]))
    files["/en/index.html"] = en_page(home, "China Daily Regional", "hechi").encode("utf-8")


def png(rgb: bytes, width: int = 16, height: int = 10) -> bytes:
    """A tiny solid-colour PNG (the photos' stand-in)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = (b"\x00" + rgb * width) * height
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def build_misc(files: dict[str, bytes], headers: dict[str, dict]) -> None:
    """Root landing page, robots.txt, the admin page robots forbids, static assets."""
    for name, dest in (("style.css", "/xxz/css/style.css"), ("common.js", "/xxz/js/common.js"),
                       ("regional.css", "/en/css/regional.css")):
        files[dest] = (SRC / "static" / name).read_bytes()
    for dest, rgb in (("/xxz/images/logo.png", b"\xb4\x00\x00"),
                      ("/xxz/images/banner.png", b"\xc8\x64\x32"),
                      ("/xxz/images/gaba.png", b"\xdc\xb4\x3c"), ("/en/img/logo.png",
                                                                  b"\x00\x42\x76")):
        files[dest] = png(rgb)
    for dest in ("/index.html", "/admin/index.html", "/robots.txt"):
        files[dest] = (SRC / "static" / dest.strip("/").replace("/", "_")).read_bytes()
    headers["/robots.txt"] = {"headers": {"Content-Type": "text/plain; charset=utf-8"}}


def build(out: Path = OUT, pdf: bool = True) -> dict[str, bytes]:
    """Render every page into ``out``; returns the files written (path -> bytes)."""
    files: dict[str, bytes] = {}
    headers: dict[str, dict] = {}
    gov = load("gov")
    build_gov(gov, files, headers)
    build_en(load("en"), files, headers)
    build_misc(files, headers)
    files["/_headers.json"] = (json.dumps(dict(sorted(headers.items())), ensure_ascii=False,
                                          indent=1) + "\n").encode("utf-8")
    if pdf:
        for art in gov:
            if "attachment" in art.meta:
                href = art.meta["attachment"].split("|")[0]
                files[art.gov_path.rsplit("/", 1)[0] + "/" + href] = render_bulletin(
                    SRC / "bulletin.txt")
    for path, data in files.items():
        target = out / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return files


def render_bulletin(source: Path, font: Path = FONT) -> bytes:
    """The attachment: a heading, an intro paragraph and a ruled county table (fpdf2)."""
    from fpdf import FPDF  # test extra; only this hand-run step needs it

    head, _, table = source.read_text("utf-8").partition("\n---\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if line.strip())
    rows = [line.split("\t") for line in table.splitlines() if line.strip()]
    sums = [sum(int(r[c]) for r in rows[1:]) for c in range(2, len(rows[0]))]
    expected = [int(v) for v in meta["totals"].split("|")]
    if [sums[0], sums[2], sums[3]] != expected:
        raise ValueError(f"table sums {sums} disagree with totals {expected}")
    rows.append(["", "合计", *map(str, sums)])
    pdf = FPDF(format="A4")
    pdf.set_creation_date(datetime(2024, 4, 11, 9, 0))
    pdf.set_title(meta["title"])
    pdf.set_author(meta["signature"])
    pdf.add_font("zenhei", fname=str(font))
    pdf.add_font("zenhei", style="B", fname=str(font))
    pdf.add_page()
    pdf.set_font("zenhei", size=18)
    pdf.cell(0, 14, meta["title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("zenhei", size=11)
    pdf.multi_cell(0, 7, "    " + meta["intro"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("zenhei", size=10)
    with pdf.table(col_widths=(12, 26, 26, 32, 36, 36), text_align="CENTER",
                   line_height=8) as grid:
        for row in rows:
            grid.row(row)
    pdf.ln(3)
    pdf.set_font("zenhei", size=9)
    pdf.multi_cell(0, 6, meta["note"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("zenhei", size=11)
    for line in (meta["signature"], meta["signdate"]):
        pdf.cell(0, 7, line, align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF (needs a CJK font)")
    args = parser.parse_args()
    files = build(args.out, pdf=not args.no_pdf)
    print(f"wrote {len(files)} files to {args.out}")


if __name__ == "__main__":
    main()
