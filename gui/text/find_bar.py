"""The find bar under the text: a search box, the number of hits, next and previous.

Signals:
    text_changed(str): the text to find changed.
    next_requested(): Enter or F3 (the window's action) asks for the next hit.
    previous_requested(): Shift+Enter (or the window's Shift+F3) asks for the previous hit.
    closed(): Esc or the close button hid the bar.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """A one-line bar; the window decides what finding means."""

    text_changed = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("在全文中查找")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("查找内容")
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(110)
        previous = QToolButton(self, text="上一个", toolTip="上一个（Shift+F3）")
        following = QToolButton(self, text="下一个", toolTip="下一个（F3）")
        close = QToolButton(self, text="关闭", toolTip="关闭查找栏（Esc）")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("查找：", self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.edit.textChanged.connect(self.text_changed)
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        previous.clicked.connect(self.previous_requested)
        following.clicked.connect(self.next_requested)
        close.clicked.connect(self.close_bar)
        # Esc anywhere in the window closes the bar while it shows (a hidden widget's shortcut is off).
        escape = QShortcut(QKeySequence("Esc"), self)
        escape.activated.connect(self.close_bar)

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def text(self) -> str:
        return self.edit.text()

    def show_count(self, current: int, total: int) -> None:
        """Say how many hits there are and which one is shown (`current` is 0-based, -1 for none)."""
        if not self.edit.text():
            self.count_label.setText("")
        elif total == 0:
            self.count_label.setText("没有找到")
        elif current < 0:
            self.count_label.setText(f"共 {total} 处")
        else:
            self.count_label.setText(f"第 {current + 1} / {total} 处")

    def _on_edit_return_pressed(self) -> None:
        if QGuiApplication.keyboardModifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier:
            self.previous_requested.emit()
        else:
            self.next_requested.emit()
