"""Stock figures: counts that describe a standing set rather than what happened in a period.

They take only a period of their own clause (then the frame or the publication year):
- a population that frames the rest of the sentence ("全省约192万搬迁群众中，...",
  "Of the 1.2 million relocated residents, ...");
- a cumulative total (累计, cumulative) whose sentence states no period before it: the
  paragraph's period does not carry over to it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nlp.lookahead import skipping

if TYPE_CHECKING:
    from nlp.metrics.classifier import Candidate

_CLAUSE_START = re.compile(r"[，,；;。：:!?！？\n]")
_BASE_AFTER_ZH = re.compile(r"中[，,]")
_BASE_BEFORE_EN = re.compile(r"(?i:\b(?:of|among|out of)\s+(?:the|its|their)\s+)$")
# "德胜安置区共安置…1300户", "The community is home to 12,000 people": a site's standing
# population, stated in the present tense.
_SITE_STOCK_ZH = re.compile(r"(?:安置区|安置点|安置社区|安置小区|社区)(?:内|里)?(?:共|共计|总共)?"
                            r"(?:安置|入住|居住|住着|住有)(?:了|着)?[^，,；;。]{0,12}$")
_SITE_STOCK_EN = re.compile(r"(?i:\b(?:is|are)\s+(?:now\s+)?home\s+to\s+(?:some\s+|about\s+|"
                            r"around\s+|more\s+than\s+|over\s+|nearly\s+)?)$")
_CUMULATIVE = skipping(re.compile(r"累计|累积|总计|(?i:\bcumulative(?:ly)?\b)"))


# up to the last clause delimiter: the greedy run backs off from the end in the engine
_UP_TO_CLAUSE = re.compile(rf"(?s:.*{_CLAUSE_START.pattern})")


def _clause_lead(text: str, start: int) -> str:
    """The text between the last clause delimiter (not 、) and ``start``."""
    before = _UP_TO_CLAUSE.match(text, 0, start)
    return text[before.end() if before else 0:start]


def population_base(c: Candidate, text: str) -> bool:
    """"约192万搬迁群众中，…", "Of the 1.2 million residents, …": the base of a share."""
    if c.unit not in ("people", "households"):
        return False
    return bool(_BASE_AFTER_ZH.match(text, c.end) or _BASE_BEFORE_EN.search(text[:c.start]))


def cumulative(c: Candidate, text: str) -> bool:
    """累计发放贷款2.3亿元 / "cumulatively paid ...": a running total, not a period's figure."""
    return bool(_CUMULATIVE.search(text, 0, c.start))


def site_population(c: Candidate, text: str) -> bool:
    """A resettlement site's residents or households, stated as a standing fact."""
    if c.unit not in ("people", "households"):
        return False
    lead = _clause_lead(text, c.start)
    return bool(_SITE_STOCK_ZH.search(lead) or _SITE_STOCK_EN.search(text, 0, c.start))


def is_standing(c: Candidate, text: str) -> bool:
    """A population that describes a standing set."""
    return population_base(c, text) or site_population(c, text)



# "The county has 23 sites", "Each worker earns 150 yuan a day": a present-tense statement
# with no time word of its own does not take an earlier sentence's span of years.
_PRESENT_EN = skipping(re.compile(
    r"\b(?:is|are|earns?|employs?|lives?|works?|pays?|houses?|hosts?|makes?|gets?|receives?|"
    r"covers?|stands?|remains?)\b|\b(?:has|have)\s+(?:\w+\s+)?(?=[\d,.]+|some\b|about\b|"
    r"more\b|over\b|nearly\b|around\b|a\b|an\b)", re.I))
_PAST_EN = skipping(re.compile(
    r"\b(?:was|were|had|did|will|would)\b|\b(?:has|have)\s+(?:\w+\s+)?\w+ed\b"
    r"|(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )\b[a-z]{3,}ed\b", re.I))


def present_statement(text: str) -> bool:
    """An English sentence in the present tense with no past or future verb."""
    return text.isascii() and bool(_PRESENT_EN.search(text)) and not _PAST_EN.search(text)


# 曾, 一度, "used to", "once reached": a state of the past the text gives no date; the
# publication year would misdate it.
# "will be used to support" is a purpose, not a past; "in the past five years" is a period.
_PAST_STATE = skipping(re.compile(
    r"曾经|曾|一度|过去|以前|原来|原先|昔日|"
    r"(?i:(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)"
    r"(?<!\bbeing\s)\bused\s+to\b|\bonce\b|\bformerly\b|\bpreviously\b|"
    r"\bin\s+the\s+past\b(?!\s+(?:\w+\s+)?(?:years?|months?|decades?|weeks?|days?)\b))"))


# "In the past, ...", 过去，…: an opening adverbial that sets the whole sentence in the past.
_PAST_OPENING = re.compile(r"\W*(?:过去|以前|原来|原先|(?i:in\s+the\s+past|formerly|previously))"
                           r"\s*[,，]")


def past_state(text: str, clause_start: int, start: int) -> bool:
    """Whether the figure at ``start`` is told as an undated past state (the cue in its own
    clause: "counties that once had ..., covering 74 counties" is no past state, or opening
    the sentence: "In the past, she earned ...")."""
    return bool(_PAST_STATE.search(text, clause_start, start) or _PAST_OPENING.match(text))
