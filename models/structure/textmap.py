"""Where the report's text goes in a document laid out from it, and the map back.

A view lays the text out verbatim except where a table stands: the span of text a table's flattened cells
occupy is replaced by the table drawn from its rows, and a heading the source ran into the text around it
gets a paragraph of its own. `table_spans` and `paragraph_breaks` say where; a `TextMap`, filled as the
document is written, turns offsets of `Report.text` and its 1-based lines into document positions and back.
Document positions are plain integers (as a text document counts them: a paragraph break is one position).

For display only, the document also holds characters the text lacks: a zero-width space inside a long run
with no place to break a line (`unbroken_cuts`: a line breaker looks for a break across the whole run, for
every line it lays out), and a paragraph break inside a very long line (`long_line_cuts`: a paragraph is
laid out whole, in one go). The map knows where each is (`TextMap.inserted`): offsets still map to the
characters that show them, and the text of a document range is read without them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from models.core.document import Section, Table
from models.core.textindex import line_end, line_ends

# After a flattened table's last row may come its stray cells: lines of figures or spaces only.
_CELL_DEBRIS = re.compile(r"[\s\d.,，%\u00a0\u3000-]*")
_SPACE = " \t\u00a0\u3000"
# What may follow a heading's title in the same paragraph: a line end, or punctuation ending the title.
_RUN_ON = set("\n。.：:；;，,、）)")
# A zero-width space every UNBROKEN_CHARS characters of a run with no break opportunity, and a paragraph break
# about every LONG_LINE_CHARS characters of a line, after a sentence's end where one is near.
UNBROKEN_CHARS = 16
LONG_LINE_CHARS = 5_000
SENTENCE_REACH = 1_000
_SENTENCE_END = re.compile("[。！？；.!?;]")
# Characters a line may break beside (space, Han, kana, Hangul, a zero-width space); a run of the others (digits,
# Latin letters, most punctuation, "、、、") may hold no break opportunity at all.
_BREAKABLE = "\\s\u200b\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_UNBROKEN = re.compile(f"[^{_BREAKABLE}]{{{UNBROKEN_CHARS + 1},}}")


class Run(NamedTuple):
    """Text put in verbatim: offsets [start, end) of the report's text from document position `position`."""

    start: int
    end: int
    position: int


class TableCells:
    """Where one table landed: its span of the text, and for each row its text offset and cells' positions."""

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.row_starts: list[int] = []
        self.cells: list[list[tuple[int, int]]] = []

    def row_at_offset(self, offset: int) -> int:
        """The row (0 is the header) whose text holds `offset`."""
        return max(0, bisect_right(self.row_starts, offset) - 1)

    def row_at_position(self, position: int) -> int:
        """The row whose cells hold document position `position`."""
        return max(0, bisect_right([row[0][0] for row in self.cells], position) - 1)


