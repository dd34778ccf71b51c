"""Items the spiders yield: one captured response to store as a document."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CapturedDocument:
    """A fetched article page or PDF, bytes and headers exactly as received.

    ``kind`` is ``"article"`` or ``"pdf"``. ``parent_url`` is the canonical URL of the article
    a PDF is attached to (``None`` for a PDF linked straight from a list page).
    """

    kind: str
    url: str
    canonical_url: str
    source_id: str
    status: int
    headers: dict[str, str]
    body: bytes
    warc_file: str | None = None
    warc_offset: int | None = None
    parent_url: str | None = None
    parent_id: int | None = None
    parent_relevant: bool = False
    extra: dict = field(default_factory=dict)
