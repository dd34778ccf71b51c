"""Find an article's body in the page markup and render it as one paragraph per line."""

from __future__ import annotations

import re

from lxml import etree, html

from extract.dom import is_noise, squash

# Site markup for article bodies, most specific first (TRS government CMSs, China Daily, ...).
BODY_XPATHS = (
    "//div[contains(@class, 'TRS_Editor')]",
    "//div[contains(@class, 'TRS_UEDITOR')]",
    "//*[@id='UCAP-CONTENT']",
    "//*[@id='zoom' or @id='fontzoom' or @id='Zoom']",
    "//*[starts-with(@id, 'vsb_content') or contains(@class, 'v_news_content')]",  # VSB
    "//*[contains(@class, 'bt_content') or contains(@class, 'bt-content')]",  # Hanweb
    "//*[contains(@class, 'pages_content')]",
    "//*[contains(@class, 'article-content') or contains(@class, 'article_content')"
    " or contains(@class, 'articleContent')]",
    "//*[@id='Content' or @id='ContentText' or @id='contentText' or @id='zw']",
    "//*[@itemprop='articleBody']",
    "//article",
    "//*[contains(@class, 'detail-content') or contains(@class, 'news_content')"
    " or contains(@class, 'content_text') or contains(@class, 'xl_content')]",
    "//div[@id='content' or contains(concat(' ', normalize-space(@class), ' '), ' content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' view ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' zw ')]",
)
_BODY_XPATHS = tuple(etree.XPath(x) for x in BODY_XPATHS)  # compiled once
_ROWS = etree.XPath("./tr | ./*/tr")
_CELLS = etree.XPath("./td | ./th")
_MIN_BODY_CHARS = 20
_MAX_LINK_SHARE = 0.5
_BLOCK_TAGS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr",
    "section", "article", "blockquote", "pre", "center", "dd", "dt", "dl", "header",
    "figure", "figcaption", "hr", "address", "tbody", "thead", "main",
}
_SKIP_TAGS = {
    "script", "style", "noscript", "iframe", "button", "select", "input", "textarea",
    "object", "embed", "svg", "template", "head", "form", "map",
}
_BOILERPLATE = re.compile(
    r"ICP\s*备|公网安备|网站标识码|版权所有|copyright|©|主办单位|承办单位|技术支持|"
    r"网站地图|联系我们|浏览次数|阅读次数|点击数|分享到|扫一扫|在手机打开|字号[:：]|字体[:：]",
    re.I,
)
_UI_WORDS = re.compile(
    r"^[\s【】\[\]()（）|·>»]*((打印|打印本页|关闭|关闭窗口|关闭本页|返回|返回顶部|返回列表|收藏|"
    r"分享|大|中|小|默认|纠错|上一篇|下一篇|print|close|share|top|back|return to list|"
    r"back to top|email|e-mail|tweet|facebook|twitter|linkedin)[\s【】\[\]()（）|·/>»]*)+$",
    re.I,
)
_META_LINE = re.compile(
    r"^[【\[(（]?\s*(发布时间|发布日期|更新时间|来源|文章来源|信息来源|作者|责任编辑|编辑|"
    r"Source|Editor|Updated|Published|Posted|Author)\s*[:：]",
    re.I,
)
_META_LINE_MAX = 80


def _text_share_of_links(element: html.HtmlElement, total: int) -> float:
    link_chars = sum(len(squash(a.text_content())) for a in element.iter("a"))
    return link_chars / max(total, 1)


def find_body(tree: html.HtmlElement) -> html.HtmlElement | None:
    """The element holding the article text according to known site markup, or None."""
    for xpath in _BODY_XPATHS:
        best: tuple[int, html.HtmlElement] | None = None
        for element in xpath(tree):
            if is_noise(element):
                continue
            length = len(squash(element.text_content()))
            if length < _MIN_BODY_CHARS:
                continue
            if _text_share_of_links(element, length) > _MAX_LINK_SHARE:
                continue
            if best is None or length > best[0]:
                best = (length, element)
        if best is not None:
            return best[1]
    return None


def _is_data_table(table: html.HtmlElement) -> bool:
    rows = _ROWS(table)
    return len(rows) >= 2 and any(len(_CELLS(row)) >= 2 for row in rows)


def _table_rows(table: html.HtmlElement) -> list[str]:
    rows = []
    for row in _ROWS(table):
        cells = [squash(cell.text_content()) for cell in _CELLS(row)]
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _render(root: html.HtmlElement, out: list[str]) -> None:
    """Append the text of ``root`` (and its tail) to ``out``; iterative, so any depth works."""
    stack: list[tuple[html.HtmlElement, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if closing:
            if tag in _BLOCK_TAGS:
                out.append("\n")
            if tag in {"td", "th"}:
                out.append(" ")
        elif not tag or tag in _SKIP_TAGS or is_noise(element):
            pass
        elif tag == "table" and _is_data_table(element):
            out.append("\n")
            out.extend(row + "\n" for row in _table_rows(element))
        else:
            if tag in _BLOCK_TAGS:
                out.append("\n")
            if element.text:
                out.append(element.text)
            stack.append((element, True))
            stack.extend((child, False) for child in reversed(element))
            continue
        if element.tail:
            out.append(element.tail)


def render_text(element: html.HtmlElement) -> list[str]:
    """The element's text as lines: one per paragraph, table rows as ``a | b | c``."""
    out: list[str] = []
    _render(element, out)
    text = "".join(out)
    lines = [squash(line) for line in text.split("\n")]
    return [line for line in lines if line]


def is_boilerplate(line: str) -> bool:
    """Copyright/ICP lines, print/close/share controls and article info lines."""
    if _UI_WORDS.match(line):
        return True
    if len(line) <= 120 and _BOILERPLATE.search(line):
        return True
    return len(line) <= _META_LINE_MAX and bool(_META_LINE.match(line))


def clean_lines(lines: list[str]) -> list[str]:
    """Lines without boilerplate and without consecutive repeats."""
    kept: list[str] = []
    for line in lines:
        if is_boilerplate(line) or (kept and kept[-1] == line):
            continue
        kept.append(line)
    return kept


def trafilatura_lines(text: str | html.HtmlElement) -> list[str]:
    """Body lines by trafilatura, for pages whose markup is unknown (markup or a parsed tree,
    which trafilatura changes: pass a copy)."""
    import trafilatura

    try:
        extracted = trafilatura.extract(
            text, include_tables=True, include_comments=False, include_images=False,
            include_links=False, favor_recall=True, deduplicate=False,
        )
    except Exception:  # noqa: BLE001 - a failed fallback just yields no body
        return []
    lines = [squash(line) for line in (extracted or "").split("\n")]
    return [line for line in lines if line]
