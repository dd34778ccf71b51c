"""Component: places named in the sentence, as ``doc._.place_refs`` (lists grouped)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._context import context_of, text_of
from nlp.places import link_places
from nlp.places.references import group_places


class PlaceLinker:
    """Uses the document-level links the caller passed in, else links the Doc itself."""

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        if ctx.place_refs is None:
            text = text_of(doc, ctx)
            ctx.place_refs = group_places(text, link_places(text, ctx.lang))
        doc._.place_refs = list(ctx.place_refs)
        return doc


@Language.factory("rw_place_linker", assigns=["doc._.place_refs"], default_config={})
def make_place_linker(nlp: Language, name: str) -> PlaceLinker:
    return PlaceLinker()
