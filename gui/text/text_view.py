"""The report's text: read-only, laid out by `report_document`, scrolled by text offset, with find
highlights, the places of the checks' findings marked, and the numbers of a chosen finding highlighted.
All marks are extra selections drawn over the document: adding them costs no layout. Only those on
screen (and a little around it) are given to Qt, which otherwise lays the text out up to the farthest
one to know where to repaint: on 10 MB, thousands of hits cost half a second a step.

A report of more than INCREMENTAL_CHARS characters is built a slice per turn of the event loop
(gui.common.turns); the view shows the previous document (or nothing) until the new one is done. Once shown,
Qt lays the rest of it out in slices paced by `layout_pacer`.

Signals:
    top_offset_changed(int): the text offset shown at the top of the view changed (the reader scrolled).
    layout_progressed(int): percent of the document built, while a huge report is laid out.
    layout_finished(): the document being built is shown.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from operator import itemgetter

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QHelpEvent,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from gui.common.qt_names import set_by_name, solid_brush
from gui.common.settings import ZOOM_RANGE
from gui.common.theme import document_colors
from gui.common.turns import NO_JOB, sliced, start_job
from gui.text.document import DocumentBuilder, TextMap, document_ranges, set_end_margin
from gui.text.layout_pacer import LayoutPacer
from models import Report

BASE_SIZE = 12.0
ZOOM_FACTOR = 1.1
# Extra selections are chosen for what is on screen and this many positions around it.
WINDOW_MARGIN = 4_000
# The longest a selection may reach back from its start (a number, a hit): found by a bisection on starts.
SELECTION_REACH = 200
MARK_MILLISECONDS = 1500
INCREMENTAL_CHARS = 1_000_000
MANY_PLACES = 5_000  # findings with more places are sorted out in slices; as many at a time


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
        set_by_name(self, "verticalScrollBarPolicy", "ScrollBarAlwaysOn")
        self._family = family
        # The viewport's size, kept from its resize events: the first call of viewport() makes PySide6
        # look its type up among every widget class (77 enums, 15 ms), which the first frame need not pay.
        self._viewport_size = QSize(0, 0)
        self._painted = False
        self._colors = document_colors(dark=False)
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
        self._hit_spans: list[tuple[int, int]] = []  # document ranges of the hits, by hit
        self._hit_order: list[tuple[int, int]] = []  # (document start, hit number), sorted
        self._window = (0, -1)  # the document positions the current extra selections were chosen for
        self._window_underlines: list[QTextEdit.ExtraSelection] = []  # the underlines for that window
        self._current_hit = -1
        self._mark: tuple[int, int] | None = None
        self._findings: list = []
        self._places: list[tuple[int, int, str, str]] = []  # (start, end, message, severity), by start
        self._place_starts: list[int] = []
        self._chosen: list[tuple[int, int]] = []  # document ranges of the chosen finding's numbers
        self._tips: _FindingTips | None = None  # shows the findings under the mouse
        self._builder: DocumentBuilder | None = None  # the document being built, until it is shown
        self._pacer = LayoutPacer(self)  # lays a huge report out after it is shown, in slices
        self._build_job = NO_JOB
        self._places_job = NO_JOB
        self._unmark = QTimer(self, singleShot=True, interval=MARK_MILLISECONDS)
        self._unmark.timeout.connect(self._on_unmark_timeout)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll_changed)

    # The report, and where its text is

    def set_report(self, report: Report, findings: list | None = None) -> None:
        """Show `report`, with the places of `findings` (models.checks.run.Finding) marked if given."""
        self._report = report
        self._needle, self._hits, self._current_hit, self._mark, self._chosen = "", [], -1, None, []
        self._hit_spans, self._hit_order = [], []
        self._top_offset = -1
        self._set_places(findings or [])
        if len(report.text) > INCREMENTAL_CHARS:
            # The previous report's document and map no longer describe what is being read.
            self._textmap = None
            self.setDocument(QTextDocument(self))
            if self._document is not None:
                self._document.deleteLater()
                self._document = None
        self._wanted_offset = 0
        self._rebuild()
        self.scroll_to_offset(0)

    def is_fully_laid_out(self) -> bool:
        """Whether the whole text is laid out (a huge report goes on being laid out after it shows)."""
        return not self.is_laying_out() and not self._pacer.is_running()

    def is_laying_out(self) -> bool:
        """Whether a huge report's document is still being built."""
        return self._builder is not None

    def set_findings(self, findings: list) -> None:
        """Mark the places of `findings` in the text: a wavy line by severity, the message on hover.

        Thousands of places (69,000 from 3,700 findings on 50 MB took 35-70 ms to sort out) are taken a slice
        per turn of the event loop; the underlines appear when all are in.
        """
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
        """Sort the findings' places out, yielding now and then; the view's places change at the end."""
        places: list[tuple[int, int, str, str]] = []
        since_yield = 0
        for finding in findings:
            places += [(s, e if e > s else s + 1, finding.message, finding.severity) for s, e in finding.spans]
            since_yield += len(finding.spans)
            if since_yield >= MANY_PLACES:
                since_yield = 0
                yield
        places.sort(key=itemgetter(0))  # by start alone: comparing whole tuples compares their messages
        yield
        self._findings = findings
        self._places = places
        self._place_starts = list(map(itemgetter(0), places))
        self._window = (0, -1)  # the underlines are chosen again
        if places and self._tips is None:
            # Only once there are findings to tell, after the first frame and the chart: a filter (as a
            # viewportEvent of our own) is handed every event as a plain QEvent, and PySide6 finds its type by
            # setting up all 44 event classes (2-3 ms); the first call of viewport() costs 15 ms more.
            self._tips = _FindingTips(self)
            self.viewport().installEventFilter(self._tips)

    def _placing_in_slices(self, findings: list) -> Iterator[None]:
        yield from sliced(self._placing(findings))
        self._show_selections()

    def _underlines(self, low: int, high: int) -> list[QTextEdit.ExtraSelection]:
        """Wavy lines under the findings' numbers that lie between document positions low and high."""
        textmap = self._textmap
        if textmap is None or self.is_laying_out() or not self._places:
            return []
        first = bisect_left(self._place_starts, textmap.offset_of_position(low) - SELECTION_REACH)
        last = bisect_right(self._place_starts, textmap.offset_of_position(high))
        return [
            self._underline_selection(start, end, severity)
            for text_start, text_end, _message, severity in self._places[first:last]
            for start, end in document_ranges(textmap, text_start, text_end)
            if end >= low and start <= high
        ]

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
        place = bisect_right(self._place_starts, offset)
        messages = []
        for start, end, message, _severity in reversed(self._places[max(0, place - 200) : place]):
            if start <= offset < end and message not in messages:
                messages.append(message)
        return messages[::-1]

    def show_finding(self, spans: list[tuple[int, int]]) -> None:
        """Scroll to the first of `spans` (text offsets) and highlight all of them until another is shown."""
        if self._textmap is None or not spans:
            return
        self._chosen = [r for start, end in sorted(spans) for r in document_ranges(self._textmap, start, end)]
        self.scroll_to_offset(min(start for start, _end in spans))
        self._show_selections()

    def chosen_ranges(self) -> list[tuple[int, int]]:
        """The document ranges highlighted for the chosen finding."""
        return list(self._chosen)

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
        self._viewport_size = event.size()
        super().resizeEvent(event)
        self._pad_end()
        if self._pacer.is_running() or event.oldSize().width() != event.size().width():
            self._pace_layout()  # a new width: Qt starts laying the text out again
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
        self._build_job.stop()
        self._pacer.stop()
        self._builder = DocumentBuilder(self._report, self._family, self.point_size(), self._colors)
        steps = self._builder.steps()
        if len(self._report.text) > INCREMENTAL_CHARS:
            self._build_job = start_job(self, self._building(steps))
            return
        for _done in steps:
            pass
        self._install()

    def _building(self, steps: Iterator[float]) -> Iterator[None]:
        for done in sliced(steps):
            self.layout_progressed.emit(int(done * 100))
            yield
        self._install()
        self.scroll_to_offset(self._wanted_offset)
        self.layout_finished.emit()

    def _install(self) -> None:
        assert self._builder is not None
        document, self._textmap = self._builder.document, self._builder.textmap
        self._builder = None
        document.setParent(self)
        # Set before the document is shown: changing it afterwards lays out every block again.
        set_end_margin(document, self._end_margin())
        self.setDocument(document)
        # Qt deletes the editor's own first document; the ones made here are deleted here.
        if self._document is not None:
            self._document.deleteLater()
        self._document = document
        self._pace_layout()
        self._window = (0, -1)
        self._map_hits()
        self._show_selections()

    def _pace_layout(self) -> None:
        """A huge report is laid out in slices, not in Qt's own steps of up to a quarter of a second."""
        if self._report is not None and len(self._report.text) > INCREMENTAL_CHARS and not self.is_laying_out():
            self._pacer.start(self.document())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def show_findings_tooltip(self, event: QHelpEvent) -> None:
        """The messages of the findings under the mouse as a tooltip, or none."""
        if self._textmap is None:
            return
        position = self.cursorForPosition(event.pos()).position()
        messages = self.findings_at(self._textmap.offset_of_position(position))
        if messages:
            QToolTip.showText(event.globalPos(), "\n".join(messages), self.viewport())
        else:
            QToolTip.hideText()

    def _pad_end(self) -> None:
        set_end_margin(self.document(), self._end_margin())

    def _end_margin(self) -> int:
        """Room after the last line, so that the last headings too can be scrolled to the top.

        As tall as the tallest screen, not as the view: the room is kept as the window changes height.
        Changing it lays the whole text out (Qt lays out all that comes before a changed paragraph),
        which before the first frame was 20-40 ms of it.
        """
        tallest = max((screen.availableGeometry().height() for screen in QGuiApplication.screens()), default=0)
        return max(0, max(tallest, self._viewport_size.height()) - 4 * self.fontMetrics().height())

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
        self._map_hits()
        self._show_selections()
        return len(self._hits)

    def _map_hits(self) -> None:
        """Where the hits are in the document being shown (none while it is being built)."""
        mapped = self._textmap is not None and not self.is_laying_out()
        self._hit_spans = [self._hit_span(hit) for hit in self._hits] if mapped else []
        self._hit_order = sorted((span[0], number) for number, span in enumerate(self._hit_spans))

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
        start, end = self._hit_spans[self._current_hit]
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
        """Give Qt the marks, highlights and underlines that lie in and around what is on screen."""
        colors = self._colors
        window = self._visible_window()
        if window != self._window:
            self._window = window
            self._window_underlines = self._underlines(*window)
        low, high = window
        selections = list(self._window_underlines)
        if self._mark is not None:
            selections.append(self._selection(*self._mark, colors.mark, whole_line=True))
        for start, end in self._chosen if self._textmap else []:
            selections.append(self._selection(start, end, colors.chosen))
        for start, number in self._hit_order[bisect_left(self._hit_order, (low - SELECTION_REACH,)) :]:
            if start > high:
                break
            colour = colors.current_hit if number == self._current_hit else colors.hit
            selections.append(self._selection(*self._hit_spans[number], colour))
        self.setExtraSelections(selections)

    def _visible_window(self) -> tuple[int, int]:
        """The document positions shown, widened by WINDOW_MARGIN on each side."""
        if self._textmap is None or self.is_laying_out() or self._viewport_size.isEmpty():
            return 0, -1  # nothing on screen yet: no layout at a width the text will not have
        first, last = self._shown_positions()
        return max(0, first - WINDOW_MARGIN), last + WINDOW_MARGIN

    def _shown_positions(self) -> tuple[int, int]:
        """The document positions at the top left and the bottom right of the view."""
        size = self._viewport_size
        first = self.cursorForPosition(QPoint(0, 0)).position()
        return first, self.cursorForPosition(QPoint(size.width(), size.height())).position()

    def _follow_window(self) -> None:
        """After a scroll: new selections once the screen has moved out of the positions they were chosen for."""
        low, high = self._window
        first, last = self._shown_positions()
        if first < low or last > high:
            self._show_selections()

    def _selection(self, start: int, end: int, colour: str, whole_line: bool = False) -> QTextEdit.ExtraSelection:
        """A highlight of document positions [start, end); its text stays dark, as on paper, in both themes."""
        selection = self._extra_selection(start, end)
        selection.format.setBackground(solid_brush(colour))
        selection.format.setForeground(solid_brush(self._colors.highlight_text))
        if whole_line:
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        return selection

    def _underline_selection(self, start: int, end: int, severity: str) -> QTextEdit.ExtraSelection:
        selection = self._extra_selection(start, end)
        selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        selection.format.setUnderlineColor(QColor(self._colors.underline_color(severity)))
        return selection

    def _extra_selection(self, start: int, end: int) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        return selection

    def _on_unmark_timeout(self) -> None:
        self._mark = None
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


class _FindingTips(QObject):
    """Answers the tooltip events of a TextView's viewport with the findings there."""

    def __init__(self, view: TextView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._view.show_findings_tooltip(event)
            return True
        return False
