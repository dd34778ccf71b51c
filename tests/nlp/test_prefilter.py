"""Literal prefilters: a rule skipped on a text could not have matched it."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from nlp.lookahead import skipping
from nlp.periods.grammar import _COMPILED, PREFILTERS, load_grammar
from nlp.prefilter import _FOLDS_TO_LETTER, Alternation, Prefilter, fold, required_literals
from nlp.quantities.blockers import _PATTERNS, _blockers

HERE = Path(__file__).parent


def _strings(pattern: str, flags: int = 0) -> set[str]:
    """Each need as its strings, sorted and joined by |; case-insensitive ones marked ~."""
    return {"|".join(sorted(f"~{s}" if folded else s for folded, s in need))
            for need in required_literals(re.compile(pattern, flags))}


def test_required_literals_are_read_from_the_pattern() -> None:
    assert _strings(r"(?P<y>(?:19|20)\d\d)年(?:度)?") == {"年", "19|20"}
    assert _strings(r"截(?:至|止)底") == {"截", "底", "止|至"}
    assert _strings(r"\bFirst\s+half\b", re.I) == {"~first", "~half"}
    assert _strings(r"(?-i:May)\s+\d", re.I) == {"May"}
    assert _strings(r"(?:电话|Tel)\d", re.I) == {"~tel|电话"}


@pytest.mark.parametrize("pattern", [
    r"\d+", r"(?:年)?\d", r"[a-z]+年?", r"年|\d", r"\w{0,3}", r"(?:x|)y?", r"(?=年)\d",
    r"(?i:é)t?",
])
def test_nothing_is_required_where_a_match_may_lack_it(pattern: str) -> None:
    assert required_literals(re.compile(pattern)) == ()


def test_folding_covers_every_character_a_case_insensitive_ascii_one_matches() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for ch in string.printable:
        for found in re.findall(re.escape(ch), everything, re.I):
            assert fold(found) == ch.lower(), (ch, found)


def test_the_letter_test_finds_every_character_folded_to_an_ascii_letter() -> None:
    # Prefilter.runnable skips the folded literals (each holds a letter) on a text it rejects.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    folds_to_letter = {ch for ch in everything if re.search("[a-z]", fold(ch))}
    assert set(_FOLDS_TO_LETTER.findall(everything)) == folds_to_letter
    patterns = [re.compile(p) for p in _PATTERNS] + [p for p, _, _ in load_grammar()["en"]]
    for pattern in patterns:
        for need in required_literals(pattern):
            assert all(re.search("[a-z]", s) for folded, s in need if folded), pattern.pattern


def test_case_insensitive_literals_are_found_in_any_case() -> None:
    pattern = re.compile(r"\bthe\s+first\s+quarter", re.I)
    prefilter = Prefilter([pattern])
    for text in ("In THE First Quarter", "the fir\u017ft quarter"):  # ſ is an s to re.I
        assert pattern.search(text) and prefilter.runnable(text) == [0]
    assert prefilter.runnable("in the second half") == []


def _texts() -> list[str]:
    """The fixture sentences and the evaluation corpora kept with the tests."""
    texts = []
    for path in sorted(HERE.glob("fixtures/*.jsonl")) + sorted(HERE.glob("*/corpus.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text") if line.strip() else None
            if isinstance(text, str):
                texts.append(text)
    return texts


def _assert_sound(prefilter: Prefilter, patterns: list[re.Pattern[str]]) -> None:
    texts = _texts()
    assert len(texts) > 300
    for text in texts:
        runnable = prefilter.runnable(text)
        for i, pattern in enumerate(patterns):
            if pattern.search(text):
                assert i in runnable, (pattern.pattern, text)


def test_no_period_rule_is_skipped_on_a_text_it_matches() -> None:
    for code, rules in _COMPILED.items():
        _assert_sound(PREFILTERS[code], [pattern for pattern, _, _ in rules])


@pytest.mark.parametrize(("pattern", "flags", "lookahead"), [
    (r"(?<![\d.])(?:19|20)\d\d", 0, "[12]"),
    (r"(?:(?P<y>\d{4})年|(?P<rel>今年|去年))?(?P<m>\d{1,2})月", 0, r"[\d今去]"),
    (r"\bfirst\s+half", re.I, "(?i:[f])"),
    (r"(?-i:May)|june", re.I, "(?i:[Mj])"),
])
def test_a_pattern_looks_ahead_for_the_characters_its_matches_start_with(
        pattern: str, flags: int, lookahead: str) -> None:
    assert skipping(re.compile(pattern, flags)).pattern == f"(?={lookahead})(?:{pattern})"


@pytest.mark.parametrize("pattern", [r"a?", r".x", r"[^a]b", r"(?=x)", r"\b"])
def test_no_lookahead_where_a_match_may_start_anywhere_or_be_empty(pattern: str) -> None:
    compiled = re.compile(pattern)
    assert skipping(compiled) is compiled


@pytest.mark.parametrize("pattern", [r"(?:目前|眼下|迄今)", r"截(?:至|止)(?:到)?",
                                     r"[〔\[(【]\d{4}"])
def test_no_lookahead_where_re_scans_for_a_prefix_itself(pattern: str) -> None:
    compiled = re.compile(pattern)  # a literal or a set of first characters: re's own scan
    assert skipping(compiled) is compiled


def test_rules_that_look_ahead_find_what_they_found() -> None:
    originals = [p for rules in load_grammar().values() for p, _, _ in rules]
    originals += [re.compile(p) for p in _PATTERNS]
    pairs = [(pattern, skipping(pattern)) for pattern in originals]
    for text in _texts():
        for pattern, fast in pairs:
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == expected


def test_an_alternation_run_branch_by_branch_finds_what_the_whole_finds() -> None:
    blockers = _blockers()
    whole = re.compile("|".join(p.pattern for p in blockers._branches))
    _assert_sound(blockers._prefilter, blockers._branches)
    for text in _texts():
        for lo, hi in ((0, len(text)), (len(text) // 3, 2 * len(text) // 3)):
            expected = [m.span() for m in whole.finditer(text, lo, hi)]
            found = blockers.finditer(text, lo, hi, blockers.runnable(text))
            assert [m.span() for m in found] == expected, text


def test_branches_that_may_match_empty_run_as_one_alternation() -> None:
    alternation = Alternation([r"a?", r"b"])
    assert [m.span() for m in alternation.finditer("xab", 0, 3, [0, 1])] == [
        m.span() for m in re.finditer(r"a?|b", "xab")]
