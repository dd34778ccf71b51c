"""A document's sentences read once: the frame reads the headline and the opening sentences
of each section (for the period the report is about), and the reader reads them again for
their facts. What the frame found is handed to the reader instead of being found twice."""

from __future__ import annotations

from nlp.periods.dates import RefDate
from nlp.periods.grammar import PeriodMention, find_periods
from nlp.quantities import Quantity, find_quantities


class SentenceReads:
    """Quantities and period mentions of one document's sentences, kept from their first
    reading until the second one takes them (each is taken once, so little is kept)."""

    def __init__(self) -> None:
        self._quantities: dict[tuple[str, str], list[Quantity]] = {}
        self._periods: dict[tuple[str, RefDate | None, str], list[PeriodMention]] = {}

    def quantities(self, text: str, lang: str) -> list[Quantity]:
        """``find_quantities(text, lang)``, kept for :meth:`take_quantities`."""
        found = self._quantities.get((text, lang))
        if found is None:
            found = self._quantities[text, lang] = find_quantities(text, lang)
        return found

    def periods(self, text: str, ref: RefDate | None, lang: str) -> list[PeriodMention]:
        """``find_periods(text, ref, lang)``, kept for :meth:`take_periods`."""
        found = self._periods.get((text, ref, lang))
        if found is None:
            found = self._periods[text, ref, lang] = find_periods(text, ref, lang)
        return found

    def take_quantities(self, text: str, lang: str) -> list[Quantity]:
        found = self._quantities.pop((text, lang), None)
        return find_quantities(text, lang) if found is None else found

    def take_periods(self, text: str, ref: RefDate | None, lang: str) -> list[PeriodMention]:
        found = self._periods.pop((text, ref, lang), None)
        return find_periods(text, ref, lang) if found is None else found
