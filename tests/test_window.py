"""The reader's window on the Sanming 2017 report: tree and text in step, find, zoom, table, settings."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFont, QTextCursor
from PySide6.QtWidgets import QApplication

from gui.common.settings import Settings
from gui.common.theme import document_colors
from gui.outline.model import SECTION_ROLE
from gui.window.main_window import MainWindow
from tests.conftest import ROOT, SANMING, show_with_menus

TITLE = "三明市2017年政府信息公开工作年度报告"
# Line 16 of the report: "(1)深入开展政策解读工作。…", under 一、 › (一) › 1.
DEEP_LINE = 16
DEEP_PATH = "一、概述 › （一）以政务公开助力稳增长 › 1.加强预期引导 › （1）深入开展政策解读工作"


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, settings):
    widget = MainWindow(settings, QFont().family())
    qtbot.addWidget(widget)
    widget.open_report(SANMING)
    widget.resize(1400, 900)
    show_with_menus(qtbot, widget)
    return widget


def tree_index_of(window: MainWindow, heading: str):
    proxy = window.view.outline.proxy
    matches = proxy.match(
        proxy.index(0, 0), Qt.ItemDataRole.DisplayRole, heading, 1,
        Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
    )  # fmt: skip
    assert matches, heading
    return matches[0]


def click_tree(qtbot, window: MainWindow, heading: str):
    index = tree_index_of(window, heading)
    window.view.outline.show_section(index.data(SECTION_ROLE))
    rect = window.view.outline.tree.visualRect(index)
    qtbot.mouseClick(window.view.outline.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return index.data(SECTION_ROLE)


def test_title_names_the_report_and_the_program(window):
    """The window's title is the report's title followed by " — 年报阅读器"."""
    assert window.windowTitle() == f"{TITLE} — 年报阅读器"


def test_choosing_a_section_puts_its_heading_at_the_top_of_the_text(qtbot, window):
    """Clicking （三）以政务公开助力调结构 scrolls its heading line (82) to the top and marks it."""
    section = click_tree(qtbot, window, "（三）以政务公开助力调结构")
    assert section.line == 82
    assert window.view.text.top_line() == 82
    assert window.view.text.is_marked(section.start)
    cursor = window.view.text.cursorForPosition(window.view.text.viewport().rect().topLeft())
    assert cursor.block().text().startswith("(三)以政务公开助力调结构")


def test_choosing_another_section_moves_the_text_again(qtbot, window):
    """A second choice, further down, moves the text to that heading's line."""
    click_tree(qtbot, window, "二、主动公开政府信息的情况")
    assert window.view.text.top_line() == 186
    click_tree(qtbot, window, "（一）以政务公开助力稳增长")
    assert window.view.text.top_line() == 12


def test_arrow_keys_in_the_tree_move_the_text(qtbot, window):
    """Alt+1 puts the focus in the tree; Down from 一、概述 shows （一）… at the top of the text."""
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(window.view.outline.tree.hasFocus)
    window.view.outline.tree.setCurrentIndex(tree_index_of(window, "一、概述"))
    qtbot.keyClick(window.view.outline.tree, Qt.Key.Key_Down)
    assert window.view.text.top_line() == 12
    assert window.view.outline.tree.hasFocus()


def test_scrolling_to_a_line_marks_its_section_without_taking_focus(qtbot, window):
    """Scrolling the text to line 16 selects （1）深入… in the tree, shows its path, focus stays in the text."""
    window.activateWindow()
    window.view.text.setFocus()
    qtbot.waitUntil(window.view.text.hasFocus)
    window.view.collapse_all()
    window.view.text.scroll_to_line(DEEP_LINE)
    assert window.view.text.top_line() == DEEP_LINE
    tree = window.view.outline.tree
    current = tree.currentIndex()
    assert current.data(Qt.ItemDataRole.DisplayRole) == "（1）深入开展政策解读工作"
    assert tree.selectionModel().isSelected(current)
    assert tree.isExpanded(current.parent()) and tree.isExpanded(current.parent().parent())
    assert tree.visualRect(current).intersects(tree.viewport().rect())
    assert window.path_label.text() == DEEP_PATH
    assert window.view.text.hasFocus() and not tree.hasFocus()


def test_scrolling_by_the_scroll_bar_follows_the_section(qtbot, window):
    """Dragging the scroll bar to the end makes the last section （二）附表 current."""
    bar = window.view.text.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert window.view.outline.current_section().heading == "（二）附表"
    assert window.path_label.text() == "六、需要说明的其他事项与附表 › （二）附表"


