"""The extractor's numeric windows and thresholds, in one object loaded from
``nlp/settings.json``: ``SETTINGS.metrics.subject_lookback``. Lengths are in characters
unless a name says words."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from importlib import resources
from typing import Any, get_type_hints


@dataclass(frozen=True)
class QuantitySettings:
    noun_max_chars: int  # longest Chinese counted noun after a measure (自然寨, 示范基地)
    project_lookback: int  # how far before a bare "N项" a project word makes it projects
    zh_noun_gap_with_measure: int  # chars allowed between a measure word and its noun
    zh_noun_gap_without_measure: int  # ... and between a bare number and its noun
    blocker_reach: int  # how far a blocked span may start before, or end after, a number
    max_bare_digits: int  # longer runs of bare digits are identifiers, not counts
    name_quote_max_chars: int  # a number inside a quotation this short is part of a name
    phrase_head_reach: int  # how far after 个 the head of a long noun phrase (…项目) may end


@dataclass(frozen=True)
class MetricSettings:
    subject_lookback: int  # how far back a bare number's subject noun and topic cue may sit
    cue_window: dict[str, tuple[int, int]]  # per language: cue reach before, after a number
    weak_penalty: int  # a weak cue loses to any other cue within this distance
    wage_rate_ceiling: int  # yuan per person; a paid-out total is larger than a wage rate
    late_verb_reach: int  # English: how far after a long subject its verb may set the metric
    subset_reach: int  # how close after a group 实现就业 N人 names the part of it employed


@dataclass(frozen=True)
class PlaceSettings:
    role_lookback: int  # the words before a place that give its role (援建, "from", 例如)
    national_rule_reach: int  # how close before a figure 国家要求/"national standard" sits
    helper_lookback: int  # "enterprises from" before a helping province
    person_lookback_en: int  # "a native of", "who worked in" before a person's place
    person_lookback_zh: int  # 来自/曾在 before a person's place
    quote_max_chars: int  # the longest quotation whose places belong only to it
    scope_memory: int  # how many places named so far a cue (该村, the county) looks back on
    binding_lookback: int  # the words before a place that make it a covered object (覆盖)


@dataclass(frozen=True)
class PeriodSettings:
    target_reach: int  # "annual target of 2.761 million": target cue to number
    comparison_before: int  # how far back "compared with"/比 makes a period a comparison
    comparison_after: int  # how far after a period 同期/相比 make it a comparison
    carry_max_words_en: int  # a paragraph opening longer than this takes no carried period
    carry_max_chars_zh: int
    dateline_max_chars: int  # a dateline line is no longer than this
    dateline_max_words: int  # "Zhong Guo Fa Zhan Wang· 2025-08-21 04:33"; a sentence has more
    dateline_max_han: int
    recent_cutoff_month: int  # up to this month, 近三年/"past five years" end the year before


@dataclass(frozen=True)
class DocumentSettings:
    title_max_chars: int  # a headline line is no longer than this
    min_main_place_mentions: int  # mentions a place needs to be a section's main place
    content_line_min_han: int  # a Chinese line this long is content, not a footer stamp
    content_line_min_words: int  # an English line with this many words is content
    opening_sentences: int  # sentences of a report's opening that may frame its period


@dataclass(frozen=True)
class Settings:
    quantities: QuantitySettings
    metrics: MetricSettings
    places: PlaceSettings
    periods: PeriodSettings
    document: DocumentSettings


def _value(hint: Any, value: Any, where: str) -> Any:
    if hint is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{where}: expected an integer, got {value!r}")
        return value
    if isinstance(hint, type) and hasattr(hint, "__dataclass_fields__"):
        return _build(hint, value, where)
    if isinstance(value, dict):  # cue_window: language -> (before, after)
        return {k: tuple(_value(int, x, f"{where}.{k}") for x in v) for k, v in value.items()}
    raise ValueError(f"{where}: unsupported value {value!r}")


def _build(cls: type, data: dict[str, Any], where: str) -> Any:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object")
    hints = get_type_hints(cls)
    names = {f.name for f in fields(cls)}
    given = {k for k in data if not k.startswith("_")}
    if given != names:
        raise ValueError(f"{where}: missing {sorted(names - given)}, "
                         f"unknown {sorted(given - names)}")
    return cls(**{name: _value(hints[name], data[name], f"{where}.{name}") for name in names})


def load_settings(text: str | None = None) -> Settings:
    """Settings from JSON ``text`` (default: the shipped ``nlp/settings.json``); every field
    must be present and no other: a typo fails loudly instead of silently using a default."""
    if text is None:
        text = resources.files("nlp").joinpath("settings.json").read_text(encoding="utf-8")
    return _build(Settings, json.loads(text), "settings")


SETTINGS = load_settings()
