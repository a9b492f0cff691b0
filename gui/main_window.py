"""The reader's window: the section tree, the report's text and the side panels, kept in step.

Only this module connects the widgets' signals to one another.
"""

from __future__ import annotations

import importlib
import traceback
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.find_bar import FindBar
from gui.outline_pane import OutlinePane
from gui.settings import Settings
from gui.text_view import TextView
from models import Report, ReportError, Row, Section, load_report

APP_NAME = "年报阅读器"
PATH_SEPARATOR = " › "
DEFAULT_SIZES = [385, 755, 460]
MAX_FIND_PREFILL = 60


class MainWindow(QMainWindow):
    """One report at a time: tree on the left, text in the centre, indicators and checks on the right."""

    def __init__(self, settings: Settings, font_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.report: Report | None = None
        self.report_path: Path | None = None
        self.indicator_panel: QWidget | None = None
        self.check_panel: QWidget | None = None
        self._side_loaded = False

        self.outline = OutlinePane(self)
        self.text = TextView(font_family, self)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.side_tabs = QTabWidget(self)
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(QLabel("正在载入指标…", alignment=Qt.AlignmentFlag.AlignCenter), "指标")
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        # What the reading could not recover, said once above the text.
        self.notes_label = QLabel(self, wordWrap=True)
        self.notes_label.setStyleSheet("QLabel { background: #fff6d5; color: #5c4400; padding: 6px 10px; }")
        self.notes_label.hide()
        centre_layout.addWidget(self.notes_label)
        centre_layout.addWidget(self.text, 1)
        centre_layout.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.outline, centre, self.side_tabs):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.path_label = QLabel(self)
        self.line_label = QLabel(self)
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.line_label)

        self._make_actions()
        self._make_menus()
        self.outline.section_chosen.connect(self._on_outline_section_chosen)
        self.text.top_offset_changed.connect(self._on_text_top_offset_changed)
        self.find_bar.text_changed.connect(self._on_find_text_changed)
        self.find_bar.next_requested.connect(self._on_find_next)
        self.find_bar.previous_requested.connect(self._on_find_previous)
        self.find_bar.closed.connect(self._on_find_bar_closed)
        self.text.set_zoom(settings.zoom())
        self._restore_layout()

    # Actions and menus

    def _action(self, text: str, shortcuts, slot) -> QAction:
        action = QAction(text, self)
        # Standard keys differ by platform; the explicit ones make sure the usual keys work everywhere.
        sequences: list[QKeySequence] = []
        for key in shortcuts:
            for sequence in (
                QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]
            ):
                if not sequence.isEmpty() and sequence not in sequences:
                    sequences.append(sequence)
        action.setShortcuts(sequences)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.open_action = self._action("打开报告(&O)…", [keys.Open], self._on_open_triggered)
        self.quit_action = self._action("退出(&Q)", [keys.Quit, "Ctrl+Q"], self.close)
        self.copy_action = self._action("复制(&C)", [keys.Copy], self.text.copy)
        self.select_all_action = self._action("全选(&A)", [keys.SelectAll], self.text.selectAll)
        self.find_action = self._action("查找(&F)…", [keys.Find], self._on_find_triggered)
        self.find_next_action = self._action("查找下一个(&N)", [keys.FindNext, "F3"], self._on_find_next)
        self.find_previous_action = self._action(
            "查找上一个(&P)", [keys.FindPrevious, "Shift+F3"], self._on_find_previous
        )
        self.zoom_in_action = self._action("放大(&I)", ["Ctrl+=", keys.ZoomIn], self._on_zoom_in)
        self.zoom_out_action = self._action("缩小(&O)", [keys.ZoomOut, "Ctrl+-"], self._on_zoom_out)
        self.zoom_reset_action = self._action("原始大小(&R)", ["Ctrl+0"], self._on_zoom_reset)
        self.focus_outline_action = self._action("转到目录", ["Alt+1"], self._on_focus_outline)
        self.focus_text_action = self._action("转到正文", ["Alt+2"], self._on_focus_text)
        self.focus_side_action = self._action("转到指标面板", ["Alt+3"], self._on_focus_side)
        self.full_screen_action = self._action("全屏(&U)", [keys.FullScreen, "F11"], self._on_full_screen)
        self.full_screen_action.setCheckable(True)
        self.about_action = self._action("关于年报阅读器(&A)", [keys.HelpContents, "F1"], self._on_about)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("编辑(&E)")
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.select_all_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.find_next_action)
        edit_menu.addAction(self.find_previous_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.outline.filter_action)
        view_menu = bar.addMenu("视图(&V)")
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.outline.expand_all_action)
        view_menu.addAction(self.outline.collapse_all_action)
        levels = view_menu.addMenu("展开到(&L)")
        for action in self.outline.level_actions:
            levels.addAction(action)
        view_menu.addSeparator()
        for action in (self.focus_outline_action, self.focus_text_action, self.focus_side_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.full_screen_action)
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self.about_action)

    # Reports

    def open_report(self, path: Path) -> None:
        """Read and show the report at `path`. Raises ReportError (with a reader's message) if it cannot."""
        self.show_report(load_report(path), Path(path))

    def show_report(self, report: Report, path: Path) -> None:
        """Show a report already read from `path`."""
        self._remember_position()
        self.report, self.report_path = report, path.resolve()
        self.setWindowTitle(f"{report.title or self.report_path.name} — {APP_NAME}")
        self.notes_label.setText("说明：" + "；".join(report.notes))
        self.notes_label.setVisible(bool(report.notes))
        self.outline.set_sections(report.sections)
        self.text.set_report(report)
        self.settings.set_last_report(self.report_path)
        if self.find_bar.isVisible():
            self._on_find_text_changed(self.find_bar.text())
        if self._side_loaded:
            self._load_side_panels()
        self.text.scroll_to_offset(self.settings.reading_offset(self.report_path))
        self._on_text_top_offset_changed(self.text.top_offset())

    def _remember_position(self) -> None:
        if self.report_path is not None:
            self.settings.set_reading_offset(self.report_path, self.text.top_offset())

    # Side panels: their modules pull in pandas and pyqtgraph, so they load after the window shows.

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._side_loaded:
            self._side_loaded = True
            # Sizes given before the first show are rescaled when the splitter first lays out.
            sizes = self.settings.splitter_sizes("main")
            self.splitter.setSizes(sizes if sizes and len(sizes) == 3 else DEFAULT_SIZES)
            QTimer.singleShot(0, self._load_side_panels)

    def _load_side_panels(self) -> None:
        if self.report is None:
            return
        sizes = self.splitter.sizes()
        current = self.side_tabs.currentIndex()
        old = [self.side_tabs.widget(number) for number in range(self.side_tabs.count())]
        self.side_tabs.clear()
        for widget in old:
            widget.deleteLater()
        self.indicator_panel = self._make_indicator_panel(self.report)
        self.side_tabs.addTab(self.indicator_panel, "指标")
        checks = self._make_check_panel(self.report)
        if checks is not None:
            self.check_panel, count = checks
            self.side_tabs.addTab(self.check_panel, "核对" if count is None else f"核对（{count}）")
        self.side_tabs.setCurrentIndex(max(current, 0))
        self.splitter.setSizes(sizes)

    def _make_indicator_panel(self, report: Report) -> QWidget:
        try:
            module = importlib.import_module("gui.indicator_panel")
            panel = module.IndicatorPanel(report.tables, self)
        except Exception as error:  # a broken panel must not take the report's text down with it
            return self._panel_failure("指标面板", error)
        panel.row_activated.connect(self._on_indicator_row_activated)
        panel.set_log_scale(self.settings.log_scale())
        panel.log_scale_changed.connect(self.settings.set_log_scale)
        return panel

    def _make_check_panel(self, report: Report) -> tuple[QWidget, int | None] | None:
        try:
            module = importlib.import_module("gui.check_panel")
            checks = importlib.import_module("models.checks")
        except ImportError:
            return None
        try:
            findings = list(checks.run_checks(report))
            panel = module.CheckPanel(findings, self)
        except Exception as error:
            return self._panel_failure("核对", error), None
        panel.finding_activated.connect(self._on_check_finding_activated)
        return panel, len(findings)

    def _panel_failure(self, name: str, error: Exception) -> QWidget:
        traceback.print_exception(error)
        return QLabel(f"{name}无法显示：{error}", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)

    # Keeping tree, text and status bar in step

    def _on_outline_section_chosen(self, section: Section) -> None:
        self.text.scroll_to_offset(section.start)
        self.text.mark_text(section.start, section.title_end)
        self._show_path(section)

    def _on_text_top_offset_changed(self, offset: int) -> None:
        section = self.outline.model.section_at(offset)
        if section is not self.outline.current_section():
            self.outline.show_section(section)
        self._show_path(section)
        self.line_label.setText(f"第 {self.text.top_line()} 行 / 共 {self.text.line_count()} 行")

    def _show_path(self, section: Section | None) -> None:
        if section is None:
            self.path_label.setText(self.report.title if self.report else "")
            return
        self.path_label.setText(PATH_SEPARATOR.join(s.heading for s in self.outline.model.path(section)))

    def _on_indicator_row_activated(self, row: Row) -> None:
        self.text.scroll_to_offset(row.start)
        self.text.mark_text(row.start, row.end)

    def _on_check_finding_activated(self, finding) -> None:
        if finding.lines and self.report is not None:
            self.text.scroll_to_line(finding.lines[0])
            start = self.text.top_offset()
            self.text.mark_text(start, start + 1)

    # Find

    def _on_find_triggered(self) -> None:
        selected = self.text.textCursor().selectedText()
        # A selection within one paragraph is what the reader wants to find; a longer one is not.
        if selected and "\u2029" not in selected and len(selected) <= MAX_FIND_PREFILL:
            self.find_bar.edit.setText(selected)
        self.find_bar.open_bar()

    def _on_find_text_changed(self, text: str) -> None:
        count = self.text.find_all(text)
        # As in a browser, the view goes to the first hit from where the reader is while typing.
        current = self.text.go_to_hit(1) if count else -1
        self.find_bar.show_count(current, count)

    def _on_find_next(self) -> None:
        self._step_find(1)

    def _on_find_previous(self) -> None:
        self._step_find(-1)

    def _step_find(self, step: int) -> None:
        if not self.find_bar.isVisible():
            self.find_bar.open_bar()
        current = self.text.go_to_hit(step)
        self.find_bar.show_count(current, self.text.hit_count())

    def _on_find_bar_closed(self) -> None:
        self.text.find_all("")
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    # Zoom, focus, files, help

    def _on_zoom_in(self) -> None:
        self._zoom_to(self.text.zoom() + 1)

    def _on_zoom_out(self) -> None:
        self._zoom_to(self.text.zoom() - 1)

    def _on_zoom_reset(self) -> None:
        self._zoom_to(0)

    def _zoom_to(self, steps: int) -> None:
        self.text.set_zoom(steps)
        if self.find_bar.isVisible():
            self.text.find_all(self.find_bar.text())
        self.settings.set_zoom(self.text.zoom())

    def _on_focus_outline(self) -> None:
        self.outline.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_focus_text(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_focus_side(self) -> None:
        self.side_tabs.setFocus(Qt.FocusReason.ShortcutFocusReason)
        widget = self.side_tabs.currentWidget()
        if widget is not None:
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _on_open_triggered(self) -> None:
        last = self.settings.last_report()
        start = str(last.parent) if last else ""
        name, _ = QFileDialog.getOpenFileName(self, "打开报告", start, "年度报告 (*.txt *.html *.htm);;所有文件 (*)")
        if name:
            self._open_with_message(Path(name))

    def _open_with_message(self, path: Path) -> None:
        try:
            self.open_report(path)
        except ReportError as error:
            QMessageBox.critical(self, "无法打开报告", f"无法打开这份报告。\n\n{error}")

    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        for number, path in enumerate(self.settings.recent_reports(), start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setEnabled(path.is_file())
            action.triggered.connect(lambda _checked=False, path=path: self._open_with_message(path))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("（无）").setEnabled(False)

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            "关于年报阅读器",
            "年报阅读器：离线阅读政府信息公开工作年度报告。\n\n"
            "左侧目录与正文同步；Ctrl+F 查找；Ctrl+= / Ctrl+- / Ctrl+0 缩放。\n"
            "界面字体：Noto Sans CJK SC 子集（SIL Open Font License 1.1）。",
        )

    # Layout memory

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            available = self.screen().availableSize()
            self.resize(min(1600, available.width()), min(1000, available.height()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set_geometry(QByteArray(self.saveGeometry()))
        self.settings.set_splitter_sizes("main", self.splitter.sizes())
        self.settings.set_zoom(self.text.zoom())
        self._remember_position()
        self.settings.sync()
        super().closeEvent(event)
