"""All custom attributes ReliefWatch sets on spaCy objects, declared in one table."""

from __future__ import annotations

from spacy.tokens import Doc

# name -> what it holds. Defaults are None: components assign fresh lists per Doc.
DOC_EXTENSIONS: dict[str, str] = {
    "rw_context": "SentenceContext from the caller: offset, reference date, places, carry-over",
    "quantities": "list[Quantity]: numbers that may be facts, offsets relative to the Doc",
    "candidates": "list[Candidate]: quantities with their metric and unit decided",
    "place_refs": "list[PlaceRef]: places named in the Doc (lists grouped), Doc offsets",
    "periods": "list[PeriodMention]: period expressions in the Doc",
    "facts": "list[Fact]: the finished facts, offsets relative to the whole document",
}


def register_extensions() -> None:
    """Declare every Doc extension (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
