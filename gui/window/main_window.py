"""The reader's window: menus, status bar, and one tab (a `ReportView`) per open report.

It opens files (File → Open, Recent Files, dropped files, the command line), reads big ones in the
background with a progress bar and a cancel button, reloads a report changed on disk, and says so in
plain Chinese when a file cannot be read, leaving the reports already open as they were.
Only this module connects the views' signals to the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import models
from gui.common.message_bar import MessageBar
from gui.common.qt_names import add_action, set_by_name
from gui.common.resources import APP_NAME, resource_path
from gui.common.settings import Settings
from gui.common.theme import ThemeSwitch
from gui.common.turns import later
from gui.outline.model import SectionIndex
from gui.window.report_view import ReportView
from gui.window.take_away import TakeAwayActions
from models import Report, ReportError
from models.load import early_read

if TYPE_CHECKING:
    from gui.window.loading import ReportLoader  # with its multiprocessing, imported when a big file is opened

MAX_FIND_PREFILL = 60
# Files bigger than this, and formats whose reading is slow, are read in a child process.
BACKGROUND_BYTES = 1_000_000
BACKGROUND_SUFFIXES = {".pdf", ".docx"}
MISSING_NOTE = "（文件已不存在）"
SETTINGS_NOTE_MILLISECONDS = 20_000
APP_ICON = "icons/nianbao.svg"
EMPTY_TEXT = "打开一份政府信息公开工作年度报告：\n文件 → 打开（Ctrl+O），或把文件拖到这里。"
FILE_FILTER = "年度报告 (*.txt *.html *.htm *.docx *.pdf);;所有文件 (*)"


class MainWindow(QMainWindow):
    """Tabs of reports; the menus act on the report in the current tab."""

    def __init__(self, settings: Settings, font_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.font_family = font_family
        self._first_painted = False
        self.loaders: list[tuple[ReportLoader, ReportView | None]] = []

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        set_by_name(self.tabs, "elideMode", "ElideRight")
        self.tabs.tabBar().setExpanding(False)
        self.empty_label = QLabel(EMPTY_TEXT, self)
        set_by_name(self.empty_label, "alignment", "AlignCenter")
        self.empty_label.setStyleSheet("QLabel { color: #6b6b6b; }")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.tabs)
        self.message_bar = MessageBar(parent=self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setAcceptDrops(True)

        self.path_label = QLabel(self)
        self.line_label = QLabel(self)
        self.loading_label = QLabel(self)
        self.loading_bar = QProgressBar(self)
        self.loading_bar.setMaximumWidth(220)
        self.loading_bar.setAccessibleName("载入进度")
        self.cancel_button = QPushButton(self, text="取消")  # (text, parent) would look QIcon up: 3 ms
        self.cancel_button.setToolTip("停止载入（Esc 之外的办法：关闭正在载入的标签页）")
        self.statusBar().addWidget(self.path_label, 1)
        for widget in (self.loading_label, self.loading_bar, self.cancel_button):
            self.statusBar().addPermanentWidget(widget)
            widget.hide()
        self.statusBar().addPermanentWidget(self.line_label)
        # Room for the progress bar and the cancel button from the start: a status bar that grows when
        # they appear shrinks the window's content, and the chart and the text are laid out again.
        tallest = max(widget.sizeHint().height() for widget in (self.loading_bar, self.cancel_button))
        self.statusBar().setMinimumHeight(tallest + self.statusBar().contentsMargins().top() * 2 + 4)

        # The theme's colours are the first view's; the menus' titles keep the bar its height from the first
        # frame, and their actions come after it (made in `_make_commands`, 6-10 ms of the first frame).
        self.theme = ThemeSwitch(QApplication.instance(), settings.theme_mode(), self)
        self.theme.mode_changed.connect(settings.set_theme_mode)
        self.theme.dark_changed.connect(self._on_theme_dark_changed)
        bar = self.menuBar()
        self._menus = [bar.addMenu(title) for title in ("文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)")]
        self.commands_made = False
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.cancel_button.clicked.connect(self.cancel_loading)
        self._restore_layout()
        notes = settings.notes()
        if notes:
            self.statusBar().showMessage("设置已忽略：" + "；".join(notes), SETTINGS_NOTE_MILLISECONDS)
        self._on_tabs_current_changed(-1)

    # Actions and menus

    def _make_commands(self) -> None:
        """The actions, their shortcuts and the menus holding them."""
        self._make_actions()
        self._fill_menus(*self._menus)
        self.commands_made = True
        self._enable_view_actions()

    def _make_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.open_action = add_action(self, "打开报告(&O)…", [keys.Open], self._on_open_triggered)
        self.reload_action = add_action(self, "重新载入(&R)", [keys.Refresh, "F5"], self._on_reload_triggered)
        self.close_tab_action = add_action(self, "关闭标签页(&W)", [keys.Close, "Ctrl+W"], self._on_close_tab_triggered)
        self.quit_action = add_action(self, "退出(&Q)", [keys.Quit, "Ctrl+Q"], self.close)
        self.copy_action = add_action(self, "复制(&C)", [keys.Copy], self._on_copy_triggered)
        self.select_all_action = add_action(self, "全选(&A)", [keys.SelectAll], self._on_select_all_triggered)
        self.find_action = add_action(self, "查找(&F)…", [keys.Find], self._on_find_triggered)
        self.find_next_action = add_action(self, "查找下一个(&N)", [keys.FindNext, "F3"], self._on_find_next)
        self.find_previous_action = add_action(
            self, "查找上一个(&P)", [keys.FindPrevious, "Shift+F3"], self._on_find_previous
        )
        self.zoom_in_action = add_action(self, "放大(&I)", ["Ctrl+=", keys.ZoomIn], self._on_zoom_in)
        self.zoom_out_action = add_action(self, "缩小(&O)", [keys.ZoomOut, "Ctrl+-"], self._on_zoom_out)
        self.zoom_reset_action = add_action(self, "原始大小(&R)", ["Ctrl+0"], self._on_zoom_reset)
        self.focus_outline_action = add_action(self, "转到目录", ["Alt+1"], self._on_focus_outline)
        self.focus_text_action = add_action(self, "转到正文", ["Alt+2"], self._on_focus_text)
        self.focus_side_action = add_action(self, "转到指标面板", ["Alt+3"], self._on_focus_side)
        self.next_tab_action = add_action(self, "下一个标签页(&T)", ["Ctrl+Tab", "Ctrl+PgDown"], self._on_next_tab)
        self.previous_tab_action = add_action(
            self, "上一个标签页(&B)", ["Ctrl+Shift+Tab", "Ctrl+PgUp"], self._on_previous_tab
        )
        self.full_screen_action = add_action(self, "全屏(&U)", [keys.FullScreen, "F11"], self._on_full_screen)
        self.full_screen_action.setCheckable(True)
        self.about_action = add_action(self, "关于年报阅读器(&A)", ["Ctrl+F1"], self._on_about)

    def _fill_menus(self, file_menu: QMenu, edit_menu: QMenu, view_menu: QMenu, help_menu: QMenu) -> None:
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        file_menu.addAction(self.reload_action)
        file_menu.addAction(self.close_tab_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.select_all_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.find_next_action)
        edit_menu.addAction(self.find_previous_action)
        edit_menu.addSeparator()
        self.filter_action = add_action(self, "筛选目录(&L)…", ["Ctrl+L"], self._on_filter_triggered)
        edit_menu.addAction(self.filter_action)
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        self.expand_all_action = add_action(self, "全部展开(&E)", ["Ctrl+Shift+E"], self._on_expand_all)
        self.collapse_all_action = add_action(self, "全部折叠(&C)", ["Ctrl+Shift+C"], self._on_collapse_all)
        view_menu.addAction(self.expand_all_action)
        view_menu.addAction(self.collapse_all_action)
        levels = view_menu.addMenu("展开到(&L)")
        for level in range(1, 5):
            action = add_action(
                self,
                f"展开到第 {level} 级",
                [f"Ctrl+{level}"],
                lambda _checked=False, level=level: self._on_expand_to(level),
            )
            levels.addAction(action)
        view_menu.addSeparator()
        for action in (self.focus_outline_action, self.focus_text_action, self.focus_side_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.next_tab_action)
        view_menu.addAction(self.previous_tab_action)
        view_menu.addSeparator()
        view_menu.addAction(self.full_screen_action)
        help_menu.addAction(self.about_action)
        self.take_away = TakeAwayActions(self, lambda: self.view, self.font_family, self.theme)
        self.take_away.add_to(file_menu, edit_menu, view_menu, help_menu, before=self.quit_action)

    # Tabs

    @property
    def view(self) -> ReportView | None:
        """The report in the current tab."""
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ReportView) else None

    @property
    def report(self) -> Report | None:
        """The report in the current tab."""
        return self.view.report if self.view is not None else None

    def views(self) -> list[ReportView]:
        return [self.tabs.widget(number) for number in range(self.tabs.count())]  # type: ignore[misc]

    def view_of(self, path: Path) -> ReportView | None:
        resolved = Path(path).resolve()
        return next((view for view in self.views() if view.path == resolved), None)

    def close_tab(self, index: int) -> None:
        view = self.tabs.widget(index)
        if not isinstance(view, ReportView):
            return
        view.remember_position()
        for loader, target in list(self.loaders):
            if target is view:
                self._forget_loader(loader, cancel=True)
        self.settings.set_splitter_sizes("main", view.splitter.sizes())
        self.tabs.removeTab(index)
        view.deleteLater()

    def _on_tabs_current_changed(self, _index: int) -> None:
        view = self.view
        self.stack.setCurrentWidget(self.tabs if view is not None else self.empty_label)
        self.setWindowTitle(f"{view.title()} — {APP_NAME}" if view else APP_NAME)
        self._enable_view_actions()
        self._show_place(view)

    def _enable_view_actions(self) -> None:
        if self.commands_made:
            for action in (self.reload_action, self.close_tab_action, self.find_action, self.copy_action):
                action.setEnabled(self.view is not None)

    def _on_close_tab_triggered(self) -> None:
        if self.tabs.count():
            self.close_tab(self.tabs.currentIndex())

    def _on_next_tab(self) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count())

    def _on_previous_tab(self) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() - 1) % self.tabs.count())

    # Reports

    def open_report(self, path: Path) -> None:
        """Read the report at `path` here and now and show it in a tab (its own, if already open).

        Raises ReportError (with a reader's message) if it cannot; the open reports stay as they were.
        """
        report = early_read.take(path)  # the first report, read while the window was being built
        self.show_report(report if report is not None else models.load_report(path), Path(path))

    def show_report(
        self,
        report: Report,
        path: Path,
        findings: list | None = None,
        checks_pending: bool = False,
        section_index: SectionIndex | None = None,
    ) -> ReportView:
        """Show a report already read from `path`: in the tab that shows that file, or a new one."""
        view = self._view_for(report, path, findings, checks_pending, section_index)
        self._bring_to_front(view)
        return view

    def _view_for(
        self,
        report: Report,
        path: Path,
        findings: list | None,
        checks_pending: bool,
        section_index: SectionIndex | None,
    ) -> ReportView:
        """The tab that shows `path`, given `report`; a new tab, not yet in front, if none does."""
        view = self.view_of(path)
        if view is not None:
            view.set_report(report, findings, checks_pending, section_index)
        else:
            if self.view is not None:
                # A new tab starts with the panes as the reader last arranged them.
                self.settings.set_splitter_sizes("main", self.view.splitter.sizes())
            view = ReportView(
                report,
                path,
                self.settings,
                self.font_family,
                findings,
                self,
                checks_pending,
                section_index,
                dark=self.theme.dark(),
            )
            view.place_changed.connect(self._on_view_place_changed)
            view.reload_requested.connect(self._on_view_reload_requested)
            view.layout_progressed.connect(self._on_view_layout_progressed)
            view.layout_finished.connect(self._on_view_layout_finished)
            self.tabs.addTab(view, view.title())
        index = self.tabs.indexOf(view)
        self.tabs.setTabText(index, view.title())
        self.tabs.setTabToolTip(index, str(view.path))
        return view

    def _bring_to_front(self, view: ReportView) -> None:
        index = self.tabs.indexOf(view)
        if index == -1:
            return  # closed meanwhile
        self.tabs.setCurrentIndex(index)
        self._on_tabs_current_changed(index)
        self.settings.set_last_report(view.path)

    def open_files(self, paths: list[Path]) -> None:
        """Open each file in a tab (switching to it if already open); big ones are read in the background.

        What cannot be read is said in the bar above the tabs; nothing open is closed or changed.
        """
        failures = []
        for path in map(Path, paths):
            if self.view_of(path) is not None:
                self.tabs.setCurrentWidget(self.view_of(path))
            elif _read_in_background(path):
                self.start_loading(path)
            else:
                try:
                    self.open_report(path)
                except ReportError as error:
                    failures.append(f"无法打开“{path.name}”：{error}")
        if failures:
            self.message_bar.show_message("\n".join(failures), "error")
        elif paths:
            self.message_bar.hide()

    def reload(self, view: ReportView) -> None:
        """Read `view`'s file again and show it from the same place; a failure leaves the view as it was."""
        view.reload_bar.hide()
        if _read_in_background(view.path):
            self.start_loading(view.path, view)
            return
        try:
            report = models.load_report(view.path)
        except ReportError as error:
            self.message_bar.show_message(f"无法重新载入“{view.path.name}”：{error}（仍显示先前读到的内容）", "error")
            return
        view.set_report(report)
        self.message_bar.hide()

    def _on_view_reload_requested(self) -> None:
        view = self.sender()
        if isinstance(view, ReportView):
            self.reload(view)

    def _on_reload_triggered(self) -> None:
        if self.view is not None:
            self.reload(self.view)

    # Reading in the background

    def start_loading(self, path: Path, view: ReportView | None = None) -> ReportLoader:
        """Read `path` in a child process; its report goes to `view` (a reload) or a new tab."""
        from gui.window.loading import ReportLoader

        loader = ReportLoader(path, self)
        self.loaders.append((loader, view))
        loader.progressed.connect(self._on_loader_progressed)
        loader.loaded.connect(self._on_loader_loaded)
        loader.checked.connect(self._on_loader_checked)
        loader.checks_failed.connect(self._on_loader_checks_failed)
        loader.failed.connect(self._on_loader_failed)
        self._show_loading(f"正在读取“{Path(path).name}”", -1)
        loader.start()
        return loader

    def cancel_loading(self) -> None:
        """Stop every reading in the background, and the laying out of a huge text."""
        for loader, _view in list(self.loaders):
            if loader.is_reading():
                self._forget_loader(loader, cancel=True)
        for view in self.views():
            if view.text.is_laying_out():
                self.close_tab(self.tabs.indexOf(view))
        self._hide_loading()

    def _forget_loader(self, loader: ReportLoader, cancel: bool = False) -> None:
        if cancel:
            loader.cancel()
        self.loaders = [(other, view) for other, view in self.loaders if other is not loader]
        self._hide_loading_when_done()

    def _hide_loading_when_done(self) -> None:
        reading = any(loader.is_reading() for loader, _view in self.loaders)
        if not reading and not any(view.text.is_laying_out() for view in self.views()):
            self._hide_loading()

    def _loader_view(self, loader: ReportLoader) -> ReportView | None:
        view = next((view for other, view in self.loaders if other is loader), None)
        return view if view is not None and self.tabs.indexOf(view) != -1 else None

    def _on_loader_progressed(self, loader: ReportLoader, stage: str, percent: int) -> None:
        if not loader.is_cancelled():
            self._show_loading(f"{stage}“{loader.path.name}”", percent)

    def _on_loader_loaded(self, loader: ReportLoader, report: Report, section_index: SectionIndex) -> None:
        if loader.is_cancelled():
            return
        target = self._loader_view(loader)
        if target is not None:
            target.set_report(report, None, True, section_index)
            view = target
        else:
            view = self._view_for(report, loader.path, None, True, section_index)
            # In front on a turn of its own: making the tab, laying its outline out (gui.outline.pane) and
            # showing it (its widgets' first layout and paint) held the window 60-100 ms in one.
            later(view, lambda: self._bring_to_front(view))
        # The checks go on in the child; closing the tab stops them.
        self.loaders = [(other, view if other is loader else old) for other, old in self.loaders]
        if view.text.is_laying_out():
            self._show_loading(f"正在排版“{loader.path.name}”", 0)
        self._hide_loading_when_done()

    def _on_loader_checked(self, loader: ReportLoader, findings: list) -> None:
        if not loader.is_cancelled():
            view = self._loader_view(loader)
            self._forget_loader(loader)
            if view is not None:
                view.set_findings(findings)

    def _on_loader_checks_failed(self, loader: ReportLoader, message: str) -> None:
        if not loader.is_cancelled():
            view = self._loader_view(loader)
            self._forget_loader(loader)
            if view is not None:
                view.set_findings(None, message)

    def _on_loader_failed(self, loader: ReportLoader, message: str) -> None:
        if loader.is_cancelled():
            return
        self._forget_loader(loader)
        self.message_bar.show_message(f"无法打开“{loader.path.name}”：{message}", "error")

    def _on_view_layout_progressed(self, percent: int) -> None:
        view = self.sender()
        if isinstance(view, ReportView) and not any(loader.is_reading() for loader, _view in self.loaders):
            self._show_loading(f"正在排版“{view.path.name}”", percent)

    def _on_view_layout_finished(self) -> None:
        self._hide_loading_when_done()
        self._show_place(self.view)

    def _show_loading(self, text: str, percent: int) -> None:
        self.loading_label.setText(text + "…")
        # A progress bar paints itself at once when its percent changes, and with it all the window has
        # waiting to be painted (a new tab: 20 ms more in this turn); with updates off it waits its turn.
        self.loading_bar.setUpdatesEnabled(False)
        # A range of 0 to 0 is Qt's busy bar, for a stage whose length nobody knows.
        self.loading_bar.setRange(0, 0 if percent < 0 else 100)
        self.loading_bar.setValue(max(percent, 0))
        self.loading_bar.setUpdatesEnabled(True)
        for widget in (self.loading_label, self.loading_bar, self.cancel_button):
            widget.show()

    def _hide_loading(self) -> None:
        for widget in (self.loading_label, self.loading_bar, self.cancel_button):
            widget.hide()

    def is_loading(self) -> bool:
        """Whether a report is still being read or laid out (its checks may go on after)."""
        reading = any(loader.is_reading() for loader, _view in self.loaders)
        return reading or any(view.text.is_laying_out() for view in self.views())

    # Status bar

    def _on_view_place_changed(self) -> None:
        if self.sender() is self.view:
            self._show_place(self.view)

    def _show_place(self, view: ReportView | None) -> None:
        self.path_label.setText(view.path_text() if view else "")
        self.line_label.setText(view.line_text() if view else "")

    # Files: the dialog, recent files, drops

    def _on_open_triggered(self) -> None:
        last = self.settings.last_report()
        start = str(last.parent) if last else ""
        from PySide6.QtWidgets import QFileDialog  # imported when used: its enums would slow every start

        names, _ = QFileDialog.getOpenFileNames(self, "打开报告", start, FILE_FILTER)
        self.open_files([Path(name) for name in names])

    def _on_recent_menu_about_to_show(self) -> None:
        self.recent_menu.clear()
        for number, path in enumerate(self.settings.recent_reports(), start=1):
            there = path.is_file()
            action = self.recent_menu.addAction(f"&{number} {path.name}{'' if there else MISSING_NOTE}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.setEnabled(there)
            action.triggered.connect(lambda _checked=False, path=path: self.open_files([path]))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("（无）").setEnabled(False)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)

    # Commands on the current report

    def _on_copy_triggered(self) -> None:
        from PySide6.QtWidgets import QTableView  # the 指标 panel's, loaded after the first frame

        focused = QApplication.focusWidget()
        if isinstance(focused, QTableView):  # the 指标 table: its cells, ready for a spreadsheet
            from gui.window.clipboard import copy_table_cells

            copy_table_cells(focused)
        elif self.view is not None:
            self.view.text.copy()

    def _on_select_all_triggered(self) -> None:
        if self.view is not None:
            self.view.text.selectAll()

    def _on_find_triggered(self) -> None:
        view = self.view
        if view is None:
            return
        selected = view.text.textCursor().selectedText()
        # A selection within one paragraph is what the reader wants to find; a longer one is not.
        if selected and "\u2029" not in selected and len(selected) <= MAX_FIND_PREFILL:
            view.find_bar.edit.setText(selected)
        view.find_bar.open_bar()

    def _on_find_next(self) -> None:
        if self.view is not None:
            self.view.step_find(1)

    def _on_find_previous(self) -> None:
        if self.view is not None:
            self.view.step_find(-1)

    def _on_filter_triggered(self) -> None:
        if self.view is not None:
            self.view.outline.filter_action.trigger()

    def _on_expand_all(self) -> None:
        if self.view is not None:
            self.view.outline.tree.expandAll()

    def _on_collapse_all(self) -> None:
        if self.view is not None:
            self.view.outline.tree.collapseAll()

    def _on_expand_to(self, level: int) -> None:
        if self.view is not None:
            self.view.outline.expand_to_level(level)

    def _on_zoom_in(self) -> None:
        self._zoom_by(1)

    def _on_zoom_out(self) -> None:
        self._zoom_by(-1)

    def _on_zoom_reset(self) -> None:
        self._zoom_by(None)

    def _zoom_by(self, step: int | None) -> None:
        view = self.view
        if view is None:
            return
        view.zoom_to(0 if step is None else view.text.zoom() + step)
        self.settings.set_zoom(view.text.zoom())

    def _on_focus_outline(self) -> None:
        if self.view is not None:
            self.view.outline.tree.setFocus()

    def _on_focus_text(self) -> None:
        if self.view is not None:
            self.view.text.setFocus()

    def _on_focus_side(self) -> None:
        if self.view is None:
            return
        self.view.side_tabs.setFocus()
        widget = self.view.side_tabs.currentWidget()
        if widget is not None:
            widget.setFocus()

    def _on_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _on_about(self) -> None:
        from gui.window.help import show_about

        show_about(self)

    def _on_theme_dark_changed(self, dark: bool) -> None:
        for view in self.views():
            view.set_dark(dark)

    # Layout memory

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            available = self.screen().availableSize()
            self.resize(min(1600, available.width()), min(1000, available.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._first_painted:
            # After the first frame is painted: the commands, and the icon (QIcon's enums and the SVG icon
            # engine would add 8 ms to it).
            self._first_painted = True
            QTimer.singleShot(0, self, self._after_first_frame)

    def _after_first_frame(self) -> None:
        from PySide6.QtGui import QIcon

        self._make_commands()
        self.setWindowIcon(QIcon(str(resource_path(APP_ICON))))

    def closeEvent(self, event: QCloseEvent) -> None:
        for loader, _view in list(self.loaders):
            self._forget_loader(loader, cancel=True)
        self.settings.set_geometry(QByteArray(self.saveGeometry()))
        if self.view is not None:
            self.settings.set_splitter_sizes("main", self.view.splitter.sizes())
            self.settings.set_zoom(self.view.text.zoom())
        for view in self.views():
            view.remember_position()
        self.settings.sync()
        super().closeEvent(event)


def _read_in_background(path: Path) -> bool:
    try:
        big = Path(path).stat().st_size > BACKGROUND_BYTES
    except OSError:
        return False  # the reading says what is wrong with the file
    return big or Path(path).suffix.lower() in BACKGROUND_SUFFIXES
