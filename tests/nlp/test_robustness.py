"""Bad input never raises: empty, huge, binary garbage, odd Unicode."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp import Fact, detect_lang, extract_facts, extract_table_facts, format_facts_table


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.one_of(st.none(), st.sampled_from(["zh", "en", "mixed", "xx"])),
       st.one_of(st.none(), st.text(max_size=12)))
def test_any_text_gives_facts_or_nothing(text: str, lang: str | None,
                                         published: str | None) -> None:
    facts = extract_facts(text, lang, published)
    assert all(isinstance(f, Fact) for f in facts)
    assert all(text[f.start:f.end] == f.span for f in facts)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.text(max_size=8)), max_size=5), max_size=5))
def test_any_table_gives_facts_or_nothing(rows: list) -> None:
    assert all(f.origin == "table" for f in extract_table_facts(rows))


def test_binary_garbage_and_surrogates() -> None:
    rng = random.Random(7)
    garbage = bytes(rng.randrange(256) for _ in range(20_000)).decode("latin-1")
    assert isinstance(extract_facts(garbage), list)
    assert isinstance(extract_facts("\ud800 投资\x00100万元 \udfff"), list)
    assert extract_facts(None) == []  # type: ignore[arg-type]
    assert extract_facts(b"bytes") == []  # type: ignore[arg-type]


def test_huge_text_without_numbers_is_cheap_and_safe() -> None:
    text = ("This paragraph talks about rural revitalization in general terms. " * 160_000)
    assert len(text) > 10_000_000
    assert extract_facts(text) == []


def test_huge_text_with_figures_still_finds_them() -> None:
    filler = "Officials discussed the plan at length. " * 2000
    text = filler + "Hechi invested 4.8 billion yuan in 2022." + filler
    facts = extract_facts(text)
    assert [(f.value, f.metric, f.year) for f in facts] == [(4.8e9, "investment_yuan", "2022")]


def test_helpers_accept_empty_input() -> None:
    assert detect_lang("") == "en"
    assert "(no facts)" in format_facts_table([])
