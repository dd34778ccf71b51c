"""Hand-written sentences and short documents with the facts they hold, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp import Fact, extract_facts

FIXTURES = Path(__file__).parent / "fixtures"


def _cases() -> list[dict]:
    cases = []
    for path in sorted(FIXTURES.glob("facts_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    return cases


CASES = _cases()


def _place_matches(expected: str | None, fact: Fact) -> bool:
    names = [n.lower() for n in (fact.place, fact.place_name_zh, fact.place_name_en) if n]
    if expected is None:
        return fact.place is None
    want = expected.lower()
    return any(want in n or n in want for n in names)


def _find(expected: dict, facts: list[Fact]) -> Fact | None:
    for fact in facts:
        same = fact.unit == expected["unit"] and abs(fact.value - expected["value"]) < 1e-6 * max(
            1.0, abs(expected["value"]))
        if same and ("span" not in expected or fact.span == expected["span"]):
            return fact
    return None


def test_there_are_enough_fixture_sentences() -> None:
    assert len(CASES) >= 60
    assert {c["id"].split("-")[0] for c in CASES} >= {"zh", "en", "doc"}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_fixture_facts(case: dict) -> None:
    facts = extract_facts(case["text"], published=case.get("published"), title=case.get("title"),
                          **({"publisher": case["publisher"]} if "publisher" in case else {}))
    remaining = list(facts)
    for expected in case["facts"]:
        fact = _find(expected, remaining)
        assert fact is not None, f"missing {expected} in {[(f.span, f.unit) for f in facts]}"
        remaining.remove(fact)
        assert fact.metric == expected["metric"], (fact.span, fact.metric)
        assert fact.approx == expected.get("approx", False), (fact.span, fact.approx)
        assert _place_matches(expected["place"], fact), (fact.span, fact.place)
        assert fact.year == expected["year"], (fact.span, fact.year)
        assert case["text"][fact.start:fact.end] == fact.span
    assert not remaining, f"unexpected facts: {[(f.span, f.unit, f.metric) for f in remaining]}"
