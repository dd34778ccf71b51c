"""Component: period expressions resolved against the reference date, ``doc._.periods``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._context import context_of, text_of
from nlp.periods.grammar import find_periods


class PeriodResolver:
    def __call__(self, doc: Doc) -> Doc:
        ctx = context_of(doc)
        doc._.periods = find_periods(text_of(doc, ctx), ctx.ref, ctx.lang)
        return doc


@Language.factory("rw_period_resolver", assigns=["doc._.periods"], default_config={})
def make_period_resolver(nlp: Language, name: str) -> PeriodResolver:
    return PeriodResolver()
