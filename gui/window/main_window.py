"""The reader's window: menus (made from the command table, `gui.window.commands`), status bar, and one tab
(a `ReportView`) per open report.

It opens files (File → Open, Recent Files, dropped files, the command line), each read off the window's
thread (gui.window.loading; big ones with a progress bar and a cancel button), reloads a report changed on
disk, and says so in plain Chinese when a file cannot be read, leaving the reports already open as they were.
Only this module connects the views' signals to the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from gui.common.first_frame import after_first_frame, centre, first_frame_painted
from gui.common.message_bar import MessageBar
from gui.common.resources import APP_NAME, resource_path
from gui.common.settings import Settings
from gui.common.theme import ThemeSwitch
from gui.common.turns import later
from gui.window.loading import Job, Loading
from gui.window.report_view import ReportView
from gui.window.status import WindowStatus
from gui.window.tabs import ReportTabs
from models import Report, ReportError
from models.load import memory

if TYPE_CHECKING:
    from gui.window.commands import Commands
    from models.load.protocol import Checks, Loaded

SETTINGS_NOTE_MILLISECONDS = 20_000
APP_ICON = "icons/nianbao.svg"
EMPTY_TEXT = "打开一份政府信息公开工作年度报告：\n文件 → 打开（Ctrl+O），或把文件拖到这里。"
# The menus by the names the command table (gui.window.commands) gives them.
MENUS = {"file": "文件(&F)", "edit": "编辑(&E)", "view": "视图(&V)", "help": "帮助(&H)"}


class MainWindow(QMainWindow):
    """Tabs of reports; the menus act on the report in the current tab.

    Signals:
        current_view_changed(object): the report in front changed (its ReportView, or None for no report).
    """

    current_view_changed = Signal(object)

    def __init__(self, settings: Settings, font_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.font_family = font_family

        self.tabs = ReportTabs(self)
        self.empty_label = QLabel(EMPTY_TEXT, self)
        centre(self.empty_label)
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

        self.loading = Loading(self)
        self.status = WindowStatus(self.loading, self.statusBar())
        self.loading.loaded.connect(self._on_loading_loaded)
        self.loading.checked.connect(self._on_loading_checked)
        self.loading.failed.connect(self._on_loading_failed)

        # The theme's colours are the first view's; the menus' titles keep the bar its height from the first
        # frame, and their actions come after it (`_make_commands`): making them would delay the first frame.
        self.theme = ThemeSwitch(QApplication.instance(), settings.theme_mode(), self)
        self.theme.mode_changed.connect(settings.set_theme_mode)
        self.theme.dark_changed.connect(self._on_theme_dark_changed)
        bar = self.menuBar()
        self._menus = {name: bar.addMenu(title) for name, title in MENUS.items()}
        self.commands: Commands | None = None
        self._failures: list[str] = []  # what could not be read of the files opened last
        after_first_frame(self._after_first_frame)  # QIcon's enums and the SVG icon engine would delay it too
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.status.cancel_clicked.connect(self.cancel_loading)
        self._restore_layout()
        notes = settings.notes()
        if notes:
            self.statusBar().showMessage("设置已忽略：" + "；".join(notes), SETTINGS_NOTE_MILLISECONDS)
        self._on_tabs_current_changed(-1)

    # Actions and menus

    def _make_commands(self) -> None:
        """The actions, their shortcuts and the menus holding them, from the command table."""
        from gui.window.commands import Commands  # the table is read after the first frame, as its actions are

        self.commands = Commands(self, self._menus)

    @property
    def commands_made(self) -> bool:
        """Whether the actions and the menus' entries are there (they come right after the first frame)."""
        return self.commands is not None

    # Tabs

    @property
    def view(self) -> ReportView | None:
        """The report in the current tab."""
        return self.tabs.current_view()

    def views(self) -> list[ReportView]:
        return self.tabs.views()

    def close_tab(self, index: int) -> None:
        """Close the tab at `index` (nothing if there is none), stopping what is read or checked for it."""
        view = self.tabs.widget(index)
        if not isinstance(view, ReportView):
            return
        view.remember_position()
        self.loading.cancel_for(view)
        self._hide_loading_when_done()
        self.settings.set_splitter_sizes("main", view.splitter.sizes())
        self.tabs.removeTab(index)
        view.release()
        view.deleteLater()
        # On a turn after the view is deleted: what its report took goes back to the system.
        later(self, memory.give_back)

    def close_current_tab(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def _on_tabs_current_changed(self, _index: int) -> None:
        view = self.view
        self.stack.setCurrentWidget(self.tabs if view is not None else self.empty_label)
        self.setWindowTitle(f"{view.title()} — {APP_NAME}" if view else APP_NAME)
        self.status.show_place(view)
        self.current_view_changed.emit(view)

    # Reports: gui.window.loading reads them, and runs their checks

    def open_report(self, path: Path) -> ReportView:
        """Open the report at `path` as `open_files` does, and return its view once it is shown, the window
        answering meanwhile: for scripts and tests (the reader's commands never wait).

        Raises ReportError (with a reader's message) if it cannot be read; the open reports stay as they were.
        """
        view = self.tabs.view_of(Path(path))
        if view is None:
            job = self.loading.open(Path(path))
            self.loading.wait_for(job)
            assert isinstance(job.target, ReportView)
            view = job.target
        self.tabs.setCurrentWidget(view)
        return view

    def show_report(self, report: Report, path: Path) -> ReportView:
        """Show a report already read from `path`: in the tab that shows that file, or a new one."""
        job = self.loading.show(report, Path(path))
        assert isinstance(job.target, ReportView)
        return job.target

    def open_files(self, paths: list[Path]) -> None:
        """Open each file in a tab (switching to it if already open), in the order given; each is read off the
        window's thread, and comes in a turn of the event loop later.

        What cannot be read is said in the bar above the tabs, every such file of these; nothing open is closed
        or changed.
        """
        self._failures = []
        if paths:
            self.message_bar.hide()
        for path in map(Path, paths):
            if self.tabs.view_of(path) is not None:
                self.tabs.setCurrentWidget(self.tabs.view_of(path))
                continue
            try:
                self.loading.open(path)
            except ReportError as error:
                self._say_failure(f"无法打开“{path.name}”：{error}")

    def reload(self, view: ReportView) -> None:
        """Read `view`'s file again and show it from the same place; a failure leaves the view as it was."""
        view.reload_bar.hide()
        self.message_bar.hide()
        self._failures = []
        self.loading.open(view.path, view)

    def cancel_loading(self) -> None:
        """Stop every reading in the background, and the laying out of a huge text."""
        self.loading.cancel_reading()
        for view in self.views():
            if view.text.is_laying_out():
                self.close_tab(self.tabs.indexOf(view))
        self.status.hide_progress()

    def is_loading(self) -> bool:
        """Whether a report is still being read or laid out (its checks may go on after)."""
        return self.loading.is_reading() or any(view.text.is_laying_out() for view in self.views())

    def _view_for(self, loaded: Loaded, path: Path) -> ReportView:
        """The tab that shows `path`, given its report; a new tab, not yet in front, if none does."""
        view = self.tabs.view_of(path)
        if view is not None:
            view.set_report(loaded)
        else:
            if self.view is not None:
                # A new tab starts with the panes as the reader last arranged them.
                self.settings.set_splitter_sizes("main", self.view.splitter.sizes())
            view = ReportView(loaded, path, self.settings, self.font_family, self, dark=self.theme.dark())
            view.place_changed.connect(self._on_view_place_changed)
            view.reload_requested.connect(lambda: self.reload(view))
            view.checks_requested.connect(lambda: self.loading.want_checks(view))
            view.layout_progressed.connect(lambda percent: self._on_view_layout_progressed(view, percent))
            view.layout_finished.connect(self._on_view_layout_finished)
            self.tabs.add_view(view)
        self.tabs.name_view(view)
        return view

    def _bring_to_front(self, view: ReportView) -> None:
        index = self.tabs.indexOf(view)
        if index == -1:
            return  # closed meanwhile
        self.tabs.setCurrentIndex(index)
        self._on_tabs_current_changed(index)
        self.settings.set_last_report(view.path)

    def _on_loading_loaded(self, job: Job, loaded: Loaded) -> None:
        # A job's tab is open: closing it stops the job (close_tab).
        view = job.target if isinstance(job.target, ReportView) else None
        if view is not None:
            view.set_report(loaded)
        else:
            view = self._view_for(loaded, job.path)
            if job.in_background:
                # In front on a turn of its own: making the tab, laying its outline out (gui.outline.pane) and
                # showing it (its widgets' first layout and paint) in one turn would hold the window.
                later(view, lambda: self._bring_to_front(view))
            else:
                self._bring_to_front(view)
        self.loading.attach(job, view)  # its checks go to this tab; closing the tab stops them
        if view.text.is_laying_out():
            self.status.show_progress(f"正在排版“{job.path.name}”", 0)
        self._hide_loading_when_done()

    def _on_loading_checked(self, job: Job, checks: Checks) -> None:
        if isinstance(job.target, ReportView):
            job.target.set_checks(checks)

    def _on_loading_failed(self, job: Job, message: str) -> None:
        self._hide_loading_when_done()
        if isinstance(job.target, ReportView):
            self._say_failure(f"无法重新载入“{job.path.name}”：{message}（仍显示先前读到的内容）")
        else:
            self._say_failure(f"无法打开“{job.path.name}”：{message}")

    def _say_failure(self, sentence: str) -> None:
        """Add `sentence` to what the bar above the tabs says of the files opened last."""
        self._failures.append(sentence)
        self.message_bar.show_message("\n".join(self._failures), "error")

    def _on_view_layout_progressed(self, view: ReportView, percent: int) -> None:
        if not self.loading.is_reading():
            self.status.show_progress(f"正在排版“{view.path.name}”", percent)

    def _on_view_layout_finished(self) -> None:
        self._hide_loading_when_done()
        self.status.show_place(self.view)

    def _hide_loading_when_done(self) -> None:
        if not self.is_loading():
            self.status.hide_progress()

    # Status bar

    def _on_view_place_changed(self) -> None:
        if self.sender() is self.view:
            self.status.show_place(self.view)

    # Files dropped on the window

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_files(paths)

    # Theme

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
        first_frame_painted()

    def _after_first_frame(self) -> None:
        from PySide6.QtGui import QIcon

        self._make_commands()
        self.setWindowIcon(QIcon(str(resource_path(APP_ICON))))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loading.cancel_all()
        self.settings.set_geometry(QByteArray(self.saveGeometry()))
        if self.view is not None:
            self.settings.set_splitter_sizes("main", self.view.splitter.sizes())
            self.settings.set_zoom(self.view.zoom())
        for view in self.views():
            view.remember_position()
            view.release()
        self.settings.sync()
        super().closeEvent(event)
