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


class Sentences:
    """The sentence ends and bracket depths of `text[start:end]`."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self._text = text
        # From offset `_changes[i]` up to the next change, the depth at offset p is
        # `_depths[i] + _slopes[i] * (p - _changes[i])`: a run of brackets rises or falls by one a character.
        self._changes, self._depths, self._slopes = array("q", [start]), array("q", [0]), array("b", [0])
        depth = 0
        after = start  # just after the last run of brackets
        for match in _BRACKETS.finditer(text, start, end):
            first, count = match.start(), match.end() - match.start()
            if depth > 0:
                depth = self._close_at_sentence_end(after, first, depth)
            if _OPENING.match(text, first):  # an opening bracket is inside its own brackets
                if count > 1:
                    self._change(first, depth + 1, 1)
                self._change(first + count - 1, depth + count, 0)
                depth += count
            else:  # and so is a closing one; one with none open changes nothing
                closed = min(count, depth)
                if closed > 1:
                    self._change(first + 1, depth - 1, -1)
                if closed:
                    self._change(first + closed, depth - closed, 0)
                depth -= closed
            after = match.end()
        if depth > 0:
            self._close_at_sentence_end(after, end, depth)

    def _close_at_sentence_end(self, after: int, before: int, depth: int) -> int:
        """The depth once the text from `after` to `before` is read: 0 from just after its first sentence end."""
        found = _ENDS.search(self._text, after, before)
        if found is None:
            return depth
        self._change(found.start() + 1, 0, 0)
        return 0

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
