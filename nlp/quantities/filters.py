"""Numbers that are not facts: numbered names, citations, identifiers, ordinals."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from nlp.lookahead import skipping
from nlp.quantities.counted import counts_projects
from nlp.resources import alternation, load_json
from nlp.settings import SETTINGS

if TYPE_CHECKING:
    from nlp.quantities import Quantity

_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
_HYPHEN_WORD_AFTER = re.compile(r"^-[A-Za-z\u4e00-\u9fff]")
_TIER = re.compile(r"[0-9一二三四五六七八九十两]+\s*级")  # 三级项目库, 三级联动: tiers, not counts
# COVID-19, G20: a name; "Approximately30" is a missing space
_LETTER_BEFORE = re.compile(r"(?:[A-Z]|[A-Za-z][-‐])$")
# "incomes soar(3)": a page or part number glued to a word
_NUMBERING = re.compile(r"[A-Za-z\u4e00-\u9fff]\($")
# 2021届毕业生: a graduating class; 第一、二名: a second ordinal after 第
_CLASS_YEAR = re.compile(r"(?:19|20)\d\d\s*届")
_ORDINAL_LIST = re.compile(r"第[一二三四五六七八九十\d]{1,3}[、，,]$")
# "Chen, 56, earns ...": an age in apposition to a name
_AGE_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s*$")
# "at least one earning member", 每个至少实现1个: a threshold, not a count
_AT_LEAST = re.compile(r"(?:\bat\s+least|至少[\u4e00-\u9fff]{0,3})\s*$", re.I)
_AT_LEAST_IN = re.compile(r"(?:at\s+least|至少)\s*", re.I)
_IDENTIFIER = re.compile(r"\d{7,}")
_QUOTES = {"“": "”", '"': '"', "「": "」", "《": "》", "‘": "’"}
_SENTENCE_PUNCT = re.compile(r"[,，。；;！!？?]")
# A lone 一 is an article ("a", "some"), not the figure one: 一批, 一些, 一系列, 一大批, 一个,
# 一项. In money and percentages (一成) it stays a number.
_ARTICLE_ONE = re.compile(
    r"[一壹](?![0-9０-９一二三四五六七八九十百千万亿两〇零点几余多拾佰仟萬億])"
)
_NUMBER_ONE_UNITS = ("yuan", "percent", "percentage_points")
_LEAD = re.compile(r"[^0-9０-９一二三四五六七八九十百千万亿两〇零壹]*")
# 数十名, 几百人, 好几千: a vague magnitude, no figure (人数30人, 户数 are counts).
_VAGUE_BEFORE = re.compile(r"(?<![人户总次个件项岗位])[数几]$")
# "two children", "a family of four", 两个孩子, 一家四口: one family's members, an anecdote.
_FAMILY_AFTER_ZH = re.compile(r"[个名位]?(?:孩子|子女|儿女|儿子|女儿|小孩|老人|娃)|口人?")
_FAMILY_AFTER_EN = re.compile(r"\s+(?:young\s+|little\s+|school-age\s+)?"
                              r"(?:children|kids|sons|daughters|grandchildren)\b", re.I)
_FAMILY_NOUN_EN = re.compile(r"\b(?:children|kids|sons|daughters|grandchildren)\b", re.I)
_FAMILY_NOUN_ZH = re.compile(r"孩子|子女|儿女|儿子|女儿|小孩")
_FAMILY_BEFORE = re.compile(r"(?:一家|全家|family\s+of\s+)$", re.I)
# "800人以上大型安置区", "万人以上的安置点", "30户及以上自然村": a size class, not a count.
_SIZE_CLASS = re.compile(r"(?:及)?以[上下]的?(?:大型|中型|小型|特大型|集中)?"
                         r"(?:安置区|安置点|安置社区|社区|小区|自然村|行政村|村|镇|规模|企业|车间)")
_SIZE_UNITS = ("people", "households")
_CHINESE_SMALL = re.compile(r"[一二两三四五六七八九十]$")
_ONE_OF = re.compile(r"\s+of\s+(?:the|these|those|them|its|their|our)\b", re.I)
_OF_THE = re.compile(r"\bof\s+(?:the|these|those)\s+$", re.I)
_THE_BEFORE = re.compile(r"\b(?:the|these|those|both)\s+$", re.I)
_WITH_EACH = re.compile(r"\s+(?:in\s+each|each|per|apiece|in\s+every)\b", re.I)
_WITH_BEFORE = re.compile(r"\bwith\s+(?:more\s+than\s+|over\s+|at\s+least\s+|about\s+)?$", re.I)


@cache
def _not_facts() -> dict:
    return load_json("nlp.quantities", "not_facts.json")


@cache
def _category_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str],
                                  re.Pattern[str]]:
    words = _not_facts()
    nouns = alternation(words["category_nouns_zh"])
    zh = re.compile(rf"^(?:{nouns})|(?:{nouns})$")
    en = re.compile(rf"\s+(?:major\s+|key\s+|main\s+|basic\s+)?"
                    rf"(?:{alternation(words['category_nouns_en'])})\b", re.I)
    places = re.compile(rf"\s+(?:[a-z-]+\s+)?(?:{alternation(words['anaphoric_places_en'])})\b",
                        re.I)
    line = re.compile(alternation(words["poverty_line"]), re.I)
    return zh, en, places, line


_ZH_SMALL = re.compile(r"(?:[一二两三四五六七八九十]{1,3}|\d{1,3})(?P<measure>[种类大轮项条个批])")
# "20条措施", 27条举措: a policy package's items, kinds of measures, up to this many
_PACKAGE_MAX = 100
_PROJECT_AFTER = re.compile(r"项目|工程")
_PHRASE_STOP = re.compile(r"[，。、；：！？,.;:!?（）()“”\"《》的\d]")


def _kinds(text: str, q: Quantity) -> bool:
    """七大领域, 三种方式, 两项机制, 两轮排查, 6个类别, "nine major fields": kinds or named
    measures, not things on the ground."""
    zh, en, _places, _line = _category_patterns()
    small = _ZH_SMALL.match(text, q.start)
    if q.value > (_PACKAGE_MAX if small and small.group("measure") == "条" else 10):
        return False
    if small:
        measure, after = small.group("measure"), small.end()
        stop = _PHRASE_STOP.search(text, after, after + 10)
        phrase = text[after:stop.start() if stop else after + 10]
        if measure in _not_facts()["kind_measures_zh"]:
            return True
        if measure == "项":
            return not _PROJECT_AFTER.match(phrase) and not counts_projects(
                text, after, q.start)
        return bool(zh.search(phrase))
    if q.unit in ("count", None) and text[q.start:q.end].isascii():
        return bool(en.match(text, q.end))
    return False


def _no_thing_counted(text: str, q: Quantity) -> bool:
    """Zero, "one of the ...", "the two regions" (places already named), a capacity that
    qualifies a facility (千人劳务基地), a size class ("19 with more than 10,000 people in
    each site"), a poverty line."""
    _zh, _en, places, line = _category_patterns()
    if q.value == 0 and q.unit not in ("percent", "yuan"):
        return True
    written = text[q.start:q.end].lower()
    if written.endswith("one") and q.value == 1 and _ONE_OF.match(text, q.end):
        return True
    if q.value in (2, 3) and q.text.isalpha() and _THE_BEFORE.search(
            text, max(0, q.start - 8), q.start) and not _OF_THE.search(
            text, max(0, q.start - 12), q.start) and places.match(text, q.end):
        return True  # "the two regions" named before; "one of the eight counties" counts
    if q.unit in _SIZE_UNITS and text.startswith(tuple(_not_facts()["facility_after_zh"]),
                                                 _facility_at(text, q.end)):
        return True
    if q.unit == "people" and _WITH_BEFORE.search(text, max(0, q.start - 20), q.start) and (
            _WITH_EACH.search(text, q.end, q.end + 30)):
        return True
    if q.unit in ("people", "households") and q.value <= 2 and q.text.endswith("以上"):
        return True  # 有劳动力家庭1人以上就业: a rule, not a count
    if q.value <= 10 and _one_family(text, q):
        return True
    if q.value <= 3 and q.unit != "yuan" and (
            _AT_LEAST.search(text, max(0, q.start - 10), q.start)
            or _AT_LEAST_IN.match(text, q.start)):
        return True
    return q.unit == "yuan" and bool(line.search(text, max(0, q.start - 30), q.start))


def _one_family(text: str, q: Quantity) -> bool:
    """"two children", "a family of four", 两个孩子, 一家四口."""
    written = text[q.start:q.end]
    return bool(_FAMILY_BEFORE.search(text, max(0, q.start - 10), q.start)
                or _FAMILY_AFTER_EN.match(text, q.end) or _FAMILY_AFTER_ZH.match(text, q.end)
                or _FAMILY_NOUN_EN.search(written) or _FAMILY_NOUN_ZH.search(written))


def _facility_at(text: str, end: int) -> int:
    """Where a facility word would start after a capacity (千人|劳务基地, 千人|规模)."""
    return end


def is_not_a_fact(text: str, q: Quantity) -> bool:
    """Whether the quantity counts kinds, states a rule or a capacity, or refers back."""
    return _kinds(text, q) or _no_thing_counted(text, q)


@cache
def _prefix_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    prefixes = load_json("nlp.quantities", "filters.json")["name_prefixes"]
    en = skipping(re.compile(rf"(?<![A-Za-z])(?:{alternation(prefixes['en'])})\s*$", re.I))
    zh = skipping(re.compile(rf"(?:{alternation(prefixes['zh'])})\s*$"))
    return en, zh


def _inside_brackets(text: str, start: int, end: int) -> bool:
    opened = text.rfind("[", 0, start)
    if opened <= text.rfind("]", 0, start):
        return False
    closed, reopened = text.find("]", end), text.find("[", end)
    return closed != -1 and closed < (reopened if reopened != -1 else len(text))


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
    if q.unit not in _NUMBER_ONE_UNITS and not q.text[:1].isdigit() and _ARTICLE_ONE.match(
            text, q.start + _LEAD.match(q.text).end()):
        return True
    if q.text[:1] in "十百千万" and _VAGUE_BEFORE.search(text, max(0, q.start - 2), q.start):
        return True
    bound_at = q.end - 2 if q.text.endswith(("以上", "以下")) else q.end
    if q.unit in _SIZE_UNITS and _SIZE_CLASS.match(text, bound_at):
        return True
    if is_not_a_fact(text, q):
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
    if after[:1] == ")" and _NUMBERING.search(before):
        return True
    if after[:1] == "," and q.text.isdigit() and q.value <= 110 and _AGE_BEFORE.search(before):
        return True
    if q.text[:2] in ("19", "20") and _CLASS_YEAR.match(text, q.start):
        return True
    if "第" in before and _ORDINAL_LIST.search(before):
        return True
    if q.unit is None and _IDENTIFIER.fullmatch(q.text.replace(" ", "")):
        return True
    return _inside_brackets(text, q.start, q.end) or _inside_short_quote(text, q.start, q.end)
