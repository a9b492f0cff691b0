"""A set of text offsets given as spans (tables, sections), asked about one offset at a time."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class Spans:
    """The offsets inside any of some `(start, end)` spans; `position in spans` is O(log spans).

    The spans are sorted and joined where they overlap or touch once, so the one span that could
    hold an offset is the last that starts at or before it.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def __contains__(self, position: int) -> bool:
        last = bisect_right(self._starts, position) - 1
        return last >= 0 and position < self._ends[last]
