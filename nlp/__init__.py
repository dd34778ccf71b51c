"""Fact extraction: quantities, metrics, places and periods from Chinese and English text.

Public API: :func:`extract_facts`, :data:`EXTRACTOR_VERSION`, :class:`Fact`, :data:`METRICS`.
"""

from nlp.fact import Fact
from nlp.metrics import METRIC_NAMES, METRICS, Metric

EXTRACTOR_VERSION = "0.0.1"


def extract_facts(
    text: str, lang: str | None = None, published: str | None = None, title: str | None = None
) -> list[Fact]:
    """Find every quantified fact in ``text``. Placeholder until the extractor lands."""
    raise NotImplementedError


def extract_table_facts(
    rows: list[list[str | None]], lang: str | None = None, published: str | None = None,
    title: str | None = None, context: str | None = None,
) -> list[Fact]:
    """Facts from a table (first row(s) headers; e.g. county x 项目数/带动就业/劳务报酬)."""
    raise NotImplementedError


__all__ = [
    "EXTRACTOR_VERSION", "METRICS", "METRIC_NAMES", "Fact", "Metric", "extract_facts",
    "extract_table_facts",
]
