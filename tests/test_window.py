"""The reader's window on the Sanming 2017 report: its title, tabs, menus and settings, and the program's start."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont

from gui.common.settings import Settings
from gui.window.main_window import MainWindow
from tests.conftest import ROOT, SANMING, open_and_wait
from tests.conftest import SANMING_TITLE as TITLE


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(sanming_window):
    return sanming_window


def test_title_names_the_report_and_the_program(window):
    """The window's title is the report's title followed by " — 年报阅读器"."""
    assert window.windowTitle() == f"{TITLE} — 年报阅读器"


def test_a_second_report_opens_in_its_own_tab_and_each_keeps_its_place(window, sanming):
    """Another report gets its own tab, tree, text and title; back on the first tab it is still at line 82."""
    window.view.text.scroll_to_line(82)
    first = window.view
    other = ROOT / "tests" / "reports" / "pingtan-2017.txt"
    window.open_report(other)
    assert window.tabs.count() == 2
    assert window.view is not first
    assert "三明" not in window.windowTitle() and window.windowTitle().endswith(" — 年报阅读器")
    assert window.view.outline.model.section_count() > 0
    assert window.view.text.toPlainText().count("\n") < len(sanming.text)
    window.view.text.scroll_to_line(1)
    window.open_report(SANMING)
    assert window.tabs.count() == 2
    assert window.view is first
    assert window.view.text.top_line() == 82
    assert window.windowTitle() == f"{TITLE} — 年报阅读器"


def test_what_could_not_be_recovered_is_said_above_the_text(window, sanming, tmp_path):
    """A report with notes shows them in a bar above the text; one without hides the bar."""
    assert not window.view.notes_label.isVisible()
    noted = sanming.replace(notes=["附表第3行的数字无法拆分"])
    window.show_report(noted, tmp_path / "noted.txt")
    assert window.view.notes_label.isVisible()
    assert "附表第3行的数字无法拆分" in window.view.notes_label.text()


def test_file_menu_lists_its_commands_in_order(window):
    """文件 holds opening, the recent files, reloading and closing, then printing and exports, then 退出."""
    file_menu = window.menuBar().actions()[0].menu()
    assert [action.text() for action in file_menu.actions()] == [
        "打开报告(&O)…", "最近打开(&R)", "重新载入(&R)", "关闭标签页(&W)", "",
        "打印(&P)…", "打印预览(&V)…", "保存为 PDF(&D)…", "导出(&E)", "", "退出(&Q)",
    ]  # fmt: skip
    exports = file_menu.actions()[8].menu()
    assert [action.text() for action in exports.actions()] == [
        "导出目录(&O)…", "导出表格(&T)…", "导出核对结果(&K)…", "导出图表(&G)…",
    ]  # fmt: skip


def test_every_menu_action_has_a_shortcut(window):
    """Every command in the menus can be reached from the keyboard: a shortcut, or its menu's Alt letter."""
    actions = []
    for menu_action in window.menuBar().actions():
        assert "&" in menu_action.text()
        for action in menu_action.menu().actions():
            if action.menu():
                actions.extend(action.menu().actions())
            elif not action.isSeparator():
                actions.append(action)
    assert len(actions) > 15
    assert [a.text() for a in actions if a.shortcut().isEmpty() and "&" not in a.text()] == []
    assert sum(not a.shortcut().isEmpty() for a in actions) > 25


def test_reading_position_and_layout_survive_a_restart(qtbot, settings):
    """Closing at line 82 and opening the report again comes back to line 82, zoom and splitter kept."""
    first = MainWindow(settings, QFont().family())
    qtbot.addWidget(first)
    first.open_report(SANMING)
    first.resize(780, 700)  # within the offscreen screen, so restoring the geometry keeps the size
    first.show()
    first.view.text.set_zoom(2)
    first.view.splitter.setSizes([200, 380, 180])
    first.view.text.scroll_to_line(82)
    sizes, size = first.view.splitter.sizes(), first.size()
    first.close()
    second = MainWindow(settings, QFont().family())
    qtbot.addWidget(second)
    second.open_report(SANMING)
    second.show()
    assert second.view.text.top_line() == 82
    assert second.size() == size
    assert second.view.text.zoom() == 2
    assert second.view.splitter.sizes() == sizes
    assert settings.last_report() == SANMING.resolve()


