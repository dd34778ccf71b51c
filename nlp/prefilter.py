"""Literal prefilters for regexes: the strings every match must hold, read from the pattern
itself, so that a rule is tried only on a text that holds them (a sentence without 月 needs
no month rule, one without "quarter" no quarter rule). A pattern whose needs cannot be read
is tried everywhere.

Patterns are read with the standard library's own regex parser (``re._parser``, under that
name since Python 3.11). Each need becomes a small regex of literals, case-insensitive where
the pattern is, so it finds exactly what the pattern's own literals match.
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

Need = frozenset[str]  # regex sources of literals: a match holds one of them


def _literal(chars: str, folding: bool) -> str:
    """The regex source that finds ``chars`` as the pattern matches them."""
    return f"(?i:{re.escape(chars)})" if folding else re.escape(chars)


def _selectivity(need: Need) -> tuple[int, int]:
    return len(need), -min(map(len, need))  # fewer alternatives, then longer ones


def _needs(items: Sequence[tuple[Any, Any]], folding: bool) -> list[Need]:
    """Everything a sequence of parsed items requires (``folding``: case-insensitive here)."""
    needs: list[Need] = []
    run = ""  # consecutive literal characters make one string
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            needs.append(frozenset([_literal(run, folding)]))
            run = ""
        needs += _item_needs(op, av, folding)
    return needs + [frozenset([_literal(run, folding)])] if run else needs


def _best(needs: list[Need]) -> Need | None:
    return min(needs, key=_selectivity) if needs else None


def _item_needs(op: Any, av: Any, folding: bool) -> list[Need]:
    if op is C.IN:
        if len(av) > _MAX_CHARS or any(kind is not C.LITERAL for kind, _ in av):
            return []  # a range, a category, a negation
        return [frozenset(_literal(chr(code), folding) for _, code in av)]
    if op is C.BRANCH:  # one of the alternatives' needs: the best of each, pooled
        pooled: set[str] = set()
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


def required_literals(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], ...]:
    """Regexes of literals that every match of ``pattern`` holds one of each; empty when
    nothing is known."""
    if _parser is None:
        return ()
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        needs = _needs(tree.data, bool(tree.state.flags & re.IGNORECASE))
    except Exception:  # noqa: BLE001 - an unreadable pattern simply runs everywhere
        return ()
    kept = sorted(set(needs), key=lambda n: (_selectivity(n), sorted(n)))[:_MAX_NEEDS]
    return tuple(re.compile("|".join(sorted(need))) for need in kept)


def may_match(needs: tuple[re.Pattern[str], ...], text: str) -> bool:
    """Whether ``text`` holds what a pattern needs (always, when it needs nothing known)."""
    for need in needs:
        if need.search(text) is None:
            return False
    return True
