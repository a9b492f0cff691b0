"""Moving about the Sanming 2017 report in the window: tree and text in step, find, zoom, the tree's levels and
the keys that move between the panes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from gui.outline.model import SECTION_ROLE
from gui.window.main_window import MainWindow

# Line 16 of the report: "(1)深入开展政策解读工作。…", under 一、 › (一) › 1.
DEEP_LINE = 16
DEEP_PATH = "一、概述 › （一）以政务公开助力稳增长 › 1.加强预期引导 › （1）深入开展政策解读工作"


@pytest.fixture
def window(sanming_window):
    return sanming_window


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
    assert window.status.path_label.text() == DEEP_PATH
    assert window.view.text.hasFocus() and not tree.hasFocus()


def test_scrolling_by_the_scroll_bar_follows_the_section(qtbot, window):
    """Dragging the scroll bar to the end makes the last section （二）附表 current."""
    bar = window.view.text.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert window.view.outline.current_section().heading == "（二）附表"
    assert window.status.path_label.text() == "六、需要说明的其他事项与附表 › （二）附表"


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
