"""A lookahead for the characters a pattern's matches can start with, read from the pattern:
``re`` finds no such prefix itself for a pattern that opens with a lookbehind, ``\\b`` or an
optional part, and then tries the whole pattern at every position of the text; with the
lookahead it skips every position where no match can start. The matches stay the same."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from nlp.prefilter import C, parse

_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


class _Unknown(Exception):
    """A construct whose first characters are not worked out (any character, a backreference)."""


def _class_items(op: Any, av: Any) -> list[str]:
    if op is C.LITERAL:
        return [re.escape(chr(av))]
    if op is not C.IN:
        raise _Unknown
    items = []
    for kind, value in av:
        if kind is C.LITERAL:
            items.append(re.escape(chr(value)))
        elif kind is C.RANGE:
            items.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif kind is C.CATEGORY and str(value) in _CATEGORIES:
            items.append(_CATEGORIES[str(value)])
        else:
            raise _Unknown  # a negated class, another category
    return items


def _first(items: Sequence[tuple[Any, Any]], folded: list[bool]) -> tuple[list[str], bool]:
    """The class items a match of the sequence can start with, and whether it can be empty."""
    first: list[str] = []
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width: the next item consumes the first character
        if op is C.BRANCH:
            alternatives = [_first(branch.data, folded) for branch in av[1]]
            first += [item for chars, _ in alternatives for item in chars]
            nullable = any(empty for _, empty in alternatives)
        elif op is C.SUBPATTERN:
            _group, add, _remove, body = av
            folded.append(bool(add & re.IGNORECASE))
            chars, nullable = _first(body.data, folded)
            first += chars
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _high, body = av
            chars, empty = _first(body.data, folded)
            first += chars
            nullable = low == 0 or empty
        elif op is C.ATOMIC_GROUP:
            chars, nullable = _first(av.data, folded)
            first += chars
        else:
            first += _class_items(op, av)
            nullable = False
        if not nullable:
            return first, False
    return first, True


def _skips_itself(tree: Any) -> bool:
    """Whether ``re`` compiles the pattern with a prefix of its own (a literal, or a set of
    first characters: 目前|眼下, 截(?:至|止), [〔【]): it then scans for that prefix in C, which
    is faster than trying a lookahead at every position."""
    flags = tree.state.flags
    if flags & re.IGNORECASE and flags & re.LOCALE:
        return False
    try:
        from re import _compiler
    except ImportError:  # another Python: keep the lookahead
        return False
    prefix, _skip, _all = _compiler._get_literal_prefix(tree, flags)
    return bool(prefix) or bool(_compiler._get_charset_prefix(tree, flags))


def skipping(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a lookahead for the characters its matches can start with: the same
    matches, but the regex engine skips every other position without trying the pattern there
    (a pattern opening with a lookbehind, ``\\b`` or an optional part gets no such skip from
    ``re`` itself). ``pattern`` itself when they cannot be worked out, or when ``re`` finds a
    prefix of its own."""
    try:
        tree = parse(pattern.pattern, pattern.flags)
        if _skips_itself(tree):
            return pattern
        folded = [bool(tree.state.flags & re.IGNORECASE)]
        chars, nullable = _first(tree.data, folded)
        if nullable or not chars:
            return pattern
        lookahead = f"[{''.join(dict.fromkeys(chars))}]"
        if any(folded):  # a superset is still exact: case-insensitive throughout
            lookahead = f"(?i:{lookahead})"
        return re.compile(f"(?={lookahead})(?:{pattern.pattern})", pattern.flags)
    except (_Unknown, re.error, AttributeError):  # AttributeError: no re._parser here
        return pattern
