"""Component: numbers that may be facts, as ``doc._.quantities`` and ``doc.spans``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._context import context_of, text_of
from nlp.metrics.rules import DROPPED_UNITS
from nlp.quantities import find_quantities
from nlp.quantities.filters import is_blocked


class QuantityFinder:
    """Wraps :func:`nlp.quantities.find_quantities`; drops names, codes and foreign money."""

    def __init__(self, spans_key: str = "quantities") -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        text = text_of(doc, ctx)
        found = ctx.quantities if ctx.quantities is not None else find_quantities(text, ctx.lang)
        kept = [q for q in found
                if q.unit not in DROPPED_UNITS and not is_blocked(text, q)]
        doc._.quantities = kept
        spans = (doc.char_span(q.start, q.noun_end or q.end, label=q.unit or "number",
                               alignment_mode="expand") for q in kept)
        doc.spans[self.spans_key] = [s for s in spans if s is not None]
        return doc


@Language.factory(
    "rw_quantity_finder",
    assigns=["doc._.quantities", "doc.spans"],
    default_config={"spans_key": "quantities"},
)
def make_quantity_finder(nlp: Language, name: str, spans_key: str) -> QuantityFinder:
    return QuantityFinder(spans_key)
