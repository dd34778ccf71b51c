"""Numbers that are not facts: numbered names, citations, identifiers, ordinals."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from nlp.resources import alternation, load_json
from nlp.settings import SETTINGS

if TYPE_CHECKING:
    from nlp.quantities import Quantity

_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
_HYPHEN_WORD_AFTER = re.compile(r"^-[A-Za-z\u4e00-\u9fff]")
_TIER = re.compile(r"[0-9一二三四五六七八九十两]+\s*级")  # 三级项目库, 三级联动: tiers, not counts
_LETTER_BEFORE = re.compile(r"[A-Za-z][-‐]?$")
_IDENTIFIER = re.compile(r"\d{7,}")
_QUOTES = {"“": "”", '"': '"', "「": "」", "《": "》", "‘": "’"}
_SENTENCE_PUNCT = re.compile(r"[,，。；;！!？?]")
# A lone 一 is an article ("a", "some"), not the figure one: 一批, 一些, 一系列, 一大批, 一个,
# 一项. In money and percentages (一成) it stays a number.
_ARTICLE_ONE = re.compile(
    r"[一壹](?![0-9０-９一二三四五六七八九十百千万亿两〇零点几余多拾佰仟萬億])"
)
_NUMBER_ONE_UNITS = ("yuan", "percent", "percentage_points")
# "800人以上大型安置区", "万人以上的安置点": a size class of sites, not a count of people.
_SIZE_CLASS = re.compile(r"(?:及)?以[上下]的?(?:大型|中型|小型|特大型|集中)?"
                         r"(?:安置区|安置点|安置社区|社区|小区|村|镇|规模|企业|车间)")


@cache
def _prefix_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    prefixes = load_json("nlp.quantities", "filters.json")["name_prefixes"]
    en = re.compile(rf"(?<![A-Za-z])(?:{alternation(prefixes['en'])})\s*$", re.I)
    zh = re.compile(rf"(?:{alternation(prefixes['zh'])})\s*$")
    return en, zh


def _inside_brackets(text: str, start: int, end: int) -> bool:
    before, after = text[:start], text[end:]
    opened = before.rfind("[")
    return opened > before.rfind("]") and after.find("]") != -1 and (
        after.find("]") < (after.find("[") if "[" in after else len(after))
    )


def _inside_short_quote(text: str, start: int, end: int) -> bool:
    limit = SETTINGS.quantities.name_quote_max_chars
    for opening, closing in _QUOTES.items():
        left = text.rfind(opening, max(0, start - limit), start)
        if left == -1:
            continue
        right = text.find(closing, end, end + limit)
        if right == -1:
            continue
        inner = text[left + 1:right]
        if opening == closing and text.count(opening, 0, left) % 2:
            continue  # that quote mark closes an earlier quotation
        if len(inner) <= limit and not _SENTENCE_PUNCT.search(inner):
            return True
    return False


def is_blocked(text: str, q: Quantity) -> bool:
    """Whether the quantity at ``q.start``-``q.end`` of ``text`` is a name, citation or code."""
    if q.unit not in _NUMBER_ONE_UNITS and _ARTICLE_ONE.match(text, q.start):
        return True
    bound_at = q.end - 2 if q.text.endswith(("以上", "以下")) else q.end
    if q.unit == "people" and _SIZE_CLASS.match(text, bound_at):
        return True
    before = text[max(0, q.start - 12):q.start]
    after = text[q.end:q.end + 6]
    en_prefix, zh_prefix = _prefix_patterns()
    if en_prefix.search(before) or zh_prefix.search(before):
        return True
    if _ORDINAL_AFTER.match(after) or _HYPHEN_WORD_AFTER.match(after) or (
        q.unit != "yuan" and _TIER.match(text, q.start)
    ):
        return True
    if _LETTER_BEFORE.search(before) and q.text[:1].isdigit():
        return True  # COVID-19, G20
    if q.unit is None and _IDENTIFIER.fullmatch(q.text.replace(" ", "")):
        return True
    return _inside_brackets(text, q.start, q.end) or _inside_short_quote(text, q.start, q.end)
