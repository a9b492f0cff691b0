"""Laying a huge document out a little at a time, instead of in Qt's own growing steps.

Qt lays a long QTextDocument out lazily: every 10 ms its layout lays out the next stretch, and the stretch
doubles each time up to 200,000 characters. On Chinese text that holds the window for a long moment at each
step, step after step, for as long as a huge report takes. While a `LayoutPacer` runs, the layout's own timer
events are dropped and the pacer lays the document out a slice per turn (gui.common.turns), by asking where a
block further on lies (Qt lays out up to it to answer). After each slice it tells the editor the document has
grown, so that its scroll bar follows as it did.

The pacer works on the document its editor shows, and on nothing else: before each step it makes sure that
this is still the run it started (a new `start` or a `stop` ends the old one), that the editor still shows
the same document, alive, with the same layout, and it reads the document's length again. A document replaced,
deleted or changed under it ends the run or shortens it; a layout is never asked about a document it no
longer lays out.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QEvent, QObject, QSizeF
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument
from PySide6.QtWidgets import QTextEdit
from shiboken6 import Shiboken

from gui.common.turns import NO_JOB, sliced, start_job

STEP_CHARS = 4_000  # laid out between two looks at the clock: a few milliseconds


class LayoutPacer(QObject):
    """Lays out the document `editor` shows in slices between the event loop's turns; `stop()` gives it back
    to Qt."""

    def __init__(self, editor: QTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self._document: QTextDocument | None = None
        self._layout: QAbstractTextDocumentLayout | None = None
        self._run = 0  # which run is current: a step of any other ends its own
        self._job = NO_JOB

    def start(self) -> None:
        """Lay the editor's document out from its start (again, after a new width), a slice at a time."""
        self.stop()
        self._document = self._editor.document()
        self._layout = self._document.documentLayout()
        self._layout.installEventFilter(self)
        self._job = start_job(self, self._slices(self._run))

    def stop(self) -> None:
        self._run += 1
        self._job.stop()
        self._job = NO_JOB
        if self._layout is not None and Shiboken.isValid(self._layout):
            self._layout.removeEventFilter(self)
        self._document = self._layout = None

    def is_running(self) -> bool:
        return self._layout is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt's own steps: the pacer's slices do their work.
        return watched is self._layout and event.type() == QEvent.Type.Timer

    def _laid_out(self, run: int) -> tuple[QTextDocument, QAbstractTextDocumentLayout] | None:
        """The document and layout of `run`, if it is still current and the editor still shows them."""
        document, layout = self._document, self._layout
        if run != self._run or document is None or layout is None:
            return None
        if not (Shiboken.isValid(document) and Shiboken.isValid(layout) and Shiboken.isValid(self._editor)):
            return None
        if self._editor.document() is not document or document.documentLayout() is not layout:
            return None
        return document, layout

    def _steps(self, run: int) -> Iterator[QAbstractTextDocumentLayout]:
        at = STEP_CHARS
        while (current := self._laid_out(run)) is not None:
            document, layout = current
            end = max(document.characterCount() - 1, 0)
            # Asking where a block lies lays the document out up to it.
            layout.blockBoundingRect(document.findBlock(min(at, end)))
            yield layout
            if at >= end:
                return
            at += STEP_CHARS

    def _slices(self, run: int) -> Iterator[None]:
        for layout in sliced(self._steps(run)):
            # The editor reads the laid-out height itself when told the size changed.
            layout.documentSizeChanged.emit(QSizeF())
            yield
        current = self._laid_out(run)
        if run == self._run:
            self.stop()  # all laid out, or the document is no longer the one shown
        if current is not None:
            current[1].documentSizeChanged.emit(QSizeF())
