"""Taking the report in front away: printing it, saving it as PDF, exporting its outline, tables, checks
or chart, copying a section or the chart.

These are the handlers `gui.window.commands.COMMANDS` points to for 文件 and 编辑. Each takes the window; the
table runs them only while a report is in front, so `window.view` is there. Printing, the exports and the
dialogs are imported when used: none of them is needed for the window's first frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gui.window.main_window import MainWindow

# What each export writes, in the file dialog's words: kind -> (dialog title, {format: filter}).
EXPORTS = {
    "outline": ("导出目录", {"md": "Markdown (*.md)", "json": "JSON (*.json)", "csv": "CSV (*.csv)"}),
    "tables": ("导出表格", {"xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)", "json": "JSON (*.json)"}),
    "checks": ("导出核对结果", {"csv": "CSV (*.csv)", "xlsx": "Excel (*.xlsx)", "json": "JSON (*.json)"}),
}
CHART_FORMATS = {"png": "PNG 图片 (*.png)", "svg": "SVG 图形 (*.svg)"}


def print_report(window: MainWindow) -> None:
    from gui.window.printing import print_document

    try:
        print_document(window.view.report, window, window.font_family)
    except OSError as error:  # "print to file" naming a link, a folder or a full disk
        _failed(window, "打印到文件", error)


def preview_report(window: MainWindow) -> None:
    from gui.window.printing import print_preview

    print_preview(window.view.report, window, window.font_family)


def save_as_pdf(window: MainWindow) -> None:
    from gui.window.printing import save_pdf

    if (target := _save_name(window, "保存为 PDF", {"pdf": "PDF (*.pdf)"}, "打印")) is None:
        return
    try:
        save_pdf(window.view.report, target[0], window.font_family)
    except OSError as error:
        _failed(window, "保存 PDF ", error)


def export(window: MainWindow, kind: str) -> None:
    """Write the report's outline, tables or checks (`kind`, a key of EXPORTS) to a file the reader names."""
    from models.export.writing import write_export

    title, filters = EXPORTS[kind]
    if (target := _save_name(window, title, filters, kind)) is None:
        return
    path, fmt = target
    if fmt not in filters:
        _say(window, f"不支持的格式：.{fmt}")
        return
    try:
        write_export(window.view.report, kind, fmt, path)
    except OSError as error:
        _failed(window, "导出", error)


def export_chart(window: MainWindow) -> None:
    if (chart := _chart(window)) is None or (target := _save_name(window, "导出图表", CHART_FORMATS, "图表")) is None:
        return
    path, fmt = target
    try:
        (chart.export_svg if fmt == "svg" else chart.export_png)(path)
    except OSError as error:
        _failed(window, "导出图表", error)


def copy_section(window: MainWindow) -> None:
    """Copy the text of the section current in the outline, its heading first."""
    from gui.window.clipboard import copy_section_text

    if (section := window.view.current_section()) is not None:
        copy_section_text(window.view.report, section)


def copy_chart(window: MainWindow) -> None:
    from gui.window.clipboard import copy_plot

    if (chart := _chart(window)) is not None:
        copy_plot(chart)


def _chart(window: MainWindow) -> Any:
    chart = window.view.chart()
    if chart is None:
        _say(window, "这份报告没有可绘制的统计图表。")
    return chart


def _save_name(window: MainWindow, title: str, suffix_filters: dict[str, str], stem: str) -> tuple[Path, str] | None:
    """The file the reader chose and its format (from its suffix, else the filter chosen), or None."""
    first = next(iter(suffix_filters))
    from PySide6.QtWidgets import QFileDialog  # dialogs are imported when used: their enums slow the start

    base = f"{window.view.report.title or '报告'}-{stem}"
    path, chosen = QFileDialog.getSaveFileName(window, title, f"{base}.{first}", ";;".join(suffix_filters.values()))
    if not path:
        return None
    fmt = next((f for f, text in suffix_filters.items() if text == chosen), first)
    if not Path(path).suffix:
        path = f"{path}.{fmt}"
    return Path(path), Path(path).suffix.lstrip(".").lower() or fmt


def _say(window: MainWindow, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(window, "年报阅读器", message)


def _failed(window: MainWindow, what: str, error: OSError) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(window, "年报阅读器", f"{what}失败：{error}")
