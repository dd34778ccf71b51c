"""The cached spaCy pipelines: blank Chinese (jieba + domain dictionary) and blank English."""

from __future__ import annotations

import threading
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import nlp.components  # noqa: F401 - registers the factories
from nlp.context import SentenceContext
from nlp.extensions import register_extensions
from nlp.quantities.counted import load_user_dictionary

COMPONENTS = (
    "rw_quantity_finder", "rw_place_linker", "rw_metric_classifier", "rw_period_resolver",
    "rw_fact_builder",
)
_lock = threading.Lock()


@cache
def get_pipeline(lang: str) -> Language:
    """The pipeline for ``"zh"`` or ``"en"`` (anything else gets English), built once."""
    with _lock:
        register_extensions()
        if lang == "zh":
            load_user_dictionary()
            nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        else:
            nlp = spacy.blank("en")
        for name in COMPONENTS:
            nlp.add_pipe(name)
        return nlp


def run_sentence(text: str, ctx: SentenceContext) -> Doc:
    """Run the pipeline of ``ctx.lang`` over one sentence with its document context."""
    nlp = get_pipeline("zh" if ctx.lang == "zh" else "en")
    doc = nlp.make_doc(text)
    ctx.text = text
    doc._.rw_context = ctx
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
