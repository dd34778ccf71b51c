"""Periods: the reference date of a document, period expressions in a sentence (grammar),
their values (model) and whether a paragraph's period governs the next one (carry).

Public API: :func:`find_periods`, :class:`PeriodMention`, :class:`Period`.
"""

from nlp.periods.grammar import PeriodMention, find_periods
from nlp.periods.model import Period

__all__ = ["Period", "PeriodMention", "find_periods"]
