"""Decide whether a quantity is a fact, its unit, and its metric, from its counted noun and
the cue words of its clause. Pure functions over plain strings and offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from nlp.lookahead import skipping
from nlp.resources import alternation, load_json, word_regex
from nlp.settings import SETTINGS

FACT_UNITS = {"yuan", "percent", "people", "households", "projects", "positions", "count"}
DROPPED_UNITS = {"foreign_currency", "duration", "measure", "multiple"}
UNIT_METRIC = {"households": "households", "projects": "projects", "positions": "positions",
               "count": "other_count", "percent": "percent"}
DEFAULT_METRIC = {"people": "people_benefited", "yuan": "other_yuan"}
_ZH_LEADIN = re.compile(
    r"(?:数量|总数|数|个数)?(?:共|共计|合计|累计|总计|达到|达|为|约|超过|近|逾|超)*$"
)


@dataclass
class Cue:
    metric: str
    start: int
    end: int
    weak: bool
    words: str = ""  # the cue as written, set when it is picked


@dataclass
class Decision:
    """A quantity accepted as a fact: its unit and metric."""

    unit: str
    metric: str
    inferred_unit: bool = False


@cache
def _cue_patterns(family: str, lang: str) -> list[tuple[str, bool, re.Pattern[str]]]:
    return [(entry["metric"], bool(entry.get("weak")), word_regex(entry[lang], lang))
            for entry in load_json("nlp.metrics", "metric_cues.json")[family] if entry.get(lang)]


@cache
def _noun_patterns(lang: str) -> dict[str, re.Pattern[str]]:
    nouns: dict[str, Any] = load_json("nlp.metrics", "nouns.json")
    out = {}
    for unit in ("projects", "positions", "households", "people", "non_facts"):
        words = nouns[unit][lang]
        if lang == "zh":
            out[unit] = re.compile(f"(?:{alternation(words)})")
        else:
            out[unit] = word_regex(words, lang)
    return out


@cache
def _zh_noun_before(unit: str) -> re.Pattern[str]:
    words = load_json("nlp.metrics", "nouns.json")[unit]["zh"]
    return re.compile(rf"(?:{alternation(words)}){_ZH_LEADIN.pattern}")


@cache
def _subject_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    subjects = load_json("nlp.metrics", "nouns.json")["subject_nouns"]
    return [(unit, word_regex(words[lang], lang)) for unit, words in subjects.items()]


@cache
def _inherit_marker(lang: str) -> re.Pattern[str]:
    words = load_json("nlp.metrics", "metric_cues.json")["inherit_markers"][lang]
    return re.compile(rf"^\W*(?:{alternation(words)})", re.I)


def unit_from_noun(noun: str | None, lang: str) -> str | None:
    """The unit a counted noun implies ("village-level temporary posts" -> positions)."""
    if not noun:
        return None
    patterns = _noun_patterns(lang)
    if lang == "en":
        head = noun.split()[-1] if noun.split() else noun
        for unit in ("non_facts", "positions", "projects", "households", "people"):
            if patterns[unit].match(head):
                return unit
        return None
    for unit in ("non_facts", "positions", "projects", "households", "people"):
        if patterns[unit].search(noun):
            return unit
    return None


def unit_from_preceding_noun(before: str) -> str | None:
    """Chinese "项目26个", "岗位1.3万个": the counted noun written before the number."""
    for unit in ("positions", "projects"):
        if _zh_noun_before(unit).search(before[-12:]):
            return unit
    return None


def subject_unit(before: str, lang: str) -> str | None:
    """Unit of the nearest subject noun before a bare number ("the number of workers ...")."""
    best: tuple[int, str] | None = None
    for unit, pattern in _subject_patterns(lang):
        for match in pattern.finditer(before):
            if best is None or match.start() > best[0]:
                best = (match.start(), unit)
    return best[1] if best else None


def find_cues(family: str, clause: str, lang: str) -> list[Cue]:
    """Every cue of a unit family in ``clause`` (offsets within the clause)."""
    cues = []
    for metric, weak, pattern in _cue_patterns(family, lang if lang == "zh" else "en"):
        for match in pattern.finditer(clause):
            cues.append(Cue(metric, match.start(), match.end(), weak))
    return cues


_QUOTED = re.compile(r"“[^”]{1,40}”")


def pick_cue(family: str, clause: str, start: int, end: int, lang: str,
             window: tuple[int, int] | None = None) -> Cue | None:
    """The cue nearest the number at ``[start, end)`` of ``clause`` (its ``words`` set).

    Cues after the number count only close by; weak cues lose to any other; for people,
    relocation/benefit words lose to training and employment words (they often only
    describe who the people are).
    """
    lang = "zh" if lang == "zh" else "en"
    before_max, after_max = window or SETTINGS.metrics.cue_window[lang]
    weak_penalty = SETTINGS.metrics.weak_penalty
    best: tuple[int, Cue] | None = None
    quotes = [(m.start(), m.end()) for m in _QUOTED.finditer(clause)] if "“" in clause else []
    for cue in find_cues(family, clause, lang):
        if any(a <= cue.start < b and not a <= start < b for a, b in quotes):
            continue  # a slogan's word (“稳得住、有就业”) says nothing of a figure outside it
        if cue.end <= start:
            distance = start - cue.end
            if distance > before_max:
                continue
        elif cue.start >= end:
            distance = cue.start - end
            if distance > after_max:
                continue
        else:
            distance = 0
        weak = cue.weak or (family == "people" and cue.metric == "people_benefited")
        score = distance + (weak_penalty if weak else 0)
        if weak and cue.metric == "people_employed":
            score -= 1  # a worker noun beats a relocation word at the same distance
        if best is None or score < best[0]:
            best = (score, cue)
    if best is None:
        return None
    cue = best[1]
    cue.words = clause[cue.start:cue.end]
    return cue


def pick_metric(family: str, clause: str, start: int, end: int, lang: str,
                window: tuple[int, int] | None = None) -> str | None:
    """The metric of :func:`pick_cue`'s cue, if any."""
    cue = pick_cue(family, clause, start, end, lang, window)
    return cue.metric if cue else None


