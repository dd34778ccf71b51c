"""Literal prefilters: a rule skipped on a text could not have matched it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nlp.periods.grammar import _COMPILED, _NEEDS
from nlp.prefilter import may_match, required_literals

HERE = Path(__file__).parent


def _sources(pattern: str, flags: int = 0) -> set[str]:
    return {need.pattern for need in required_literals(re.compile(pattern, flags))}


def test_required_literals_are_read_from_the_pattern() -> None:
    assert _sources(r"(?P<y>(?:19|20)\d\d)年(?:度)?") == {"年", "19|20"}
    assert _sources(r"截(?:至|止)底") == {"截", "底", "止|至"}
    assert _sources(r"\bfirst\s+half\b", re.I) == {"(?i:first)", "(?i:half)"}
    assert _sources(r"(?-i:May)\s+\d", re.I) == {"May"}


@pytest.mark.parametrize("pattern", [
    r"\d+", r"(?:年)?\d", r"[a-z]+年?", r"年|\d", r"\w{0,3}", r"(?:x|)y?", r"(?=年)\d",
])
def test_nothing_is_required_where_a_match_may_lack_it(pattern: str) -> None:
    assert required_literals(re.compile(pattern)) == ()


def test_case_insensitive_literals_are_found_as_the_pattern_finds_them() -> None:
    pattern = re.compile(r"\bthe\s+first\s+quarter", re.I)
    needs = required_literals(pattern)
    for text in ("In THE First Quarter", "the fir\u017ft quarter"):  # ſ is an s to re.I
        assert pattern.search(text) and may_match(needs, text)
    assert not may_match(needs, "in the second half")


def _texts() -> list[str]:
    """The fixture sentences and the evaluation corpora kept with the tests."""
    texts = []
    for path in sorted(HERE.glob("fixtures/*.jsonl")) + sorted(HERE.glob("*/corpus.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text") if line.strip() else None
            if isinstance(text, str):
                texts.append(text)
    return texts


def test_no_period_rule_is_skipped_on_a_text_it_matches() -> None:
    texts = _texts()
    assert len(texts) > 300
    for rules in _COMPILED.values():
        for pattern, _handler, _role in rules:
            for text in texts:
                if pattern.search(text):
                    assert may_match(_NEEDS[pattern], text), (pattern.pattern, text)
