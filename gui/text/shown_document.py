"""The document a text view shows: built from its report at once, or a slice per turn of the event loop when
building it would hold the window (gui.common.turns), put in the view, laid out in slices when huge
(`layout_pacer`), and deleted once another has replaced it.

Nothing here outlives the document it works on. Every document goes into the view through one method, which
first stops the pacer working on the one shown; a new build stops the one under way; `release()` (the tab
closes) stops both and leaves the view an empty document. A document is deleted once it is out of the view.

Signals:
    progressed(int): percent of the document built, while it is built in slices.
    installed(bool): the new document and its map are in the view; True when it was built in slices.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextEdit

from gui.common.theme import DocumentColors
from gui.common.turns import NO_JOB, sliced, start_job
from gui.text.document import DocumentBuilder
from gui.text.layout_pacer import LayoutPacer
from models import Report
from models.load import memory
from models.structure.textmap import TextMap

# A report of more characters is laid out by the pacer once shown.
PACED_CHARS = 1_000_000
# What building a document costs, counted in lines of text: a heading is styled after it is written, and a
# table row is a row of cells. A report that costs more is built in slices (it would hold the window too long).
HEADING_LINES = 3
ROW_LINES = 6
SLICED_FROM_LINES = 3_000


def builds_in_slices(report: Report) -> bool:
    """Whether `report`'s document is built a slice per turn rather than at once."""
    if len(report.text) > PACED_CHARS:
        return True
    cost = report.text.count("\n") + ROW_LINES * sum(len(table.rows) for table in report.tables)
    if cost > SLICED_FROM_LINES:
        return True
    headings = sum(1 for _section in itertools.islice(report.walk(), SLICED_FROM_LINES // HEADING_LINES + 1))
    return cost + HEADING_LINES * headings > SLICED_FROM_LINES


class ShownDocument(QObject):
    """Builds a report's document for `editor` and puts it there; `prepare(document)` is what the view does to a
    document before showing it."""

    progressed = Signal(int)
    installed = Signal(bool)

    def __init__(self, editor: QTextEdit, prepare: Callable[[QTextDocument], None]) -> None:
        super().__init__(editor)
        self._editor = editor
        self._prepare = prepare
        self._builder: DocumentBuilder | None = None
        self._job = NO_JOB
        self._pacer = LayoutPacer(editor)
        self._paced = False
        self._document: QTextDocument | None = None  # the one shown, if made here
        self.textmap: TextMap | None = None  # the map of the document shown

    def build(self, report: Report, family: str, size: float, colors: DocumentColors) -> None:
        """Build `report`'s document and show it: now, or after its slices (the view keeps what it shows)."""
        self._job.stop()
        self._pacer.stop()
        self._builder = DocumentBuilder(report, family, size, colors)
        self._paced = len(report.text) > PACED_CHARS
        steps = self._builder.steps()
        if builds_in_slices(report):
            self._job = start_job(self, self._building(steps))
            return
        for _done in steps:
            pass
        self._install(in_slices=False)

    def clear(self) -> None:
        """Show an empty document: the one shown no longer describes the report being built."""
        self.textmap = None
        self._show(QTextDocument(self._editor))

    def release(self) -> None:
        """Stop building and laying out, and let go of the documents: the view is closing."""
        self._job.stop()
        self._builder = None
        self._paced = False
        self.clear()

    def is_building(self) -> bool:
        """Whether a document is being built (in slices) to replace the one shown."""
        return self._builder is not None

    def is_pacing(self) -> bool:
        """Whether the document shown is still being laid out in slices."""
        return self._pacer.is_running()

    def pace(self) -> None:
        """Lay a huge document out in slices from its start (again, at a new width), not in Qt's own steps of up
        to a quarter of a second."""
        if self._paced and not self.is_building():
            self._pacer.start()

    def _building(self, steps: Iterator[float]) -> Iterator[None]:
        # The map of a big document holds hundreds of thousands of records, and no cycle: collections would walk
        # them again and again while the window waits, so collection waits for the build (models.load.memory).
        memory.pause()
        try:
            for done in sliced(steps):
                self.progressed.emit(int(done * 100))
                yield
        finally:
            memory.resume()
        self._install(in_slices=True)

    def _install(self, in_slices: bool) -> None:
        assert self._builder is not None
        document, textmap = self._builder.document, self._builder.textmap
        self._builder = None
        # Set before the document is shown: changing it afterwards lays out every block again.
        self._prepare(document)
        # The map first: showing the document may resize the view, which reads the map.
        self.textmap = textmap
        self._show(document)
        self.pace()
        self.installed.emit(in_slices)

    def _show(self, document: QTextDocument) -> None:
        """The one way a document goes into the view: the pacer lets go of the one shown first."""
        self._pacer.stop()
        document.setParent(self._editor)
        self._editor.setDocument(document)
        # Qt deletes the editor's own first document; the ones shown here are deleted here.
        if self._document is not None:
            self._document.deleteLater()
        self._document = document
