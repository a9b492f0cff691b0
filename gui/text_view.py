"""The report's text: read-only, laid out by `report_document`, scrolled by line, with find highlights.

Signals:
    top_line_changed(int): the 1-based line at the top of the view changed (the reader scrolled).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QShowEvent, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit, QWidget

from gui.report_document import LineMap, build_document
from gui.settings import ZOOM_RANGE
from models import Report

BASE_SIZE = 12.0
ZOOM_FACTOR = 1.1
MARK_COLOUR = QColor("#fff0a8")
HIT_COLOUR = QColor("#ffe066")
CURRENT_HIT_COLOUR = QColor("#ff9f43")
MARK_MILLISECONDS = 1500


class TextView(QTextEdit):
    """Shows one report; knows which line is where."""

    top_line_changed = Signal(int)

    def __init__(self, family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self._family = family
        self._report: Report | None = None
        self._linemap: LineMap | None = None
        self._document: QTextDocument | None = None
        self._zoom = 0
        self._top_line = 0
        self._wanted_line = 0  # the line the reader asked for or scrolled to, kept across relayouts
        self._needle = ""
        self._hits: list[int] = []
        self._current_hit = -1
        self._mark: tuple[int, int] | None = None
        self._unmark = QTimer(self, singleShot=True, interval=MARK_MILLISECONDS)
        self._unmark.timeout.connect(self._on_unmark_timeout)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll_changed)

    # The report and its lines

    def set_report(self, report: Report) -> None:
        self._report = report
        self._needle, self._hits, self._current_hit, self._mark = "", [], -1, None
        self._rebuild()
        self.scroll_to_line(1)

    def line_count(self) -> int:
        return self._linemap.line_count if self._linemap else 0

    def top_line(self) -> int:
        """The 1-based line of the report at the top of the view."""
        if self._linemap is None:
            return 0
        position = self.cursorForPosition(QPoint(self.viewport().width() // 2, 1)).position()
        return self._linemap.line_of_position(position)

    def scroll_to_line(self, line: int) -> None:
        """Put `line`'s first row of text at the top of the view (as far as the scroll range allows)."""
        if self._linemap is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._linemap.position_of_line(line))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top())
        self._wanted_line = line
        self._emit_top_line()

    def showEvent(self, event: QShowEvent) -> None:
        # QTextEdit scrolls to its text cursor when first shown; the reader's line matters more.
        line = self._wanted_line
        super().showEvent(event)
        if self._linemap is not None and line:
            self.scroll_to_line(line)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Rewrapping moves every line; keep the reader's line at the top, including the first
        # layout after a report was opened in a window not yet shown.
        line = self._wanted_line
        super().resizeEvent(event)
        self._pad_end()
        if self._linemap is not None and line:
            self.scroll_to_line(line)

    def mark_line(self, line: int) -> None:
        """Highlight `line` for a moment, so the eye finds where a jump landed."""
        if self._linemap is None:
            return
        position = self._linemap.position_of_line(line)
        block = self.document().findBlock(position)
        self._mark = (block.position(), block.position() + max(block.length() - 1, 0))
        self._unmark.start()
        self._show_selections()

    def is_marked(self, line: int) -> bool:
        if self._mark is None or self._linemap is None:
            return False
        return self._mark[0] <= self._linemap.position_of_line(line) <= self._mark[1]

    # Zoom: the document is laid out again at the new size, keeping the reader's place.

    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        low, high = ZOOM_RANGE
        steps = min(max(steps, low), high)
        if steps == self._zoom and self._linemap is not None:
            return
        line = self.top_line()
        self._zoom = steps
        if self._report is not None:
            self._rebuild()
            self.scroll_to_line(max(line, 1))

    def point_size(self) -> float:
        return BASE_SIZE * ZOOM_FACTOR**self._zoom

    def _rebuild(self) -> None:
        assert self._report is not None
        document, self._linemap = build_document(self._report, self._family, self.point_size())
        document.setParent(self)
        self.setDocument(document)
        # Qt deletes the editor's own first document; the ones made here are deleted here.
        if self._document is not None:
            self._document.deleteLater()
        self._document = document
        self._pad_end()
        self._show_selections()

    def _pad_end(self) -> None:
        """Leave room after the last line, so the last headings too can be scrolled to the top."""
        root = self.document().rootFrame()
        frame = root.frameFormat()
        margin = max(0, self.viewport().height() - 4 * self.fontMetrics().height())
        if frame.bottomMargin() != margin:
            frame.setBottomMargin(margin)
            root.setFrameFormat(frame)

    # Find: hits are counted in the report's text, exactly as str.count counts them.

    def find_all(self, needle: str) -> int:
        """Highlight every occurrence of `needle`; returns how many there are."""
        self._needle = needle
        self._hits = []
        self._current_hit = -1
        if needle and self._report is not None:
            text = self._report.text
            at = text.find(needle)
            while at != -1:
                self._hits.append(at)
                at = text.find(needle, at + len(needle))
        self._show_selections()
        return len(self._hits)

    def hit_count(self) -> int:
        return len(self._hits)

    def current_hit(self) -> int:
        """The 0-based number of the hit shown, or -1."""
        return self._current_hit

    def go_to_hit(self, step: int) -> int:
        """Move `step` hits on (1 next, -1 previous), from the view's place when no hit is current."""
        if not self._hits:
            return -1
        if self._current_hit == -1:
            self._current_hit = self._first_hit_from_view(step)
        else:
            self._current_hit = (self._current_hit + step) % len(self._hits)
        start, end = self._hit_span(self._hits[self._current_hit])
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._show_selections()
        return self._current_hit

    def _first_hit_from_view(self, step: int) -> int:
        assert self._linemap is not None
        top = self._linemap.line_starts[max(self.top_line(), 1) - 1]
        after = [n for n, hit in enumerate(self._hits) if hit >= top]
        if step > 0:
            return after[0] if after else 0
        return (after[0] - 1) % len(self._hits) if after else len(self._hits) - 1

    def _hit_span(self, offset: int) -> tuple[int, int]:
        """Where a hit at a text offset is in the document; inside a table, in the cell that shows it."""
        assert self._linemap is not None
        start = self._linemap.position_of_offset(offset)
        if start is not None:
            return start, start + len(self._needle)
        table = self._linemap.table_at_line(self._linemap.line_of_offset(offset))
        assert table is not None
        row = max(0, sum(1 for row_start in table.row_starts if row_start <= offset) - 1)
        for first, last in table.cells[row]:
            cursor = QTextCursor(self.document())
            cursor.setPosition(first)
            cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
            inside = cursor.selectedText().find(self._needle)
            if inside != -1:
                return first + inside, first + inside + len(self._needle)
        return table.cells[row][0]

    # Extra selections: hits, the current hit, and the brief mark

    def _show_selections(self) -> None:
        selections = []
        if self._mark is not None:
            selections.append(self._selection(*self._mark, MARK_COLOUR, whole_line=True))
        for number, hit in enumerate(self._hits if self._linemap else []):
            colour = CURRENT_HIT_COLOUR if number == self._current_hit else HIT_COLOUR
            selections.append(self._selection(*self._hit_span(hit), colour))
        self.setExtraSelections(selections)

    def _selection(self, start: int, end: int, colour: QColor, whole_line: bool = False):
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format.setBackground(QBrush(colour))
        if whole_line:
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        return selection

    def _on_unmark_timeout(self) -> None:
        self._mark = None
        self._show_selections()

    def _on_scroll_changed(self, _value: int) -> None:
        self._wanted_line = self.top_line()
        self._emit_top_line()

    def _emit_top_line(self) -> None:
        line = self.top_line()
        if line != self._top_line:
            self._top_line = line
            self.top_line_changed.emit(line)
