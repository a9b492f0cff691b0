"""Sentences and brackets of a body text, for the figure scanner.

Where a sentence starts and ends, and how deep inside brackets an offset is, answered by bisection
over the marks (sentence ends and brackets) found once, so asking costs the same on a page of text
and on fifty megabytes of it. A bracket's depth goes back to 0 at each sentence end: a bracket the
text lost stays local to its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

SENTENCE_END = "。！？!?\n"
OPEN, CLOSE = "（(", "）)"


class Sentences:
    """The sentence ends and bracket depths of `text[start:end]`."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self._ends: list[int] = []  # offsets of sentence-end characters
        # The depth is `_depths[i]` from offset `_changes[i]` up to the next change.
        self._changes, self._depths = [start], [0]
        marks = re.compile(f"[{re.escape(SENTENCE_END + OPEN + CLOSE)}]")
        depth = 0
        for match in marks.finditer(text, start, end):
            position, char = match.start(), match.group()
            if char in OPEN:
                depth += 1
                self._change(position, depth)  # an opening bracket is inside its own brackets
            elif char in CLOSE:
                if depth > 0:
                    depth -= 1
                    self._change(position + 1, depth)  # and so is a closing one
            else:
                self._ends.append(position)
                if depth > 0:
                    depth = 0
                    self._change(position + 1, depth)

    def _change(self, position: int, depth: int) -> None:
        if self._changes[-1] == position:
            self._depths[-1] = depth
        else:
            self._changes.append(position)
            self._depths.append(depth)

    def depth_at(self, position: int) -> int:
        """How many brackets are open at `position` (0 outside the text's span)."""
        if not self.start <= position < self.end:
            return 0
        return self._depths[bisect_right(self._changes, position) - 1]

    def sentence_start(self, position: int) -> int:
        """The offset after the last sentence end before `position`, or the span's start."""
        if position <= self.start:
            return position
        before = bisect_left(self._ends, position)
        return self._ends[before - 1] + 1 if before else self.start

    def sentence_end(self, position: int) -> int:
        """The offset of the first sentence end at or after `position`, or the span's end."""
        if position >= self.end:
            return position
        after = bisect_left(self._ends, position)
        return self._ends[after] if after < len(self._ends) else self.end
