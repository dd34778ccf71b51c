"""Parse HTML with lxml and answer small questions about the tree (noise regions, metas)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree, html

# huge_tree lifts libxml2's nesting limit of 256, past which it silently drops the rest of the
# page (div inside div ~300 deep, hundreds of unclosed <font> tags); it stops again near 2,048.
_PARSER = html.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=True)
# Presentational wrappers dropped when a page nests so deep that even huge_tree loses text.
_WRAPPER_TAGS = re.compile(r"</?(?:font|span|div|center|small|big)\b[^>]*>", re.I)
_INVISIBLE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&#?\w+;")
_LOST_SHARE = 0.5  # the parsed tree holds under half the page's visible characters
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# Words in class/id values that mark page furniture rather than the article.
_NOISE = re.compile(
    r"nav|menu|crumb|footer|foot|bottom|copyright|sidebar|aside|related|relate|xgwz|xglj|"
    r"xgxw|xgzx|recommend|share|print|friend|advert|banner|qrcode|erweima|toolbar|comment|"
    r"hotnews|rank|marquee|sitemap|(?:^|[\s_-])side|side(?:[\s_-]|box|$)",
    re.I,
)
_NOISE_TAGS = {"nav", "footer", "aside", "script", "style", "noscript", "template"}
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TEXT_NODES = etree.XPath(".//text()[not(ancestor::script or ancestor::style)]")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u3000\ufeff]+")


def parse_html(text: str) -> html.HtmlElement | None:
    """An lxml tree for ``text``, or None when nothing can be parsed.

    A page nested deeper than the parser copes with is parsed again without its
    presentational wrappers (``font``, ``span``, ``div`` ...), when that keeps more text.
    """
    cleaned = _CONTROL.sub("", _XML_DECL.sub("", text or ""))
    if not cleaned.strip():
        return None
    tree = _parse(cleaned)
    visible = visible_length(cleaned)
    if tree is None or _text_length(tree) < visible * _LOST_SHARE:
        flat = _parse(_WRAPPER_TAGS.sub("", cleaned))
        if flat is not None and (tree is None or _text_length(flat) > _text_length(tree)):
            return flat
    return tree


def _parse(markup: str) -> html.HtmlElement | None:
    try:
        return html.document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _text_length(tree: html.HtmlElement) -> int:
    return sum(len(t.strip()) for t in _TEXT_NODES(tree))


def visible_length(markup: str) -> int:
    """Characters of visible text in ``markup`` by a rough tag strip (no parser, any depth)."""
    text = _ENTITY.sub("x", _TAG.sub(" ", _INVISIBLE.sub(" ", markup)))
    return len(_SPACES.sub("", text))


def squash(text: str | None) -> str:
    """Whitespace (incl. NBSP and ideographic spaces) collapsed to single spaces, stripped."""
    return _SPACES.sub(" ", text or "").strip()


def is_noise(element: html.HtmlElement) -> bool:
    """True for navigation, footers, sidebars, share bars and hidden elements themselves."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _NOISE_TAGS:
        return True
    marker = f"{element.get('class', '')} {element.get('id', '')}"
    if marker.strip() and _NOISE.search(marker):
        return True
    return bool(_HIDDEN.search(element.get("style", "")))


def in_noise(element: html.HtmlElement) -> bool:
    """True when ``element`` or any ancestor is page furniture."""
    node: html.HtmlElement | None = element
    while node is not None:
        if isinstance(node.tag, str) and is_noise(node):
            return True
        node = node.getparent()
    return False


def is_link_list_item(element: html.HtmlElement) -> bool:
    """True inside an ``<a>`` or a list item that holds a link (related-article lists)."""
    for node in (element, *element.iterancestors()):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "a":
            return True
        if tag in {"li", "dd", "tr"} and node.find(".//a") is not None:
            return True
    return False


def _excluded_itself(node: html.HtmlElement) -> bool:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag and is_noise(node):
        return True
    return tag == "a" or (tag in {"li", "dd", "tr"} and node.find(".//a") is not None)


def furniture_test() -> Callable[[html.HtmlElement], bool]:
    """``in_noise(e) or is_link_list_item(e)`` for the elements of one page, each ancestor
    judged once (the answers are kept while the returned function lives)."""
    memo: dict[html.HtmlElement, bool] = {}

    def excluded(element: html.HtmlElement) -> bool:
        path = []
        node: html.HtmlElement | None = element
        result = False
        while node is not None:
            known = memo.get(node)
            if known is not None:
                result = known
                break
            path.append(node)
            if _excluded_itself(node):
                result = True
                break
            node = node.getparent()
        for seen in path:
            memo[seen] = result
        return result

    return excluded


def meta_values(tree: html.HtmlElement) -> dict[str, str]:
    """``<meta>`` contents keyed by lower-cased name/property/itemprop (first one wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("name") or meta.get("property") or meta.get("itemprop")
        content = squash(meta.get("content"))
        if key and content:
            found.setdefault(key.strip().lower(), content)
    return found


def text_nodes(root: html.HtmlElement) -> Iterator[tuple[str, html.HtmlElement]]:
    """Visible text pieces in document order, each with the element that holds it."""
    for node in _TEXT_NODES(root):
        holder = node.getparent()
        if holder is None:
            continue
        if getattr(node, "is_tail", False):
            holder = holder.getparent()
            if holder is None:
                continue
        text = squash(str(node))
        if text:
            yield text, holder
