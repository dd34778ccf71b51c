"""HTML page bytes → :class:`Article` (metadata, clean body text, links)."""

from __future__ import annotations

import copy

from extract.body import clean_lines, find_body, render_text, trafilatura_lines
from extract.dates import find_date
from extract.dom import meta_values, parse_html, visible_length
from extract.encoding import decode_html
from extract.lang import detect_lang
from extract.links import LinkResolver, all_links, attachments, base_url
from extract.metadata import eligible_text, find_published, find_publisher, find_title
from extract.types import Article


def extract_article(body: bytes, url: str, headers: dict[str, str] | None = None, *,
                    body_selector: str | None = None) -> Article:
    """Decode and parse an HTML page into an :class:`Article`; never fails on bad input.

    ``body_selector`` (CSS, a source's hint) names the body element; it is tried before the
    built-in rules, which still apply when it matches nothing with text.
    """
    text, encoding = decode_html(body or b"", headers)
    tree = parse_html(text)
    if tree is None:
        return Article(url=url, title=None, text="", encoding=encoding)
    metas = meta_values(tree)
    body_element = _select_body(tree, body_selector) if body_selector else None
    if body_element is None:
        body_element = find_body(tree)
    title = find_title(tree, metas)
    nodes = eligible_text(tree, body_element)
    published = find_published(tree, metas, url, body_element, title, nodes=nodes)
    publisher = find_publisher(tree, metas, body_element, nodes=nodes)
    if body_element is not None:
        lines = clean_lines(render_text(body_element))
    else:
        lines = clean_lines(trafilatura_lines(copy.deepcopy(tree)))
    resolve = LinkResolver(base_url(tree, url))
    full_text = compose_text(title, published, lines)
    return Article(
        url=url,
        title=title,
        text=full_text,
        published=published,
        publisher=publisher,
        lang=detect_lang(full_text) if full_text else None,
        encoding=encoding,
        attachments=attachments(tree, resolve, body_element),
        links=all_links(tree, resolve),
        canonical=canonical_link(tree, resolve),
        visible_chars=visible_length(text),
    )


def canonical_link(tree, resolve: LinkResolver) -> str | None:
    """The absolute http(s) URL a page names as its canonical address, if any."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            url = resolve(link.get("href"))
            if url and url.startswith(("http://", "https://")):
                return url
    return None


_INFO_LINE_MAX = 60
_LEADING_LINES = 3


def compose_text(title: str | None, published: str | None, lines: list[str]) -> str:
    """Title line, date line, then the body paragraphs.

    A repeat of the title and a short date/byline line at the top of the body are dropped.
    """
    head = [part for part in (title, published) if part]
    kept = []
    for index, line in enumerate(lines):
        if index < _LEADING_LINES and _repeats_head(line, title, published):
            continue
        kept.append(line)
    return "\n".join([*head, *kept])


def _repeats_head(line: str, title: str | None, published: str | None) -> bool:
    if title and line.replace(" ", "") == title.replace(" ", ""):
        return True
    return bool(published) and len(line) <= _INFO_LINE_MAX and find_date(line) == published


def _select_body(tree, selector: str):
    """The longest element matching ``selector`` that holds text, or None (also if invalid)."""
    from cssselect import SelectorError

    try:
        found = tree.cssselect(selector)
    except (SelectorError, ValueError):
        return None
    scored = [(len(element.text_content().strip()), element) for element in found]
    scored = [pair for pair in scored if pair[0]]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None
