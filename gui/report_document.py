"""Lay a report out as a QTextDocument: one block a line, headings by level, tables as tables.

The text outside tables goes in verbatim, one block for each line of `Report.text`, so a character
offset maps to a document position by line and column. The lines a flattened table occupies (one cell
a line) are replaced by a real QTextTable built from the parsed rows; those lines map to the row they
belong to.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTableFormat,
)

from gui.outline_model import REPAIRED_COLOUR
from models import Report, Row, Table

HEADING_SCALE = {1: 1.45, 2: 1.25, 3: 1.1}
TITLE_SCALE = 1.7
BLANK_SCALE = 0.4
DIM_COLOUR = QColor("#8c8c8c")
HEADER_BACKGROUND = QColor("#eef1f5")
# After a flattened table's last row come its stray cells: blank lines, figures, non-breaking spaces.
_CELL_DEBRIS = re.compile(r"[\s\d.,，%\u00a0\u3000-]*")


@dataclass
class TableCells:
    """Where one table's rows landed: text offset where each row starts, and its cells' document spans."""

    first_line: int
    last_line: int
    row_starts: list[int] = field(default_factory=list)
    row_lines: list[int] = field(default_factory=list)
    cells: list[list[tuple[int, int]]] = field(default_factory=list)


class LineMap:
    """Text offsets and 1-based lines of the report, to and from positions in its document."""

    def __init__(self, text: str) -> None:
        self.line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.positions: list[int] = []  # positions[line - 1]: where that line (or its table row) is
        self.tables: list[TableCells] = []

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of_offset(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def position_of_line(self, line: int) -> int:
        return self.positions[min(max(line, 1), len(self.positions)) - 1]

    def line_of_position(self, position: int) -> int:
        """The line at `position`; for a table row, which stands for several lines, the row's first line."""
        place = bisect_right(self.positions, position) - 1
        if place < 0:
            return 1
        return bisect_left(self.positions, self.positions[place]) + 1

    def table_at_line(self, line: int) -> TableCells | None:
        return next((t for t in self.tables if t.first_line <= line <= t.last_line), None)

    def position_of_offset(self, offset: int) -> int | None:
        """The document position of a text offset outside tables; None inside one."""
        line = self.line_of_offset(offset)
        if self.table_at_line(line):
            return None
        return self.positions[line - 1] + offset - self.line_starts[line - 1]


def build_document(report: Report, family: str, size: float) -> tuple[QTextDocument, LineMap]:
    """The report's document at a base point `size`, and the map between its lines and positions."""
    document = QTextDocument()
    base = QFont(family)
    base.setPointSizeF(size)
    document.setDefaultFont(base)
    document.setDocumentMargin(12)
    lines = report.text.split("\n")
    linemap = LineMap(report.text)
    linemap.positions = [0] * len(lines)
    regions = _table_regions(report.tables, linemap, lines)
    cursor = QTextCursor(document)
    paragraph = QTextBlockFormat()
    paragraph.setBottomMargin(2)
    plain = QTextCharFormat()
    # The web page's paragraphs come with a blank line between them: keep the line, but not its height.
    blank = QTextCharFormat()
    blank.setFontPointSize(size * BLANK_SCALE)
    fresh = True  # the cursor stands in an empty block that the next line can fill
    line = 1
    while line <= len(lines):
        table = regions.get(line)
        if table is not None:
            cells = _insert_table(cursor, report.tables[table], linemap, size)
            for covered in range(line, cells.last_line + 1):
                linemap.positions[covered - 1] = _row_position(cells, covered)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            line = cells.last_line + 1
            fresh = True
            continue
        text = lines[line - 1]
        style = plain if text.strip() else blank
        if not fresh:
            cursor.insertBlock(paragraph, style)
        else:
            cursor.setBlockFormat(paragraph)
            cursor.setBlockCharFormat(style)
            fresh = False
        linemap.positions[line - 1] = cursor.position()
        cursor.insertText(text, style)
        line += 1
    _style_title(document, report, linemap, size)
    _style_headings(document, report, linemap, size)
    _dim_leftovers(document, report, linemap)
    return document, linemap


