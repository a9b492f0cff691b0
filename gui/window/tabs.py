"""The window's tabs: one `ReportView` a tab, titled by its report and found by its file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTabWidget, QWidget

from gui.common.first_frame import elide_right
from gui.window.report_view import ReportView


class ReportTabs(QTabWidget):
    """Tabs of reports, closable and movable, their titles cut with "…" when many are open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        elide_right(self)
        self.tabBar().setExpanding(False)

    def views(self) -> list[ReportView]:
        return [self.widget(number) for number in range(self.count())]  # type: ignore[misc]

    def current_view(self) -> ReportView | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, ReportView) else None

    def view_of(self, path: Path) -> ReportView | None:
        """The tab that shows the file at `path`, if one does."""
        resolved = Path(path).resolve()
        return next((view for view in self.views() if view.path == resolved), None)

    def add_view(self, view: ReportView) -> None:
        self.addTab(view, view.title())
        self.name_view(view)

    def name_view(self, view: ReportView) -> None:
        """The tab's title is its report's, its tooltip its file's path."""
        index = self.indexOf(view)
        self.setTabText(index, view.title())
        self.setTabToolTip(index, str(view.path))

    def step(self, step: int) -> None:
        """Bring the tab `step` places on to the front (back if negative), round from the last to the first."""
        if self.count():
            self.setCurrentIndex((self.currentIndex() + step) % self.count())
