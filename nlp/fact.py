"""The Fact record: one quantified statement found in a text."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Fact:
    """A figure with its metric, place, period and evidence.

    ``start``/``end`` are character offsets of ``span`` in the text given to the extractor;
    ``value`` is normalised (yuan in yuan, people in persons, percentages as numbers).
    """

    metric: str
    value: float
    unit: str
    span: str
    start: int
    end: int
    sentence: str
    approx: bool = False
    low: float | None = None
    high: float | None = None
    place: str | None = None
    place_code: str | None = None
    place_name_zh: str | None = None
    place_name_en: str | None = None
    year: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    origin: str = "text"

    def to_dict(self) -> dict:
        """Plain dict with the field names of the ``facts`` table and the scorer."""
        return asdict(self)
