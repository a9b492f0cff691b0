"""Map character offsets in a text to 1-based line numbers."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

_LINE_BREAK = re.compile("\n")


def line_ends(text: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """The offsets just after each line break in text[start:end], where the lines that follow start."""
    for line_break in _LINE_BREAK.finditer(text, start, len(text) if end is None else end):
        yield line_break.end()


def line_end(text: str, offset: int) -> int:
    """Where the line holding `offset` ends: the offset of its line break, or the text's end."""
    found = text.find("\n", offset)
    return len(text) if found == -1 else found


class LineCounter:
    """1-based line numbers of offsets asked about mostly in text order, counted on (or back) from the offset asked
    about before: no list of every line's start, which for a text of millions of lines is tens of megabytes, and
    each question costs the text between two offsets."""

    def __init__(self, text: str, offset: int = 0, line: int = 1) -> None:
        """Counting from `offset`, on `line` (the text's start by default)."""
        self._text = text
        self._offset, self._line = offset, line

    def line_of(self, offset: int) -> int:
        """The 1-based line holding `offset`."""
        if offset >= self._offset:
            self._line += self._text.count("\n", self._offset, offset)
        else:
            self._line -= self._text.count("\n", offset, self._offset)
        self._offset = offset
        return self._line


class TextIndex:
    """Line lookups for one text, built once: `line_of(offset)` is O(log lines)."""

    def __init__(self, text: str) -> None:
        self.line_starts = [0, *line_ends(text)]

    def line_of(self, offset: int) -> int:
        """The 1-based line holding `offset`."""
        return bisect_right(self.line_starts, offset)

    def line_start(self, line: int) -> int:
        """The offset where 1-based `line` starts."""
        return self.line_starts[line - 1]
