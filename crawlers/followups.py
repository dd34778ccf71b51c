"""Which attachments of a stored article a crawl fetches next (the one rule both the Scrapy
spider and the shared Redis crawl's writer follow)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawlers.urls import canonicalize, host_allowed

if TYPE_CHECKING:
    from crawlers.documents import StoreResult
    from crawlers.runstate import RunState


def attachments_to_fetch(state: RunState, source_id: str, result: StoreResult,
                         scheduled: set[str]) -> list[tuple[str, str]]:
    """``(url, canonical url)`` of the attachments to fetch now: not yet scheduled or known, on
    one of the source's allowed hosts. An attachment elsewhere is refused and recorded. A copy
    of a stored article (same text, other URL) brings nothing new. Adds to ``scheduled``."""
    source = state.sources[source_id]
    out = []
    for url in [] if result.outcome == "duplicate" else result.attachments:
        canonical = canonicalize(url)
        if canonical in scheduled or state.is_known(canonical):
            continue
        if not host_allowed(url, source.allowed_domains):
            state.error(url, "offsite", "refused: attachment on a host that is not one of the "
                        "source's allowed domains", None, source.id)
            state.failed(canonical, 403)
            continue
        scheduled.add(canonical)
        out.append((url, canonical))
    return out
