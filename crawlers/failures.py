"""Name a failed request for ``crawl_errors``: its kind, status and a message that never
quotes a response body (the table is published)."""

from __future__ import annotations

from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.guard import OffsiteRefused


def header_dict(response: Response) -> dict[str, str]:
    """Response headers as ``str`` pairs (last value wins), bytes untouched elsewhere."""
    return {k.decode("latin-1"): v[-1].decode("latin-1")
            for k, v in response.headers.items() if v}


def classify_failure(failure: Failure) -> tuple[str, int | None]:
    """``(kind, status)`` for a failed request: http, timeout, truncated, too_large,
    redirect_loop, offsite, dns, refused, fetch."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return "http", exc.response.status
    if isinstance(exc, OffsiteRefused):
        return "offsite", None
    name = type(exc).__name__
    text = repr(exc)
    if "max redirections" in text:
        return "redirect_loop", None
    if "DOWNLOAD_MAXSIZE" in text or "download max size" in text:
        return "too_large", None
    if "Timeout" in name or "Timeout" in text:
        return "timeout", None
    if "DataLoss" in text or "PotentialDataLoss" in text or "ResponseFailed" in name:
        return "truncated", None
    if "DNS" in name or "CannotResolveHost" in name or "DNS lookup" in text:
        return "dns", None
    if "ConnectionRefused" in name:
        return "refused", None
    return "fetch", None


def failure_message(failure: Failure) -> str:
    """What went wrong, in our words or Scrapy's (never a response body): crawl_errors is
    published."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"HTTP status {exc.response.status}"
    if isinstance(exc, OffsiteRefused):
        return f"refused: {exc}"
    text = str(exc).split("\n", 1)[0][:300]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
