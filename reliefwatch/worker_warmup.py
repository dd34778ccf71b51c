"""Imported by the extraction workers' forkserver, once: reading one sentence loads jieba's
dictionary, the spaCy pipelines and the gazetteer, so every worker forked from the server
starts with them in place (shared copy-on-write) instead of loading its own.

Importing this module has that side effect on purpose; nothing else imports it.
"""

from __future__ import annotations

import logging

import nlp
from reliefwatch import pipeline  # noqa: F401 - imported here so that workers inherit it

logging.getLogger("jieba").setLevel(logging.WARNING)
nlp.extract_facts("2023年，全县实施以工代赈项目3个。The county trained 200 people in 2023.",
                  published="2024-01-01")
