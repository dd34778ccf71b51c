"""Chinese word segmentation with a private jieba tokenizer that knows the domain's words
(以工代赈, 劳务报酬, 易地扶贫搬迁 ...).

The tokenizer is ReliefWatch's own ``jieba.Tokenizer``: the domain dictionary is loaded into
it once, so segmentation never depends on what else ran in the process (jieba's global
tokenizer is shared with any other user of jieba). Its dictionary cache is jieba's own.
"""

from __future__ import annotations

import logging
import threading
from functools import cache, lru_cache

import jieba

from nlp.resources import data_path

DOMAIN_DICTIONARY = ("nlp.quantities", "jieba_userdict.txt")
_lock = threading.Lock()


@cache
def tokenizer() -> jieba.Tokenizer:
    """The private tokenizer, built on first use (about half a second with jieba's cache)."""
    with _lock:
        jieba.setLogLevel(logging.WARNING)  # its import sets its own logger to DEBUG
        private = jieba.Tokenizer()
        private.initialize()
        private.load_userdict(data_path(*DOMAIN_DICTIONARY))
        return private


@lru_cache(maxsize=8192)
def words(segment: str) -> tuple[str, ...]:
    """The words of a short Chinese segment (no HMM guessing of unknown words)."""
    return tuple(tokenizer().lcut(segment, HMM=False))


def word_starts(segment: str) -> frozenset[int]:
    """Offsets in ``segment`` where a word starts (and its length: where the last one ends)."""
    starts, pos = set(), 0
    for word in words(segment):
        starts.add(pos)
        pos += len(word)
    starts.add(pos)
    return frozenset(starts)
