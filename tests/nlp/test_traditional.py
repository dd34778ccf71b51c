"""Traditional-character text reads like simplified text, with spans as written."""

from __future__ import annotations

from nlp import extract_facts
from nlp.traditional import simplified

SIMPLIFIED = "2023年，凤凰县发放劳务报酬1.2亿元，带动3100名群众务工。"
TRADITIONAL = "2023年，鳳凰縣發放勞務報酬1.2億元，帶動3100名群眾務工。"


def test_traditional_text_gets_the_facts_of_its_simplified_form() -> None:
    want = [(f.metric, f.value, f.unit, f.place_code, f.place_name_zh, f.year)
            for f in extract_facts(SIMPLIFIED, published="2024-01-10")]
    got = extract_facts(TRADITIONAL, published="2024-01-10")
    assert [(f.metric, f.value, f.unit, f.place_code, f.place_name_zh, f.year)
            for f in got] == want
    assert want[0][0] == "labor_remuneration_yuan"


def test_spans_and_sentences_stay_as_written() -> None:
    fact = extract_facts(TRADITIONAL, published="2024-01-10")[0]
    assert fact.span == "1.2億元" and TRADITIONAL[fact.start:fact.end] == fact.span
    assert fact.sentence == TRADITIONAL


def test_a_place_is_named_in_the_script_of_its_text() -> None:
    fact = extract_facts(TRADITIONAL, published="2024-01-10")[0]
    assert fact.place == "鳳凰縣" and fact.place_name_zh == "凤凰县"
    titled = extract_facts("全縣帶動3100名群眾務工。", published="2024-01-10",
                           title="鳳凰縣以工代賑工作綜述")
    assert titled[0].place == "鳳凰縣"


def test_simplified_text_is_left_alone() -> None:
    assert simplified(SIMPLIFIED) is None
    assert simplified("The county paid 12 million yuan.") is None
    converted = simplified(TRADITIONAL)
    assert converted is not None and len(converted) == len(TRADITIONAL)
