"""Period values: a label like "2023", "2021-2025", "2025-H1" or "2024-01/2024-08" with dates."""

from __future__ import annotations

import calendar
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    """A span of time a figure refers to."""

    label: str
    start: str  # YYYY-MM-DD
    end: str

    @property
    def end_year(self) -> int:
        return int(self.end[:4])


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def year_period(year: int) -> Period:
    return Period(str(year), f"{year:04d}-01-01", f"{year:04d}-12-31")


def years_period(first: int, last: int) -> Period | None:
    if last < first:
        return None
    if last == first:
        return year_period(first)
    return Period(f"{first}-{last}", f"{first:04d}-01-01", f"{last:04d}-12-31")


def half_period(year: int, half: int) -> Period:
    if half == 1:
        return Period(f"{year}-H1", f"{year:04d}-01-01", _last_day(year, 6))
    return Period(f"{year}-H2", f"{year:04d}-07-01", _last_day(year, 12))


def months_period(y1: int, m1: int, y2: int, m2: int) -> Period | None:
    """Months m1/y1 to m2/y2 inclusive; a whole calendar year collapses to the year."""
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y2, m2) < (y1, m1):
        return None
    if y1 == y2 and m1 == 1 and m2 == 12:
        return year_period(y1)
    if y1 == y2 and m1 == m2:
        label = f"{y1:04d}-{m1:02d}"
    elif y1 == y2 and (m1, m2) in ((1, 6), (7, 12)):
        return half_period(y1, 1 if m1 == 1 else 2)
    else:
        label = f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}"
    return Period(label, f"{y1:04d}-{m1:02d}-01", _last_day(y2, m2))
