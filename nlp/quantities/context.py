"""Read the words around a number: its unit, counted noun, approximation words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp.lookahead import skipping
from nlp.prefilter import fold
from nlp.quantities.counted import (
    collective_before,
    counts_projects,
    modifies_other_head,
    noun_limit,
    noun_phrase_end,
    phrase_head,
)
from nlp.quantities.lexicon import lexicon
from nlp.settings import SETTINGS

_PERCENT_RE = re.compile(
    r" {0,4}(?P<pp>(?:个|個)? {0,4}百 {0,2}分 {0,2}[点點]|percentage[ -]points?\b|pp\b)"
    r"|(?P<pct> ?%| ?‰|(?i: ?(?:per ?cents?|percent(?:age)?s?|pct)\b))"
    r"|(?P<tenth> {0,2}成)(?![为立员本果功就长交效熟绩品型都人年分份语家片批套果])"
)
_YUAN_FALSE = re.compile(r"元(?:旦|素|宵|首|件|器|老|年|帅|月|气|音|代|朝)")
_YUAN_TAIL = re.compile(r"整|(?: ?人民币)| ?\((?:RMB|CNY)\)")
_EN_WORD = re.compile(r"[ ]{1,2}([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_EN_LEAD = re.compile(r"(?i:\s+(?:more|additional|other|fewer|such)(?=\s+(?!than\b)[a-z])"
                      r"|\s+of\s+(?:those|these|the|its|their|them|all)(?=\s+[a-z]))")
# "31.2万名农村低收入群众", "1.2万名有劳动能力…的搬迁劳动力": 名/位 count people, however long the
# modifier before the people noun.
_PERSON_TAIL = re.compile(r"[^\s，,。；;：:！？!?、（）()“”\d]{0,24}?"
                          r"(?:群众|人员|劳动力|农民工|人口|村民|居民|农民|职工|工人|员工|学员|毕业生|妇女|对象|人才|群体|农户)")
# A bare number that is the subject of a people verb ("some 18,400 have found jobs").
_BARE_VERB = re.compile(
    r"(?i:,?\s+(?:of\s+them\s+)?(?:(?:have|has|had|were|are)\s+(?:now\s+|also\s+)?)?"
    r"(?:found|got|secured|landed|moved|joined|settled|"
    r"been\s+(?:employed|hired|trained|relocated|resettled|placed))\b)")
_PEOPLE_HINT = skipping(re.compile(
    r"(?i:\b(?:jobs?|employ\w*|hired|trained|residents|people|villagers|"
    r"workers|relocat\w*|labou?rers|migrants)\b)"))
_FOUND = frozenset({"found", "got", "secured", "landed", "obtained", "took", "gained"})
# Modifiers that may stand between a number and the people it counts.
_MODIFIERS = re.compile(r"(?:建档立卡|农村|城乡|低收入|贫困|脱贫|易地|扶贫|搬迁|山区|当地|本地|"
                        r"留守|困难|外出|返乡|富余|有劳动能力)+的?")
NEUTRAL_MEASURES = {"个", "個", "名", "项", "家", "位", "批", "类", "种"}
# chars allowed before the noun, with / without a measure
ZH_NOUN_GAP = {True: SETTINGS.quantities.zh_noun_gap_with_measure,
               False: SETTINGS.quantities.zh_noun_gap_without_measure}


@dataclass
class Unit:
    unit: str | None
    end: int
    currency: str | None = None
    noun: str | None = None
    noun_end: int | None = None
    measure: str | None = None  # the Chinese measure word, when one was read
    percent_factor: float = 1.0


def unit_after(norm: str, pos: int, start: int | None = None) -> Unit:
    """The unit, currency or measure word written right after a number ending at ``pos``.

    ``start`` (where the number begins) lets "公益岗位3200个" take its class from the noun
    written before the number when a neutral measure word (个) follows it.
    """
    lex = lexicon()
    m = _PERCENT_RE.match(norm, pos)
    if m:
        if m.group("pp"):
            return Unit("percentage_points", m.end())
        if m.group("tenth"):
            return Unit("percent", m.end(), percent_factor=10.0)  # 三成 = 30%
        return Unit("percent", m.end(), percent_factor=0.1 if "‰" in m.group() else 1.0)
    m = lex.currency_post_re.match(norm, pos)
    if m and not _YUAN_FALSE.match(norm, m.start() + len(m.group()) - 1):
        unit, iso = lex.currency_post[lex.post_key(m.group())]
        end = m.end()
        tail = _YUAN_TAIL.match(norm, end)
        if tail and unit == "yuan":
            end = tail.end()
        return Unit(unit, end, currency=iso)
    direct = lex.noun_zh_re.match(norm, pos)
    m = lex.measure_re.match(norm, pos)
    if direct and (m is None or len(direct.group()) >= len(m.group())):
        noun = zh_noun(norm, pos, measured=False)
        if noun is not None:
            return noun  # "1661人", "20余万群众", "1233项目": the noun comes first
    if m:
        word = m.group().strip()
        unit = Unit(lex.measures_zh[word], m.end(), measure=word, noun=word, noun_end=m.end())
        if unit.unit in ("count", "people", "households", "projects"):
            found = zh_noun(norm, m.end(), measured=True, neutral=word in NEUTRAL_MEASURES)
            head = phrase_head(norm, m.end()) if word in NEUTRAL_MEASURES else None
            if head is not None and (found is None or found.unit == "count"):
                found = Unit(head[0], head[1], noun=norm[m.end():head[1]], noun_end=head[1])
            if found is not None:
                if word in NEUTRAL_MEASURES or unit.unit == "count":
                    unit.unit = found.unit
                unit.noun, unit.noun_end = found.noun, found.noun_end
            else:
                if word in NEUTRAL_MEASURES:
                    unit.unit = noun_before(norm, start) or unit.unit
                if word in ("项", "个") and unit.unit == "count" and counts_projects(
                    norm, m.end(), start, broad=word == "项"
                ):
                    unit.unit = "projects"
                phrase_end = noun_phrase_end(norm, m.end())
                if phrase_end is not None:
                    unit.noun_end = phrase_end  # the span shows what was counted ("4个自然寨")
            if word in ("名", "位"):
                _person_tail(norm, m.end(), unit, found)
        return unit
    return zh_noun(norm, pos, measured=False) or en_noun(norm, pos)


def _person_tail(norm: str, pos: int, unit: Unit, found: Unit | None) -> None:
    """名/位 count people: the span runs to the people noun after any modifier."""
    unit.unit = "people"
    tail = _PERSON_TAIL.match(norm, pos)
    if tail and tail.end() > (unit.noun_end or 0):
        unit.noun_end = tail.end()
    elif found is not None and found.unit != "people":
        unit.noun_end = pos


def noun_before(norm: str, start: int | None) -> str | None:
    """Class of a Chinese noun ending just before a number ("就业岗位1.2万个" -> positions)."""
    if start is None:
        return None
    lex = lexicon()
    window = norm[max(0, start - 8): start]
    for cut in range(len(window) - 1, -1, -1):
        if lex.noun_zh_re.fullmatch(window[cut:]):
            return lex.nouns_zh[window[cut:]]
    return None


def zh_noun(norm: str, pos: int, measured: bool, neutral: bool = False) -> Unit | None:
    """A counted Chinese noun starting within a few characters of ``pos`` ("余万搬迁群众")."""
    lex = lexicon()
    run = _CJK.match(norm, pos)
    if run is None:
        return None
    lead = _MODIFIERS.match(norm, pos)  # 建档立卡|贫困群众, 农村低收入|民众
    skip = lead.end() - pos if lead else 0
    reach = pos + skip + ZH_NOUN_GAP[measured] + 8
    window = norm[pos: noun_limit(norm, pos + skip, min(max(run.end(), pos + skip), reach))]
    m = lex.noun_zh_re.search(window, skip)
    if m is None or m.start() > skip + ZH_NOUN_GAP[measured]:
        return None
    if neutral and m.start() and collective_before(window, m.start()):
        return None  # "22个省份脱贫劳动力": provinces are counted
    end = m.end()
    first = m
    while (nxt := lex.noun_zh_re.match(window, end)) is not None:
        m, end = nxt, nxt.end()
    if neutral and lex.nouns_zh[first.group()] == "count" and m is not first:
        m, end = first, first.end()  # "18个市州脱贫劳动力": the 市州 are counted
    if modifies_other_head(norm, pos + end):
        return None  # "7个村民小组": groups are counted, not villagers
    return Unit(lex.nouns_zh[m.group()], pos + end, noun=window[:end], noun_end=pos + end)


def en_noun(norm: str, pos: int) -> Unit:
    """The English noun phrase after a number, classified by its head ("local villagers")."""
    lex = lexicon()
    words: list[re.Match[str]] = []
    lead = _EN_LEAD.match(norm, pos)  # "5 more projects", "15 of those projects"
    at = lead.end() if lead else pos
    joined = False
    while len(words) < 9:
        m = _EN_WORD.match(norm, at)
        if m is None:
            break
        word = m.group(1).lower()
        if word in ("and", "or") and words and not joined and not any(
            w.group(1).lower() in lex.nouns_en for w in words
        ):
            joined = True  # "small and medium-sized projects", "key engineering and ... projects"
        elif word in lex.stopwords_en:
            break
        words.append(m)
        at = m.end()
    head = None
    for i, w in enumerate(words):
        if w.group(1).lower() in lex.nouns_en:
            head = i
            break
    if head is None:
        if _BARE_VERB.match(norm, pos) and _PEOPLE_HINT.search(norm):
            return Unit("people", pos)  # "Some 18,400 have found jobs": people of the sentence
        return Unit(None, pos)
    while head + 1 < len(words) and words[head + 1].group(1).lower() in lex.nouns_en:
        head += 1
    first, last = words[0], words[head]
    cls = lex.nouns_en[last.group(1).lower()]
    if cls == "positions" and first.group(1).lower() in _FOUND:
        cls = "people"  # "141,000 found jobs": people who found jobs
    return Unit(cls, pos, noun=norm[first.start(1): last.end(1)], noun_end=last.end(1))


@cache
def _approx_word_ends() -> frozenset[str] | None:
    """The last characters of the approximation words, as :func:`fold` gives them (None when
    one is a letter it cannot fold)."""
    ends = {word[-1] for word, side in lexicon().approx if side == "pre"}
    if any(not ch.isascii() and ch.lower() != ch.upper() for ch in ends):
        return None
    return frozenset(ch.lower() for ch in ends)


def _may_end_approx_word(window: str) -> bool:
    """Whether an approximation word may end the window (or end it before one space)."""
    ends = _approx_word_ends()
    tail = fold(window[-2:])
    return ends is None or tail[-1:] in ends or (tail[-1:] == " " and tail[-2:-1] in ends)


def approx_before(norm: str, start: int) -> tuple[int, str] | None:
    """(start of the approximation word, its bound) for "about 5", "近3000", "超过2万"."""
    lex = lexicon()
    window = norm[max(0, start - 16): start]
    if not window or not _may_end_approx_word(window):
        return None
    m = lex.approx_pre_re.search(window)
    if m is None:
        return None
    word = m.group().strip()
    bound = lex.approx.get((word, "pre")) or lex.approx.get((word.lower(), "pre"), "-")
    return start - len(window) + m.start(), bound


def approx_after(norm: str, end: int) -> tuple[int, str] | None:
    """(end of the approximation word, its bound) for "1000人以上", "100 or more"."""
    lex = lexicon()
    m = lex.approx_post_re.match(norm, end)
    if m is None:
        return None
    return m.end(), lex.approx.get((m.group().strip(), "post"), "-")


def currency_before(norm: str, start: int) -> tuple[int, str, str] | None:
    """(start, unit, ISO code) of a currency written before a number ("$712", "RMB 5")."""
    lex = lexicon()
    window = norm[max(0, start - 8): start]
    m = lex.currency_pre_re.search(window)
    if m is None:
        return None
    unit, iso = lex.currency_pre[m.group().strip()]
    return start - len(window) + m.start(), unit, iso