@cache
def _rate_marker(lang: str) -> re.Pattern[str]:
    return word_regex(load_json("nlp.metrics", "metric_cues.json")["rate_markers"][lang], lang)


def is_rate(clause: str, lang: str) -> bool:
    """"月均工资2600元", "a monthly wage of 2,800 yuan": a wage rate, counted as income."""
    return bool(_rate_marker("zh" if lang == "zh" else "en").search(clause))


def starts_with_inclusion(clause: str, lang: str) -> bool:
    """"including 572 disabled people", 其中: the figure is a part of the previous one."""
    return bool(_inherit_marker("zh" if lang == "zh" else "en").match(clause))


def family_of(unit: str) -> str:
    return "people" if unit == "people" else "yuan" if unit == "yuan" else unit


def metric_for(unit: str, cue_metric: str | None) -> str:
    """The metric for a unit, given the cue metric found (if any)."""
    if unit in UNIT_METRIC:
        return UNIT_METRIC[unit]
    return cue_metric or DEFAULT_METRIC.get(unit, "other_count")


# "150元/天", "一天150元", "She makes 4,000 yuan monthly": an amount per day or month that is
# no subsidy, grant or loan is a wage rate, so income.
_RATE_AFTER = re.compile(r"\s*(?:左右|上下)?\s*(?:/|每)\s*(?:人\s*/\s*)?(?:天|日|月|人天)"
                         r"|\s+(?:a|per|each|every)\s+(?:day|month|working\s+day)\b"
                         r"|\s+(?:daily|monthly)\b", re.I)
_RATE_BEFORE_ZH = re.compile(r"日工资|日薪|月薪|月工资|月收入|月均|一天|每天|每日|每月|一个月")
_NOT_WAGE = skipping(re.compile(r"补贴|补助|贷款|奖补|奖励|资助|救助|低保|分红|租金|"
                                r"(?i:subsid|allowance|loan|grant|stipend|pension|bonus|reward|dividend|rent)"))


def wage_rate(clause: str, start: int, end: int) -> bool:
    """The amount at ``clause[start:end]`` is paid per day or month and is no transfer."""
    if _NOT_WAGE.search(clause):
        return False
    return bool(_RATE_AFTER.match(clause, end) or _RATE_BEFORE_ZH.search(clause, 0, start))
