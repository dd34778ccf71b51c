"""Quantity parser: numbers in Chinese and English text, normalised, with unit and noun.

Public API: :class:`Quantity`, :func:`find_quantities`.
"""

from nlp.quantities.finder import find_quantities
from nlp.quantities.model import Quantity

__all__ = ["Quantity", "find_quantities"]
