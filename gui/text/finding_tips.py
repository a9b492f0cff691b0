"""The messages of the checks' findings as a tooltip over the text they mark.

Imported and installed only once a report has findings to tell, after the first frame and the chart: an
event filter is handed every event as a plain QEvent, and PySide6 finds its type by setting up all its
event classes; the first call of a text view's viewport() costs more again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip


class FindingTips(QObject):
    """Answers the tooltip events of a view's viewport with the messages `messages_at(point)` gives for the
    point under the mouse (None: nothing to answer with yet)."""

    def __init__(self, view: QAbstractScrollArea, messages_at: Callable[[QPoint], list[str] | None]) -> None:
        super().__init__(view)
        self._viewport = view.viewport()
        self._messages_at = messages_at
        self._viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            messages = self._messages_at(event.pos())
            if messages:
                QToolTip.showText(event.globalPos(), "\n".join(messages), self._viewport)
            elif messages is not None:
                QToolTip.hideText()
            return True
        return False
