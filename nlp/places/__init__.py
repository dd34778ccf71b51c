"""Place gazetteer and linker: Chinese administrative divisions with codes, plus towns and
villages found by pattern.

Public API: :class:`Place`, :class:`PlaceMention`, :func:`link_places`, :func:`lookup`,
:func:`get_place`, :func:`iter_places`.
"""

from nlp.places.gazetteer import get_place, iter_places, lookup
from nlp.places.linker import link_places
from nlp.places.model import Place, PlaceMention

__all__ = ["Place", "PlaceMention", "get_place", "iter_places", "link_places", "lookup"]
