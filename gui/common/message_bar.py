"""A thin bar above the text that tells the reader something without stopping them: a file that could
not be opened, a report changed on disk. It has an optional action button and a close button.

Signals:
    action_triggered(): the reader pressed the bar's action button.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

STYLES = {
    "info": "background: #fff6d5; color: #5c4400;",
    "error": "background: #fbe3e1; color: #7a1c14;",
}


class MessageBar(QFrame):
    """One line of text, an action and ×; hidden until `show_message`.

    A QFrame, which draws its style sheet's background unasked (a plain QWidget needs an attribute of `Qt`).
    """

    action_triggered = Signal()

    def __init__(self, action_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self, wordWrap=True)
        self.action_button = QToolButton(self, text=action_text)
        self.action_button.setVisible(bool(action_text))
        close = QToolButton(self, text="×", toolTip="关闭提示")
        close.setAccessibleName("关闭提示")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 6, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(close)
        self.action_button.clicked.connect(self.action_triggered)
        close.clicked.connect(self.hide)
        self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.setStyleSheet(f"MessageBar {{ {STYLES.get(kind, STYLES['info'])} }} QLabel {{ padding: 2px; }}")
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text()
