"""A combo box for long names (a table's, a chart's): whole when there is room, else cut in the middle.

Qt's own combo box keeps the width of the names it had when first shown and cuts a longer name at the
end (第二十条第…), losing the part that tells the charts apart. This one asks for the width of its
longest name, gives way in a narrow panel down to a few characters, cuts in the middle
(第二十条…（六）项), and its tooltip always says the whole name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QHelpEvent, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolTip,
    QWidget,
)

LEAST_CHARACTERS = 5  # the narrowest it becomes, in characters of the names


class ElidedComboBox(QComboBox):
    """A QComboBox that shows its current name whole, or cut in the middle when narrower than it."""

    def __init__(self, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._purpose = purpose  # what choosing does, said in the tooltip before the name
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        least = self.fontMetrics().horizontalAdvance("国" * LEAST_CHARACTERS) + self._frame_width()
        hint.setWidth(min(hint.width(), least))
        return hint

    def shown_text(self) -> str:
        """The current name as the box shows it: whole, or cut in the middle with …."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        room = self._text_rect(option).width()
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideMiddle, room)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def _text_rect(self, option: QStyleOptionComboBox):
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )

    def _frame_width(self) -> int:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self.width() - self._text_rect(option).width() if self.width() > 0 else 40

    def tooltip_text(self) -> str:
        """What the box's tooltip says: what choosing does, and the whole current name."""
        text = self.currentText()
        return f"{self._purpose}：{text}" if text else self._purpose

    def event(self, event: QEvent) -> bool:
        # Asked when shown, so the tooltip names what is current however it came to be (the panel fills the box
        # with its signals blocked).
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.tooltip_text(), self)
            return True
        return super().event(event)