class TextMap:
    """Offsets and 1-based lines of the report's text, to and from positions in its document."""

    def __init__(self, text: str, line_starts: list[int] | None = None) -> None:
        self.text = text
        self.line_starts = line_starts if line_starts is not None else [0, *line_ends(text)]
        self.runs: list[Run] = []
        self.tables: list[TableCells] = []
        self.inserted: list[int] = []  # positions of the characters the document shows that the text lacks
        self._run_starts: list[int] = []
        self._run_positions: list[int] = []

    def add_run(self, run: Run) -> None:
        """Record text written verbatim; runs come in the order of the text."""
        self.runs.append(run)
        self._run_starts.append(run.start)
        self._run_positions.append(run.position)

    def cut_run(self, offset: int, position: int) -> None:
        """Record a character the document inserted before text offset `offset`, inside the last run: the run
        ends at `offset`, and the text from `offset` goes on at document `position` (the inserted one's next)."""
        last = self.runs[-1]
        self.runs[-1] = last._replace(end=offset)
        self.add_run(Run(offset, last.end, position))
        self.inserted.append(position - 1)

    def inserts_between(self, start: int, end: int) -> bool:
        """Whether the document range [start, end) holds a character the document inserted."""
        return bisect_left(self.inserted, start) < bisect_left(self.inserted, end)

    def without_inserted(self, start: int, end: int) -> list[tuple[int, int]]:
        """The document range [start, end) in pieces that leave out the characters the document inserted."""
        pieces, at = [], start
        for inserted in self.inserted[bisect_left(self.inserted, start) : bisect_left(self.inserted, end)]:
            if inserted > at:
                pieces.append((at, inserted))
            at = inserted + 1
        if end > at:
            pieces.append((at, end))
        return pieces

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def lines(self, start: int, end: int) -> Iterator[tuple[int, str]]:
        """The lines of text[start:end] (without their line breaks), each with the offset it starts at."""
        first = bisect_right(self.line_starts, start) - 1
        for number in range(first, len(self.line_starts)):
            line_start = max(self.line_starts[number], start)
            if line_start > end:
                return
            following = self.line_starts[number + 1] - 1 if number + 1 < len(self.line_starts) else len(self.text)
            yield line_start, self.text[line_start : min(following, end)]

    def line_of_offset(self, offset: int) -> int:
        """The 1-based line holding `offset`."""
        return bisect_right(self.line_starts, offset)

    def table_at_offset(self, offset: int) -> TableCells | None:
        """The table whose span of the text holds `offset`, if any."""
        return next((table for table in self.tables if table.start <= offset < table.end), None)

    def position_of_offset(self, offset: int) -> int | None:
        """The document position of a text offset outside tables; None inside one."""
        if self.table_at_offset(offset) is not None:
            return None
        place = bisect_right(self._run_starts, offset) - 1
        if place < 0:
            return None
        run = self.runs[place]
        return run.position + min(offset, run.end) - run.start

    def span_of(self, start: int, end: int) -> tuple[int, int] | None:
        """The document range showing text offsets [start, end) outside tables, inserted characters included;
        None inside a table."""
        first = self.position_of_offset(start)
        if first is None or end <= start:
            return None if first is None else (first, first)
        last = self.position_of_offset(end - 1)
        return first, (first if last is None else last) + 1

    def position_near_offset(self, offset: int) -> int:
        """Where an offset is shown: its own position, or inside a table the first cell of its row."""
        table = self.table_at_offset(offset)
        if table is not None:
            return table.cells[table.row_at_offset(offset)][0][0]
        position = self.position_of_offset(offset)
        return 0 if position is None else position

    def offset_of_position(self, position: int) -> int:
        """The text offset a document position shows; in a table, where its row starts in the text."""
        for table in self.tables:
            first, last = table.cells[0][0][0], table.cells[-1][-1][1]
            if first <= position <= last:
                return table.row_starts[table.row_at_position(position)]
        place = bisect_right(self._run_positions, position) - 1
        if place < 0:
            return 0
        run = self.runs[place]
        return min(run.start + position - run.position, max(run.end - 1, run.start))

    def position_of_line(self, line: int) -> int:
        """Where 1-based `line` starts in the document (clamped to the text's lines)."""
        return self.position_near_offset(self.line_starts[min(max(line, 1), self.line_count) - 1])

    def spans_outside_tables(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The document ranges showing text offsets [start, end), leaving out what tables replaced."""
        for place in range(max(0, bisect_right(self._run_starts, start) - 1), len(self.runs)):
            run = self.runs[place]
            if run.start >= end:
                break
            low, high = max(start, run.start), min(end, run.end)
            if low < high:
                yield run.position + low - run.start, run.position + high - run.start

    def document_ranges(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The document ranges showing text offsets [start, end): the text itself, or in a table its row's cells."""
        table = self.table_at_offset(start)
        if table is not None:
            yield from (cell for cell in table.cells[table.row_at_offset(start)] if cell[1] > cell[0])
            return
        yield from self.spans_outside_tables(start, end)

    def row_or_span(self, start: int, end: int) -> tuple[int, int]:
        """The document range showing text offsets [start, end): in a table, its row from first to last cell."""
        table = self.table_at_offset(start)
        if table is not None:
            cells = table.cells[table.row_at_offset(start)]
            return cells[0][0], cells[-1][1]
        first = self.position_near_offset(start)
        last = self.position_of_offset(end)
        return first, max(first, last if last is not None else first)


def paragraph_breaks(sections: list[Section], text: str) -> set[int]:
    """Where the document starts a paragraph the source lacks: before a heading run into the text before
    it, and after a heading's title that the text runs on from without a full stop (`一、概述2017年，…`)."""
    breaks = set()
    for section in sections:
        if section.start > 0 and text[section.start - 1] != "\n":
            breaks.add(section.start)
        after = text[section.title_end : section.title_end + 1]
        if after and after not in _RUN_ON:
            breaks.add(section.title_end)
    return breaks


def unbroken_cuts(line: str) -> list[int]:
    """Where in `line` a zero-width space goes: every UNBROKEN_CHARS characters of a run that may hold no break
    opportunity, so that a line breaker never searches more than that far for one."""
    if len(line) <= UNBROKEN_CHARS:
        return []
    return [
        cut
        for run in _UNBROKEN.finditer(line)
        for cut in range(run.start() + UNBROKEN_CHARS, run.end(), UNBROKEN_CHARS)
    ]


def long_line_cuts(line: str) -> list[int]:
    """Where a line of more than LONG_LINE_CHARS characters is cut into paragraphs: about every LONG_LINE_CHARS
    characters, just after a sentence's end when one lies within SENTENCE_REACH before the mark."""
    cuts: list[int] = []
    at = 0
    while len(line) - at > LONG_LINE_CHARS:
        mark = at + LONG_LINE_CHARS
        ends = [found.end() for found in _SENTENCE_END.finditer(line, mark - SENTENCE_REACH, mark)]
        at = ends[-1] if ends else mark
        cuts.append(at)
    return cuts


def table_spans(tables: list[Table], text: str) -> Iterator[tuple[Table, tuple[int, int]]]:
    """Each table with rows, and the span [start, end) of the text its drawing replaces."""
    for table in tables:
        if table.rows:
            start = min(table.start, *(row.start for row in table.rows))
            yield table, (start, _table_end(table, text))


def _table_end(table: Table, text: str) -> int:
    """Where a table's span ends: its last row, and the stray cells on whole lines after it."""
    end = max(table.end, *(row.end for row in table.rows))
    after = line_end(text, end)
    if text[end:after].strip(_SPACE):
        return end
    covered, position = end, after
    while position < len(text):
        following = line_end(text, position + 1)
        line = text[position + 1 : following]
        if not _CELL_DEBRIS.fullmatch(line):
            break
        if line.strip(_SPACE):
            covered = following
        position = following
    return covered
