"""Find and normalise publication dates: numeric, Chinese and English forms, and URLs."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMERIC = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)"
)
_ENGLISH_MDY = re.compile(
    rf"\b({_MONTH_NAMES})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b", re.I
)
_ENGLISH_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_NAMES})\.?,?\s+((?:19|20)\d{{2}})\b", re.I
)
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_URL_PATTERNS = (
    re.compile(r"/t((?:19|20)\d{2})(\d{2})(\d{2})_"),
    re.compile(r"/((?:19|20)\d{2})-?(\d{2})/(\d{2})/"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/"),
    re.compile(r"/((?:19|20)\d{2})[-/](\d{1,2})[-/](\d{1,2})/"),
)


def _iso(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    if not 1990 <= found.year <= date.today().year + 1:
        return None
    return found.isoformat()


def find_date(text: str, allow_compact: bool = False) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD``, or None."""
    if not text:
        return None
    found: list[tuple[int, str]] = []
    for match in _NUMERIC.finditer(text):
        iso = _iso(*match.groups())
        if iso:
            found.append((match.start(), iso))
            break
    for match in _ENGLISH_MDY.finditer(text):
        month, day, year = match.groups()
        iso = _iso(year, _MONTHS[month.lower()], day)
        if iso:
            found.append((match.start(), iso))
            break
    for match in _ENGLISH_DMY.finditer(text):
        day, month, year = match.groups()
        iso = _iso(year, _MONTHS[month.lower()], day)
        if iso:
            found.append((match.start(), iso))
            break
    if allow_compact and not found:
        for match in _COMPACT.finditer(text):
            iso = _iso(*match.groups())
            if iso:
                return iso
    return min(found)[1] if found else None


def date_from_url(url: str) -> str | None:
    """A date embedded in a URL path (``/t20240116_``, ``/202401/16/``, ``/2024-01/16/``)."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.I)
    for pattern in _URL_PATTERNS:
        match = pattern.search(path)
        if match:
            iso = _iso(*match.groups())
            if iso:
                return iso
    return None
