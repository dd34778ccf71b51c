"""Decide the unit and metric of each quantity of a sentence: the counted noun (or the
subject before a bare number) gives the unit, cue words of the clause give the metric."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.document.sections import clause_bounds
from nlp.lookahead import skipping
from nlp.metrics import rules
from nlp.settings import SETTINGS

if TYPE_CHECKING:
    from nlp.quantities import Quantity


@dataclass
class Candidate:
    """A quantity taken as a fact; offsets are the sentence's (span includes the counted noun)."""

    quantity: Quantity
    unit: str
    metric: str
    start: int
    end: int
    clause: tuple[int, int]
    why: str = ""  # what decided the metric: a cue word, the unit, an earlier figure


# "That number is 1.26 million higher", 这一数字: a figure that goes on with the one before.
_BACK_TO_FIGURE = skipping(re.compile(
    r"\b(?:[Tt]hat|[Tt]his|[Tt]he)\s+(?:number|figure|total)\b|这一数字|该数字|这个数字|这一数据"))
# "His workshop is one of 536 that ...": the number counts things like the subject.
_ONE_OF = re.compile(r"\bone\s+of\s+$", re.I)


def classify(text: str, q: Quantity, lang: str, previous: list[Candidate],
             protected: list[tuple[int, int]],
             before: list[Candidate] | None = None) -> Candidate | None:
    """The candidate for ``q`` in sentence ``text``, or None when it is not a fact.

    ``before`` are the previous sentence's candidates: a bare number in a sentence that opens
    with "Of these"/其中 is a part of them and takes their unit and metric.
    """
    end = max(q.end, q.noun_end or q.end)
    clause = clause_bounds(text, q.start, end, protected)
    if before and q.unit is None and not previous and (
            rules.starts_with_inclusion(text, lang) or _BACK_TO_FIGURE.search(text, 0, q.start)):
        previous = [_moved(c) for c in before]  # "Of these, 860 ...", "That number is 1.26 m"
    if q.unit is None and _ONE_OF.search(text, max(0, q.start - 12), q.start):
        return Candidate(q, "count", "other_count", q.start, end, clause, "one of N things")
    unit = "percent" if q.unit == "percentage_points" else q.unit
    noun_unit = rules.unit_from_noun(q.noun, lang)
    if noun_unit == "non_facts":
        return None
    if unit in (None, "count") and noun_unit:
        unit = noun_unit
    if unit in (None, "count") and lang == "zh":
        unit = rules.unit_from_preceding_noun(text[clause[0]:q.start]) or unit
    inherited: Candidate | None = None
    from_subject = False
    if unit is None and previous and rules.starts_with_inclusion(text[clause[0]:q.start], lang):
        unit = previous[-1].unit if previous[-1].unit == "count" else None  # "including 19"
    if unit is None:
        absolute = [c for c in previous if c.unit not in ("percent", "count")]
        if absolute:
            inherited = absolute[-1]
            unit = inherited.unit
        else:
            lookback = SETTINGS.metrics.subject_lookback
            unit = rules.subject_unit(text[max(0, q.start - lookback):q.start], lang)
            from_subject = True
    if unit not in rules.FACT_UNITS:
        return None
    metric = rules.UNIT_METRIC.get(unit)
    why = f"unit {unit}"
    if metric is None:
        metric, why = _cue_metric(text, q, end, clause, unit, lang, previous, inherited,
                                  from_subject)
    return Candidate(q, unit, metric, q.start, end, clause, why)


# "Some 1,100 villagers, including 420 people lifted out of poverty, have worked on ...": the
# verb after the apposition says what the subject's figures count.
_APPOSITION = re.compile(
    r"(?P<subject>(?:[^,;]|(?<=\d),(?=\d))*?),\s+"
    r"(?:including|among them|among whom|of whom|most of them)\b"
    r"(?P<inner>(?:[^,;]|(?<=\d),(?=\d))*),\s+"
    r"(?P<verb>(?:have|has|had|were|was|are|is|will|would)\b[^,;]*)",
    re.I,
)
_APPOSITION_WORDS = skipping(re.compile(r"including|among them|among whom|of whom|most of them",
                                        re.I))


def _governing_verb_cue(text: str, start: int, lang: str) -> rules.Cue | None:
    """The cue the verb phrase after an apposition gives a figure in its subject."""
    if lang != "en" or not _APPOSITION_WORDS.search(text):
        return None
    for m in _APPOSITION.finditer(text):
        if m.start() <= start < m.end("inner"):
            verb = m.group("verb")
            return rules.pick_cue("people", verb, 0, 0, lang, (0, len(verb)))
    return None


def _said(cue: rules.Cue | None, how: str = "cue") -> str:
    return f"{how} '{cue.words}'" if cue else "no cue"


