"""Read the caller's SentenceContext from a Doc (a default one when none was set)."""

from __future__ import annotations

from spacy.tokens import Doc

from nlp.context import SentenceContext
from nlp.lang import script_of


def context_of(doc: Doc) -> SentenceContext:
    """``doc._.rw_context``, created from the Doc's script when the caller set none."""
    ctx = doc._.rw_context
    if ctx is None:
        ctx = SentenceContext(lang=script_of(doc.text))
        doc._.rw_context = ctx
    return ctx


def text_of(doc: Doc, ctx: SentenceContext) -> str:
    """The Doc's text, from the context when the caller put it there (cheaper than doc.text)."""
    return doc.text if ctx.text is None else ctx.text