def test_find_counts_hits_exactly_as_str_count(qtbot, window, sanming):
    """Ctrl+F and 政府信息 report as many hits as str.count finds, every one on screen highlighted."""
    expected = sanming.text.count("政府信息")
    assert expected > 20
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.view.find_bar.isVisible()
    window.view.find_bar.edit.setText("政府信息")
    assert window.view.text.hit_count() == expected
    assert window.view.find_bar.count_label.text() == f"第 1 / {expected} 处"
    assert window.view.text.textCursor().selectedText() == "政府信息"
    text = window.view.text
    viewport = text.viewport().rect()
    first = text.cursorForPosition(viewport.topLeft()).position()
    last = text.cursorForPosition(viewport.bottomRight()).position()
    highlighted = {s.cursor.selectionStart() for s in text.extraSelections()}
    positions = [text.text_map().position_of_offset(at) for at in find_all(sanming.text, "政府信息")]
    on_screen = [p for p in positions if p is not None and first <= p < last]  # None: in the appendix table
    assert on_screen and set(on_screen) <= highlighted


def find_all(text: str, needle: str) -> list[int]:
    return [at for at in range(len(text)) if text.startswith(needle, at)]


def test_find_steps_forward_and_back_and_closes_with_escape(qtbot, window, sanming):
    """Enter and F3 go to the next hit, Shift+F3 back, Esc closes the bar and clears the highlights."""
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    window.view.find_bar.edit.setText("政务公开")
    total = sanming.text.count("政务公开")
    assert window.view.text.current_hit() == 0
    assert window.view.text.textCursor().selectedText() == "政务公开"
    qtbot.keyClick(window.view.find_bar.edit, Qt.Key.Key_Return)
    assert window.view.text.current_hit() == 1
    qtbot.keyClick(window.view.find_bar.edit, Qt.Key.Key_F3)
    assert window.view.text.current_hit() == 2
    assert window.view.find_bar.count_label.text() == f"第 3 / {total} 处"
    qtbot.keyClick(window.view.find_bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.text.current_hit() == 1
    window.view.text.setFocus()
    qtbot.keyClick(window.view.text, Qt.Key.Key_Escape)
    assert not window.view.find_bar.isVisible()
    assert window.view.text.extraSelections() == []


def test_zoom_keys_change_the_text_size_and_keep_the_place(qtbot, window):
    """Ctrl+= makes the text bigger, Ctrl+- smaller, Ctrl+0 back; the line at the top stays."""
    window.view.text.scroll_to_line(82)
    normal = window.view.text.point_size()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.view.text.point_size() > normal
    assert window.view.text.top_line() == 82
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.text.point_size() == normal
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.text.point_size() < normal
    assert window.settings.zoom() == -1


def test_appendix_is_drawn_as_a_table_of_its_rows(window, sanming):
    """The appendix's one-cell-a-line figures appear as a 16-row table; a row's line scrolls to its row."""
    table = next(frame for frame in window.view.text.document().rootFrame().childFrames())
    assert (table.rows(), table.columns()) == (16, 4)
    assert table.cellAt(0, 0).firstCursorPosition().block().text() == "指标名称"
    first = sanming.tables[0].rows[0]
    cells = [table.cellAt(1, column).firstCursorPosition().block().text() for column in range(4)]
    assert cells == ["主动公开文件数", "", "34,073", "364,686"]
    right = [bool(table.cellAt(1, column).firstCursorPosition().blockFormat().alignment() & Qt.AlignmentFlag.AlignRight)
             for column in range(4)]  # fmt: skip
    assert right == [False, False, True, True]  # the figures line up on their last digit
    window.view.text.scroll_to_line(first.line + 2)
    assert window.view.text.top_line() == first.line


@pytest.mark.parametrize("name", sorted(path.name for path in (ROOT / "tests" / "reports").glob("*.txt")))
def test_document_holds_the_text_verbatim_outside_tables(qapp, name):
    """Every character outside a table is in the document where the map says; no table hides a heading."""
    from gui.text.document import build_document
    from models import load_report

    report = load_report(ROOT / "tests" / "reports" / name)
    document, textmap = build_document(report, QFont().family(), 12)
    misplaced = []
    for offset, expected in enumerate(report.text):
        position = textmap.position_of_offset(offset)
        if position is None:
            continue
        shown = document.characterAt(position)
        if shown != ("\u2029" if expected == "\n" else expected):
            misplaced.append((offset, expected, shown))
    assert misplaced[:5] == []
    hidden = [s.heading for s in report.walk() if textmap.table_at_offset(s.start) is not None]
    assert hidden == []
    assert len(textmap.tables) == sum(1 for table in report.tables if table.rows)


def test_headings_are_styled_and_leftovers_dimmed(window, sanming):
    """一、概述 is bold and larger than the body text, the page's leftover footer is grey, the title centred
    and a repaired heading coloured."""
    document = window.view.text.document()
    textmap = window.view.text.text_map()
    heading = document.findBlock(textmap.position_of_line(8))
    assert heading.text() == "一、概述"
    cursor = QTextCursor(heading)
    cursor.movePosition(QTextCursor.MoveOperation.Right)
    assert cursor.charFormat().font().bold()
    assert cursor.charFormat().fontPointSize() > window.view.text.point_size()
    leftover = sanming.leftovers[-1]
    cursor.setPosition(textmap.position_of_offset(leftover.start) + 1)
    assert cursor.charFormat().foreground().color() == QColor("#8c8c8c")
    title = document.findBlock(textmap.position_of_line(1))
    assert title.text() == TITLE and title.blockFormat().alignment() & Qt.AlignmentFlag.AlignHCenter
    cursor.setPosition(textmap.position_of_line(22) + 1)  # "4)主动公开…", its number repaired to （4）
    assert cursor.charFormat().foreground().color() == QColor(document_colors(False).repaired)


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


def test_indicator_row_scrolls_the_text_to_its_row(qtbot, window, sanming):
    """Choosing a row in the indicator panel brings that row of the appendix to the top of the text."""
    qtbot.waitUntil(
        lambda: window.view.indicator_panel is not None and hasattr(window.view.indicator_panel, "select_row")
    )
    assert window.view.side_tabs.tabText(0) == "指标"
    row = sanming.tables[0].rows[3]
    window.view.indicator_panel.row_activated.emit(row)
    assert window.view.text.top_line() == row.line
    window.view.indicator_panel.log_scale_changed.emit(True)
    assert window.settings.log_scale() is True


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


def test_level_keys_and_expand_all_shape_the_tree(qtbot, window):
    """Ctrl+1 leaves only the six top headings open to view, Ctrl+2 opens them, Ctrl+Shift+E opens every one."""
    tree = window.view.outline.tree
    top = tree.model().index(0, 0)  # 一、概述
    first_child = tree.model().index(0, 0, top)  # （一）以政务公开助力稳增长
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert not tree.isExpanded(top)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert tree.isExpanded(top) and not tree.isExpanded(first_child)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tree.isExpanded(first_child)
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not tree.isExpanded(top)


def test_find_starts_from_the_words_selected(qtbot, window):
    """Ctrl+F with a phrase selected in the text puts that phrase in the find bar; a selection spanning
    paragraphs is not taken."""
    text = window.view.text
    cursor = text.textCursor()
    cursor.setPosition(text.text_map().position_of_line(12))
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 4)
    text.setTextCursor(cursor)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.view.find_bar.text() == cursor.selectedText() != ""
    window.view.find_bar.close_bar()
    cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor, 3)
    text.setTextCursor(cursor)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.view.find_bar.text() == cursor.selectedText()[:4]  # the earlier phrase, still there


