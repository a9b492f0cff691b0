"""Sentences and brackets of a body text, for the figure scanner.

Where a sentence starts and ends, and how deep inside brackets an offset is, answered by bisection
over the marks (sentence ends and brackets) found once, so asking costs the same on a page of text
and on fifty megabytes of it. A bracket's depth goes back to 0 at each sentence end: a bracket the
text lost stays local to its sentence.

The brackets are read a run at a time (`（（（`), and the sentence ends when first asked for: a run of
brackets is one change of depth that rises or falls by one a character, so ten million opening brackets in a
row are two numbers, not ten million. Offsets are kept in arrays of machine integers, not lists of Python ones
(a fifth of the memory).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cached_property
from operator import methodcaller

SENTENCE_END = "。！？!?\n"
CLAUSE_END = SENTENCE_END + "，,；;：:"
OPEN, CLOSE = "（(", "）)"
_OPENING = re.compile(f"[{re.escape(OPEN)}]+")
_BRACKETS = re.compile(f"[{re.escape(OPEN)}]+|[{re.escape(CLOSE)}]+")
_ENDS = re.compile(f"[{re.escape(SENTENCE_END)}]")
_CLAUSE_ENDS = re.compile(f"[{re.escape(CLAUSE_END)}]")
_START = methodcaller("start")
_RESET, _OPENS, _CLOSES = 0, 1, 2


class Sentences:
    """The sentence ends and bracket depths of `text[start:end]`."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self._text = text
        # From offset `_changes[i]` up to the next change, the depth at offset p is
        # `_depths[i] + _slopes[i] * (p - _changes[i])`: a run of brackets rises or falls by one a character.
        self._changes, self._depths, self._slopes = array("q", [start]), array("q", [0]), array("b", [0])
        for kind, first, count, depth in self._bracket_runs():
            if kind == _RESET:
                self._change(first, 0, 0)
            elif kind == _OPENS:  # an opening bracket is inside its own brackets
                if count > 1:
                    self._change(first, depth + 1, 1)
                self._change(first + count - 1, depth + count, 0)
            else:  # and so is a closing one
                if count > 1:
                    self._change(first + 1, depth - 1, -1)
                self._change(first + count, depth - count, 0)

    def _bracket_runs(self) -> Iterator[tuple[int, int, int, int]]:
        """(kind, first offset, length, depth before) for each run of brackets that changes the depth, and for
        each sentence end that closes the brackets open (_RESET, at the offset after it); a run of closing
        brackets counts only those that close one (with none open, a closing bracket changes nothing)."""
        text, depth = self._text, 0
        after = self.start  # just after the last run of brackets
        for match in _BRACKETS.finditer(text, self.start, self.end):
            first, count = match.start(), match.end() - match.start()
            if depth > 0 and (closing := _ENDS.search(text, after, first)) is not None:
                yield _RESET, closing.start() + 1, 0, depth
                depth = 0
            if _OPENING.match(text, first):
                yield _OPENS, first, count, depth
                depth += count
            elif closed := min(count, depth):
                yield _CLOSES, first, closed, depth
                depth -= closed
            after = match.end()
        if depth > 0 and (closing := _ENDS.search(text, after, self.end)) is not None:
            yield _RESET, closing.start() + 1, 0, depth

    @cached_property
    def _closings(self) -> tuple[array[int], array[int], array[int], array[int]]:
        """The runs of closing brackets that close one: where each starts, the depth of its first bracket, how
        many it has, and the next run that goes less deep than its last (the count of runs when none does).
        Made when first asked for."""
        starts, depths, counts = array("q"), array("q"), array("q")
        for kind, first, count, depth in self._bracket_runs():
            if kind == _CLOSES:
                starts.append(first)
                depths.append(depth)
                counts.append(count)
        shallower = array("q", [len(starts)]) * len(starts)
        waiting: list[int] = []
        for run in range(len(starts)):
            deepest_last = depths[run] - counts[run] + 1
            while waiting and depths[waiting[-1]] - counts[waiting[-1]] + 1 > deepest_last:
                shallower[waiting.pop()] = run
            waiting.append(run)
        return starts, depths, counts, shallower

    def closing(self, position: int, depth: int) -> int | None:
        """The first closing bracket at or after `position` that is `depth` deep, where a bracket `depth` deep is
        open (`depth_at(position) >= depth > 0`); None when the text has none. Found by bisection and by jumps
        over the runs that close brackets opened inside it, not by reading every bracket on the way."""
        starts, depths, counts, shallower = self._closings
        run = bisect_right(starts, position) - 1
        if run >= 0 and position < starts[run] + counts[run]:  # inside a run: its brackets from `position` on
            place = max(position - starts[run], depths[run] - depth)
            if place < counts[run]:
                return starts[run] + place
        run += 1
        # Before the bracket that closes at `depth`, a closing bracket can only be deeper: the first one as deep
        # or less is it.
        while run < len(starts) and depths[run] - counts[run] + 1 > depth:
            run = shallower[run]
        return starts[run] + max(0, depths[run] - depth) if run < len(starts) else None

    @cached_property
    def _ends(self) -> array[int]:
        """The offsets of the sentence ends, found when first asked for (a text without figures never asks)."""
        return array("q", map(_START, _ENDS.finditer(self._text, self.start, self.end)))

    @cached_property
    def _clause_ends(self) -> array[int]:
        """The offsets of the clause and sentence ends, found when first asked for."""
        return array("q", map(_START, _CLAUSE_ENDS.finditer(self._text, self.start, self.end)))

    def _change(self, position: int, depth: int, slope: int) -> None:
        if self._changes[-1] == position:
            self._depths[-1], self._slopes[-1] = depth, slope
        else:
            self._changes.append(position)
            self._depths.append(depth)
            self._slopes.append(slope)

    def depth_at(self, position: int) -> int:
        """How many brackets are open at `position` (0 outside the text's span)."""
        if not self.start <= position < self.end:
            return 0
        change = bisect_right(self._changes, position) - 1
        return self._depths[change] + self._slopes[change] * (position - self._changes[change])

    def sentence_start(self, position: int) -> int:
        """The offset after the last sentence end before `position`, or the span's start."""
        if position <= self.start:
            return position
        before = bisect_left(self._ends, position)
        return self._ends[before - 1] + 1 if before else self.start

    def clause_end_between(self, start: int, end: int) -> bool:
        """Whether a clause or sentence ends (`，；：。`…) between offsets `start` and `end`."""
        after = bisect_left(self._clause_ends, start)
        return after < len(self._clause_ends) and self._clause_ends[after] < end

    def sentence_end(self, position: int) -> int:
        """The offset of the first sentence end at or after `position`, or the span's end."""
        if position >= self.end:
            return position
        after = bisect_left(self._ends, position)
        return self._ends[after] if after < len(self._ends) else self.end
