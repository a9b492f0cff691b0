"""The report's text: read-only, laid out by `gui.text.document`, scrolled by text offset, with find
highlights, the places of the checks' findings marked, and the numbers of a chosen finding highlighted.
What is found is kept in a `FindState`, what is drawn over the text in its `Decorations`.

A report whose document would take long to build is built a slice per turn of the event loop, and a huge one
laid out in slices once shown (`shown_document`); the view shows the previous document (or nothing) until the
new one is done. The document may hold breaks the text lacks (models.structure.textmap): what is copied or
selected is read without them.

Signals:
    top_offset_changed(int): the text offset shown at the top of the view changed (the reader scrolled).
    layout_progressed(int): percent of the document built, while a huge report is laid out.
    layout_finished(): the document being built is shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPoint, QSize, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent, QShowEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit, QWidget

from gui.common.first_frame import vertical_scroll_bar_always_on
from gui.common.settings import ZOOM_RANGE
from gui.common.theme import document_colors
from gui.common.turns import NO_JOB, sliced, start_job
from gui.text.decorations import Decorations
from gui.text.document import end_margin, select_range, set_end_margin
from gui.text.find_state import FindState
from gui.text.places import MANY_PLACES
from gui.text.shown_document import ShownDocument, builds_in_slices
from models import Report
from models.structure.textmap import TextMap

if TYPE_CHECKING:
    from gui.text.finding_tips import FindingTips

BASE_SIZE = 12.0
ZOOM_FACTOR = 1.1
MARK_MILLISECONDS = 1500


class TextView(QTextEdit):
    """Shows one report; knows which part of the text is where."""

    top_offset_changed = Signal(int)
    layout_progressed = Signal(int)
    layout_finished = Signal()
    first_painted = Signal()

    def __init__(self, family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        # A scroll bar that comes and goes changes the width, and a new width lays every line out again.
        vertical_scroll_bar_always_on(self)
        self._family = family
        # The viewport's size, kept from its resize events: the first call of viewport() makes PySide6
        # look its type up among every widget class, which the first frame need not pay for.
        self._viewport_size = QSize(0, 0)
        self._painted = False
        self._colors = document_colors(dark=False)
        self._report: Report | None = None
        self._zoom = 0
        self._top_offset = -1
        self._wanted_offset = 0  # what the reader asked for or scrolled to, kept across relayouts
        self._anchored = False  # the view still stands where scroll_to_offset put it
        self._scrolling = False
        self._find = FindState()
        self._decorations = Decorations()
        self._tips: FindingTips | None = None  # shows the findings under the mouse
        self._shown = ShownDocument(self, self._pad_end)
        self._shown.progressed.connect(self.layout_progressed)
        self._shown.installed.connect(self._on_shown_installed)
        self._places_job = NO_JOB
        self._unmark = QTimer(self, singleShot=True, interval=MARK_MILLISECONDS)
        self._unmark.timeout.connect(self._on_unmark_timeout)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll_changed)

    # The report, and where its text is

    def set_report(self, report: Report, findings: list | None = None) -> None:
        """Show `report`, with the places of `findings` (models.checks.run.Finding) marked if given."""
        self._report = report
        self._find.clear()
        self._decorations.mark, self._decorations.chosen = None, []
        self._top_offset = -1
        self._set_places(findings or [])
        if builds_in_slices(report):
            self._shown.clear()  # the previous report's document and map no longer describe what is being read
        self._wanted_offset = 0
        self._rebuild()
        self.scroll_to_offset(0)

    def release(self) -> None:
        """Stop all work on the report and let go of its document: the view is closing."""
        self._places_job.stop()
        self._unmark.stop()
        self._shown.release()

    def is_fully_laid_out(self) -> bool:
        """Whether the whole text is laid out (a huge report goes on being laid out after it shows)."""
        return not self.is_laying_out() and not self._shown.is_pacing()

    def is_laying_out(self) -> bool:
        """Whether a report's document is still being built (in slices)."""
        return self._shown.is_building()

    def set_findings(self, findings: list) -> None:
        """Mark the places of `findings` in the text: a wavy line by severity, the message on hover. Thousands
        of places are sorted out a slice per turn of the event loop; the underlines appear when all are in."""
        if sum(len(finding.spans) for finding in findings) <= MANY_PLACES:
            self._set_places(findings)
            self._show_selections()
            return
        self._places_job.stop()
        self._places_job = start_job(self, self._placing_in_slices(list(findings)))

    def _set_places(self, findings: list) -> None:
        self._places_job.stop()  # findings still being sorted out give way to these
        for _done in self._placing(findings):
            pass

    def _placing(self, findings: list) -> Iterator[None]:
        yield from self._decorations.placing(findings)
        if self._decorations.places and self._tips is None:
            # Not before there are findings to tell: see finding_tips for what its filter costs.
            from gui.text.finding_tips import FindingTips

            self._tips = FindingTips(self, self._findings_under)

    def _placing_in_slices(self, findings: list) -> Iterator[None]:
        yield from sliced(self._placing(findings))
        self._show_selections()

    def set_dark(self, dark: bool) -> None:
        """Lay the text out again in the dark or the light theme's colours, keeping the reader's place."""
        colors = document_colors(dark)
        if colors == self._colors:
            return
        self._colors = colors
        if self._report is not None:
            offset = self.top_offset()
            self._rebuild()
            self.scroll_to_offset(offset)

    def findings_at(self, offset: int) -> list[str]:
        """The messages of the findings whose numbers are at `offset`."""
        return self._decorations.places.messages_at(offset)

    def show_finding(self, spans: list[tuple[int, int]]) -> None:
        """Scroll to the first of `spans` (text offsets) and highlight all of them until another is shown."""
        if self._textmap is None or not spans:
            return
        self._decorations.choose(self._textmap, spans)
        self.scroll_to_offset(min(start for start, _end in spans))
        self._show_selections()

    def chosen_ranges(self) -> list[tuple[int, int]]:
        """The document ranges highlighted for the chosen finding."""
        return list(self._decorations.chosen)

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
        position = self.cursorForPosition(QPoint(self._text_left(), 1)).position()
        return self._textmap.offset_of_position(position)

    def top_line(self) -> int:
        """The 1-based line of the report at the top of the view."""
        return self._textmap.line_of_offset(self.top_offset()) if self._textmap else 0

    def scroll_to_offset(self, offset: int) -> None:
        """Put the row of text showing `offset` at the top of the view."""
        if self._textmap is None:
            self._wanted_offset = offset  # for when the document being built is shown
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._textmap.position_near_offset(offset))
        bar = self.verticalScrollBar()
        wanted = bar.value() + self.cursorRect(cursor).top()
        if wanted > bar.maximum():
            # Qt lays a long text out lazily and widens the scroll range a moment later: widen it now
            # (the text down to the row was just laid out, so the range will be at least this).
            bar.setMaximum(wanted)
        self._scrolling = True
        try:
            bar.setValue(wanted)
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
        self._decorations.mark = self._textmap.row_or_span(start, end)
        self._unmark.start()
        self._show_selections()

    def is_marked(self, offset: int) -> bool:
        return self._textmap is not None and self._decorations.is_marked(self._textmap.position_near_offset(offset))

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
        self._viewport_size = event.size()
        super().resizeEvent(event)
        self._pad_end(self.document())
        if self._shown.is_pacing() or event.oldSize().width() != event.size().width():
            self._shown.pace()  # a new width: Qt starts laying the text out again
        if self._textmap is not None:
            self.scroll_to_offset(offset)
            self._follow_window()

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
        self._shown.build(self._report, self._family, self.point_size(), self._colors)

    def _on_shown_installed(self, in_slices: bool) -> None:
        self._decorations.forget_window()
        self._place_hits()
        self._show_selections()
        if in_slices:
            self.scroll_to_offset(self._wanted_offset)
            self.layout_finished.emit()

    @property
    def _textmap(self) -> TextMap | None:
        """The map of the document shown (None while a report's first document is built)."""
        return self._shown.textmap

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _findings_under(self, point: QPoint) -> list[str] | None:
        """The messages of the findings at a point of the viewport; None while there is no map."""
        if self._textmap is None:
            return None
        return self.findings_at(self._textmap.offset_of_position(self.cursorForPosition(point).position()))

    def _pad_end(self, document: QTextDocument) -> None:
        set_end_margin(document, end_margin(self._viewport_size.height(), self.fontMetrics().height()))

    # Find: hits are counted in the report's text, exactly as str.count counts them.

    def find_all(self, needle: str) -> int:
        """Highlight every occurrence of `needle`; returns how many there are."""
        count = self._find.find_all(self._report.text if self._report is not None else "", needle)
        self._place_hits()
        self._show_selections()
        return count

    def hit_count(self) -> int:
        return len(self._find.hits)

    def current_hit(self) -> int:
        """The 0-based number of the hit shown, or -1."""
        return self._find.current

    def go_to_hit(self, step: int) -> int:
        """Move `step` hits on (1 next, -1 previous), from the view's place when no hit is current."""
        span = self._find.step(step, self.top_offset())
        if span is None:
            return -1
        self.setTextCursor(select_range(QTextCursor(self.document()), *span))
        self.ensureCursorVisible()
        self._show_selections()
        return self._find.current

    # What is selected and copied: the report's text, without the breaks the document shows for display only.

    def selected_text(self) -> str:
        """The text selected, as the report has it; paragraphs end in line breaks."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        pieces = self._textmap.without_inserted(start, end) if self._textmap is not None else [(start, end)]
        document = self.document()
        return "".join(select_range(QTextCursor(document), *piece).selection().toPlainText() for piece in pieces)

    def createMimeDataFromSelection(self) -> QMimeData:
        cursor = self.textCursor()
        if self._textmap is None or not self._textmap.inserts_between(cursor.selectionStart(), cursor.selectionEnd()):
            return super().createMimeDataFromSelection()
        copied = QMimeData()
        copied.setText(self.selected_text())
        return copied

    def _place_hits(self) -> None:
        """Place the hits in the document being shown (none while it is being built)."""
        self._find.place(None if self.is_laying_out() else self._textmap, self._document_text)

    def _document_text(self, start: int, end: int) -> str:
        return select_range(QTextCursor(self.document()), start, end).selectedText()

    # What is drawn over the text: only what lies in and around the screen is given to Qt.

    def _show_selections(self) -> None:
        """Give Qt the marks, highlights and underlines that lie in and around what is on screen."""
        if self._textmap is None or self.is_laying_out() or self._viewport_size.isEmpty():
            shown = None  # nothing on screen yet: no layout at a width the text will not have
        else:
            shown = self._shown_positions()
        selections = self._decorations.selections(self.document(), self._colors, self._textmap, shown, self._find)
        self.setExtraSelections(selections)

    def _shown_positions(self) -> tuple[int, int]:
        """The document positions at the top left and the bottom right of the view."""
        left = self._text_left()
        first = self.cursorForPosition(QPoint(left, 0)).position()
        return first, self.cursorForPosition(QPoint(left, self._viewport_size.height())).position()

    def _text_left(self) -> int:
        """Where the view asks which position is at a height: just inside the text's left edge. Beside a table (in
        a margin), Qt's answer lays out and walks every table after it, and names the document's end."""
        return int(self.document().documentMargin()) + 2

    def _follow_window(self) -> None:
        """After a scroll: new selections once the screen has moved out of the positions they were chosen for."""
        if not self._decorations.covers(*self._shown_positions()):
            self._show_selections()

    def _on_unmark_timeout(self) -> None:
        self._decorations.mark = None
        self._show_selections()

    def _on_scroll_changed(self, _value: int) -> None:
        self._follow_window()
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