def _table_regions(tables: list[Table], linemap: LineMap, lines: list[str]) -> dict[int, int]:
    """First line of each table's region -> its index; records each region's extent in `linemap`."""
    regions = {}
    for number, table in enumerate(tables):
        if not table.rows:
            continue
        end = max([table.end, *(row.end for row in table.rows)])
        last = linemap.line_of_offset(max(end - 1, table.start))
        while last < len(lines) and _CELL_DEBRIS.fullmatch(lines[last]):
            last += 1
        while last > table.line and not lines[last - 1].strip():
            last -= 1
        regions[table.line] = number
        linemap.tables.append(TableCells(first_line=table.line, last_line=last))
    return regions


def _insert_table(cursor: QTextCursor, table: Table, linemap: LineMap, size: float) -> TableCells:
    cells = next(t for t in linemap.tables if t.first_line == table.line)
    headers = ["指标名称", "计量单位", *table.columns]
    frame = QTextTableFormat()
    frame.setBorder(1)
    frame.setBorderBrush(QBrush(QColor("#9aa3ad")))
    frame.setBorderCollapse(True)
    frame.setCellPadding(5)
    frame.setCellSpacing(0)
    frame.setHeaderRowCount(1)
    frame.setTopMargin(8)
    frame.setBottomMargin(8)
    frame.setWidth(QTextLength(QTextLength.Type.PercentageLength, 96))
    text_table = cursor.insertTable(len(table.rows) + 1, len(headers), frame)
    header = QTextCharFormat()
    header.setFontWeight(QFont.Weight.Bold)
    header.setBackground(QBrush(HEADER_BACKGROUND))
    contents: list[tuple[int, list[str], Row | None]] = [(table.start, headers, None)]
    for row in table.rows:
        contents.append((row.start, _row_texts(row, table.columns), row))
    for number, (start, texts, row) in enumerate(contents):
        spans = []
        for column, text in enumerate(texts):
            cell = text_table.cellAt(number, column)
            if row is None:
                cell.setFormat(header)
            cell_cursor = cell.firstCursorPosition()
            if column >= 2:
                block = QTextBlockFormat()
                block.setAlignment(Qt.AlignmentFlag.AlignRight)
                cell_cursor.setBlockFormat(block)
            cell_cursor.insertText(text, header if row is None else QTextCharFormat())
            spans.append((cell.firstPosition(), cell.lastPosition()))
        cells.row_starts.append(start)
        cells.row_lines.append(table.line if row is None else row.line)
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


def _row_position(cells: TableCells, line: int) -> int:
    place = max(0, bisect_right(cells.row_lines, line) - 1)
    return cells.cells[place][0][0]


def _select(document: QTextDocument, start: int, end: int) -> QTextCursor:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor


def _style_title(document: QTextDocument, report: Report, linemap: LineMap, size: float) -> None:
    first = report.text.split("\n", 1)[0]
    if not report.title or first.strip() != report.title.strip():
        return
    block = document.findBlock(linemap.position_of_line(1))
    cursor = QTextCursor(block)
    centred = QTextBlockFormat()
    centred.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    centred.setBottomMargin(10)
    cursor.mergeBlockFormat(centred)
    title = QTextCharFormat()
    title.setFontWeight(QFont.Weight.Bold)
    title.setFontPointSize(size * TITLE_SCALE)
    _select(document, block.position(), block.position() + block.length() - 1).mergeCharFormat(title)


def _style_headings(document: QTextDocument, report: Report, linemap: LineMap, size: float) -> None:
    for section in report.walk():
        start = linemap.position_of_offset(section.start)
        end = linemap.position_of_offset(section.title_end)
        if start is None or end is None:
            continue
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        heading.setFontPointSize(size * HEADING_SCALE.get(section.level, 1.0))
        if section.repaired:
            heading.setForeground(QBrush(REPAIRED_COLOUR))
        _select(document, start, end).mergeCharFormat(heading)
        block = document.findBlock(start)
        if block.text()[end - block.position() :].strip(" 。.：:\u00a0\u3000") == "":
            spaced = QTextBlockFormat()
            spaced.setTopMargin(10 if section.level <= 2 else 6)
            QTextCursor(block).mergeBlockFormat(spaced)


def _dim_leftovers(document: QTextDocument, report: Report, linemap: LineMap) -> None:
    dim = QTextCharFormat()
    dim.setForeground(QBrush(DIM_COLOUR))
    for leftover in report.leftovers:
        start = linemap.position_of_offset(leftover.start)
        end = linemap.position_of_offset(leftover.end)
        if start is not None and end is not None:
            _select(document, start, end).mergeCharFormat(dim)
