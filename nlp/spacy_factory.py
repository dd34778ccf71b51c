"""spaCy integration: the ``reliefwatch_facts`` pipeline component.

ReliefWatch does not run spaCy while it reads: its rules read characters and regex matches,
not tokens (see docs/NLP.md). This factory lets a spaCy pipeline call the extractor on each
Doc; it is declared as a ``spacy_factories`` entry point, so
``add_pipe("reliefwatch_facts")`` works in any pipeline once the package is installed::

    pipeline = spacy.blank("zh")
    pipeline.add_pipe("reliefwatch_facts")
    doc = pipeline("花垣县2023年实施以工代赈项目12个。")
    doc.spans["facts"]  # one span per fact, labelled with its metric
    doc._.facts         # the Fact objects
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp import extract_facts
from nlp.fact import Fact

FACTORY = "reliefwatch_facts"


def register_extensions() -> None:
    """``doc._.facts`` (set by the component) and ``doc._.published`` (set by the caller:
    the publication date that resolves "last year"/去年). Idempotent."""
    for name in ("facts", "published"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class FactExtractor:
    """Runs :func:`nlp.extract_facts` on ``doc.text``."""

    def __init__(self, lang: str | None, spans_key: str) -> None:
        self.lang = lang if lang in ("zh", "en") else None
        self.spans_key = spans_key
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published if isinstance(doc._.published, str) else None
        facts: list[Fact] = extract_facts(doc.text, self.lang, published)
        spans = (doc.char_span(f.start, f.end, label=f.metric, alignment_mode="expand")
                 for f in facts)
        doc.spans[self.spans_key] = [s for s in spans if s is not None]
        doc._.facts = facts
        return doc


@Language.factory(
    FACTORY,
    assigns=["doc.spans", "doc._.facts"],
    default_config={"spans_key": "facts"},
)
def make_fact_extractor(nlp: Language, name: str, spans_key: str) -> FactExtractor:
    """The component for ``nlp.add_pipe("reliefwatch_facts")``; facts land in
    ``doc.spans[spans_key]`` (label = metric) and ``doc._.facts``."""
    return FactExtractor(nlp.lang, spans_key)
