"""Laying a huge document out a little at a time, instead of in Qt's own growing steps.

Qt lays a long QTextDocument out lazily: every 10 ms its layout lays out the next stretch, and the stretch
doubles each time up to 200,000 characters. On Chinese text that holds the window for about a quarter of
a second a step, step after step, for as long as a 50 MB report takes. While a `LayoutPacer` runs, the
layout's own timer events are dropped and the pacer lays the document out SLICE_SECONDS at a time, by
asking where a block further on lies (Qt lays out up to it to answer). After each slice it tells the
editor the document has grown, so that its scroll bar follows as it did.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QSizeF, QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument

# Qt may run two or three zero-timer slices back to back before the window's other timers get a turn:
# slices of 20 ms made waits of 70-76 ms; of 10 ms, 44-50 ms (8 MB laid out in 3.2-3.8 s instead of 3.0).
SLICE_SECONDS = 0.01
STEP_CHARS = 4_000  # laid out between two looks at the clock: a few milliseconds


class LayoutPacer(QObject):
    """Lays out one document in slices between the event loop's turns; `stop()` gives it back to Qt."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: QTextDocument | None = None
        self._layout: QAbstractTextDocumentLayout | None = None
        self._position = 0
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self, document: QTextDocument) -> None:
        """Lay `document` out from its start (again, after a new width), a slice at a time."""
        self.stop()
        self._document, self._layout, self._position = document, document.documentLayout(), 0
        self._layout.installEventFilter(self)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._layout is not None:
            self._layout.removeEventFilter(self)
        self._document, self._layout = None, None

    def is_running(self) -> bool:
        return self._layout is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt's own steps: the pacer's slices do their work.
        return watched is self._layout and event.type() == QEvent.Type.Timer

    def _on_timer_timeout(self) -> None:
        document, layout = self._document, self._layout
        assert document is not None and layout is not None
        deadline = time.perf_counter() + SLICE_SECONDS
        end = max(document.characterCount() - 1, 0)
        while self._position < end and time.perf_counter() < deadline:
            self._position = min(self._position + STEP_CHARS, end)
            layout.blockBoundingRect(document.findBlock(self._position))
        if self._position >= end:
            self.stop()
        # The editor reads the laid-out height itself when told the size changed.
        layout.documentSizeChanged.emit(QSizeF())
