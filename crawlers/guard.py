"""Keep every request, redirects included, on its source's hosts and off private networks.

Scrapy's own offsite filter lets ``dont_filter`` requests (all of ours) and their redirects
through, and nothing stops a page from pointing the crawler at ``localhost`` or an intranet
address. :class:`HostGuardMiddleware` (a downloader middleware, so it sees each redirect
hop) refuses a request

* whose host is not one of its source's ``allowed_domains`` (or a subdomain of one);
* whose host is, or resolves to, a loopback, private, link-local or otherwise non-public
  address, unless the source's own start pages are on such an address (a site served on
  127.0.0.1 for a test or a demo, an intranet source).

A refused request raises :class:`OffsiteRefused`; the spider records it in ``crawl_errors``
(kind ``offsite``) without fetching anything.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from crawlers.sources import Source
from crawlers.urls import host_allowed

logger = logging.getLogger(__name__)


class OffsiteRefused(IgnoreRequest):
    """A request the guard refused (the message says why, never quoting a response)."""


def is_internal_address(address: str) -> bool:
    """True for loopback, private, link-local, multicast, reserved and unspecified IPs."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def _literal_or_local(host: str) -> bool | None:
    """Internal (True) or public (False) when the host tells without DNS; None otherwise."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None
    return is_internal_address(host)


def source_is_internal(source: Source) -> bool:
    """True when any start page of the source is on an internal address by its host name."""
    return any(_literal_or_local(urlsplit(u).hostname or "") for u in source.start_urls)


def refusal(url: str, source: Source | None, internal_ok: bool) -> str | None:
    """Why ``url`` may not be fetched for ``source`` without DNS (None: fine so far)."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return "no host in the URL"
    if source is not None and not host_allowed(url, source.allowed_domains):
        return f"host {host} is not one of the source's allowed domains"
    if not internal_ok and _literal_or_local(host):
        return f"host {host} is a loopback or private address"
    return None


class HostGuardMiddleware:
    """Downloader middleware applying :func:`refusal`, then a DNS check of the host."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._resolved: dict[str, bool] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostGuardMiddleware:
        return cls(crawler)

    def _source(self, request: Request) -> Source | None:
        state = getattr(self.crawler.spider, "state", None)
        sources = getattr(state, "sources", None) or {}
        return sources.get(request.meta.get("rw_source"))

    async def process_request(self, request: Request) -> None:
        # Placed before RobotsTxtMiddleware: robots.txt (no source in its meta) is only asked
        # of hosts a request passed this guard for.
        source = self._source(request)
        internal_ok = source is None or source_is_internal(source)
        reason = refusal(request.url, source, internal_ok)
        if reason is None and not internal_ok:
            host = urlsplit(request.url).hostname or ""
            if _literal_or_local(host) is None and await self._resolves_inside(host):
                reason = f"host {host} resolves to a loopback or private address"
        if reason:
            logger.info("refused %s: %s", request.url, reason)
            raise OffsiteRefused(reason)
        return None

    async def _resolves_inside(self, host: str) -> bool:
        if host not in self._resolved:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(host, None)
            except (OSError, UnicodeError):
                return False  # no answer: the download fails and is recorded as dns
            self._resolved[host] = any(is_internal_address(info[4][0]) for info in infos)
        return self._resolved[host]
