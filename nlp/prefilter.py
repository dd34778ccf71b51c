"""Literal prefilters for regexes: the strings every match must hold, read from the pattern
itself, so that a rule is tried only on a text that holds them (a sentence without 月 needs
no month rule, one without "quarter" no quarter rule). A pattern whose needs cannot be read
is tried everywhere. :class:`Alternation` runs the branches of one alternation that way.

Patterns are read with the standard library's own regex parser (``re._parser``, under that
name since Python 3.11). Case-insensitive ASCII literals are looked for in a folded copy of the
text: lower case, with the four non-ASCII letters that a case-insensitive regex takes for ASCII
ones (İ ı ſ K) mapped to them; uncased characters (CJK, digits) are looked for as they are;
other case-insensitive letters require nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

try:
    from re import _constants as C  # noqa: N812
    from re import _parser
except ImportError:  # another Python: no prefilters, every rule runs
    C = _parser = None


@lru_cache(maxsize=1024)  # a pattern is read for its literals and for its first characters
def parse(source: str, flags: int) -> Any:
    """The parse tree of a pattern (``re._parser``), read once."""
    return _parser.parse(source, flags)


_MAX_CHARS = 8  # a character class wider than this filters too little to be worth it
_MAX_NEEDS = 3  # tests kept per pattern: the most selective ones
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})

Literal = tuple[bool, str]  # (looked for in the folded text, string)
Need = frozenset[Literal]  # a match holds one of these


_FOLDED = re.compile("[\u0130\u0131\u017f\u212a]")
_FOLDS_TO_LETTER = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")  # what fold() makes a-z


def fold(text: str) -> str:
    """The text as case-insensitive ASCII literals are looked for in it."""
    return (text.translate(_FOLD) if _FOLDED.search(text) else text).lower()


def _literal(ch: str, folding: bool) -> Literal | None:
    """What a literal character of the pattern is looked for as; None when it cannot be.

    re compiles an uncased character (digits, CJK, punctuation) as itself even where case is
    ignored; a cased ASCII letter is looked for folded; other cased letters cannot be."""
    if not folding or ch.lower() == ch == ch.upper():
        return False, ch
    return (True, ch.lower()) if ch.isascii() else None


def _selectivity(need: Need) -> tuple[int, int]:
    return len(need), -min(len(s) for _, s in need)  # fewer alternatives, then longer ones


def _needs(items: Sequence[tuple[Any, Any]], folding: bool) -> list[Need]:
    """Everything a sequence of parsed items requires (``folding``: case-insensitive here)."""
    needs: list[Need] = []
    run, folded = "", False  # consecutive literal characters make one string

    def flush() -> None:
        nonlocal run, folded
        if run:
            needs.append(frozenset([(folded, run)]))
        run, folded = "", False

    for op, av in items:
        literal = _literal(chr(av), folding) if op is C.LITERAL else None
        if literal is not None:
            run, folded = run + literal[1], folded or literal[0]
            continue
        flush()
        needs += _item_needs(op, av, folding)
    flush()
    return needs


def _best(needs: list[Need]) -> Need | None:
    return min(needs, key=_selectivity) if needs else None


def _item_needs(op: Any, av: Any, folding: bool) -> list[Need]:
    if op is C.IN:
        chars = [_literal(chr(code), folding) if kind is C.LITERAL else None
                 for kind, code in av]
        if len(chars) > _MAX_CHARS or None in chars:
            return []  # a range, a category, a negation, a non-ASCII letter in any case
        return [frozenset(chars)]
    if op is C.BRANCH:  # one of the alternatives' needs: the best of each, pooled
        pooled: set[Literal] = set()
        for branch in av[1]:
            best = _best(_needs(branch.data, folding))
            if best is None:
                return []
            pooled |= best
        return [frozenset(pooled)]
    if op is C.SUBPATTERN:
        _group, add, remove, body = av
        inner = (folding or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _needs(body.data, inner)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _needs(body.data, folding) if low >= 1 else []
    if op is C.ATOMIC_GROUP:
        return _needs(av.data, folding)
    return []  # any character, a category, an assertion, a back reference


def required_literals(pattern: re.Pattern[str]) -> tuple[Need, ...]:
    """What every match of ``pattern`` holds: one literal of each need; empty when nothing
    is known."""
    if _parser is None:
        return ()
    try:
        tree = parse(pattern.pattern, pattern.flags)
        needs = _needs(tree.data, bool(tree.state.flags & re.IGNORECASE))
    except Exception:  # noqa: BLE001 - an unreadable pattern simply runs everywhere
        return ()
    kept = sorted({_shortest(n) for n in needs if n and all(s for _, s in n)},
                  key=lambda n: (_selectivity(n), sorted(n)))
    return tuple(kept[:_MAX_NEEDS])


def _shortest(need: Need) -> Need:
    """The need without literals that hold another of its literals (April holds Apr)."""
    return frozenset(a for a in need if not any(
        b != a and b[0] == a[0] and b[1] in a[1] for b in need))


_MAX_KNOWN = 4096  # sets of present literals whose runnable patterns are remembered


# Literals grouped by their first character: (character, bits of the literals that are just
# that character, the longer literals with their bits). A longer literal is looked for only in
# a text that holds its first character, which halves the tests of a sentence.
Group = tuple[str, int, tuple[tuple[str, int], ...]]


def _by_first_char(literals: list[tuple[str, int]]) -> list[Group]:
    single: dict[str, int] = {}
    longer: dict[str, list[tuple[str, int]]] = {}
    for string, bit in literals:
        single.setdefault(string[0], 0)
        longer.setdefault(string[0], [])
        if len(string) == 1:
            single[string] |= bit
        else:
            longer[string[0]].append((string, bit))
    return [(first, single[first], tuple(longer[first])) for first in single]


def _present(groups: list[Group], text: str) -> int:
    """The union of the bits of the literals ``text`` holds."""
    present = 0
    for first, bits, longer in groups:
        if first in text:
            present |= bits
            for string, bit in longer:
                if string in text:
                    present |= bit
    return present


class Prefilter:
    """The needs of a list of patterns, checked against a text at once: each literal is looked
    for once, and a pattern runs when one literal of each of its needs is there."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        needs = [required_literals(p) for p in patterns]
        literals = sorted({literal for ns in needs for need in ns for literal in need})
        bit = {literal: 1 << i for i, literal in enumerate(literals)}
        self._exact = _by_first_char([(s, bit[folded, s]) for folded, s in literals if not folded])
        self._folded = _by_first_char([(s, bit[folded, s]) for folded, s in literals if folded])
        self._masks = [[sum(bit[lit] for lit in need) for need in ns] for ns in needs]
        self._runnable: dict[int, list[int]] = {}  # literals present -> patterns to run

    def runnable(self, text: str) -> list[int]:
        """The indexes of the patterns that may match ``text``, in order."""
        # the bits are distinct powers of two: their sum is their union
        present = _present(self._exact, text)
        if self._folded and _FOLDS_TO_LETTER.search(text):  # each holds an ASCII letter
            present |= _present(self._folded, fold(text))
        known = self._runnable.get(present)
        if known is None:
            known = [i for i, masks in enumerate(self._masks)
                     if all(present & mask for mask in masks)]
            if len(self._runnable) < _MAX_KNOWN:
                self._runnable[present] = known
        return list(known)