def test_settings_ignore_values_they_cannot_read(tmp_path):
    """A zoom of "abc", a position of -3 or splitter sizes of text fall back to the defaults."""
    store = QSettings(str(tmp_path / "bad.ini"), QSettings.Format.IniFormat)
    store.setValue("v1/view/zoom", "abc")
    store.setValue("v1/window/splitter-main", ["a", "b"])
    settings = Settings(store)
    settings.set_reading_offset(SANMING, -3)
    assert settings.zoom() == 0
    assert settings.splitter_sizes("main") is None
    assert settings.reading_offset(SANMING) == 0
    assert settings.geometry() is None


def test_log_scale_is_on_until_the_reader_turns_it_off(tmp_path):
    """A fresh reader plots on a log axis (历年累计 dwarfs the year); turning it off is remembered."""
    settings = Settings(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    assert settings.log_scale() is True
    settings.set_log_scale(False)
    assert settings.log_scale() is False


def test_recent_reports_keep_the_newest_first_without_repeats(settings, tmp_path):
    """Opening A, B, then A again lists A before B, once each; a stored non-list is ignored."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (first, second, first):
        settings.set_last_report(path)
    assert settings.recent_reports() == [first, second]
    assert settings.last_report() == first
    settings._store.setValue("v1/reports/recent", 42)
    assert settings.recent_reports() == []


def test_corrupt_settings_open_the_window_with_defaults_and_a_note(qtbot, tmp_path):
    """A damaged settings file and one of another version: the window opens the report with its defaults
    and says in the status bar what it ignored."""
    path = tmp_path / "s.ini"
    path.write_text("[v1]\nview\\\\zoom=abc\n[[[broken\n[v2]\nview\\\\zoom=5\n", encoding="utf-8")
    window = MainWindow(Settings(QSettings(str(path), QSettings.Format.IniFormat)), QFont().family())
    qtbot.addWidget(window)
    window.show()
    open_and_wait(qtbot, window, [SANMING])
    assert window.view is not None and window.view.text.zoom() == 0
    message = window.statusBar().currentMessage()
    assert message.startswith("设置已忽略：") and "默认设置" in message


def run_main(*arguments, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NIANBAO_QUIT_AFTER_SHOW": "1",
           "XDG_CONFIG_HOME": str(tmp_path)}  # fmt: skip
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *arguments],
        capture_output=True, text=True, env=env, timeout=120, cwd=ROOT,
    )  # fmt: skip


@pytest.mark.slow
def test_main_shows_the_window_and_quits_cleanly(tmp_path):
    """`python main.py` opens the bundled report in a visible window and exits with status 0."""
    result = run_main(tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"shown: {TITLE} — 年报阅读器 visible=True" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_main_on_a_missing_file_says_so_in_chinese(tmp_path):
    """A report that cannot be read gives a Chinese message and status 1, never a traceback."""
    result = run_main(str(tmp_path / "没有这个文件.txt"), tmp_path=tmp_path)
    assert result.returncode == 1
    assert "找不到文件" in result.stderr and "没有这个文件.txt" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_heavy_libraries_load_only_after_the_window_shows():
    """pandas and pyqtgraph are not imported until the window is on screen, then the panel loads them."""
    script = """
import sys
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
app = QApplication([])
from gui.window.main_window import MainWindow
from gui.common.settings import Settings
from tests.conftest import SANMING
window = MainWindow(Settings(), "Sans")
window.open_report(SANMING)
before = {name for name in ("pandas", "pyqtgraph") if name in sys.modules}
window.show()
for _ in range(1200):  # until the panel has loaded them, a minute at most
    if type(window.view.indicator_panel).__name__ == "IndicatorPanel":
        break
    QTest.qWait(50)
after = {name for name in ("pandas", "pyqtgraph") if name in sys.modules}
print(sorted(before), sorted(after), type(window.view.indicator_panel).__name__)
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]", "['pandas',", "'pyqtgraph']", "IndicatorPanel"]
