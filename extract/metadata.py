"""Title, publication date and publisher of an HTML article."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from lxml import etree, html

from extract.dates import date_from_url, find_date
from extract.dom import furniture_test, in_noise, squash, text_nodes

_TITLE_XPATHS = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' article-title ')]",
    "//*[contains(@class, 'article_title') or contains(@class, 'articleTitle')]",
    "//h1[contains(concat(' ', normalize-space(@class), ' '), ' title ')]",
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' title ')]",
    "//*[@id='title' or @id='Title' or @id='articleTitle']",
    "//*[starts-with(@class, 'titlestyle') or contains(@class, 'bt_title')]",  # VSB, Hanweb
    "//*[contains(@class, 'detail-title') or contains(@class, 'news_title')"
    " or contains(@class, 'content-title') or contains(@class, 'xl_title')]",
    "//h1",
    "//h2",
)
_GENERIC_HEADINGS = ("//h1", "//h2")
_TITLE_PATHS = tuple((x, etree.XPath(x)) for x in _TITLE_XPATHS)  # compiled once
_HEADINGS = etree.XPath("//h1 | //h2 | //h3 | //*[contains(@class, 'title')]")
_MIN_UNCONFIRMED_TITLE = 6  # shorter markup titles not seen in <title> are box headings
_TITLE_SEPARATORS = re.compile(r"\s+[-–—|｜]\s+|\s*[_｜|]\s*|\s+-+\s*|\s*-+\s+")
_SITE_NAME = re.compile(
    r"人民政府|政府网|门户|网站|官网|官方|委员会$|新闻网|日报|网$|局$|厅$|"
    r"china ?daily|xinhua|\.com|\.cn|\bnews\b|gov",
    re.I,
)
_DATE_META_KEYS = (
    "pubdate", "publishdate", "article:published_time", "firstpublishedtime",
    "og:published_time", "datepublished", "dc.date", "dc.date.issued", "dcterms.created",
    "og:release_date", "release_date", "date",
)
_STRONG_DATE_LABEL = re.compile(
    r"(发布时间|发布日期|发表时间|更新时间|刊发时间|Updated|Published|Posted|Release Date)"
    r"\s*[:：]?", re.I
)
_WEAK_DATE_LABEL = re.compile(r"(日期|时间|发文日期|成文日期|Date)\s*[:：]", re.I)
_SOURCE_LABEL = re.compile(
    r"(?:^|[\s(（【\[|])(?:文章来源|信息来源|稿件来源|来源|Source)\s*[:：]\s*(.*)", re.I
)
_SOURCE_END = re.compile(
    r"\s{2,}|[|｜【\[]|\s*(?:发布|时间|日期|作者|浏览|点击|字号|阅读|编辑|Updated|Published)"
)
_LOOKAHEAD_NODES = 4


def _looks_like_site_name(part: str) -> bool:
    return bool(_SITE_NAME.search(part)) and len(part) < 40


def strip_site_suffix(title: str) -> str:
    """``"<article title> - <site name>"`` → the article title."""
    title = squash(title)
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    while len(parts) > 1 and _looks_like_site_name(parts[-1]):
        parts.pop()
    while len(parts) > 1 and _looks_like_site_name(parts[0]):
        parts.pop(0)
    return max(parts, key=len).strip()


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


def find_title(tree: html.HtmlElement, metas: dict[str, str]) -> str | None:
    """The article title from metas, title markup or ``<title>`` (site suffix removed)."""
    for key in ("articletitle", "og:title", "twitter:title"):
        if metas.get(key):
            return strip_site_suffix(metas[key])
    page_title = squash(tree.findtext(".//title") or "")
    page_norm = _norm(page_title)
    fallback: str | None = None
    for xpath, compiled in _TITLE_PATHS:
        for element in compiled(tree):
            candidate = squash(element.text_content())
            if not 4 <= len(candidate) <= 200 or in_noise(element):
                continue
            if element.getparent() is not None and element.getparent().tag == "a":
                continue
            cand_norm = _norm(candidate)
            if not page_norm or (cand_norm and (cand_norm in page_norm or page_norm in cand_norm)):
                return candidate
            if fallback is None and xpath not in _GENERIC_HEADINGS:
                fallback = candidate
    if fallback and len(fallback) >= _MIN_UNCONFIRMED_TITLE:
        return fallback
    return strip_site_suffix(page_title) if page_title else fallback


def _eligible_nodes(tree: html.HtmlElement, body: html.HtmlElement | None) -> list[str]:
    """Text pieces outside furniture and link lists; text inside the body comes last."""
    before: list[str] = []
    inside: list[str] = []
    excluded = furniture_test()
    in_body = set(body.iter()) if body is not None else set()
    for text, holder in text_nodes(tree):
        if excluded(holder):
            continue
        (inside if holder in in_body else before).append(text)
    return before + inside


def eligible_text(tree: html.HtmlElement, body: html.HtmlElement | None
                  ) -> Callable[[], list[str]]:
    """:func:`_eligible_nodes` computed on first call only, for ``nodes=`` of
    :func:`find_published` and :func:`find_publisher` (one page, one walk)."""
    return cache(lambda: _eligible_nodes(tree, body))


def _labelled_date(nodes: list[str], label: re.Pattern[str]) -> str | None:
    for index, text in enumerate(nodes):
        match = label.search(text)
        if not match:
            continue
        following = " ".join([text[match.end():], *nodes[index + 1 : index + _LOOKAHEAD_NODES]])
        found = find_date(following[:60])
        if found:
            return found
    return None


def find_published(
    tree: html.HtmlElement,
    metas: dict[str, str],
    url: str,
    body: html.HtmlElement | None,
    title: str | None = None,
    *,
    nodes: Callable[[], list[str]] | None = None,
) -> str | None:
    """Publication date (ISO) from metas, a labelled line near the title, or the URL."""
    for key in _DATE_META_KEYS:
        found = find_date(metas.get(key, ""), allow_compact=True)
        if found:
            return found
    for time_el in tree.iter("time"):
        found = find_date(time_el.get("datetime") or "") if not in_noise(time_el) else None
        if found:
            return found
    texts = nodes() if nodes else _eligible_nodes(tree, body)
    found = _labelled_date(texts, _STRONG_DATE_LABEL) or _labelled_date(texts, _WEAK_DATE_LABEL)
    if found:
        return found
    return _date_near_title(tree, title, body) or date_from_url(url)


def _date_near_title(
    tree: html.HtmlElement, title: str | None, body: html.HtmlElement | None
) -> str | None:
    """An unlabelled date in the few short text pieces right after the title heading."""
    if not title:
        return None
    wanted = _norm(title)
    heading = next(
        (
            el for el in _HEADINGS(tree)
            if _norm(squash(el.text_content())) == wanted
        ),
        None,
    )
    if heading is None:
        return None
    if body is not None and body in heading.iterancestors():
        body = None  # the heading sits inside the body container: read on into it
    after = False
    seen = 0
    for text, holder in text_nodes(tree):
        inside = holder is heading or heading in holder.iterancestors()
        if not after:
            after = inside
            continue
        if inside:
            continue
        if body is not None and (holder is body or body in holder.iterancestors()):
            return None
        found = find_date(text) if len(text) <= 80 and not in_noise(holder) else None
        seen += 1
        if found or seen >= _LOOKAHEAD_NODES:
            return found
    return None


def find_publisher(
    tree: html.HtmlElement, metas: dict[str, str], body: html.HtmlElement | None, *,
    nodes: Callable[[], list[str]] | None = None,
) -> str | None:
    """Publisher from ContentSource, a ``来源：`` / ``Source:`` line, or the site name."""
    if metas.get("contentsource"):
        return metas["contentsource"]
    texts = nodes() if nodes else _eligible_nodes(tree, body)
    for index, text in enumerate(texts):
        match = _SOURCE_LABEL.search(text)
        if not match:
            continue
        value = match.group(1) or (texts[index + 1] if index + 1 < len(texts) else "")
        value = _SOURCE_END.split(value, maxsplit=1)[0].strip(" ：:()（）")
        if 2 <= len(value) <= 40:
            return value
    for key in ("og:site_name", "sitename", "site_name", "application-name"):
        if metas.get(key):
            return metas[key]
    return site_name_from_title(squash(tree.findtext(".//title") or ""))


def site_name_from_title(page_title: str) -> str | None:
    """The site name a ``<title>`` carries after (or before) the article title."""
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(page_title) if p.strip()]
    if len(parts) < 2:
        return None
    for part in (parts[-1], parts[0]):
        if _looks_like_site_name(part) or len(part) <= 12:
            return part
    return None
