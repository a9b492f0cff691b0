"""Laying a huge document out a little at a time, instead of in Qt's own growing steps.

Qt lays a long QTextDocument out lazily: every 10 ms its layout lays out the next stretch, and the stretch
doubles each time up to 200,000 characters. On Chinese text that holds the window for a long moment at each
step, step after step, for as long as a huge report takes. While a `LayoutPacer` runs, the
layout's own timer events are dropped and the pacer lays the document out a slice per turn (gui.common.turns), by
asking where a block further on lies (Qt lays out up to it to answer). After each slice it tells the
editor the document has grown, so that its scroll bar follows as it did.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QEvent, QObject, QSizeF
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument

from gui.common.turns import NO_JOB, sliced, start_job

STEP_CHARS = 4_000  # laid out between two looks at the clock: a few milliseconds


class LayoutPacer(QObject):
    """Lays out one document in slices between the event loop's turns; `stop()` gives it back to Qt."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layout: QAbstractTextDocumentLayout | None = None
        self._job = NO_JOB

    def start(self, document: QTextDocument) -> None:
        """Lay `document` out from its start (again, after a new width), a slice at a time."""
        self.stop()
        self._layout = document.documentLayout()
        self._layout.installEventFilter(self)
        self._job = start_job(self, self._slices(document, self._layout))

    def stop(self) -> None:
        self._job.stop()
        if self._layout is not None:
            self._layout.removeEventFilter(self)
        self._layout = None

    def is_running(self) -> bool:
        return self._layout is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt's own steps: the pacer's slices do their work.
        return watched is self._layout and event.type() == QEvent.Type.Timer

    def _slices(self, document: QTextDocument, layout: QAbstractTextDocumentLayout) -> Iterator[None]:
        end = max(document.characterCount() - 1, 0)
        # Asking where a block lies lays the document out up to it.
        ends = range(STEP_CHARS, end + STEP_CHARS, STEP_CHARS)
        steps = (layout.blockBoundingRect(document.findBlock(min(at, end))) for at in ends)
        for _rect in sliced(steps):
            # The editor reads the laid-out height itself when told the size changed.
            layout.documentSizeChanged.emit(QSizeF())
            yield
        self.stop()
        layout.documentSizeChanged.emit(QSizeF())
