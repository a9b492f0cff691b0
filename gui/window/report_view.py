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

from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QSplitter, QVBoxLayout, QWidget

from gui.common.message_bar import MessageBar
from gui.common.settings import Settings
from gui.common.theme import document_colors
from gui.common.turns import later
from gui.outline.pane import OutlinePane
from gui.text.find_bar import FindBar
from gui.text.text_view import TextView
from gui.window.side_panels import SidePanels
from models import Row, Section
from models.load.protocol import Checks, Loaded

if TYPE_CHECKING:
    from gui.indicators.plot import BarChart
    from models.checks.finding import Finding, Skipped

PATH_SEPARATOR = " › "
MAX_FIND_PREFILL = 60
DEFAULT_SIZES = [385, 755, 460]
CHANGED_TEXT = "文件已在磁盘上更改。"
RELOAD_TEXT = "重新载入（F5）"


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
        self._shown = False
        self._row_starts: list[tuple[int, int, Row]] = []

        self.outline = OutlinePane(self)
        self.text = TextView(font_family, self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.side_tabs = SidePanels(settings, self)
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
        self.side_tabs.row_activated.connect(self._on_side_tabs_row_activated)
        self.side_tabs.finding_activated.connect(self._on_side_tabs_finding_activated)
        self.side_tabs.skipped_activated.connect(self._on_side_tabs_skipped_activated)
        self.side_tabs.checks_requested.connect(self.checks_requested)
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
        if self._shown:
            self._load_side_panels()
        self.text.scroll_to_offset(offset)
        self._on_text_top_offset_changed(self.text.top_offset())
        self._watch()

    def set_checks(self, checks: Checks) -> None:
        """The checks are over (DONE, FAILED or SKIPPED): list them in 核对 and mark their findings in the text."""
        self.checks = checks
        self.text.set_findings(checks.findings)
        # The list on a turn of its own, not the underlines': on a huge report the two in one turn would hold
        # the window.
        later(self, lambda: self.side_tabs.set_checks(checks))

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
        self.side_tabs.set_dark(self.dark)

    def release(self) -> None:
        """Stop all work on the report and let go of its document: the tab is closing."""
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self.text.release()

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
        if not self._shown:
            self._shown = True
            # Sizes given before the first show are rescaled when the splitter first lays out.
            sizes = self.settings.splitter_sizes("main")
            self.splitter.setSizes(sizes if sizes and len(sizes) == 3 else DEFAULT_SIZES)
            # The tree and the text are painted first; the panels come after them.
            self.text.first_painted.connect(self._on_text_first_painted)

    def _on_text_first_painted(self) -> None:
        QTimer.singleShot(0, self._load_side_panels)

    def _load_side_panels(self) -> None:
        sizes = self.splitter.sizes()
        self.side_tabs.load(self.report, self.checks, self.dark)
        self.splitter.setSizes(sizes)

    @property
    def indicator_panel(self) -> QWidget | None:
        """The 指标 panel, once the side panels are loaded."""
        return self.side_tabs.indicator_panel

    @property
    def check_panel(self) -> QWidget | None:
        """The 核对 panel, once the side panels are loaded (a label until the checks are over)."""
        return self.side_tabs.check_panel

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
        if (row := self._row_at(offset)) is not None:
            self.side_tabs.select_row(row)
        self.place_changed.emit()

    def _row_at(self, offset: int) -> Row | None:
        """The table row whose text holds `offset`, if the text there is a table's."""
        place = bisect_right(self._row_starts, offset, key=lambda item: item[0]) - 1
        if place < 0:
            return None
        start, end, row = self._row_starts[place]
        return row if start <= offset < max(end, start + 1) else None

    def _on_side_tabs_row_activated(self, row: Row) -> None:
        self.text.scroll_to_offset(row.start)
        self.text.mark_text(row.start, row.end)

    def _on_side_tabs_finding_activated(self, finding: Finding) -> None:
        if finding.spans:
            self.text.show_finding(finding.spans)
        elif finding.lines:
            self.text.scroll_to_line(finding.lines[0])

    def _on_side_tabs_skipped_activated(self, skipped: Skipped) -> None:
        if skipped.lines:
            self.text.scroll_to_line(skipped.lines[0])

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
        cursor = self.text.textCursor()
        # A longer selection is not what the reader wants to find (the document may show a break or two more).
        if 0 < cursor.selectionEnd() - cursor.selectionStart() <= 2 * MAX_FIND_PREFILL:
            selected = self.text.selected_text()
            if "\n" not in selected and len(selected) <= MAX_FIND_PREFILL:
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
        self.side_tabs.focus_panel()

    def current_section(self) -> Section | None:
        """The section current in the outline."""
        return self.outline.current_section()

    def chart(self) -> BarChart | None:
        """The 指标 panel's chart; None until the panel is made, or when the report has no table to chart."""
        return self.side_tabs.chart()
