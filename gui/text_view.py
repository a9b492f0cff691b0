"""The report's text: read-only, laid out by `report_document`, scrolled by text offset, with find highlights.

Signals:
    top_offset_changed(int): the text offset shown at the top of the view changed (the reader scrolled).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QShowEvent, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit, QWidget

from gui.report_document import TextMap, build_document
from gui.settings import ZOOM_RANGE
from models import Report

BASE_SIZE = 12.0
ZOOM_FACTOR = 1.1
MARK_COLOUR = QColor("#fff0a8")
HIT_COLOUR = QColor("#ffe066")
CURRENT_HIT_COLOUR = QColor("#ff9f43")
MARK_MILLISECONDS = 1500


class TextView(QTextEdit):
    """Shows one report; knows which part of the text is where."""

    top_offset_changed = Signal(int)

    def __init__(self, family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self._family = family
        self._report: Report | None = None
        self._textmap: TextMap | None = None
        self._document: QTextDocument | None = None
        self._zoom = 0
        self._top_offset = -1
        self._wanted_offset = 0  # what the reader asked for or scrolled to, kept across relayouts
        self._anchored = False  # the view still stands where scroll_to_offset put it
        self._scrolling = False
        self._needle = ""
        self._hits: list[int] = []
        self._current_hit = -1
        self._mark: tuple[int, int] | None = None
        self._unmark = QTimer(self, singleShot=True, interval=MARK_MILLISECONDS)
        self._unmark.timeout.connect(self._on_unmark_timeout)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll_changed)

    # The report, and where its text is

    def set_report(self, report: Report) -> None:
        self._report = report
        self._needle, self._hits, self._current_hit, self._mark = "", [], -1, None
        self._top_offset = -1
        self._rebuild()
        self.scroll_to_offset(0)

    def text_map(self) -> TextMap | None:
        return self._textmap

    def line_count(self) -> int:
        return self._textmap.line_count if self._textmap else 0

    def top_offset(self) -> int:
        """The offset in the report's text of what is shown at the top of the view.

        Right after a jump it is the offset jumped to, even when that is halfway along the top row
        (a heading inside a long line), so the section chosen stays the current one.
        """
        if self._textmap is None:
            return 0
        if self._anchored:
            return self._wanted_offset
        position = self.cursorForPosition(QPoint(0, 1)).position()
        return self._textmap.offset_of_position(position)

    def top_line(self) -> int:
        """The 1-based line of the report at the top of the view."""
        return self._textmap.line_of_offset(self.top_offset()) if self._textmap else 0

    def scroll_to_offset(self, offset: int) -> None:
        """Put the row of text showing `offset` at the top of the view."""
        if self._textmap is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._textmap.position_near_offset(offset))
        bar = self.verticalScrollBar()
        self._scrolling = True
        try:
            bar.setValue(bar.value() + self.cursorRect(cursor).top())
        finally:
            self._scrolling = False
        # Inside a table the jump lands on the row, which stands for all the offsets of its cells.
        self._wanted_offset = self._textmap.offset_of_position(cursor.position())
        row = self.cursorRect(cursor)
        self._anchored = 0 <= row.top() < max(row.height(), 1)
        self._emit_top_offset()

    def scroll_to_line(self, line: int) -> None:
        if self._textmap is not None:
            self.scroll_to_offset(self._textmap.line_starts[min(max(line, 1), self._textmap.line_count) - 1])

    def mark_text(self, start: int, end: int) -> None:
        """Highlight the text [start, end) for a moment, so the eye finds where a jump landed."""
        if self._textmap is None:
            return
        table = self._textmap.table_at_offset(start)
        if table is not None:
            cells = table.cells[table.row_at_offset(start)]
            self._mark = (cells[0][0], cells[-1][1])
        else:
            first = self._textmap.position_near_offset(start)
            last = self._textmap.position_of_offset(end)
            self._mark = (first, max(first, last if last is not None else first))
        self._unmark.start()
        self._show_selections()

    def is_marked(self, offset: int) -> bool:
        if self._mark is None or self._textmap is None:
            return False
        return self._mark[0] <= self._textmap.position_near_offset(offset) < max(self._mark[1], self._mark[0] + 1)

    def showEvent(self, event: QShowEvent) -> None:
        # QTextEdit scrolls to its text cursor when first shown; the reader's place matters more.
        offset = self._wanted_offset
        super().showEvent(event)
        if self._textmap is not None:
            self.scroll_to_offset(offset)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Rewrapping moves every line; keep the reader's place at the top, including the first
        # layout after a report was opened in a window not yet shown.
        offset = self._wanted_offset
        super().resizeEvent(event)
        self._pad_end()
        if self._textmap is not None:
            self.scroll_to_offset(offset)

    # Zoom: the document is laid out again at the new size, keeping the reader's place.

    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        low, high = ZOOM_RANGE
        steps = min(max(steps, low), high)
        if steps == self._zoom and self._textmap is not None:
            return
        offset = self.top_offset()
        self._zoom = steps
        if self._report is not None:
            self._rebuild()
            self.scroll_to_offset(offset)

    def point_size(self) -> float:
        return BASE_SIZE * ZOOM_FACTOR**self._zoom

    def _rebuild(self) -> None:
        assert self._report is not None
        document, self._textmap = build_document(self._report, self._family, self.point_size())
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
        top = self.top_offset()
        after = [n for n, hit in enumerate(self._hits) if hit >= top]
        if step > 0:
            return after[0] if after else 0
        return (after[0] - 1) % len(self._hits) if after else len(self._hits) - 1

    def _hit_span(self, offset: int) -> tuple[int, int]:
        """Where a hit at a text offset is in the document; inside a table, in the cell that shows it."""
        assert self._textmap is not None
        start = self._textmap.position_of_offset(offset)
        if start is not None:
            return start, start + len(self._needle)
        table = self._textmap.table_at_offset(offset)
        assert table is not None
        row = table.cells[table.row_at_offset(offset)]
        for first, last in row:
            inside = self._document_text(first, last).find(self._needle)
            if inside != -1:
                return first + inside, first + inside + len(self._needle)
        return row[0]

    def _document_text(self, start: int, end: int) -> str:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText()

    # Extra selections: hits, the current hit, and the brief mark

    def _show_selections(self) -> None:
        selections = []
        if self._mark is not None:
            selections.append(self._selection(*self._mark, MARK_COLOUR, whole_line=True))
        for number, hit in enumerate(self._hits if self._textmap else []):
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
        if self._scrolling:
            return
        self._anchored = False
        self._wanted_offset = self.top_offset()
        self._emit_top_offset()

    def _emit_top_offset(self) -> None:
        offset = self.top_offset()
        if offset != self._top_offset:
            self._top_offset = offset
            self.top_offset_changed.emit(offset)
