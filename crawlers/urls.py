"""URL rules: canonical form, article shapes, list-page shapes and the column scope.

General rules for the CMSs Chinese government and press sites use (TRS, Hanweb, VSB, China
Daily's own), not rules fitted to one site.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query keys that only track visitors; dropped from canonical URLs.
_TRACKING = re.compile(r"^(utm_\w+|spm|from|source|share\w*|_t|timestamp|wxshare\w*)$", re.I)
# Query keys that only pick a presentation of the same article (printer-friendly copies).
_PRESENTATION = re.compile(r"^(print|printable|isprint|forprint)$", re.I)
_INDEX_FILE = re.compile(r"/(index|default)\.(s?html?|jsp|aspx?|php)$", re.I)

ARTICLE_SHAPES = [
    re.compile(p, re.I) for p in (
        r"/t\d{8}_\d+\.s?html?$",                     # TRS: ./202401/t20240116_123.html
        r"/t\d{5,}\.s?html?$",                        # TRS without date: t5262661.shtml
        r"/a/\d{6}/\d{2}/ws[0-9a-f]{8,}(_\d+)?\.html?$",  # China Daily /a/202401/16/WS...
        r"/content_\d+(_\d+)?\.s?html?$",             # content_123.htm
        r"/c_\d+\.s?html?$",                          # c_1119349.htm
        r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html?$",  # Hanweb
        r"/info/\d+/\d+\.s?html?$",                   # VSB
        r"/(19|20)\d{2}[-_/]?[01]\d([-_/]?[0-3]\d)?/[^/]*\d{3,}[^/]*\.s?html?$",  # dated paths
        r"/(19|20)\d{2}/[01]?\d{3}/[^/]*\d{3,}[^/]*\.s?html?$",  # /2019/0404/1486809.shtml
        r"/(news|article|detail|show|view|content|doc)s?[_/-]?\d{3,}\.s?html?$",
        # show-12-3456.html: column number, then article number
        r"/(news|article|detail|show|view|content|doc)s?[_-]\d+[_-]\d{3,}\.s?html?$",
        r"/\d{6,}\.s?html?$",                         # long numeric id
    )
]
_ARTICLE_QUERY = re.compile(
    r"(detail|show|view|content|article|info|news)\w*\.(aspx?|jsp|php|do|html?)$", re.I)
_ARTICLE_QUERY_KEYS = {"id", "aid", "articleid", "newsid", "docid", "infoid", "contentid", "itemid"}

_PAGE_FILE = re.compile(r"/(index|list|page|default|more)[_-](\d+)\.(s?html?|jsp|aspx?|php)$",
                        re.I)
_PAGE_DIR = re.compile(r"/page/(\d+)/?$", re.I)
_LIST_COLUMN = re.compile(r"/list[_-](\d+)(?:[_-](\d+))?\.(s?html?|aspx?|php)$", re.I)  # list-12-2
PAGE_QUERY_KEYS = {"page", "p", "pageno", "pagenum", "pageindex", "pn", "curpage", "currentpage",
                   "pageno_", "start"}
_SKIP_EXT = re.compile(
    r"\.(jpe?g|png|gif|bmp|svg|webp|ico|css|js|mp[34]|avi|mov|flv|wmv|swf|zip|rar|7z|exe|apk)$",
    re.I)
# Attachments fetched and stored as documents: PDFs and Office files (WPS Office's .wps/.et
# too), also OFD and PowerPoint, which are recorded with their kind and size only.
ATTACHMENT_EXT = re.compile(r"\.(pdf|docx?|xlsx?|wps|et|pptx?|ofd)$", re.I)
_PRINT_FILE = re.compile(
    r"(^|[/_-])(print|printer|printpage|printview|print_view|dayin)\w*\.(s?html?|aspx?|jsp|php|do)$"
    r"|/print/", re.I)


@lru_cache(maxsize=1 << 16)  # list pages repeat the same links; a URL is canonicalised often
def canonicalize(url: str) -> str:
    """Canonical form: sorted query without tracking keys, no fragment, ``dir/`` for index files.

    ``/col/`` and ``/col/index.html`` are one page on every CMS seen, so both map to ``/col/``.
    """
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not (_TRACKING.match(k) or _PRESENTATION.match(k))]
    path = _INDEX_FILE.sub("/", parts.path or "/")
    rebuilt = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path,
                          urlencode(query), ""))
    return canonicalize_url(rebuilt, keep_fragments=False)


def without_presentation(url: str) -> str:
    """The URL without printer-friendly switches (``?print=1``): the article itself."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _PRESENTATION.match(k)]
    return urlunsplit(parts._replace(query=urlencode(query, safe="/:")))


