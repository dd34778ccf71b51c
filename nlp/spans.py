"""Position indexes: which spans of a document lie inside, overlap or enclose a range, found by
bisection instead of a scan of every span (a long document holds thousands of them)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Generic, Protocol, TypeVar


class Located(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=Located)


class ByPosition(Generic[T]):
    """Items with ``start``/``end``, kept in order of ``start`` (stable: items sharing a start
    keep their order), queried by range."""

    def __init__(self, items: Iterable[T]) -> None:
        self.items: list[T] = sorted(items, key=lambda item: item.start)
        self._starts = [item.start for item in self.items]

    def within(self, start: int, end: int) -> list[T]:
        """The items with ``start <= item.start`` and ``item.end <= end``, in order."""
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return [item for item in self.items[lo:hi] if item.end <= end]


class SpanIndex:
    """A set of ``(start, end)`` spans answering, each in O(log n), whether any of them
    overlaps, encloses or covers a range: the spans starting before a point are a prefix in
    start order, and the largest end of that prefix decides."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))  # largest end so far
        self._ends = sorted(e for _, e in ordered)

    def _reaches(self, count: int, pos: int) -> bool:
        """Whether one of the first ``count`` spans (in start order) ends after ``pos``."""
        return count > 0 and self._reach[count - 1] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """Any span with ``s < end and start < e``."""
        return self._reaches(bisect_left(self._starts, end), start)

    def encloses(self, start: int, end: int) -> bool:
        """Any span with ``s < start and end < e`` (strictly around the range)."""
        return self._reaches(bisect_left(self._starts, start), end)

    def covers(self, pos: int) -> bool:
        """Any span with ``s <= pos < e``."""
        return self._reaches(bisect_right(self._starts, pos), pos)

    def last_end(self, pos: int, default: int) -> int:
        """The largest span end ``<= pos``, else ``default``."""
        i = bisect_right(self._ends, pos)
        return self._ends[i - 1] if i else default


def spans_of(items: Sequence[Located]) -> list[tuple[int, int]]:
    return [(item.start, item.end) for item in items]
