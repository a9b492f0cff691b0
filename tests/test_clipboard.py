"""Copying to the clipboard: a section's text, a table's selected cells for a spreadsheet, the chart as an image."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QTableView

from gui.indicators.panel import IndicatorPanel
from gui.indicators.plot import EXPORT_SCALE
from gui.indicators.table_model import IndicatorTableModel
from gui.window.clipboard import copy_plot, copy_section_text, copy_table_cells


@pytest.fixture
def clipboard(qapp):
    board = QGuiApplication.clipboard()
    board.clear()
    return board


@pytest.fixture
def table_view(qtbot, sanming):
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(IndicatorTableModel(sanming.tables[0], view))
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    return view


def select(view: QTableView, top: int, left: int, bottom: int, right: int) -> None:
    model = view.model()
    selection = QItemSelection(model.index(top, left), model.index(bottom, right))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)


def section(report, heading: str):
    return next(s for s in report.walk() if s.heading == heading)


def test_section_text_runs_from_its_heading_to_the_next_section(clipboard, sanming):
    """Copying 四、 gives its heading and its one paragraph, and stops before 五、."""
    copied = copy_section_text(sanming, section(sanming, "四、因政府信息公开申请行政复议、提起行政诉讼的情况"))
    assert clipboard.text() == copied
    assert copied.startswith("四、因政府信息公开申请行政复议、提起行政诉讼的情况")
    assert "2017年，全市未发生因政府信息公开产生的行政复议、行政诉讼和行政申诉案件" in copied.replace(",", "，")
    assert "五、" not in copied
    assert not copied.endswith("\n")


def test_section_text_includes_its_subsections(clipboard, sanming):
    """Copying 二、 takes its five subsections along, the figures in them as the report gives them."""
    copy_section_text(sanming, section(sanming, "二、主动公开政府信息的情况"))
    text = clipboard.text()
    for heading in ("（一）主动公开政府信息的数量", "（五）回应社会关切情况"):
        assert section(sanming, heading).title in text
    assert "三、政府信息依申请公开办理情况" not in text


def test_selected_cells_paste_into_a_spreadsheet_as_rows_and_columns(clipboard, table_view):
    """Two rows by four columns go out as two tab-separated lines, figures without thousands separators."""
    select(table_view, 0, 0, 1, 3)
    copied = copy_table_cells(table_view)
    assert clipboard.text() == copied
    assert copied.split("\n") == ["主动公开文件数\t\t34073\t364686", "政府网站公开数\t\t34073\t311468"]
    assert "<td>34073</td>" in clipboard.mimeData().html()


def test_ragged_selection_keeps_columns_aligned(clipboard, table_view):
    """Cells picked in different columns of different rows land in their own columns, gaps left empty."""
    select(table_view, 0, 2, 0, 2)
    select(table_view, 3, 3, 3, 3)
    assert copy_table_cells(table_view).split("\n") == ["34073\t", "\t1844"]


def test_nothing_selected_copies_nothing(clipboard, table_view):
    """With no selection the clipboard is left empty rather than holding a stray tab."""
    assert copy_table_cells(table_view) == ""
    assert clipboard.text() == ""


def test_panel_row_copies_whole(qtbot, clipboard, sanming):
    """In the indicator panel, which selects whole rows, copying gives the chosen row with its share."""
    panel = IndicatorPanel(sanming.tables)
    qtbot.addWidget(panel)
    panel.select_row(sanming.tables[0].rows[3])
    assert copy_table_cells(panel.table_view()) == "受理政府信息公开申请总数\t\t154\t1844\t8.4%"


def test_plot_copies_as_an_image(qtbot, clipboard, sanming):
    """Copying the chart puts an image of it, at twice its size, on the clipboard."""
    panel = IndicatorPanel(sanming.tables)
    qtbot.addWidget(panel)
    panel.resize(520, 900)
    panel.show()
    qtbot.waitExposed(panel)
    chart = panel.chart()
    copy_plot(chart)
    image = clipboard.image()
    assert not image.isNull()
    size = chart.plot_widget().getPlotItem().sceneBoundingRect().size().toSize()
    assert image.size() == size * EXPORT_SCALE
