"""Reference dates: the publication date given by the caller or found in a dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.lookahead import skipping
from nlp.resources import alternation, load_json
from nlp.settings import SETTINGS

_MONTHS: dict[str, int] = load_json("nlp.periods", "periods.json")["months_en"]
_MONTH_RE = alternation(list(_MONTHS))
_YEAR = r"(?:19[89]\d|20\d\d)"
_NUMERIC = re.compile(
    rf"(?<!\d)({_YEAR})\s*(?:[-/.]|年)\s*(\d{{1,2}})(?:\s*(?:[-/.]|月)\s*(\d{{1,2}}))?(?!\d)"
)
_EN_MONTH_YEAR = skipping(re.compile(
    rf"\b({_MONTH_RE})\.?\s+(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+|[A-Za-z]{{3,9}},?\s+)?({_YEAR})\b",
    re.I,
))
_EN_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+({_YEAR})\b", re.I)
_PUNCT_END = re.compile(r"[。！？!?；;]")


@dataclass(frozen=True)
class RefDate:
    """The date relative expressions ("last year", 今年) are resolved against."""

    year: int
    month: int | None = None


def _ref(year: str | int, month: str | int | None) -> RefDate | None:
    y = int(year)
    m = int(month) if month else None
    if m is not None and not 1 <= m <= 12:
        m = None
    return RefDate(y, m) if 1980 <= y <= 2100 else None


def parse_published(published: str | None) -> RefDate | None:
    """``"2024"``, ``"2024-04"``, ``"2024-04-11"`` (or any text holding a date) -> RefDate."""
    if not published or not isinstance(published, str):
        return None
    found = find_date(published)
    if found:
        return found
    match = re.search(rf"(?<!\d)({_YEAR})(?!\d)", published)
    return _ref(match.group(1), None) if match else None


def find_date(text: str) -> RefDate | None:
    """The first date (year and month at least) in ``text``."""
    best: tuple[int, RefDate] | None = None
    for match in _NUMERIC.finditer(text):
        ref = _ref(match.group(1), match.group(2))
        if ref and ref.month:
            best = (match.start(), ref)
            break
    for match in _EN_MONTH_YEAR.finditer(text):
        ref = _ref(match.group(3), _MONTHS[match.group(1).lower()])
        if ref and (best is None or match.start() < best[0]):
            best = (match.start(), ref)
        break
    for match in _EN_DAY_MONTH_YEAR.finditer(text):
        ref = _ref(match.group(3), _MONTHS[match.group(2).lower()])
        if ref and (best is None or match.start() < best[0]):
            best = (match.start(), ref)
        break
    return best[1] if best else None


def dateline_date(line: str) -> RefDate | None:
    """The date of a dateline: a short line that is mostly a date (``Updated: 2022-08-12``)."""
    stripped = line.strip()
    limits = SETTINGS.periods
    if not stripped or len(stripped) > limits.dateline_max_chars or _PUNCT_END.search(stripped):
        return None
    if len(re.findall(r"[A-Za-z]{2,}", stripped)) > limits.dateline_max_words:
        return None
    if len(re.findall(r"[\u4e00-\u9fff]", stripped)) > limits.dateline_max_han:
        return None
    date = find_date(stripped)
    if date is None:
        return None
    from nlp.quantities import find_quantities

    if find_quantities(stripped):  # "Since August 2023, the county trained 3,200 people."
        return None
    return date
