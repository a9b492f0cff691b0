"""The window's File/Edit/View/Help actions for taking results away: PDF, exports, chart, copy, theme, guide."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from tests.conftest import SANMING


@pytest.fixture
def window(qtbot, shown_window):
    widget = shown_window
    widget.open_report(SANMING)
    qtbot.waitUntil(lambda: widget.view is not None and widget.view.indicator_panel is not None, timeout=20000)
    return widget


def save_as(monkeypatch, path, chosen=""):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), chosen))


def test_save_as_pdf_writes_the_report(window, monkeypatch, tmp_path):
    """文件 → 保存为 PDF writes a PDF whose text holds the report's headings."""
    from pypdf import PdfReader

    from gui.window.printing import print_font_family

    # The reader prints in the bundled face, as run_app gives it; the test window's default font may hold no Hanzi.
    window.font_family = print_font_family()
    target = tmp_path / "report.pdf"
    save_as(monkeypatch, target)
    window.commands.action("pdf").trigger()
    reader = PdfReader(str(target))
    text = "".join(page.extract_text() for page in reader.pages[:2])
    assert "概述" in text
    top = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert top[:2] == ["一、概述", "二、主动公开政府信息的情况"] and len(top) == 6


def test_export_tables_as_csv_from_the_menu(window, monkeypatch, tmp_path):
    """文件 → 导出 → 导出表格 writes the appendix's figures to the chosen CSV file."""
    target = tmp_path / "tables.csv"
    save_as(monkeypatch, target, "CSV (*.csv)")
    window.commands.action("export_tables").trigger()
    rows = list(csv.reader(target.read_text("utf-8-sig").splitlines()))
    flat = {cell for row in rows for cell in row}
    assert {"主动公开文件数", "34073", "364686"} <= flat


def test_export_chart_as_png(window, monkeypatch, tmp_path):
    """文件 → 导出 → 导出图表 saves the bar chart as a PNG image."""
    target = tmp_path / "chart.png"
    save_as(monkeypatch, target, "PNG 图片 (*.png)")
    window.commands.action("export_chart").trigger()
    image = QImage(str(target))
    assert not image.isNull() and image.width() > 100


def test_copy_section_text_puts_the_chosen_section_on_the_clipboard(window, qtbot):
    """编辑 → 复制本节文字 copies the section chosen in the tree, heading first."""
    view = window.view
    section = view.report.sections[1]
    view.outline.show_section(section)
    window.commands.action("copy_section").trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("二、主动公开政府信息的情况")
    assert "42514" in copied


def test_dark_theme_turns_the_chart_dark_and_is_remembered(window):
    """视图 → 外观 → 深色 darkens the window and the chart; the choice is saved."""
    window.theme.set_mode("dark")
    try:
        assert QApplication.palette().window().color().lightness() < 100
        assert window.view.indicator_panel.chart().dark()
        assert window.settings.theme_mode() == "dark"
    finally:
        window.theme.set_mode("light")
    assert not window.view.indicator_panel.chart().dark()


def test_ctrl_c_in_the_indicator_table_copies_the_row_for_a_spreadsheet(window, qtbot):
    """Ctrl+C in the 指标 table puts the chosen row on the clipboard under a line of column names, cells separated
    by tabs."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    table = window.view.indicator_panel.findChild(QTableView)
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    names, first_row = (line.split("\t") for line in QGuiApplication.clipboard().text().split("\n"))
    assert names[:4] == ["指标名称", "计量单位", "2017", "历年累计"]
    assert first_row[:4] == ["主动公开文件数", "", "34073", "364686"]


def test_the_window_carries_the_application_icon(qtbot, window):
    """The program's icon (resources/icons/nianbao.svg) is the window's icon, given right after it shows."""
    qtbot.waitUntil(lambda: not window.windowIcon().isNull())
    pixmap = window.windowIcon().pixmap(48, 48)
    assert not pixmap.isNull() and pixmap.width() == 48
