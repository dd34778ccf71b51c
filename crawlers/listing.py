"""Read a column (list) page: its article links, PDF links and pagination.

Article links are found by URL shape (:func:`crawlers.urls.looks_like_article`) and by list-item
structure (a link in an ``li``/``tr``/``dd`` that also shows a date). Pagination comes from
"next" links (下一页, Next, rel=next, ›, »), numbered list pages (``index_2.html``,
``page_2.html``, ``?page=2``) and TRS ``createPageHTML(count, current, "index", "html")`` scripts
whose page links are not in ``<a>`` tags, Hanweb ``<datastore>`` records and ``dataproxy.jsp``
groups (:mod:`crawlers.datastore`), VSB count-down pages (``gzdt.htm`` → ``gzdt/2.htm``) and
query-named columns (``list.aspx?cid=12&page=2``). A link to the page being read under another
parameter (an endless "next") is no page. Navigation, header, footer and side boxes (hot,
ranked or related stories, calendars) are ignored; ``?print=1`` copies become the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawlers.datastore import proxy_pages, unwrap
from crawlers.urls import (
    canonicalize,
    in_column,
    is_attachment,
    is_skippable,
    looks_like_article,
    looks_like_list_page,
    page_number,
    stem_page,
    without_tracking,
)
from extract.dom import parse_html

DATE = re.compile(
    r"(19|20)\d{2}\s*[-./年]\s*[01]?\d\s*[-./月]\s*[0-3]?\d|\b[01]\d-[0-3]\d\b"
    r"|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}", re.I)
NEXT_TEXT = re.compile(r"^\s*(下一页|下页|后一页|下一頁|next( page)?|›|»|>|>>)\s*$", re.I)
LAST_TEXT = re.compile(r"^\s*(尾页|末页|最后一页|last( page)?)\s*$", re.I)
_CHROME = re.compile(r"(^|[\s_-])(nav|navbar|menu|header|footer|foot|breadcrumbs?|crumbs?|"
                     r"position|location|topbar|copyright|friendlinks?|yqlj|"
                     # side boxes: hot/ranked/related stories of other columns, calendars
                     r"side\w*|aside|hot\w*|rank\w*|relate[ds]?|recommend\w*|calendar|rili)"
                     r"([\s_-]|$)", re.I)
_CHROME_TAGS = {"nav", "header", "footer", "aside"}
# Headings of boxes that repeat stories (often the column's newest) beside or above the list.
_SIDE_HEADING = re.compile(
    r"^\s*(热点|热门|推荐|图片新闻|图文|排行|点击排行|阅读排行|相关|猜你喜欢|专题|焦点|"
    r"most (read|popular|viewed)|popular|trending|recommended|related|editor'?s? picks?|"
    r"photos?|in pictures)", re.I)
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HEADING_CLASS = re.compile(r"(^|[\s_-])(hd|head\w*|tit\w*|caption|bt)([\s_-]|$)", re.I)
_ITEM_TAGS = {"li", "tr", "dd", "dt", "p"}
_CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^()]*)\)")
_JS_ASSIGN = r"(?:var|let|const)?\s*{name}\s*=\s*(\d+|\"[^\"]*\"|'[^']*')"


@dataclass
class Listing:
    """What a list page links to."""

    articles: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # every pagination link in the column
    next_page: str | None = None


def _in_chrome(element: etree._Element) -> bool:
    node = element.getparent()
    while node is not None and isinstance(node.tag, str):
        if node.tag in _CHROME_TAGS:
            return True
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if marks.strip() and _CHROME.search(marks):
            return True
        node = node.getparent()
    return False


def _box_heading(container: etree._Element) -> str:
    """Text of a box's own heading: its first child element when that is a heading."""
    first = next((c for c in container if isinstance(c.tag, str)), None)
    if first is None or not (first.tag in _HEADING_TAGS
                             or _HEADING_CLASS.search(first.get("class", ""))):
        return ""
    if any(looks_like_article(a.get("href", "")) for a in first.iter("a")):
        return ""  # an item's own title, not a box heading
    return first.text_content().strip()


def _in_side_box(anchor: etree._Element) -> bool:
    """Inside a box headed 热点推荐, 推荐阅读, 图片新闻, Most read ... (its class says nothing)."""
    node, steps = anchor.getparent(), 0
    while node is not None and isinstance(node.tag, str) and steps < 6:
        if node.tag in ("div", "section", "td", "dl", "ul") and _SIDE_HEADING.match(
                _box_heading(node)):
            return True
        node, steps = node.getparent(), steps + 1
    return False


def _item_has_date(anchor: etree._Element) -> bool:
    node, steps = anchor.getparent(), 0
    while node is not None and steps < 3:
        if node.tag in _ITEM_TAGS:
            return bool(DATE.search(node.text_content()))
        node, steps = node.getparent(), steps + 1
    return False


def _resolve_js(script: str, token: str) -> int | str | None:
    token = token.strip()
    if re.fullmatch(r"\d+", token):
        return int(token)
    if re.fullmatch(r"\"[^\"]*\"|'[^']*'", token):
        return token[1:-1]
    if re.fullmatch(r"[A-Za-z_$][\w$]*", token):
        match = re.search(_JS_ASSIGN.format(name=re.escape(token)), script)
        return _resolve_js(script, match.group(1)) if match else None
    return None


