"""The window's status bar: where the reader is in the report in front, and the progress of a reading or a
laying out, with a button to stop it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

if TYPE_CHECKING:
    from gui.window.loading import Job, Loading
    from gui.window.report_view import ReportView


class WindowStatus(QObject):
    """The place (the headings above the top of the text; the line) at the left and right of `status_bar`, and
    between them, shown together while there is progress: what is read or laid out, a progress bar, and cancel.

    Signals:
        cancel_clicked(): the reader asked to stop.
    """

    cancel_clicked = Signal()

    def __init__(self, loading: Loading, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.path_label = QLabel(status_bar)
        self.line_label = QLabel(status_bar)
        self.label = QLabel(status_bar)
        self.bar = QProgressBar(status_bar)
        self.bar.setMaximumWidth(220)
        self.bar.setAccessibleName("载入进度")
        self.cancel_button = QPushButton(status_bar, text="取消")  # (text, parent) would look QIcon up
        self.cancel_button.setToolTip("停止载入（Esc 之外的办法：关闭正在载入的标签页）")
        self.cancel_button.clicked.connect(self.cancel_clicked)
        status_bar.addWidget(self.path_label, 1)
        for widget in (self.label, self.bar, self.cancel_button):
            status_bar.addPermanentWidget(widget)
            widget.hide()
        status_bar.addPermanentWidget(self.line_label)
        # The bar as tall as the progress will need, from the start: a status bar that grows when it appears
        # shrinks the window's content, and the chart and the text are laid out again.
        tallest = max(widget.sizeHint().height() for widget in (self.bar, self.cancel_button))
        status_bar.setMinimumHeight(tallest + status_bar.contentsMargins().top() * 2 + 4)
        loading.progressed.connect(self._on_loading_progressed)

    def show_place(self, view: ReportView | None) -> None:
        """Where the reader is in `view` (nothing without a report)."""
        self.path_label.setText(view.path_text() if view else "")
        self.line_label.setText(view.line_text() if view else "")

    def show_progress(self, text: str, percent: int) -> None:
        """Say `text` (with an ellipsis) and `percent` done; -1 shows a busy bar, for a stage of unknown length."""
        self.label.setText(text + "…")
        # A progress bar paints itself at once when its percent changes, and with it all the window has
        # waiting to be painted (a new tab); with updates off it waits its turn.
        self.bar.setUpdatesEnabled(False)
        self.bar.setRange(0, 0 if percent < 0 else 100)  # 0 to 0: Qt's busy bar
        self.bar.setValue(max(percent, 0))
        self.bar.setUpdatesEnabled(True)
        for widget in (self.label, self.bar, self.cancel_button):
            widget.show()

    def hide_progress(self) -> None:
        for widget in (self.label, self.bar, self.cancel_button):
            widget.hide()

    def _on_loading_progressed(self, job: Job, stage: str, percent: int) -> None:
        self.show_progress(f"{stage}“{job.path.name}”", percent)
