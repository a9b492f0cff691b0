"""The window's commands, declared once: what each is called, its keys, its menu and what it does.

`COMMANDS` is read top to bottom into the menus: a `Command` becomes an action of the window (its keys work
wherever the focus is in it), a `Separator` a line, a `Submenu` a menu made by its owner (the recent files,
the theme's modes). A menu named "file/导出(&E)" is a submenu of 文件, made where its first command stands.

Each handler takes the window. Those of commands that need a report run only while one is in front
(their actions are greyed out otherwise), so they reach it as `window.view` and act through its public
API (`ReportView.expand_all()`, `open_find()`, `zoom_by()`…), never through its children.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from gui.common.first_frame import add_action
from gui.window import take_away

if TYPE_CHECKING:
    from gui.window.main_window import MainWindow
    from gui.window.report_view import ReportView

Handler = Callable[["MainWindow"], object]
Key = QKeySequence.StandardKey

FILE, EDIT, VIEW, HELP = "file", "edit", "view", "help"
EXPORT_MENU = f"{FILE}/导出(&E)"
LEVELS_MENU = f"{VIEW}/展开到(&L)"
LEVELS = range(1, 5)
REPORT = True  # a command's `needs_report`, in the table's rows
MISSING_NOTE = "（文件已不存在）"
FILE_FILTER = "年度报告 (*.txt *.html *.htm *.docx *.pdf);;所有文件 (*)"


class Command(NamedTuple):
    """One action: `keys` are Qt's standard keys and key names ("F5"); `needs_report`: it acts on the report
    in front, so it is greyed out while there is none; `checkable`: it shows a check mark (全屏)."""

    id: str
    text: str
    keys: Sequence[str | QKeySequence.StandardKey]
    menu: str
    handler: Handler
    needs_report: bool = False
    checkable: bool = False


class Separator(NamedTuple):
    menu: str


class Submenu(NamedTuple):
    """A menu whose entries its owner makes: `make(window, parent_menu)` returns it."""

    id: str
    menu: str
    make: Callable[[MainWindow, QWidget], QMenu]


# Handlers


def _choose_files(window: MainWindow) -> None:
    last = window.settings.last_report()
    from PySide6.QtWidgets import QFileDialog  # imported when used: its enums would slow every start

    names, _ = QFileDialog.getOpenFileNames(window, "打开报告", str(last.parent) if last else "", FILE_FILTER)
    window.open_files([Path(name) for name in names])


def _recent_menu(window: MainWindow, parent: QWidget) -> QMenu:
    menu = QMenu("最近打开(&R)", parent)
    # Filled as it opens: a file listed may have gone since, or come back.
    menu.aboutToShow.connect(lambda: _fill_recent_menu(window, menu))
    return menu


def _fill_recent_menu(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    for number, path in enumerate(window.settings.recent_reports(), start=1):
        there = path.is_file()
        action = menu.addAction(f"&{number} {path.name}{'' if there else MISSING_NOTE}")
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.setEnabled(there)
        action.triggered.connect(lambda _checked=False, path=path: window.open_files([path]))
    if menu.isEmpty():
        menu.addAction("（无）").setEnabled(False)


def _toggle_full_screen(window: MainWindow) -> None:
    if window.isFullScreen():
        window.showNormal()
    else:
        window.showFullScreen()


def _show_guide(window: MainWindow) -> None:
    from gui.window.help import show_guide

    show_guide(window)


def _show_about(window: MainWindow) -> None:
    from gui.window.help import show_about

    show_about(window)


# The table: the menus' entries in their order.

COMMANDS: tuple[Command | Separator | Submenu, ...] = (
    Command("open", "打开报告(&O)…", (Key.Open,), FILE, _choose_files),
    Submenu("recent", FILE, _recent_menu),
    Command("reload", "重新载入(&R)", (Key.Refresh, "F5"), FILE, lambda w: w.reload(w.view), REPORT),
    Command("close_tab", "关闭标签页(&W)", (Key.Close, "Ctrl+W"), FILE, lambda w: w.close_current_tab(), REPORT),
    Separator(FILE),
    Command("print", "打印(&P)…", (Key.Print,), FILE, take_away.print_report, REPORT),
    Command("preview", "打印预览(&V)…", (), FILE, take_away.preview_report, REPORT),
    Command("pdf", "保存为 PDF(&D)…", ("Ctrl+Shift+P",), FILE, take_away.save_as_pdf, REPORT),
    *(
        Command(f"export_{kind}", text, (), EXPORT_MENU, lambda w, kind=kind: take_away.export(w, kind), REPORT)
        for kind, text in (("outline", "导出目录(&O)…"), ("tables", "导出表格(&T)…"), ("checks", "导出核对结果(&K)…"))
    ),
    Command("export_chart", "导出图表(&G)…", (), EXPORT_MENU, take_away.export_chart, REPORT),
    Separator(FILE),
    Command("quit", "退出(&Q)", (Key.Quit, "Ctrl+Q"), FILE, lambda w: w.close()),
    Command("copy", "复制(&C)", (Key.Copy,), EDIT, lambda w: w.view.copy(), REPORT),
    Command("select_all", "全选(&A)", (Key.SelectAll,), EDIT, lambda w: w.view.select_all(), REPORT),
    Separator(EDIT),
    Command("find", "查找(&F)…", (Key.Find,), EDIT, lambda w: w.view.open_find(), REPORT),
    Command("find_next", "查找下一个(&N)", (Key.FindNext, "F3"), EDIT, lambda w: w.view.step_find(1), REPORT),
    Command(
        "find_previous",
        "查找上一个(&P)",
        (Key.FindPrevious, "Shift+F3"),
        EDIT,
        lambda w: w.view.step_find(-1),
        REPORT,
    ),
    Separator(EDIT),
    Command("filter_outline", "筛选目录(&L)…", ("Ctrl+L",), EDIT, lambda w: w.view.filter_outline(), REPORT),
    Separator(EDIT),
    Command("copy_section", "复制本节文字(&S)", ("Ctrl+Shift+S",), EDIT, take_away.copy_section, REPORT),
    Command("copy_chart", "复制图表(&G)", (), EDIT, take_away.copy_chart, REPORT),
    Command("zoom_in", "放大(&I)", ("Ctrl+=", Key.ZoomIn), VIEW, lambda w: w.view.zoom_by(1), REPORT),
    Command("zoom_out", "缩小(&O)", (Key.ZoomOut, "Ctrl+-"), VIEW, lambda w: w.view.zoom_by(-1), REPORT),
    Command("zoom_reset", "原始大小(&R)", ("Ctrl+0",), VIEW, lambda w: w.view.zoom_to(0), REPORT),
    Separator(VIEW),
    Command("expand_all", "全部展开(&E)", ("Ctrl+Shift+E",), VIEW, lambda w: w.view.expand_all(), REPORT),
    Command("collapse_all", "全部折叠(&C)", ("Ctrl+Shift+C",), VIEW, lambda w: w.view.collapse_all(), REPORT),
    *(
        Command(
            f"expand_to_{level}",
            f"展开到第 {level} 级",
            (f"Ctrl+{level}",),
            LEVELS_MENU,
            lambda w, level=level: w.view.expand_to(level),
            REPORT,
        )
        for level in LEVELS
    ),
    Separator(VIEW),
    Command("focus_outline", "转到目录", ("Alt+1",), VIEW, lambda w: w.view.focus_outline(), REPORT),
    Command("focus_text", "转到正文", ("Alt+2",), VIEW, lambda w: w.view.focus_text(), REPORT),
    Command("focus_side", "转到指标面板", ("Alt+3",), VIEW, lambda w: w.view.focus_side_panel(), REPORT),
    Separator(VIEW),
    Command("next_tab", "下一个标签页(&T)", ("Ctrl+Tab", "Ctrl+PgDown"), VIEW, lambda w: w.tabs.step(1), REPORT),
    Command(
        "previous_tab",
        "上一个标签页(&B)",
        ("Ctrl+Shift+Tab", "Ctrl+PgUp"),
        VIEW,
        lambda w: w.tabs.step(-1),
        REPORT,
    ),
    Separator(VIEW),
    Command("full_screen", "全屏(&U)", (Key.FullScreen, "F11"), VIEW, _toggle_full_screen, checkable=True),
    Separator(VIEW),
    Submenu("theme", VIEW, lambda w, parent: w.theme.make_menu(parent)),
    Command("guide", "使用说明(&G)", (Key.HelpContents,), HELP, _show_guide),
    Command("about", "关于年报阅读器(&A)", ("Ctrl+F1",), HELP, _show_about),
)


class Commands(QObject):
    """The window's actions and menus, made from `COMMANDS` into `menus` (the window's 文件, 编辑, 视图 and
    帮助 by name); the commands that need a report follow the window's `current_view_changed`."""

    def __init__(self, window: MainWindow, menus: dict[str, QMenu]) -> None:
        super().__init__(window)
        self._window = window
        self._menus = dict(menus)
        self._actions: dict[str, QAction] = {}
        for entry in COMMANDS:
            menu = self._menu(entry.menu)
            if isinstance(entry, Separator):
                menu.addSeparator()
            elif isinstance(entry, Submenu):
                self._menus[entry.id] = entry.make(window, menu)
                menu.addMenu(self._menus[entry.id])
            else:
                action = add_action(window, entry.text, entry.keys, lambda _checked=False, c=entry: self._run(c))
                action.setCheckable(entry.checkable)
                menu.addAction(action)
                self._actions[entry.id] = action
        window.current_view_changed.connect(self._on_window_current_view_changed)
        self._on_window_current_view_changed(window.view)

    def action(self, command_id: str) -> QAction:
        return self._actions[command_id]

    def menu(self, menu_id: str) -> QMenu:
        """A menu by its name in the table: "file", "file/导出(&E)", "recent"…"""
        return self._menus[menu_id]

    def _menu(self, path: str) -> QMenu:
        if path not in self._menus:
            parent, _, title = path.rpartition("/")
            self._menus[path] = self._menu(parent).addMenu(title)
        return self._menus[path]

    def _run(self, command: Command) -> None:
        if not command.needs_report or self._window.view is not None:
            command.handler(self._window)

    def _on_window_current_view_changed(self, view: ReportView | None) -> None:
        for command in COMMANDS:
            if isinstance(command, Command) and command.needs_report:
                self._actions[command.id].setEnabled(view is not None)
