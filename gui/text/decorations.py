"""What the view draws over the report's text without changing it: the findings' wavy underlines, the chosen
finding's numbers, the brief mark where a jump landed, and the find hits.

All are extra selections: adding them costs no layout. Only those on screen (and WINDOW_MARGIN around it)
are given to Qt, which otherwise lays the text out up to the farthest one to know where to repaint: with
thousands of hits in a long report, that held every step from one hit to the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit

from gui.common.first_frame import solid_brush
from gui.common.theme import DocumentColors
from gui.text.document import select_range
from gui.text.find_state import FindState
from gui.text.places import SELECTION_REACH, FindingPlaces
from models.structure.textmap import TextMap

if TYPE_CHECKING:
    from models.checks.finding import Finding

# Extra selections are chosen for what is on screen and this many positions around it.
WINDOW_MARGIN = 4_000
_NO_WINDOW = (0, -1)


class Decorations:
    """The marks over one view's text, and the document positions the underlines were last chosen for."""

    def __init__(self) -> None:
        self.places = FindingPlaces()
        self.chosen: list[tuple[int, int]] = []  # document ranges of the chosen finding's numbers
        self.mark: tuple[int, int] | None = None  # the document range marked for a moment
        self._window = _NO_WINDOW
        self._underlines: list[QTextEdit.ExtraSelection] = []  # the underlines chosen for that window

    def placing(self, findings: list[Finding]) -> Iterator[None]:
        """Sort the places of `findings` out, yielding now and then; their underlines are chosen anew after."""
        yield from self.places.placing(findings)
        self.forget_window()

    def choose(self, textmap: TextMap, spans: list[tuple[int, int]]) -> None:
        """Highlight the numbers at text offsets `spans` as the chosen finding's."""
        self.chosen = [r for start, end in sorted(spans) for r in textmap.document_ranges(start, end)]

    def is_marked(self, position: int) -> bool:
        """Whether document position `position` is in the brief mark."""
        if self.mark is None:
            return False
        start, end = self.mark
        return start <= position < max(end, start + 1)

    def forget_window(self) -> None:
        """Choose the underlines again next time: the document or the places changed."""
        self._window = _NO_WINDOW
        self._underlines = []

    def covers(self, first: int, last: int) -> bool:
        """Whether the selections last given were chosen for document positions first to last."""
        low, high = self._window
        return low <= first and last <= high

    def selections(
        self,
        document: QTextDocument,
        colors: DocumentColors,
        textmap: TextMap | None,
        shown: tuple[int, int] | None,
        find: FindState,
    ) -> list[QTextEdit.ExtraSelection]:
        """The extra selections in and around the document positions `shown` on screen (None: none shown)."""
        window = _NO_WINDOW if shown is None else (max(0, shown[0] - WINDOW_MARGIN), shown[1] + WINDOW_MARGIN)
        if window != self._window:
            self._window = window
            self._underlines = self._underlines_between(document, colors, textmap, *window)
        low, high = window
        selections = list(self._underlines)
        if self.mark is not None:
            selections.append(_highlight(document, *self.mark, colors.mark, colors, whole_line=True))
        for start, end in self.chosen if textmap is not None else []:
            selections.append(_highlight(document, start, end, colors.chosen, colors))
        for span, current in find.spans_between(low - SELECTION_REACH, high):
            selections.append(_highlight(document, *span, colors.current_hit if current else colors.hit, colors))
        return selections

    def _underlines_between(
        self, document: QTextDocument, colors: DocumentColors, textmap: TextMap | None, low: int, high: int
    ) -> list[QTextEdit.ExtraSelection]:
        """Wavy lines under the findings' numbers that lie between document positions low and high."""
        if textmap is None or high < low or not self.places:
            return []
        return [
            _underline(document, start, end, colors.underline_color(severity))
            for start, end, severity in self.places.ranges_between(textmap, low, high)
        ]


def _highlight(
    document: QTextDocument, start: int, end: int, colour: str, colors: DocumentColors, whole_line: bool = False
) -> QTextEdit.ExtraSelection:
    """A highlight of document positions [start, end); its text stays dark, as on paper, in both themes."""
    selection = _extra_selection(document, start, end)
    selection.format.setBackground(solid_brush(colour))
    selection.format.setForeground(solid_brush(colors.highlight_text))
    if whole_line:
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
    return selection


def _underline(document: QTextDocument, start: int, end: int, colour: str) -> QTextEdit.ExtraSelection:
    selection = _extra_selection(document, start, end)
    selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    selection.format.setUnderlineColor(QColor(colour))
    return selection


def _extra_selection(document: QTextDocument, start: int, end: int) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    selection.cursor = select_range(QTextCursor(document), start, end)
    return selection
