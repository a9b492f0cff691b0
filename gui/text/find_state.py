"""Find in the report's text: where a needle occurs, where each hit is shown, and which hit is current.

Hits are counted in the report's text exactly as str.count counts them, then placed in the document the
view shows; a hit inside a table is placed in the cell that shows it. Plain Python: the view gives the
text of a document range when a cell has to be searched.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.structure.textmap import TextMap


class FindState:
    """The needle, its hits (text offsets) and their document ranges, and the hit shown."""

    def __init__(self) -> None:
        self.needle = ""
        self.hits: list[int] = []
        self.current = -1  # the 0-based number of the hit shown, or -1
        self._spans: list[tuple[int, int]] = []  # document ranges of the hits, by hit
        self._order: list[tuple[int, int]] = []  # (document start, hit number), sorted

    def clear(self) -> None:
        """No needle, no hits."""
        self.find_all("", "")
        self._spans, self._order = [], []

    def find_all(self, text: str, needle: str) -> int:
        """Find every occurrence of `needle` in `text`, none current; returns how many there are.
        Their document ranges are known after `place`."""
        self.needle, self.hits, self.current = needle, [], -1
        if needle:
            at = text.find(needle)
            while at != -1:
                self.hits.append(at)
                at = text.find(needle, at + len(needle))
        return len(self.hits)

    def place(self, textmap: TextMap | None, document_text: Callable[[int, int], str]) -> None:
        """Place the hits in the document `textmap` maps (none without a map); `document_text(start, end)` is
        the text the document shows between two positions."""
        self._spans = [] if textmap is None else [self._span(textmap, hit, document_text) for hit in self.hits]
        self._order = sorted((span[0], number) for number, span in enumerate(self._spans))

    def step(self, step: int, view_offset: int) -> tuple[int, int] | None:
        """Move `step` hits on (1 next, -1 previous), from `view_offset` (the text offset the view shows) when
        no hit is current; the document range of the hit now current, or None when there are no hits."""
        if not self.hits:
            return None
        if self.current == -1:
            self.current = self._first_from(view_offset, step)
        else:
            self.current = (self.current + step) % len(self.hits)
        return self._spans[self.current]

    def spans_between(self, low: int, high: int) -> Iterator[tuple[tuple[int, int], bool]]:
        """The document ranges of the hits that start between positions low and high, each with whether it
        is the current hit."""
        for start, number in self._order[bisect_left(self._order, (low,)) :]:
            if start > high:
                break
            yield self._spans[number], number == self.current

    def _first_from(self, offset: int, step: int) -> int:
        after = [n for n, hit in enumerate(self.hits) if hit >= offset]
        if step > 0:
            return after[0] if after else 0
        return (after[0] - 1) % len(self.hits) if after else len(self.hits) - 1

    def _span(self, textmap: TextMap, offset: int, document_text: Callable[[int, int], str]) -> tuple[int, int]:
        """Where a hit at a text offset is in the document; inside a table, in the cell that shows it."""
        span = textmap.span_of(offset, offset + len(self.needle))
        if span is not None:
            return span  # a break shown inside the hit is shown inside its highlight
        table = textmap.table_at_offset(offset)
        assert table is not None
        row = table.cells[table.row_at_offset(offset)]
        for first, last in row:
            inside = document_text(first, last).find(self.needle)
            if inside != -1:
                return first + inside, first + inside + len(self.needle)
        return row[0]
