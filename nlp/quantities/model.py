"""The Quantity record returned by :func:`nlp.quantities.find_quantities`."""

from __future__ import annotations

from dataclasses import dataclass

# Units beyond the fact units: kept so callers can tell "3年" or "12公里" from a bare number.
EXTRA_UNITS = ("duration", "measure", "multiple")


@dataclass
class Quantity:
    """A number found in a text, normalised, with its unit and counted noun.

    ``start``/``end`` are offsets into the text given to the finder (``text == text[start:end]``);
    ``value`` is normalised ("4.8亿元" -> 480000000, "41.3%" -> 41.3). For a range ``value``
    is its lower end and ``low``/``high`` hold both ends; a one-sided bound ("over 100",
    "近3000人") sets only ``low`` or ``high``. ``unit`` is one of "yuan", "percent",
    "percentage_points", "people", "households", "projects", "positions", "count",
    "foreign_currency", "duration", "measure", "multiple" or None for a bare number.
    ``noun_end`` is the end of the span that also covers the counted noun.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    approx: bool = False
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    noun: str | None = None
    noun_end: int | None = None
