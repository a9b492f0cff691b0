"""Lay a report out as a QTextDocument: its text verbatim, headings by level, tables as real tables.

The text outside tables goes in character for character (a line break becomes a block break, which
is one position too), so an offset into `Report.text` maps to a document position by a shift; a heading
the source ran into the text before it starts a new paragraph, which only changes the shift. The span
a table occupies in the text (the flattened cells, one a line, or run together inside a long line) is
replaced by a QTextTable built from the parsed rows; offsets inside that span map to their row.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from PySide6.QtCore import QSizeF
from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextTableFormat,
)

from gui.common.qt_names import ALIGN_HCENTER, ALIGN_RIGHT, solid_brush
from gui.common.theme import DocumentColors, document_colors
from models import Report, Row, Section, Table
from models.core.textindex import line_ends

HEADING_SCALE = {1: 1.45, 2: 1.25, 3: 1.1}
TITLE_SCALE = 1.7
BLANK_SCALE = 0.4
# Lines written and headings styled between two yields of DocumentBuilder.steps(): a few milliseconds.
WRITE_STEP = 200
STYLE_STEP = 100
PIECE_CHARS = 500_000
PIECE_SECTIONS = 5_000
# After a flattened table's last row may come its stray cells: lines of figures or spaces only.
_CELL_DEBRIS = re.compile(r"[\s\d.,，%\u00a0\u3000-]*")
_SPACE = " \t\u00a0\u3000"
# What may follow a heading's title in the same paragraph: a line end, or punctuation ending the title.
_RUN_ON = set("\n。.：:；;，,、）)")


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
        return max(0, bisect_right(self.row_starts, offset) - 1)

    def row_at_position(self, position: int) -> int:
        return max(0, bisect_right([row[0][0] for row in self.cells], position) - 1)


class TextMap:
    """Offsets and 1-based lines of the report's text, to and from positions in its document."""

    def __init__(self, text: str, line_starts: list[int] | None = None) -> None:
        self.text = text
        self.line_starts = line_starts if line_starts is not None else [0, *line_ends(text)]
        self.runs: list[Run] = []
        self.tables: list[TableCells] = []
        self._run_starts: list[int] = []
        self._run_positions: list[int] = []

    def add_run(self, run: Run) -> None:
        self.runs.append(run)
        self._run_starts.append(run.start)
        self._run_positions.append(run.position)

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
        return bisect_right(self.line_starts, offset)

    def table_at_offset(self, offset: int) -> TableCells | None:
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
        return self.position_near_offset(self.line_starts[min(max(line, 1), self.line_count) - 1])

    def line_of_position(self, position: int) -> int:
        return self.line_of_offset(self.offset_of_position(position))

    def spans_outside_tables(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The document ranges showing text offsets [start, end), leaving out what tables replaced."""
        for place in range(max(0, bisect_right(self._run_starts, start) - 1), len(self.runs)):
            run = self.runs[place]
            if run.start >= end:
                break
            low, high = max(start, run.start), min(end, run.end)
            if low < high:
                yield run.position + low - run.start, run.position + high - run.start


def build_document(report: Report, family: str, size: float) -> tuple[QTextDocument, TextMap]:
    """The report's document at a base point `size` in light colours, and the map between its text and positions."""
    builder = DocumentBuilder(report, family, size, document_colors(dark=False))
    for _done in builder.steps():
        pass
    return builder.document, builder.textmap


class DocumentBuilder:
    """Builds the document in small steps, so that a huge report can be laid out between the event
    loop's turns: `steps()` yields the share done (0 to 1) after every few thousand lines."""

    def __init__(self, report: Report, family: str, size: float, colors: DocumentColors) -> None:
        self.report, self.size, self.colors = report, size, colors
        self.document = QTextDocument()
        # A read-only document keeps no undo history: on 50 MB it was 200,000 commands to build and to drop.
        self.document.setUndoRedoEnabled(False)
        base = QFont(family)
        base.setPointSizeF(size)
        self.document.setDefaultFont(base)
        self.document.setDocumentMargin(12)
        # No page size, no layout: nothing is laid out while the document is built (on 50 MB each change
        # to a laid-out document costs a tenth of a second); the view or the printer gives the width.
        self.document.setPageSize(QSizeF(0, 0))
        self.textmap = TextMap(report.text, line_starts=[0])

    def steps(self) -> Iterator[float]:
        report, text, textmap = self.report, self.report.text, self.textmap
        # Even the preparations come in pieces: on 50 MB each whole pass takes a tenth of a second.
        for start in range(0, len(text), PIECE_CHARS):
            textmap.line_starts.extend(line_ends(text, start, min(start + PIECE_CHARS, len(text))))
            yield 0.0
        sections: list[Section] = []
        breaks: set[int] = set()
        walk = report.walk()
        while piece := list(itertools.islice(walk, PIECE_SECTIONS)):
            sections += piece
            breaks.update(_paragraph_breaks(piece, text))
            yield 0.0
        cursor = QTextCursor(self.document)
        writer = _Writer(cursor, self.size, textmap, sorted(breaks))
        # Text and tables are most of the work; the styling after them is the last tenth.
        total = max(len(text), 1) / 0.9
        at = 0
        for table, (start, end) in sorted(_table_spans(report.tables, text), key=lambda item: item[1]):
            if start < at:
                continue
            for written in writer.write(at, start):
                yield written / total
            textmap.tables.append(_insert_table(cursor, table, start, end, self.colors))
            cursor.movePosition(QTextCursor.MoveOperation.End)
            writer.fresh = True
            at = end
        for written in writer.write(at, len(text)):
            yield written / total
        _style_title(self.document, report, textmap, self.size)
        for number in range(0, len(sections), STYLE_STEP):
            _style_headings(self.document, sections[number : number + STYLE_STEP], textmap, self.size, self.colors)
            yield 0.9 + 0.1 * number / max(len(sections), 1)
        _dim_leftovers(self.document, report, textmap, self.colors)
        _end_with_empty_paragraph(cursor, writer.blank)
        # The layout object walks every block when made: a slice of its own, not the view's.
        self.document.documentLayout()
        yield 1.0


def set_end_margin(document: QTextDocument, margin: int) -> None:
    """Leave `margin` pixels after the last line, so that the last headings too can be scrolled to the top."""
    # The room is the top margin of the empty paragraph a built document ends with (Qt ignores the last
    # paragraph's bottom margin). Set before the document is shown it costs nothing, where a margin of the
    # document's frame walked every paragraph (30 ms on 50 MB); on a document being shown, Qt first lays out
    # all the text before the paragraph that changed.
    block = document.lastBlock()
    if block.blockFormat().topMargin() != margin:
        spaced = QTextBlockFormat()
        spaced.setTopMargin(margin)
        QTextCursor(block).mergeBlockFormat(spaced)


class _Writer:
    """Puts text in line by line, each run recorded in the map: paragraph spacing, blank lines kept but
    made low, and a paragraph break before each heading that the source ran into the previous text."""

    def __init__(self, cursor: QTextCursor, size: float, textmap: TextMap, breaks: list[int]) -> None:
        self.cursor = cursor
        self.textmap = textmap
        self.breaks = breaks
        self.fresh = True  # the cursor stands in an empty block that the next line can fill
        self.paragraph = QTextBlockFormat()
        self.paragraph.setBottomMargin(2)
        self.plain = QTextCharFormat()
        self.blank = QTextCharFormat()
        self.blank.setFontPointSize(size * BLANK_SCALE)

    def write(self, start: int, end: int) -> Iterator[int]:
        """Put in the text [start, end), yielding the offset reached every WRITE_STEP lines."""
        low, high = bisect_right(self.breaks, start), bisect_left(self.breaks, end)
        edges = [start, *self.breaks[low:high], end]
        lines = 0
        for number, (first, last) in enumerate(itertools.pairwise(edges)):
            if number > 0:
                self.cursor.insertBlock(self.paragraph, self.plain)
                self.fresh = False
            self.textmap.add_run(Run(first, last, self.cursor.position()))
            for line_number, (line_start, line) in enumerate(self.textmap.lines(first, last)):
                self._write_line(line, line_number > 0)
                lines += 1
                if lines % WRITE_STEP == 0:
                    yield line_start

    def _write_line(self, line: str, new_block: bool) -> None:
        style = self.plain if line.strip() else self.blank
        if new_block:
            self.cursor.insertBlock(self.paragraph, style)
        elif self.fresh:
            self.cursor.setBlockFormat(self.paragraph)
            self.cursor.setBlockCharFormat(style)
        self.cursor.insertText(line, style)
        self.fresh = False


def _end_with_empty_paragraph(cursor: QTextCursor, blank: QTextCharFormat) -> None:
    """End the document with an empty, low paragraph (the place of `set_end_margin`'s room), unless the
    text's own last line break or a table already left one."""
    cursor.movePosition(QTextCursor.MoveOperation.End)
    if cursor.block().length() > 1:
        cursor.insertBlock(QTextBlockFormat(), blank)


def _paragraph_breaks(sections: list[Section], text: str) -> set[int]:
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


def _table_spans(tables: list[Table], text: str) -> Iterator[tuple[Table, tuple[int, int]]]:
    for table in tables:
        if table.rows:
            start = min(table.start, *(row.start for row in table.rows))
            yield table, (start, _table_end(table, text))


def _table_end(table: Table, text: str) -> int:
    """Where a table's span ends: its last row, and the stray cells on whole lines after it."""
    end = max(table.end, *(row.end for row in table.rows))
    line_end = _line_end(text, end)
    if text[end:line_end].strip(_SPACE):
        return end
    covered, position = end, line_end
    while position < len(text):
        following = _line_end(text, position + 1)
        line = text[position + 1 : following]
        if not _CELL_DEBRIS.fullmatch(line):
            break
        if line.strip(_SPACE):
            covered = following
        position = following
    return covered


def _line_end(text: str, offset: int) -> int:
    found = text.find("\n", offset)
    return len(text) if found == -1 else found


def _insert_table(cursor: QTextCursor, table: Table, start: int, end: int, colors: DocumentColors) -> TableCells:
    headers = ["指标名称", "计量单位", *table.columns]
    frame = QTextTableFormat()
    frame.setBorder(1)
    frame.setBorderBrush(solid_brush(colors.table_border))
    frame.setBorderCollapse(True)
    frame.setCellPadding(5)
    frame.setCellSpacing(0)
    frame.setHeaderRowCount(1)
    frame.setTopMargin(8)
    frame.setBottomMargin(8)
    frame.setWidth(QTextLength(QTextLength.Type.PercentageLength, 96))
    # The names are the longest cells; without room they wrap a character a line beside the figures.
    name_share = 40 if len(headers) <= 4 else 24
    frame.setColumnWidthConstraints(
        [QTextLength(QTextLength.Type.PercentageLength, name_share)]
        + [QTextLength(QTextLength.Type.VariableLength, 0)] * (len(headers) - 1)
    )
    text_table = cursor.insertTable(len(table.rows) + 1, len(headers), frame)
    header = QTextCharFormat()
    header.setFontWeight(QFont.Weight.Bold)
    header.setBackground(solid_brush(colors.table_header))
    right = QTextBlockFormat()
    right.setProperty(QTextFormat.Property.BlockAlignment, ALIGN_RIGHT)
    cells = TableCells(start=start, end=end)
    contents: list[tuple[int, list[str], Row | None]] = [(start, headers, None)]
    contents += [(row.start, _row_texts(row, table.columns), row) for row in table.rows]
    for number, (row_start, texts, row) in enumerate(contents):
        spans = []
        for column, text in enumerate(texts):
            cell = text_table.cellAt(number, column)
            if row is None:
                cell.setFormat(header)
            cell_cursor = cell.firstCursorPosition()
            if column >= 2:
                cell_cursor.setBlockFormat(right)
            cell_cursor.insertText(text, header if row is None else QTextCharFormat())
            spans.append((cell.firstPosition(), cell.lastPosition()))
        cells.row_starts.append(row_start)
        cells.cells.append(spans)
    return cells


def _row_texts(row: Row, columns: list[str]) -> list[str]:
    name = f"　　{row.name}" if row.parent else row.name
    return [name, row.unit or "", *(_figure(row.values.get(column)) for column in columns)]


def _figure(value: float | int | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return str(int(value))


def _select(document: QTextDocument, start: int, end: int) -> QTextCursor:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor


def _style_title(document: QTextDocument, report: Report, textmap: TextMap, size: float) -> None:
    first = report.text[: _line_end(report.text, 0)]
    if not report.title or first.strip() != report.title.strip():
        return
    block = document.findBlock(textmap.position_of_line(1))
    centred = QTextBlockFormat()
    centred.setProperty(QTextFormat.Property.BlockAlignment, ALIGN_HCENTER)
    centred.setBottomMargin(10)
    QTextCursor(block).mergeBlockFormat(centred)
    title = QTextCharFormat()
    title.setFontWeight(QFont.Weight.Bold)
    title.setFontPointSize(size * TITLE_SCALE)
    _select(document, block.position(), block.position() + block.length() - 1).mergeCharFormat(title)


def _style_headings(
    document: QTextDocument, sections: list[Section], textmap: TextMap, size: float, colors: DocumentColors
) -> None:
    cursor, keep = QTextCursor(document), QTextCursor.MoveMode.KeepAnchor
    # One format a kind of heading and one cursor for all: a 50 MB report has 80,000 headings.
    headings: dict[tuple[int, bool], QTextCharFormat] = {}
    spaced_major, spaced_minor = QTextBlockFormat(), QTextBlockFormat()
    spaced_major.setTopMargin(10)
    spaced_minor.setTopMargin(6)
    for section in sections:
        heading = headings.get((section.level, section.repaired))
        if heading is None:
            heading = headings[section.level, section.repaired] = _heading_format(section, size, colors)
        for start, end in textmap.spans_outside_tables(section.start, section.title_end):
            cursor.setPosition(start)
            cursor.setPosition(end, keep)
            cursor.mergeCharFormat(heading)
        # A heading alone in its paragraph gets room above it; one that opens a paragraph stays inline.
        start, end = textmap.position_of_offset(section.start), textmap.position_of_offset(section.title_end)
        if start is None or end is None:
            continue
        block = document.findBlock(start)
        if not block.text()[end - block.position() :].strip(_SPACE + "。.：:"):
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(spaced_major if section.level <= 2 else spaced_minor)


def _heading_format(section: Section, size: float, colors: DocumentColors) -> QTextCharFormat:
    heading = QTextCharFormat()
    heading.setFontWeight(QFont.Weight.Bold)
    heading.setFontPointSize(size * HEADING_SCALE.get(section.level, 1.0))
    if section.repaired:
        heading.setForeground(solid_brush(colors.repaired))
    return heading


def _dim_leftovers(document: QTextDocument, report: Report, textmap: TextMap, colors: DocumentColors) -> None:
    dim = QTextCharFormat()
    dim.setForeground(solid_brush(colors.dim))
    for leftover in report.leftovers:
        for start, end in textmap.spans_outside_tables(leftover.start, leftover.end):
            _select(document, start, end).mergeCharFormat(dim)


def document_ranges(textmap: TextMap, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The document ranges showing text offsets [start, end): the text itself, or in a table its row's cells."""
    table = textmap.table_at_offset(start)
    if table is not None:
        yield from (cell for cell in table.cells[table.row_at_offset(start)] if cell[1] > cell[0])
        return
    yield from textmap.spans_outside_tables(start, end)