def create_page_links(html: str, page_url: str) -> tuple[list[str], str | None]:
    """Pages announced by TRS ``createPageHTML(count, current, prefix, suffix)`` calls."""
    for match in _CREATE_PAGE.finditer(html):
        args = [_resolve_js(html, a) for a in match.group(1).split(",")]
        numbers = [a for a in args if isinstance(a, int)]
        strings = [a for a in args if isinstance(a, str)]
        if len(numbers) < 2 or len(strings) < 2:
            continue  # e.g. the function's own definition
        count, prefix, suffix = numbers[0], strings[-2], strings[-1]
        current = page_number(page_url)
        current = numbers[1] if current is None else current
        pages = list(_numbered_pages(urljoin(page_url, "."), prefix, suffix, min(count, 2000)))
        following = pages[current + 1] if current + 1 < len(pages) else None
        return pages, following
    return [], None


@lru_cache(maxsize=64)  # every list page of a column announces the same pages
def _numbered_pages(folder: str, prefix: str, suffix: str, count: int) -> tuple[str, ...]:
    return tuple(urljoin(folder, f"{prefix}.{suffix}" if n == 0 else f"{prefix}_{n}.{suffix}")
                 for n in range(count))


def _next_by_number(candidates: list[str], page_url: str) -> str | None:
    current = page_number(page_url) or 0
    later = sorted((page_number(u) or 0, u) for u in candidates if (page_number(u) or 0) > current)
    return later[0][1] if later else None


def _page_no(url: str, start_url: str) -> int | None:
    number = page_number(url)
    return number if number is not None else stem_page(url, start_url)


def _same_page(url: str, page_url: str, start_url: str) -> bool:
    """Another URL of the page being read: same path and page number."""
    return (urlsplit(url).path == urlsplit(page_url).path
            and _page_no(url, start_url) == _page_no(page_url, start_url))


def parse_listing(
    html: str, page_url: str, start_url: str, allowed: callable,
    item_selector: str | None = None,
) -> Listing:
    """Article, attachment and pagination links of a list page.

    ``allowed(url)`` says whether a host may be crawled; pagination must also stay under the
    start URL's column prefix. ``item_selector`` (CSS) restricts article links when given.
    """
    listing = Listing()
    html = unwrap(html)  # Hanweb datastore records are markup inside a script
    root = parse_html(html)
    if root is None:
        return listing
    base = root.find(".//base")
    base_url = urljoin(page_url, base.get("href")) if base is not None and base.get("href") \
        else page_url
    chosen = set(root.cssselect(item_selector)) if item_selector else None
    # Furniture is decided per anchor before any de-duplication: a side box placed before the
    # list often repeats the column's newest articles, and the list's own link must count.
    seen: set[str] = set()  # canonical URLs already taken as a page, attachment or article
    boxed: dict[str, str] = {}  # article links inside headed side boxes, used only as a last resort
    explicit_next: str | None = None
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = without_tracking(urljoin(base_url, href).split("#", 1)[0])
        if is_skippable(url) or not allowed(url):
            continue
        key = canonicalize(url)
        if key in seen:
            continue
        text = anchor.text_content()
        number = _page_no(url, start_url)
        if in_column(url, start_url) and (looks_like_list_page(url) or number is not None) \
                and url != page_url:
            seen.add(key)
            if number is not None and _same_page(url, page_url, start_url):
                continue  # this page again under another parameter: an endless "next"
            if NEXT_TEXT.match(text) or "next" in (anchor.get("rel") or "").lower():
                explicit_next = explicit_next or url
            if number is not None or NEXT_TEXT.match(text) or LAST_TEXT.match(text):
                listing.pages.append(url)
            continue
        if is_attachment(url):
            seen.add(key)
            listing.attachments.append(url)
            continue
        if chosen is not None:
            if anchor in chosen:
                seen.add(key)
                listing.articles.append(url)
            continue
        if _in_chrome(anchor):
            continue
        if looks_like_article(url) or (_item_has_date(anchor) and not looks_like_list_page(url)):
            if _in_side_box(anchor):
                boxed.setdefault(key, url)
                continue
            seen.add(key)
            listing.articles.append(url)
    if not listing.articles:  # the headed box is the list itself (a 图片新闻 column)
        listing.articles = list(boxed.values())
    script_pages, script_next = create_page_links(html, page_url)
    listing.pages.extend(p for p in script_pages if p not in listing.pages and p != page_url
                         and in_column(p, start_url))
    proxied, proxy_next = proxy_pages(html, page_url)
    listing.pages.extend(p for p in proxied if p not in listing.pages and p != page_url
                         and allowed(p) and urlsplit(p).netloc == urlsplit(page_url).netloc)
    listing.next_page = (explicit_next or script_next or proxy_next
                         or _next_by_number(listing.pages, page_url))
    if listing.next_page and urlsplit(listing.next_page).path == "":
        listing.next_page = None
    return listing
