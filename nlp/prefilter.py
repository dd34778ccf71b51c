"""Literal prefilters for regexes: the strings every match must hold, read from the pattern
itself, so that a rule is tried only on a text that holds them (a sentence without 月 needs
no month rule, one without "quarter" no quarter rule). A pattern whose needs cannot be read
is tried everywhere.

Patterns are read with the standard library's own regex parser (``re._parser``, under that
name since Python 3.11). Case-insensitive ASCII literals are looked for in a folded copy of
the text; any other case-insensitive literal requires nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

try:
    from re import _constants as C  # noqa: N812
    from re import _parser
except ImportError:  # another Python: no prefilters, every rule runs
    _parser = None

_MAX_CHARS = 8  # a character class wider than this filters too little to be worth it
_MAX_NEEDS = 3  # tests kept per pattern: the most selective ones
# The non-ASCII letters a case-insensitive regex matches to an ASCII letter (see the re docs
# on IGNORECASE): folded to that letter, so that "in" is found in a folded "İn" too.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})

Literal = tuple[bool, str]  # (looked for in the folded text, string)
Need = frozenset[Literal]  # a match holds one of these


def fold(text: str) -> str:
    """The text as a case-insensitive ASCII literal is looked for in it."""
    return text.translate(_FOLD).lower()


def _selectivity(need: Need) -> tuple[int, int]:
    return len(need), -min(len(s) for _, s in need)  # fewer alternatives, then longer ones


def _char(code: int, folding: bool) -> Literal | None:
    """The literal a character stands for; None for a case-insensitive cased non-ASCII one."""
    ch = chr(code)
    if folding and ch.isascii() and ch.isalpha():
        return True, ch.lower()
    if folding and not ch.lower() == ch.upper() == ch:
        return None
    return False, ch


def _needs(items: Sequence[tuple[Any, Any]], folding: bool) -> list[Need]:
    """Everything a sequence of parsed items requires (``folding``: case-insensitive here)."""
    needs: list[Need] = []
    run: list[Literal] = []  # consecutive literal characters of one kind make one string

    def flush() -> None:
        if run:
            needs.append(frozenset([(run[0][0], "".join(s for _, s in run))]))
            run.clear()

    for op, av in items:
        literal = _char(av, folding) if op is C.LITERAL else None
        if literal is not None:
            if run and run[0][0] != literal[0]:
                flush()
            run.append(literal)
            continue
        flush()
        needs += _item_needs(op, av, folding)
    flush()
    return needs


def _best(needs: list[Need]) -> Need | None:
    return min(needs, key=_selectivity) if needs else None


def _item_needs(op: Any, av: Any, folding: bool) -> list[Need]:
    if op is C.IN:
        chars = [_char(code, folding) if kind is C.LITERAL else None for kind, code in av]
        if len(chars) > _MAX_CHARS or None in chars:
            return []  # a range, a category, a negation, a case-insensitive non-ASCII letter
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
    """Sets of literals such that every match of ``pattern`` holds one of each set; empty
    when nothing is known."""
    if _parser is None:
        return ()
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        needs = _needs(tree.data, bool(tree.state.flags & re.IGNORECASE))
    except Exception:  # noqa: BLE001 - an unreadable pattern simply runs everywhere
        return ()
    kept = sorted({n for n in needs if n and all(s for _, s in n)},
                  key=lambda n: (_selectivity(n), sorted(n)))
    return tuple(kept[:_MAX_NEEDS])


class Prefiltered:
    """A text with its folded copy made on first need."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None

    def holds(self, literal: Literal) -> bool:
        folded, string = literal
        if not folded:
            return string in self.text
        if self._folded is None:
            self._folded = fold(self.text)
        return string in self._folded

    def may_match(self, needs: tuple[Need, ...]) -> bool:
        """Whether the text holds what a pattern needs (always, when it needs nothing)."""
        return all(any(self.holds(literal) for literal in need) for need in needs)
