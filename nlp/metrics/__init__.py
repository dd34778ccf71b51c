"""Metrics: what a figure counts. The vocabulary (:data:`METRICS`), the rules that read unit
and metric from counted nouns and cue words, the classifier that applies them to a quantity,
and the stock figures that take no period from elsewhere."""

from nlp.metrics.vocabulary import METRIC_NAMES, METRICS, Metric

__all__ = ["METRICS", "METRIC_NAMES", "Metric"]
