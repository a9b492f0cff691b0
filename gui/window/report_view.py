"""One open report in its tab: the section tree, the text and the side panels (指标, 核对), kept in step.

The main window holds one ReportView per tab; it connects this view's signals to its status bar and
does the reading of files. Everything that belongs to one report (its reading position, its find
highlights, the chosen finding, the note that the file changed on disk) lives here.

Signals:
    place_changed(): the section or line shown at the top of the text changed.
    reload_requested(): the reader asked, on the bar above the text, to read the changed file again.
    checks_requested(): the 核对 panel is ready for checks still pending (the chart is drawn): they may come now.
    layout_progressed(int): percent of a huge report's document built.
    layout_finished(): the text of a huge report is shown.
"""

from __future__ import annotations

import traceback
from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from gui.common.first_frame import centre
from gui.common.message_bar import MessageBar
from gui.common.settings import Settings
from gui.common.theme import document_colors
from gui.common.turns import later
from gui.outline.pane import OutlinePane
from gui.text.find_bar import FindBar
from gui.text.text_view import TextView
from models import Report, Row, Section
from models.load.protocol import Checks, CheckState, Loaded

if TYPE_CHECKING:
    from gui.indicators.plot import BarChart
    from models.checks.finding import Finding

PATH_SEPARATOR = " › "
# How QTextCursor.selectedText() ends a paragraph.
PARAGRAPH_SEPARATOR = "\u2029"
MAX_FIND_PREFILL = 60
DEFAULT_SIZES = [385, 755, 460]
CHANGED_TEXT = "文件已在磁盘上更改。"
RELOAD_TEXT = "重新载入（F5）"
CHECKING_TEXT = "正在核对数字…"


