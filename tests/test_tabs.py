"""Several reports at once: tabs, dropping files, recent files, reloading, and files that cannot be read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont
from PySide6.QtWidgets import QApplication

from gui.common.settings import Settings
from gui.window.commands import MISSING_NOTE
from gui.window.main_window import MainWindow
from tests.conftest import ROOT, SANMING, open_and_wait, show_with_menus

PINGTAN = ROOT / "tests" / "reports" / "pingtan-2020.txt"


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, settings):
    widget = MainWindow(settings, QFont().family())
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    show_with_menus(qtbot, widget)
    return widget


def drop(window: MainWindow, paths) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    event = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    # Qt routes a real drop through its drag manager; the window's own handler is what is under test.
    window.dropEvent(event)
    assert event.isAccepted()


class DragWatch(QObject):
    """Notes the drags that reach the object it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.offered: list = []

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.DragEnter:
            self.offered.append(event.mimeData().urls())
        return False


def test_files_dragged_over_the_text_are_offered_to_the_window(qtbot, window):
    """The text takes no drop, so Qt passes the drag up to the window, which takes it."""
    open_and_wait(qtbot, window, [SANMING])
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(PINGTAN))])
    data.setText(str(PINGTAN))  # what a file manager also offers: text an editable view would take
    event = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    watch = DragWatch()
    window.installEventFilter(watch)
    QApplication.sendEvent(window.view.text.viewport(), event)
    window.removeEventFilter(watch)
    assert watch.offered == [[QUrl.fromLocalFile(str(PINGTAN))]]
    assert event.isAccepted()
    assert window.view.text.toPlainText().startswith(window.view.report.text[:20])  # nothing was inserted


def test_an_empty_window_says_how_to_open_a_report(window):
    """Without a report the window invites the reader to open or drop one."""
    assert window.windowTitle() == "年报阅读器"
    assert window.empty_label.isVisible()
    assert "Ctrl+O" in window.empty_label.text()


def test_commands_on_a_report_are_greyed_out_while_none_is_open(qtbot, window):
    """With no tab, printing, finding, zooming and expanding are greyed out and opening is not; a report
    brings them back, closing its tab greys them out again."""
    commands = window.commands
    on_a_report = ["reload", "close_tab", "print", "export_tables", "copy", "find", "zoom_in", "expand_to_2"]
    assert [name for name in on_a_report if commands.action(name).isEnabled()] == []
    assert commands.action("open").isEnabled() and commands.action("about").isEnabled()
    open_and_wait(qtbot, window, [SANMING])
    assert [name for name in on_a_report if not commands.action(name).isEnabled()] == []
    window.close_current_tab()
    assert [name for name in on_a_report if commands.action(name).isEnabled()] == []


def test_dropping_two_files_opens_two_tabs(qtbot, window):
    """Two files dropped on the window open in two tabs, the last one current."""
    drop(window, [SANMING, PINGTAN])
    qtbot.waitUntil(lambda: window.tabs.count() == 2)
    assert [view.path for view in window.views()] == [SANMING.resolve(), PINGTAN.resolve()]
    assert window.view.path == PINGTAN.resolve()
    assert "平潭" in window.windowTitle()


