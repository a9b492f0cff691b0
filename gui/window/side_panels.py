"""The side panels of one report: 指标 (its tables and chart) and 核对 (the findings of its checks).

They are placeholders until `load`: their modules pull in pandas and pyqtgraph, which the view's first
frame does not wait for. The chart is drawn before the checks are asked for: what the reader sees first
comes first.

Signals:
    row_activated(object): a table row (models.core.document.Row) was chosen in 指标.
    finding_activated(object): a finding (models.checks.finding.Finding) was chosen in 核对.
    skipped_activated(object): a check that could not run (models.checks.finding.Skipped) was chosen in 核对.
    checks_requested(): the chart is drawn and the checks are still pending: they may come now.
"""

from __future__ import annotations

import traceback
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from gui.common.first_frame import centre
from gui.common.settings import Settings
from models import Report, Row
from models.load.protocol import Checks, CheckState

if TYPE_CHECKING:
    from gui.indicators.plot import BarChart

LOADING_TEXT = "正在载入指标…"
CHECKING_TEXT = "正在核对数字…"


class SidePanels(QTabWidget):
    """The 指标 and 核对 tabs; `load` makes them for a report, `set_checks` lists its checks once over."""

    row_activated = Signal(object)
    finding_activated = Signal(object)
    skipped_activated = Signal(object)
    checks_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setDocumentMode(True)
        self.addTab(_centred_label(LOADING_TEXT), "指标")
        self.indicator_panel: QWidget | None = None
        self.check_panel: QWidget | None = None
        self._checks: Checks | None = None
        self._dark = False
        self._panel_waiting: QWidget | None = None  # the panel whose first paint lets the checks come

    def is_loaded(self) -> bool:
        return self._checks is not None

    def load(self, report: Report, checks: Checks, dark: bool) -> None:
        """Make both panels anew for `report`, the tab shown staying the one the reader chose."""
        self._checks, self._dark = checks, dark
        current = self.currentIndex()
        old = [self.widget(number) for number in range(self.count())]
        self.clear()
        for widget in old:
            widget.deleteLater()
        self.indicator_panel = self._make_indicator_panel(report)
        self.addTab(self.indicator_panel, "指标")
        self.check_panel = _centred_label(CHECKING_TEXT)
        self.addTab(self.check_panel, "核对")
        self.setCurrentIndex(max(current, 0))
        if self.currentWidget() is self.indicator_panel:
            # Painted in the same pass as its chart: once it has been, the chart is on screen.
            self._panel_waiting = self.indicator_panel
            self.indicator_panel.installEventFilter(self)
        else:
            QTimer.singleShot(0, self._load_check_panel)

    def set_checks(self, checks: Checks) -> None:
        """The checks are over: list them in 核对 (if the panels are loaded; `load` lists them otherwise)."""
        if self._checks is not None:
            self._checks = checks
            self._load_check_panel()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        if (chart := self.chart()) is not None:
            chart.set_dark(dark)

    def chart(self) -> BarChart | None:
        """The 指标 panel's chart; None until the panel is made, or when the report has no table to chart."""
        return getattr(self.indicator_panel, "chart", lambda: None)()

    def select_row(self, row: Row) -> None:
        """Show `row` selected in the 指标 table (once the panel is there)."""
        select_row = getattr(self.indicator_panel, "select_row", None)
        if select_row is not None:
            select_row(row)

    def focus_panel(self) -> None:
        """Put the keyboard focus in the panel shown."""
        self.setFocus()
        if (panel := self.currentWidget()) is not None:
            panel.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self._panel_waiting:
            watched.removeEventFilter(self)
            self._panel_waiting = None
            QTimer.singleShot(0, self._load_check_panel)
        return super().eventFilter(watched, event)

    def _load_check_panel(self) -> None:
        if self.count() != 2 or self._checks is None:
            return
        if self._checks.state is CheckState.PENDING:
            self.checks_requested.emit()  # the panel says they are coming; set_checks brings them
            return
        current = self.currentIndex()
        old = self.widget(1)
        self.removeTab(1)
        old.deleteLater()
        self.check_panel, title = self._make_check_panel(self._checks)
        self.addTab(self.check_panel, title)
        self.setCurrentIndex(current)

    def _make_indicator_panel(self, report: Report) -> QWidget:
        try:
            from gui.indicators.panel import IndicatorPanel

            panel = IndicatorPanel(report.tables, self)
        except Exception as error:  # a broken panel must not take the report's text down with it
            return _panel_failure("指标面板", error)
        panel.row_activated.connect(self.row_activated)
        if (chart := panel.chart()) is not None:
            chart.set_dark(self._dark)
        panel.set_log_scale(self.settings.log_scale())
        panel.log_scale_changed.connect(self.settings.set_log_scale)
        return panel

    def _make_check_panel(self, checks: Checks) -> tuple[QWidget, str]:
        """The 核对 tab for checks that are over, and its title."""
        try:
            from gui.checks.panel import CheckPanel, checks_widget, tab_title

            panel = checks_widget(checks, self)
        except Exception as error:
            return _panel_failure("核对", error), "核对"
        if isinstance(panel, CheckPanel):
            panel.finding_activated.connect(self.finding_activated)
            panel.skipped_activated.connect(self.skipped_activated)
        return panel, tab_title(checks)


def _panel_failure(name: str, error: Exception) -> QWidget:
    traceback.print_exception(error)
    return _centred_label(f"{name}无法显示：{error}")


def _centred_label(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True)
    centre(label)
    return label
