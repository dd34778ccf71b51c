"""Hanweb (大汉 jcms) ``jpage`` lists: records in an XML datastore and dataproxy groups.

A Hanweb column page carries its first records inside
``<script type="text/xml"><datastore><recordset><record><![CDATA[<li>…</li>]]></record>``, and a
``jpage({perPage: 15, groupSize: 3, totalRecord: 62, …})`` call; the later groups come from the
proxy named in ``<nextgroup>`` (``/module/web/jpage/dataproxy.jsp``) as
``?startrecord=46&endrecord=90&perpage=15&<the nextgroup's parameters>``. The proxy answers with
the same ``<datastore>`` XML.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urljoin, urlsplit

_XML_SCRIPT = re.compile(r"<script[^>]*type\s*=\s*[\"']?text/xml[\"']?[^>]*>(.*?)</script>",
                         re.I | re.S)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_NEXTGROUP = re.compile(r"<nextgroup>\s*(?:<!\[CDATA\[)?.*?href\s*=\s*[\"']([^\"']+)", re.I | re.S)
_GROUP_KEYS = {"page", "startrecord", "endrecord", "perpage"}


def _number(html: str, *names: str) -> int | None:
    for name in names:
        pattern = rf"<{name}>\s*(\d+)\s*</{name}>|\b{name}\s*[:=]\s*['\"]?(\d+)"
        match = re.search(pattern, html, re.I)
        if match:
            return int(match.group(1) or match.group(2))
    return None


def unwrap(html: str) -> str:
    """The page with datastore scripts and CDATA records turned into plain markup."""
    if "<datastore" not in html.lower():
        return html
    html = _XML_DECL.sub("", html)
    html = _XML_SCRIPT.sub(lambda m: m.group(1), html)
    return _CDATA.sub(lambda m: m.group(1), html)


def proxy_pages(html: str, page_url: str) -> tuple[list[str], str | None]:
    """Every dataproxy group URL after the page's own records, and the one following it."""
    found = _NEXTGROUP.search(html)
    if not found:
        return [], None
    proxy = urljoin(page_url, found.group(1).replace("&amp;", "&"))
    total = _number(html, "totalrecord", "totalRecord")
    per_page = _number(html, "perPage", "perpage") or 15
    group = per_page * (_number(html, "groupSize") or 3)
    if not total:
        return [], None
    parts = urlsplit(proxy)
    kept = "&".join(f"{k}={v}" for k, v in parse_qsl(parts.query, keep_blank_values=True)
                    if k.lower() not in _GROUP_KEYS)
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    pages = [f"{base}?startrecord={start}&endrecord={start + group - 1}&perpage={per_page}"
             + (f"&{kept}" if kept else "") for start in range(1 + group, total + 1, group)]
    current = dict(parse_qsl(urlsplit(page_url).query))
    start_here = int(current["startrecord"]) if current.get("startrecord", "").isdigit() else 1
    following = next((p for p, s in zip(pages, range(1 + group, total + 1, group), strict=True)
                      if s > start_here), None)
    return pages, following
