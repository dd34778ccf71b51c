"""Absolute links of a page and the attachments (PDF, Word, Excel, ...) of its article."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree, html

from extract.dom import in_noise, squash

ATTACHMENT_EXTENSIONS = (
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".ppt", ".pptx", ".ofd",
    ".zip", ".rar", ".7z", ".csv", ".txt",
)
_ATTACHMENT_BLOCK = re.compile(r"attach|fujian|appendix|(^|[\s_-])fj([\s_-]|$)|download", re.I)
_LINKS = etree.XPath("//a[@href] | //area[@href]")
_ANCHORS = etree.XPath("//a[@href]")
_ATTACHMENT_TEXT = re.compile(r"附件|attachment", re.I)


def base_url(tree: html.HtmlElement, url: str) -> str:
    """The page URL resolved against ``<base href>`` when present."""
    for base in tree.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return urljoin(url, href)
    return url


def absolute(base: str, href: str | None) -> str | None:
    """``href`` made absolute (http/https only, fragment dropped), or None."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    if href.startswith(("http://", "https://")) and "#" not in href and " " not in href:
        return href
    try:
        joined = urldefrag(urljoin(base, href)).url
        scheme = urlsplit(joined).scheme.lower()
    except ValueError:
        return None
    return joined if scheme in {"http", "https"} else None


class LinkResolver:
    """``absolute`` with a memo: pages repeat the same hrefs many times."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._memo: dict[str, str | None] = {}

    def __call__(self, href: str | None) -> str | None:
        key = href or ""
        if key not in self._memo:
            self._memo[key] = absolute(self.base, key)
        return self._memo[key]


def all_links(tree: html.HtmlElement, resolve: LinkResolver) -> list[str]:
    """Every distinct absolute link of the page, in document order."""
    seen: dict[str, None] = {}
    for anchor in _LINKS(tree):
        link = resolve(anchor.get("href"))
        if link:
            seen.setdefault(link, None)
    return list(seen)


def is_attachment_url(link: str) -> bool:
    path = urlsplit(link).path.lower()
    return path.endswith(ATTACHMENT_EXTENSIONS)


def _in_attachment_block(anchor: html.HtmlElement) -> bool:
    for node in (anchor, *anchor.iterancestors()):
        marker = f"{node.get('class', '')} {node.get('id', '')}"
        if marker.strip() and _ATTACHMENT_BLOCK.search(marker):
            return True
    return False


def attachments(
    tree: html.HtmlElement, resolve: LinkResolver, body: html.HtmlElement | None
) -> list[str]:
    """Attachment URLs linked from the article body, an attachments block or ``附件`` links."""
    seen: dict[str, None] = {}
    for anchor in _ANCHORS(tree):
        link = resolve(anchor.get("href"))
        if not link:
            continue
        is_file = is_attachment_url(link)
        if is_file and body is not None and body in anchor.iterancestors():
            seen.setdefault(link, None)
            continue
        labelled = bool(_ATTACHMENT_TEXT.search(squash(anchor.text_content()))) or bool(
            _ATTACHMENT_TEXT.search(_text_before(anchor))
        )
        if labelled or _in_attachment_block(anchor):
            if is_file or _looks_like_download(link):
                seen.setdefault(link, None)
        elif is_file and body is None and not in_noise(anchor):
            seen.setdefault(link, None)
    return list(seen)


def _text_before(anchor: html.HtmlElement) -> str:
    previous = anchor.getprevious()
    if previous is not None:
        return squash(previous.tail)
    parent = anchor.getparent()
    return squash(parent.text) if parent is not None else ""


def _looks_like_download(link: str) -> bool:
    path = urlsplit(link).path.lower()
    return not path.endswith((".html", ".htm", ".shtml", "/"))
