"""Records handed out by the place linker."""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("province", "prefecture", "county", "town", "village")
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Place:
    """An administrative division, or a town/village found in text.

    ``code`` is the 6-digit division code (None for towns and villages); ``parent_code`` is
    the enclosing division (for a town or village: the county the text puts it in).
    ``name_zh`` is empty for a town or village named only in English.
    """

    code: str | None
    name_zh: str
    name_en: str
    level: str
    parent_code: str | None


@dataclass
class PlaceMention:
    """A place named in a text: ``text[start:end]`` as written, and what it refers to."""

    start: int
    end: int
    text: str
    place: Place