class Alternation:
    """A regex alternation ``B0|B1|...`` whose branches run separately, and only those whose
    literals the text holds: the same matches as the whole alternation's ``finditer`` (at the
    leftmost position, the first branch that matches there), with no regex compiled per text.

    Exact when no branch can match the empty string (each needs a literal); otherwise the
    whole alternation runs."""

    def __init__(self, sources: Sequence[str]) -> None:
        from nlp.lookahead import skipping

        branches = [re.compile(source) for source in sources]
        self._prefilter = Prefilter(branches)
        self._separate = all(required_literals(b) for b in branches)
        self._branches = [skipping(b) for b in branches]  # nlp.lookahead
        self._whole = None if self._separate else re.compile("|".join(sources))

    def runnable(self, text: str) -> list[int]:
        """The branches that may match ``text`` (pass them to :meth:`finditer`)."""
        return self._prefilter.runnable(text)

    def finditer(self, text: str, lo: int, hi: int, branches: list[int]) -> Iterator[re.Match[str]]:
        """The matches of the alternation in ``text[lo:hi]``, given ``runnable(text)``."""
        if self._whole is not None:
            yield from self._whole.finditer(text, lo, hi)
            return
        pending = {i: self._branches[i].search(text, lo, hi) for i in branches}
        while True:
            found = [(m.start(), i) for i, m in pending.items() if m is not None]
            if not found:
                return
            match = pending[min(found)[1]]  # leftmost, then the earliest branch
            yield match
            pos = match.end()
            for i, m in pending.items():
                if m is not None and m.start() < pos:
                    pending[i] = self._branches[i].search(text, pos, hi)
