"""Lay a report out as a QTextDocument: its text verbatim, headings by level, tables as real tables.

The text outside tables goes in character for character (a line break becomes a block break, which
is one position too), so an offset into `Report.text` maps to a document position by a shift; a heading
the source ran into the text before it starts a new paragraph, which only changes the shift. The span
a table occupies in the text (the flattened cells, one a line, or run together inside a long line) is
replaced by a QTextTable built from the parsed rows; offsets inside that span map to their row. A long run
with nowhere to break a line gets a zero-width space every so often, and a very long line a paragraph break,
for display only: each is one position more, and the map knows it.
Where each part goes, and the map back, is plain Python in `models.structure.textmap`.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from PySide6.QtCore import QSizeF
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextTableFormat,
)

from gui.common.first_frame import ALIGN_HCENTER, ALIGN_RIGHT, solid_brush
from gui.common.theme import DocumentColors, document_colors
from models import Report, Row, Section, Table
from models.core.numbers import format_number
from models.core.textindex import line_end, line_ends
from models.structure.textmap import (
    UNBROKEN_CHARS,
    Run,
    TableCells,
    TextMap,
    long_line_cuts,
    paragraph_breaks,
    table_spans,
    unbroken_cuts,
)

HEADING_SCALE = {1: 1.45, 2: 1.25, 3: 1.1}
TITLE_SCALE = 1.7
BLANK_SCALE = 0.4
# Lines written and headings styled between two yields of DocumentBuilder.steps(): a few milliseconds.
WRITE_STEP = 200
STYLE_STEP = 100
PIECE_CHARS = 500_000
PIECE_SECTIONS = 5_000
# What may end a heading's paragraph after its title, the heading still alone in it.
_TITLE_TAIL = " \t\u00a0\u3000。.：:"
ZERO_WIDTH_SPACE = "\u200b"


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
            breaks.update(paragraph_breaks(piece, text))
            yield 0.0
        cursor = QTextCursor(self.document)
        writer = _Writer(cursor, self.size, textmap, sorted(breaks))
        # Text and tables are most of the work; the styling after them is the last tenth.
        total = max(len(text), 1) / 0.9
        at = 0
        for table, (start, end) in sorted(table_spans(report.tables, text), key=lambda item: item[1]):
            if start < at:
                continue
            for written in writer.write(at, start):
                yield written / total
            textmap.tables.append(_insert_table(cursor, table, start, end, self.colors))
            cursor.movePosition(QTextCursor.MoveOperation.End)
            writer.fresh = True
            at = end
            yield end / total
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
    # document's frame walked every paragraph; on a document being shown, Qt first lays out all the text
    # before the paragraph that changed.
    block = document.lastBlock()
    if block.blockFormat().topMargin() != margin:
        spaced = QTextBlockFormat()
        spaced.setTopMargin(margin)
        QTextCursor(block).mergeBlockFormat(spaced)


def end_margin(view_height: int, line_height: int) -> int:
    """The room `set_end_margin` leaves for a view: as tall as the tallest screen, not as the view, so that it
    is kept as the window changes height. Changing it lays the whole text out (Qt lays out all that comes
    before a changed paragraph), which before the first frame would be a good part of its time."""
    tallest = max((screen.availableGeometry().height() for screen in QGuiApplication.screens()), default=0)
    return max(0, max(tallest, view_height) - 4 * line_height)


def select_range(cursor: QTextCursor, start: int, end: int) -> QTextCursor:
    """`cursor`, moved to select document positions [start, end)."""
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor


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
                yield from self._write_line(line, line_start, line_number > 0)
                lines += 1
                if lines % WRITE_STEP == 0:
                    yield line_start

    def _write_line(self, line: str, line_start: int, new_block: bool) -> Iterator[int]:
        """Put in one line; a very long one yields the offset reached after each of its paragraphs."""
        style = self.plain if line.strip() else self.blank
        if new_block:
            self.cursor.insertBlock(self.paragraph, style)
        elif self.fresh:
            self.cursor.setBlockFormat(self.paragraph)
            self.cursor.setBlockCharFormat(style)
        self.fresh = False
        if len(line) <= UNBROKEN_CHARS:
            self.cursor.insertText(line, style)
            return
        # Shown with the breaks a line breaker needs, each recorded in the map (models.structure.textmap).
        at = 0
        for cut in long_line_cuts(line):
            self._write_unbroken(line, at, cut, line_start, style)
            self.cursor.insertBlock(self.paragraph, style)
            self.textmap.cut_run(line_start + cut, self.cursor.position())
            at = cut
            yield line_start + cut
        self._write_unbroken(line, at, len(line), line_start, style)

    def _write_unbroken(self, line: str, start: int, end: int, line_start: int, style: QTextCharFormat) -> None:
        piece = line[start:end]
        cuts = unbroken_cuts(piece)
        position = self.cursor.position()
        # In one insertion: each one into a long paragraph costs as much as the paragraph is long.
        edges = [0, *cuts, len(piece)]
        self.cursor.insertText(ZERO_WIDTH_SPACE.join(piece[a:b] for a, b in itertools.pairwise(edges)), style)
        for number, cut in enumerate(cuts, 1):
            self.textmap.cut_run(line_start + start + cut, position + cut + number)


def _end_with_empty_paragraph(cursor: QTextCursor, blank: QTextCharFormat) -> None:
    """End the document with an empty, low paragraph (the place of `set_end_margin`'s room), unless the
    text's own last line break or a table already left one."""
    cursor.movePosition(QTextCursor.MoveOperation.End)
    if cursor.block().length() > 1:
        cursor.insertBlock(QTextBlockFormat(), blank)


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
    return [name, row.unit or "", *(format_number(row.values.get(column)) or "—" for column in columns)]


def _style_title(document: QTextDocument, report: Report, textmap: TextMap, size: float) -> None:
    """Centre the title and set it large: the leading lines that, joined, are the report's title."""
    wanted = "".join(report.title.split())
    lines, joined, start = 0, "", 0
    while wanted and len(joined) < len(wanted) and lines < 4 and start < len(report.text):
        end = line_end(report.text, start)
        joined += "".join(report.text[start:end].split())
        lines, start = lines + 1, end + 1
    if not wanted or joined != wanted:
        return
    for line in range(1, lines + 1):
        block = document.findBlock(textmap.position_of_line(line))
        centred = QTextBlockFormat()
        centred.setProperty(QTextFormat.Property.BlockAlignment, ALIGN_HCENTER)
        centred.setBottomMargin(10 if line == lines else 0)
        QTextCursor(block).mergeBlockFormat(centred)
        title = QTextCharFormat()
        title.setFontWeight(QFont.Weight.Bold)
        title.setFontPointSize(size * TITLE_SCALE)
        end = block.position() + block.length() - 1
        select_range(QTextCursor(document), block.position(), end).mergeCharFormat(title)


def _style_headings(
    document: QTextDocument, sections: list[Section], textmap: TextMap, size: float, colors: DocumentColors
) -> None:
    cursor = QTextCursor(document)
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
            select_range(cursor, start, end).mergeCharFormat(heading)
        # A heading alone in its paragraph gets room above it; one that opens a paragraph stays inline.
        start, end = textmap.position_of_offset(section.start), textmap.position_of_offset(section.title_end)
        if start is None or end is None:
            continue
        block = document.findBlock(start)
        if not block.text()[end - block.position() :].strip(_TITLE_TAIL):
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
            select_range(QTextCursor(document), start, end).mergeCharFormat(dim)
