"""The 指标 table as a spreadsheet: Shift+arrows extend the selection, Ctrl+A takes all, and Ctrl+C copies the block
with its row and column names, ready to paste into a spreadsheet."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.conftest import ROOT, shown_panel
from tests.test_indicators import sanming_table

SHANGHAI = ROOT / "tests" / "reports" / "shanghai-office-2019.html"


@pytest.fixture(scope="module")
def shanghai():
    from models import load_report

    return load_report(SHANGHAI)


@pytest.fixture
def clipboard(qapp):
    board = QGuiApplication.clipboard()
    board.clear()
    return board


def cells(view) -> set[tuple[int, int]]:
    return {(index.row(), index.column()) for index in view.selectionModel().selectedIndexes()}


def click(qtbot, view, row: int, column: int) -> None:
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def select(view, top: int, left: int, bottom: int, right: int) -> None:
    model = view.model()
    selection = QItemSelection(model.index(top, left), model.index(bottom, right))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def line_of(model, name: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data().strip("\u3000") == name)


def test_shift_arrows_extend_the_selection(qtbot):
    """From the 2017 cell of 主动公开文件数, Shift+Down and Shift+Right make a two-by-two block; Down alone moves."""
    panel = shown_panel(qtbot, [sanming_table()], 700)
    view = panel.table_view()
    click(qtbot, view, 0, 2)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert cells(view) == {(0, 2), (1, 2), (0, 3), (1, 3)}
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert cells(view) == {(2, 3)}
    assert panel.selected_row() is panel.current_table().rows[2]


def test_ctrl_a_selects_the_whole_table(qtbot):
    """Ctrl+A in the table selects every cell of it."""
    panel = shown_panel(qtbot, [sanming_table()], 700)
    view = panel.table_view()
    click(qtbot, view, 3, 2)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    model = view.model()
    assert len(cells(view)) == model.rowCount() * model.columnCount()


def test_ctrl_c_copies_the_block_with_its_row_and_column_names(qtbot, clipboard):
    """A block of 2017 and 历年累计 for two rows goes out as a line of column names and a line per row under its
    name (a child under its parent's), the figures as digits, tab-separated, and as an HTML table."""
    panel = shown_panel(qtbot, [sanming_table()], 700)
    view = panel.table_view()
    click(qtbot, view, 0, 2)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text().split("\n") == [
        "指标名称\t2017\t历年累计",
        "主动公开文件数\t34073\t364686",
        "主动公开文件数/政府网站公开数\t34073\t311468",
    ]
    assert "<td>364686</td>" in clipboard.mimeData().html()


def test_a_ragged_selection_keeps_its_columns(qtbot, clipboard):
    """Cells picked in different columns of different rows stay in their own columns, with both columns' names."""
    panel = shown_panel(qtbot, [sanming_table()], 700)
    view = panel.table_view()
    select(view, 0, 2, 0, 2)
    view.selectionModel().select(view.model().index(3, 3), QItemSelectionModel.SelectionFlag.Select)
    assert view.copy_selection().split("\n") == [
        "指标名称\t2017\t历年累计",
        "主动公开文件数\t34073\t",
        "受理政府信息公开申请总数\t\t1844",
    ]


def test_merged_header_cells_give_the_columns_path(qtbot, clipboard, shanghai):
    """Under the merged header 法人或其他组织, the 商业企业 column is copied as 法人或其他组织/商业企业; a blank cell
    stays blank and each result is named under its group."""
    panel = shown_panel(qtbot, shanghai.tables, 900)
    panel.set_current_table(next(i for i, t in enumerate(shanghai.tables) if t.kind == "applications"))
    view = panel.table_view()
    first = line_of(view.model(), "（一）予以公开")
    select(view, first, 1, first + 1, 2)
    assert view.copy_selection().split("\n") == [
        "指标名称\t自然人\t法人或其他组织/商业企业",
        "三、本年度办理结果/（一）予以公开\t258\t12",
        "三、本年度办理结果/（二）部分公开\t3\t",
    ]


def test_each_active_block_brings_its_own_column_names(qtbot, clipboard, shanghai):
    """Copying the whole 主动公开 table gives each 第二十条 block its own line of column names before its rows."""
    panel = shown_panel(qtbot, shanghai.tables, 900)
    panel.set_current_table(next(i for i, t in enumerate(shanghai.tables) if t.kind == "active"))
    view = panel.table_view()
    view.selectAll()
    lines = view.copy_selection().split("\n")
    assert lines[0] == "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"
    assert "第二十条第（一）项/规章\t13\t13\t524" in lines
    block_five = lines.index("信息内容\t上一年项目数量\t本年增/减\t处理决定数量")
    assert lines[block_five + 1] == "第二十条第（五）项/行政许可\t0\t0\t0"


def test_in_the_window_ctrl_c_and_ctrl_a_act_on_the_table(sanming_window, qtbot, clipboard):
    """With the 指标 table focused in the window, Ctrl+A and Ctrl+C take the table, not the report's text (whose
    menu commands have the same keys)."""
    window = sanming_window
    window.view.focus_side_panel()
    panel = window.view.indicator_panel
    view = panel.table_view()
    qtbot.waitUntil(lambda: view.isVisible())
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(cells(view)) == view.model().rowCount() * view.model().columnCount()
    assert not window.view.text.textCursor().hasSelection()
    select(view, 3, 2, 3, 2)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "指标名称\t2017\n受理政府信息公开申请总数\t154"
