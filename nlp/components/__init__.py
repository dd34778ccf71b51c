"""ReliefWatch's spaCy components; importing this package registers their factories."""

from nlp.components.fact_builder import FactBuilder
from nlp.components.metric_classifier import Candidate, MetricClassifier
from nlp.components.period_resolver import PeriodResolver
from nlp.components.place_linker import PlaceLinker
from nlp.components.quantity_finder import QuantityFinder

__all__ = [
    "Candidate", "FactBuilder", "MetricClassifier", "PeriodResolver", "PlaceLinker",
    "QuantityFinder",
]