def without_tracking(url: str) -> str:
    """The URL without visitor-tracking keys (``?from=hot``) and print switches, the other
    parameters kept in their order: the address to request and store."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in pairs if not (_TRACKING.match(k) or _PRESENTATION.match(k))]
    if len(query) == len(pairs):
        return url
    return urlunsplit(parts._replace(query=urlencode(query, safe="/:")))


def host_allowed(url: str, domains: list[str]) -> bool:
    """True when the URL's host is one of ``domains`` or a subdomain of one."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def column_prefix(start_url: str) -> str:
    """The path prefix list pages must stay under: the start URL's directory."""
    path = urlsplit(start_url).path or "/"
    if path.endswith("/"):
        return path
    head, tail = posixpath.split(path)
    if "." in tail or _PAGE_FILE.search(path):
        return head.rstrip("/") + "/"
    return path + "/"


@lru_cache(maxsize=1 << 16)  # TRS list pages each announce every page of their column
def in_column(url: str, start_url: str) -> bool:
    """Same host as the start URL and under its column prefix."""
    a, b = urlsplit(url), urlsplit(start_url)
    if a.netloc.lower() != b.netloc.lower():
        return False
    path = a.path or "/"
    column_query = _column_query(b.query)
    if column_query:  # a column named by its query (list.aspx?cid=12): same page, same keys
        return path == (b.path or "/") and column_query.items() <= dict(parse_qsl(a.query)).items()
    listed = _LIST_COLUMN.search(b.path)
    if listed and listed.group(2):  # list-12-1.html, list-12-2.html: the same column number
        other = _LIST_COLUMN.search(path)
        return bool(other) and other.group(1) == listed.group(1) and \
            path.rsplit("/", 1)[0] == b.path.rsplit("/", 1)[0]
    prefix = column_prefix(start_url)
    return path.startswith(prefix) or path + "/" == prefix


def _column_query(query: str) -> dict[str, str]:
    return {k: v for k, v in parse_qsl(query) if k.lower() not in PAGE_QUERY_KEYS
            and not _TRACKING.match(k)}


def stem_page(url: str, start_url: str) -> int | None:
    """VSB numbered pages of a column ``/xwzx/gzdt.htm``: ``/xwzx/gzdt/2.htm`` → 2.

    VSB numbers its pages from the last one (``gzdt/1.htm`` is the oldest), so the number
    orders nothing; only the "下页" link does.
    """
    a, b = urlsplit(url), urlsplit(start_url)
    stem, dot, ext = b.path.rpartition(".")
    if a.netloc.lower() != b.netloc.lower() or not dot or "/" in ext or not stem:
        return None
    match = re.fullmatch(re.escape(stem) + r"/(\d{1,5})\." + re.escape(ext), a.path)
    return int(match.group(1)) if match else None


def is_skippable(url: str) -> bool:
    """Links never worth fetching: media, scripts, archives, mail and JavaScript."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return True
    return bool(_SKIP_EXT.search(parts.path))


def is_attachment(url: str) -> bool:
    """A link to a PDF or Office file (see ATTACHMENT_EXT)."""
    return bool(ATTACHMENT_EXT.search(urlsplit(url).path))


def is_print_copy(url: str) -> bool:
    """A printer-friendly copy of an article: ``print.html?id=N``, ``/print/123.html``,
    ``article_print.jsp``, ``?print=1``."""
    parts = urlsplit(url)
    if _PRINT_FILE.search(parts.path):
        return True
    return any(_PRESENTATION.match(k) for k, _ in parse_qsl(parts.query))


def page_number(url: str) -> int | None:
    """The page number a list-page URL carries (``index_2.html``, ``page/3``, ``?page=4``)."""
    parts = urlsplit(url)
    match = _PAGE_FILE.search(parts.path) or _PAGE_DIR.search(parts.path)
    if match:
        return int(match.groups()[-2] if match.re is _PAGE_FILE else match.group(1))
    match = _LIST_COLUMN.search(parts.path)
    if match and match.group(2):
        return int(match.group(2))
    for key, value in parse_qsl(parts.query):
        if key.lower() in PAGE_QUERY_KEYS and value.isdigit():
            return int(value)
    return None


def looks_like_article(url: str) -> bool:
    """True when the URL has the shape of an article page."""
    parts = urlsplit(url)
    if page_number(url) is not None or _INDEX_FILE.search(parts.path):
        return False
    if any(p.search(parts.path) for p in ARTICLE_SHAPES):
        return True
    if parts.query and _ARTICLE_QUERY.search(parts.path):
        keys = {k.lower() for k, _ in parse_qsl(parts.query)}
        return bool(keys & _ARTICLE_QUERY_KEYS)
    return False


def looks_like_list_page(url: str) -> bool:
    """True for index pages and numbered list pages."""
    parts = urlsplit(url)
    return (parts.path.endswith("/") or bool(_INDEX_FILE.search(parts.path))
            or page_number(url) is not None)