def test_keys_switch_and_close_tabs(qtbot, window):
    """Ctrl+Tab and Ctrl+PgDown go to the next tab, Ctrl+Shift+Tab back, Ctrl+W closes the current one."""
    open_and_wait(qtbot, window, [SANMING, PINGTAN])
    window.activateWindow()
    window.view.text.setFocus()
    qtbot.keyClick(window.view.text, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    qtbot.keyClick(window.view.text, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.currentIndex() == 0
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 1
    assert window.view.path == PINGTAN.resolve()
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.count() == 0
    assert window.empty_label.isVisible() and window.windowTitle() == "年报阅读器"


def test_each_tab_keeps_its_own_find_and_tree(qtbot, window):
    """Finding in one report highlights nothing in the other; each tab has its own tree."""
    open_and_wait(qtbot, window, [SANMING, PINGTAN])
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    window.view.find_bar.edit.setText("政府信息")
    pingtan, sanming = window.views()[1], window.views()[0]
    assert pingtan.text.hit_count() > 0
    assert sanming.text.hit_count() == 0
    assert sanming.outline.model is not pingtan.outline.model
    assert sanming.outline.model.section_count() != pingtan.outline.model.section_count()


def test_a_file_that_cannot_be_read_leaves_the_open_report_unchanged(qtbot, window, tmp_path):
    """Opening an image renamed .txt says why in Chinese above the tabs; the Sanming tab stays as it was."""
    open_and_wait(qtbot, window, [SANMING])
    window.view.text.scroll_to_line(82)
    text_before = window.view.text.toPlainText()
    picture = tmp_path / "照片.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    open_and_wait(qtbot, window, [picture, tmp_path / "没有.txt"])
    assert window.message_bar.isVisible()
    message = window.message_bar.text()
    assert "照片.txt" in message and "没有.txt" in message and "找不到文件" in message
    assert "Traceback" not in message
    assert window.tabs.count() == 1
    assert window.view.text.toPlainText() == text_before
    assert window.view.text.top_line() == 82


def test_recent_files_grey_out_missing_ones_with_a_note(qtbot, window, settings, tmp_path):
    """A recent file that no longer exists is listed, disabled, with （文件已不存在）; one that exists opens."""
    gone = tmp_path / "已删除.txt"
    settings.set_last_report(gone)
    settings.set_last_report(SANMING.resolve())
    recent = window.commands.menu("recent")
    recent.aboutToShow.emit()
    actions = recent.actions()
    assert [a.text() for a in actions] == ["&1 sanming-2017.txt", f"&2 已删除.txt{MISSING_NOTE}"]
    assert actions[0].isEnabled() and not actions[1].isEnabled()
    actions[0].trigger()
    qtbot.waitUntil(lambda: window.view is not None)
    assert window.view.path == SANMING.resolve()


def test_a_changed_file_offers_a_reload_that_keeps_the_place(qtbot, window, tmp_path):
    """Rewriting the open file shows 文件已在磁盘上更改; F5 reads it again and stays at the same line."""
    copy = tmp_path / "三明.txt"
    shutil.copyfile(SANMING, copy)
    open_and_wait(qtbot, window, [copy])
    window.view.text.scroll_to_line(82)
    text = copy.read_text("utf-8").replace("以政务公开助力调结构", "以政务公开助力调结构（修订）")
    copy.write_text(text, "utf-8")
    qtbot.waitUntil(window.view.reload_bar.isVisible, timeout=5000)
    assert "文件已在磁盘上更改" in window.view.reload_bar.text()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not window.view.reload_bar.isVisible()
    qtbot.waitUntil(lambda: not window.loading.is_reading())
    assert window.view.text.top_line() == 82
    assert "（修订）" in window.view.text.toPlainText()
    assert window.tabs.count() == 1


def test_a_reload_that_fails_keeps_what_was_shown(qtbot, window, tmp_path):
    """A report emptied on disk cannot be reloaded: a message, and the text read before stays."""
    copy = tmp_path / "三明.txt"
    shutil.copyfile(SANMING, copy)
    open_and_wait(qtbot, window, [copy])
    before = window.view.text.toPlainText()
    copy.write_bytes(b"")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(window.message_bar.isVisible)
    assert "三明.txt" in window.message_bar.text()
    assert window.view.text.toPlainText() == before


def test_opening_and_reloading_never_write_to_the_report(qtbot, window, tmp_path):
    """The report file's bytes and modification time are the same after opening, reloading and closing."""
    copy = tmp_path / "三明.txt"
    shutil.copyfile(SANMING, copy)
    os.utime(copy, (1_000_000_000, 1_000_000_000))
    before = (copy.read_bytes(), copy.stat().st_mtime_ns)
    open_and_wait(qtbot, window, [copy])
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not window.loading.is_reading())
    window.close()
    assert (copy.read_bytes(), copy.stat().st_mtime_ns) == before


@pytest.mark.slow
def test_reports_named_on_the_command_line_open_in_tabs(tmp_path):
    """run_app with two reports and a missing file shows two tabs and still starts."""
    script = (
        "import sys; from gui.window.app import run_app; "
        f"sys.exit(run_app([{str(SANMING)!r}, {str(PINGTAN)!r}, {str(tmp_path / '没有.txt')!r}]))"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NIANBAO_QUIT_AFTER_SHOW": "1",
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert "visible=True tabs=2" in result.stdout
    assert "平潭" in result.stdout