class ReportView(QWidget):
    """Tree on the left, text in the centre, indicators and checks on the right, for one report."""

    place_changed = Signal()
    reload_requested = Signal()
    checks_requested = Signal()
    layout_progressed = Signal(int)
    layout_finished = Signal()

    def __init__(
        self,
        loaded: Loaded,
        path: Path,
        settings: Settings,
        font_family: str,
        parent: QWidget | None = None,
        dark: bool = False,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.report = loaded.report
        self.path = Path(path).resolve()
        self.checks = loaded.checks  # PENDING until the window brings their end (set_checks)
        self.indicator_panel: QWidget | None = None
        self.check_panel: QWidget | None = None
        self._side_loaded = False
        self._panel_waiting: QWidget | None = None  # the panel whose first paint lets the checks come
        self._row_starts: list[tuple[int, int, Row]] = []

        self.outline = OutlinePane(self)
        self.text = TextView(font_family, self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.side_tabs = QTabWidget(self)
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(_centred_label("正在载入指标…"), "指标")
        # What the reading could not recover, said once above the text.
        self.notes_label = QLabel(self, wordWrap=True)
        self.notes_label.hide()
        self.reload_bar = MessageBar(RELOAD_TEXT, self)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.reload_bar)
        centre_layout.addWidget(self.notes_label)
        centre_layout.addWidget(self.text, 1)
        centre_layout.addWidget(self.find_bar)
        self.splitter = QSplitter(parent=self)  # horizontal
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.outline, centre, self.side_tabs):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        # Files are opened by the window: the text (and with it its viewport) takes no drop, so Qt offers it up.
        self.text.setAcceptDrops(False)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_watcher_file_changed)
        self.reload_bar.action_triggered.connect(self.reload_requested)
        self.outline.section_chosen.connect(self._on_outline_section_chosen)
        self.text.top_offset_changed.connect(self._on_text_top_offset_changed)
        self.text.layout_progressed.connect(self.layout_progressed)
        self.text.layout_finished.connect(self._on_text_layout_finished)
        self.find_bar.text_changed.connect(self.find_text)
        self.find_bar.next_requested.connect(self._on_find_bar_next_requested)
        self.find_bar.previous_requested.connect(self._on_find_bar_previous_requested)
        self.find_bar.closed.connect(self._on_find_bar_closed)
        self.dark = dark
        self._apply_colors()
        self.text.set_zoom(settings.zoom())
        self.set_report(loaded)

    # The report

    def set_report(self, loaded: Loaded) -> None:
        """Show `loaded`'s report (read again from the same file, or the first time) from the reader's place,
        with its checks as they are (`set_checks` brings the end of checks PENDING)."""
        offset = self.settings.reading_offset(self.path) if self.text.text_map() is None else self.text.top_offset()
        report = self.report = loaded.report
        self.checks = loaded.checks
        self.notes_label.setText("说明：" + "；".join(report.notes))
        self.notes_label.setVisible(bool(report.notes))
        self.reload_bar.hide()
        self.outline.set_sections(report.sections, loaded.section_index)
        self._row_starts = sorted((row.start, row.end, row) for table in report.tables for row in table.rows)
        self.text.set_report(report, self.checks.findings)
        if self.find_bar.isVisible():
            self.find_text(self.find_bar.text())
        if self._side_loaded:
            self._load_side_panels()
        self.text.scroll_to_offset(offset)
        self._on_text_top_offset_changed(self.text.top_offset())
        self._watch()

    def set_checks(self, checks: Checks) -> None:
        """The checks are over (DONE, FAILED or SKIPPED): list them in 核对 and mark their findings in the text."""
        self.checks = checks
        self.text.set_findings(checks.findings)
        if self._side_loaded:
            # The list on a turn of its own, not the underlines': on a huge report the two in one turn would
            # hold the window.
            later(self, self._load_check_panel)

    @property
    def findings(self) -> list[Finding]:
        """The findings of the checks once they are DONE; none until then, nor when they failed or were skipped."""
        return self.checks.findings

    def set_dark(self, dark: bool) -> None:
        """Show the text, its notes, the outline and the chart in the dark or the light theme's own colours."""
        if dark != self.dark:
            self.dark = dark
            self._apply_colors()

    def _apply_colors(self) -> None:
        colors = document_colors(self.dark)
        self.notes_label.setStyleSheet(
            f"QLabel {{ background: {colors.notes_background}; color: {colors.notes_text}; padding: 6px 10px; }}"
        )
        self.text.set_dark(self.dark)
        self.outline.set_dark(self.dark)
        if (chart := self.chart()) is not None:
            chart.set_dark(self.dark)

    def title(self) -> str:
        return self.report.title or self.path.name

    def remember_position(self) -> None:
        if not self.text.is_laying_out():
            self.settings.set_reading_offset(self.path, self.text.top_offset())

    def _watch(self) -> None:
        # An editor that saves by writing a new file and renaming it drops the old one from the watch.
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if self.path.is_file():
            self.watcher.addPath(str(self.path))

    def _on_watcher_file_changed(self, _path: str) -> None:
        self.reload_bar.show_message(CHANGED_TEXT)
        self._watch()

    def _on_text_layout_finished(self) -> None:
        self._on_text_top_offset_changed(self.text.top_offset())
        self.layout_finished.emit()

    # Side panels: their modules pull in pandas and pyqtgraph, so they load after the view first shows.

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._side_loaded:
            self._side_loaded = True
            # Sizes given before the first show are rescaled when the splitter first lays out.
            sizes = self.settings.splitter_sizes("main")
            self.splitter.setSizes(sizes if sizes and len(sizes) == 3 else DEFAULT_SIZES)
            # The first frame shows the tree and the text; the panels (pandas, pyqtgraph) come after it.
            self.text.first_painted.connect(self._on_text_first_painted)

    def _on_text_first_painted(self) -> None:
        QTimer.singleShot(0, self._load_side_panels)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The chart is drawn before the checks run: what the reader sees first comes first.
        if event.type() == QEvent.Type.Paint and watched is self._panel_waiting:
            watched.removeEventFilter(self)
            self._panel_waiting = None
            QTimer.singleShot(0, self._load_check_panel)
        return super().eventFilter(watched, event)

    def _load_side_panels(self) -> None:
        sizes = self.splitter.sizes()
        current = self.side_tabs.currentIndex()
        old = [self.side_tabs.widget(number) for number in range(self.side_tabs.count())]
        self.side_tabs.clear()
        for widget in old:
            widget.deleteLater()
        self.indicator_panel = self._make_indicator_panel(self.report)
        self.side_tabs.addTab(self.indicator_panel, "指标")
        self.check_panel = _centred_label(CHECKING_TEXT)
        self.side_tabs.addTab(self.check_panel, "核对")
        self.side_tabs.setCurrentIndex(max(current, 0))
        self.splitter.setSizes(sizes)
        if self.side_tabs.currentWidget() is self.indicator_panel:
            # Painted in the same pass as its chart: once it has been, the chart is on screen.
            self._panel_waiting = self.indicator_panel
            self.indicator_panel.installEventFilter(self)
        else:
            QTimer.singleShot(0, self._load_check_panel)

    def _load_check_panel(self) -> None:
        if self.side_tabs.count() != 2:
            return
        if self.checks.state is CheckState.PENDING:
            self.checks_requested.emit()  # the panel says they are coming; set_checks brings them
            return
        current = self.side_tabs.currentIndex()
        old = self.side_tabs.widget(1)
        self.side_tabs.removeTab(1)
        old.deleteLater()
        self.check_panel, title = self._make_check_panel()
        self.side_tabs.addTab(self.check_panel, title)
        self.side_tabs.setCurrentIndex(current)

    def _make_indicator_panel(self, report: Report) -> QWidget:
        try:
            from gui.indicators.panel import IndicatorPanel

            panel = IndicatorPanel(report.tables, self)
        except Exception as error:  # a broken panel must not take the report's text down with it
            return _panel_failure("指标面板", error)
        panel.row_activated.connect(self._on_indicator_row_activated)
        if (chart := panel.chart()) is not None:
            chart.set_dark(self.dark)
        panel.set_log_scale(self.settings.log_scale())
        panel.log_scale_changed.connect(self.settings.set_log_scale)
        return panel

    def _make_check_panel(self) -> tuple[QWidget, str]:
        """The 核对 tab for checks that are over, and its title."""
        try:
            from gui.checks.panel import CheckPanel, checks_widget, tab_title

            panel = checks_widget(self.checks, self)
        except Exception as error:
            return _panel_failure("核对", error), "核对"
        if isinstance(panel, CheckPanel):
            panel.finding_activated.connect(self._on_check_finding_activated)
        return panel, tab_title(self.checks)

    # Keeping tree, text, panels and status bar in step

    def path_text(self) -> str:
        """Where the reader is: the headings above the top of the text, or the report's title."""
        section = self.outline.model.section_at(self.text.top_offset())
        if section is None:
            return self.report.title
        return PATH_SEPARATOR.join(s.heading for s in self.outline.model.path(section))

    def line_text(self) -> str:
        if self.text.is_laying_out():
            return "正在排版…"
        return f"第 {self.text.top_line()} 行 / 共 {self.text.line_count()} 行"

    def _on_outline_section_chosen(self, section: Section) -> None:
        self.text.scroll_to_offset(section.start)
        self.text.mark_text(section.start, section.title_end)
        self.place_changed.emit()

    def _on_text_top_offset_changed(self, offset: int) -> None:
        section = self.outline.model.section_at(offset)
        if section is not self.outline.current_section():
            self.outline.show_section(section)
        row = self._row_at(offset)
        select_row = getattr(self.indicator_panel, "select_row", None)
        if row is not None and select_row is not None:
            select_row(row)
        self.place_changed.emit()

    def _row_at(self, offset: int) -> Row | None:
        """The table row whose text holds `offset`, if the text there is a table's."""
        place = bisect_right(self._row_starts, offset, key=lambda item: item[0]) - 1
        if place < 0:
            return None
        start, end, row = self._row_starts[place]
        return row if start <= offset < max(end, start + 1) else None

    def _on_indicator_row_activated(self, row: Row) -> None:
        self.text.scroll_to_offset(row.start)
        self.text.mark_text(row.start, row.end)

    def _on_check_finding_activated(self, finding) -> None:
        if finding.spans:
            self.text.show_finding(finding.spans)
        elif finding.lines:
            self.text.scroll_to_line(finding.lines[0])

    # Find

    def find_text(self, text: str) -> None:
        count = self.text.find_all(text)
        # As in a browser, the view goes to the first hit from where the reader is while typing.
        current = self.text.go_to_hit(1) if count else -1
        self.find_bar.show_count(current, count)

    def _on_find_bar_next_requested(self) -> None:
        self.step_find(1)

    def _on_find_bar_previous_requested(self) -> None:
        self.step_find(-1)

    def _on_find_bar_closed(self) -> None:
        self.text.find_all("")
        self.text.setFocus()

    def open_find(self) -> None:
        """Open the find bar, to find what is selected if it lies within one paragraph."""
        selected = self.text.textCursor().selectedText()
        # A longer selection is not what the reader wants to find.
        if selected and PARAGRAPH_SEPARATOR not in selected and len(selected) <= MAX_FIND_PREFILL:
            self.find_bar.edit.setText(selected)
        self.find_bar.open_bar()

    def step_find(self, step: int) -> None:
        """Go `step` hits on (back if negative), opening the find bar if it is closed."""
        if not self.find_bar.isVisible():
            self.find_bar.open_bar()
        current = self.text.go_to_hit(step)
        self.find_bar.show_count(current, self.text.hit_count())

    # What the window's commands do to the report

    def copy(self) -> None:
        """Copy the selection: a table's cells if a table has the focus (ready for a spreadsheet), else the text."""
        from PySide6.QtWidgets import QTableView  # the side panels' tables come after the first frame

        focused = QApplication.focusWidget()
        if isinstance(focused, QTableView):
            from gui.window.clipboard import copy_table_cells

            copy_table_cells(focused)
        else:
            self.text.copy()

    def select_all(self) -> None:
        self.text.selectAll()

    def zoom(self) -> int:
        """The text's size in steps from the normal size."""
        return self.text.zoom()

    def zoom_to(self, steps: int) -> None:
        """Show the text `steps` sizes from the normal one, and keep that size for the reports opened next."""
        self.text.set_zoom(steps)
        if self.find_bar.isVisible():
            self.text.find_all(self.find_bar.text())
        self.settings.set_zoom(self.text.zoom())

    def zoom_by(self, step: int) -> None:
        self.zoom_to(self.text.zoom() + step)

    def filter_outline(self) -> None:
        self.outline.focus_filter()

    def expand_all(self) -> None:
        self.outline.expand_all()

    def collapse_all(self) -> None:
        self.outline.collapse_all()

    def expand_to(self, level: int) -> None:
        """Show the outline's headings down to `level` (1: the top headings only)."""
        self.outline.expand_to_level(level)

    def focus_outline(self) -> None:
        self.outline.focus_tree()

    def focus_text(self) -> None:
        self.text.setFocus()

    def focus_side_panel(self) -> None:
        """Put the keyboard focus in the side panel shown (指标 or 核对)."""
        self.side_tabs.setFocus()
        if (panel := self.side_tabs.currentWidget()) is not None:
            panel.setFocus()

    def current_section(self) -> Section | None:
        """The section current in the outline."""
        return self.outline.current_section()

    def chart(self) -> BarChart | None:
        """The 指标 panel's chart; None until the panel is made, or when the report has no table to chart."""
        return getattr(self.indicator_panel, "chart", lambda: None)()


def _panel_failure(name: str, error: Exception) -> QWidget:
    traceback.print_exception(error)
    return _centred_label(f"{name}无法显示：{error}")


def _centred_label(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True)
    centre(label)
    return label
