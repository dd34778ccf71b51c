"""Literal prefilters: a rule skipped on a text could not have matched it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nlp.periods.grammar import _COMPILED, _NEEDS
from nlp.prefilter import Prefiltered, fold, required_literals

HERE = Path(__file__).parent


def _strings(pattern: str, flags: int = 0) -> set[str]:
    """Each need as its strings joined by |, sorted."""
    return {"|".join(sorted(s for _, s in need))
            for need in required_literals(re.compile(pattern, flags))}


def test_required_literals_are_read_from_the_pattern() -> None:
    assert _strings(r"(?P<y>(?:19|20)\d\d)年(?:度)?") == {"年", "19|20"}
    assert _strings(r"截(?:至|止)底") == {"截", "底", "止|至"}
    assert _strings(r"\bfirst\s+half\b", re.I) == {"first", "half"}
    assert _strings(r"(?-i:May)\s+\d", re.I) == {"May"}


@pytest.mark.parametrize("pattern", [
    r"\d+", r"(?:年)?\d", r"[a-z]+年?", r"年|\d", r"(?i:é)t?", r"\w{0,3}", r"(?:x|)y?",
])
def test_nothing_is_required_where_a_match_may_lack_it(pattern: str) -> None:
    assert required_literals(re.compile(pattern)) == ()


def test_folding_covers_every_character_a_case_insensitive_letter_matches() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for ch in re.findall(letter, everything, re.I):
            assert fold(ch) == letter, (letter, ch)


def test_folded_literals_are_found_in_any_case() -> None:
    needs = required_literals(re.compile(r"\bthe\s+first\s+quarter", re.I))
    assert Prefiltered("In THE First Quarter").may_match(needs)
    assert Prefiltered("In the \u0131rst half").may_match(needs) is False


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
                    assert Prefiltered(text).may_match(_NEEDS[pattern]), (pattern.pattern, text)
