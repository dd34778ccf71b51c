"""Recognise error pages served with status 200 ("soft 404s") so they are never documents.

A page is an error page when its title says so (页面不存在, 您访问的页面已删除, Page not found,
404 ...), when a short body says so, when it is tiny (a few hundred bytes and no text), or when
the request was redirected to the site's error page (``/404.html``, ``/error.jsp``, ...).
The reason returned never quotes the page: it names the rule that matched.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_NOT_FOUND = re.compile(
    r"页面不存在|页面未找到|页面找不到|找不到(该|此|您要访问的|您访问的)?(页面|网页)|无法找到(该|此)?页面"
    r"|(访问|请求|查看)的(页面|网页|信息|文章|内容|栏目)(已被?删除|不存在|已过期|已下线|已撤销)"
    r"|(文章|信息|内容|稿件|页面|网页|栏目)(已被?删除|不存在|已下线|已撤稿|已过期)"
    r"|404\s*(错误|页面|not\s*found)|错误\s*404|error\s*404|http\s*404"
    r"|page\s+(was\s+)?not\s+found|page\s+(does\s+not|doesn't|did\s+not)\s+exist"
    r"|page\s+(cannot|could\s+not|can't|couldn't)\s+be\s+found|not\s+be\s+found"
    r"|requested\s+(url|page|resource)\s+(was\s+)?not\s+found|file\s+not\s+found"
    r"|no\s+longer\s+(available|exists)|has\s+been\s+(removed|deleted)"
    r"|sorry,?\s.{0,40}(can't|cannot|couldn't|could\s+not)\s+(find|be\s+found)",
    re.I | re.S)
_BARE_404 = re.compile(r"^\W*(404|not\s+found|error)\W*$", re.I)
_ERROR_PATH = re.compile(
    r"(^|/)(40[0-4]|50[0-4]|error\w*|err|notfound|not[-_]found|nopage|page[-_]?not[-_]?found"
    r"|404\w*|fault)(\.\w+)?/?$", re.I)
_ERROR_QUERY = re.compile(r"(^|&)(err|error|errcode|errorcode|code)=(40[0-4]|50[0-4]|\w*not)",
                          re.I)
SHORT_BODY = 400  # characters: a body this short is read for "not found" wording
TINY_TEXT = 10  # characters of body text
TINY_BYTES = 1024  # bytes of the whole page


def error_page_reason(title: str | None, text: str, body_size: int, url: str,
                      requested_url: str | None = None, has_attachments: bool = False,
                      ) -> str | None:
    """Why this 200 answer is an error page, or None when it looks like a real page.

    ``text`` is the extracted text (title and date lines first, as :class:`Article` holds it);
    ``requested_url`` the URL asked for when the answer came after redirects.
    """
    if requested_url and requested_url != url and redirected_to_error_page(url):
        return "redirected to the site's error page"
    if title and (_NOT_FOUND.search(title) or _BARE_404.match(title)):
        return "error page: its title says the page does not exist"
    body = _body(text, title)
    if len(body) <= SHORT_BODY and _NOT_FOUND.search(body):
        return "error page: its text says the page does not exist"
    if body_size <= TINY_BYTES and len(body) < TINY_TEXT and not has_attachments:
        return f"error page: {body_size} bytes with no text"
    return None


def redirected_to_error_page(url: str) -> bool:
    """True for an address shaped like a site's error page."""
    parts = urlsplit(url)
    return bool(_ERROR_PATH.search(parts.path) or _ERROR_QUERY.search(parts.query))


def _body(text: str, title: str | None) -> str:
    lines = [line for line in (text or "").split("\n") if line.strip()]
    if lines and title and lines[0].strip() == title.strip():
        lines = lines[1:]
    if lines and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", lines[0].strip()):
        lines = lines[1:]
    return "\n".join(lines).strip()