def test_alt_keys_move_the_focus_between_the_panes(qtbot, window):
    """Alt+1 puts the keyboard focus in the tree, Alt+2 in the text, Alt+3 in the side panel, Ctrl+L in the
    outline's filter box."""
    window.activateWindow()
    qtbot.waitUntil(lambda: window.view.indicator_panel is not None)
    view = window.view
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.outline.tree.hasFocus)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.text.hasFocus)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.side_tabs.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(view.outline.filter_edit.hasFocus)


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
QTest.qWait(300)
after = {name for name in ("pandas", "pyqtgraph") if name in sys.modules}
print(sorted(before), sorted(after), type(window.view.indicator_panel).__name__)
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]", "['pandas',", "'pyqtgraph']", "IndicatorPanel"]


def test_corrupt_settings_open_the_window_with_defaults_and_a_note(qtbot, tmp_path):
    """A damaged settings file and one of another version: the window opens the report with its defaults
    and says in the status bar what it ignored."""
    path = tmp_path / "s.ini"
    path.write_text("[v1]\nview\\\\zoom=abc\n[[[broken\n[v2]\nview\\\\zoom=5\n", encoding="utf-8")
    window = MainWindow(Settings(QSettings(str(path), QSettings.Format.IniFormat)), QFont().family())
    qtbot.addWidget(window)
    window.show()
    window.open_files([SANMING])
    assert window.view is not None and window.view.text.zoom() == 0
    message = window.statusBar().currentMessage()
    assert message.startswith("设置已忽略：") and "默认设置" in message
