"""Whether a period stated in one paragraph still governs the next one.

Wire copy puts each sentence in its own paragraph: "China has allocated ... this year." is
followed by "The funds will back some 1,700 projects ..." whose figures belong to the same
year. A period carries over a paragraph break only when
- the earlier paragraph is one sentence (wire style; a long paragraph closes its topic),
- the new paragraph opens with a statement that names no period of its own, is no quote, no
  heading, no dateline and no background ("since", "had", "over the past ..."),
- and it continues the same account: it opens with a reference back ("The funds", "It",
  "These", 这些/该/此外) or shares a content word with the earlier paragraph.
"""

from __future__ import annotations

import re

from nlp.lookahead import skipping
from nlp.periods.dates import RefDate
from nlp.periods.grammar import PeriodMention
from nlp.periods.model import Period
from nlp.settings import SETTINGS

_STATEMENT_END = re.compile(r"[.。!！?？][\"”’')）]?\s*$")
_QUOTE = re.compile(r"^\s*[\"“‘「『]")
_BACKGROUND = skipping(re.compile(
    r"(?i:\bsince\b|\bhad\b|\bover\s+the\s+(?:past|last)\b|\bpreviously\b|"
    r"\bin\s+the\s+past\b|\bearlier\b|\bso\s+far\b|\bto\s+date\b)|以来|此前|过去|曾|累计|截至"
))
_BACK_REFERENCE = re.compile(
    r"^\s*(?:(?:The|These|Those|This|That|Such|Its|Their)\s+\w+|It|They|Of\s+(?:these|them|the)"
    r"|Among\s+(?:them|these)|In\s+addition|Also|Meanwhile)\b"
    r"|^\s*(?:这些|这批|上述|该|此外|同时|其中|另外)"
)
# "Of the total, ...", 其中: a part of the figure before, in its period whatever its length
_PART_OF = re.compile(
    r"^\s*(?:Of\s+(?:the|this|that)\s+(?:total|amount|sum|figure|number|funds?|investment)\b"
    r"|Of\s+(?:these|them|those)\b|Among\s+(?:them|these|those)\b)|^\s*其中", re.I)
# "During the same period, ...", 同期: the period of the figure before, whatever its length
_SAME_PERIOD = re.compile(
    r"^\s*(?:(?:during|in|over|for)\s+the\s+same\s+period\b|同期|同一时期)", re.I)
_WORD_EN = re.compile(r"[a-z]{5,}")
_STOP_EN = frozenset(
    "about after again their there these those which while would could should other "
    "under until where being having people million billion percent yuan according said "
    "china chinese national government officials local areas rural county province".split()
)


def _content_words(text: str) -> set[str]:
    words = set(_WORD_EN.findall(text.lower())) - _STOP_EN
    return {w[:6] for w in words}  # crude stem: "project"/"projects", "funds"/"funded"


def carries_over(period: Period | None, previous: str, sentences_before: int,
                 opening: str) -> bool:
    """True when ``period``, in force at the end of paragraph ``previous``
    (``sentences_before`` sentences long), still governs the paragraph opening with
    ``opening``. A span of years ("since 2021") is background and does not carry."""
    if period is None:
        return False
    if (_PART_OF.match(opening) or _SAME_PERIOD.match(opening)) and _STATEMENT_END.search(
            previous):
        return True
    if period.start[:4] != period.end[:4]:
        return False
    if sentences_before != 1 or not _STATEMENT_END.search(previous):
        return False  # a heading, byline or dateline line, or a long paragraph
    if _QUOTE.match(opening) or _BACKGROUND.search(opening):
        return False
    ascii_text = opening.isascii()
    if ascii_text and len(opening.split()) > SETTINGS.periods.carry_max_words_en:
        return False
    if not ascii_text and len(opening) > SETTINGS.periods.carry_max_chars_zh:
        return False
    if _BACK_REFERENCE.match(opening):
        return True
    return bool(_content_words(previous) & _content_words(opening))


# "from 15.3 million in 2016": the year of a starting figure; "by 2020", 到2025年: a deadline.
_FROM_FIGURE = re.compile(r"\bfrom\s+(?:about\s+|nearly\s+)?[\d.,]+(?:\s+(?:million|billion))?"
                          r"(?:\s+[a-z]+){0,3}\s+in\s+$", re.I)
_BY = re.compile(r"(?:(?i:\bby|\buntil)\s+(?:the\s+end\s+of\s+)?|到|至)$")


def carries(text: str, mention: PeriodMention, ref: RefDate | None) -> bool:
    """Whether a period stated in a sentence is the one its later sentences go on with: not
    the year of a figure a change starts from, not a deadline after the report."""
    before = text[max(0, mention.start - 40):mention.start]
    if _FROM_FIGURE.search(before):
        return False
    future = ref is not None and mention.period is not None and mention.period.end_year > ref.year
    return not (future and _BY.search(before[-16:]))
