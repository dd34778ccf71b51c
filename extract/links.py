"""Absolute links of a page and the attachments (PDF, Word, Excel, ...) of its article."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import html

from extract.dom import in_noise, squash

ATTACHMENT_EXTENSIONS = (
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".ppt", ".pptx", ".ofd",
    ".zip", ".rar", ".7z", ".csv", ".txt",
)
_ATTACHMENT_BLOCK = re.compile(r"attach|fujian|appendix|(^|[\s_-])fj([\s_-]|$)|download", re.I)
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
    try:
        joined = urldefrag(urljoin(base, href)).url
        scheme = urlsplit(joined).scheme.lower()
    except ValueError:
        return None
    return joined if scheme in {"http", "https"} else None


def all_links(tree: html.HtmlElement, base: str) -> list[str]:
    """Every distinct absolute link of the page, in document order."""
    seen: dict[str, None] = {}
    for anchor in tree.xpath("//a[@href] | //area[@href]"):
        link = absolute(base, anchor.get("href"))
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


def attachments(tree: html.HtmlElement, base: str, body: html.HtmlElement | None) -> list[str]:
    """Attachment URLs linked from the article body, an attachments block or ``附件`` links."""
    seen: dict[str, None] = {}
    for anchor in tree.xpath("//a[@href]"):
        link = absolute(base, anchor.get("href"))
        if not link:
            continue
        in_body = body is not None and body in anchor.iterancestors()
        labelled = bool(_ATTACHMENT_TEXT.search(squash(anchor.text_content()))) or bool(
            _ATTACHMENT_TEXT.search(_text_before(anchor))
        )
        block = _in_attachment_block(anchor)
        if not (in_body or block or labelled):
            if body is not None or in_noise(anchor):
                continue
        if is_attachment_url(link) or ((block or labelled) and _looks_like_download(link)):
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