def _moved(c: Candidate) -> Candidate:
    """A candidate of an earlier sentence, placed before this one (offsets no longer apply)."""
    return Candidate(c.quantity, c.unit, c.metric, -1, -1, (-1, -1), c.why)


def _cue_metric(text: str, q: Quantity, end: int, clause: tuple[int, int], unit: str,
                lang: str, previous: list[Candidate], inherited: Candidate | None,
                from_subject: bool = False) -> tuple[str, str]:
    """The metric of a people or yuan figure, and what decided it."""
    family = rules.family_of(unit)
    clause_text = text[clause[0]:clause[1]]
    if from_subject:  # a bare number: the subject before it says what was counted
        cue = rules.pick_cue(family, text, q.start, end, lang,
                             (SETTINGS.metrics.subject_lookback, 0))
    else:
        cue = rules.pick_cue(family, clause_text, q.start - clause[0], end - clause[0], lang)
    how = "subject cue" if from_subject else "cue"
    if family == "people" and (cue is None or cue.metric == "people_benefited"):
        verb = _governing_verb_cue(text, q.start, lang)
        if verb is not None:
            cue, how = verb, "verb after the apposition"
    same_before = [c for c in previous if c.unit == unit]
    if cue is not None and cue.metric == "people_benefited" and (
        (inherited is not None and inherited.unit == unit)
        or (same_before and rules.starts_with_inclusion(clause_text, lang))
    ):
        cue = None  # "其中脱贫人口1.3万人", "Of these, 860 were ...": who they are, not what
    if cue is None and family == "yuan" and not from_subject:
        # the clause's topic, further back ("per capita income ... grew 8.9% to 13,460 yuan")
        cue = rules.pick_cue(family, clause_text, q.start - clause[0], end - clause[0], lang,
                             (SETTINGS.metrics.subject_lookback, 0))
        how = "topic cue"
    ceiling = SETTINGS.metrics.wage_rate_ceiling
    metric = cue.metric if cue else None
    why = _said(cue, how)
    if metric == "labor_remuneration_yuan" and q.value < ceiling and rules.is_rate(
            clause_text, lang):
        metric, why = "income_yuan", f"{why}, a wage rate"
    if metric is None:
        same = [c for c in previous if c.unit == unit]
        if inherited is not None and inherited.unit == unit:
            return inherited.metric, "as the figure before it"
        if same and rules.starts_with_inclusion(clause_text, lang):
            return same[-1].metric, "part of the figure before it"
        if same and family == "people":
            return same[-1].metric, "as the figure before it"
        if family == "people" and not from_subject:
            cue = rules.pick_cue(family, text, q.start, end, lang)
            metric, why = (cue.metric, _said(cue, "sentence cue")) if cue else (None, "no cue")
        if metric is None and family == "people" and lang == "en":
            # "3.18 million people in southwest China's Yunnan province have found jobs": the
            # verb comes after a long subject
            reach = SETTINGS.metrics.late_verb_reach
            late = rules.pick_cue(family, text, q.start, end, lang, (0, reach))
            if late is not None and not late.weak and late.start >= end:
                metric, why = late.metric, _said(late, "verb after the subject")
    metric = rules.metric_for(unit, metric)
    if metric == "other_yuan" and q.value < ceiling and rules.wage_rate(
            clause_text, q.start - clause[0], end - clause[0]):
        return "income_yuan", "paid per day or month"
    return metric, why


def classify_all(text: str, quantities: list[Quantity], lang: str,
                 protected: list[tuple[int, int]],
                 before: list[Candidate] | None = None) -> list[Candidate]:
    """The candidates of a sentence's quantities, in order; each sees those before it.

    ``protected`` are spans no clause boundary cuts (lists of places); ``before`` are the
    previous sentence's candidates.
    """
    lang = "zh" if lang == "zh" else "en"
    candidates: list[Candidate] = []
    for q in quantities:
        candidate = classify(text, q, lang, candidates, protected, before)
        if candidate is not None:
            candidates.append(candidate)
    return _employment_bases(text, candidates)


# 57415名贫困劳动力实现转移就业36865人, "有劳动力家庭…99.14万人，已就业…92.84万人": the larger
# group of people of whom a later, smaller figure found work is the group helped, not employed.
_FOUND_WORK = re.compile(r"实现(?:转移)?就业|已就业|(?i:of\s+whom\s+\S+\s+(?:found|have\s+found))")


def _employment_bases(text: str, candidates: list[Candidate]) -> list[Candidate]:
    people = [c for c in candidates if c.unit == "people"]
    for c, later in zip(people, people[1:], strict=False):
        if (c.metric == later.metric == "people_employed"
                and c.quantity.value > later.quantity.value
                and later.start - c.end <= SETTINGS.metrics.subset_reach
                and _FOUND_WORK.search(text, c.end, later.start)):
            c.metric, c.why = "people_benefited", f"the group of whom {later.why} found work"
    return candidates
